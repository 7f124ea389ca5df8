# slice objects: slice(stop), slice(start, stop[, step]) as subscripts of lists, tuples,
# strings, bytearrays (reading, assigning, deleting), their start/stop/step, indices(len)
# (clamped to the length, negative steps, huge bounds), equality and ordering as tuples,
# reprs, frames cut by a table of named slices as gateway code does, a class whose
# __getitem__ receives the slice of obj[a:b:c], the errors, and a cycle through a slice.
from __future__ import print_function
import gc

gc.collect()

frame = [0x7e, 0x00, 0x0a, 0x90, 0x13, 0xa2, 0x00, 0x40, 0x52, 0x2b, 0xaa, 0x01, 0x55]
FIELDS = [('start', slice(0, 1)), ('length', slice(1, 3)), ('type', slice(3, 4)),
          ('address', slice(4, 12)), ('checksum', slice(-1, None))]
for name, part in FIELDS:
    print(name, frame[part], part)
print(frame[slice(None, None, 4)], frame[slice(10, 2, -3)], frame[slice(100)], frame[slice(-100, 2)])

word = 'gateway'
print(word[slice(3)], word[slice(1, None, 2)], word[slice(None, None, -1)], word[slice(2, 2)])
t = (1, 2, 3, 4, 5)
print(t[slice(1, 4)], t[slice(None)], t[slice(None, None, 2)])
buf = bytearray(b'hello world')
print(buf[slice(0, 5)], buf[slice(6, None)])
buf[slice(0, 5)] = b'HELLO'
del buf[slice(5, 6)]
print(buf)

data = list(range(10))
data[slice(2, 5)] = ['a', 'b']
print(data)
data[slice(None, None, 3)] = ['x', 'y', 'z']
print(data)
del data[slice(1, None, 2)]
print(data)
del data[slice(None, 2)]
print(data)

s = slice(2, 20, 3)
print(s.start, s.stop, s.step, slice(5).start, slice(5).stop, slice(5).step)
print(s.indices(10), s.indices(100), slice(None, None, -1).indices(5), slice(-3, None).indices(5))
print(slice(-100, 100).indices(7), slice(10 ** 20).indices(4), slice(3, 1, -1).indices(2))
print(slice(1, 2) == slice(1, 2), slice(1, 2) == slice(1, 2, None), slice(1, 2) != slice(1, 3))
print(slice(1, 2) < slice(1, 3), slice(2) > slice(1), slice(1, 2) == (1, 2), slice(0) == 0)
print(sorted([slice(3), slice(1), slice(2)]))
print([slice(1), slice(2)].index(slice(2)), slice(1, 2) in [slice(0), slice(1, 2)])
print(repr(slice(1.5, 'a', [1])), str(slice(None)), type(slice(1)).__name__, isinstance(s, slice))
print(slice(True)(1) if False else [1, 2, 3][slice(True)])


class Window(object):
    def __init__(self, items):
        self.items = items

    def __getitem__(self, key):
        if isinstance(key, slice):
            return ('slice', key.start, key.stop, key.step, self.items[key])
        return ('index', key)

    def __setitem__(self, key, value):
        print('set', key, value)

    def __delitem__(self, key):
        print('del', key)


w = Window([10, 20, 30, 40, 50])
print(w[1:3])
print(w[::2])
print(w[slice(-2, None)])
print(w[3])
w[1:2:1] = 'v'
del w[::-1]

# errors
for bad in [(), (1, 2, 3, 4)]:
    try:
        slice(*bad)
    except TypeError as e:
        print('TypeError', e)
try:
    slice(1, step=2)
except TypeError as e:
    print('TypeError', e)
for args in [(1, 2, 0), ('a', 2), (1.5,)]:
    try:
        [1, 2, 3][slice(*args)]
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
try:
    slice(1, 2, 0).indices(3)
except ValueError as e:
    print('ValueError', e)
try:
    slice('a').indices(3)
except TypeError as e:
    print('TypeError', e)
try:
    slice(1, 2).start = 3
except (TypeError, AttributeError) as e:
    print(type(e).__name__, e)
try:
    (1, 2, 3)[slice(1)] = (0,)
except TypeError as e:
    print('TypeError', e)
try:
    len(slice(1))
except TypeError as e:
    print('TypeError', e)
try:
    slice(3) + 1
except TypeError as e:
    print('TypeError', e)
try:
    data[slice(0, 2, 1) if False else slice(0, 4, 2)] = [1]
except ValueError as e:
    print('ValueError', e)

# a slice holding the list that holds it: GC-tracked on 2.7 and 3.x
gc.collect()
parts = []
parts.append(slice(0, parts))
parts.append(slice([parts], None, None))
del parts
print('slice cycle', gc.collect())

# Tuples and unpacking: packing, swapping, nested targets, unpacking in for loops and
# function returns, tuple methods, comparison and concatenation.
from __future__ import print_function

t = (1, 2, 3)
a, b, c = t
print(a, b, c)
a, b = b, a
print(a, b)
x, (y, z) = 1, (2, 3)
print(x, y, z)
(p, q), (r, s) = [(1, 2), 'ab']
print(p, q, r, s)
[m, n] = 'xy'
print(m, n)
(i, (j, (k, l))) = (1, (2, (3, 4)))
print(i + j + k + l)
for name, (lo, hi) in [('a', (1, 2)), ('b', (3, 4))]:
    print(name, lo, hi, hi - lo)
for idx, (key, val) in enumerate(sorted({'k1': 1, 'k2': 2}.items())):
    print(idx, key, val)
def minmax(seq):
    return min(seq), max(seq)
lo, hi = minmax([4, 9, 1, 7])
print(lo, hi)
res = minmax('hello')
print(res, type(res).__name__, len(res))
single = (5,)
empty = ()
print(single, empty, len(single), len(empty), (5), type((5)).__name__)
print(t + (4, 5), t * 2, t[::-1], t.index(2), (1, 2, 1, 1).count(1))
print((1, 2) < (1, 3), (1, 2) < (1, 2, 0), (2,) > (1, 9), (1, 2) == (1, 2), () < (0,))
print(tuple([1, 2]), tuple('ab'), tuple(), tuple(range(3)))
print(3 in t, 7 in t, (1, 2) in [(1, 2)])
nested = ((1, 2), (3, 4))
print([a * b for a, b in nested], dict(nested)[3])
u = 1, 2
v = u,
print(u, v, len(v))
first, second, third = [10, 20, 30]
print(first, second, third)
a = b = c = 7
print(a, b, c)
a, b = b + 1, a + 2
print(a, b)
lst = [1, 2, 3]
lst[0], lst[2] = lst[2], lst[0]
print(lst)
i = 0
i, lst[i] = 1, 'x'
print(i, lst)
try:
    a, b = [1, 2, 3]
except ValueError as e:
    print('ValueError')
try:
    a, b, c = (1, 2)
except ValueError as e:
    print('ValueError')
try:
    t[0] = 9
except TypeError as e:
    print('TypeError')
pts = [(3, 'c'), (1, 'a'), (2, 'b')]
print(sorted(pts), sorted(pts, key=lambda pt: pt[1], reverse=True))
print(max(pts), min(pts)[1], [name for _, name in pts])
print(list(zip(*pts)))

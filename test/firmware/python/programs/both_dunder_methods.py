# Special methods: __str__/__repr__, __eq__/__ne__/__lt__ (sorting), __len__,
# __getitem__ (indexing and the old iteration protocol), __contains__, __call__,
# __add__, __bool__/__nonzero__, and str() of containers holding instances.
from __future__ import print_function
class Vec(object):
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __repr__(self):
        return 'Vec(%r, %r)' % (self.x, self.y)
    def __str__(self):
        return '<%s,%s>' % (self.x, self.y)
    def __eq__(self, other):
        return isinstance(other, Vec) and (self.x, self.y) == (other.x, other.y)
    def __ne__(self, other):
        return not self.__eq__(other)
    def __lt__(self, other):
        return (self.x * self.x + self.y * self.y) < (other.x * other.x + other.y * other.y)
    def __add__(self, other):
        return Vec(self.x + other.x, self.y + other.y)
    def __len__(self):
        return 2
    def __getitem__(self, i):
        return (self.x, self.y)[i]
    def __contains__(self, v):
        return v == self.x or v == self.y
    def __call__(self, scale):
        return Vec(self.x * scale, self.y * scale)
    def __bool__(self):
        return bool(self.x or self.y)
    __nonzero__ = __bool__
a, b = Vec(1, 2), Vec(3, -1)
print(a, repr(a), str(b), [a, b], (a,), '%s %r' % (a, b))
print(a == Vec(1, 2), a == b, a != b, a != Vec(1, 2), a == 'x')
print(a < b, b < a, sorted([Vec(5, 5), a, Vec(0, 1), b]), min(b, a), max([a, b]))
print(a + b, len(a), a[0], a[-1], a[1], 2 in a, 7 in a, 7 not in a)
print(list(a), tuple(b), a(10), a(2)(3))
print(bool(Vec(0, 0)), bool(a), 'truthy' if Vec(0, 1) else 'falsy', not Vec(0, 0))
x, y = b
print(x, y)
class Countdown(object):
    def __init__(self, n):
        self.n = n
    def __getitem__(self, i):
        if i >= self.n:
            raise IndexError(i)
        return self.n - i
print(list(Countdown(4)), [v * 2 for v in Countdown(3)], 2 in Countdown(3), sum(Countdown(5)))
class Registry(object):
    def __init__(self):
        self.data = {}
    def __setitem__(self, k, v):
        self.data[k] = v
    def __getitem__(self, k):
        return self.data[k]
    def __delitem__(self, k):
        del self.data[k]
    def __len__(self):
        return len(self.data)
    def __contains__(self, k):
        return k in self.data
r = Registry()
r['a'] = 1
r['b'] = 2
del r['a']
print(len(r), 'a' in r, 'b' in r, r['b'], bool(r), bool(Registry()))

# Slicing: positive and negative bounds, steps including negative steps, out-of-range
# bounds, slice assignment (growing, shrinking, extended) and slice deletion.
from __future__ import print_function

a = list(range(10))
print(a[2:5], a[:3], a[7:], a[-3:], a[:-7], a[-5:-2], a[5:2])
print(a[::2], a[1::2], a[::3], a[::-1], a[::-2], a[8:2:-2], a[-2:-8:-3])
print(a[100:], a[-100:2], a[3:100], a[5:-100:-1], a[:], a[::-1][::-1] == a)
b = a[:]
b[2:4] = ['x', 'y', 'z']
print(b)
b[0:0] = [-2, -1]
print(b)
b[-1:] = []
print(b)
b[3:6] = []
print(b)
b[:] = 'abc'
print(b)
c = list(range(8))
c[::2] = ['e0', 'e2', 'e4', 'e6']
print(c)
c[1::3] = [10, 40, 70]
print(c)
c[::-1] = list(range(8))
print(c)
d = list(range(10))
del d[1:3]
print(d)
del d[::2]
print(d)
del d[-1]
print(d)
del d[:]
print(d, len(d))
e = list(range(12))
del e[10:2:-3]
print(e)
try:
    e[::2] = [1, 2]
except ValueError as err:
    print('ValueError', err)
t = (0, 1, 2, 3, 4, 5)
print(t[1:4], t[::-2], t[-2:], t[4:1:-1], t[:0])
s = 'abcdefgh'
print(s[1:7:2], s[::-3], s[-1::-2], s[6:1:-2])
f = [1, 2, 3]
f[1:2] = [20, 21, 22]
f[len(f):] = [4]
print(f)
g = [1, 2, 3, 4, 5]
g[1:4] = g[3:0:-1]
print(g)
h = [0] * 5
for i in range(5):
    h[i:i + 1] = [i * 10]
print(h)
rows = [[r * 3 + c for c in range(3)] for r in range(3)]
print([row[1:] for row in rows], [row[::-1] for row in rows][::-1])
col = [row[0] for row in rows]
print(col, rows[1][-1], rows[-1][:2])

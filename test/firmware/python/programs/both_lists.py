# List methods: append, extend, insert, pop, remove, index, count, sort (with key and
# reverse), reverse, concatenation, repetition, += and membership.
from __future__ import print_function

a = [3, 1, 4, 1, 5]
a.append(9)
print(a, len(a))
a.extend([2, 6])
a.extend((5, 3))
print(a)
a.insert(0, 'first')
a.insert(3, 'mid')
a.insert(100, 'last')
a.insert(-1, 'penult')
print(a)
print(a.pop(), a.pop(0), a.pop(2), a.pop(-2))
print(a)
a.remove(1)
print(a, a.index(5), a.index(5, 4), a.count(5), a.count(42))
b = [5, 2, 8, 1, 9, 3]
b.sort()
print(b)
b.sort(reverse=True)
print(b)
words = ['pear', 'Fig', 'apple', 'kiwi', 'banana', 'date']
words.sort(key=len)
print(words)
words.sort(key=lambda w: w.lower())
print(words)
words.sort(key=lambda w: (len(w), w), reverse=True)
print(words)
pairs = [(2, 'b'), (1, 'z'), (2, 'a'), (1, 'a')]
pairs.sort()
print(pairs)
pairs.sort(key=lambda p: p[1])
print(pairs)
c = [1, 2, 3]
c.reverse()
print(c, c + [4, 5], c * 2, [0] * 3, [] * 5)
d = c
d += [7]
print(c, d is c)
e = c
e = e + [8]
print(c, e, e is c)
print(3 in c, 9 in c, 9 not in c, [1, 2] in [[1, 2], [3]])
print([1, 2, 3] == [1, 2, 3], [1, 2] < [1, 3], [1, 2] < [1, 2, 0], [] < [0], [2] > [1, 9])
print(list('abc'), list(range(4)), list((1, 2)), list())
nested = [[1, 2], [3, 4]]
copy = list(nested)
copy[0].append(99)
copy.append([5])
print(nested, copy)
m = [0] * 3
m[1] = 'x'
m[-1] = 'y'
print(m, m[-3])
grid = [[0] * 3 for _ in range(2)]
grid[0][1] = 5
print(grid)
s = [4, 2, 7]
t = sorted(s)
print(s, t, sorted(s, reverse=True), sorted('bca'))
stack = []
for i in range(5):
    stack.append(i * i)
while stack:
    print(stack.pop(), end=' ')
print()
print(max([3, 8, 1]), min([3, 8, 1]), sum([[1], [2]], []))
del s[0]
print(s)
print([x for x in [3, 1, 2] if x != 1], [1, 2, 3][::-1][0])

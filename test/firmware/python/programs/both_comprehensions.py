# List comprehensions: conditions, nested loops, nested comprehensions, comprehensions
# over strings, tuples and dict items, and comprehensions fed to builtins.
from __future__ import print_function

print([x * x for x in range(8)])
print([x for x in range(20) if x % 3 == 0])
print([x for x in range(30) if x % 2 if x % 5])
print([(x, y) for x in range(3) for y in range(3) if x != y])
print([x * 10 + y for x in range(1, 4) for y in range(x)])
print([[i * j for j in range(1, 4)] for i in range(1, 4)])
matrix = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
print([row[i] for i in range(3) for row in matrix])
print([[row[i] for row in matrix] for i in range(3)])
print([n for row in matrix for n in row if n % 2 == 0])
print([c.upper() for c in 'hello' if c != 'l'])
print([s.strip() for s in ' a , b,c '.split(',')])
print([(i, c) for i, c in enumerate('abc')])
print([a + b for a, b in zip([1, 2, 3], [10, 20, 30])])
d = {'x': 1, 'y': 2, 'z': 3}
print(sorted([k + str(v) for k, v in d.items()]))
print(sorted([k for k in d if d[k] > 1]))
print([x if x > 2 else -x for x in range(5)])
print([(lambda n: n + 1)(x) for x in range(3)])
print(sum([x for x in range(10)]), max([len(w) for w in ['a', 'abc', 'ab']]))
print(any([x > 3 for x in [1, 2, 5]]), all([x > 0 for x in [1, 2, 0]]))
print(list([x * 2 for x in 'ab']), tuple([x for x in range(3)]))
print(sorted(set([x % 4 for x in range(10)])))
print([[]for _ in range(2)], [[y for y in range(x)] for x in range(4)])
words = ['apple', 'bob', 'kayak', 'level', 'python']
print([w for w in words if w == w[::-1]])
print([len(w) for w in words], [w[0] for w in words if len(w) > 3])
primes = [n for n in range(2, 50) if all([n % p for p in range(2, n)])]
print(primes)
flat = [item for sub in [[1], [2, 3], [], [4, 5, 6]] for item in sub]
print(flat, len(flat))
pairs = [(a, b) for a in range(1, 20) for b in range(a, 20) if a * b == 24]
print(pairs)
table = ['%d*%d=%d' % (i, j, i * j) for i in range(1, 4) for j in range(1, 4) if i <= j]
print(table)
def squares(n):
    return [i * i for i in range(n)]
print(squares(5), [squares(i) for i in range(3)])
offset = 100
print([offset + i for i in range(3)])

# Python 3 dict and set comprehensions: conditions, nested comprehensions, inversion,
# comprehension scope (the loop variable does not leak), insertion-ordered dicts shown
# through list(d), re-insertion after del, and *args calls.
squares = {n: n * n for n in range(6)}
print(list(squares), list(squares.values()), squares[4], len(squares))
evens = {k: v for k, v in squares.items() if v % 2 == 0}
print(list(evens.items()))
inverted = {v: k for k, v in {'a': 1, 'b': 2}.items()}
print(sorted(inverted.items()))
print(sorted({c for c in 'mississippi'}), len({x % 3 for x in range(100)}))
nested = {i: {j: i * j for j in range(3)} for i in range(2)}
print(list(nested), list(nested[1].values()), nested[1][2])
pairs = {(a, b): a * b for a in range(1, 3) for b in range(1, 3) if a <= b}
print(list(pairs.items()))
x = 'outer'
print([x for x in range(3)], {x: 0 for x in 'ab'}['a'], x)
def uses_closure(k):
    return {w: w * k for w in 'xy'}
print(list(uses_closure(2).values()))
order = {}
for k in ['zeta', 'alpha', 'mid']:
    order[k] = len(k)
order['alpha'] = 0
del order['zeta']
order['zeta'] = 9
print(list(order), list(order.values()), list(order.items())[0])
order.pop('alpha')
order['alpha'] = 1
order.update({'mid': -1, 'new': 2})
print(list(order.keys()), next(iter(order)))
copy = dict(order)
copy.setdefault('last', 0)
print(list(copy), list(order))
words = ['apple', 'bob', 'cat', 'avocado', 'banana']
by_letter = {}
for w in words:
    by_letter.setdefault(w[0], []).append(w)
print(list(by_letter.items()))
lengths = {w: len(w) for w in words if len(w) > 3}
print(list(lengths.items()), max(lengths, key=lengths.get))
print({k: v for k, v in zip('abc', range(3))} == dict(a=0, b=1, c=2))
counts = {}
for ch in 'hello world':
    if ch != ' ':
        counts[ch] = counts.get(ch, 0) + 1
print(list(counts.items())[:4], [k for k, v in counts.items() if v > 1])
multi = {len(w): w for w in words}
print(list(multi.items()))
def total(*nums):
    return sum(nums)
args = [1, 2, 3]
print(total(*args), total(*range(5)), total(), total(*[x * 2 for x in args]))
print({frozenset([1, 2]), frozenset([2, 1])} == {frozenset([1, 2])})
print({n % 4 for n in range(10) if n > 2} == set([0, 1, 2, 3]), len({}), len(set()))
matrix = {r: [r * 3 + c for c in range(3)] for r in range(3)}
print(matrix[2], [row[0] for row in matrix.values()], {v for row in matrix.values() for v in row if v % 4 == 0} == {0, 4, 8})

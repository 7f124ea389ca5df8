# Sets: construction, add/discard/remove/pop-free operations, union, intersection,
# difference, symmetric difference, subset tests, frozenset; printed sorted.
from __future__ import print_function

s = set([3, 1, 2, 3, 1])
print(sorted(s), len(s), 2 in s, 5 in s, 5 not in s)
s.add(4)
s.add(1)
print(sorted(s))
s.discard(10)
s.discard(4)
s.remove(3)
print(sorted(s))
try:
    s.remove(99)
except KeyError as e:
    print('KeyError', e)
a = set('abracadabra')
b = set('alacazam')
print(sorted(a), sorted(b))
print(sorted(a | b), sorted(a & b), sorted(a - b), sorted(b - a), sorted(a ^ b))
print(sorted(a.union(b)), sorted(a.intersection(b)), sorted(a.difference(b)))
print(sorted(a.symmetric_difference(b)), a.isdisjoint(set('xyz')), a.isdisjoint(b))
print(set('ab') <= a, set('ab') < a, a <= a, a < a, a >= set('a'), set('az').issubset(a))
print(a.issuperset('abc'), set() == set([]), set([1, 2]) == set([2, 1]), set([1]) != set([2]))
c = set()
for w in 'the cat and the hat and the bat'.split():
    c.add(w)
print(sorted(c), len(c))
c.update(['dog', 'cat'], 'xy')
print(sorted(c))
c.difference_update(['x', 'y', 'the'])
c.intersection_update(['cat', 'dog', 'hat', 'zebra'])
print(sorted(c))
fs = frozenset([1, 2, 3])
print(sorted(fs), 2 in fs, len(fs | set([4])), type(fs | set([4])).__name__)
print(sorted({1, 2, 3} & {2, 3, 4}), type({1}).__name__, len({1, 1, 1}))
print(sorted(set([x % 3 for x in range(10)])), sorted(set([(1, 2), (1, 2), (2, 1)])))
print(len(set()), bool(set()), bool(set([0])), set(), repr(set()), frozenset())
nums = [5, 3, 5, 1, 3, 7]
seen = set()
uniq = []
for n in nums:
    if n not in seen:
        seen.add(n)
        uniq.append(n)
print(uniq, len(seen), sorted(seen, reverse=True))
d = set([1, 2, 3])
e = d.copy()
e.add(4)
print(sorted(d), sorted(e), d < e)
d |= set([9])
d &= set([1, 9, 3])
d -= set([1])
print(sorted(d))
d ^= set([3, 4])
print(sorted(d))
print(max(set([4, 8, 2])), min(frozenset('qwe')), sum(set([1, 2, 3])))
try:
    set([[1]])
except TypeError as e:
    print('TypeError')

# Dictionaries: construction, lookup, get/setdefault/pop/update, keys/values/items
# (sorted before printing), membership, deletion, KeyError and counting idioms.
from __future__ import print_function

d = {'b': 2, 'a': 1}
d['c'] = 3
print(len(d), d['a'], d.get('b'), d.get('zz'), d.get('zz', 'dflt'))
print(sorted(d.keys()), sorted(d.values()), sorted(d.items()))
print('a' in d, 'q' in d, 'q' not in d, 1 in d)
print(d.setdefault('a', 100), d.setdefault('e', 5), d['e'], len(d))
print(d.pop('e'), d.pop('missing', 'none'), len(d))
d.update({'a': 10, 'f': 6})
d.update([('g', 7)])
d.update(h=8)
print(sorted(d.items()))
del d['f']
print(sorted(d), len(d))
try:
    d['nope']
except KeyError as e:
    print('KeyError', e)
try:
    del d['nope']
except KeyError as e:
    print('KeyError', e.args)
try:
    d.pop('nope')
except KeyError as e:
    print('KeyError', repr(e.args[0]))
single = {'only': [1, 2]}
print(single, {}, {1: 'one'}, {(1, 2): None})
counts = {}
for ch in 'mississippi':
    counts[ch] = counts.get(ch, 0) + 1
print(sorted(counts.items()))
groups = {}
for w in ['apple', 'avocado', 'banana', 'blueberry', 'cherry']:
    groups.setdefault(w[0], []).append(w)
for k in sorted(groups):
    print(k, groups[k])
e = dict(x=1, y=2)
f = dict([('x', 1), ('y', 2)])
g = dict(zip('xy', [1, 2]))
print(e == f == g, e == {'x': 1}, sorted(dict(e, z=3).items()))
h = dict.fromkeys(['p', 'q'], 0)
h['p'] += 5
print(sorted(h.items()))
c = d.copy()
c['a'] = -1
print(d['a'], c['a'], len(c) == len(d))
c.clear()
print(c, len(c))
keys = {1: 'int', 1.5: 'float', 'k': 'str', (1, 'x'): 'tuple', True: 'bool?', None: 'none'}
print(keys[1], keys[1.5], keys['k'], keys[(1, 'x')], keys[None], len(keys))
print(keys[1.0], 2 in keys)
nested = {'outer': {'inner': {'deep': 42}}}
print(nested['outer']['inner']['deep'])
nested['outer']['inner']['deep'] += 1
print(nested)
total = 0
for k in d:
    total += d[k]
print(total, sum(d.values()), max(d, key=lambda k: d[k]), min(d.values()))
inv = dict([(v, k) for k, v in d.items()])
print(sorted(inv.items()))
print(sorted(d.items(), key=lambda kv: -kv[1])[:2])
print(d == dict(d), d != {}, bool({}), bool({0: 0}))

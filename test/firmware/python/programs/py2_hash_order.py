# Python 2 dicts and str sets iterate in table order (string hash, probes, dummies, resizes,
# presized displays and merges), as the device's Python printed them.
d = {}
d['b'] = 1
d['a'] = 2
d[3] = 3
d[1] = 4
print d
words = 'the quick brown fox jumps over the lazy dog again and again'.split()
counts = {}
for w in words:
    counts[w] = counts.get(w, 0) + 1
print counts
print counts.keys()
print counts.values()
print counts.items()
del counts['fox']
counts['cat'] = 1
print counts
print set(words)
lit = {'alpha': 1, 'beta': 2, 'gamma': 3, 'delta': 4, 'epsilon': 5, 'zeta': 6, 'eta': 7, 'theta': 8, 'iota': 9}
print lit
print dict(lit)
print lit.copy()
e = {'x': 0}
e.update(lit)
print e
print dict.fromkeys(['k%d' % i for i in range(12)])
print dict([('key%d' % i, i) for i in range(10)])
print dict(zip('abcdefghij', range(10)))
cfg = {}
for section in ['net', 'radio', 'cloud', 'log', 'gpio']:
    for key in ['enabled', 'interval', 'address', 'port']:
        cfg['%s.%s' % (section, key)] = len(section) * len(key)
print cfg
for k in cfg.keys():
    if k.startswith('radio'):
        del cfg[k]
cfg['radio.power'] = 7
print cfg
print {u'unicode': 1, 'str': 2, u'\xe9t\xe9': 3}
print {(1, 'a'): 1, (2, 'b'): 2, ('x',): 3, 4.5: 4, 7: 5}

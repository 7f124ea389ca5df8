# Python 2 builtins and dicts: xrange, range/map/filter/zip returning lists,
# dict.has_key, keys()/values()/items() as lists (sorted), iteritems/iterkeys,
# str basics, cmp, integer-only `/` in loops, and `in` on dicts.
r = range(5)
print r, type(r).__name__, len(r), r[::-1]
print xrange(3)[1], len(xrange(10)), list(xrange(2, 11, 3)), sum(xrange(101))
total = 0
for i in xrange(1, 6):
    total += i * i
print total
print map(abs, [-1, -2]), filter(None, [0, 1, '', 'x']), zip('ab', [1, 2, 3])
print map(lambda a, b: a + b, [1, 2], [10, 20]), filter(lambda c: c in 'aeiou', 'education')
print filter(lambda v: v > 1, (1, 2, 3)), map(str, xrange(3))
d = {'eth0': 1500, 'ppp0': 1492}
print d.has_key('eth0'), d.has_key('wlan0'), 'ppp0' in d
print sorted(d.keys()), sorted(d.values()), sorted(d.items()), type(d.keys()).__name__
print sorted(d.iterkeys()), sorted(d.itervalues()), sorted(d.iteritems())
for k, v in sorted(d.iteritems()):
    print k, v
if not d.has_key('lo'):
    d['lo'] = 16436
print len(d), d.get('lo'), d.setdefault('lo', 0), d.pop('lo'), d.has_key('lo')
e = dict(zip(['a', 'b'], [1, 2]))
print sorted(e.items()), e.has_key('b')
counts = {}
for word in 'a b a c b a'.split():
    if counts.has_key(word):
        counts[word] += 1
    else:
        counts[word] = 1
print sorted(counts.items()), max(counts.values())
print sorted(counts, key=lambda k: -counts[k])
print {'single': 1}, dict(a=1), {}.keys(), {}.items()
s = 'bytes'
print type(s).__name__, isinstance(s, str), chr(65), ord('A'), repr(chr(0)), s[1:3]
print sorted([3, 1, 2], reverse=True), list(reversed((1, 2)))
print max(xrange(5)), min([4, 2, 8]), sum([0.5, 0.5]), abs(-3)
print isinstance(1, (int, long)), isinstance(2 ** 80, (int, long)), isinstance(1.0, (int, long))
print list(enumerate('ab')), zip(*[(1, 'a'), (2, 'b')])
print max(1, 5, 3), cmp(1, 2), cmp('b', 'a'), cmp(3, 3)
print str(None), repr('it\'s'), int('  42 '), long('7'), float('1e3')
print [x * 2 for x in xrange(4) if x != 2], [c for c in 'hey']
print '-'.join(map(str, range(4))), ','.join(sorted(d))
nested = {'a': {'b': [1, 2]}}
print nested['a']['b'][1], nested.has_key('a'), nested['a'].has_key('c')

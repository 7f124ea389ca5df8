# Python 2's cmp= for list.sort and sorted, positional (cmp, key, reverse) too, combined with
# key= and reverse= (stable: equal elements keep their order).
l = [3, 1, 2]
l.sort(cmp=lambda a, b: b - a)
print l
print sorted([3, 1, 2], lambda a, b: b - a)
l = [5, 3, 9, 1]
l.sort(lambda a, b: cmp(a, b))
print l
words = ["bb", "a", "ccc", "dd", "e", "ff"]
print sorted(words, cmp=lambda a, b: cmp(len(a), len(b)))
print sorted(words, lambda a, b: cmp(len(a), len(b)), None, True)
print sorted(words, cmp=lambda a, b: cmp(a, b), key=lambda w: w[::-1])
print sorted(words, None, len)
print sorted(words, None, len, True)
print sorted([3, 1, 2], None, None, True)
w = list(words)
w.sort(None, len, True)
print w
w.sort(cmp=lambda a, b: len(b) - len(a), reverse=True)
print w
pairs = [(1, 'b'), (0, 'a'), (1, 'a'), (0, 'b')]
pairs.sort(cmp=lambda x, y: cmp(x[0], y[0]))
print pairs
print sorted([1, 2, 3], cmp=None, key=None)
calls = []
def logged(a, b):
    calls.append(1)
    return cmp(a, b)
print sorted([2, 1], cmp=logged), len(calls) > 0
for f in [lambda: [1, 2].sort(cmp=lambda a, b: 0.5),
          lambda: [1, 2].sort(cmp=lambda a, b: "x"),
          lambda: sorted([1, 2], cmp=5),
          lambda: sorted([1, 2], 5),
          lambda: [1, 2].sort(None, None, True, 4),
          lambda: sorted([1, 2], None, None, True, 5),
          lambda: sorted([1, 2], key=len, foo=1)]:
    try:
        print f()
    except TypeError, e:
        print "TypeError:", e
print sorted([True, 2, 1], lambda a, b: True)

# Python 3 has no cmp: cmp= and positional arguments to sort and sorted are TypeErrors.
l = [3, 1, 2]
for f in [lambda: l.sort(cmp=lambda a, b: b - a),
          lambda: l.sort(lambda a, b: b - a),
          lambda: sorted(l, lambda a, b: a - b),
          lambda: sorted(l, cmp=lambda a, b: a - b),
          lambda: sorted(l, key=len, foo=1),
          lambda: sorted()]:
    try:
        print(f())
    except TypeError as e:
        print("TypeError:", e)
print(l, sorted(l, key=lambda x: -x, reverse=True))
l.sort(reverse=True)
print(l)

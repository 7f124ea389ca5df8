# Python 2: a new-style class defining __eq__ keeps object's id-based hash; a classic class
# comparing (__eq__ or __cmp__) without __hash__ is unhashable.
class E(object):
    def __eq__(self, o):
        return True

e = E()
print e in set([e]), E() in set([e]), {e: 1}.get(e)


class C:
    def __eq__(self, o):
        return True

try:
    hash(C())
except TypeError, ex:
    print "TypeError:", ex


class D:
    def __cmp__(self, o):
        return 0

try:
    set([D()])
except TypeError, ex:
    print "TypeError:", ex


class H:
    def __init__(self, n):
        self.n = n

    def __eq__(self, o):
        return self.n == o.n

    def __hash__(self):
        return self.n

print H(3) in set([H(1), H(3)]), {H(2): 'two'}[H(2)], hash(H(9))


class L(object):
    def __hash__(self):
        return 2 ** 70

print hash(L()), hash(2 ** 70), hash(-1)
print [k.n for k in set([H(5), H(1), H(13), H(8)])]
d = {}
for i in [5, 1, 13, 8, 21, 3]:
    d[H(i)] = i
print [k.n for k in d]
print d.keys()[0].n, d.values()

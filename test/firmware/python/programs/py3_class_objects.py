# gc.get_count() deltas of class statements (3.11+): the type, its dict, __mro__ and
# __bases__, the __dict__/__weakref__ getsets where the base lacks them, the weak reference in
# the base's __subclasses__ (and the base's dict of them on its first subclass), plus what
# type() allocates and frees on the way (its argument tuple, dict copies). Gathered in a list
# and printed at the end: print itself allocates differently in CPython and memsim.
import gc

def g0():
    return gc.get_count()[0]

warm = [[] for i in range(100)]
warm2 = [{} for i in range(100)]
del warm, warm2
gc.collect()
r = []

c = g0()
class First:
    pass
r.append(('first class after a collection', g0() - c))
c = g0()
class B2:
    pass
r.append(('class without bases', g0() - c))
c = g0()
class A1(object):
    pass
r.append(('class(object)', g0() - c))
c = g0()
class A2(object):
    def f(self):
        return 1
    def g(self):
        return 2
r.append(('class with two methods', g0() - c))
c = g0()
class S1(A1):
    pass
r.append(('first subclass of a class', g0() - c))
c = g0()
class S2(A1):
    pass
r.append(('second subclass', g0() - c))
c = g0()
class E1(Exception):
    pass
r.append(('exception class', g0() - c))
c = g0()
class E2(E1):
    pass
r.append(('exception subclass', g0() - c))

def make():
    class Local(object):
        def m(self):
            return 3
    return Local

c = g0()
kept = make()
r.append(('class made in a function', g0() - c))
c = g0()
make()
r.append(('and dropped (the collector frees it later)', g0() - c))
r.append(('collected', gc.collect()))
del kept
r.append(('the kept one dropped', gc.collect()))

class K(object):
    pass
K.me = K
del K
r.append(('class K(object) with K.me = K, dropped', gc.collect()))

for name, n in r:
    print(name, n)
print(S2.__mro__ == (S2, A1, object), E2.__bases__ == (E1,), len(E2.__mro__))

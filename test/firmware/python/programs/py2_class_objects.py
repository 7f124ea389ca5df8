# Python 2 classic classes: one GC object (the classobj; its dict is tracked only once it
# holds a container, its __bases__ tuple only when it has bases), no __mro__, no weak
# reference in a base. A dropped classic class is freed by reference counting unless it is
# in a cycle. Results gathered in a list and printed at the end.
import gc

def g0():
    return gc.get_count()[0]

gc.collect()
r = []

class Warm:
    pass
c = g0()
class C1:
    pass
r.append(('count: classic class', g0() - c))
c = g0()
class C2(C1):
    def f(self):
        return 1
r.append(('count: classic subclass with a method', g0() - c))

del C2
r.append(('dropped classic subclass', gc.collect()))
del C1
r.append(('dropped classic class', gc.collect()))

class K:
    pass
K.me = K
del K
r.append(('classic class K with K.me = K, dropped', gc.collect()))

class Base:
    def f(self):
        return 1
class Sub(Base):
    pass
Sub.me = Sub
del Sub
r.append(('classic subclass in a cycle, dropped', gc.collect()))

def make():
    class Local:
        def m(self):
            return 3
    return Local

make()
r.append(('classic class made in a function and dropped', gc.collect()))

class N(object):
    pass
N.me = N
del N
r.append(('new-style class N with N.me = N, dropped', gc.collect()))

for name, n in r:
    print name, n
print Base.__bases__, Base().f()

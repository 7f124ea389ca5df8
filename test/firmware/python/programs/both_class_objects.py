from __future__ import print_function
# Class objects as CPython makes them: a new-style class is its type, its dict, its __mro__
# and __bases__ tuples and, where the base lacks them, the __dict__ and __weakref__ getset
# descriptors; the mro holds the class, so a dropped class is freed by the cyclic collector
# only. gc.collect() results are gathered in a list and printed at the end (print itself
# allocates differently in CPython and memsim); py3_class_objects.py has the
# gc.get_count() deltas.
import gc

def g0():
    return gc.get_count()[0]

warm = [[] for i in range(100)]
warm2 = [{} for i in range(100)]
del warm, warm2
gc.collect()
r = []

# gc.collect() of dropped classes.
class K(object):
    pass
K.me = K
del K
r.append(('self-referencing class', gc.collect()))

class Plain(object):
    pass
del Plain
r.append(('dropped class', gc.collect()))

class WithMethods(object):
    def f(self):
        return 1
    def g(self):
        return 2
del WithMethods
r.append(('dropped class with two methods', gc.collect()))

class Base(object):
    def f(self):
        return 1
class Sub(Base):
    def g(self):
        return 2
del Sub
r.append(('dropped subclass', gc.collect()))
del Base
r.append(('then its base', gc.collect()))

class Error(Exception):
    pass
class SubError(Error):
    pass
del SubError
r.append(('dropped exception subclass', gc.collect()))
del Error
r.append(('then the exception class', gc.collect()))

def make():
    class Local(object):
        def m(self):
            return 3
    return Local

make()
r.append(('class made in a function and dropped', gc.collect()))
kept = make()
r.append(('class made in a function and kept', gc.collect()))
del kept
r.append(('then dropped', gc.collect()))

inst = make()()
r.append(('instance of a class made in a function', gc.collect()))
del inst
r.append(('instance dropped', gc.collect()))

for i in range(5):
    class Loop(object):
        pass
r.append(('five classes of one name, four dropped', gc.collect()))
del Loop
r.append(('the last dropped', gc.collect()))

class Dropped(object):
    pass
Dropped = None
r.append(('a class rebound to None', gc.collect()))

class A1(object):
    pass
class S2(A1):
    def f(self):
        return 1
for name, n in r:
    print(name, n)
print(S2.__mro__[1] is A1, S2.__bases__ == (A1,), S2.__mro__ is S2.__mro__, S2.__bases__ is S2.__bases__, S2().f())
print(repr(A1.__dict__['__dict__']), repr(A1.__dict__['__weakref__']), A1().__weakref__)

# Python 2 classes: old-style classes (type 'instance', explicit base __init__ calls),
# new-style classes with super(Cls, self), __eq__ without __ne__, __cmp__ for sorting,
# __nonzero__ and __len__ for truth, __str__ under the print statement, unbound methods.
class Old:
    version = 1
    def __init__(self, v):
        self.v = v
    def get(self):
        return self.v
    def __str__(self):
        return 'Old(%d)' % self.v
class OldChild(Old):
    def __init__(self, v, w):
        Old.__init__(self, v)
        self.w = w
    def get(self):
        return Old.get(self) + self.w
o = Old(3)
c = OldChild(1, 2)
print o.get(), c.get(), c.version, isinstance(c, Old), issubclass(OldChild, Old)
print type(o).__name__, o.__class__.__name__, OldChild.__name__, type(Old).__name__
print o, c, [str(o)], Old.get(c), OldChild.__bases__[0].__name__
print isinstance(o, object), isinstance(Old, object), hasattr(o, 'w'), hasattr(c, 'w')
try:
    Old.get(5)
except TypeError, e:
    print 'TypeError', e
class New(object):
    def __init__(self, v):
        self.v = v
class NewChild(New):
    def __init__(self, v):
        super(NewChild, self).__init__(v * 10)
n = NewChild(4)
print type(n).__name__, n.v, type(NewChild).__name__, isinstance(n, New)
class P(object):
    def __init__(self, v):
        self.v = v
    def __eq__(self, other):
        return self.v == other.v
a, b = P(1), P(1)
print a == b, a != b, a != a, not (a == b)
class Version:
    def __init__(self, s):
        self.parts = [int(x) for x in s.split('.')]
        self.s = s
    def __cmp__(self, other):
        return cmp(self.parts, other.parts)
    def __repr__(self):
        return 'V' + self.s
vs = [Version('1.10'), Version('1.2'), Version('0.9.1'), Version('1.2.0')]
print sorted(vs), max(vs), Version('1.2') == Version('1.2'), Version('2') > Version('1.99')
class Flag:
    def __init__(self, on):
        self.on = on
    def __nonzero__(self):
        return self.on
class Bag(object):
    def __init__(self, n):
        self.n = n
    def __len__(self):
        return self.n
print bool(Flag(True)), bool(Flag(False)), bool(Bag(0)), bool(Bag(3)), len(Bag(7))
if not Flag(False) and Bag(2):
    print 'truth via __nonzero__ and __len__'
class Counter:
    total = 0
    def __init__(self):
        Counter.total += 1
        self.id = Counter.total
cs = [Counter() for i in xrange(3)]
print Counter.total, [x.id for x in cs], cs[0].total
cs[0].total = 99
print Counter.total, cs[0].total, cs[1].total

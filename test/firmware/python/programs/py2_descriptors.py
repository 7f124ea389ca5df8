# Python 2 descriptors: classic (old-style) classes run a property's getter but never its
# setter or deleter (the instance dict is written and read first), a classmethod of a classic
# class binds the class; new-style classes go through the property; unbound methods next to
# staticmethods; 2.x messages ("can't set attribute", "unreadable attribute"), read-only
# members raise TypeError; the simple-slice protocol of classic instances and __getslice__.
import gc

gc.collect()


class Meter:
    def __init__(self, reading):
        self._reading = reading

    def get_reading(self):
        print 'getter runs'
        return self._reading

    def set_reading(self, value):
        print 'setter never runs on a classic instance'
        self._reading = value

    reading = property(get_reading, set_reading)
    raw = property(get_reading)

    def scale(value, factor):
        return value * factor

    scale = staticmethod(scale)

    def named(cls, reading):
        return cls(reading)

    named = classmethod(named)


m = Meter(3)
print m.reading
m.reading = 10
print m.__dict__
print m.reading
del m.reading
print m.reading
m.raw = 'stored'
print m.raw, sorted(m.__dict__.keys())
try:
    del m.missing
except AttributeError, e:
    print 'AttributeError', e
print Meter.scale(2, 5), m.scale(3, 3)
n = Meter.named(4)
print n.__class__.__name__, n.reading, m.named(5).reading
print type(Meter.reading).__name__, type(Meter.scale).__name__, type(Meter.named).__name__
print type(Meter.get_reading).__name__, Meter.get_reading(m)


class Gauge(Meter):
    def named(cls, reading):
        return 'gauge %s' % reading

    named = classmethod(named)


print Gauge.named(1), Gauge(2).named(3), Gauge.scale(4, 4)
g = Gauge(7)
print g.reading
g.reading = 8
print g.__dict__['reading'], g._reading

try:
    Meter.get_reading()
except TypeError, e:
    print 'TypeError', e
try:
    Meter.scale()
except TypeError, e:
    print 'TypeError', e


# new-style: the messages of 2.x
class Knob(object):
    def get(self):
        return 1

    ro = property(get)
    wo = property(None, lambda self, v: None)


k = Knob()
try:
    k.ro = 2
except AttributeError, e:
    print 'AttributeError', e
try:
    del k.ro
except AttributeError, e:
    print 'AttributeError', e
try:
    k.wo
except AttributeError, e:
    print 'AttributeError', e
k.wo = 5
print k.__dict__

# members are read-only: TypeError on Python 2
p = Knob.__dict__['ro']
for attempt in ('fget', 'fset', 'fdel', '__doc__'):
    try:
        setattr(p, attempt, None)
    except TypeError, e:
        print attempt, 'TypeError', e
sm = staticmethod(len)
print sm.__func__ is len, classmethod(len).__func__ is len
try:
    sm.__func__ = 1
except TypeError, e:
    print 'TypeError', e
try:
    sm.anything = 1
except AttributeError, e:
    print 'AttributeError', e
try:
    staticmethod(len, x=1)
except TypeError, e:
    print 'TypeError', e
try:
    property(x=1)
except TypeError, e:
    print 'TypeError', e
print repr(Knob.__dict__['ro'].__get__(None, Knob)) == repr(p)
print repr(classmethod(len).__get__(None, Knob))


# slicing an instance: a classic instance slices through __getslice__, else __getitem__ with
# slice(i, j) of ints (0 and sys.maxint for missing bounds, len() added to negative ones);
# a new-style instance gets the slice as written unless its class has __getslice__
class Window:
    def __init__(self, items):
        self.items = items

    def __getitem__(self, key):
        return 'item %r' % (key,)

    def __len__(self):
        return len(self.items)


w = Window([1, 2, 3, 4])
print w[1:2]
print w[:2]
print w[-1:]
print w[1:2:3]
print w[None:2]
print w[2]


class Slicer:
    def __getslice__(self, i, j):
        return 'getslice %d %d' % (i, j)

    def __setslice__(self, i, j, value):
        print 'setslice', i, j, value

    def __delslice__(self, i, j):
        print 'delslice', i, j

    def __getitem__(self, key):
        return 'getitem %r' % (key,)

    def __setitem__(self, key, value):
        print 'setitem', key, value

    def __delitem__(self, key):
        print 'delitem', key


sl = Slicer()
print sl[1:3]
print sl[::2]
sl[0:1] = 'x'
del sl[4:]
sl[1:2:1] = 'y'
del sl[::3]


class NoLen:
    def __getitem__(self, key):
        return key


try:
    NoLen()[-1:]
except AttributeError, e:
    print 'AttributeError', e
print NoLen()[1:], NoLen()[:-1] if False else 'skip'


class NewStyle(object):
    def __getitem__(self, key):
        return key

    def __setitem__(self, key, value):
        print 'setitem', key, value


ns = NewStyle()
print ns[1:2], ns[:2], ns[-1:], ns[::2]
ns[1:] = 'v'


class NewSlice(object):
    def __getslice__(self, i, j):
        return ('getslice', i, j)

    def __len__(self):
        return 10

    def __getitem__(self, key):
        return key


print NewSlice()[2:-3], NewSlice()[::2]

for make in (lambda: xrange(10)[1:3], lambda: xrange(10)[slice(1, 3)]):
    try:
        make()
    except TypeError, e:
        print 'TypeError', e
print range(10)[slice(7, None)], 'abcdef'[slice(None, None, -2)], u'\xe9t\xe9'[slice(1)]
try:
    hash(slice(1))
except TypeError, e:
    print 'TypeError', e
try:
    {slice(1): 1}
except TypeError, e:
    print 'TypeError', e
try:
    slice(1).indices(2 ** 70)
except OverflowError, e:
    print 'OverflowError', e
print slice(1).indices(-1), slice(None, None, -2 ** 70).indices(5)[2] < -2 ** 31

# gc: a classic instance in a cycle through a staticmethod and its function's defaults
inst = Meter(0)


def hook(x=inst):
    return x


inst.hook = staticmethod(hook)
del inst, hook
print 'classic instance cycle', gc.collect()

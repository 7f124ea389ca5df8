# property, staticmethod and classmethod in their call forms (no decorators on the device):
# a sensor class with a validated property, a read-only property, factories as classmethods
# (bound to the subclass they are called on, also through an instance), helpers as
# staticmethods; inheritance and overriding through the MRO; a property before the
# instance's own attribute; __getattr__ after a getter's AttributeError; hasattr/getattr
# with a default; setattr/getattr/delattr; __get__/__set__/__delete__ called directly;
# property.getter/setter/deleter as calls; super() with a classmethod; error cases; and
# cycles through these objects collected by gc.collect() (the counts are CPython's).
from __future__ import print_function
import gc

gc.collect()


class Sensor(object):
    count = 0

    def __init__(self, name, celsius):
        self.name = name
        self._celsius = celsius
        Sensor.count += 1

    def get_celsius(self):
        return self._celsius

    def set_celsius(self, value):
        if value < -273.15:
            raise ValueError('below absolute zero: %r' % (value,))
        self._celsius = value

    def del_celsius(self):
        print('deleting', self.name)
        del self._celsius

    celsius = property(get_celsius, set_celsius, del_celsius, 'temperature in C')

    def get_fahrenheit(self):
        return self._celsius * 9 / 5.0 + 32

    fahrenheit = property(get_fahrenheit)

    def from_fahrenheit(cls, name, f):
        return cls(name, (f - 32) * 5 / 9.0)

    from_fahrenheit = classmethod(from_fahrenheit)

    def valid_name(name):
        return len(name) > 0 and name[0].isalpha()

    valid_name = staticmethod(valid_name)

    def kind(cls):
        return cls.__name__

    kind = classmethod(kind)


class Probe(Sensor):
    def get_celsius(self):
        return 'probe:%s' % Sensor.get_celsius(self)

    celsius = property(get_celsius, Sensor.set_celsius)


s = Sensor('boiler', 80)
print(s.celsius, s.fahrenheit)
s.celsius = 90
print(s.celsius, s._celsius, s.fahrenheit)
try:
    s.celsius = -300
except ValueError as e:
    print('ValueError', e)
print(s.celsius)
del s.celsius
try:
    s.celsius
except AttributeError as e:
    print('AttributeError after delete')
s.celsius = 21
print(s.celsius)
try:
    s.fahrenheit = 3
    print('stored?')
except AttributeError:
    print('fahrenheit is read-only')
try:
    del s.fahrenheit
except AttributeError:
    print('fahrenheit cannot be deleted')

# classmethods bind the class they are called on, through an instance too
f = Sensor.from_fahrenheit('attic', 212)
print(type(f).__name__, f.name, f.celsius)
p = Probe.from_fahrenheit('well', 50)
print(type(p).__name__, p.celsius, p.fahrenheit)
print(p.kind(), Probe.kind(), Sensor.kind(), s.kind())
print(s.from_fahrenheit('x', 32).celsius)
print(Sensor.valid_name('t1'), s.valid_name('1t'), Probe.valid_name(''))
print(Sensor.count)

# what the class attribute is, and what lookup gives
print(type(Sensor.__dict__['celsius']).__name__, type(Sensor.celsius).__name__)
print(type(Sensor.__dict__['valid_name']).__name__, type(Sensor.valid_name).__name__)
print(type(Sensor.__dict__['kind']).__name__, type(Sensor.kind).__name__, type(s.kind).__name__)
print(Sensor.celsius is Sensor.__dict__['celsius'], Sensor.celsius.__doc__)
print(Sensor.fahrenheit.__doc__, Sensor.celsius.fset is Sensor.__dict__['set_celsius'])
print(Sensor.fahrenheit.fset, Sensor.fahrenheit.fdel, Sensor.fahrenheit.fget is Sensor.__dict__['get_fahrenheit'])
print(repr(Sensor.kind))
print(Sensor.__dict__['kind'].__func__ is Sensor.__dict__['valid_name'].__func__)


# a property comes before the instance's own attribute (new-style classes), even one
# the instance held before the class got the property
class Shadow(object):
    pass


sh = Shadow()
sh.value = 'from the instance'
for i in range(2):
    print(sh.value)
Shadow.value = property(lambda self: 'from property')
for i in range(2):
    print(sh.value)
    try:
        sh.value = i
    except AttributeError:
        print('no setter: the instance is not written')
del Shadow.value
print(sh.value)


# a staticmethod or classmethod does not win over the instance's attribute
class Plain(object):
    def helper():
        return 'static'

    helper = staticmethod(helper)


pl = Plain()
print(pl.helper())
pl.helper = lambda: 'instance'
print(pl.helper())
del pl.helper
print(pl.helper())


# __getattr__ runs when a getter raises AttributeError
class Lazy(object):
    def load(self):
        raise AttributeError('not loaded')

    data = property(load)

    def __getattr__(self, name):
        return 'fallback for ' + name


lz = Lazy()
print(lz.data, lz.other)


class Strict(object):
    def load(self):
        raise AttributeError('not loaded')

    data = property(load)

    def broken(self):
        raise KeyError('k')

    bad = property(broken)


st = Strict()
print(hasattr(st, 'data'), getattr(st, 'data', 'default'))
try:
    getattr(st, 'bad', 'default')
except KeyError as e:
    print('KeyError', e)


# setattr/getattr/delattr and __setattr__ hooks go through the property
class Hooked(object):
    def __init__(self):
        self._v = 0

    def getv(self):
        return self._v

    def setv(self, v):
        object.__setattr__(self, '_v', v * 2)

    v = property(getv, setv)

    def __setattr__(self, name, value):
        print('setattr', name, value)
        object.__setattr__(self, name, value)


h = Hooked()
h.v = 4
print(h.v, getattr(h, 'v'))
setattr(h, 'v', 5)
print(h.v)

# __get__, __set__ and __delete__ called directly
prop = Sensor.__dict__['celsius']
s2 = Sensor('direct', 1)
print(prop.__get__(s2, Sensor), prop.__get__(None, Sensor) is prop)
prop.__set__(s2, 7)
print(s2.celsius)
prop.__delete__(s2)
print(hasattr(s2, '_celsius'))
sm = Sensor.__dict__['valid_name']
cm = Sensor.__dict__['kind']
print(sm.__get__(None, Sensor)('ok'), cm.__get__(None, Probe)(), cm.__get__(s2)())

# property.getter / setter / deleter as calls: copies with one function replaced
def get_label(self):
    "the label"
    return self._label


def set_label(self, value):
    self._label = value.strip()


label = property(get_label)
label2 = label.setter(set_label)
print(label2 is label, label2.fget is label.fget, label2.fset is set_label, label.fset)
print(label.__doc__, label2.__doc__)
label3 = label2.getter(lambda self: self._label.upper())
print(label3.__doc__, label3.fset is set_label)


class Tag(object):
    label = label3

    def __init__(self, text):
        self.label = text


t = Tag('  probe ')
print(repr(t.label), repr(t._label))


# super() with a classmethod, and a staticmethod of a base found through a subclass
class Base(object):
    def make(cls, v):
        return '%s(%s)' % (cls.__name__, v)

    make = classmethod(make)


class Derived(Base):
    def make(cls, v):
        return 'derived ' + super(Derived, cls).make(v)

    make = classmethod(make)


print(Derived.make(1), Derived().make(2), Base.make(3))

# errors
for args in [(1, 2, 3, 4, 5)]:
    try:
        property(*args)
    except TypeError as e:
        print('TypeError', e)
try:
    property(len, fget=len)
except TypeError as e:
    print('TypeError', e)
try:
    staticmethod()
except TypeError as e:
    print('TypeError', e)
try:
    classmethod(1, 2)
except TypeError as e:
    print('TypeError', e)
bare = property()


class Empty(object):
    p = bare


for action in ('get', 'set', 'del'):
    try:
        if action == 'get':
            Empty().p
        elif action == 'set':
            Empty().p = 1
        else:
            del Empty().p
    except AttributeError as e:
        print(action, 'AttributeError')


class Wraps(object):
    s = staticmethod(42)
    c = classmethod(42)


print(Wraps.s, Wraps().s)
try:
    Wraps.c()
except TypeError as e:
    print('TypeError', e)
print(isinstance(Sensor.celsius, property), isinstance(sm, staticmethod), isinstance(cm, classmethod), isinstance(cm, staticmethod))

# cycles through these objects: collected by the cycle collector
gc.collect()
registry = []


def getter(self, owner=registry):
    return owner


registry.append(property(getter))
del registry, getter
print('property in a list cycle', gc.collect())

table = {}


def handler(cls, table=table):
    return table


table['on'] = classmethod(handler)
del table, handler
print('classmethod in a dict cycle', gc.collect())


class Device(object):
    pass


dev = Device()


def cb(d=dev):
    return d


dev.callback = staticmethod(cb)
del dev, cb
print('staticmethod on an instance cycle', gc.collect())

holder = []
holder.append(property(lambda self, h=holder: h, lambda self, v, h=holder: h.append(v), None, 'doc'))
del holder
print('property with setter and doc in a cycle', gc.collect())
print(gc.collect())

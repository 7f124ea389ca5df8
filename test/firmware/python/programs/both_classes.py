# Classes: __init__, methods, class attributes vs instance attributes, single
# inheritance with super(Cls, self).__init__, overriding, isinstance/issubclass.
from __future__ import print_function
class Sensor(object):
    kind = 'generic'
    count = 0
    def __init__(self, name, value=0):
        self.name = name
        self.value = value
        Sensor.count += 1
    def read(self):
        return self.value
    def describe(self):
        return '%s(%s)=%s' % (self.kind, self.name, self.read())
class Thermo(Sensor):
    kind = 'thermo'
    def __init__(self, name, celsius):
        super(Thermo, self).__init__(name, celsius)
        self.unit = 'C'
    def read(self):
        return '%.1f%s' % (self.value, self.unit)
class Fahrenheit(Thermo):
    def __init__(self, name, celsius):
        super(Fahrenheit, self).__init__(name, celsius)
        self.unit = 'F'
    def read(self):
        self.value = self.value * 9.0 / 5 + 32
        return Thermo.read(self)
s = Sensor('door', 1)
t = Thermo('room', 21.5)
f = Fahrenheit('oven', 100)
print(s.describe(), t.describe(), f.describe())
print(Sensor.count, s.count, t.count, Thermo.kind, Fahrenheit.kind, s.kind)
s.kind = 'special'
print(s.kind, Sensor.kind, s.describe())
del s.kind
print(s.kind)
Sensor.kind = 'changed'
print(s.kind, t.kind, Sensor('x').kind)
print(isinstance(f, Fahrenheit), isinstance(f, Thermo), isinstance(f, Sensor), isinstance(f, object))
print(isinstance(t, Fahrenheit), isinstance(s, (Thermo, Sensor)), isinstance(1, Sensor))
print(issubclass(Fahrenheit, Sensor), issubclass(Sensor, Thermo), issubclass(Thermo, Thermo))
print(issubclass(bool, int), issubclass(int, object), issubclass(Thermo, (int, Sensor)))
print(type(f).__name__, type(f) is Fahrenheit, Fahrenheit.__name__, f.__class__.__name__)
print(Fahrenheit.__bases__[0].__name__, hasattr(f, 'unit'), hasattr(s, 'unit'))
print(t.unit, t.name, t.value, hasattr(t, 'kind'), hasattr(Thermo, 'unit'))
class Stack(object):
    def __init__(self):
        self.items = []
    def push(self, *xs):
        for x in xs:
            self.items.append(x)
        return self
    def pop(self):
        return self.items.pop()
    def size(self):
        return len(self.items)
st = Stack().push(1, 2).push(3)
print(st.pop(), st.size(), st.items)
meth = st.push
meth(9)
print(st.items, Stack.size(st))
class Empty(object):
    pass
e = Empty()
e.x = 1
e.y = e.x + 1
print(e.x, e.y, isinstance(e, Empty))
try:
    e.z
except AttributeError:
    print('no attribute z')

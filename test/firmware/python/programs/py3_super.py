# Inheritance with zero-argument super(): __init__ chains over three levels, overriding
# and extending methods, class attributes found through the hierarchy, __str__/__repr__
# inheritance, isinstance/issubclass, and super() inside __eq__/__lt__.
class Base:
    registry = []
    def __init__(self, name):
        self.name = name
        Base.registry.append(name)
    def describe(self):
        return 'Base(%s)' % self.name
    def __repr__(self):
        return '%s<%s>' % (type(self).__name__, self.name)
    def __eq__(self, other):
        return type(self) is type(other) and self.name == other.name
    def __lt__(self, other):
        return self.name < other.name
class Middle(Base):
    level = 'middle'
    def __init__(self, name, size):
        super().__init__(name)
        self.size = size
    def describe(self):
        return 'Middle[' + super().describe() + ', %d]' % self.size
class Leaf(Middle):
    def __init__(self, name):
        super().__init__(name.upper(), len(name))
        self.leaf = True
    def describe(self):
        return 'Leaf{' + super().describe() + '}'
    def __eq__(self, other):
        return super().__eq__(other) and self.size == other.size
b, m, l = Base('b'), Middle('m', 2), Leaf('leaf')
print(b.describe())
print(m.describe())
print(l.describe())
print(Base.registry, l.level, Leaf.level, hasattr(b, 'level'))
print(repr(l), [b, m, l], str(m))
print(sorted([l, m, b]), min([m, l]), l == Leaf('leaf'), l == Middle('LEAF', 4), b == Base('b'))
print(isinstance(l, Base), isinstance(m, Leaf), issubclass(Leaf, Middle), issubclass(Base, Leaf))
print(Leaf.__mro__[1].__name__, Leaf.__bases__[0].__name__, type(l).__name__, l.size, l.leaf)
class Account:
    rate = 0.01
    def __init__(self, balance=0):
        self.balance = balance
    def interest(self):
        return round(self.balance * self.rate, 2)
class Savings(Account):
    rate = 0.05
class Checking(Account):
    def interest(self):
        base = super().interest()
        return base - 1 if base > 1 else 0
for acct in [Account(1000), Savings(1000), Checking(1000), Checking(50)]:
    print(type(acct).__name__, acct.interest())
class Shape:
    sides = 0
    def __init__(self, *dims):
        self.dims = dims
    def __str__(self):
        return '%s with %d sides %s' % (type(self).__name__, self.sides, self.dims)
class Tri(Shape):
    sides = 3
class Square(Shape):
    sides = 4
    def __init__(self, side):
        super().__init__(side, side)
for s in [Shape(), Tri(3, 4, 5), Square(2)]:
    print(s)
# (Subclassing built-in types such as list is outside the device subset.)

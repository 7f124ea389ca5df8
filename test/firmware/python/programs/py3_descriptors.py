# Python 3 descriptors: the 3.11+ AttributeError messages naming the property (set by
# __set_name__ when the class is made; a property stored later has no name) and the class's
# qualified name (nested in a function or a class); zero-argument super() in a classmethod and
# in a property's getter; 3.10+ staticmethod objects are callable and copy the function's
# __name__, __doc__, __qualname__ into their __dict__ (__wrapped__ too); their reprs; the
# property's doc taken from the getter; read-only members; cycles through the __dict__ a
# staticmethod or classmethod makes.
import gc

gc.collect()


class Account:
    rate = 0.5

    def __init__(self, owner, balance):
        self.owner = owner
        self._balance = balance

    def _get_balance(self):
        "the balance in cents"
        return self._balance

    balance = property(_get_balance)

    def _get_owner_upper(self):
        return self.owner.upper()

    shout = property(_get_owner_upper)

    def opened(cls, owner):
        return cls(owner, 0)

    opened = classmethod(opened)

    def cents(value):
        "to cents"
        return round(value * 100)

    cents = staticmethod(cents)


class Savings(Account):
    def opened(cls, owner):
        acct = super().opened(owner)
        acct.bonus = True
        return acct

    opened = classmethod(opened)

    def _get_balance(self):
        return super().balance + 1

    balance = property(_get_balance)


a = Account('ann', 100)
print(a.balance, a.shout, Account.balance.__doc__)
try:
    a.balance = 5
except AttributeError as e:
    print(e)
try:
    del a.shout
except AttributeError as e:
    print(e)
sv = Savings.opened('bob')
print(type(sv).__name__, sv.bonus, sv.balance, Savings(None, 9).balance)

Account.extra = property(None)
try:
    a.extra
except AttributeError as e:
    print(e)
try:
    a.extra = 1
except AttributeError as e:
    print(e)


def outer():
    class Inner:
        def value(self):
            return 1

        ro = property(value)

        class Deeper:
            def level(self):
                return 2

            lv = property(level)

    return Inner


Inner = outer()
try:
    Inner().ro = 2
except AttributeError as e:
    print(e)
try:
    Inner.Deeper().lv = 3
except AttributeError as e:
    print(e)

# staticmethod and classmethod objects (3.10+)
sm = Account.__dict__['cents']
cm = Account.__dict__['opened']
print(sm(1.25), callable(sm), callable(cm), sm.__wrapped__ is sm.__func__)
print(sm.__name__, sm.__qualname__, sm.__doc__, sm.__module__)
print(sorted(sm.__dict__))
print(cm.__name__, cm.__qualname__, cm.__doc__)
try:
    cm('x')
except TypeError as e:
    print(e)
sm.note = 'tagged'
print(sm.note, 'note' in sm.__dict__)
print(repr(staticmethod(None)), repr(classmethod(1)), repr(Account.opened))
print(repr(Savings(None, 1).opened))
for name in ('fget', 'fset', 'fdel'):
    try:
        setattr(Account.balance, name, None)
    except AttributeError as e:
        print(name, e)
try:
    sm.__func__ = None
except AttributeError as e:
    print(e)
p = property(lambda self: 1, doc='given')
print(p.__doc__)
p.__doc__ = 'changed'
print(p.__doc__)
try:
    property(x=1)
except TypeError as e:
    print(e)
try:
    property(len, fget=len)
except TypeError as e:
    print(e)
try:
    staticmethod(len, x=1)
except TypeError as e:
    print(e)
try:
    property.__get__
    print(type(Account.balance.__get__(None, Account)).__name__)
except AttributeError as e:
    print(e)

# the __dict__ a 3.10+ staticmethod makes is part of its cycle
gc.collect()
ring = []


def item(r=ring):
    return r


ring.append(staticmethod(item))
del ring, item
print('staticmethod in a list cycle', gc.collect())
box = {}


def builder(cls, b=box):
    return b


box['make'] = classmethod(builder)
del box, builder
print('classmethod in a dict cycle', gc.collect())
keep = staticmethod(len)
print(gc.collect(), keep(()))

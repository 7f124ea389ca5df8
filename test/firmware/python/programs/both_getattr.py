# __getattr__: called only when normal lookup (the instance, then its class and bases)
# finds nothing, for attribute reads, method calls, getattr() and hasattr(); new-style
# and (on 2.x) classic classes.
from __future__ import print_function


class Defaults(object):
    kind = 'class attribute'

    def __init__(self):
        self.own = 'instance attribute'

    def method(self):
        return 'method'

    def __getattr__(self, name):
        if name.startswith('missing'):
            raise AttributeError('no %s here' % name)
        return 'computed ' + name


d = Defaults()
print(d.own, '|', d.kind, '|', d.method(), '|', d.color, '|', d.size)
d.color = 'red'
print(d.color)
print(getattr(d, 'shape'), getattr(d, 'missing_a', 'default'), getattr(d, 'own', 'unused'))
print(hasattr(d, 'anything'), hasattr(d, 'missing_b'))
try:
    d.missing_c
except AttributeError as e:
    print('AttributeError:', e)


class Classic:
    def __getattr__(self, name):
        return len(name)


c = Classic()
c.x = 5
print(c.x, c.abc, c.abcdef, getattr(c, 'four'))


class Child(Defaults):
    pass


print(Child().wheels)


class Proxy(object):
    def __init__(self, target):
        self.target = target
        self.calls = 0

    def __getattr__(self, name):
        self.calls += 1
        return getattr(self.target, name)


items = []
p = Proxy(items)
p.append(3)
p.append(1)
p.extend([2, 5])
p.sort()
print(items, p.count(5), p.calls)
try:
    p.nothing
except AttributeError as e:
    print('AttributeError:', e)


def make_adder(n):
    def add(x):
        return x + n
    return add


class Adders(object):
    def __getattr__(self, name):
        if name.startswith('add'):
            return make_adder(int(name[3:]))
        raise AttributeError(name)


a = Adders()
print(a.add5(10), a.add40(2))
try:
    a.sub1(3)
except AttributeError as e:
    print('AttributeError:', e)


class Picky(object):
    def __getattr__(self, name):
        raise KeyError(name)


k = Picky()
try:
    print(getattr(k, 'x', 'default'))
except KeyError as e:
    print('KeyError from getattr:', e)
try:
    print('hasattr:', hasattr(k, 'x'))
except KeyError as e:
    print('KeyError from hasattr:', e)


class Plain(object):
    pass


try:
    Plain().nope
except AttributeError as e:
    print('AttributeError:', e)


class Counter(object):
    def __init__(self):
        self.seen = []

    def __getattr__(self, name):
        self.seen.append(name)
        return name.upper()


n = Counter()
print(n.a, n.b, n.seen)

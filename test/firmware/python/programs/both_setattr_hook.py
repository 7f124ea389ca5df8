from __future__ import print_function
# A class's __setattr__ and __delattr__ run for every attribute store and delete (a.x = v,
# setattr, augmented assignment); object.__setattr__ / object.__delattr__ do the plain store.


class A(object):
    def __init__(self):
        self.log = []

    def __setattr__(self, k, v):
        object.__setattr__(self, k, v)
        if k != "log":
            self.log.append(k)


a = A()
a.x = 1
a.y = 2
a.x = 3
setattr(a, "z", 4)
a.x += 10
print(a.log, a.x, a.y, a.z)
for i in range(3):
    a.n = i
print(a.log, a.n)


class Frozen(object):
    def __init__(self, v):
        object.__setattr__(self, "v", v)

    def __setattr__(self, k, v):
        raise AttributeError("frozen: %s" % k)

    def __delattr__(self, k):
        raise AttributeError("cannot delete %s" % k)


f = Frozen(5)
try:
    f.v = 6
except AttributeError as e:
    print("AttributeError:", e)
try:
    del f.v
except AttributeError as e:
    print("AttributeError:", e)
print(f.v)


class Upper(object):
    def __setattr__(self, k, v):
        super(Upper, self).__setattr__(k.upper(), v)

    def __delattr__(self, k):
        object.__delattr__(self, k.upper())


u = Upper()
u.name = "x"
print(hasattr(u, "name"), u.NAME)
del u.name
print(hasattr(u, "NAME"))


class Sub(A):
    pass


s = Sub()
s.q = 1
print(s.log)


class Counted(object):
    count = 0

    def __setattr__(self, k, v):
        Counted.count += 1
        object.__setattr__(self, k, v)


objs = [Counted() for i in range(4)]
for o in objs:
    o.a = 1
    o.b = 2
print(Counted.count)


class Plain(object):
    pass


p = Plain()
object.__setattr__(p, "w", 7)
print(p.w)
object.__delattr__(p, "w")
print(hasattr(p, "w"))
try:
    object.__delattr__(p, "w")
except AttributeError:
    print("AttributeError")

from __future__ import print_function
# Instances hashed by their class's own __hash__ and compared with __eq__ in dicts and sets.


class K(object):
    def __init__(self, n):
        self.n = n

    def __eq__(self, o):
        return isinstance(o, K) and self.n == o.n

    def __ne__(self, o):
        return not self.__eq__(o)

    def __hash__(self):
        return hash(self.n)

    def __repr__(self):
        return "K(%d)" % self.n


print(K(1) in set([K(1)]))
print({K(1): "x"}.get(K(1)))
print(hash(K(5)) == hash(5))
d = {}
d[K(1)] = "a"
d[K(2)] = "b"
d[K(1)] = "c"
print(len(d), d[K(1)], d[K(2)])
print(K(3) in d, K(2) in d)
del d[K(1)]
print(len(d), K(1) in d)
s = set()
for i in [3, 1, 3, 2, 1, 17, 9, 33]:
    s.add(K(i))
print(len(s))
print(sorted([k.n for k in s]))
# set and dict order follow the user hash (ints hash to themselves)
print([k.n for k in s])
print([k.n for k in set([K(3), K(1), K(9), K(17), K(1)])])
s.discard(K(17))
s.remove(K(3))
print(sorted([k.n for k in s]))
try:
    s.remove(K(100))
except KeyError as e:
    print("KeyError", e)
print(d.pop(K(2)), len(d))
print(d.setdefault(K(7), "z"), d.setdefault(K(7), "w"))


# colliding hashes, different values
class C(object):
    def __init__(self, n):
        self.n = n

    def __eq__(self, o):
        return self.n == o.n

    def __hash__(self):
        return 42

print(len(set([C(1), C(2), C(1), C(3)])))
print({C(1): 1, C(2): 2}[C(2)])


# __hash__ returning a big or negative int
class B(object):
    def __init__(self, h):
        self.h = h

    def __hash__(self):
        return self.h

print(hash(B(-1)), hash(B(7)) == 7, hash(B(True)))
print(hash(B(2 ** 62)) == 2 ** 62)


class N(object):
    __hash__ = None

try:
    set([N()])
except TypeError as e:
    print("TypeError:", e)


class S(object):
    def __hash__(self):
        return "x"

try:
    hash(S())
except TypeError as e:
    print("TypeError")

# a subclass inherits __hash__
class K2(K):
    pass

print(K2(4) in set([K(4)]), K(4) in set([K2(4)]))
x = K(8)
print(set([x]).pop() is x)
print(hash(1) == 1, hash(True) == 1, hash(-1) == -2)

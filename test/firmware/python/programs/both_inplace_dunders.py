from __future__ import print_function
# Augmented assignment calls the in-place special method when the class defines one
# (__iadd__, __isub__, __imul__ ...), and falls back to __add__ ... otherwise or on NotImplemented.


class C(object):
    def __init__(self, n=0):
        self.n = n

    def __add__(self, o):
        return C(self.n + o)

    def __sub__(self, o):
        return C(self.n - o)

    def __mul__(self, o):
        return C(self.n * o)

    def __iadd__(self, o):
        self.n += o * 10
        return self

    def __imul__(self, o):
        return NotImplemented

    def __ior__(self, o):
        self.n = self.n | o
        return self

    def __iand__(self, o):
        return "and"


c = C()
keep = c
c += 1
print(c.n, c is keep)
c -= 3
print(c.n, c is keep)
c *= 2
print(c.n, c is keep)
c = C(8)
c |= 3
print(c.n)
c &= 1
print(c)


class Acc:
    def __init__(self):
        self.items = []

    def __iadd__(self, x):
        self.items.append(x)
        return self

    def __isub__(self, x):
        self.items.remove(x)
        return self

    def __ilshift__(self, n):
        self.items = self.items * n
        return self


a = Acc()
a += 1
a += 2
a -= 1
a <<= 2
print(a.items)


class Box(object):
    def __init__(self):
        self.c = C(1)
        self.d = {"k": C(2)}


b = Box()
b.c += 5
b.d["k"] += 1
print(b.c.n, b.d["k"].n)
l = [C(3)]
l[0] += 2
print(l[0].n)


class Slow(object):
    def __ipow__(self, e):
        return e * 100

    def __ifloordiv__(self, o):
        return "floordiv"

    def __imod__(self, o):
        return "mod"

    def __irshift__(self, o):
        return "rshift"

    def __ixor__(self, o):
        return "xor"

    def __itruediv__(self, o):
        return "truediv"

    def __idiv__(self, o):
        return "div"


for op in ["**", "//", "%", ">>", "^", "/"]:
    s = Slow()
    if op == "**":
        s **= 2
    elif op == "//":
        s //= 2
    elif op == "%":
        s %= 2
    elif op == ">>":
        s >>= 2
    elif op == "^":
        s ^= 2
    else:
        s /= 2
    print(op, s)


class NoIn(object):
    pass

try:
    x = NoIn()
    x += 1
except TypeError:
    print("TypeError")

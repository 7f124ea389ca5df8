# Python 3: a class defining __eq__ without __hash__ is unhashable; its subclasses too.
class E:
    def __eq__(self, o):
        return True

try:
    hash(E())
except TypeError as e:
    print("TypeError:", e)
try:
    s = {E()}
except TypeError as e:
    print("TypeError:", e)
try:
    d = {E(): 1}
except TypeError as e:
    print("TypeError:", e)


class F(E):
    pass

try:
    F() in {1: 2}
except TypeError as e:
    print("TypeError:", e)


class G(E):
    def __hash__(self):
        return 3

print(hash(G()), G() in {G()})


class P:
    pass

p = P()
print(p in {p}, {p: 1}[p])
print(hash(2 ** 70), hash(-2 ** 64))

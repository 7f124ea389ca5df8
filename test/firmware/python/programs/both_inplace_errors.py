from __future__ import print_function
# A failed augmented assignment names the augmented operator (+=, -=, ...).


class A(object):
    pass


def t1():
    x = A()
    x += 1


def t2():
    x = 1
    x -= 'a'


def t3():
    x = None
    x *= 2


def t4():
    x = 2
    x **= 'a'


def t5():
    x = [1]
    x -= [1]


def t6():
    x = (1,)
    x += [2]


def t7():
    x = 1
    x + 'a'


for f in [t1, t2, t3, t4, t5, t6, t7]:
    try:
        f()
    except TypeError as e:
        print(e)

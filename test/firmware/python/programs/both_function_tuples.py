from __future__ import print_function
# A function holds its defaults and its closure cells in tuples (func_defaults, func_closure):
# a collection frees them with it. 3.x folds all-constant defaults into one constant tuple.
import gc
gc.disable()
def f():
    g = lambda: g
f()
print(gc.collect())
def f2():
    def g(a=[]):
        return g
f2()
print(gc.collect())
def f3():
    def g(a=1, b="x"):
        return g
f3()
print(gc.collect())
def f4():
    x = []
    def g():
        return x, g
    x.append(g)
f4()
print(gc.collect())
def f5():
    def g(a=-1, b=(1, 2), c=None):
        return g
f5()
print(gc.collect())
def f6(n):
    def g(a=n):
        return g
f6(3)
print(gc.collect())

# Closures and scopes: nested functions reading enclosing variables, counters through
# mutable cells, late binding in loops, default-argument capture, `global`, shadowing.
from __future__ import print_function
def make_adder(n):
    def add(x):
        return x + n
    return add
add3 = make_adder(3)
add10 = make_adder(10)
print(add3(1), add10(1), make_adder(-1)(0))
def make_counter():
    state = [0]
    def inc(step=1):
        state[0] += step
        return state[0]
    return inc
c1 = make_counter()
c2 = make_counter()
print(c1(), c1(), c1(5), c2(), c1())
def outer():
    x = 'outer'
    def middle():
        def inner():
            return x + '-inner'
        return inner()
    return middle()
print(outer())
late = [lambda: i for i in range(3)]
print([f() for f in late])
bound = [lambda i=i: i for i in range(3)]
print([f() for f in bound])
counter = 0
def bump():
    global counter
    counter += 1
    return counter
bump()
bump()
print(counter, bump())
def set_global():
    global created_later
    created_later = 'made in function'
set_global()
print(created_later)
name = 'module'
def shadow():
    name = 'local'
    return name
print(shadow(), name)
def reads_global():
    return name.upper()
print(reads_global())
def compose(f, g):
    return lambda x: f(g(x))
inc_then_double = compose(lambda x: x * 2, lambda x: x + 1)
print(inc_then_double(5), compose(str, abs)(-3))
def memoize(fn):
    cache = {}
    def wrapper(n):
        if n not in cache:
            cache[n] = fn(n)
        return cache[n]
    return wrapper, cache
def slow_fib(n):
    return n if n < 2 else slow_fib(n - 1) + slow_fib(n - 2)
slow_fib, fib_cache = memoize(slow_fib)
print(slow_fib(60), len(fib_cache))
def accumulator():
    items = []
    def add(x):
        items.append(x)
        return list(items)
    def size():
        return len(items)
    return add, size
add, size = accumulator()
add('a')
print(add('b'), size())

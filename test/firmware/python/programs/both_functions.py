# Functions: positional and keyword arguments, defaults (incl. the shared mutable
# default), *args, keyword calls, recursion, lambdas, functions as values, docstrings,
# and the recursion limit.
from __future__ import print_function
import sys
def greet(name, greeting='Hello', punct='!'):
    return '%s, %s%s' % (greeting, name, punct)
print(greet('Ann'), greet('Bob', 'Hi'), greet('Cy', punct='?'), greet(punct='.', name='Di'))
print(greet(greeting='Yo', name='Ed'))
def total(*args):
    return len(args), sum(args), args
print(total(), total(1), total(1, 2, 3))
def head_tail(first, *rest):
    return first, list(rest)
print(head_tail(1), head_tail(1, 2, 3), head_tail(*[7, 8, 9]), head_tail('x', *(1, 2)))
def append_to(item, bucket=[]):
    bucket.append(item)
    return bucket
print(append_to(1), append_to(2), append_to(3, []), append_to(4))
def safe_append(item, bucket=None):
    if bucket is None:
        bucket = []
    bucket.append(item)
    return bucket
print(safe_append(1), safe_append(2))
def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)
print(fact(0), fact(10), fact(30), [fib(i) for i in range(15)])
def hanoi(n, a, b, c, moves):
    if n:
        hanoi(n - 1, a, c, b, moves)
        moves.append(a + c)
        hanoi(n - 1, b, a, c, moves)
    return moves
print(len(hanoi(6, 'A', 'B', 'C', [])), hanoi(2, 'A', 'B', 'C', []))
def is_even(n):
    return True if n == 0 else is_odd(n - 1)
def is_odd(n):
    return False if n == 0 else is_even(n - 1)
print(is_even(10), is_odd(7), is_even(7))
square = lambda x: x * x
add = lambda a, b=10: a + b
print(square(7), add(1), add(1, 2), (lambda: 'noargs')(), (lambda *a: len(a))(1, 2))
ops = {'add': lambda a, b: a + b, 'mul': lambda a, b: a * b}
print(sorted([(name, fn(6, 7)) for name, fn in ops.items()]))
def apply(fn, *args):
    return fn(*args)
print(apply(max, 3, 9, 2), apply(greet, 'Fay'), apply(len, 'four'))
def doc():
    """A docstring."""
    return doc.__doc__
print(doc(), greet.__name__, square.__name__)
def no_return():
    pass
print(no_return(), sys.getrecursionlimit())
def early(n):
    for i in range(n):
        if i * i > n:
            return i
    return -1
print(early(50), early(0))

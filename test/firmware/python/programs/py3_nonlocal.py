# nonlocal and scopes: counters and accumulators rebinding enclosing variables, several
# levels of nesting, nonlocal alongside global, closures sharing one cell, and a closure
# cell rebound after the inner function was created.
def counter(start=0):
    n = start
    def inc(step=1):
        nonlocal n
        n += step
        return n
    def get():
        return n
    return inc, get
inc, get = counter(10)
inc()
inc(5)
print(get(), inc(), get())
inc2, get2 = counter()
print(inc2(), get(), get2())
def outer():
    x = 'outer'
    def middle():
        def inner():
            nonlocal x
            x = 'changed by inner'
        inner()
        return x
    before = x
    after = middle()
    return before, after, x
print(outer())
total = 0
def both():
    acc = []
    def add(v):
        global total
        nonlocal acc
        total += v
        acc = acc + [v]
        return len(acc)
    add(1)
    add(2)
    return acc, add(3)
print(both(), total)
def late_binding():
    fns = []
    value = 'first'
    fns.append(lambda: value)
    value = 'second'
    fns.append(lambda: value)
    return [f() for f in fns]
print(late_binding())
def make_accumulators():
    data = []
    def push(x):
        data.append(x)
    def reset():
        nonlocal data
        old = data
        data = []
        return old
    def peek():
        return list(data)
    return push, reset, peek
push, reset, peek = make_accumulators()
push(1)
push(2)
print(peek(), reset(), peek())
push(9)
print(peek())
def fib_gen_closure():
    a, b = 0, 1
    def step():
        nonlocal a, b
        a, b = b, a + b
        return a
    return step
step = fib_gen_closure()
print([step() for _ in range(10)])

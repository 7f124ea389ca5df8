from __future__ import division, print_function
# True division of ints is correctly rounded (long_true_divide), also for big ints; ints
# beyond the largest float raise OverflowError when converted.

state = [12345]


def lcg():
    state[0] = (state[0] * 1103515245 + 12345) % 2147483648
    return state[0]


def big(words):
    n = 0
    for i in range(words):
        n = n * 2147483648 + lcg()
    return n


checks = 0
digest = 0
for i in range(3000):
    a = big(1 + i % 5) - big(1 + i % 3)
    b = big(1 + i % 4) + 1
    if i % 2:
        b = -b
    q = a / b
    text = repr(q)
    checks += 1
    for ch in text:
        digest = (digest * 31 + ord(ch)) % 1000000007
    if i % 500 == 0:
        print(i, text)
print("checked", checks, "digest", digest)

print(repr((2 ** 53 + 1) / 3), repr(2 ** 1100 / 2 ** 1090), repr(0 / -5), repr(1 / 10 ** 400))
print(repr(-(2 ** 60 + 3) / 7), repr((10 ** 400) / (-10 ** 399)), repr(2 ** 1074 / 2 ** 2100))
for f in [lambda: 10 ** 400 / 3, lambda: 10 ** 400 * 1.0, lambda: 1.0 + 10 ** 400, lambda: 5 / 0]:
    try:
        print(repr(f()))
    except (OverflowError, ZeroDivisionError) as e:
        print(type(e).__name__)

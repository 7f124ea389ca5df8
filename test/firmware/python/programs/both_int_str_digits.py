from __future__ import print_function
# 3.11+ limits int <-> decimal str conversions to 4300 digits; 2.x has no limit.
x = 10 ** 5000
for f in [lambda: str(x), lambda: repr(x), lambda: "%d" % x, lambda: int("1" * 5000), lambda: len(str(10 ** 4299)), lambda: "{}".format(x), lambda: len(hex(x))]:
    try:
        print(f())
    except ValueError as e:
        print("ValueError", e)

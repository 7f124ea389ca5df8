# float() of an int beyond the largest float is an OverflowError.
from __future__ import print_function
for f in [lambda: float(10**400), lambda: float(2**1023), lambda: float(-10**400), lambda: float(10**20)]:
    try:
        print(repr(f()))
    except OverflowError as e:
        print("OverflowError", e)

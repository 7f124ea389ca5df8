# Float arithmetic and repr: int/float mixing, floor division and modulo of floats,
# shortest round-tripping repr, special values and conversions.
from __future__ import print_function

values = [0.1, 0.2, 0.1 + 0.2, 1.0 / 3, 2.0 / 3, 1e16, 1e-5, 1e22, 1.5e-7,
          123456789.123, 0.5, 100.0, 1e100, 2.5e-300, 12345678901234567890.0,
          -0.0, 3.141592653589793, 2.718281828459045, 1 / 7.0, 1e15 + 0.3]
for v in values:
    print(repr(v))

print(repr(7.0 // 2), repr(-7.0 // 2), repr(7.5 % 2), repr(-7.5 % 2), repr(7.5 % -2))
print(repr(divmod(7.5, 2)), repr(divmod(-7.5, 2)))
print(repr(3 + 0.5), repr(3 * 1.5), repr(10 - 0.25), repr(2 ** 0.5), repr(4 ** 0.5))
print(repr(2 ** -1), repr(2.0 ** -2), repr(10 ** -3.0))
print(repr(float(7)), repr(float('1.5')), repr(float('-2.25e3')), repr(float('  8  ')))
print(repr(float('inf')), repr(float('-inf')), repr(float('inf') * 0 != float('inf') * 0))
print(1.0 == 1, 0.1 + 0.2 == 0.3, 0.5 < 1, 2.0 > 1, -0.0 == 0.0)
print(repr(abs(-2.5)), repr(abs(2.5)), repr(-(1.25)))
print(repr(max(1, 2.5, 2)), repr(min(1.5, 1)), repr(sum([0.1] * 10)))
print(int(2.5), int(-2.5), int(1e10), int(1e20))
total = 0.0
for i in range(10):
    total += 0.1
print(repr(total), total == 1.0)
a = 1
a += 0.5
a *= 2
print(repr(a), type(a).__name__)
b = 7
b /= 2.0
print(repr(b))
print(repr(1e16 + 1), repr(2.0 ** 53), repr(2.0 ** 53 + 1), repr(9007199254740993.0))
print(repr(0.1 * 3), repr(1.1 * 1.1), repr(100 * 1.1), repr(3.0 * 1.1))
print(repr(1e300 * 1e10), repr(-1e300 * 1e10))
print(repr(5e-324), repr(1.7976931348623157e308))
print(float(10 ** 20) == 10 ** 20, 2 ** 0.5 > 1.41)

# Integer arithmetic: floor division and modulo with negative operands, divmod, powers,
# big integers, comparisons and bitwise operators.
from __future__ import print_function

pairs = [(7, 2), (-7, 2), (7, -2), (-7, -2), (0, 3), (1, 7), (-1, 7)]
for a, b in pairs:
    print(a, b, a // b, a % b, divmod(a, b), -(a // b) * b + a)

print(2 ** 10, 2 ** 0, (-2) ** 3, (-3) ** 2, 0 ** 0)
print(10 - 3 * 4 + 2, (10 - 3) * (4 + 2), -3 ** 2, (-3) ** 2)
print(17 & 5, 17 | 5, 17 ^ 5, ~17, 1 << 10, 1024 >> 3, -16 >> 2)
print(abs(-12), abs(0), abs(5), -(-4), +7)

big = 2 ** 100
print(big)
print(big + 1, big - 1)
print(big * big)
print(big // 3, big % 7)
print(-big // 7, -big % 7)
print(3 ** 40, (-3) ** 41)
print(big > 2 ** 99, big == 2 ** 100, big < 0)
f = 1
for i in range(1, 26):
    f = f * i
print('25! =', f)
print(f // (2 ** 20), f % 1000003)
print(str(12345678901234567890123)[::-1])
print(int('123456789012345678901234567890') * 2)
print(int('-42'), int('  17  '), int('ff', 16), int('777', 8), int('101', 2))
print(int(3.99), int(-3.99), int(True), int(False))

x = 5
x += 3
x -= 1
x *= 4
x //= 3
x %= 5
x **= 3
print(x)
y = 1
y <<= 20
y >>= 4
y |= 3
y &= 0xff0f
y ^= 1
print(y)
print(1 < 2 < 3, 3 > 2 > 2, 1 == 1.0, 2 != 2, 1 <= 1 >= 0)
print(max(3, -5, 2), min(3, -5, 2), sum([1, 2, 3, 4]), sum(range(101)))
print(True + True, True * 10, False - 1)
print(0x1F, 0o17, 0b1011, 1000000 * 1000000)

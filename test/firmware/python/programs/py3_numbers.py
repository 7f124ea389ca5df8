# Python 3 numbers: true division, float str == repr, banker's round() returning int,
# round with ndigits, int/float mixing, big ints, ** with negative exponents, oct/hex/bin
# forms, int() with bases, float specials and integer-valued float checks.
print(7 / 2, -7 / 2, 1 / 3, 10 / 5, 2 / 3, 0 / 1, type(10 / 5).__name__)
print(7 // 2, -7 // 2, 7 % -3, -7 % 3, 7.5 // 2, -7.5 // 2, 7.5 % -2)
print(0.1 + 0.2, 1e16, 1e-5, 123456789012345678.0, 1.5e300 * 1e10, -1e400, 1e15 + 0.3)
print([0.1, 1 / 3], (2.5,), {'k': 0.1 * 3})
print(round(0.5), round(1.5), round(2.5), round(-0.5), round(-1.5), round(3.7), type(round(2.5)).__name__)
print(round(2.675, 2), round(1.25, 1), round(1234.5678, -2), round(0.125, 2), round(7, -1), round(15, -1), round(25, -1))
print(round(-2.5), round(2.4999), round(1e20), round(5.5, 0), type(round(5.5, 0)).__name__)
print(oct(8), oct(0), oct(-8), hex(255), hex(-1), bin(10), bin(-3), bin(0))
print(int('0x1f', 16), int('0o17', 8), int('0b101', 2), int('z', 36), int('1_000'), int(' -12 '))
print(2 ** 100, -2 ** 63, 2 ** 64 // 3, 2 ** 64 % 10, divmod(2 ** 64, 7), 10 ** 30 // 10 ** 28)
print(2 ** -1, 2 ** -2, 10 ** -3, (-8) ** 2, 4 ** 0.5, 0 ** 0, 0.0 ** 0)
print(pow(3, 4), pow(3, 4, 5), pow(2, -1), pow(7, -1, 12))
print(5 + 2.5, 5 * 1.0, 3 - 3.0, 2 * 2 ** 0.5, 1 + True, True / 2)
print(int(2.9), int(-2.9), int(1e20), float(2 ** 70), float(7), float('  -1.5 '), int('-0'))
print(float('inf'), float('-inf'), float('nan'), -float('inf'), float('inf') > 10 ** 300)
print((1.5).is_integer(), (2.0).is_integer(), (255).bit_length(), (-1).bit_length(), (0).bit_length())
print(abs(-3), abs(-3.5), abs(-(2 ** 80)), max(1, 2.5), min(-1, -1.5), sum([0.1] * 3))
print(1 == 1.0, 2 ** 53 == 2.0 ** 53, 2 ** 53 + 1 == 2.0 ** 53 + 1, 1 < 1.5 < 2, 10 ** 20 == 1e20)
print(divmod(7, 2), divmod(-7, 2), divmod(7.5, 2), divmod(-7.5, -2))
print(3 * 1.1, 0.1 * 3, 1.1 + 2.2, 100 * 1.1, 1e22, 1e21, 1e-4, 0.0001234)
print(1 / 7, 22 / 7, 2 / 3 * 3, 1e308 * 10, 5e-324 / 2, 9007199254740993)
print(float(1 / 3), str(1 / 3), repr(1 / 3), '%s' % (1 / 3), '%r' % (1 / 3))
n = 1
for i in range(1, 31):
    n *= i
print(n, len(str(n)), n % 1000007, n // 10 ** 20)
x = 10
x /= 4
print(x)
x //= 1
print(x)
y = 7
y **= 2
y %= 10
print(y, 7 ** 2 % 10, -7 ** 2, (-7) ** 2)
print(0x10 + 0o10 + 0b10, 1_000_000 + 1, 1e3, 1.5e-3, 12.)
print(int(True), int(False), True + True, False * 5, -True)

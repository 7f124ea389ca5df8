# Python 2 numbers: integer `/` floors, long literals and automatic promotion to long,
# repr with the L suffix, str() of floats to 12 significant digits, round() half away
# from zero returning a float, oct/hex forms, and int/long/float mixing.
import sys
print 7 / 2, -7 / 2, 7 / -2, 7 % -2, -7 % 2, 7 // 2, 7.0 / 2, 7 / 2.0
print 1 / 3, 2 / 3, 10 / 5, 0 / 7, -1 / 7
x = 10L
print x, repr(x), type(x).__name__, x / 3, x * x, repr(x * x)
print type(5).__name__, type(2 ** 70).__name__, repr(2 ** 70), str(2 ** 70)
big = sys.maxint
print big, type(big).__name__, type(big + 1).__name__, repr(big + 1)
print type(big + 1 - 1).__name__, (big + 1) - 1 == big, type(-big - 1).__name__
print repr(0L), repr(-5L), repr(long(7)), long('123'), repr(long(2.5)), int(10L), type(int(10L)).__name__
print repr(2 ** 64 / 3), repr(2 ** 64 % 10), repr(divmod(2 ** 64, 7))
print 0.1 + 0.2, repr(0.1 + 0.2), 1 / 3.0, repr(1 / 3.0), 2.0 / 3
print 1e16, 1e22, 123456789012.0, 1234567890123.0, 0.1, 1.0, 100.0, 1e-5
print str(3.14159265358979), repr(3.14159265358979), str(1.0 / 7), 12345.678901234
print [0.1, 1.0 / 3], (2.5, 0.1 + 0.2), {'f': 1.0 / 3}
print round(0.5), round(1.5), round(2.5), round(-0.5), round(-2.5), round(3.7)
print round(2.675, 2), round(1.25, 1), round(1234.5, -2), round(7), type(round(7)).__name__
print oct(8), oct(0), oct(-8), hex(255), hex(255L), hex(-1), oct(8L)
print '%#o %#x %o' % (8, 255, 8L), '%d' % 10L, '%s' % 10L, '%r' % 10L
print 5 + 2.5, 5 * 1L, 5L + 2.5, type(5 * 1L).__name__, type(5L + 2.5).__name__
print 3 == 3L == 3.0, 2 ** 62 * 2 == 2 ** 63, 2 ** 100 > 1e29
print int('777'), int('7' * 25), type(int('7' * 25)).__name__
print abs(-10L), abs(-2 ** 70), -(-sys.maxint - 1), type(-(-sys.maxint - 1)).__name__
print divmod(7, 2), divmod(-7, 2), divmod(7.5, 2), divmod(10L, 3)
print float(10L), float(2 ** 70), int(1e18), type(int(1e19)).__name__
print 10 / 4 * 4, 10 * 4 / 4, 10.0 / 4 * 4, -(10 / 4), (-10) / 4
print pow(2, 10), pow(2, -1), pow(2L, 3), 2 ** -2, 10 ** 20
n = 1
for i in xrange(1, 22):
    n *= i
print n, type(n).__name__
y = 5
y /= 2
print y
z = 5
z /= 2.0
print z
print sum([1, 2L, 3]), type(sum([1, 2L, 3])).__name__, max(1, 2L), min(1.5, 1L)
print True / 2, True + 1L, repr(True * 1L)

# str.format: automatic, indexed and named fields, attribute and index lookups, conversions
# (!r !s !a), fill/align/sign/#/0/width/grouping/precision/type, nested replacement fields,
# escaped braces, format() and __format__.
class Pt:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __str__(self):
        return 'Pt<%s,%s>' % (self.x, self.y)
    def __repr__(self):
        return 'Pt(%r, %r)' % (self.x, self.y)
p = Pt(3, -4)
print('{} {} {}'.format(1, 'two', 3.0))
print('{0} {1} {0} {2}'.format('a', 'b', 'c'))
print('{name} is {age}; {name}!'.format(name='Ann', age=30))
print('{0.x},{0.y} {1[0]} {1[2]} {2[key]} {p.x}'.format(p, [9, 8, 7], {'key': 'v'}, p=p))
print('{} {!r} {!s} {!a}'.format(p, p, 'str', 'caf\xe9'))
print('{!r:>12}|{:^9}|'.format('q', 'mid'))
print('[{:<8}] [{:>8}] [{:^8}] [{:*^9}] [{:-<6}] [{:0>5}]'.format('l', 'r', 'c', 'star', 'd', 42))
print('[{:+d}] [{:+d}] [{: d}] [{:-d}] [{:=+8d}] [{:08d}] [{:08.3f}]'.format(5, -5, 5, 5, 42, -42, -3.14159))
print('{:b} {:o} {:x} {:X} {:#b} {:#o} {:#x} {:#X} {:c}'.format(10, 10, 255, 255, 10, 10, 255, 255, 65))
print('{:,} {:,} {:_} {:,.2f} {:_b} {:,d}'.format(1234567, -1000, 123456789, 1234567.891, 255, 10 ** 12))
print('{:.2f} {:.0f} {:.3e} {:E} {:g} {:G} {:.3g} {:%} {:.1%}'.format(3.14159, 2.5, 12345.678, 0.5, 1e-5, 1e20, 1234.5, 0.25, 0.4567))
print('{:10.3f}|{:<10.2e}|{:^10.1%}|'.format(2.71828, 31415.9, 0.125))
print('{} {} {} {}'.format(1.0, 1e16, 0.1 + 0.2, -0.0))
print('{:f} {:e} {:g} {:d}'.format(1.5, 1.5, 1.5, 1500))
print('{:5} {:<5} {:5} {:>5}'.format(42, 42, 'ab', 'ab'))
print('{:.3} {:.5s} {:10.4}|'.format('abcdef', 'abcdefgh', 'truncate'))
print('{:{w}.{p}f}|{:{fill}{align}{w}}|'.format(3.14159, 'x', w=8, p=2, fill='~', align='^'))
print('{0:{1}}|{2:>{1}}|'.format('ab', 6, 'cd'))
print('{{literal}} {{{}}} }}{{'.format('in'))
print('{:d}'.format(True), '{}'.format(True), '{:>5}'.format(True), '{!r}'.format(None))
print('{}'.format([1, 'a', (2,)]), '{}'.format({'k': 1}), '{:>10}'.format(str([1])))
print(format(255, 'x'), format(3.14159, '.2f'), format('s', '>3'), format(1234, ','), format(5))
print('{0[1][0]} {0[0]}'.format([[1], ['nested']]), '{.real}'.format(7))
print('{:>{}}|{:<{}}|'.format('a', 4, 'b', 3))
print('{:.0f} {:.0f} {:.0f} {:.0f} {:.1f} {:.2f}'.format(0.5, 1.5, 2.5, -0.5, 0.05, 2.675))
print('{:x} {:o} {:b} {:#x}'.format(-255, -8, -5, -255))
print('{:,}'.format(2 ** 70), '{:e}'.format(2 ** 70), '{:.2f}'.format(10 ** 20))
class Money:
    def __init__(self, cents):
        self.cents = cents
    def __format__(self, spec):
        s = '%d.%02d' % divmod(self.cents, 100)
        return format(s, spec) if spec else s
print('[{}] [{:>8}] [{:<8}]'.format(Money(12345), Money(5), Money(99)))
row = '{:<6}{:>6}{:>8.2f}'
for name, qty, price in [('bolt', 10, 0.25), ('nut', 200, 0.05), ('gear', 3, 12.5)]:
    print(row.format(name, qty, qty * price))
print('{0}{1}{0}'.format('-' * 3, 'x'), '{:=^20}'.format(' title '))
print('{:g} {:g} {:g} {:g} {:g}'.format(100000, 1000000, 0.0001, 0.00001, 123456789))
print('{:#g} {:.10g} {:.2g} {:.1e}'.format(1.0, 1 / 3, 0.000123, 99999))

# Built-in exception messages as `print(type(e).__name__, e)` shows them, for the errors
# device code meets: lookups, arithmetic, conversions, attribute and name errors,
# wrong calls and unsupported operand types.
class Thing(object):
    def __init__(self):
        self.a = 1
    def method(self, x):
        return x
def show(fn):
    try:
        fn()
        print('no error')
    except Exception as e:
        print(type(e).__name__, e)
def f1(x):
    return x
def f2(a, b):
    return a
five, text = 5, 'abc'
show(lambda: {'a': 1}['b'])
show(lambda: {}[('t', 1)])
show(lambda: {}[42])
show(lambda: [1, 2, 3][3])
show(lambda: (1, 2)[-3])
show(lambda: 'abc'[10])
show(lambda: [].pop())
show(lambda: [1].pop(5))
show(lambda: 1 / 0)
show(lambda: 1 // 0)
show(lambda: 1 % 0)
show(lambda: 1.0 / 0)
show(lambda: 2.5 // 0.0)
show(lambda: divmod(1, 0))
show(lambda: 1 + 'a')
show(lambda: 'a' + 1)
show(lambda: [1] + (2,))
show(lambda: 'a' * 'b')
show(lambda: None + 1)
show(lambda: -'x')
show(lambda: len(5))
show(lambda: int('abc'))
show(lambda: int('1.5'))
show(lambda: float('x'))
show(lambda: int(None))
show(lambda: [1, 2].index(5))
show(lambda: [1, 2].remove(5))
show(lambda: 'abc'.index('z'))
show(lambda: Thing().b)
show(lambda: Thing().method())
show(lambda: Thing().method(1, 2))
show(lambda: f1())
show(lambda: f1(1, 2))
show(lambda: f1(y=1))
show(lambda: (5).nope)
show(lambda: 'str'.nope)
show(lambda: [].nope)
show(lambda: None.nope)
show(lambda: undefined_name)
show(lambda: five())
show(lambda: text())
show(lambda: (1, 2)[0:1] + 3)
show(lambda: [1, 2] < 'a')
show(lambda: 1 < None)
show(lambda: {[]: 1})
show(lambda: set([{}]))
show(lambda: 'abc'.split(None, 'x'))
show(lambda: chr(-1))
show(lambda: ord('ab'))
show(lambda: int('9' * 3, 2))
show(lambda: 'x'.join([1, 2]))
show(lambda: '%d' % 'x')
show(lambda: '%s %s' % ('a',))
show(lambda: '%s' % ('a', 'b'))
show(lambda: sorted([1, 'a']))
show(lambda: max([]))
show(lambda: iter(5))
show(lambda: next(iter([])))
show(lambda: dict([1, 2]))
show(lambda: f2(1))
show(lambda: 2 ** -1 + [])

# __del__ timing on 3.x: instance attributes and dict entries released in insertion
# order, function locals released at return in definition order, `del a, b` left to
# right, the `as` target of an except clause (and the traceback it holds, with the
# failing frame's locals) released at the end of the handler, closure cells and
# exception arguments.
class Res:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print('del', self.name)
class Holder:
    def __init__(self):
        self.first = Res('attr-first')
        self.second = Res('attr-second')
        self.third = Res('attr-third')
h = Holder()
h.second = Res('attr-second-b')
print('replaced second')
del h
print('holder gone')
d = {'k1': Res('v1'), 'k2': Res('v2'), 'k3': Res('v3')}
d['k1'] = Res('v1b')
print('replaced k1')
d = None
print('dict gone')
def locals_order():
    a = Res('local-a')
    b = Res('local-b')
    c = Res('local-c')
    print('returning')
locals_order()
x, y = Res('x'), Res('y')
del y, x
print('deleted y, x')
def fails():
    victim = Res('frame-local')
    raise ValueError(Res('exc-arg'))
try:
    fails()
except ValueError as e:
    print('handling', e.args[0].name)
print('after handler')
def handle_in_function():
    try:
        fails()
    except ValueError:
        print('handled without as')
    print('still in function')
handle_in_function()
print('function returned')
def make_closure():
    captured = Res('captured')
    return lambda: captured.name
fn = make_closure()
print('closure alive:', fn())
fn = None
print('closure gone')
items = [Res('i0'), Res('i1'), Res('i2')]
items.remove(items[1])
print('removed i1')
items.insert(0, Res('i-new'))
items.sort(key=lambda r: r.name)
print([r.name for r in items])
del items
print('end')

# __del__ timing on 2.7: old-style and new-style instances, rebinding in loops, bound
# methods keeping their object alive, locals of a function that raised (kept by the
# traceback until the handling function's exception state is cleared), and attributes
# released after their owner's __del__.
import sys
class Res(object):
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print 'del', self.name
class OldRes:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print 'old del', self.name
r = OldRes('o1')
r = OldRes('o2')
print 'rebound old-style'
del r
for i in xrange(3):
    item = Res('loop%d' % i)
    print 'made', item.name
print 'loop done'
del item
m = Res('method-owner').__init__
print 'bound method alive'
del m
print 'bound method gone'
def fails():
    # (2.7 keeps a handled exception's frames, and their locals, until the handler's function
    # returns: memsim does not model that lifetime; see the semantics test's notes.)
    raise ValueError('boom')
def handler():
    try:
        fails()
    except ValueError, e:
        print 'caught', e
    print 'after except in handler'
handler()
print 'handler returned'
def cleared():
    try:
        fails()
    except ValueError:
        sys.exc_clear()
        print 'exc_clear called'
    print 'end of cleared'
cleared()
class Owner(object):
    def __init__(self, name, *parts):
        self.name = name
        self.parts = list(parts)
    def __del__(self):
        print 'del owner', self.name, len(self.parts)
own = Owner('box', Res('part-a'), OldRes('part-b'))
own = None
print 'owner dropped'
pair = [Res('x'), Res('y')]
pair.reverse()
pair = None
print 'reversed pair dropped'
def swap():
    a, b = Res('first'), Res('second')
    a, b = b, a
    return a
kept = swap()
print 'kept', kept.name
kept = None
print 'end'

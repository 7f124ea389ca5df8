# __del__ under reference counting: objects are finalized the moment their last reference
# goes (del, rebinding, function return, discarded temporaries, containers dropped).
# Lists and tuples release their items last to first; an instance's own __del__ runs
# before the objects it holds are released.
from __future__ import print_function
class Res(object):
    def __init__(self, name):
        self.name = name
        print('open', name)
    def __del__(self):
        print('close', self.name)
a = Res('a')
del a
print('after del a')
b = Res('b1')
b = Res('b2')
print('after rebind')
del b
def scope():
    r = Res('local')
    print('in scope', r.name)
scope()
print('after scope')
def make(name):
    return Res(name)
x = make('returned')
print('holding', x.name)
x = None
print('after x = None')
lst = [Res('l0'), Res('l1'), Res('l2')]
del lst
print('after list')
t = (Res('t0'), Res('t1'))
t = 0
print('after tuple')
holder = Res('holder')
holder.child = Res('child')
del holder
print('after holder')
one = Res('shared')
alias = one
del one
print('still alive:', alias.name)
del alias
Res('temp')
print('after temp')
print(len([Res('c%d' % i) for i in range(2)]))
print('after comprehension')
d = {1: Res('d1'), 2: Res('d2'), 3: Res('d3')}
del d[2]
print('after del d[2]')
d = None
print('after dict')
stack = [Res('s0'), Res('s1')]
stack.pop()
print('popped')
stack[0] = Res('s0b')
print('replaced')
stack.append(Res('s2'))
del stack[:]
print('cleared')
def chain():
    p = Res('p')
    q = Res('q')
    p = q
    print('rebound p')
chain()
print('after chain')
nest = [[Res('n0')], [Res('n1'), Res('n2')]]
nest[1] = None
print('after nest[1]')
del nest
print('end')

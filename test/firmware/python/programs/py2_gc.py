# The 2.7 gc module: instances count with their __dict__, old-style instances too;
# cycles holding __del__ are uncollectable and land in gc.garbage (the collector never
# calls their __del__); DEBUG_SAVEALL; thresholds; lazily tracked dicts.
import gc
gc.collect()
gc.disable()
class Node(object):
    def __init__(self, name):
        self.name = name
class OldNode:
    def __init__(self, name):
        self.name = name
class Final(object):
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print 'finalizing', self.name
a, b = Node('a'), Node('b')
a.peer, b.peer = b, a
del a, b
print 'new-style pair', gc.collect()
s = Node('self')
s.me = s
del s
print 'new-style self-cycle', gc.collect()
o1, o2 = OldNode('o1'), OldNode('o2')
o1.peer, o2.peer = o2, o1
del o1, o2
print 'old-style pair', gc.collect()
f1, f2 = Final('f1'), Final('f2')
f1.peer, f2.peer = f2, f1
del f1, f2
print 'finalizer pair', gc.collect(), len(gc.garbage)
def describe(objs):
    return sorted([type(g).__name__ for g in objs]), sorted([g.name for g in objs])
print describe(gc.garbage)
victims = sorted(gc.garbage, key=lambda x: x.name)
del gc.garbage[:]
for v in victims:
    v.peer = None
del v, victims
print 'garbage cleared', len(gc.garbage), gc.collect()
lone = Final('lone')
lone.me = lone
del lone
print 'finalizer self-cycle', gc.collect(), len(gc.garbage)
gc.garbage[0].me = None
del gc.garbage[:]
print 'after breaking it'
gc.set_debug(gc.DEBUG_SAVEALL)
l = []
l.append(l)
del l
print 'saveall', gc.collect(), len(gc.garbage), type(gc.garbage[0]).__name__
gc.set_debug(0)
gc.garbage[0].pop()
del gc.garbage[:]
print gc.get_debug(), gc.get_threshold(), gc.isenabled()
gc.set_threshold(100)
print gc.get_threshold()
gc.set_threshold(700, 10, 10)
print gc.is_tracked({}), gc.is_tracked({'a': 1}), gc.is_tracked({'a': [1]})
d = {}
print gc.is_tracked(d)
d['list'] = []
print gc.is_tracked(d), gc.is_tracked(Node('x')), gc.is_tracked(OldNode('y'))
print gc.is_tracked(Node('z').__dict__), gc.is_tracked(3L), gc.is_tracked('s')
gc.enable()
print gc.isenabled()

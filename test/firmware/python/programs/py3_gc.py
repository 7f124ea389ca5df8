# The 3.x gc module: instance cycles, cycles with __del__ are collected (PEP 442) and
# gc.garbage stays empty, finalizers run once, collect(generation), DEBUG_SAVEALL,
# freeze/unfreeze, get_stats() shape, is_tracked and is_finalized.
import gc
gc.collect()
gc.disable()
finalized = []
class Node:
    def __init__(self, name):
        self.name = name
class Final:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        finalized.append(self.name)
a, b = Node('a'), Node('b')
a.peer, b.peer = b, a
del a, b
print('instance pair', gc.collect())
s = Node('s')
s.me = s
s.extra = {'k': [1, 2]}
del s
print('self-cycle with a dict and a list', gc.collect())
f1, f2 = Final('f1'), Final('f2')
f1.peer, f2.peer = f2, f1
del f1, f2
print('finalizer pair', gc.collect(), len(gc.garbage), sorted(finalized))
finalized.clear()
lone = Final('lone')
lone.me = lone
del lone
print('finalizer self-cycle', gc.collect(0), sorted(finalized), len(gc.garbage))
r = Final('refcounted')
del r
print('refcounted finalizer ran without gc:', finalized[-1])
l = []
l.append(l)
del l
print('gen1 collection', gc.collect(1), 'then full', gc.collect(2))
gc.set_debug(gc.DEBUG_SAVEALL)
l = [[]]
l[0].append(l)
del l
print('saveall', gc.collect(), len(gc.garbage), sorted([type(x).__name__ for x in gc.garbage]))
gc.set_debug(0)
for x in gc.garbage:
    x.clear()
del x
gc.garbage.clear()
print('debug', gc.get_debug(), 'garbage', len(gc.garbage), 'collect', gc.collect())
stats = gc.get_stats()
print(len(stats), sorted(stats[0]))
gc.freeze()
print(gc.get_freeze_count() > 0)
gc.unfreeze()
print(gc.get_freeze_count())
print(gc.is_tracked({}), gc.is_tracked({'a': 1}), gc.is_tracked({'a': []}), gc.is_tracked(Node('n')))
print(gc.is_tracked([]), gc.is_tracked(1), gc.is_tracked('text'), gc.is_tracked(Final))
obj = Final('probe')
print(gc.is_finalized(obj))
del obj
print(finalized[-1])
try:
    gc.collect(3)
except ValueError as e:
    print('ValueError', e)
print(gc.get_threshold(), gc.isenabled())
gc.enable()
print(gc.isenabled())

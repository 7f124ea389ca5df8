# The gc module: collect() returns the number of unreachable objects found, for cycles of
# lists, dicts, tuples and instances (2.7 counts each instance's __dict__ too); thresholds; enable/disable; is_tracked (2.7+);
# gc.garbage stays empty for cycles without __del__.
from __future__ import print_function
import gc
gc.collect()
print(gc.isenabled())
gc.disable()
print(gc.isenabled())
print(gc.get_threshold())
gc.set_threshold(500, 5, 5)
print(gc.get_threshold())
gc.set_threshold(700, 10, 10)
print(gc.get_threshold())
print(gc.collect())
l = []
l.append(l)
del l
print('list self-cycle', gc.collect())
a = [1]
b = [a]
a.append(b)
del a, b
print('two lists', gc.collect())
d = {}
d['self'] = d
del d
print('dict self-cycle', gc.collect())
ring = [[] for i in range(5)]
for i in range(5):
    ring[i].append(ring[(i + 1) % 5])
del ring
print('ring of five lists', gc.collect())
class Node(object):
    def __init__(self, name):
        self.name = name
n1 = Node('n1')
n2 = Node('n2')
n1.peer = n2
n2.peer = n1
del n1, n2
print('two instances', gc.collect())
kept = []
kept.append(kept)
print('reachable cycle', gc.collect(), len(kept))
t = ([],)
t[0].append(t)
del t
print('tuple-list cycle', gc.collect())
print(gc.collect(), len(gc.garbage))
print(gc.is_tracked(1), gc.is_tracked('s'), gc.is_tracked([]), gc.is_tracked(Node('x')))
print(gc.is_tracked(([],)), gc.is_tracked(lambda: 0), gc.is_tracked(None))
print(gc.is_tracked({}), gc.is_tracked({'a': 1}), gc.is_tracked({'a': []}))
gc.enable()
print(gc.isenabled())

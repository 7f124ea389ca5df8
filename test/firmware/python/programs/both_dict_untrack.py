from __future__ import print_function
# A full collection untracks tuples that hold nothing trackable, then dicts that hold nothing
# trackable any more: a dict whose only container value is such a tuple is untracked too.
import gc
x = 5
d = {"k": (x,)}
gc.collect()
print(gc.is_tracked(d), gc.is_tracked(d["k"]))
t = (x,)
d2 = {"k": t}
del t
gc.collect()
print(gc.is_tracked(d2))
d3 = {}
d3["k"] = (x,)
d3["l"] = ("a", (1, 2))
gc.collect()
print(gc.is_tracked(d3))
d4 = {"k": ([],)}
gc.collect()
print(gc.is_tracked(d4), gc.is_tracked(d4["k"]))

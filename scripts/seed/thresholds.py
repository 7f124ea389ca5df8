# Count-based triggering: thresholds (700, 10, 10), and automatic collections that start
# when net allocations of container objects pass 700, whatever their size.
import gc
print "thresholds: %r" % (gc.get_threshold(),)
class Node(object):
    def __init__(self):
        self.peer = self
for i in range(7000):
    Node()
print "done"

from __future__ import print_function
# __del__ in cycles. Each iteration makes a Resource freed by reference counting (its __del__
# runs at once everywhere), a cycle of a Resource and a plain object, and a plain cycle.
# Python 2.7: a cycle holding an object with __del__ is uncollectable; the collector reports
# the whole cycle (instances and their __dict__s) as uncollectable, appends the Resource to
# gc.garbage, and never calls its __del__. Python 3.4+ (PEP 442): the cycle is finalized and
# collected, and gc.garbage stays empty. So this workload's output differs between 2.7 and 3.x.
import gc

deleted = [0]


class Resource(object):
    def __init__(self, ident):
        self.ident = ident
        self.peer = None

    def __del__(self):
        deleted[0] += 1


class Plain(object):
    def __init__(self, ident):
        self.ident = ident
        self.peer = None


def run(n):
    total = 0
    for i in range(n):
        r = Resource(i)
        total += r.ident
        a = Resource(i)
        b = Plain(i)
        a.peer = b
        b.peer = a
        c = Plain(i)
        d = Plain(i)
        c.peer = d
        d.peer = c
        total += a.peer.ident + c.peer.ident
    return total


def main():
    total = run(12000)
    gc.collect()
    print("finalizer cycles: total %d" % total)
    print("__del__ calls: %d" % deleted[0])
    print("len(gc.garbage): %d" % len(gc.garbage))


if __name__ == '__main__':
    main()

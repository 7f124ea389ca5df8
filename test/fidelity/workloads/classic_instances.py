from __future__ import print_function
# The one workload with old-style class statements. Python 2.x makes `class Link:` a classic
# class: each instance is a classic instance with a separate __dict__ (two GC objects).
# Python 3 makes it an ordinary new-style class. The cycles are the same: pairs and
# self-references, dropped, plus a few kept.
import gc


class Link:
    def __init__(self, value):
        self.value = value
        self.peer = None


class Holder(Link):
    def __init__(self, value):
        Link.__init__(self, value)
        self.items = [value]


def main():
    keep = []
    total = 0
    for i in range(30000):
        a = Link(i)
        b = Link(i + 1)
        a.peer = b
        b.peer = a
        h = Holder(i)
        h.peer = h
        total += a.peer.value + h.items[0]
        if i % 100 == 0:
            keep.append(Link(i))
    print("classic: total %d, kept %d" % (total, len(keep)))


if __name__ == '__main__':
    main()

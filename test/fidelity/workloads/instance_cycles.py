from __future__ import print_function
# Cycles of instances, all dropped as soon as they are made: pairs (two nodes pointing at each
# other, owned by a third object), rings of five, and objects that refer to themselves.
# Default thresholds, automatic collection only; nothing but a running total survives.
import gc


class Node(object):
    def __init__(self, value):
        self.value = value
        self.next = None


class Pair(object):
    def __init__(self, value):
        self.left = Node(value)
        self.right = Node(value + 1)
        self.left.next = self.right
        self.right.next = self.left


def make_ring(size, start):
    first = Node(start)
    last = first
    i = 1
    while i < size:
        node = Node(start + i)
        last.next = node
        last = node
        i += 1
    last.next = first
    return first


def ring_sum(first):
    total = first.value
    node = first.next
    while node is not first:
        total += node.value
        node = node.next
    return total


def main():
    total = 0
    for i in range(15000):
        p = Pair(i)
        total += p.left.next.value
        r = make_ring(5, i)
        total += ring_sum(r)
        s = Node(i)
        s.next = s
        total += s.next.value
    print("instance cycles: total %d, gc enabled %r" % (total, gc.isenabled()))


if __name__ == '__main__':
    main()

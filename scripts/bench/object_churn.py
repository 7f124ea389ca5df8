from __future__ import print_function
# Benchmark: instances in cycles created and dropped, left to automatic collection (default
# thresholds). Measures allocation, attribute stores, reference counting and the collector.
import gc


class Node(object):
    def __init__(self, value, parent):
        self.value = value
        self.parent = parent
        self.children = []


def make_tree(value):
    root = Node(value, None)
    for i in range(3):
        child = Node(value + i, root)
        root.children.append(child)
        leaf = Node(value + i + 1, child)
        child.children.append(leaf)
    return root


def tree_sum(root):
    total = root.value
    for child in root.children:
        total += child.value
        for leaf in child.children:
            total += leaf.value + leaf.parent.value
    return total


def main():
    total = 0
    kept = []
    for i in range(150000):
        tree = make_tree(i)
        total += tree_sum(tree)
        if i % 2500 == 0:
            kept.append(tree)
    print("object_churn: total %d, kept %d trees" % (total, len(kept)))


main()

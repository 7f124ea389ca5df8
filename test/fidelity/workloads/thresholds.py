from __future__ import print_function
# The same churn of instance pairs under changed thresholds: (100, 5, 5), then (50, 2, 2), then
# threshold 0 (automatic collection disabled: the cycles pile up), then (700, 10, 10), whose
# first collection finds everything left from the disabled phase. One pair in 20 is kept, so
# the older generations grow and some full collections pass the 25 % rule.
import gc


class Cell(object):
    def __init__(self, value):
        self.value = value
        self.peer = None


def churn(n, start, kept):
    total = 0
    for i in range(n):
        a = Cell(start + i)
        b = Cell(start + i + 1)
        a.peer = b
        b.peer = a
        total += a.peer.value
        if i % 20 == 0:
            kept.append(a)
    return total


def main():
    results = []
    kept = []
    gc.set_threshold(100, 5, 5)
    results.append(churn(4000, 0, kept))
    print("threshold %r: %d" % (gc.get_threshold(), results[-1]))
    gc.set_threshold(50, 2, 2)
    results.append(churn(3000, 4000, kept))
    print("threshold %r: %d" % (gc.get_threshold(), results[-1]))
    gc.set_threshold(0)
    results.append(churn(3000, 7000, kept))
    print("threshold %d (automatic collection off): %d" % (gc.get_threshold()[0], results[-1]))
    gc.set_threshold(700, 10, 10)
    results.append(churn(6000, 10000, kept))
    print("threshold %r: %d" % (gc.get_threshold(), results[-1]))
    print("total %d, kept %d pairs" % (sum(results), len(kept)))


if __name__ == '__main__':
    main()

from __future__ import print_function
# Many small, mostly short-lived allocations of every kind the device language has: tuples,
# lists, dicts, list comprehensions, strings, floats, instances; one in 20 is kept, one in 3
# is made into a cycle. Most of them come from and go back to free lists, which the
# generation-0 counter does not see. Default thresholds, automatic collection only.
import gc


class Point(object):
    def __init__(self, x, y):
        self.x = x
        self.y = y


def step(i, keep):
    t = (i, i + 1, 'k%d' % i)
    l = [i, float(i) / 2.0, str(i)]
    d = {'a': l, 'b': t, 'c': i}
    squares = [x * x for x in range(8)]
    name = '%s:%d' % ('n', i)
    p = Point(i, len(name))
    pair = (p, squares)
    if i % 3 == 0:
        d['self'] = d
    if i % 20 == 0:
        keep.append(pair)
    return len(t) + len(l) + len(d) + squares[3] + p.y


def main():
    keep = []
    total = 0
    for i in range(30000):
        total += step(i, keep)
    kept = 0
    for pair in keep:
        kept += pair[0].x
    print("small allocations: total %d, kept %d (%d)" % (total, len(keep), kept))


if __name__ == '__main__':
    main()

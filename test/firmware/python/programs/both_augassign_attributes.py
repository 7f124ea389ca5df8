from __future__ import print_function
# Augmented assignment to attributes: the common counter, in-place list growth, errors
# raised by the load, the operation and the store, and the references they leave behind.
import gc


class Counter(object):
    def __init__(self):
        self.count = 0
        self.items = []
        self.name = 'c'

    def bump(self, n):
        self.count += n
        self.items += [n]
        return self.count


class Locked(object):
    def __init__(self):
        self.value = 1

    def __setattr__(self, name, value):
        if name == 'value' and value > 3:
            raise ValueError('too big: %d' % value)
        object.__setattr__(self, name, value)


def main():
    c = Counter()
    for i in range(5):
        c.bump(i)
    print('count', c.count, 'items', c.items)
    try:
        c.missing += 1
    except AttributeError:
        print('AttributeError on load')
    try:
        c.name += 1
    except TypeError:
        print('TypeError in the operation')
    lk = Locked()
    for i in range(4):
        try:
            lk.value += 1
        except ValueError as e:
            print('ValueError in the store:', e)
    print('value', lk.value)
    big = Counter()
    big.count = 2 ** 40
    big.count += 2 ** 40
    big.count *= 3
    print('big', big.count)
    ring = [Counter() for _ in range(3)]
    for j, r in enumerate(ring):
        r.peer = ring[(j + 1) % 3]
        r.peer.count += j
    del ring, r
    print('collected', gc.collect())


main()

from __future__ import print_function
# Long-lived data, then short-lived cycles: a start-up phase builds a large table that stays
# (generation 2 ends up holding tens of thousands of objects), then a steady phase churns
# self-referencing objects while the table grows slowly. From 2.7 on (and up to 3.13), a full
# collection runs only when the objects promoted to generation 2 since the last one exceed
# 25 % of what it held then, so in the steady phase generation-2 collections are skipped
# although count[2] passes its threshold: long runs of generation-1 collections instead.
import gc


class Entry(object):
    def __init__(self, key, history):
        self.key = key
        self.history = history


class Temp(object):
    def __init__(self, n):
        self.n = n
        self.me = self


def main():
    # 3.13's default is (2000, 10, 10); the same thresholds everywhere show the same cadence.
    gc.set_threshold(700, 10, 10)
    store = []
    for i in range(30000):
        store.append(Entry(i, [i]))
    total = 0
    for i in range(150000):
        t = Temp(i)
        total += t.me.n
        if i % 50 == 0:
            store.append(Entry(i, [i]))
    print("long-lived: %d entries, total %d" % (len(store), total))


if __name__ == '__main__':
    main()

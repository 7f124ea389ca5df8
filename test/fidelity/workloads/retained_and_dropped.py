from __future__ import print_function
# A growing list of retained records (no cycles) while three records in four are dropped as
# self-referencing cycles. Survivors pile up in the older generations, so generation 1 and
# generation 2 collections have real work; default thresholds, automatic collection only.
import gc


class Record(object):
    def __init__(self, key, payload):
        self.key = key
        self.payload = payload
        self.owner = None


def main():
    keep = []
    dropped = 0
    for i in range(50000):
        r = Record(i, [i, i * 2])
        if i % 4 == 0:
            keep.append(r)
        else:
            r.owner = r
            dropped += 1
    total = 0
    for r in keep:
        total += r.key + r.payload[1]
    print("retained %d, dropped %d, checksum %d" % (len(keep), dropped, total))


if __name__ == '__main__':
    main()

from __future__ import print_function
# Few objects, large buffers: every message holds a 64 KiB string and sits in a cycle with its
# header. Automatic collection counts objects, not bytes, so megabytes wait for the next
# collection. First automatic collection only, then a manual gc.collect() every 10 messages.
import gc

SIZE = 65536


class Message(object):
    def __init__(self, seq, body):
        self.seq = seq
        self.body = body
        self.header = {'seq': seq, 'parts': [seq, len(body)]}
        self.header['message'] = self


def run(n, every):
    total = 0
    manual = 0
    for i in range(n):
        m = Message(i, 'x' * SIZE)
        total += len(m.body) + m.header['parts'][0]
        if every > 0 and (i + 1) % every == 0:
            gc.collect()
            manual += 1
    return total, manual


def main():
    total, manual = run(3000, 0)
    print("automatic only: %d bytes seen, %d manual collections" % (total, manual))
    total, manual = run(600, 10)
    print("collect every 10: %d bytes seen, %d manual collections" % (total, manual))


if __name__ == '__main__':
    main()

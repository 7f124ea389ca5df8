# A gateway app that keeps few but large objects in cycles: each incoming message holds a
# 64 KiB buffer and points at itself. Automatic collection counts objects, not bytes:
# two GC objects per message never reach the threshold of 700 before the pool is gone.
import device


class Message(object):
    def __init__(self, n):
        self.n = n
        self.payload = 'x' * 65536
        self.me = self


received = [0]


def on_message(name):
    received[0] += 1
    Message(received[0])


device.on('message', on_message)

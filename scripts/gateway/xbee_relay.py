# An XBee-to-cloud relay (ConnectPort X2e, Python 2.7): sensor nodes report by radio; each
# frame is decoded into a reading and queued; every five minutes the queue is uploaded as
# one payload. Frames keep a reference to their node and nodes to their last frame, which
# makes a cycle per frame; the relay collects every 60 s (scenario policy).
import device
import random


class Node(object):
    def __init__(self, address):
        self.address = address
        self.last = None
        self.frames = 0


class Frame(object):
    def __init__(self, node, raw):
        self.node = node
        self.raw = raw
        node.last = self
        node.frames += 1


nodes = {}
outbox = []
uploaded = [0, 0]


def on_frame(name):
    address = '00:13:a2:00:40:%02x' % random.randint(0, 47)
    node = nodes.get(address)
    if node is None:
        node = Node(address)
        nodes[address] = node
    raw = 'T=%d;H=%d' % (random.randint(150, 300), random.randint(20, 90))
    frame = Frame(node, raw)
    fields = dict([kv.split('=') for kv in frame.raw.split(';')])
    outbox.append({'addr': address, 't': int(fields['T']) / 10.0, 'h': int(fields['H'])})


def on_upload(name):
    body = ','.join(['{"a":"%s","t":%.1f,"h":%d}' % (r['addr'], r['t'], r['h']) for r in outbox])
    uploaded[0] += len(outbox)
    uploaded[1] += len(body)
    del outbox[:]


device.on('frame', on_frame)
device.on('upload', on_upload)

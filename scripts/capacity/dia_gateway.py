# A Dia-like gateway (ConnectPort X4, Python 2.4): device drivers poll their sensors every
# 30 s into a channel database with per-channel sample history; a presentation layer
# renders the channels every 15 minutes. Channel samples point back at their channel
# (a cycle each); the scenario collects every 15 minutes, after the presentation.
import device
import random
import time


class Channel(object):
    def __init__(self, name):
        self.name = name
        self.samples = []


class Sample(object):
    def __init__(self, channel, value, at):
        self.channel = channel
        self.value = value
        self.at = at


channels = {}
for d in range(12):
    for c in ('temperature', 'humidity', 'battery'):
        channels['sensor%02d.%s' % (d, c)] = Channel(c)


def poll():
    now = time.time()
    for name in channels.keys():
        ch = channels[name]
        ch.samples.append(Sample(ch, random.random() * 100, now))
        if len(ch.samples) > 40:
            del ch.samples[0]


def present():
    names = channels.keys()
    names.sort()
    lines = []
    for name in names:
        ch = channels[name]
        values = [s.value for s in ch.samples]
        if values:
            lines.append('%s min=%.1f max=%.1f last=%.1f' % (name, min(values), max(values), values[-1]))
    return len('\n'.join(lines))


device.every(30, poll)
device.every(900, present)

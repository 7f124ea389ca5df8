// Realistic device scripts used by several syntax tests (not a test file itself).

/** The example of Digi's article on the garbage collector (Python 2). */
export const DIGI_GC_EXAMPLE = `import sys, gc
def make_cycle():
    l = { }
    l[0] = l
def main():
    collected = gc.collect()
    print "Garbage collector: collected %d objects." % (collected)
    print "Creating cycles..."
    for i in range(10):
        make_cycle()
    collected = gc.collect()
    print "Garbage collector: collected %d objects." % (collected)
if __name__ == "__main__":
    ret = main()
`;

/** A Python 2 gateway loop of that era: classes, try/except, the watchdog, the device CLI. */
export const GATEWAY_LOOP_PY2 = `# -*- coding: utf-8 -*-
"""Polls two sensors and forwards readings; strokes the watchdog every pass."""
import time, gc, sys
import digiwdog, digicli
from device import mem_free

POLL_SECONDS = 5
MAX_QUEUE = 0x40


class SensorError(Exception):
    pass


class Sensor(object):
    count = 0

    def __init__(self, name, address, scale=1.0):
        self.name = name
        self.address = address
        self.scale = scale
        self.history = []
        Sensor.count += 1

    def read(self):
        ok, lines = digicli.digicli("show sensor %d" % self.address)
        if not ok:
            raise SensorError, "sensor %s did not answer" % self.name
        value = float(lines[0].split(":")[1]) * self.scale
        self.history.append(value)
        if len(self.history) > 10:
            del self.history[0]
        return value

    def __del__(self):
        Sensor.count -= 1


def average(values):
    if not values:
        return None
    return sum(values) / len(values)


def main():
    dog = digiwdog.Watchdog(60, "gateway loop stuck")
    sensors = [Sensor("temp", 1), Sensor("humidity", 2, scale=0.5)]
    queue = []
    while True:
        for s in sensors:
            try:
                queue.append((s.name, s.read(), time.time()))
            except SensorError, e:
                print >>sys.stderr, "warning:", e
            except (ValueError, IndexError):
                print "bad reading from", s.name,
                print
            else:
                pass
        if len(queue) >= MAX_QUEUE:
            queue = queue[-MAX_QUEUE / 2:]
        stats = dict([(s.name, average(s.history)) for s in sensors if s.history])
        print "free %d, queued %d, %r" % (mem_free(), len(queue), stats)
        if gc.isenabled() and len(gc.garbage) <> 0:
            print "garbage:", len(gc.garbage)
        dog.stroke()
        time.sleep(POLL_SECONDS)

if __name__ == '__main__':
    try:
        main()
    except KeyboardInterrupt:
        print "stopped"
    finally:
        gc.collect()
`;

/** A Python 3 script: f-strings, device events, closures, nonlocal, context managers. */
export const EVENTS_PY3 = `import gc
import device
from time import monotonic


class Ring:
    def __init__(self, size):
        self.items = [None] * size
        self.next = 0

    def push(self, item):
        self.items[self.next % len(self.items)] = item
        self.next += 1

    def __len__(self):
        return min(self.next, len(self.items))


def make_counter(label):
    count = 0

    def bump(*args):
        nonlocal count
        count += 1
        if count % 100 == 0:
            print(f"{label}: {count} events, last={args!r}, free={device.mem_free():>8}")
        return count
    return bump


ring = Ring(16)
on_sample = make_counter("sample")
device.on("sample", lambda value, *rest: ring.push((monotonic(), value)))
device.on("sample", on_sample)


def report():
    gen0, gen1, gen2 = gc.get_count()
    thresholds = {f"gen{i}": t for i, t in enumerate(gc.get_threshold())}
    line = f"counts=({gen0}, {gen1}, {gen2}) thresholds={thresholds} ring={len(ring)}"
    with device.critical("report", 50):
        print(line)
    del line


device.every(10, report)
while device.idle():
    pass
`;

/** A Python 3 script built from what the watchdog and memory tests do. */
export const WATCHDOG_PY3 = `import digiwdog, gc, sys

wd = digiwdog.Watchdog(30, 'main loop')
cache = {}
for n in range(1, 200):
    key = 'k%03d' % n
    cache[key] = [n] * (n % 7)
    if sys.getsizeof(cache) > 4096 and not n & 1:
        cache.clear(); gc.collect()
    elif n in (50, 100, 150):
        wd.stroke()
    else:
        continue
assert len(cache) < 200, 'cache never shrank'
`;

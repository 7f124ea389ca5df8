# An irrigation controller (seed article): idle for ten minutes, then a timing-critical
# round that adjusts every field valve within a deadline. Each round leaves garbage cycles;
# when an automatic collection lands inside the round, the round can miss its deadline.
# `irrigation.py collect-after` collects right after each round, as the gateway enters
# its idle period, so the next round starts with the allocation counter at zero.
import sys
import gc
import time
import device

collect_after = len(sys.argv) > 1 and sys.argv[1] == 'collect-after'
FIELD = {}
for i in range(3000):
    FIELD['valve%d' % i] = {'open': False, 'flow': 0, 'history': [0, 0, 0]}


class Adjustment(object):
    def __init__(self, valve, flow):
        self.valve = valve
        self.flow = flow
        self.me = self


def adjust_field(round_no):
    device.critical('adjust', 20)
    for i in range(0, 3000, 10):
        a = Adjustment('valve%d' % i, (i + round_no) % 7)
        FIELD[a.valve]['flow'] = a.flow
    device.critical_end()


rounds = 0
while True:
    device.idle()
    time.sleep(600)
    rounds += 1
    adjust_field(rounds)
    if collect_after:
        gc.collect()

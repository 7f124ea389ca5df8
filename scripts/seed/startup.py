# A gateway's start-up: 150 small steps load configuration entries, open device
# tables and register handlers. `startup.py collect-each-step` calls gc.collect() after every step,
# as the team in the seed article did; each full collection walks every object the
# interpreter and the previous steps left (the long-lived ones), so boot time grows.
import sys
import gc

collect_each_step = len(sys.argv) > 1 and sys.argv[1] == 'collect-each-step'
config = {}


def load_section(n):
    section = {}
    for i in range(2):
        section['key%d' % i] = [i, n]
    config['section%d' % n] = section


for step in range(150):
    load_section(step)
    if collect_each_step:
        gc.collect()
print "start-up complete: %d sections" % len(config)

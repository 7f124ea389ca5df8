# A health monitor beside the relay (ConnectPort X2e, Python 2.7): every 10 minutes it
# samples free memory and the collector's counts, keeps a day of samples, and strokes a
# software watchdog that resets the gateway if the monitor ever stops. Like Digi's own
# sample apps it is a loop that never returns, sleeping between rounds; the device runs it
# side by side with the event-driven relay.
import device
import digiwdog
import gc
import time

PERIOD = 600
DAY = 144
history = []
watchdog = digiwdog.Watchdog(3 * PERIOD, 'health monitor stalled')


def sample():
    counts = gc.get_count()
    return {'t': int(time.time()), 'free': device.mem_free(), 'gen0': counts[0]}


def report(samples):
    low = min([s['free'] for s in samples])
    return 'health: %d samples, lowest free %d bytes' % (len(samples), low)


def main():
    while True:
        history.append(sample())
        if len(history) > DAY:
            del history[0]
        if len(history) % 36 == 0:
            print report(history)
        watchdog.stroke()
        time.sleep(PERIOD)


main()

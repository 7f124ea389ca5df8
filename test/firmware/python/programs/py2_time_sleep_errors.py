# time.sleep's argument checks: NaN, negative, infinite and out-of-range lengths are
# errors (Python 2.7: select() refuses them with EINVAL), and the clock is not changed.
import time


def attempt(label, secs):
    try:
        time.sleep(secs)
        print label, 'slept'
    except Exception, e:
        print label, type(e).__name__, str(e), e.args

attempt('nan', float('nan'))
attempt('-1', -1)
attempt('-0.5', -0.5)
attempt('-1e-9', -1e-9)
attempt('inf', float('inf'))
attempt('-inf', float('-inf'))
attempt('1e300', 1e300)
attempt('2**64', 2 ** 64)
attempt('10**400', 10 ** 400)
attempt('str', 'x')
attempt('None', None)
attempt('zero', 0)
attempt('-0.0', -0.0)
attempt('small', 0.001)
attempt('True', True)
try:
    time.sleep(float('nan'))
except IOError, e:
    print 'IOError caught', e
t = time.time()
print t == t

# Python 2 exception syntax: `except E, e:`, `except (A, B), e:`, `raise E, value`,
# `raise E(value)`, raising a class, old messages read through e.args and str(e), and
# sys.exc_info() inside a handler.
import sys
class AppError(Exception):
    pass
try:
    raise ValueError, 'comma form'
except ValueError, e:
    print type(e).__name__, e, e.args
try:
    raise AppError, ('two', 'args')
except AppError, e:
    print type(e).__name__, e.args, str(e)
try:
    raise KeyError
except (KeyError, IndexError), e:
    print 'tuple', type(e).__name__, e.args, repr(str(e))
try:
    raise IndexError('call form')
except (KeyError, IndexError), e:
    print 'tuple', type(e).__name__, e
try:
    1 / 0
except ZeroDivisionError, e:
    print type(e).__name__, e
try:
    [].pop()
except IndexError, err:
    print type(err).__name__, err
def check(v):
    if v < 0:
        raise ValueError, 'negative: %d' % v
    return v
for v in [1, -2]:
    try:
        print 'ok', check(v)
    except ValueError, e:
        print 'rejected', e
try:
    try:
        raise AppError('inner')
    except AppError, e:
        print 'handling', e
        raise
except Exception, e:
    print 're-raised', type(e).__name__, e
try:
    raise AppError('info')
except AppError:
    t, v, tb = sys.exc_info()
    print t.__name__, v, tb is not None
try:
    int('zz')
except ValueError, e:
    print e
else:
    print 'unreachable'
finally:
    print 'finally'
errors = 0
for s in ['1', 'x', '2']:
    try:
        int(s)
    except ValueError, e:
        errors += 1
print 'errors', errors

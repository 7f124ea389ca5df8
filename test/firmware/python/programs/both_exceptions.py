# Exceptions: try/except/else/finally, tuples of classes with `as`, raising classes and
# instances, custom exception hierarchies with args, str(e)/e.args/repr-free messages,
# re-raising, and exceptions crossing function calls.
from __future__ import print_function
class DeviceError(Exception):
    pass
class Timeout(DeviceError):
    def __init__(self, what, seconds):
        DeviceError.__init__(self, what, seconds)
        self.what = what
        self.seconds = seconds
class Quiet(DeviceError):
    def __str__(self):
        return 'quiet: %s' % (self.args[0],)
def attempt(kind):
    try:
        if kind == 'zero':
            1 // 0
        elif kind == 'key':
            {}['k']
        elif kind == 'class':
            raise DeviceError
        elif kind == 'instance':
            raise DeviceError('bad', 7)
        elif kind == 'timeout':
            raise Timeout('modem', 30)
        elif kind == 'quiet':
            raise Quiet('shh', 1)
        elif kind == 'value':
            int('x1')
    except (ZeroDivisionError, KeyError) as e:
        print(kind, 'arith/lookup', type(e).__name__)
    except Timeout as e:
        print(kind, 'timeout', e.what, e.seconds, e.args, str(e))
    except DeviceError as e:
        print(kind, 'device', type(e).__name__, e.args, str(e), len(e.args))
    except Exception as e:
        print(kind, 'other', type(e).__name__)
    else:
        print(kind, 'no error')
    finally:
        print(kind, 'finally')
for k in ['none', 'zero', 'key', 'class', 'instance', 'timeout', 'quiet', 'value']:
    attempt(k)
print(issubclass(Timeout, DeviceError), issubclass(DeviceError, Exception), isinstance(Quiet(), Exception))
for e in [Exception(), Exception('one'), Exception('a', 2), ValueError(3), KeyError('k'), DeviceError()]:
    print(type(e).__name__, e.args, '[%s]' % str(e))
def reraise():
    try:
        raise ValueError('inner')
    except ValueError:
        print('handling, then re-raising')
        raise
try:
    reraise()
except ValueError as e:
    print('caught again:', e)
def deep(n):
    if n == 0:
        raise LookupError('bottom reached')
    return deep(n - 1)
try:
    deep(5)
except LookupError as e:
    print('from deep:', e)
try:
    [1, 2][5]
except LookupError as e:
    print('IndexError is a LookupError:', type(e).__name__)
try:
    try:
        raise KeyError('a')
    except ValueError:
        print('wrong handler')
except KeyError as e:
    print('outer caught', repr(e.args))
try:
    raise Timeout('x', 1)
except (ValueError, DeviceError) as e:
    print('tuple caught', type(e).__name__)

from __future__ import print_function
# try/except/else/finally and raise in a polling loop. Every third read raises an exception
# carrying a cycle of its own. On 3.x an exception caught as `e` holds its traceback, and so
# the frame of the function that caught it: keeping it in a local (`last = e`) makes a cycle
# frame -> last -> exception -> traceback -> frame once the function returns; 2.7 exceptions
# hold no traceback, so there the same code leaves no such cycle.
import gc


class SensorError(Exception):
    pass


class Reading(object):
    def __init__(self, value):
        self.value = value
        self.source = self


def read(i):
    if i % 3 == 0:
        err = SensorError('sensor %d failed' % i)
        err.code = i
        err.reading = Reading(i)
        raise err
    return Reading(i).value


def poll(start, n, keep_last):
    errors = 0
    total = 0
    last = None
    for i in range(start, start + n):
        try:
            v = read(i)
        except SensorError as e:
            errors += 1
            total += e.code
            if keep_last:
                last = e
        else:
            total += v
        finally:
            total += 1
    if last is not None:
        total += last.code
    return errors, total


def main():
    errors = 0
    total = 0
    for r in range(2000):
        e, t = poll(r * 20, 20, r % 2 == 0)
        errors += e
        total += t
    try:
        raise ValueError('done')
    except ValueError:
        total += 1
    print("exceptions: %d errors, total %d" % (errors, total))


if __name__ == '__main__':
    main()

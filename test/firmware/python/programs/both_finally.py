# finally: runs on normal exit, on exceptions, on return, break and continue; a return in
# finally overrides the try's return and swallows the exception; nested try statements.
from __future__ import print_function
def ret_in_try():
    try:
        return 'try'
    finally:
        print('finally after return')
def ret_in_finally():
    try:
        return 'try'
    finally:
        return 'finally'
def swallow():
    try:
        raise ValueError('lost')
    finally:
        return 'swallowed'
def order(log):
    try:
        log.append('try')
        raise KeyError('k')
    except KeyError:
        log.append('except')
        return log
    else:
        log.append('else')
    finally:
        log.append('finally')
print(ret_in_try(), ret_in_finally(), swallow(), order([]))
for i in range(4):
    try:
        if i == 1:
            continue
        if i == 3:
            break
        print('body', i)
    finally:
        print('finally', i)
def nested(kind):
    log = []
    try:
        try:
            log.append('inner')
            if kind == 'value':
                raise ValueError('v')
            if kind == 'type':
                raise TypeError('t')
        except ValueError:
            log.append('inner-except')
        finally:
            log.append('inner-finally')
        log.append('after-inner')
    except TypeError:
        log.append('outer-except')
    finally:
        log.append('outer-finally')
    return log
for k in ['none', 'value', 'type']:
    print(k, nested(k))
def raise_in_except():
    try:
        try:
            raise ValueError('first')
        except ValueError:
            raise KeyError('second')
    except KeyError as e:
        return 'got %s' % e
print(raise_in_except())
def counter_loop():
    n = 0
    while True:
        try:
            n += 1
            if n == 3:
                return n
        finally:
            print('loop finally', n)
print(counter_loop())

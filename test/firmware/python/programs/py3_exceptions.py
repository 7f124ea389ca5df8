# Python 3 exceptions: `raise ... from`, implicit chaining (__context__), suppressing
# with `from None`, the `as` name unbound after the handler, __traceback__ present,
# exception classes with custom __init__/__str__, and exceptions inside generators of
# comprehensions and nested functions.
class ConfigError(Exception):
    def __init__(self, key, reason):
        super().__init__(key, reason)
        self.key = key
        self.reason = reason
    def __str__(self):
        return f'{self.key}: {self.reason}'
class MissingKey(ConfigError):
    pass
def load(cfg, key):
    try:
        return cfg[key]
    except KeyError as e:
        raise MissingKey(key, 'missing') from e
try:
    load({}, 'port')
except ConfigError as e:
    print(type(e).__name__, e, e.args, repr(e.key))
    print(type(e.__cause__).__name__, e.__cause__, e.__suppress_context__)
    print(isinstance(e, KeyError), isinstance(e, Exception))
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise ValueError('while handling')
except ValueError as e:
    print(type(e).__name__, e, type(e.__context__).__name__, e.__cause__)
try:
    try:
        [][0]
    except IndexError:
        raise RuntimeError('clean') from None
except RuntimeError as e:
    print(e, e.__cause__, type(e.__context__).__name__, e.__suppress_context__)
try:
    raise TypeError('gone')
except TypeError as err:
    print('inside', err)
try:
    err
except NameError as e:
    print('NameError', e)
try:
    raise ValueError
except ValueError as e:
    print(repr(str(e)), e.args, e.__traceback__ is not None)
e1 = ValueError('kept')
print(repr(e1), repr(KeyError('k')), repr(Exception('a', 1)), repr(Exception()))
print(str(KeyError('k')), str(KeyError()), str(KeyError('a', 'b')), str(IndexError(3)))
def gen_error():
    return [1 // x for x in [1, 0]]
try:
    gen_error()
except ZeroDivisionError as e:
    print('from comprehension:', e)
def check_all(values):
    errors = []
    for v in values:
        try:
            if not isinstance(v, int):
                raise TypeError(f'{v!r} is not an int')
            if v < 0:
                raise ValueError(f'{v} is negative')
        except (TypeError, ValueError) as e:
            errors.append(f'{type(e).__name__}: {e}')
        else:
            errors.append(f'ok {v}')
    return errors
print(check_all([1, -2, 'x', 3.5]))
print(issubclass(MissingKey, Exception), MissingKey.__mro__[1].__name__)
print(BaseException in ValueError.__mro__, issubclass(KeyboardInterrupt, Exception))

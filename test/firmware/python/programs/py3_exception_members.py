# Python 3: BaseException.__new__ stores the call's arguments (an __init__ that does not call
# its base keeps them); OSError (which EnvironmentError and IOError are) has errno,
# strerror and filename; SystemExit.code.
import sys


class MyErr(Exception):
    def __init__(self, code):
        self.code = code


e = MyErr(5)
print("%s|%r|%r|%r" % (e, e, e.args, e.code))


class Plain(Exception):
    pass


e = Plain(1, 2)
print("%s|%r|%r" % (e, e, e.args))
print(hasattr(e, "message"))
print(IOError is OSError, EnvironmentError is OSError, repr(IOError("x")))
for args in [(), ("a",)]:
    e = OSError(*args)
    print(repr(e), str(e), e.args, e.errno, e.strerror, e.filename)
try:
    raise OSError(2, "No such file", "x.cfg")
except OSError as e:
    print(e.errno, e.strerror, e.filename, str(e))
try:
    raise IOError(5, "io")
except EnvironmentError as e:
    print(e.errno, e.strerror, e.filename)
print(hasattr(ValueError(), "errno"))
for args in [(), (3,)]:
    try:
        sys.exit(*args)
    except SystemExit as e:
        print(repr(e.code))
print(repr(SystemExit("bye").code), repr(SystemExit("x", 1).code))

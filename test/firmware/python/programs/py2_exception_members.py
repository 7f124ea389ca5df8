# Python 2.7: BaseException.__new__ stores () and __init__ the arguments, so an __init__ of
# the script's that does not call its base leaves args empty; e.message is the single
# argument (else ''); EnvironmentError's errno/strerror/filename; SystemExit.code.
class MyErr(Exception):
    def __init__(self, code):
        self.code = code


e = MyErr(5)
print "%s|%r|%r|%r|%r" % (e, e, e.args, e.code, e.message)


class Calls(Exception):
    def __init__(self, a, b):
        Exception.__init__(self, a)
        self.b = b


e = Calls(1, 2)
print "%s|%r|%r|%r" % (e, e, e.args, e.message)


class Plain(Exception):
    pass


e = Plain(1, 2)
print "%s|%r|%r|%r" % (e, e, e.args, e.message)
try:
    raise ValueError("bad")
except ValueError, e:
    print e.message
print repr(KeyError("k").message), repr(Exception().message), repr(Exception(1, 2).message)
e = Exception("m")
e.message = "changed"
print e.message, e.args
for args in [(), ("a",), (2, "No such file"), (1, 2, 3, 4)]:
    e = IOError(*args)
    print repr(e), str(e), e.args, e.errno, e.strerror, e.filename
e = OSError(2, "No such file", "x.cfg")
print e.errno, e.strerror, e.filename, str(e)
print hasattr(ValueError(), "errno"), hasattr(OSError(), "errno")
try:
    raise OSError(2, "No such file", "x.cfg")
except EnvironmentError, e:
    print e.errno, e.filename
import sys
for args in [(), (3,)]:
    try:
        sys.exit(*args)
    except SystemExit, e:
        print repr(e.code)
print repr(SystemExit("bye").code), repr(SystemExit("x", 1).code)

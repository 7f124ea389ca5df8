# Python 2.5+: built-in exceptions are types; str() of a classic class is its dotted name.
class Old:
    pass
class New(object):
    pass
class MyErr(Exception):
    pass
print ValueError, Exception, KeyError, MyErr, New, int, dict, Old
print repr(ValueError), str(MyErr), str(Old), "%s" % Old

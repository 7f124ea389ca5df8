# Python 2: "%s" of a unicode argument makes the result unicode; "%r" of one does not.
a = "%r" % u"x"
b = "%s" % u"x"
c = "%s-%r" % ("a", u"b")
d = "%(k)s" % {"k": u"v"}
e = "%d %s" % (3, "z")
print type(a).__name__, repr(a), type(b).__name__, repr(b), type(c).__name__, repr(c), type(d).__name__, type(e).__name__

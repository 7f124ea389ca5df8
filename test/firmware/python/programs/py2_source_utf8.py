# -*- coding: utf-8 -*-
# A str literal is the source's bytes (UTF-8 here): printed unchanged, len counts bytes;
# a unicode literal is text. Output is compared byte for byte (as UTF-8 text).
import sys

s = "café"
u = u"café"
print s, len(s), repr(s)
print u, len(u), repr(u)
print "naïve", "→", len("→"), repr("→")
print s + " au lait", s.upper(), s[3:], repr(s[3])
print "%s|%5s|" % ("é", "ü"), "€%d" % 5
print u"%s et %s" % (u, u"thé"), len(u"thé")
sys.stdout.write("crème\n")
sys.stdout.write(u"brûlée\n")
print >>sys.stdout, "à", u"ç"
print "\xc3\xa9", "\xe2\x82\xac", len("\xc3\xa9")
print [s], (u,), {"k": "é"}
print s.split("f"), "é".join(["a", "b"])
print "%r" % s
print str(len(s)) + "é"
t = "élan"
print t == "\xc3\xa9lan", t.startswith("é"), "é" in t, t.find("l")

# -*- coding: utf-8 -*-
from __future__ import print_function
# Case mappings: bytes change ASCII letters only; text uses Unicode (full on 3.x, simple on 2.x).
for s in [u"grüße welt", u"hello world", u"ǆemal", u"o'neil", u"éCOLE", u"straße", u"x1y z2a"]:
    print(repr(s.title()), repr(s.capitalize()), repr(s.upper()), repr(s.lower()), repr(s.swapcase()))
print(repr(b"caf\xc3\xa9 \xdf".upper()), repr(b"ABC\xc9".lower()), repr(b"hello w\xe9rld".title()), repr(b"\xe9cole".capitalize()), repr(b"aB\xdf".swapcase()))

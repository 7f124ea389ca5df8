# -*- coding: utf-8 -*-
from __future__ import print_function
# Text predicates test Unicode categories; bytes test ASCII.
samples = [u"é", u"abc", u"ABC", u"Ab", u"ß", u"²", u"١٢٣", u"x1", u"Ω", u"ω", u"ǅ", u"", u" ", u"a b", u"中文", u"A1", u"1", u"½"]
for s in samples:
    print(repr(s), s.isalpha(), s.isdigit(), s.isalnum(), s.islower(), s.isupper())
print(b"abc".isalpha(), b"ABC".isupper(), b"12".isdigit())

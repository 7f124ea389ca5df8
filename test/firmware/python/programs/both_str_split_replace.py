from __future__ import print_function
# str.replace with an empty pattern (inserts before every character and at the end, up to
# count), split/rsplit on whitespace with maxsplit (the remainder keeps its inner and
# leading/trailing whitespace as CPython's split_whitespace/rsplit_whitespace do).
print(repr("abc".replace("", "-")))
print(repr("abc".replace("", "-", 2)), repr("abc".replace("", "-", 0)), repr("abc".replace("", "-", 9)))
print(repr("".replace("", "x")), repr("".replace("", "x", 0)), repr("ab".replace("", "")))
print(repr("aaa".replace("a", "b", 2)), repr("aaa".replace("a", "", -1)))
print(repr(u"ab".replace(u"", u".")))
print(repr("  a b  ".rsplit(None, 1)))
print(repr("  a b  ".rsplit(None, 0)), repr("  a b  ".split(None, 0)))
print(repr("  a   b  c ".rsplit(None, 2)), repr("  a   b  c ".rsplit()))
print(repr("  a   b  c ".split(None, 1)), repr("  a   b  c ".split(None, 2)))
print(repr("a\tb\nc  d".split(None, 2)), repr("a\tb\nc  d".rsplit(None, 2)))
print(repr("   ".split()), repr("   ".rsplit(None, 1)), repr("".split(None, 1)))
print(repr("x  ".split(None, 1)), repr("  x".rsplit(None, 1)))
print(repr(u"a\x1cb c".split()), repr("a\x0bb\x0cc".split()))
print(" \t".isspace(), "".isspace(), "a ".isspace(), u"\x1c".isspace())

# String operations: indexing, slicing, searching, splitting and joining, case,
# stripping, membership, repetition, comparison and escapes.
from __future__ import print_function

s = 'Hello, World'
print(s[0], s[-1], s[4], s[-5])
print(s[0:5], s[7:], s[:5], s[-5:], s[:-7], s[2:-2])
print(s[::2], s[::-1], s[1::3], s[-1:-6:-1], s[10:2:-2], s[100:], s[-100:3])
print(len(s), len(''), s.find('o'), s.find('o', 5), s.find('xyz'), s.rfind('o'))
print(s.index('W'), s.count('l'), s.count('l', 4), s.count(''))
print(s.upper(), s.lower(), s.swapcase(), 'hello world'.title(), 'hello'.capitalize())
print(s.startswith('Hell'), s.startswith('World', 7), s.endswith('ld'), s.endswith(('x', 'd')))
print(s.replace('l', 'L'), s.replace('l', '', 2), s.replace('World', 'There'))
print(s.split(', '), 'a b  c '.split(), 'a,b,,c'.split(','), 'a b c d'.split(' ', 2))
print('x=1;y=2'.rsplit(';', 1), 'line1\nline2\n'.splitlines(), ' '.join(['a', 'b', 'c']))
print('-'.join('abc'), ''.join([]), ', '.join([str(i) for i in range(4)]))
print(repr('  pad  '.strip()), repr('  pad  '.lstrip()), repr('  pad  '.rstrip()))
print(repr('xxhixx'.strip('x')), repr('\t\n spaced \r\n'.strip()), repr('abcba'.strip('ab')))
print('World' in s, 'world' in s, '' in s, 'z' not in s)
print('ab' * 3, 3 * 'xy', 'a' * 0, repr('-' * -2))
print('abc' < 'abd', 'abc' < 'ab', 'B' < 'a', 'abc' == 'abc', 'a' != 'b', 'Z' > 'A')
print(sorted(['banana', 'Apple', 'cherry', 'apple']), max('hello'), min('hello'))
print('42'.isdigit(), 'a1'.isdigit(), 'abc'.isalpha(), 'ab1'.isalnum(), '  '.isspace())
print('ABC'.isupper(), 'abc'.islower(), 'Abc'.isupper())
print('5'.zfill(3), '-5'.zfill(4), 'ab'.center(6, '*'), 'ab'.ljust(5, '.'), 'ab'.rjust(5))
print(repr('tab\there'), repr('quote\'s'), repr('dq"s'), repr('both\'"'), repr('back\\slash'))
print(repr('nl\n'), repr('\x00\x7f'), repr('\x01abc'), len('\n\t\\'))
print('a,b,c'.partition(','), 'a,b,c'.rpartition(','), 'abc'.partition('x'))
print(str(12) + 'px', str(-3.5), str(True), str(None), repr(None))
t = 'spam'
t += 'eggs'
t *= 2
print(t, t.find('eggs', 5), t[3:9:2])
print('%s|%s' % ('a'.join('xyz'), 'abc'[1:2]))
words = 'the quick brown fox jumps over the lazy dog'.split()
print(len(words), words.count('the'), sorted(set(words))[:3], ' '.join(reversed(words)))
print([w.upper() for w in words if len(w) > 4])
print(ord('A'), chr(97), ord('\n'), chr(48) + chr(49))
print('hello'[1:4].upper().center(9, '=').replace('=', '-'))

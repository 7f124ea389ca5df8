// Proves real syntax errors stop the parse with CPython's wording (per Python version) at the offending line:col, and that CPython's compile-time checks are made too.
import { describe, expect, it } from 'vitest';
import { parseErrors, type Major } from './helpers.js';

type Case = [major: Major, source: string, diagnostic: string];

describe('lexical errors', () => {
  const cases: Case[] = [
    [3, 'x = "abc\n', '1:5: unterminated string literal (detected at line 1)'],
    [2, 'x = "abc\n', '1:5: EOL while scanning string literal'],
    [3, "x = '''abc\n\n", '1:5: unterminated triple-quoted string literal (detected at line 3)'],
    [2, "x = '''abc\n", '1:5: EOF while scanning triple-quoted string literal'],
    [3, 'x = (1,\n', "1:5: '(' was never closed"],
    [2, 'x = (1,\n', '2:1: unexpected EOF while parsing'],
    [3, ')\n', "1:1: unmatched ')'"],
    [3, 'f(a))\n', "1:5: unmatched ')'"],
    [3, 'x = (1, 2]\n', "1:10: closing parenthesis ']' does not match opening parenthesis '('"],
    [3, 'x = (1,\n 2]\n', "2:3: closing parenthesis ']' does not match opening parenthesis '(' on line 1"],
    [3, 'x = $\n', "1:5: invalid character '$' (U+0024)"],
    [3, 'x = \x01\n', "1:5: invalid character '\\x01' (U+0001)"],
    [3, 'x = \x7f\n', "1:5: invalid character '\\x7f' (U+007F)"],
    [3, 'x = €\n', "1:5: invalid character '€' (U+20AC)"],
    [3, 'a = 1\nx = \0\n', '2:5: source contains a NUL byte'],
    [2, 'é = 1\n', "1:1: invalid character 'é' (U+00E9)"],
    [3, 'x = 1 \\ 2\n', '1:7: unexpected character after line continuation character'],
    [3, 'x = 1 +\\', '1:8: unexpected EOF while parsing'],
    [3, 'x = 1abc\n', '1:5: invalid decimal literal'],
    [3, 'x = 1__0\n', '1:5: invalid decimal literal'],
    [3, 'x = 0x\n', '1:5: invalid hexadecimal literal'],
    [3, 'x = 0b12\n', "1:8: invalid digit '2' in binary literal"],
    [3, 'x = 0777\n', '1:5: leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers'],
    [2, 'x = 0779\n', '1:5: invalid token'],
    [3, 'x = "\\x4"\n', '1:6: truncated \\xXX escape'],
    [3, 'x = "\\U00110000"\n', '1:6: illegal Unicode character'],
    [3, 'x = b"é"\n', '1:7: bytes can only contain ASCII literal characters'],
    [3, 'x = "a" b"b"\n', '1:9: cannot mix bytes and nonbytes literals'],
  ];
  it.each(cases)('Python %i: %j', (major, source, diagnostic) => {
    expect(parseErrors(source, major)).toEqual([`gw.py:${diagnostic}`]);
  });
});

describe('indentation errors', () => {
  const cases: Case[] = [
    [3, ' x = 1\n', '1:2: unexpected indent'],
    [3, 'x = 1\n    y = 2\n', '2:5: unexpected indent'],
    [3, 'if x:\ny = 1\n', "2:1: expected an indented block after 'if' statement on line 1"],
    [2, 'if x:\ny = 1\n', '2:1: expected an indented block'],
    [3, 'def f():\nreturn\n', '2:1: expected an indented block after function definition on line 1'],
    [3, 'class A:\n', '2:1: expected an indented block after class definition on line 1'],
    [3, 'if x:', "1:6: expected an indented block after 'if' statement on line 1"],
    [3, 'if x:\n    a\n  b\n', '3:3: unindent does not match any outer indentation level'],
    [3, 'if x:\n    pass\n  else:\n    pass\n', '3:3: unindent does not match any outer indentation level'],
    [3, 'if x:\n\ta\n        b\n', '3:9: inconsistent use of tabs and spaces in indentation'],
  ];
  it.each(cases)('Python %i: %j', (major, source, diagnostic) => {
    expect(parseErrors(source, major)).toEqual([`gw.py:${diagnostic}`]);
  });
});

describe('grammar errors', () => {
  const cases: Case[] = [
    [3, 'x = 1 +\n', '1:8: invalid syntax'],
    [3, 'x = 1 2\n', '1:7: invalid syntax'],
    [3, 'else:\n    pass\n', '1:1: invalid syntax'],
    [3, 'if x\n    pass\n', "1:5: expected ':'"],
    [2, 'if x\n    pass\n', '1:5: invalid syntax'],
    [3, 'x = 1 if 2\n', "1:11: expected 'else' after 'if' expression"],
    [3, 'print "a" % b\n', "1:1: Missing parentheses in call to 'print'. Did you mean print(...)?"],
    [3, 'try:\n    pass\n', "3:1: expected 'except' or 'finally' block"],
    [3, 'try:\n    pass\nexcept:\n    pass\nexcept E:\n    pass\n', "3:1: default 'except:' must be last"],
    [3, 'f() = 1\n', '1:1: cannot assign to function call'],
    [2, 'f() = 1\n', "1:1: can't assign to function call"],
    [3, '1 = x\n', '1:1: cannot assign to literal'],
    [3, 'None = 1\n', '1:1: cannot assign to None'],
    [3, 'True = 1\n', '1:1: cannot assign to True'],
    [3, 'x = __debug__ = 1\n', '1:5: cannot assign to __debug__'],
    [3, 'del f()\n', '1:5: cannot delete function call'],
    [3, 'a, b += 1\n', "1:1: 'tuple' is an illegal expression for augmented assignment"],
    [3, 'def f(a=1, b): pass\n', '1:12: non-default argument follows default argument'],
    [3, 'def f(a, a): pass\n', "1:10: duplicate argument 'a' in function definition"],
    [3, 'def f(*): pass\n', '1:7: named arguments must follow bare *'],
    [3, 'f(a=1, b)\n', '1:8: positional argument follows keyword argument'],
    [2, 'f(a=1, b)\n', '1:8: non-keyword arg after keyword arg'],
    [2, 'f(*a, b)\n', '1:7: only named arguments may follow *expression'],
    [3, 'f(a=1, a=2)\n', '1:8: keyword argument repeated: a'],
    [3, 'f(a.b=1)\n', '1:3: expression cannot contain assignment, perhaps you meant "=="?'],
    [3, 'x = f"{}"\n', '1:7: f-string: empty expression not allowed'],
    [3, 'x = f"{a!x}"\n', "1:10: f-string: invalid conversion character: expected 's', 'r', or 'a'"],
    [3, 'x = f"}"\n', "1:7: f-string: single '}' is not allowed"],
    [3, 'x = f"{a"\n', "1:9: f-string: expecting '}'"],
    [3, 'x = f"{a\\n}"\n', '1:9: f-string expression part cannot include a backslash'],
    [3, 'x = f"{a#}"\n', "1:9: f-string expression part cannot include '#'"],
    [3, 'x = f"{a b}"\n', '1:10: invalid syntax'],
  ];
  it.each(cases)('Python %i: %j', (major, source, diagnostic) => {
    expect(parseErrors(source, major)).toEqual([`gw.py:${diagnostic}`]);
  });
});

describe("checks CPython's compiler makes before running", () => {
  const cases: Case[] = [
    [3, 'return 1\n', "1:1: 'return' outside function"],
    [3, 'class A:\n    return 1\n', "2:5: 'return' outside function"],
    [3, 'break\n', "1:1: 'break' outside loop"],
    [3, 'for x in y:\n    pass\nbreak\n', "3:1: 'break' outside loop"],
    [3, 'while 1:\n    def f():\n        continue\n', "3:9: 'continue' not properly in loop"],
    [2, 'for x in y:\n    try:\n        pass\n    finally:\n        continue\n', "5:9: 'continue' not supported inside 'finally' clause"],
    [3, 'nonlocal x\n', '1:1: nonlocal declaration not allowed at module level'],
    [3, 'if x: nonlocal y\n', '1:7: nonlocal declaration not allowed at module level'],
    [3, 'if 1: from __future__ import division\n', '1:7: from __future__ imports must occur at the beginning of the file'],
    [3, 'class A:\n    def f(self):\n        from os import *\n', '3:24: import * only allowed at module level'],
    [3, 'from __future__ import nope\n', '1:24: future feature nope is not defined'],
    [3, 'x=1\nfrom __future__ import division\n', '2:1: from __future__ imports must occur at the beginning of the file'],
    [2, 'import os; from __future__ import division\n', '1:12: from __future__ imports must occur at the beginning of the file'],
    [3, 'def f():\n    from os import *\n', '2:20: import * only allowed at module level'],
  ];
  it.each(cases)('Python %i: %j', (major, source, diagnostic) => {
    expect(parseErrors(source, major)).toEqual([`gw.py:${diagnostic}`]);
  });
});

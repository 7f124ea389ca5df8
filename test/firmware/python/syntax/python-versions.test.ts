// Proves the Python 2 and Python 3 modes differ exactly where CPython 2.7 and 3.11 do: print statement, except E, e, <>, 0777, 10L, print(x), string kinds, True/False, and keywords.
import { describe, expect, it } from 'vitest';
import { expressionOf, firstStatement, parseErrors, parseOk } from './helpers.js';

describe('the Python 2 print statement', () => {
  it.each([
    ['print\n', { values: [], trailingComma: false }],
    ['print x\n', { values: [{ kind: 'Name', id: 'x', col: 7 }], trailingComma: false }],
    ['print x, y\n', { values: [{ id: 'x' }, { id: 'y' }], trailingComma: false }],
    ['print x,\n', { values: [{ id: 'x' }], trailingComma: true }],
    ['print "a %d" % n\n', { values: [{ kind: 'BinOp', op: '%', left: { kind: 'Str', value: 'a %d', isBytes: true } }] }],
    ['print >>f, x\n', { dest: { kind: 'Name', id: 'f', col: 9 }, values: [{ id: 'x' }] }],
    ['print >>sys.stderr, "a", "b",\n', { dest: { kind: 'Attribute' }, values: [{}, {}], trailingComma: true }],
    ['print >>f\n', { dest: { id: 'f' }, values: [] }],
    ['print(x)\n', { values: [{ kind: 'Name', id: 'x' }] }],
    ['print("a", 1)\n', { values: [{ kind: 'Tuple', elts: [{ kind: 'Str' }, { kind: 'Int' }], col: 6 }] }],
    ['print()\n', { values: [{ kind: 'Tuple', elts: [] }] }],
    ['print x if y else z\n', { values: [{ kind: 'IfExp' }] }],
  ])('%j', (source, expected) => {
    expect(firstStatement(source, 2)).toMatchObject({ kind: 'Print', line: 1, col: 1, ...expected });
  });

  it('becomes a function after from __future__ import print_function', () => {
    const m = parseOk('from __future__ import print_function\nprint("a", 1, end="")\n', 2);
    expect(m.body[1]).toMatchObject({ kind: 'ExprStmt', value: { kind: 'Call', func: { kind: 'Name', id: 'print' }, args: [{}, {}], keywords: [{ name: 'end' }] } });
    expect(m.futureFeatures).toEqual(['print_function']);
  });

  it('after print_function the statement form is invalid, as in CPython 2', () => {
    expect(parseErrors('from __future__ import print_function\nprint "a"\n', 2)).toEqual(['gw.py:2:7: invalid syntax']);
  });

  it('is a plain name in Python 3', () => {
    expect(expressionOf('print\n', 3)).toEqual({ kind: 'Name', id: 'print', line: 1, col: 1 });
    expect(parseErrors('print "a"\n', 3)).toEqual(["gw.py:1:1: Missing parentheses in call to 'print'. Did you mean print(...)?"]);
  });

  it('print >>f in Python 3 is the (valid) expression print >> f', () => {
    expect(expressionOf('print >>f, x\n', 3)).toMatchObject({ kind: 'Tuple', elts: [{ kind: 'BinOp', op: '>>' }, {}] });
  });
});

describe('forms only Python 2 accepts', () => {
  it.each([
    ['except E, e:', 'try:\n    pass\nexcept E, e:\n    pass\n', { kind: 'Try', handlers: [{ type: { id: 'E' }, name: 'e' }] },
      'gw.py:3:8: multiple exception types must be parenthesized'],
    ['except (A, B), e:', 'try:\n    pass\nexcept (A, B), e:\n    pass\n', { handlers: [{ type: { kind: 'Tuple' }, name: 'e' }] },
      'gw.py:3:8: multiple exception types must be parenthesized'],
    ['raise E, "msg"', 'raise E, "msg"\n', { kind: 'Raise', exc: { id: 'E' }, legacyValue: { kind: 'Str', value: 'msg' } }, 'gw.py:1:8: invalid syntax'],
    ['<>', 'x = a <> b\n', { value: { kind: 'Compare', ops: ['!='] } }, 'gw.py:1:8: invalid syntax'],
    ['legacy octal', 'x = 0777\n', { value: { kind: 'Int', value: 511n } },
      'gw.py:1:5: leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers'],
    ['long suffix', 'x = 10L\n', { value: { kind: 'Int', value: 10n, long: true } }, 'gw.py:1:5: invalid decimal literal'],
    ['lower-case long suffix', 'x = 0xffl\n', { value: { kind: 'Int', value: 255n, long: true } }, 'gw.py:1:5: invalid hexadecimal literal'],
    ['ur prefix', 'x = ur"\\d"\n', { value: { kind: 'Str', value: '\\d', isBytes: false } }, 'gw.py:1:7: invalid syntax'],
    ['list comprehension over a bare tuple', 'x = [a for a in 1, 2]\n', { value: { kind: 'ListComp' } }, 'gw.py:1:18: invalid syntax'],
    ['True as a name', 'True = 0\n', { kind: 'Assign', targets: [{ kind: 'Name', id: 'True' }] }, 'gw.py:1:1: cannot assign to True'],
  ])('%s', (_what, source, python2, python3Error) => {
    expect(firstStatement(source, 2)).toMatchObject(python2);
    expect(parseErrors(source, 3)).toEqual([python3Error]);
  });
});

describe('forms only Python 3 accepts', () => {
  it.each([
    ['f-string', 'x = f"{a}"\n', 'gw.py:1:6: invalid syntax'],
    ['underscores in numbers', 'x = 1_000\n', 'gw.py:1:5: invalid syntax'],
    ['nonlocal', 'def f():\n    x = 1\n    def g():\n        nonlocal x\n', 'gw.py:4:18: invalid syntax'],
    ['rb prefix', 'x = rb"a"\n', 'gw.py:1:7: invalid syntax'],
    ['raise from', 'raise E from e\n', 'gw.py:1:9: invalid syntax'],
    ['unicode identifier', 'café = 1\n', "gw.py:1:4: invalid character 'é' (U+00E9)"],
  ])('%s', (_what, source, python2Error) => {
    parseOk(source, 3);
    expect(parseErrors(source, 2)).toEqual([python2Error]);
  });
});

describe('literals and names by version', () => {
  it('plain string literals are bytes in Python 2 and text in Python 3', () => {
    expect(expressionOf('x = "a"\n', 2)).toMatchObject({ kind: 'Str', isBytes: true });
    expect(expressionOf('x = "a"\n', 3)).toMatchObject({ kind: 'Str', isBytes: false });
    expect(expressionOf('x = u"a"\n', 2)).toMatchObject({ kind: 'Str', isBytes: false });
    expect(expressionOf('x = b"a"\n', 2)).toMatchObject({ kind: 'Str', isBytes: true });
  });

  it('unicode_literals makes Python 2 literals text', () => {
    const m = parseOk('from __future__ import unicode_literals\nx = "a"\ny = b"b"\n', 2);
    expect(m.body[1]).toMatchObject({ value: { kind: 'Str', isBytes: false } });
    expect(m.body[2]).toMatchObject({ value: { kind: 'Str', isBytes: true } });
  });

  it('Python 2 byte strings hold UTF-8 bytes of non-ASCII source text', () => {
    expect(expressionOf('x = "é"\n', 2)).toMatchObject({ value: '\xc3\xa9', isBytes: true });
    expect(expressionOf('x = u"é"\n', 2)).toMatchObject({ value: 'é', isBytes: false });
  });

  it('\\u is an escape only in text literals', () => {
    expect(expressionOf('x = "\\u00e9"\n', 2)).toMatchObject({ value: '\\u00e9' });
    expect(expressionOf('x = u"\\u00e9"\n', 2)).toMatchObject({ value: 'é' });
    expect(expressionOf('x = "\\u00e9"\n', 3)).toMatchObject({ value: 'é' });
  });

  it('mixing str and unicode literals gives unicode in Python 2', () => {
    expect(expressionOf('x = "a" u"b"\n', 2)).toMatchObject({ kind: 'Str', value: 'ab', isBytes: false });
  });

  it('True and False are constants in Python 3 and names in Python 2', () => {
    expect(expressionOf('x = True\n', 3)).toMatchObject({ kind: 'Bool', value: true });
    expect(expressionOf('x = True\n', 2)).toMatchObject({ kind: 'Name', id: 'True' });
    expect(expressionOf('x = None\n', 2)).toMatchObject({ kind: 'None' });
  });

  it('async, await, print and exec are names where the version says so', () => {
    parseOk('async = 1\nawait = 2\n', 2);
    parseOk('exec(code)\nprint(x)\n', 3);
    expect(parseErrors('async = 1\n', 3)).toEqual(['gw.py:1:7: invalid syntax']);
  });
});

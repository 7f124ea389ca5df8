// Proves every construct of the device subset parses into the expected AST, with 1-based line:col of each node's first token.
import { describe, expect, it } from 'vitest';
import { expressionOf, firstStatement, parseOk, type Major } from './helpers.js';

type Case = [what: string, source: string, expected: object, major?: Major];

const name = (id: string, line: number, col: number) => ({ kind: 'Name', id, line, col });
const int = (value: bigint, col: number, line = 1) => ({ kind: 'Int', value, line, col });

describe('literals', () => {
  const cases: Case[] = [
    ['decimal int', 'x = 42\n', int(42n, 5)],
    ['big int', 'x = 123456789012345678901234567890\n', int(123456789012345678901234567890n, 5)],
    ['hex', 'x = 0xFF\n', int(255n, 5)],
    ['octal 0o', 'x = 0o17\n', int(15n, 5)],
    ['binary', 'x = 0b101\n', int(5n, 5)],
    ['underscores', 'x = 1_000_000\n', int(1000000n, 5)],
    ['hex underscores', 'x = 0x_ff_ff\n', int(65535n, 5)],
    ['zeros', 'x = 000\n', int(0n, 5)],
    ['float', 'x = 1.5\n', { kind: 'Float', value: 1.5, col: 5 }],
    ['float exponent', 'x = 2.5e-3\n', { kind: 'Float', value: 0.0025 }],
    ['float trailing dot', 'x = 1.\n', { kind: 'Float', value: 1 }],
    ['float leading dot', 'x = .5\n', { kind: 'Float', value: 0.5 }],
    ['float exponent only', 'x = 1E3\n', { kind: 'Float', value: 1000 }],
    ['None', 'x = None\n', { kind: 'None', line: 1, col: 5 }],
    ['True', 'x = True\n', { kind: 'Bool', value: true, col: 5 }],
    ['False', 'x = False\n', { kind: 'Bool', value: false }],
    ['single-quoted', "x = 'a'\n", { kind: 'Str', value: 'a', isBytes: false, col: 5 }],
    ['double-quoted', 'x = "a"\n', { kind: 'Str', value: 'a' }],
    ['triple-quoted', 'x = """a\nb"""\n', { kind: 'Str', value: 'a\nb' }],
    ["triple single", "x = '''it's'''\n", { kind: 'Str', value: "it's" }],
    ['escapes', 'x = "\\n\\t\\\\\\\'\\"\\a\\b\\f\\v\\r"\n', { kind: 'Str', value: '\n\t\\\'"\x07\b\f\v\r' }],
    ['hex escape', 'x = "\\x41\\x7e"\n', { kind: 'Str', value: 'A~' }],
    ['octal escape', 'x = "\\101\\0\\7"\n', { kind: 'Str', value: 'A\0\x07' }],
    ['unicode escapes', 'x = "\\u00e9\\U0001F600"\n', { kind: 'Str', value: 'é😀' }],
    ['unknown escape kept', 'x = "\\d"\n', { kind: 'Str', value: '\\d' }],
    ['escaped newline', 'x = "a\\\nb"\n', { kind: 'Str', value: 'ab' }],
    ['raw', 'x = r"\\d\\n"\n', { kind: 'Str', value: '\\d\\n' }],
    ['raw keeps escaped quote', 'x = r"\\""\n', { kind: 'Str', value: '\\"' }],
    ['bytes', 'x = b"\\xff\\u0041"\n', { kind: 'Str', value: '\xff\\u0041', isBytes: true }],
    ['upper-case prefixes', 'x = BR"\\d"\n', { kind: 'Str', value: '\\d', isBytes: true }],
    ['rb prefix', 'x = Rb"\\d"\n', { kind: 'Str', value: '\\d', isBytes: true }],
    ['u prefix', 'x = U"a"\n', { kind: 'Str', value: 'a', isBytes: false }],
    ['adjacent concatenation', 'x = "a" \'b\' """c"""\n', { kind: 'Str', value: 'abc', col: 5 }],
    ['concatenation across lines', 'x = ("a"\n     "b")\n', { kind: 'Str', value: 'ab', line: 1, col: 6 }],
    ['non-ASCII text', 'x = "héllo"\n', { kind: 'Str', value: 'héllo' }],
    ['empty strings', 'x = "" \'\'\n', { kind: 'Str', value: '' }],
  ];
  it.each(cases)('%s', (_what, source, expected, major = 3) => {
    expect(expressionOf(source, major)).toMatchObject(expected);
  });
});

describe('f-strings (Python 3)', () => {
  const cases: Case[] = [
    ['plain field', 'x = f"a{b}c"\n', {
      kind: 'JoinedStr', line: 1, col: 5,
      parts: [{ kind: 'Str', value: 'a' }, { kind: 'FormattedValue', value: name('b', 1, 9), line: 1, col: 8 }, { kind: 'Str', value: 'c' }],
    }],
    ['conversion', 'x = f"{v!r}"\n', { parts: [{ kind: 'FormattedValue', conversion: 'r', value: name('v', 1, 8) }] }],
    ['format spec', 'x = f"{y:>10}"\n', { parts: [{ value: name('y', 1, 8), formatSpec: { kind: 'JoinedStr', parts: [{ kind: 'Str', value: '>10' }] } }] }],
    ['nested field in spec', 'x = f"{y:{w}}"\n', { parts: [{ formatSpec: { parts: [{ kind: 'FormattedValue', value: name('w', 1, 11) }] } }] }],
    ['expression field', 'x = f"{a + b[0]}"\n', { parts: [{ value: { kind: 'BinOp', op: '+', col: 8 } }] }],
    ['doubled braces', 'x = f"{{a}}"\n', { kind: 'JoinedStr', parts: [{ kind: 'Str', value: '{a}' }] }],
    ['string inside field', 'x = f"{d[\'k\']}"\n', { parts: [{ value: { kind: 'Subscript', index: { kind: 'Str', value: 'k' } } }] }],
    ['self-documenting', 'x = f"{n=}"\n', { parts: [{ kind: 'Str', value: 'n=' }, { kind: 'FormattedValue', conversion: 'r' }] }],
    ['concatenated with plain', 'x = "a" f"{b}" "c"\n', { parts: [{ value: 'a' }, { kind: 'FormattedValue' }, { value: 'c' }] }],
    ['escapes in literal part', 'x = f"\\t{b}"\n', { parts: [{ kind: 'Str', value: '\t' }, { kind: 'FormattedValue' }] }],
    ['multi-line triple-quoted field', 'x = f"""a\n{b +\n c}"""\n', { parts: [{ value: 'a\n' }, { value: { kind: 'BinOp', line: 2, col: 2, right: name('c', 3, 2) } }] }],
    ['comparison inside field', 'x = f"{a != b}"\n', { parts: [{ value: { kind: 'Compare', ops: ['!='] } }] }],
  ];
  it.each(cases)('%s', (_what, source, expected) => {
    expect(expressionOf(source, 3)).toMatchObject(expected);
  });
});

describe('containers and comprehensions', () => {
  const cases: Case[] = [
    ['list', 'x = [1, 2,]\n', { kind: 'List', elts: [int(1n, 6), int(2n, 9)], col: 5 }],
    ['empty list', 'x = []\n', { kind: 'List', elts: [] }],
    ['tuple in parens', 'x = (1, 2)\n', { kind: 'Tuple', elts: [int(1n, 6), int(2n, 9)], col: 5 }],
    ['bare tuple', 'x = 1, 2\n', { kind: 'Tuple', elts: [int(1n, 5), int(2n, 8)], col: 5 }],
    ['one-tuple', 'x = 1,\n', { kind: 'Tuple', elts: [int(1n, 5)] }],
    ['parenthesised one-tuple', 'x = (1,)\n', { kind: 'Tuple', elts: [int(1n, 6)] }],
    ['empty tuple', 'x = ()\n', { kind: 'Tuple', elts: [] }],
    ['parentheses alone', 'x = (1)\n', int(1n, 6)],
    ['dict', 'x = {"a": 1, 2: b,}\n', { kind: 'Dict', keys: [{ value: 'a' }, int(2n, 14)], values: [int(1n, 11), name('b', 1, 17)] }],
    ['empty dict', 'x = { }\n', { kind: 'Dict', keys: [], values: [] }],
    ['set', 'x = {1, 2}\n', { kind: 'Set', elts: [int(1n, 6), int(2n, 9)] }],
    ['list comprehension', 'x = [i * 2 for i in y if i if i > 1 for j in i]\n', {
      kind: 'ListComp', elt: { kind: 'BinOp' },
      generators: [
        { target: name('i', 1, 16), iter: name('y', 1, 21), ifs: [name('i', 1, 26), { kind: 'Compare' }], line: 1, col: 12 },
        { target: name('j', 1, 41), iter: name('i', 1, 46), ifs: [] },
      ],
    }],
    ['unpacking comprehension target', 'x = [k for k, v in d]\n', { generators: [{ target: { kind: 'Unpack', elts: [name('k', 1, 12), name('v', 1, 15)] } }] }],
    ['dict comprehension', 'x = {k: v for k, v in d.items()}\n', { kind: 'DictComp', key: name('k', 1, 6), value: name('v', 1, 9) }],
    ['set comprehension', 'x = {a for a in b}\n', { kind: 'SetComp', elt: name('a', 1, 6) }],
    ['Python 2 list comprehension over a bare tuple', 'x = [a for a in 1, 2]\n', { generators: [{ iter: { kind: 'Tuple' } }] }, 2],
  ];
  it.each(cases)('%s', (_what, source, expected, major = 3) => {
    expect(expressionOf(source, major)).toMatchObject(expected);
  });
});

describe('operators', () => {
  const bin = (op: string, left: object, right: object, col = 5) => ({ kind: 'BinOp', op, left, right, col });
  const cases: Case[] = [
    ['precedence', 'x = a + b * c\n', bin('+', name('a', 1, 5), bin('*', name('b', 1, 9), name('c', 1, 13), 9))],
    ['left associative', 'x = a - b - c\n', bin('-', bin('-', name('a', 1, 5), name('b', 1, 9)), name('c', 1, 13))],
    ['all arithmetic', 'x = a / b // c % d\n', bin('%', bin('//', bin('/', {}, {}), {}), {})],
    ['power is right associative', 'x = a ** b ** c\n', bin('**', name('a', 1, 5), bin('**', name('b', 1, 10), name('c', 1, 15), 10))],
    ['unary minus binds looser than **', 'x = -a ** b\n', { kind: 'UnaryOp', op: '-', operand: bin('**', name('a', 1, 6), name('b', 1, 11), 6) }],
    ['unary exponent', 'x = a ** -b\n', bin('**', name('a', 1, 5), { kind: 'UnaryOp', op: '-', col: 10 })],
    ['bitwise precedence', 'x = a | b ^ c & d << e\n', bin('|', name('a', 1, 5), bin('^', {}, bin('&', {}, bin('<<', {}, {}, 17), 13), 9))],
    ['shift right and invert', 'x = ~a >> 1\n', bin('>>', { kind: 'UnaryOp', op: '~' }, int(1n, 11))],
    ['unary plus', 'x = +a\n', { kind: 'UnaryOp', op: '+', operand: name('a', 1, 6) }],
    ['comparison chain', 'x = a < b <= c\n', { kind: 'Compare', left: name('a', 1, 5), ops: ['<', '<='], comparators: [name('b', 1, 9), name('c', 1, 14)] }],
    ['all comparisons', 'x = a == b != c > d >= e\n', { kind: 'Compare', ops: ['==', '!=', '>', '>='] }],
    ['in and not in', 'x = a in b not in c\n', { kind: 'Compare', ops: ['in', 'not in'] }],
    ['is and is not', 'x = a is b is not c\n', { kind: 'Compare', ops: ['is', 'is not'] }],
    ['boolean precedence', 'x = a or b and not c\n', {
      kind: 'BoolOp', op: 'or', values: [name('a', 1, 5), { kind: 'BoolOp', op: 'and', values: [name('b', 1, 10), { kind: 'UnaryOp', op: 'not', col: 16 }], col: 10 }],
    }],
    ['flat boolean chain', 'x = a and b and c\n', { kind: 'BoolOp', op: 'and', values: [{}, {}, {}] }],
    ['not binds looser than comparison', 'x = not a == b\n', { kind: 'UnaryOp', op: 'not', operand: { kind: 'Compare' } }],
    ['conditional expression', 'x = a if c else b\n', { kind: 'IfExp', body: name('a', 1, 5), test: name('c', 1, 10), orelse: name('b', 1, 17), col: 5 }],
    ['nested conditional', 'x = a if b else c if d else e\n', { kind: 'IfExp', orelse: { kind: 'IfExp', col: 17 } }],
    ['lambda', 'x = lambda a, b=1, *c: a\n', {
      kind: 'Lambda', col: 5, params: [{ name: 'a', col: 12 }, { name: 'b', default: int(1n, 17) }], vararg: { name: 'c', col: 20 }, body: name('a', 1, 24),
    }],
    ['lambda without parameters', 'x = lambda: 0\n', { kind: 'Lambda', params: [], body: int(0n, 13) }],
    ['percent formatting', 'x = "%d %s" % (n, s)\n', bin('%', { kind: 'Str' }, { kind: 'Tuple', col: 15 })],
    ['parenthesised operand position', 'x = (a + b) * c\n', bin('*', bin('+', name('a', 1, 6), name('b', 1, 10), 6), name('c', 1, 15))],
  ];
  it.each(cases)('%s', (_what, source, expected, major = 3) => {
    expect(expressionOf(source, major)).toMatchObject(expected);
  });
});

describe('calls, attributes, subscripts', () => {
  const cases: Case[] = [
    ['call with every argument form', 'f(a, key=1, *rest)\n', {
      kind: 'Call', func: name('f', 1, 1), args: [name('a', 1, 3)], keywords: [{ name: 'key', value: int(1n, 10), line: 1, col: 6 }], starArgs: name('rest', 1, 14),
    }],
    ['keywords after *args', 'f(*a, b=1)\n', { kind: 'Call', starArgs: name('a', 1, 4), keywords: [{ name: 'b' }] }],
    ['trailing comma', 'f(a,)\n', { kind: 'Call', args: [name('a', 1, 3)] }],
    ['no arguments', 'f()\n', { kind: 'Call', args: [], keywords: [] }],
    ['method call chain', 'a.b(c).d\n', { kind: 'Attribute', attr: 'd', col: 1, value: { kind: 'Call', col: 1, func: { kind: 'Attribute', attr: 'b', value: name('a', 1, 1) } } }],
    ['subscript', 'a[i]\n', { kind: 'Subscript', value: name('a', 1, 1), index: name('i', 1, 3) }],
    ['slice', 'a[i:j]\n', { kind: 'Subscript', index: { kind: 'Slice', lower: name('i', 1, 3), upper: name('j', 1, 5), col: 3 } }],
    ['step slice', 'a[::2]\n', { kind: 'Subscript', index: { kind: 'Slice', step: int(2n, 5) } }],
    ['open slice', 'a[:]\n', { index: { kind: 'Slice' } }],
    ['tuple index', 'a[i, j]\n', { index: { kind: 'Tuple', elts: [name('i', 1, 3), name('j', 1, 6)] } }],
    ['nested subscripts', 'a[0][1]\n', { kind: 'Subscript', index: int(1n, 6), value: { kind: 'Subscript', index: int(0n, 3) } }],
    ['call on a call', 'f()()\n', { kind: 'Call', func: { kind: 'Call' } }],
    ['print is a name in Python 3', 'print("a", end="")\n', { kind: 'Call', func: name('print', 1, 1), keywords: [{ name: 'end' }] }],
  ];
  it.each(cases)('%s', (_what, source, expected, major = 3) => {
    expect(expressionOf(source, major)).toMatchObject(expected);
  });
});

describe('simple statements', () => {
  const cases: Case[] = [
    ['expression statement', 'f(x)\n', { kind: 'ExprStmt', value: { kind: 'Call' }, line: 1, col: 1 }],
    ['assignment', 'x = 1\n', { kind: 'Assign', targets: [name('x', 1, 1)], value: int(1n, 5) }],
    ['chained assignment', 'a = b = 1\n', { kind: 'Assign', targets: [name('a', 1, 1), name('b', 1, 5)], value: int(1n, 9) }],
    ['tuple unpacking', 'a, b = b, a\n', { kind: 'Assign', targets: [{ kind: 'Unpack', elts: [name('a', 1, 1), name('b', 1, 4)] }], value: { kind: 'Tuple' } }],
    ['nested unpacking', '(a, b), c = x\n', { targets: [{ kind: 'Unpack', elts: [{ kind: 'Unpack', col: 1, elts: [name('a', 1, 2), name('b', 1, 5)] }, name('c', 1, 9)] }] }],
    ['list unpacking', '[a, b] = x\n', { targets: [{ kind: 'Unpack', elts: [name('a', 1, 2), name('b', 1, 5)] }] }],
    ['attribute and subscript targets', 'o.a, d[k] = 1, 2\n', { targets: [{ kind: 'Unpack', elts: [{ kind: 'Attribute', attr: 'a' }, { kind: 'Subscript' }] }] }],
    ['augmented assignment', 'x += 1\n', { kind: 'AugAssign', target: name('x', 1, 1), op: '+', value: int(1n, 6) }],
    ...(['-', '*', '/', '//', '%', '**', '<<', '>>', '&', '|', '^'].map(
      (op): Case => [`augmented ${op}=`, `d[k] ${op}= 2\n`, { kind: 'AugAssign', op, target: { kind: 'Subscript' } }],
    )),
    ['del several targets', 'del a, b.c, d[0], e[1:2]\n', {
      kind: 'Delete', targets: [name('a', 1, 5), { kind: 'Attribute' }, { kind: 'Subscript' }, { kind: 'Subscript', index: { kind: 'Slice' } }],
    }],
    ['del tuple', 'del (a, b)\n', { kind: 'Delete', targets: [{ kind: 'Unpack' }] }],
    ['pass', 'pass\n', { kind: 'Pass', line: 1, col: 1 }],
    ['global', 'global a, b\n', { kind: 'Global', names: ['a', 'b'] }],
    ['assert', 'assert x\n', { kind: 'Assert', test: name('x', 1, 8) }],
    ['assert with message', 'assert x, "bad"\n', { kind: 'Assert', msg: { kind: 'Str', value: 'bad' } }],
    ['import', 'import a\n', { kind: 'Import', names: [{ name: 'a', line: 1, col: 8 }] }],
    ['import several', 'import sys, gc\n', { kind: 'Import', names: [{ name: 'sys' }, { name: 'gc', col: 13 }] }],
    ['import as', 'import a.b as c\n', { kind: 'Import', names: [{ name: 'a.b', asName: 'c' }] }],
    ['from import', 'from a import b, c as d\n', { kind: 'ImportFrom', module: 'a', level: 0, star: false, names: [{ name: 'b' }, { name: 'c', asName: 'd' }] }],
    ['from import in parentheses', 'from a import (b,\n    c,)\n', { kind: 'ImportFrom', names: [{ name: 'b' }, { name: 'c', line: 2, col: 5 }] }],
    ['star import', 'from a.b import *\n', { kind: 'ImportFrom', module: 'a.b', star: true, names: [] }],
    ['relative import', 'from ..pkg import x\n', { kind: 'ImportFrom', module: 'pkg', level: 2 }],
    ['relative import of the package', 'from . import x\n', { kind: 'ImportFrom', module: '', level: 1 }],
    ['raise', 'raise\n', { kind: 'Raise' }],
    ['raise class', 'raise E\n', { kind: 'Raise', exc: name('E', 1, 7) }],
    ['raise instance', 'raise E("msg")\n', { kind: 'Raise', exc: { kind: 'Call' } }],
    ['raise from', 'raise E from e\n', { kind: 'Raise', cause: name('e', 1, 14) }],
    ['semicolons', 'a = 1; b = 2;\n', { kind: 'Assign', targets: [name('a', 1, 1)] }],
  ];
  it.each(cases)('%s', (_what, source, expected, major = 3) => {
    expect(firstStatement(source, major)).toMatchObject(expected);
  });

  it('keeps every statement of a semicolon-separated line, in order', () => {
    expect(parseOk('a = 1; b = 2; pass\n').body.map((s) => [s.kind, s.col])).toEqual([['Assign', 1], ['Assign', 8], ['Pass', 15]]);
  });
});

describe('compound statements', () => {
  const cases: Case[] = [
    ['if/elif/else', 'if a:\n    x = 1\nelif b:\n    x = 2\nelif c: x = 3\nelse:\n    pass\n', {
      kind: 'If', line: 1, col: 1,
      branches: [
        { test: name('a', 1, 4), body: [{ kind: 'Assign', line: 2, col: 5 }], line: 1, col: 1 },
        { test: name('b', 3, 6), line: 3, col: 1 },
        { test: name('c', 5, 6), body: [{ kind: 'Assign', line: 5, col: 9 }] },
      ],
      orelse: [{ kind: 'Pass', line: 7, col: 5 }],
    }],
    ['one-line if', 'if x: y = 1; z = 2\n', { kind: 'If', branches: [{ body: [{ kind: 'Assign' }, { kind: 'Assign', col: 14 }] }], orelse: [] }],
    ['while/else', 'while n > 0:\n    n -= 1\n    if n == 5: break\n    continue\nelse:\n    done()\n', {
      kind: 'While', test: { kind: 'Compare' }, body: [{ kind: 'AugAssign' }, { kind: 'If' }, { kind: 'Continue', line: 4, col: 5 }], orelse: [{ kind: 'ExprStmt', line: 6 }],
    }],
    ['for/else with unpacking', 'for i, x in enumerate(y):\n    pass\nelse:\n    pass\n', {
      kind: 'For', target: { kind: 'Unpack', elts: [name('i', 1, 5), name('x', 1, 8)] }, iter: { kind: 'Call' }, orelse: [{ kind: 'Pass' }],
    }],
    ['for over a bare tuple', 'for x in 1, 2:\n    pass\n', { kind: 'For', iter: { kind: 'Tuple' } }],
    ['for with trailing-comma target', 'for x, in y:\n    pass\n', { kind: 'For', target: { kind: 'Unpack', elts: [name('x', 1, 5)] } }],
    ['def with defaults and *args', 'def f(a, b=2, *args):\n    return a\n', {
      kind: 'FunctionDef', name: 'f', line: 1, col: 1,
      params: [{ name: 'a', line: 1, col: 7 }, { name: 'b', default: int(2n, 12) }],
      vararg: { name: 'args', col: 15 },
      body: [{ kind: 'Return', value: name('a', 2, 12), line: 2, col: 5 }],
    }],
    ['nested def (closure)', 'def outer():\n    x = 1\n    def inner():\n        return x\n    return inner\n', {
      kind: 'FunctionDef', body: [{ kind: 'Assign' }, { kind: 'FunctionDef', name: 'inner', line: 3, col: 5 }, { kind: 'Return' }],
    }],
    ['return forms', 'def f():\n    return\n    return 1, 2\n', { body: [{ kind: 'Return' }, { kind: 'Return', value: { kind: 'Tuple' } }] }],
    ['nonlocal', 'def f():\n    x = 1\n    def g():\n        nonlocal x\n', { body: [{}, { body: [{ kind: 'Nonlocal', names: ['x'] }] }] }],
    ['nonlocal in a class inside a def', 'def f():\n    x = 1\n    class A:\n        nonlocal x\n', { body: [{}, { kind: 'ClassDef', body: [{ kind: 'Nonlocal' }] }] }],
    ['class', 'class A:\n    pass\n', { kind: 'ClassDef', name: 'A', bases: [] }],
    ['class with a base', 'class B(A):\n    def __init__(self):\n        self.x = 1\n    def __del__(self):\n        pass\n', {
      kind: 'ClassDef', name: 'B', bases: [name('A', 1, 9)], body: [{ kind: 'FunctionDef', name: '__init__' }, { kind: 'FunctionDef', name: '__del__' }],
    }],
    ['class(object)', 'class C(object): pass\n', { kind: 'ClassDef', bases: [name('object', 1, 9)] }],
    ['class with empty parentheses', 'class C(): pass\n', { kind: 'ClassDef', bases: [] }],
    ['try/except/else/finally', 'try:\n    a()\nexcept E:\n    pass\nexcept (A, B) as e:\n    pass\nexcept:\n    raise\nelse:\n    b()\nfinally:\n    c()\n', {
      kind: 'Try', body: [{ kind: 'ExprStmt' }],
      handlers: [
        { type: name('E', 3, 8), line: 3, col: 1 },
        { type: { kind: 'Tuple' }, name: 'e', line: 5 },
        { body: [{ kind: 'Raise' }] },
      ],
      orelse: [{ kind: 'ExprStmt', line: 10 }], finalbody: [{ kind: 'ExprStmt', line: 12 }],
    }],
    ['try/finally', 'try:\n    pass\nfinally:\n    pass\n', { kind: 'Try', handlers: [], finalbody: [{ kind: 'Pass' }] }],
    ['with', 'with open(p) as f, lock:\n    pass\n', {
      kind: 'With', items: [{ expr: { kind: 'Call' }, asName: 'f', col: 6 }, { expr: name('lock', 1, 20) }],
    }],
    ['parenthesised with items', 'with (a as b,\n      c as d):\n    pass\n', { kind: 'With', items: [{ asName: 'b' }, { asName: 'd', line: 2 }] }],
  ];
  it.each(cases)('%s', (_what, source, expected, major = 3) => {
    expect(firstStatement(source, major)).toMatchObject(expected);
  });
});

describe('lexical structure', () => {
  const cases: [what: string, source: string, kinds: string[]][] = [
    ['tab indentation', 'if x:\n\ty = 1\n\tz = 2\n', ['If']],
    ['a tab equals eight spaces (Python 2 mixes them)', 'if x:\n\ty = 1\n        z = 2\n', ['If']],
    ['implicit line joining', 'x = [1,\n  2,\n    3]\ny = 1\n', ['Assign', 'Assign']],
    ['explicit continuation', 'x = 1 + \\\n    2\ny = 1\n', ['Assign', 'Assign']],
    ['comments and blank lines', '# c\n\nx = 1  # c\n\n   \n# c\ny = 2\n', ['Assign', 'Assign']],
    ['comment lines inside a block at any indentation', 'if x:\n    a = 1\n# c\n  # c\n    b = 2\n', ['If']],
    ['missing final newline', 'x = 1', ['Assign']],
    ['missing final newline after a block', 'if x:\n    y = 1', ['If']],
    ['CRLF line endings', 'if x:\r\n    y = 1\r\nz = 2\r\n', ['If', 'Assign']],
    ['CR line endings', 'if x:\r    y = 1\rz = 2\r', ['If', 'Assign']],
    ['UTF-8 BOM', '\ufeffx = 1\n', ['Assign']],
    ['coding line', '#!/usr/bin/env python\n# -*- coding: latin-1 -*-\nx = 1\n', ['Assign']],
    ['empty source', '', []],
    ['only comments', '# nothing here', []],
    ['form feed in indentation', '\fx = 1\n', ['Assign']],
    ['dedent several levels at once', 'if a:\n    if b:\n        c = 1\nd = 2\n', ['If', 'Assign']],
    ['dedent at end of file', 'if a:\n    if b:\n        c = 1', ['If']],
  ];
  it.each(cases)('%s', (_what, source, kinds) => {
    expect(parseOk(source, source.includes('\ty = 1\n        ') ? 2 : 3).body.map((s) => s.kind)).toEqual(kinds);
  });

  it('places tokens after CRLF and a BOM on the right line and column', () => {
    const m = parseOk('\ufeffa = 1\r\nif x:\r\n    b = 2\r\n');
    expect(m.body[1]).toMatchObject({ kind: 'If', line: 2, col: 1, branches: [{ body: [{ kind: 'Assign', line: 3, col: 5 }] }] });
    expect(m.body[0]).toMatchObject({ line: 1, col: 1 });
  });

  it('reports the future features a module asks for', () => {
    const m = parseOk('"""doc"""\nfrom __future__ import division, print_function\n', 2);
    expect(m.futureFeatures).toEqual(['division', 'print_function']);
    expect(m).toMatchObject({ kind: 'Module', file: 'gw.py', pythonMajor: 2, line: 1, col: 1 });
  });
});

// Proves constructs outside the device subset are rejected before anything runs, each at its own line:col with a message naming it, and that all of them in a file are reported together.
import { describe, expect, it } from 'vitest';
import { parseErrors, type Major } from './helpers.js';

type Case = [what: string, major: Major, source: string, diagnostics: string[]];

const cases: Case[] = [
  ['yield statement', 3, 'def f():\n    yield 1\n', ['gw.py:2:5: generators are not supported on the device (yield)']],
  ['yield expression', 3, 'def f():\n    x = yield\n', ['gw.py:2:9: generators are not supported on the device (yield)']],
  ['yield from', 3, 'def f():\n    yield from g()\n', ['gw.py:2:5: generators are not supported on the device (yield)']],
  ['parenthesised yield', 3, 'def f():\n    return (yield)\n', ['gw.py:2:13: generators are not supported on the device (yield)']],
  ['yield in Python 2', 2, 'def f():\n    yield 1\n', ['gw.py:2:5: generators are not supported on the device (yield)']],
  ['generator expression argument', 3, 'total = sum(x for x in y)\n', ['gw.py:1:13: generator expressions are not supported on the device (use a list comprehension)']],
  ['parenthesised generator expression', 3, 'g = (x for x in y)\n', ['gw.py:1:5: generator expressions are not supported on the device (use a list comprehension)']],
  ['function decorator', 3, '@decorator\ndef f(): pass\n', ['gw.py:1:1: decorators are not supported on the device (@)']],
  ['class decorator', 2, '@a.b(1)\nclass C: pass\n', ['gw.py:1:1: decorators are not supported on the device (@)']],
  ['async def', 3, 'async def f(): pass\n', ['gw.py:1:1: async/await is not supported on the device (async def)']],
  ['await', 3, 'def f():\n    await g()\n', ['gw.py:2:5: async/await is not supported on the device (await)']],
  ['async for and with', 3, 'async def f():\n    async for x in y: pass\n    async with a: pass\n', [
    'gw.py:1:1: async/await is not supported on the device (async def)',
    'gw.py:2:5: async/await is not supported on the device (async for)',
    'gw.py:3:5: async/await is not supported on the device (async with)',
  ]],
  ['async comprehension', 3, 'x = [y async for y in z]\n', ['gw.py:1:8: async/await is not supported on the device (async for)']],
  ['**kwargs parameter', 3, 'def f(a, **kwargs): pass\n', ['gw.py:1:10: **kwargs parameters are not supported on the device (**kwargs)']],
  ['**kwargs in a lambda', 2, 'f = lambda **kw: 0\n', ['gw.py:1:12: **kwargs parameters are not supported on the device (**kw)']],
  ['** in a call', 3, 'f(**options)\n', ['gw.py:1:3: keyword argument unpacking is not supported on the device (**options)']],
  ['** in a dict literal', 3, 'x = {**a, "b": 1}\n', ['gw.py:1:6: dict unpacking in a literal is not supported on the device (**)']],
  ['multiple inheritance', 3, 'class C(A, B): pass\n', ['gw.py:1:12: multiple inheritance is not supported on the device (class C(A, B))']],
  ['metaclass keyword', 3, 'class C(metaclass=M): pass\n', ['gw.py:1:9: metaclasses are not supported on the device (metaclass=)']],
  ['other class keyword', 3, 'class C(A, flag=1): pass\n', ['gw.py:1:12: class keyword arguments are not supported on the device (flag=)']],
  ['walrus', 3, 'if (n := len(a)) > 10: pass\n', ['gw.py:1:5: assignment expressions are not supported on the device (:=)']],
  ['match statement', 3, 'match command:\n    case "go":\n        pass\nx = 1\n', ['gw.py:1:1: the match statement is not supported on the device (match)']],
  ['star-unpacking target', 3, 'a, *rest = items\n', ['gw.py:1:4: star-unpacking is not supported on the device (*rest)']],
  ['star-unpacking for target', 3, 'for a, *b in c: pass\n', ['gw.py:1:8: star-unpacking is not supported on the device (*b)']],
  ['star in a list display', 3, 'x = [*a, 1]\n', ['gw.py:1:6: star-unpacking is not supported on the device (*a)']],
  ['exec statement', 2, 'exec "x = 1"\n', ['gw.py:1:1: the exec statement is not supported on the device (exec)']],
  ['exec in namespace', 2, 'exec code in ns\n', ['gw.py:1:1: the exec statement is not supported on the device (exec)']],
  ['exec statement under Python 3', 3, 'exec "x = 1"\n', ['gw.py:1:1: the exec statement is not supported on the device (exec)']],
  ['backticks', 2, 'x = `y`\n', ['gw.py:1:5: backticks are not supported on the device (use repr())']],
  ['keyword-only after bare *', 3, 'def f(a, *, key): pass\n', ['gw.py:1:13: keyword-only parameters are not supported on the device (key)']],
  ['keyword-only after *args', 3, 'def f(*args, key=1): pass\n', ['gw.py:1:14: keyword-only parameters are not supported on the device (key)']],
  ['positional-only marker', 3, 'def f(a, /): pass\n', ['gw.py:1:10: positional-only parameters are not supported on the device (/)']],
  ['parameter annotation', 3, 'def f(x: int): pass\n', ['gw.py:1:10: type annotations are not supported on the device (x: int)']],
  ['return annotation', 3, 'def f(x) -> int: pass\n', ['gw.py:1:13: type annotations are not supported on the device (-> int)']],
  ['variable annotation', 3, 'x: int = 1\n', ['gw.py:1:4: type annotations are not supported on the device (x: int)']],
  ['attribute annotation', 3, 'self.x: int\n', ['gw.py:1:9: type annotations are not supported on the device (self.x: int)']],
  ['complex literal', 3, 'z = 1j\n', ['gw.py:1:5: complex numbers are not supported on the device (1j)']],
  ['complex float literal', 2, 'z = 1.5J\n', ['gw.py:1:5: complex numbers are not supported on the device (1.5J)']],
  ['@ operator', 3, 'c = a @ b\n', ['gw.py:1:7: the @ operator is not supported on the device (@)']],
  ['@= operator', 3, 'a @= b\n', ['gw.py:1:3: the @ operator is not supported on the device (@=)']],
  ['Ellipsis', 3, 'x = ...\n', ['gw.py:1:5: the Ellipsis literal is not supported on the device (...)']],
  ['two *-unpackings in a call', 3, 'f(*a, *b)\n', ['gw.py:1:7: several *-unpackings in one call are not supported on the device (*)']],
  ['positional after *args', 3, 'f(*a, b)\n', ['gw.py:1:7: positional arguments after *args are not supported on the device (*)']],
  ['extended slice', 3, 'x = a[1:2, 3]\n', ['gw.py:1:7: extended slices are not supported on the device (a[i:j, k])']],
  ['tuple parameter', 2, 'def f((a, b)): pass\n', ['gw.py:1:7: tuple parameters are not supported on the device ((...))']],
  ['three-argument raise', 2, 'raise E, "m", tb\n', ['gw.py:1:13: three-argument raise is not supported on the device (traceback)']],
  ['\\N escape', 3, 'x = "\\N{BULLET}"\n', ['gw.py:1:6: \\N{...} escapes are not supported on the device (\\N)']],
  ['with target other than a name', 3, 'with a as (b, c): pass\n', ['gw.py:1:11: with-statement targets other than a name are not supported on the device (as target)']],
  ['except*', 3, 'try:\n    pass\nexcept* E:\n    pass\n', ['gw.py:3:7: exception groups are not supported on the device (except*)']],
  ['except target other than a name', 2, 'try:\n    pass\nexcept E, (a, b):\n    pass\n', ['gw.py:3:11: except targets other than a name are not supported on the device (except E, target)']],
];

describe('each unsupported construct', () => {
  it.each(cases)('%s (Python %i)', (_what, major, source, diagnostics) => {
    expect(parseErrors(source, major)).toEqual(diagnostics);
  });
});

describe('collecting', () => {
  it('reports five unsupported constructs of one script, in source order', () => {
    const source = [
      'import gc',
      '@memoize',
      'def f(*args, **kw):',
      '    return sum(x for x in args)',
      'class Reader(Base, Mixin):',
      '    def read(self):',
      '        yield self.buf',
      '',
    ].join('\n');
    expect(parseErrors(source)).toEqual([
      'gw.py:2:1: decorators are not supported on the device (@)',
      'gw.py:3:14: **kwargs parameters are not supported on the device (**kw)',
      'gw.py:4:16: generator expressions are not supported on the device (use a list comprehension)',
      'gw.py:5:20: multiple inheritance is not supported on the device (class Reader(Base, Mixin))',
      'gw.py:7:9: generators are not supported on the device (yield)',
    ]);
  });

  it('keeps the unsupported constructs found before a real syntax error, and stops at it', () => {
    expect(parseErrors('x = 1j\ny = a @ b\nz = (1 +\nw = 1j\n')).toEqual([
      'gw.py:1:5: complex numbers are not supported on the device (1j)',
      'gw.py:2:7: the @ operator is not supported on the device (@)',
      'gw.py:4:3: invalid syntax',
    ]);
  });

  it('reports an unsupported construct nested inside another', () => {
    expect(parseErrors('@d(lambda **k: 0)\ndef f(): pass\n')).toEqual([
      'gw.py:1:1: decorators are not supported on the device (@)',
      'gw.py:1:11: **kwargs parameters are not supported on the device (**k)',
    ]);
  });

  it('keeps parsing after a skipped match statement', () => {
    expect(parseErrors('match x:\n    case 1:\n        pass\ndef g(**k): pass\n')).toEqual([
      'gw.py:1:1: the match statement is not supported on the device (match)',
      'gw.py:4:7: **kwargs parameters are not supported on the device (**k)',
    ]);
  });
});

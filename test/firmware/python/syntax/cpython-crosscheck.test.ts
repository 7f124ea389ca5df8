// Proves memsim's parser agrees with real CPython 2.7 and 3.11 on what is valid Python: it accepts every supported snippet CPython accepts and rejects every snippet CPython rejects.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseModule, type Expr } from '../../../../firmware/python/syntax/index.js';
import { DIGI_GC_EXAMPLE, EVENTS_PY3, GATEWAY_LOOP_PY2, WATCHDOG_PY3 } from './device-scripts.js';

const INTERPRETERS = {
  2: join(homedir(), '.pyenv/versions/2.7.18/bin/python'),
  3: join(homedir(), '.pyenv/versions/3.11.7/bin/python3'),
} as const;

// compile() rather than ast.parse(): it also reports what CPython's compiler
// rejects before running (`return` outside a function, late __future__ imports),
// which memsim rejects at load time too. Scope errors (`nonlocal` without a
// binding) are left out: names are resolved by the compiler, not the parser.
const ORACLE = `
import json, sys
out = []
for src in json.loads(sys.stdin.read()):
    if sys.version_info[0] == 2:
        src = src.encode('utf-8')  # as read from a file, so coding lines are honoured
    try:
        compile(src, 'f.py', 'exec', 0, True)
        out.append(None)
    except (SyntaxError, ValueError, TypeError) as e:
        out.append('%s: %s' % (type(e).__name__, e))
sys.stdout.write(json.dumps(out))
`;

/** `unsupported`: outside the device subset, so memsim rejects it whatever CPython says. */
type Entry = [source: string, unsupported?: 'unsupported'];

const SNIPPETS: Entry[] = [
  ['x = 1\n'],
  ['a, b = b, a\n'],
  ['(a, b), c = (1, 2), 3\n'],
  ['x = y = z = 0\n'],
  ['x += 1; y -= 2; z **= 3; w //= 4; v >>= 1\n'],
  ['del a[0], b.c, d[1:2]\n'],
  ['if a < b < c: pass\nelif a is not b: pass\nelse: pass\n'],
  ['while x:\n    break\nelse:\n    pass\n'],
  ['for i, x in enumerate(y):\n    continue\nelse:\n    pass\n'],
  ['def f(a, b=1, *args):\n    def g():\n        return a\n    return g\n'],
  ['class A(object):\n    def __init__(self):\n        self.x = {}\n    def __del__(self):\n        pass\n'],
  ['class B(A):\n    pass\n'],
  ['try:\n    x()\nexcept (A, B):\n    pass\nexcept C as e:\n    raise\nelse:\n    pass\nfinally:\n    pass\n'],
  ['import a.b as c, d\nfrom e import (f, g,)\nfrom h import *\n'],
  ['from . import x\nfrom ..y import z\n'],
  ['assert x, "msg"\n'],
  ['with open(f) as a, lock:\n    pass\n'],
  ['x = [i * j for i in range(3) for j in range(i) if j if i]\n'],
  ['x = {k: v for k, v in d.items()}\ny = {a for a in b}\n'],
  ['x = lambda a, b=2, *c: a + b\n'],
  ['x = a if b else c\n'],
  ['x = not a and b or c\n'],
  ['x = a[1:2], a[::2], a[:], a[1, 2]\n'],
  ['f(a, b=1, *c)\n'],
  ['x = 0x1F + 0o17 + 0b101 + 1.5e3 + .5 + 1.\n'],
  ['x = "a" \'b\' """c""" r"\\d" b"e"\n'],
  ['x = -2 ** -1 ~ 3\n'],
  ['x = "%s %d" % (a, b)\n'],
  ['global x\n'],
  ['def f():\n    global x\n    x = 1\n'],
  ['x = (1,)\ny = ()\nz = 1,\n'],
  ['x = {}\ny = {1: 2, 3: 4,}\nz = {1, 2}\n'],
  ['if x: y = 1; z = 2\n'],
  ['x = 1 \\\n    + 2\n'],
  ['# -*- coding: utf-8 -*-\nx = 1\n'],
  ['def f(): return\n'],
  ['x = f(a)(b)[c].d\n'],
  ['print "a"\n'],
  ['print x,\n'],
  ['print >>f, x\n'],
  ['print(1)\n'],
  ['x = 0777\n'],
  ['x = 10L\n'],
  ['x = 1 <> 2\n'],
  ['try:\n    pass\nexcept E, e:\n    pass\n'],
  ['raise E, "msg"\n'],
  ['x = 1_000\n'],
  ['x = f"{a!r:>10} {b}"\n'],
  ['def f():\n    x = 1\n    def g():\n        nonlocal x\n        x = 2\n'],
  ['from __future__ import print_function\nprint("a", end="")\n'],
  ['x = 1\nfrom __future__ import division\n'],
  ['x = b"a" "b"\n'],
  ['x = rb"a"\n'],
  ['x = ur"a"\n'],
  ['return 1\n'],
  ['break\n'],
  ['def f(a=1, b): pass\n'],
  ['def f(a, a): pass\n'],
  ['f(a=1, b)\n'],
  ['f() = 1\n'],
  ['x = (1, 2\n'],
  ['x = [1, 2)\n'],
  [')\n'],
  ['x = "abc\n'],
  ['x = """abc\n'],
  ['  x = 1\n'],
  ['if x:\nx = 1\n'],
  ['if x:\n    a\n  b\n'],
  ['x = 1 +\n'],
  ['x = $\n'],
  ['x = 1abc\n'],
  ['if x\n    pass\n'],
  ['def f():\n    yield 1\n', 'unsupported'],
  ['x = sum(i for i in y)\n', 'unsupported'],
  ['@d\ndef f(): pass\n', 'unsupported'],
  ['def f(**kw): pass\n', 'unsupported'],
  ['f(**kw)\n', 'unsupported'],
  ['class C(A, B): pass\n', 'unsupported'],
  ['a, *b = c\n', 'unsupported'],
  ['x = 1j\n', 'unsupported'],
  ['x = `1`\n', 'unsupported'],
  ['exec "x = 1"\n', 'unsupported'],
  ['x: int = 1\n', 'unsupported'],
  ['if (n := 10) > 5: pass\n', 'unsupported'],
  ['async def f(): await g()\n', 'unsupported'],
  ['x = a @ b\n', 'unsupported'],
];

function runPython(major: 2 | 3, program: string, input: unknown): unknown {
  const r = spawnSync(INTERPRETERS[major], ['-c', program], { input: JSON.stringify(input), encoding: 'utf8', timeout: 30_000 });
  if (r.status !== 0) throw new Error(`python${major} failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

const missing = { 2: !existsSync(INTERPRETERS[2]), 3: !existsSync(INTERPRETERS[3]) };
for (const major of [2, 3] as const) {
  if (missing[major]) console.warn(`skipping the CPython ${major} cross-check: ${INTERPRETERS[major]} is not installed`);
}

describe.each([2, 3] as const)('Python %i', (major) => {
  const verdicts = missing[major] ? [] : (runPython(major, ORACLE, SNIPPETS.map(([src]) => src)) as (string | null)[]);

  it.skipIf(missing[major]).each(SNIPPETS.map(([src, unsupported], i) => ({ src, unsupported, i })))(
    '%# agrees with CPython on $src',
    ({ src, unsupported, i }) => {
      const cpythonError = verdicts[i];
      const result = parseModule(src, { file: 'f.py', pythonMajor: major });
      const ours = result.ok ? null : result.errors.map((e) => e.message).join(' | ');
      if (unsupported) {
        // Where CPython accepts it, the rejection must name the construct.
        if (cpythonError === null) expect(ours).toMatch(/not supported on the device/);
        else expect(ours).not.toBeNull();
      } else if (cpythonError === null) {
        expect(ours, 'CPython accepts this').toBeNull();
      } else {
        expect(ours, `CPython rejects this (${cpythonError})`).not.toBeNull();
      }
    },
  );
});

describe('device scripts', () => {
  const scripts = [
    ['Digi GC example', DIGI_GC_EXAMPLE, 2],
    ['gateway loop', GATEWAY_LOOP_PY2, 2],
    ['events', EVENTS_PY3, 3],
    ['watchdog', WATCHDOG_PY3, 3],
  ] as const;
  it.each(scripts)('CPython %s compiles the %s script too', (_name, source, major) => {
    if (missing[major]) return console.warn(`skipped: no CPython ${major}`);
    expect(runPython(major, ORACLE, [source])).toEqual([null]);
    expect(parseModule(source, { file: 'f.py', pythonMajor: major }).ok).toBe(true);
  });
});

// Renders a CPython 3 expression tree the way `render` below renders memsim's,
// positions included (CPython's col_offset is 0-based).
const SHAPE = `
import ast, json, sys
OPS = {'Add':'+','Sub':'-','Mult':'*','Div':'/','FloorDiv':'//','Mod':'%','Pow':'**','LShift':'<<','RShift':'>>',
       'BitAnd':'&','BitOr':'|','BitXor':'^','USub':'-','UAdd':'+','Invert':'~','Not':'not','And':'and','Or':'or',
       'Eq':'==','NotEq':'!=','Lt':'<','LtE':'<=','Gt':'>','GtE':'>=','In':'in','NotIn':'not in','Is':'is','IsNot':'is not'}
def op(o): return OPS[type(o).__name__]
def r(n):
    if n is None: return '_'
    if isinstance(n, list): return '[' + ' '.join(r(x) for x in n) + ']'
    p = '@%d:%d' % (n.lineno, n.col_offset + 1) if hasattr(n, 'lineno') else ''
    k = type(n).__name__
    if k == 'Name': return n.id + p
    if k == 'Constant': return repr(n.value) + p
    if k == 'BinOp': return '(%s%s %s %s)' % (op(n.op), p, r(n.left), r(n.right))
    if k == 'UnaryOp': return '(%s%s %s)' % (op(n.op), p, r(n.operand))
    if k == 'BoolOp': return '(%s%s %s)' % (op(n.op), p, r(n.values))
    if k == 'Compare': return '(%s%s %s %s)' % (','.join(op(o) for o in n.ops), p, r(n.left), r(n.comparators))
    if k == 'IfExp': return '(if%s %s %s %s)' % (p, r(n.test), r(n.body), r(n.orelse))
    if k == 'Lambda': return '(lambda%s %s %s)' % (p, ' '.join(a.arg for a in n.args.args), r(n.body))
    if k == 'Call': return '(call%s %s %s %s)' % (p, r(n.func), r(n.args), ' '.join(kw.arg + '=' + r(kw.value) for kw in n.keywords))
    if k == 'Attribute': return '(.%s %s %s)' % (p, r(n.value), n.attr)
    if k == 'Subscript': return '(sub%s %s %s)' % (p, r(n.value), r(n.slice))
    if k == 'Slice': return '(slice %s %s %s)' % (r(n.lower), r(n.upper), r(n.step))
    if k in ('Tuple', 'List', 'Set'): return '(%s%s %s)' % (k, p, r(n.elts))
    if k == 'Dict': return '(Dict%s %s %s)' % (p, r(n.keys), r(n.values))
    if k == 'ListComp': return '(ListComp%s %s %s)' % (p, r(n.elt), r(n.generators))
    if k == 'comprehension': return '(for %s %s %s)' % (r(n.target), r(n.iter), r(n.ifs))
    return '?' + k
print(json.dumps([r(ast.parse(src, mode='eval').body) for src in json.loads(sys.stdin.read())]))
`;

function render(n: Expr | Expr[] | undefined | { kind: string }): string {
  if (n === undefined) return '_';
  if (Array.isArray(n)) return `[${n.map(render).join(' ')}]`;
  const e = n as Expr;
  const p = 'line' in e ? `@${e.line}:${e.col}` : '';
  if ((n as { kind: string }).kind === 'Unpack') return `(Tuple${p} ${render((n as unknown as { elts: Expr[] }).elts)})`;
  switch (e.kind) {
    case 'Name': return e.id + p;
    case 'Int': return String(e.value) + p;
    case 'Float': return (Number.isInteger(e.value) ? e.value.toFixed(1) : String(e.value)) + p;
    case 'Str': return `'${e.value}'${p}`;
    case 'None': return 'None' + p;
    case 'Bool': return (e.value ? 'True' : 'False') + p;
    case 'BinOp': return `(${e.op}${p} ${render(e.left)} ${render(e.right)})`;
    case 'UnaryOp': return `(${e.op}${p} ${render(e.operand)})`;
    case 'BoolOp': return `(${e.op}${p} ${render(e.values)})`;
    case 'Compare': return `(${e.ops.join(',')}${p} ${render(e.left)} ${render(e.comparators)})`;
    case 'IfExp': return `(if${p} ${render(e.test)} ${render(e.body)} ${render(e.orelse)})`;
    case 'Lambda': return `(lambda${p} ${e.params.map((x) => x.name).join(' ')} ${render(e.body)})`;
    case 'Call': return `(call${p} ${render(e.func)} ${render(e.args)} ${e.keywords.map((k) => `${k.name}=${render(k.value)}`).join(' ')})`;
    case 'Attribute': return `(.${p} ${render(e.value)} ${e.attr})`;
    case 'Subscript': {
      const i = e.index;
      const index = i.kind === 'Slice' ? `(slice ${render(i.lower)} ${render(i.upper)} ${render(i.step)})` : render(i);
      return `(sub${p} ${render(e.value)} ${index})`;
    }
    case 'Tuple': case 'List': case 'Set': return `(${e.kind}${p} ${render(e.elts)})`;
    case 'Dict': return `(Dict${p} ${render(e.keys)} ${render(e.values)})`;
    case 'ListComp':
      return `(ListComp${p} ${render(e.elt)} [${e.generators.map((g) => `(for ${render(g.target as unknown as Expr)} ${render(g.iter)} ${render(g.ifs)})`).join(' ')}])`;
    default: return '?' + e.kind;
  }
}

const EXPRESSIONS = [
  'a + b * c - d', '-2 ** -1', 'a ** b ** c', '-a ** b', 'not a == b', 'a < b < c', 'a not in b is not c',
  'a or b and c or d', 'not not a', 'a if b else c if d else e', 'lambda a, b=1: a + b', 'f(a, b, c=1)',
  'a.b.c(d)[e]', 'a[1:2]', 'a[::2]', 'a[:]', 'a[1, 2]', '(a, b)', '(a)', '()', '[1, 2,]', "{1: 'x', 3: 4}", '{1, 2}',
  '[x for x in y if x if z for w in x]', 'a | b ^ c & d << e >> f', 'a // b % c', '~a + +b', '(a + b) * c',
  '((a))', 'f()()', 'x[0][1].y', "'a' 'b'", "'%s' % (a,)", '(\n a +\n b)', '[\n1,\n 2]', '0xff + 1.5e3 + .5',
  'a is b == (c)', '2 ** -x ** 2', '-(-a)', 'f(x)[1:2].y(z)',
];

describe('tree shapes', () => {
  const shapes = missing[3] ? [] : (runPython(3, SHAPE, EXPRESSIONS) as string[]);
  it.skipIf(missing[3]).each(EXPRESSIONS.map((src, i) => ({ src, i })))('%# $src has the tree and positions CPython 3 gives it', ({ src, i }) => {
    const result = parseModule(`${src}\n`, { file: 'f.py', pythonMajor: 3 });
    if (!result.ok) return expect.fail(JSON.stringify(result.errors));
    const stmt = result.module.body[0]!;
    if (stmt.kind !== 'ExprStmt') return expect.fail(stmt.kind);
    expect(render(stmt.value)).toBe(shapes[i]);
  });
});

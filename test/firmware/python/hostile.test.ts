// Proves that hostile scripts end in a clear outcome — a syntax error naming the place, a
// MemoryError, a RecursionError or a watchdog reset — and never crash or hang the host.
import { describe, expect, it } from 'vitest';
import { loadProfile } from '../../../src/profiles/profiles.js';
import { runScript, type RunSummary } from '../../../src/run/run-script.js';

function run(source: string, profile = 'connectport-x4', file = 'hostile.py'): RunSummary {
  return runScript({ profile: loadProfile(profile), source, file, checkInvariants: true });
}

describe('hostile scripts', () => {
  it('deep recursion is a RecursionError (3.x) / RuntimeError (2.x), with the device intact', () => {
    const src = 'def f(n):\n    return f(n + 1)\nf(0)\n';
    const py3 = run(src, 'host-cpython-3.11');
    expect(py3.outcome).toBe('crash');
    expect(py3.crashes[0]!.kind).toBe('RecursionError');
    expect(py3.crashes[0]!.traceback).toMatch(/\[Previous line repeated \d+ more times\]\nRecursionError: maximum recursion depth exceeded$/);
    const py2 = run('def f(n):\n    return f(n + 1)\nf(0)\n');
    expect(py2.crashes[0]!.kind).toBe('RuntimeError');
  });

  it('a caught RecursionError leaves the interpreter usable', () => {
    const r = run('def f(n):\n    return f(n + 1)\ntry:\n    f(0)\nexcept RecursionError:\n    print("caught")\nprint(sum(range(10)))\n', 'host-cpython-3.11');
    expect(r.outcome).toBe('ok');
    expect(r.stdout).toEqual(['caught', '45']);
  });

  it('a million-element literal is parsed and built (or is a MemoryError on a small pool)', () => {
    const src = `x = [${Array(1_000_000).fill('7').join(', ')}]\nprint(len(x))\n`;
    const big = run(src, 'host-cpython-3.11');
    expect(big.outcome).toBe('ok');
    expect(big.stdout).toEqual(['1000000']);
    const small = run(src, 'connectport-x2');
    expect(small.outcome).toBe('MemoryError');
  }, 60_000);

  it('an infinite loop is a watchdog reset after 60 s of virtual time', () => {
    const r = run('while True:\n    pass\n');
    expect(r.outcome).toBe('crash');
    expect(r.crashes[0]!.kind).toBe('watchdog');
    expect(r.time.endS).toBeCloseTo(60, 5);
  });

  it('a loop that sleeps is not reset by the watchdog', () => {
    const r = run('import time\nfor i in range(200):\n    time.sleep(1)\nprint(time.time() > 0)\n');
    expect(r.outcome).toBe('ok');
    expect(r.time.endS).toBeGreaterThanOrEqual(200);
  });

  it('a 10 MB string on a 6 MiB pool is a MemoryError, catchable by the script', () => {
    expect(run("s = 'x' * 10000000\n").outcome).toBe('MemoryError');
    const caught = run("try:\n    s = 'x' * 10000000\nexcept MemoryError:\n    print('no room')\nprint('still running')\n");
    expect(caught.outcome).toBe('ok');
    expect(caught.stdout).toEqual(['no room', 'still running']);
  });

  it('huge integer powers and shifts are errors, not host hangs', () => {
    expect(run('x = 10 ** (10 ** 7)\n', 'host-cpython-3.11').outcome).toBe('MemoryError');
    expect(run('x = 1 << (10 ** 9)\n', 'host-cpython-3.11').outcome).toBe('MemoryError');
  });

  it('unsupported syntax anywhere is reported before anything runs, with file:line:col', () => {
    const r = run('print("ran")\ndef g():\n    yield 1\nasync def h():\n    pass\n', 'host-cpython-3.11', 'bad.py');
    expect(r.outcome).toBe('error');
    expect(r.stdout).toEqual([]);
    expect(r.crashes[0]!.message).toMatch(/^bad\.py:3:\d+: .*generators/m);
    expect(r.crashes[0]!.message).toMatch(/^bad\.py:4:\d+: /m);
  });

  it('binary garbage is a syntax error, not a host crash', () => {
    let seed = 12345;
    const bytes = Array.from({ length: 4096 }, () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return String.fromCharCode(seed & 0xff);
    }).join('');
    const r = run(bytes);
    expect(r.outcome).toBe('error');
    expect(r.crashes[0]!.kind).toBe('SyntaxError');
  });

  it('a very deep nested structure is freed without recursion and its repr is a RecursionError', () => {
    const r = run('a = []\nfor i in range(100000):\n    a = [a]\ntry:\n    repr(a)\nexcept RecursionError:\n    print("deep")\na = None\nprint("freed")\n', 'host-cpython-3.11');
    expect(r.outcome).toBe('ok');
    expect(r.stdout).toEqual(['deep', 'freed']);
  });

  it('a 100,000-deep tuple hashes as in CPython (no host stack overflow), as a key too', () => {
    // CPython 2.7 and 3.x hash it (tuplehash recurses in C); equality of two such tuples is
    // their recursion error.
    const src = [
      't = ()',
      'for i in range(100000):',
      '    t = (t,)',
      'print(hash(t) == hash(t))',
      'd = {t: 1}',
      'print(d[t])',
      's = set([t])',
      'print(t in s)',
      'print(len({(1, t): 2, t: 3}))',
      '',
    ].join('\n');
    for (const profile of ['host-cpython-2.7', 'host-cpython-3.11']) {
      const r = run(src, profile);
      expect(r.crashes, profile).toEqual([]);
      expect(r.stdout, profile).toEqual(['True', '1', 'True', '2']);
    }
  });

  it('a MemoryError while compiling a huge constant names its line, with a Python traceback', () => {
    // The constant is made when the module is compiled (CPython's co_consts), before its first line runs.
    const literal = `s = "${'a'.repeat(5_000_000)}"`;
    const cases: [string, string, number][] = [
      ['connectport-x4', `x = 1\n${literal}\nprint(len(s))\n`, 2],
      ['host-cpython-3.11', `x = 1\ndef f():\n    return 1\nclass C(object):\n    def g(self):\n        ${literal}\n        return s\n`, 6],
      ['host-cpython-3.11', `x = 1\n\ny = 'b' * 30000000\n`, 3],
    ];
    for (const [profile, src, line] of cases) {
      const r = runScript({ profile: loadProfile(profile), source: src, file: 'big.py', poolBytes: 4 << 20, checkInvariants: true });
      expect(r.outcome, profile).toBe('MemoryError');
      const crash = r.crashes[0]!;
      expect(crash.where).toBe(`big.py:${line}`);
      const tb = crash.traceback.split('\n');
      expect(tb[0]).toBe('Traceback (most recent call last):');
      expect(tb[1]).toBe(`  File "big.py", line ${line}, in <module>`);
      expect(tb[2]!.startsWith(`    ${src.split('\n')[line - 1]!.trim().slice(0, 20)}`)).toBe(true);
      expect(tb[tb.length - 1]).toBe('MemoryError');
    }
  });

  it('an exception inside __del__ is reported and ignored', () => {
    const r = run('class A(object):\n    def __del__(self):\n        raise ValueError("boom")\na = A()\na = None\nprint("after")\n', 'host-cpython-3.11');
    expect(r.outcome).toBe('ok');
    expect(r.stdout).toEqual(['after']);
    expect(r.stderr.join('\n')).toMatch(/ValueError: boom/);
  });
});

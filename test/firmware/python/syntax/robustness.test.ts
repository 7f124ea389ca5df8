// Proves hostile input never throws, hangs or overflows the stack: garbage bytes, deep nesting of every kind, huge sources, and random inputs all end in a result; the internal-error fallback is never reached.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MAX_SOURCE_BYTES,
  INTERNAL_ERROR_PREFIX,
  MAX_NESTING_DEPTH,
  parseModule,
  type ParseResult,
} from '../../../../firmware/python/syntax/index.js';
import { parseErrors, parseOk, type Major } from './helpers.js';

/** Parses without a thrown exception and without the internal-error fallback. */
function parseSafely(source: string, pythonMajor: Major = 3): ParseResult {
  let result: ParseResult | undefined;
  expect(() => {
    result = parseModule(source, { file: 'fuzz.py', pythonMajor });
  }).not.toThrow();
  if (!result!.ok) {
    for (const e of result!.errors) expect(e.message.startsWith(INTERNAL_ERROR_PREFIX), e.message).toBe(false);
  }
  return result!;
}

function onlyError(source: string, pythonMajor: Major = 3): string {
  const result = parseSafely(source, pythonMajor);
  if (result.ok) return expect.fail('expected a rejection');
  return result.errors.map((e) => `${e.line}:${e.col}: ${e.message}`).join(' | ');
}

const TOO_DEEP = `too many nested expressions or blocks (the device parser allows ${MAX_NESTING_DEPTH})`;
const paren = (n: number, inner: string) => '('.repeat(n) + inner + ')'.repeat(n);

describe('garbage', () => {
  it.each([
    ['a NUL byte', 'x = 1\0\n', '1:6: source contains a NUL byte'],
    ['binary garbage', '\x89PNG\r\n\x1a\n\0\0\0\rIHDR', '3:1: source contains a NUL byte'],
    ['a control character', 'x = 1 \x1b[31m\n', "1:7: invalid character '\\x1b' (U+001B)"],
    ['a lone surrogate', 'x = \ud800\n', "1:5: invalid character '\\ud800' (U+D800)"],
    ['the replacement character', 'x = \ufffd\n', "1:5: invalid character '\ufffd' (U+FFFD)"],
    ['a zero-width space', 'x\u200b = 1\n', "1:2: invalid character '\u200b' (U+200B)"],
  ])('%s', (_what, source, message) => {
    expect(onlyError(source)).toBe(message);
  });
});

describe('nesting limits', () => {
  it.each([
    ['100,000 parentheses', '('.repeat(100_000), '1:201: too many nested parentheses'],
    ['100,000 brackets', '['.repeat(100_000), '1:201: too many nested parentheses'],
    ['100,000 braces', '{'.repeat(100_000), '1:201: too many nested parentheses'],
    ['100,000 calls', 'f('.repeat(100_000), '1:402: too many nested parentheses'],
  ])('%s', (_what, source, message) => {
    expect(onlyError(source)).toBe(message);
  });

  it('accepts 200 nested parentheses, like CPython', () => {
    parseOk(`x = ${paren(200, '1')}\n`);
  });

  it.each([
    ['unary minus', '-'.repeat(100_000) + 'x'],
    ['mixed unary', '-+~'.repeat(40_000) + 'x'],
    ['not', 'not '.repeat(100_000) + 'x'],
    ['**', '2' + '**2'.repeat(100_000)],
    ['** with unary exponents', '2' + '**-2'.repeat(100_000)],
    ['lambda', 'lambda: '.repeat(100_000) + '1'],
    ['conditional expressions', '1 if 1 else '.repeat(100_000) + '1'],
    ['a long sum', '1' + '+1'.repeat(100_000)],
    ['a long attribute chain', 'x' + '.a'.repeat(100_000)],
    ['a long call chain', 'f' + '()'.repeat(100_000)],
    ['a long subscript chain', 'x' + '[0]'.repeat(100_000)],
    ['parentheses then unary', paren(199, '-'.repeat(100_000) + 'x')],
    ['lists of lambdas', '[lambda: lambda: lambda: '.repeat(190) + '1' + ']'.repeat(190)],
    ['await', 'await '.repeat(100_000) + 'x'],
  ])('rejects 100,000-deep %s cleanly', (_what, expression) => {
    expect(onlyError(`x = ${expression}\n`)).toContain(TOO_DEEP);
  });

  const nestedIfs = (levels: number) =>
    Array.from({ length: levels }, (_, i) => `${' '.repeat(i)}if x:`).join('\n') + `\n${' '.repeat(levels)}pass\n`;

  it('rejects 100 nested blocks (100 levels besides the module), like CPython', () => {
    expect(onlyError(nestedIfs(100))).toBe('101:101: too many levels of indentation');
  });

  it('accepts 99 nested blocks', () => {
    parseOk(nestedIfs(99));
  });

  it('accepts CPython-sized depths: 999 unary minuses, 900 lambdas, 990-term sums', () => {
    parseOk(`x = ${'-'.repeat(999)}1\n`);
    parseOk(`x = ${'lambda: '.repeat(900)}1\n`);
    parseOk(`x = 1${'+1'.repeat(990)}\n`);
  });

  // The deepest inputs the budget allows, mixing the most stack-hungry steps.
  it.each([
    ['brackets then unary', `x = ${paren(199, '-'.repeat(400) + 'x')}\n`],
    ['calls then powers', `x = ${'f('.repeat(199)}${'-2**'.repeat(200)}2${')'.repeat(199)}\n`],
    ['brackets then lambdas', `x = ${paren(199, 'lambda: '.repeat(400) + '1')}\n`],
    ['subscripts then not', `x = ${'a['.repeat(199)}${'not '.repeat(400)}1${']'.repeat(199)}\n`],
    ['blocks then brackets', Array.from({ length: 99 }, (_, i) => `${' '.repeat(i)}for x in y:`).join('\n') + `\n${' '.repeat(99)}y = ${paren(199, '-'.repeat(200) + '1')}\n`],
  ])('parses the deepest %s without exhausting the stack, even with half of it already used', (_what, source) => {
    expect(parseSafely(source).ok).toBe(true);
    const half = Math.floor(maxRecursionDepth() / 2);
    expect(atDepth(half, () => parseSafely(source).ok)).toBe(true);
  });
});

/** Calls `fn` from `depth` frames down the stack. */
function atDepth<T>(depth: number, fn: () => T): T {
  return depth <= 0 ? fn() : atDepth(depth - 1, fn);
}

/** How deep atDepth itself can go here: a measure of the whole JS stack. */
function maxRecursionDepth(): number {
  let lo = 0;
  let hi = 1 << 20;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    try {
      atDepth(mid, () => 0);
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  return lo;
}

describe('size', () => {
  it('parses a 1,000,000-element list literal (about 7 MB)', () => {
    const source = `data = [${Array.from({ length: 1_000_000 }, (_, i) => String(i)).join(', ')}]\n`;
    expect(source.length).toBeGreaterThan(6_000_000);
    const started = performance.now();
    const m = parseOk(source);
    const elapsedMs = performance.now() - started;
    const list = m.body[0]!.kind === 'Assign' ? m.body[0]!.value : undefined;
    expect(list?.kind === 'List' && list.elts.length).toBe(1_000_000);
    expect(list?.kind === 'List' && list.elts[999_999]).toMatchObject({ kind: 'Int', value: 999_999n });
    expect(elapsedMs, 'generous sanity bound, not a benchmark').toBeLessThan(10_000);
  });

  it('parses a 10 MB string literal', () => {
    const m = parseOk(`s = "${'ab'.repeat(5_000_000)}"\n`);
    expect(m.body[0]).toMatchObject({ value: { kind: 'Str' } });
    expect((m.body[0] as { value: { value: string } }).value.value.length).toBe(10_000_000);
  });

  it('parses a 10 MB triple-quoted literal with escapes across many lines', () => {
    const m = parseOk(`s = """${'line\\t\n'.repeat(1_500_000)}"""\nt = 1\n`);
    expect(m.body[1]).toMatchObject({ kind: 'Assign', line: 1_500_002 });
  });

  it('parses a very long single line of statements', () => {
    const m = parseOk(`${'x = 1; '.repeat(200_000)}\n`);
    expect(m.body).toHaveLength(200_000);
    expect(m.body[199_999]).toMatchObject({ line: 1, col: 7 * 199_999 + 1 });
  });

  it('refuses sources over maxSourceBytes, counting UTF-8 bytes', () => {
    expect(parseErrors('x = "é"\n', 3, { maxSourceBytes: 8 })).toEqual(['gw.py:1:1: source is larger than the 8-byte limit']);
    parseOk('x = "é"\n', 3, { maxSourceBytes: 9 });
    expect(DEFAULT_MAX_SOURCE_BYTES).toBe(16 * 1024 * 1024);
    expect(parseErrors('#'.repeat(DEFAULT_MAX_SOURCE_BYTES + 1))).toEqual([`gw.py:1:1: source is larger than the ${DEFAULT_MAX_SOURCE_BYTES}-byte limit`]);
  });
});

describe('random input (fast-check)', () => {
  const TOKENS = [
    'x', 'y', 'f', '1', '0x1f', '1.5', '1j', '"s"', "'''t'''", 'f"{x}"', 'b"b"', '(', ')', '[', ']', '{', '}', ',', ':', ';',
    '.', '=', '==', '+', '-', '*', '**', '/', '//', '%', '@', '<', '<>', '>=', '!=', '~', '&', '|', '^', '<<', '>>', '+=',
    ':=', '->', '...', '`', '\\', '\n', '\n    ', '\n\t', '    ', '#c\n', 'if', 'elif', 'else', 'for', 'in', 'while',
    'def', 'class', 'return', 'yield', 'lambda', 'not', 'and', 'or', 'is', 'try', 'except', 'finally', 'with', 'as',
    'import', 'from', 'global', 'nonlocal', 'del', 'pass', 'break', 'continue', 'raise', 'assert', 'print', 'exec',
    'async', 'await', 'match', 'case', 'None', 'True', '@dec\n', '\0', '\r\n', '\ufeff', 'é', '$',
  ];
  const tokenSoup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 80 }).map((ts) => ts.join(' '));
  const major = fc.constantFrom<Major>(2, 3);

  it('random strings never throw', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), major, (s, m) => void parseSafely(s, m)), { numRuns: 1500 });
  });

  it('random token soups never throw', () => {
    fc.assert(fc.property(tokenSoup, major, (s, m) => void parseSafely(s, m)), { numRuns: 3000 });
  });

  it('splicing garbage into a real script never throws', () => {
    const base = 'import gc\nclass A(object):\n    def f(self, x=1, *a):\n        return [i for i in a if i] + {1: x}.keys()\nprint(f"{A().f()!r:>3}")\n';
    fc.assert(
      fc.property(fc.nat(base.length), fc.nat(20), tokenSoup, major, (at, cut, soup, m) => {
        parseSafely(base.slice(0, at) + soup + base.slice(Math.min(base.length, at + cut)), m);
      }),
      { numRuns: 1500 },
    );
  });

  it('deep random nestings finish quickly and never throw', () => {
    const opener = fc.constantFrom('(', '[', '{', 'f(', 'a[', '-', 'not ', 'lambda: ', '2**', '1 if 1 else ', '{1:', 'await ', '`');
    fc.assert(
      fc.property(fc.array(opener, { minLength: 1, maxLength: 2000 }), major, (openers, m) => {
        const closers = openers.map((o) => (o.endsWith('(') ? ')' : o.endsWith('[') ? ']' : o.startsWith('{') ? '}' : o === '`' ? '`' : '')).reverse();
        const started = performance.now();
        parseSafely(`x = ${openers.join('')}1${closers.join('')}\n`, m);
        expect(performance.now() - started).toBeLessThan(2_000);
      }),
      { numRuns: 300 },
    );
  });

  it('deeply nested blocks of random kinds never throw', () => {
    const header = fc.constantFrom('if x:', 'while x:', 'for a in b:', 'def f():', 'class C:', 'try:', 'with a as b:', 'else:', 'except:', 'finally:');
    fc.assert(
      fc.property(fc.array(header, { minLength: 1, maxLength: 150 }), fc.constantFrom(' ', '\t', '  '), major, (headers, unit, m) => {
        const source = headers.map((h, i) => unit.repeat(i) + h).join('\n') + '\n' + unit.repeat(headers.length) + 'pass\n';
        parseSafely(source, m);
      }),
      { numRuns: 300 },
    );
  });
});

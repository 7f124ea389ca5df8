// Scenario expectations: small expressions over the run summary, checked at the end.
//   no MemoryError | no crash | no watchdog | no reboot
//   gc.pauseMs.max < 50        memory.peakBytes < 0.8 * memory.poolBytes
//   gc.collections[2] >= 1     stdout contains "collected 10 objects"
//   crashes[0].kind == "MemoryError" and time.endS < 3600
// Parsed when the scenario is loaded (so syntax errors are reported with the file's
// errors); evaluated against the summary after the run.

type Token = { kind: 'num' | 'str' | 'path' | 'op' | 'word'; text: string; value?: number | string; dim?: 'time' | 'size' };

export type Expr =
  | { kind: 'num'; value: number; dim?: 'time' | 'size' }
  | { kind: 'str'; value: string }
  | { kind: 'path'; path: (string | number)[]; text: string }
  | { kind: 'bin'; op: string; left: Expr; right: Expr }
  | { kind: 'no'; what: string };

const NO_FORMS = ['MemoryError', 'crash', 'watchdog', 'reboot'];

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  const re = /\s*(?:(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)([a-zA-Z]*)|"((?:[^"\\]|\\.)*)"|([A-Za-z_][\w.]*(?:\[\d+\](?:\.[A-Za-z_]\w*)*)*)|(<=|>=|==|!=|<|>|\*|\/|\+|-|\(|\)))/y;
  let pos = 0;
  while (pos < src.length) {
    if (/^\s*$/.test(src.slice(pos))) break;
    re.lastIndex = pos;
    const m = re.exec(src);
    if (!m) throw new Error(`unexpected "${src.slice(pos).trim().slice(0, 12)}" at column ${pos + 1}`);
    pos = re.lastIndex;
    if (m[1] !== undefined) {
      const unit = m[2]!;
      const scale = unitScale(unit);
      if (scale === null) throw new Error(`unknown unit "${unit}"`);
      const u = unit.toLowerCase();
      const dim = u === '' ? undefined : ['ms', 's', 'min', 'h', 'd'].includes(u) ? 'time' as const : 'size' as const;
      out.push({ kind: 'num', text: m[0].trim(), value: Number(m[1]) * scale, dim });
    } else if (m[3] !== undefined) out.push({ kind: 'str', text: m[0].trim(), value: m[3].replace(/\\(.)/g, '$1') });
    else if (m[4] !== undefined) out.push({ kind: ['and', 'or', 'contains', 'no'].includes(m[4]) ? 'word' : 'path', text: m[4] });
    else out.push({ kind: 'op', text: m[5]! });
  }
  return out;
}

function unitScale(unit: string): number | null {
  const u = unit.toLowerCase();
  const table: Record<string, number> = { '': 1, kib: 1024, mib: 1048576, gib: 1073741824, kb: 1000, mb: 1e6, gb: 1e9, ms: 1, s: 1000, min: 60000, h: 3600000, d: 86400000 };
  return table[u] ?? null;
}

/** Parses one expectation; throws Error with a message naming what was expected. */
export function parseExpectation(src: string): Expr {
  const toks = tokenize(src);
  let i = 0;
  const peek = () => toks[i];
  const take = () => toks[i++];
  const primary = (): Expr => {
    const t = take();
    if (!t) throw new Error('expression ends too soon');
    if (t.kind === 'num') return t.dim ? { kind: 'num', value: t.value as number, dim: t.dim } : { kind: 'num', value: t.value as number };
    if (t.kind === 'str') return { kind: 'str', value: t.value as string };
    if (t.kind === 'path') return { kind: 'path', path: splitPath(t.text), text: t.text };
    if (t.kind === 'op' && t.text === '(') {
      const e = or();
      if (take()?.text !== ')') throw new Error('expected ")"');
      return e;
    }
    if (t.kind === 'op' && t.text === '-') return { kind: 'bin', op: '-', left: { kind: 'num', value: 0 }, right: primary() };
    throw new Error(`unexpected "${t.text}"`);
  };
  const term = (): Expr => {
    let e = primary();
    while (peek()?.kind === 'op' && (peek()!.text === '*' || peek()!.text === '/')) e = { kind: 'bin', op: take()!.text, left: e, right: primary() };
    return e;
  };
  const sum = (): Expr => {
    let e = term();
    while (peek()?.kind === 'op' && (peek()!.text === '+' || peek()!.text === '-')) e = { kind: 'bin', op: take()!.text, left: e, right: term() };
    return e;
  };
  const comparison = (): Expr => {
    const t = peek();
    if (t?.kind === 'word' && t.text === 'no') {
      take();
      const what = take();
      if (!what || !NO_FORMS.includes(what.text)) throw new Error(`"no" must be followed by one of ${NO_FORMS.join(', ')}`);
      return { kind: 'no', what: what.text };
    }
    const left = sum();
    const op = peek();
    if (op && ((op.kind === 'op' && ['<', '<=', '>', '>=', '==', '!='].includes(op.text)) || (op.kind === 'word' && op.text === 'contains'))) {
      take();
      return { kind: 'bin', op: op.text, left, right: sum() };
    }
    return left;
  };
  const and = (): Expr => {
    let e = comparison();
    while (peek()?.kind === 'word' && peek()!.text === 'and') {
      take();
      e = { kind: 'bin', op: 'and', left: e, right: comparison() };
    }
    return e;
  };
  const or = (): Expr => {
    let e = and();
    while (peek()?.kind === 'word' && peek()!.text === 'or') {
      take();
      e = { kind: 'bin', op: 'or', left: e, right: and() };
    }
    return e;
  };
  const e = or();
  if (i < toks.length) throw new Error(`unexpected "${toks[i]!.text}"`);
  return checked(e);
}

// What the run summary holds, for checking expectations before the run: each value's
// dimension ('ms' and 's' are durations in those units, literals with time units are
// converted to them), lists with their length when fixed, and records' fields.
type Dim = 'count' | 'bytes' | 'ms' | 's' | 'str' | 'lines' | 'bool' | 'num';
type Shape = Dim | { list: Shape; length?: number } | { [field: string]: Shape };
const CRASH: Shape = { atS: 's', kind: 'str', where: 'str', message: 'str', traceback: 'str', action: 'str', heap: { usedBytes: 'bytes', freeBytes: 'bytes', largestFreeBlockBytes: 'bytes', liveObjects: 'count' } };
const SUMMARY: Shape = {
  outcome: 'str', name: 'str', profile: 'str', gcModel: 'str', seed: 'count', boots: 'count', criticalMissed: 'count', crashesOmitted: 'count',
  gc: {
    collections: { list: 'count', length: 3 }, collected: { list: 'count', length: 3 }, uncollectable: { list: 'count', length: 3 },
    automatic: 'count', manual: 'count', pauseMs: { max: 'ms', p99: 'ms', p50: 'ms', total: 'ms' },
  },
  memory: { poolBytes: 'bytes', peakBytes: 'bytes', minFreeBytes: 'bytes', minLargestFreeBlock: 'bytes', usedBytes: 'bytes', liveBytes: 'bytes' },
  time: { bootMs: 'ms', endS: 's' },
  crashes: { list: CRASH },
  critical: { list: { name: 'str', atS: 's', durationMs: 'ms', deadlineMs: 'ms', missed: 'bool' } },
  stdout: 'lines', stderr: 'lines',
  work: { ticks: 'count' },
};

function dimOfPath(e: Extract<Expr, { kind: 'path' }>): Dim {
  let shape: Shape = SUMMARY;
  let at = '';
  for (const p of e.path) {
    if (typeof shape === 'string') throw new Error(`${e.text}: ${at} has no parts`);
    if (typeof p === 'number') {
      if (!('list' in shape)) throw new Error(`${e.text}: ${at} is not a list`);
      const len = (shape as { length?: number }).length;
      if (len !== undefined && p >= len) throw new Error(`${e.text}: ${at} has ${len} entries (0 to ${len - 1})`);
      shape = (shape as { list: Shape }).list;
      at += `[${p}]`;
    } else {
      const fields = shape as Record<string, Shape>;
      if ('list' in shape || !Object.prototype.hasOwnProperty.call(fields, p)) {
        const known = 'list' in shape ? [] : Object.keys(fields);
        throw new Error(`${e.text}: no such value in the run summary${known.length ? ` (${at || 'the summary'} has ${known.join(', ')})` : ''}`);
      }
      shape = fields[p]!;
      at += at ? `.${p}` : p;
    }
  }
  if (typeof shape !== 'string') throw new Error(`${e.text}: ${at} is not a single value`);
  return shape;
}

const DIM_WORDS: Record<string, string> = { time: 'a duration', size: 'a size', ms: 'a duration', s: 'a duration', bytes: 'a size', str: 'text', lines: 'text', bool: 'true/false' };

/** Checks paths and units, and converts duration literals to the unit of what they meet. */
function checked(e: Expr): Expr {
  const scale = (x: Expr, f: number): Expr =>
    x.kind === 'num' && x.dim === 'time' ? { ...x, value: x.value * f } : x.kind === 'bin' ? { ...x, left: scale(x.left, f), right: scale(x.right, f) } : x;
  const dim = (x: Expr): Dim | 'time' | 'size' => {
    switch (x.kind) {
      case 'num': return x.dim ?? 'num';
      case 'str': return 'str';
      case 'no': return 'bool';
      case 'path': return dimOfPath(x);
      case 'bin': {
        if (x.op === 'and' || x.op === 'or') {
          dim(x.left);
          dim(x.right);
          return 'bool';
        }
        const a = dim(x.left);
        const b = dim(x.right);
        if (x.op === 'contains') return 'bool';
        const quantity = (d: string) => d === 'ms' || d === 's' || d === 'bytes' || d === 'time' || d === 'size';
        const family = (d: string) => (d === 'ms' || d === 's' || d === 'time' ? 'time' : d === 'bytes' || d === 'size' ? 'size' : d);
        if (x.op === '*' || x.op === '/') {
          if (quantity(a) && quantity(b)) throw new Error(`"${x.op}" of two quantities (${DIM_WORDS[a]} and ${DIM_WORDS[b]})`);
          return quantity(a) ? a : b;
        }
        if (['+', '-', '<', '<=', '>', '>=', '==', '!='].includes(x.op)) {
          if (quantity(a) && quantity(b) && family(a) !== family(b)) throw new Error(`"${x.op}" between ${DIM_WORDS[a]} and ${DIM_WORDS[b]}`);
          // Duration literals are in ms; a value in seconds takes them in seconds.
          if (a === 's' && b === 'time') x.right = scale(x.right, 1 / 1000);
          if (b === 's' && a === 'time') x.left = scale(x.left, 1 / 1000);
          if (['<', '<=', '>', '>='].includes(x.op) && [a, b].some((d) => d === 'str' || d === 'lines' || d === 'bool')) throw new Error(`"${x.op}" needs numbers`);
          return ['+', '-'].includes(x.op) ? (quantity(a) ? a : b) : 'bool';
        }
        return 'num';
      }
    }
  };
  dim(e);
  return e;
}

function splitPath(text: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const part of text.split('.')) {
    const m = /^([A-Za-z_]\w*)((?:\[\d+\])*)$/.exec(part)!;
    out.push(m[1]!);
    for (const idx of m[2]!.matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
  }
  return out;
}

/** Evaluates an expectation against the run summary (a plain JSON object). */
export function evaluate(e: Expr, summary: Record<string, unknown>): unknown {
  switch (e.kind) {
    case 'num':
    case 'str':
      return e.value;
    case 'path': {
      let v: unknown = summary;
      for (const p of e.path) {
        if (v === null || typeof v !== 'object' || !(p in (v as object))) throw new Error(`${e.text}: no such value in the run summary`);
        v = (v as Record<string | number, unknown>)[p];
      }
      return v;
    }
    case 'no': {
      const crashes = (summary.crashes ?? []) as { kind: string }[];
      if (e.what === 'crash') return crashes.length === 0;
      if (e.what === 'reboot') return (summary.boots as number | undefined ?? 1) <= 1;
      return !crashes.some((c) => c.kind === e.what);
    }
    case 'bin': {
      if (e.op === 'and') return Boolean(evaluate(e.left, summary)) && Boolean(evaluate(e.right, summary));
      if (e.op === 'or') return Boolean(evaluate(e.left, summary)) || Boolean(evaluate(e.right, summary));
      const a = evaluate(e.left, summary);
      const b = evaluate(e.right, summary);
      if (e.op === 'contains') {
        const hay = Array.isArray(a) ? a.join('\n') : String(a);
        return hay.includes(String(b));
      }
      if (e.op === '==') return a === b;
      if (e.op === '!=') return a !== b;
      if (typeof a !== 'number' || typeof b !== 'number') throw new Error(`"${e.op}" needs numbers`);
      switch (e.op) {
        case '<': return a < b;
        case '<=': return a <= b;
        case '>': return a > b;
        case '>=': return a >= b;
        case '+': return a + b;
        case '-': return a - b;
        case '*': return a * b;
        case '/': return a / b;
      }
      throw new Error(`unknown operator ${e.op}`);
    }
  }
}

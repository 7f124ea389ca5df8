// The device's serial console: a pure function of (device, console state, input bytes)
// to output bytes. A banner, the `#> ` prompt, and the command language of DESIGN.md in
// text or JSON form. The device it drives is an interface: the console never reaches
// into the memory manager by itself, and the host supplies what time and pacing mean.

import { LineDiscipline, MAX_LINE, type LineEvent } from './line-discipline.js';

export const PROMPT = '#> ';

/** What the console needs of the device (implemented by the device, or by a test double). */
export interface ConsoleDevice {
  /** gc.collect(generation): the number of objects collected. */
  gcCollect(generation: number): number;
  gcCount(): [number, number, number] | null;
  gcThreshold(): [number, number, number];
  setGcThreshold(t: [number, number, number]): void;
  gcEnabled(): boolean;
  setGcEnabled(on: boolean): void;
  gcStats(): { collections: number; collected: number; uncollectable: number }[];
  mem(): { poolBytes: number; usedBytes: number; freeBytes: number; largestFreeBlockBytes: number; fragmentation: number; peakBytes: number };
  info(): Record<string, string | number>;
  /** Virtual seconds since boot. */
  now(): number;
  crashlog(): { atS: number; kind: string; where: string; message: string }[];
  /** Stored records that could not be read (a flash's damaged lines), left out of `crashlog()`. */
  crashlogSkipped?(): number;
  clearCrashlog(): void;
  /** Host actions (pacing, reboot); each returns an error message or null. */
  pause?(): string | null;
  resume?(): string | null;
  advance?(seconds: number): string | null;
  speed?(factor: number | 'max'): string | null;
  reboot?(): string | null;
  /** Running and finished apps (`who`). */
  who?(): { file: string; status: string }[];
  /** The auto-start entries (`set python`). */
  autostart?(): { index: number; file: string; args: string[]; onexit: string; state?: 'on' | 'off' }[];
  /**
   * Changes auto-start entry `index` (1-based) for the next boot: a new command (`null` empties
   * the entry), state, or exit action. Returns an error message, or null.
   */
  setAutostart?(index: number, change: { command?: { file: string; args: string[] } | null; state?: 'on' | 'off'; onexit?: 'none' | 'restart' | 'reboot' }): string | null;
  /** `python FILE [ARGS]`: runs a script to its end; its output goes to the console. */
  runPython?(file: string, args: string[]): { ok: boolean; summary: string };
  /** One input of the `>>>` prompt (a statement, or a block); output goes to the console. */
  runInteractive?(source: string): void;
}

type Result = { ok: true; text: string[]; json: unknown } | { ok: false; error: string };

const HELP = [
  'commands:',
  '  help                      this list',
  '  gc collect [GEN]          run a collection (generation 0, 1 or 2; default 2)',
  '  gc count                  objects counted toward each generation',
  '  gc threshold [A B C]      show or set the collection thresholds',
  '  gc enable|disable|status  automatic collection on or off',
  '  gc stats                  collections, collected and uncollectable per generation',
  '  mem                       pool, used, free, largest free block, fragmentation',
  '  info                      device, profile and Python version',
  '  time                      virtual time since boot',
  '  crashlog [clear]          crash records',
  '  pause | resume            stop or restart virtual time',
  '  advance DURATION          run the device for DURATION of virtual time (10s, 5m, 1h, 2d)',
  '  speed X|max               virtual time per wall-clock second',
  '  reboot                    restart the device',
  '  who                       the apps and what became of them',
  '  set python [range=N[-M] state=on|off command="FILE ARGS" onexit=none|restart|reboot]',
  '                            show or change the auto-start entries (at the next boot)',
  '  python FILE [ARGS]        run a script now, as on the device',
  '  python                    the >>> prompt (exit() or Ctrl-D to leave)',
  '  echo on|off               echo typed characters',
  '  format json|text          answer as one JSON line, or as text',
];

export class Console {
  private readonly lines = new LineDiscipline();
  format: 'text' | 'json' = 'text';
  /** The `>>>` prompt: the lines of the block being typed (null when not at that prompt). */
  private repl: string[] | null = null;

  constructor(private readonly device: ConsoleDevice) {}

  /** Whether typed characters are echoed. */
  get echo(): boolean {
    return this.lines.echo;
  }

  set echo(on: boolean) {
    this.lines.echo = on;
  }

  /**
   * The banner and first prompt, sent when the device boots (with `lines`, e.g. the boot line,
   * before the prompt) or when a client connects.
   */
  banner(name: string, lines = ''): string {
    return `\r\n${name}\r\nmemsim serial console; type help\r\n${lines}${PROMPT}`;
  }

  /**
   * Feeds input bytes; returns the bytes to send back (echo, answers, prompts). With a
   * `sink`, each piece goes out as soon as it exists (the echo before a command runs, so
   * that what the command prints comes after it), and the return value is empty.
   */
  input(bytes: Uint8Array, sink?: (text: string) => void): string {
    let out = '';
    const emit = sink ?? ((t: string) => (out += t));
    for (const item of this.lines.feed(bytes).items) {
      if (item.kind === 'echo') emit(item.text);
      else if (this.repl !== null) emit(this.replInput(item) + this.prompt());
      else emit(this.answer(item) + this.prompt());
    }
    return out;
  }

  /** `#> `, or `>>> ` / `... ` at the Python prompt. */
  prompt(): string {
    if (this.repl === null) return PROMPT;
    return this.repl.length > 0 ? '... ' : '>>> ';
  }

  /** A line at the `>>>` prompt: a statement runs at once; a block runs at its blank line. */
  private replInput(e: LineEvent): string {
    const run = (source: string) => {
      try {
        this.device.runInteractive!(source);
      } catch (err) {
        return `error: ${describeThrown(err)}\r\n`;
      }
      return '';
    };
    if (e.kind === 'eof' || (e.kind === 'line' && this.repl!.length === 0 && /^(exit|quit)\(\)$/.test(e.text.trim()))) {
      this.repl = null;
      return '';
    }
    if (e.kind === 'cancel') {
      this.repl = [];
      return 'KeyboardInterrupt\r\n';
    }
    if (e.kind === 'too-long') return `error: line too long (${e.length} characters; at most ${MAX_LINE})\r\n`;
    if (e.kind !== 'line') return '';
    const block = this.repl!;
    if (block.length > 0) {
      if (e.text.trim() !== '') {
        block.push(e.text);
        return '';
      }
      this.repl = [];
      return run(block.join('\n') + '\n');
    }
    if (e.text.trim() === '') return '';
    if (/:\s*(#.*)?$/.test(e.text)) {
      this.repl = [e.text];
      return '';
    }
    return run(`${e.text}\n`);
  }

  private answer(e: LineEvent): string {
    if (e.kind === 'cancel' || e.kind === 'eof') return '';
    if (e.kind === 'too-long') return this.render('', { ok: false, error: `line too long (${e.length} characters; at most ${MAX_LINE})` });
    const cmd = e.text.trim().replace(/\s+/g, ' ');
    if (cmd === '') return '';
    let result: Result;
    try {
      result = this.execute(cmd);
    } catch (err) {
      result = { ok: false, error: describeThrown(err) };
    }
    return this.render(cmd, result);
  }

  private render(cmd: string, r: Result): string {
    if (this.format === 'json') {
      const t = Math.round(this.device.now() * 1000) / 1000;
      const obj = r.ok ? { ok: true, cmd, result: r.json, t } : { ok: false, cmd, error: r.error, t };
      return `${JSON.stringify(obj)}\r\n`;
    }
    if (!r.ok) return `error: ${r.error}\r\n`;
    return r.text.map((l) => `${l}\r\n`).join('');
  }

  /** Runs one command line (exported for digicli, which uses the same language). */
  execute(cmd: string): Result {
    const d = this.device;
    const words = cmd.split(' ');
    const [head, sub, ...rest] = words;
    const ok = (text: string[], json: unknown): Result => ({ ok: true, text, json });
    const fail = (error: string): Result => ({ ok: false, error });
    switch (head) {
      case 'help':
        return ok(HELP, { commands: HELP.slice(1).map((l) => l.trim().split('  ')[0]) });
      case 'gc': {
        switch (sub) {
          case 'collect': {
            const gen = rest.length > 0 ? Number(rest[0]) : 2;
            if (rest.length > 1 || !Number.isInteger(gen) || gen < 0 || gen > 2) return fail('usage: gc collect [0|1|2]');
            const n = d.gcCollect(gen);
            return ok([`Garbage collector: collected ${n} objects.`], { generation: gen, collected: n });
          }
          case 'count': {
            const c = d.gcCount();
            if (c === null) return fail('gc count is not available on this Python version');
            return ok([`(${c.join(', ')})`], { count: c });
          }
          case 'threshold': {
            if (rest.length === 0) {
              const t = d.gcThreshold();
              return ok([`(${t.join(', ')})`], { threshold: t });
            }
            const v = rest.map(Number);
            if (v.length !== 3 || !v.every((x) => Number.isInteger(x) && x >= 0 && x <= 0x7fffffff)) return fail('usage: gc threshold A B C (non-negative integers)');
            d.setGcThreshold(v as [number, number, number]);
            return ok([`(${v.join(', ')})`], { threshold: v });
          }
          case 'enable':
          case 'disable':
            if (rest.length > 0) return fail(`usage: gc ${sub}`);
            d.setGcEnabled(sub === 'enable');
            return ok([`automatic collection ${sub === 'enable' ? 'enabled' : 'disabled'}`], { enabled: sub === 'enable' });
          case 'status': {
            const on = d.gcEnabled();
            return ok([`automatic collection ${on ? 'enabled' : 'disabled'}; threshold (${d.gcThreshold().join(', ')})`], { enabled: on, threshold: d.gcThreshold() });
          }
          case 'stats': {
            const s = d.gcStats();
            return ok(s.map((g, i) => `generation ${i}: ${g.collections} collections, ${g.collected} collected, ${g.uncollectable} uncollectable`), { generations: s });
          }
          default:
            return fail(`unknown gc command "${sub ?? ''}" (collect, count, threshold, enable, disable, status, stats)`);
        }
      }
      case 'mem': {
        const m = d.mem();
        const kib = (b: number) => `${Math.round(b / 1024)} KiB`;
        return ok([
          `pool ${kib(m.poolBytes)}, used ${kib(m.usedBytes)}, free ${kib(m.freeBytes)}`,
          `largest free block ${kib(m.largestFreeBlockBytes)}, fragmentation ${(m.fragmentation * 100).toFixed(1)} %, peak ${kib(m.peakBytes)}`,
        ], m);
      }
      case 'info': {
        const i = d.info();
        return ok(Object.entries(i).map(([k, v]) => `${k}: ${v}`), i);
      }
      case 'time': {
        const t = d.now();
        return ok([`${t.toFixed(3)} s since boot`], { seconds: t });
      }
      case 'crashlog': {
        if (sub === 'clear') {
          d.clearCrashlog();
          return ok(['crash log cleared'], { cleared: true });
        }
        if (sub !== undefined) return fail('usage: crashlog [clear]');
        const c = d.crashlog();
        const skipped = d.crashlogSkipped?.() ?? 0;
        const lines = c.map((r) => `${r.atS.toFixed(3)} s: ${r.kind} at ${r.where}${r.message ? `: ${r.message}` : ''}`);
        if (c.length === 0) lines.push('no crashes');
        if (skipped > 0) lines.push(`(${skipped} unreadable record${skipped === 1 ? '' : 's'} in the flash ${skipped === 1 ? 'was' : 'were'} skipped)`);
        return ok(lines, skipped > 0 ? { crashes: c, skipped } : { crashes: c });
      }
      case 'format':
        if (sub !== 'json' && sub !== 'text') return fail('usage: format json|text');
        this.format = sub;
        return ok([`format ${sub}`], { format: sub });
      case 'echo':
        if (sub !== 'on' && sub !== 'off') return fail('usage: echo on|off');
        this.lines.echo = sub === 'on';
        return ok([`echo ${sub}`], { echo: sub === 'on' });
      case 'pause':
      case 'resume':
      case 'reboot': {
        const action = d[head];
        if (!action) return fail(`${head} is not available on this console`);
        const error = action.call(d);
        return error ? fail(error) : ok([head === 'pause' ? 'paused' : head === 'resume' ? 'resumed' : 'rebooting'], { done: head });
      }
      case 'advance': {
        const seconds = parseDurationText(sub ?? '');
        if (seconds === null || rest.length > 0) return fail('usage: advance DURATION (e.g. 10s, 5m, 1h, 2d)');
        if (!d.advance) return fail('advance is not available on this console');
        const error = d.advance(seconds);
        return error ? fail(error) : ok([`advanced ${seconds} s; now ${d.now().toFixed(3)} s`], { advancedS: seconds, t: d.now() });
      }
      case 'speed': {
        const factor = sub === 'max' ? 'max' : Number(sub);
        if (factor !== 'max' && !(Number.isFinite(factor) && factor > 0)) return fail('usage: speed X|max (X > 0)');
        if (!d.speed) return fail('speed is not available on this console');
        const error = d.speed(factor);
        return error ? fail(error) : ok([`speed ${factor}`], { speed: factor });
      }
      case 'who': {
        if (!d.who) return fail('who is not available on this console');
        const apps = d.who();
        if (apps.length === 0) return ok(['no apps'], { apps: [] });
        return ok(apps.map((a) => `${a.file}: ${a.status}`), { apps });
      }
      case 'set': {
        if (sub !== 'python') return fail(SET_PYTHON_USAGE);
        if (!d.autostart) return fail('set python is not available on this console');
        if (rest.length > 0) {
          const parsed = parseSetPython(cmd.replace(/^set\s+python\s+/, ''));
          if (typeof parsed === 'string') return fail(parsed);
          if (!d.setAutostart) return fail('changing auto-start entries is not available on this console');
          // Check the whole range first, so that a refused change leaves every entry as it was.
          if (parsed.to > AUTOSTART_ENTRIES) return fail(`set python: the device has ${AUTOSTART_ENTRIES} auto-start entries (range 1-${AUTOSTART_ENTRIES})`);
          const existing = new Set(d.autostart().map((e) => e.index));
          for (let i = parsed.from; i <= parsed.to; i++) {
            if (!existing.has(i) && !parsed.change.command) return fail(`auto-start entry ${i} is empty: give it command="FILE [ARGS]"`);
          }
          for (let i = parsed.from; i <= parsed.to; i++) {
            const error = d.setAutostart(i, parsed.change);
            if (error) return fail(error);
          }
        }
        const entries = d.autostart().map((e) => ({ ...e, state: e.state ?? 'on' }));
        const lines = entries.map((e) => `${e.index}: state=${e.state} command="${[e.file, ...e.args].join(' ')}" onexit=${e.onexit}`);
        if (entries.length === 0) lines.push('no auto-start entries');
        if (rest.length > 0) lines.push('(takes effect at the next boot)');
        return ok(lines, { entries });
      }
      case 'python': {
        if (sub === undefined) {
          if (!d.runInteractive) return fail('the >>> prompt is not available on this console');
          this.repl = [];
          return ok(['Python on the device; exit() or Ctrl-D to leave'], { interactive: true });
        }
        if (!d.runPython) return fail('python is not available on this console');
        const r = d.runPython(sub, rest);
        return r.ok ? ok([r.summary], { file: sub, args: rest, outcome: r.summary }) : fail(r.summary);
      }
      default:
        return fail(`unknown command "${head}"; type help`);
    }
  }
}

/** Auto-start entries on the device (Digi's `set python range=1-4`). */
const AUTOSTART_ENTRIES = 4;

const SET_PYTHON_USAGE = 'usage: set python [range=N[-M]] [state=on|off] [command="FILE [ARGS]"] [onexit=none|restart|reboot]';

type SetPython = { from: number; to: number; change: { command?: { file: string; args: string[] } | null; state?: 'on' | 'off'; onexit?: 'none' | 'restart' | 'reboot' } };

/** The fields of `set python` (Digi's form: `range=1-4 state=on command="dia.py dia.yml" onexit=reboot`). */
function parseSetPython(text: string): SetPython | string {
  const fields = new Map<string, string>();
  const re = /\s*([a-z]+)=(?:"([^"]*)"|(\S*))/gy;
  let m: RegExpExecArray | null;
  let end = 0;
  while ((m = re.exec(text)) !== null) {
    const key = m[1]!;
    if (!['range', 'state', 'command', 'onexit'].includes(key)) return `set python: unknown field "${key}" (range, state, command, onexit)`;
    if (fields.has(key)) return `set python: ${key} given twice`;
    fields.set(key, m[2] ?? m[3] ?? '');
    end = re.lastIndex;
  }
  if (text.slice(end).trim() !== '') return `set python: expected FIELD=VALUE at "${text.slice(end).trim()}"; ${SET_PYTHON_USAGE}`;
  if (fields.size === 0) return SET_PYTHON_USAGE;
  const out: SetPython = { from: 1, to: 1, change: {} };
  const range = fields.get('range');
  if (range !== undefined) {
    const r = /^(\d+)(?:-(\d+))?$/.exec(range);
    if (!r || Number(r[1]) < 1 || Number(r[2] ?? r[1]) < Number(r[1])) return `set python: range expects N or N-M with 1 <= N <= M, got "${range}"`;
    out.from = Number(r[1]);
    out.to = Number(r[2] ?? r[1]);
  }
  const state = fields.get('state');
  if (state !== undefined) {
    if (state !== 'on' && state !== 'off') return `set python: state expects on or off, got "${state}"`;
    out.change.state = state;
  }
  const onexit = fields.get('onexit');
  if (onexit !== undefined) {
    if (onexit !== 'none' && onexit !== 'restart' && onexit !== 'reboot') return `set python: onexit expects none, restart or reboot, got "${onexit}"`;
    out.change.onexit = onexit;
  }
  const command = fields.get('command');
  if (command !== undefined) {
    const words = command.trim().split(/\s+/).filter(Boolean);
    out.change.command = words.length === 0 ? null : { file: words[0]!, args: words.slice(1) };
  }
  if (fields.size === 1 && range !== undefined) return `set python: nothing to change for range=${range}; ${SET_PYTHON_USAGE}`;
  return out;
}

/**
 * What a thrown value says: an Error's message, or the `message` of an object such as the
 * device's DeviceStop (which is not an Error); otherwise the value itself, never "[object Object]".
 */
function describeThrown(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (typeof err === 'object' && err !== null) {
    const message = (err as { message?: unknown }).message;
    if (typeof message === 'string' && message !== '') return message;
    try {
      const json = JSON.stringify(err);
      if (json !== undefined && json !== '{}') return `unexpected failure ${json}`;
    } catch {
      // not serializable: fall through
    }
    return 'unexpected failure';
  }
  return String(err);
}

function parseDurationText(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|min|h|d)?$/.exec(text);
  if (!m) return null;
  const scale: Record<string, number> = { ms: 0.001, s: 1, m: 60, min: 60, h: 3600, d: 86400 };
  return Number(m[1]) * scale[m[2] ?? 's']!;
}

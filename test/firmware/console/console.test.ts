// Proves the console language and its line discipline: CR/LF/CRLF, echo, backspace,
// Ctrl-C, telnet negotiation, overlong lines, text and JSON answers, and — for any bytes in
// any chunking — the same output, no exception, and a correct `gc count` afterwards.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Console, PROMPT, type ConsoleDevice } from '../../../firmware/console/console.js';
import { LineDiscipline, MAX_LINE } from '../../../firmware/console/line-discipline.js';
import { consoleDeviceOf } from '../../../firmware/device/console-device.js';
import { Memory } from '../../../firmware/memory/index.js';
import { NULL_REF, type ObjId } from '../../../firmware/memory/index.js';

/** `size` lists in a ring, dropped: garbage only the collector can free. */
function makeCycle(memory: Memory, size: number): void {
  const heap = memory.heap;
  const ring: ObjId[] = [];
  for (let i = 0; i < size; i++) ring.push(heap.alloc(memory.types.list, memory.sizes.list.basic));
  ring.forEach((o, i) => heap.pushRef(o, ring[(i + 1) % size]!));
  for (const o of ring) heap.decref(o);
  void NULL_REF;
}

const enc = (s: string) => new Uint8Array([...s].map((c) => c.charCodeAt(0)));

function memoryDevice(model = '2.7'): { device: ConsoleDevice; memory: Memory } {
  const memory = new Memory({ gcModel: model, wordBytes: 4, poolBytes: 4 << 20 });
  const device = consoleDeviceOf({
    memory: () => memory,
    now: () => 12.5,
    info: () => ({ profile: 'test', python: model }),
    crashes: () => [],
    clearCrashes: () => {},
  });
  return { device, memory };
}

describe('line discipline', () => {
  it.each([['CR', 'gc count\r'], ['LF', 'gc count\n'], ['CRLF', 'gc count\r\n']])('a line ends with %s, once', (_n, input) => {
    const ld = new LineDiscipline();
    const { events } = ld.feed(enc(input));
    expect(events).toEqual([{ kind: 'line', text: 'gc count' }]);
    expect(ld.feed(enc('\n')).events).toEqual(input.endsWith('\r') ? [] : [{ kind: 'line', text: '' }]);
  });

  it('echoes, honours backspace and DEL, and cancels on Ctrl-C', () => {
    const ld = new LineDiscipline();
    const r = ld.feed(enc('gx\x08c\x7fc count\r'));
    expect(r.events).toEqual([{ kind: 'line', text: 'gc count' }]);
    expect(r.echo).toBe('gx\b \bc\b \bc count\r\n');
    expect(ld.feed(enc('reboot\x03')).events).toEqual([{ kind: 'cancel' }]);
    ld.echo = false;
    expect(ld.feed(enc('mem\r')).echo).toBe('');
  });

  it('skips telnet negotiation and drops binary garbage', () => {
    const ld = new LineDiscipline();
    const bytes = new Uint8Array([0xff, 0xfb, 0x01, 0xff, 0xfa, 0x18, 0x00, 0xff, 0xf0, ...enc('me'), 0x80, 0xc3, 0x01, ...enc('m\r')]);
    expect(ld.feed(bytes).events).toEqual([{ kind: 'line', text: 'mem' }]);
  });

  it('treats 0xFF as telnet IAC only before a telnet command byte; a lone 0xFF is dropped and the next byte kept', () => {
    const line = (bytes: number[]) => new LineDiscipline().feed(new Uint8Array(bytes)).events;
    expect(line([0xff, ...enc('time\r')])).toEqual([{ kind: 'line', text: 'time' }]);
    expect(line([...enc('ti'), 0xff, ...enc('me\r')])).toEqual([{ kind: 'line', text: 'time' }]);
    expect(line([...enc('ti'), 0xff, 0xff, ...enc('me\r')])).toEqual([{ kind: 'line', text: 'time' }]); // IAC IAC: a data 0xFF, dropped as non-ASCII
    expect(line([0xff, 0xf1, 0xff, 0xf9, ...enc('mem\r')])).toEqual([{ kind: 'line', text: 'mem' }]); // NOP, GA
    expect(line([0xff, 0xfd, 0x22, 0xff, 0xfe, 0x01, ...enc('mem\r')])).toEqual([{ kind: 'line', text: 'mem' }]); // DO LINEMODE, DONT ECHO
    expect(line([0xff, 0xfa, 0x18, 0x00, ...enc('VT100'), 0xff, 0xff, 0x0d, 0xff, 0xf0, ...enc('mem\r')])).toEqual([{ kind: 'line', text: 'mem' }]); // SB … IAC IAC … SE
    expect(line([0xff, 0x0d, ...enc('mem\r')])).toEqual([{ kind: 'line', text: '' }, { kind: 'line', text: 'mem' }]); // the CR after a lone 0xFF still ends a line
  });

  it('ignores the escape sequences of arrow, function and editing keys', () => {
    const keys = ['\x1b[A', '\x1b[B', '\x1b[C', '\x1b[D', '\x1bOP', '\x1bOA', '\x1b[1;5C', '\x1b[15~', '\x1b[3~', '\x1b[[A', '\x1b[200~', '\x1b(B', '\x1bb', '\x1bO1;2Q'];
    for (const k of keys) {
      const ld = new LineDiscipline();
      const r = ld.feed(enc(`gc${k} count${k}\r`));
      expect(r.events, JSON.stringify(k)).toEqual([{ kind: 'line', text: 'gc count' }]);
      expect(r.echo, JSON.stringify(k)).toBe('gc count\r\n');
    }
    // Escape then Enter (or Ctrl-C, or backspace) still acts: a control byte abandons the sequence.
    expect(new LineDiscipline().feed(enc('mem\x1b\r')).events).toEqual([{ kind: 'line', text: 'mem' }]);
    expect(new LineDiscipline().feed(enc('mem\x1b[1\r')).events).toEqual([{ kind: 'line', text: 'mem' }]);
    expect(new LineDiscipline().feed(enc('memx\x1b[\x7f\r')).events).toEqual([{ kind: 'line', text: 'mem' }]);
  });

  it('escape and telnet sequences split across chunks act as when whole', () => {
    // Every token kind, each with the text it puts in the line, whatever surrounds and splits it.
    const b = (s: string) => [...enc(s)];
    const tokens: [number[], string][] = [
      [b('gc'), 'gc'], [b(' count'), ' count'], [b('x'), 'x'],
      [b('\x1b[A'), ''], [b('\x1bOP'), ''], [b('\x1b[1;5C'), ''], [b('\x1b[[B'), ''], [b('\x1b[15~'), ''], [b('\x1b(B'), ''],
      [[0xff, 0xfb, 0x01], ''], [[0xff, 0xfa, 0x18, 0x00, 0x41, 0xff, 0xff, 0xff, 0xf0], ''], [[0xff, 0xf1], ''], [[0xff, 0xff], ''],
      [[0xff, ...b('y')], 'y'], // a lone 0xFF: dropped, the byte after it kept
    ];
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: tokens.length - 1 }), { maxLength: 30 }), fc.array(fc.integer({ min: 1, max: 7 }), { maxLength: 40 }), (picks, cuts) => {
        const input = new Uint8Array([...picks.flatMap((i) => tokens[i]![0]), ...enc('\r')]);
        const expected = picks.map((i) => tokens[i]![1]).join('');
        const whole = new LineDiscipline().feed(input);
        expect(whole.events).toEqual([{ kind: 'line', text: expected }]);
        const ld = new LineDiscipline();
        let echo = '';
        const events = [];
        let pos = 0;
        for (const n of [...cuts, input.length]) {
          const r = ld.feed(input.subarray(pos, pos + n));
          echo += r.echo;
          events.push(...r.events);
          pos += n;
        }
        expect(events).toEqual(whole.events);
        expect(echo).toBe(whole.echo);
      }),
      { numRuns: 500 },
    );
  });

  it('discards an overlong line whole and says how long it was', () => {
    const ld = new LineDiscipline();
    const r = ld.feed(enc(`${'x'.repeat(MAX_LINE + 10)}\r`));
    expect(r.events).toEqual([{ kind: 'too-long', length: MAX_LINE + 10 }]);
  });
});

describe('console commands', () => {
  it('gc collect answers with what the device really held in cycles', () => {
    const { device, memory } = memoryDevice();
    for (let i = 0; i < 10; i++) makeCycle(memory, 2);
    const c = new Console(device);
    expect(c.input(enc('gc collect\r'))).toBe(`gc collect\r\nGarbage collector: collected 20 objects.\r\n${PROMPT}`);
  });

  it('answers gc count/threshold/status/stats, mem, info, time, help', () => {
    const { device } = memoryDevice();
    const c = new Console(device);
    const ask = (cmd: string) => c.input(enc(`${cmd}\r`)).replace(`${cmd}\r\n`, '').replace(PROMPT, '');
    expect(ask('gc threshold')).toBe('(700, 10, 10)\r\n');
    expect(ask('gc threshold 100 5 5')).toBe('(100, 5, 5)\r\n');
    expect(ask('gc count')).toMatch(/^\(\d+, \d+, \d+\)\r\n$/);
    expect(ask('gc disable')).toBe('automatic collection disabled\r\n');
    expect(ask('gc status')).toBe('automatic collection disabled; threshold (100, 5, 5)\r\n');
    expect(ask('gc stats')).toMatch(/^generation 0: 0 collections/);
    expect(ask('mem')).toMatch(/^pool 4096 KiB, used \d+ KiB/);
    expect(ask('time')).toBe('12.500 s since boot\r\n');
    expect(ask('help')).toMatch(/gc collect \[GEN\]/);
    expect(ask('frobnicate')).toBe('error: unknown command "frobnicate"; type help\r\n');
    expect(ask('gc collect 7')).toBe('error: usage: gc collect [0|1|2]\r\n');
  });

  it('gc count is not on Python 2.4', () => {
    const c = new Console(memoryDevice('2.4').device);
    expect(c.input(enc('gc count\r'))).toContain('error: gc count is not available on this Python version');
  });

  it('answers one JSON line per command in json format', () => {
    const { device, memory } = memoryDevice();
    makeCycle(memory, 3);
    const c = new Console(device);
    c.input(enc('format json\r'));
    const out = c.input(enc('gc collect\r')).split('\r\n')[1]!;
    expect(JSON.parse(out)).toEqual({ ok: true, cmd: 'gc collect', result: { generation: 2, collected: 3 }, t: 12.5 });
    const bad = JSON.parse(c.input(enc('nope\r')).split('\r\n')[1]!);
    expect(bad).toMatchObject({ ok: false, cmd: 'nope' });
  });

  it('a host action throwing something other than an Error answers with its message, never [object Object]', () => {
    const { device } = memoryDevice();
    // What the device throws when the scenario's time is up: a DeviceStop, not an Error.
    const stop = { reason: 'end', message: 'the scenario ended' };
    const thrown: unknown[] = [stop, 'plain text', 42, {}];
    const c = new Console({ ...device, advance: () => { throw thrown.shift(); }, runInteractive: () => { throw stop; } });
    const ask = (cmd: string) => c.input(enc(`${cmd}\r`)).replace(`${cmd}\r\n`, '').replace(PROMPT, '');
    expect(ask('advance 2s')).toBe('error: the scenario ended\r\n');
    expect(ask('advance 2s')).toBe('error: plain text\r\n');
    expect(ask('advance 2s')).toBe('error: 42\r\n');
    expect(ask('advance 2s')).not.toMatch(/object Object/);
    c.input(enc('python\r'));
    expect(c.input(enc('x = 1\r'))).toBe('x = 1\r\nerror: the scenario ended\r\n>>> ');
    c.input(enc('exit()\r'));
    c.format = 'json';
    thrown.push(stop);
    expect(JSON.parse(ask('advance 2s'))).toMatchObject({ ok: false, cmd: 'advance 2s', error: 'the scenario ended' });
  });

  it('gives the same output however the input is chunked, survives any bytes, and still answers gc count', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 20 }), (garbage, cuts) => {
        // IAC SE twice ends any telnet subnegotiation the garbage may have opened.
        const input = new Uint8Array([...garbage, 0xff, 0xf0, 0xff, 0xf0, ...enc('\r\x03gc count\r')]);
        const whole = new Console(memoryDevice().device).input(input);
        const chunked = new Console(memoryDevice().device);
        let out = '';
        let pos = 0;
        for (const n of cuts) {
          out += chunked.input(input.subarray(pos, pos + n));
          pos += n;
        }
        out += chunked.input(input.subarray(pos));
        expect(out).toBe(whole);
        expect(whole).toMatch(/\(\d+, \d+, \d+\)\r\n#> $/);
      }),
      { numRuns: 300 },
    );
  });
});

describe('apps from the console', () => {
  it('who, set python and python FILE use the device\'s hooks; without an interpreter hook the >>> prompt is refused clearly', () => {
    const { device } = memoryDevice();
    const ran: string[] = [];
    const c = new Console({
      ...device,
      who: () => [{ file: 'main.py', status: 'running' }],
      autostart: () => [{ index: 1, file: 'main.py', args: ['fast'], onexit: 'restart' }],
      runPython: (file, args) => {
        ran.push(`${file} ${args.join(' ')}`);
        return { ok: true, summary: `${file}: finished` };
      },
    });
    const ask = (cmd: string) => c.input(enc(`${cmd}\r`)).replace(`${cmd}\r\n`, '').replace(PROMPT, '');
    expect(ask('who')).toBe('main.py: running\r\n');
    expect(ask('set python')).toBe('1: state=on command="main.py fast" onexit=restart\r\n');
    expect(ask('python report.py 3 4')).toBe('report.py: finished\r\n');
    expect(ran).toEqual(['report.py 3 4']);
    expect(ask('python')).toMatch(/^error: the >>> prompt is not available on this console/);
  });

  it('set python changes auto-start entries in Digi\'s form, checking the whole range before changing any', () => {
    const { device } = memoryDevice();
    type Entry = { index: number; file: string; args: string[]; onexit: 'none' | 'restart' | 'reboot'; state: 'on' | 'off' };
    const table = new Map<number, Entry>([[1, { index: 1, file: 'main.py', args: [], onexit: 'none', state: 'on' }]]);
    const c = new Console({
      ...device,
      autostart: () => [...table.values()].sort((a, b) => a.index - b.index),
      setAutostart: (index, change) => {
        if (change.command === null) table.delete(index);
        else {
          const e = table.get(index) ?? { index, file: '', args: [], onexit: 'none', state: 'on' };
          table.set(index, { ...e, ...(change.command ?? {}), ...(change.state ? { state: change.state } : {}), ...(change.onexit ? { onexit: change.onexit } : {}) });
        }
        return null;
      },
    });
    const ask = (cmd: string) => c.input(enc(`${cmd}\r`)).replace(`${cmd}\r\n`, '').replace(PROMPT, '');
    expect(ask('set python range=2 state=on command="dia.py dia.yml" onexit=reboot')).toBe(
      '1: state=on command="main.py" onexit=none\r\n2: state=on command="dia.py dia.yml" onexit=reboot\r\n(takes effect at the next boot)\r\n',
    );
    expect(ask('set python range=1-2 state=off')).toMatch(/^1: state=off .*\r\n2: state=off /);
    expect(ask('set python onexit=restart')).toMatch(/^1: state=off command="main.py" onexit=restart\r\n/); // range defaults to 1
    // Refused as a whole: entry 3 is empty and no command is given, so entry 2 stays as it was.
    expect(ask('set python range=2-3 state=on')).toBe('error: auto-start entry 3 is empty: give it command="FILE [ARGS]"\r\n');
    expect(table.get(2)!.state).toBe('off');
    expect(ask('set python range=1-5 state=on')).toMatch(/^error: set python: the device has 4 auto-start entries/);
    expect(ask('set python range=0 state=on')).toMatch(/^error: set python: range expects N or N-M/);
    expect(ask('set python range=3-2 state=on')).toMatch(/^error: set python: range expects N or N-M/);
    expect(ask('set python state=maybe')).toBe('error: set python: state expects on or off, got "maybe"\r\n');
    expect(ask('set python onexit=explode')).toMatch(/^error: set python: onexit expects none, restart or reboot/);
    expect(ask('set python colour=red')).toMatch(/^error: set python: unknown field "colour"/);
    expect(ask('set python state=on state=off')).toBe('error: set python: state given twice\r\n');
    expect(ask('set python range=1 junk')).toMatch(/^error: set python: expected FIELD=VALUE at "junk"/);
    expect(ask('set python range=1')).toMatch(/^error: set python: nothing to change for range=1/);
    expect(ask('set pythons')).toMatch(/^error: usage: set python/);
    expect(ask('set python range=1-2 command=""')).toBe('no auto-start entries\r\n(takes effect at the next boot)\r\n');
    c.format = 'json';
    const j = JSON.parse(ask('set python range=4 command="x.py 1"'));
    expect(j).toMatchObject({ ok: true, cmd: 'set python range=4 command="x.py 1"', result: { entries: [{ index: 4, file: 'x.py', args: ['1'], state: 'on', onexit: 'none' }] } });
  });

  it('with a sink, a command\'s echo goes out before what the command itself prints', () => {
    const { device } = memoryDevice();
    const pieces: string[] = [];
    const c = new Console({ ...device, runPython: () => {
      pieces.push('[script output]');
      return { ok: true, summary: 'done' };
    } });
    c.input(enc('python x.py\r'), (t) => pieces.push(t));
    expect(pieces).toEqual(['python x.py\r\n', '[script output]', `done\r\n${PROMPT}`]);
  });
});

describe('the >>> prompt', () => {
  it('runs statements at once and blocks at their blank line, and leaves on exit() or Ctrl-D', () => {
    const { device } = memoryDevice();
    const sources: string[] = [];
    const c = new Console({ ...device, runInteractive: (src) => void sources.push(src) });
    expect(c.input(enc('python\r'))).toMatch(/Python on the device.*\r\n>>> $/);
    expect(c.input(enc('x = 1\r'))).toMatch(/>>> $/);
    expect(c.input(enc('def f(n):\r'))).toMatch(/\.\.\. $/);
    expect(c.input(enc('    return n\r'))).toMatch(/\.\.\. $/);
    expect(c.input(enc('\r'))).toMatch(/>>> $/);
    expect(sources).toEqual(['x = 1\n', 'def f(n):\n    return n\n']);
    expect(c.input(enc('\x04'))).toBe(PROMPT);
    expect(c.input(enc('python\r'))).toMatch(/>>> $/);
    expect(c.input(enc('exit()\r'))).toMatch(/#> $/);
  });
});

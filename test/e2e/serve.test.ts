// Proves `memsim serve` end to end with pyserial as the client, over a real TCP socket
// (socket://) and over a real pseudo-terminal pair (socat): banner and prompt, gc collect answering with what the device held in cycles,
// gc count/threshold, time and advance, JSON format, and garbage input survived.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPython } from '../support/cpython.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLIENT = fileURLToPath(new URL('./console_client.py', import.meta.url));
// Debian's python3-serial goes with the system python3, which a pyenv shim may hide.
const PYTHON = ['python3', '/usr/bin/python3'].find((p) => spawnSync(p, ['-c', 'import serial'], { encoding: 'utf8' }).status === 0);
const hasPyserial = PYTHON !== undefined;
if (!hasPyserial) console.warn('serve-tcp: python3-serial (pyserial) is not installed; the TCP console tests are skipped');

function rig(url: string, commands: string[]): { banner: string; answers: string[] } {
  const r = spawnSync(PYTHON!, [CLIENT, url, ...commands], { encoding: 'utf8', timeout: 30_000 });
  if (r.status !== 0) throw new Error(`client failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim());
}

const hasSocat = spawnSync('socat', ['-V'], { encoding: 'utf8' }).status === 0;
if (!hasSocat) console.warn('serve-pty: socat is not installed; the pseudo-terminal console test is skipped');

/** Starts `memsim serve` with `args` and resolves what its stderr says the rig should open. */
function startServe(args: string[], pattern: RegExp, toUrl: (m: RegExpExecArray) => string): Promise<{ child: ChildProcess; url: string; stderr: () => string }> {
  const child = spawn(process.execPath, [`${ROOT}bin/memsim.js`, 'serve', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const m = pattern.exec(err);
      if (m) resolve({ child, url: toUrl(m), stderr: () => err });
    });
    child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
    setTimeout(() => reject(new Error(`serve did not start: ${err}`)), 20_000);
  });
}

/** Runs `memsim serve --stdio ARGS` with `input` piped in and stdin then closed; resolves its exit and output. */
function serveStdio(args: string[], input: string, limitMs = 10_000): Promise<{ code: number | null; killed: boolean; out: string; err: string; ms: number }> {
  const started = Date.now();
  const child = spawn(process.execPath, [`${ROOT}bin/memsim.js`, 'serve', '--stdio', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString('latin1')));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  child.stdin!.end(input);
  // SIGTERM reaches the real process through bin/memsim.js, which exits 1 after a signal.
  let killed = false;
  const timer = setTimeout(() => {
    killed = true;
    child.kill('SIGTERM');
  }, limitMs);
  return new Promise((resolve) => {
    child.on('exit', (code) => {
      clearTimeout(timer);
      setTimeout(() => resolve({ code, killed, out, err, ms: Date.now() - started }), 50); // the last output
    });
  });
}

describe('memsim serve --stdio, stdin piped in', () => {
  it('answers everything, then exits 0 when stdin ends', async () => {
    const r = await serveStdio(['--speed', 'max'], 'mem\r\ngc threshold\r\n');
    expect(r.killed, `it did not exit on EOF; stderr: ${r.err}`).toBe(false);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/mem\r\npool 6144 KiB, used \d+ KiB[^]*gc threshold\r\n\(700, 10, 10\)\r\n#> $/);
  }, 30_000);

  it('boots in order: banner, then the boot line, then the prompt (text and json)', async () => {
    const r = await serveStdio(['--speed', 'max'], '');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toBe('\r\nmemsim device (connectport-x4, Python 2.4)\r\nmemsim serial console; type help\r\n[device boot 1]\r\n#> ');
    const state = join(mkdtempSync(join(tmpdir(), 'memsim-boot-')), 'flash');
    await serveStdio(['--speed', 'max', '--state', state], 'format json\r\n');
    const j = await serveStdio(['--speed', 'max', '--state', state], '');
    expect(j.out).toMatch(/memsim serial console; type help\r\n\{"event":"boot","boot":1\}\r\n#> $/);
  }, 30_000);

  it('the line carries the bytes the device\'s Python writes (2.x str bytes, 3.x text as UTF-8)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'memsim-bytes-'));
    writeFileSync(join(dir, 'u8.py'), Buffer.from('# -*- coding: utf-8 -*-\nprint "caf\xc3\xa9", len("caf\xc3\xa9")\n', 'latin1'));
    writeFileSync(join(dir, 'l1.py'), Buffer.from('# -*- coding: latin-1 -*-\nprint "h\xe9", len("h\xe9")\n', 'latin1'));
    writeFileSync(join(dir, 'p3.py'), 'print("caf\u00e9", len("caf\u00e9"))\n');
    const r2 = await serveStdio(['--speed', 'max', '--profile', 'connectport-x2e'], `python ${join(dir, 'u8.py')}\r\npython ${join(dir, 'l1.py')}\r\n`);
    expect(r2.out).toContain('\r\ncaf\xc3\xa9 5\r\n'); // out is read as latin1: one char per byte
    expect(r2.out).toContain('\r\nh\xe9 2\r\n');
    const r3 = await serveStdio(['--speed', 'max', '--profile', 'host-cpython-3.11'], `python ${join(dir, 'p3.py')}\r\n`);
    expect(r3.out).toContain('\r\ncaf\xc3\xa9 4\r\n');
  }, 30_000);

  it('--profile serves a scenario on another device', async () => {
    const r = await serveStdio(['--speed', 'max', '--profile', 'connectport-x2e', `${ROOT}scripts/seed/make-cycle.yaml`], 'info\r\n');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/memsim device \(connectport-x2e, Python 2\.7\)/);
    expect(r.out).toMatch(/profile: connectport-x2e\r\n[^]*pool bytes: 25165824\r\n/);
  }, 30_000);

  it('advance past the scenario\'s end says so, in text and json', async () => {
    const r = await serveStdio(['--speed', 'max', `${ROOT}scripts/seed/make-cycle.yaml`], 'advance 0.5s\r\nadvance 2s\r\nadvance 2s\r\nformat json\r\nadvance 2s\r\ntime\r\n');
    expect(r.code, r.err).toBe(0);
    expect(r.out).not.toMatch(/object Object/);
    // The first advance past the end runs up to it; after that nothing more runs.
    expect(r.out).toMatch(/#> advance 2s\r\nerror: the scenario ended at 1\.000 s \(advanced [\d.]+ s of 2 s\); nothing more runs\r\n#> /);
    expect(r.out).toMatch(/#> advance 2s\r\nerror: the scenario ended at 1\.000 s; nothing more runs\r\n#> format json/);
    const json = r.out.split('\r\n').filter((l) => l.startsWith('{"ok"')).map((l) => JSON.parse(l));
    expect(json[1]).toEqual({ ok: false, cmd: 'advance 2s', error: 'the scenario ended at 1.000 s; nothing more runs', t: 1 });
    expect(json[2]).toMatchObject({ ok: true, cmd: 'time', result: { seconds: 1 } });
  }, 30_000);

  it('exits 0 at EOF at --speed 1 while a scenario runs, with the flash consistent', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'memsim-stdio-eof-'));
    const state = join(dir, 'flash');
    const r = await serveStdio(['--state', state, `${ROOT}scripts/seed/large-objects.yaml`], 'format json\r\npause\r\nadvance 2m\r\ncrashlog\r\n');
    expect(r.killed, `it did not exit on EOF; stderr: ${r.err}`).toBe(false);
    expect(r.code, r.err).toBe(0);
    const answers = r.out.split('\r\n').filter((l) => l.startsWith('{"ok"')).map((l) => JSON.parse(l));
    expect(answers.map((a) => a.cmd)).toEqual(['format json', 'pause', 'advance 2m', 'crashlog']);
    expect(answers[3].result.crashes[0]).toMatchObject({ kind: 'MemoryError' });
    // Everything in the flash is whole: no temporary file, settings and records parse.
    expect(readdirSync(state).sort()).toEqual(['crashlog.jsonl', 'settings.json']);
    expect(JSON.parse(readFileSync(join(state, 'settings.json'), 'utf8'))).toMatchObject({ format: 'json', runs: 1 });
    const records = readFileSync(join(state, 'crashlog.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(records[0]).toMatchObject({ kind: 'MemoryError', run: 1 });
    expect(existsSync(join(state, 'settings.json'))).toBe(true);
  }, 30_000);
});

describe.skipIf(!hasPyserial || !hasSocat)(hasPyserial && hasSocat ? 'memsim serve over a pseudo-terminal (socat), pyserial as the rig' : 'skipped: pyserial or socat not installed', () => {
  let served: { child: ChildProcess; url: string; stderr: () => string };
  beforeAll(async () => {
    served = await startServe(['--pty', '--speed', 'max', `${ROOT}scripts/seed/gc_example.py`], /pseudo-terminal: (\S+)/, (m) => m[1]!);
  }, 30_000);
  afterAll(() => {
    served?.child.kill('SIGTERM');
  });

  it('prints the rig\'s end of the line as the README says', () => {
    // README: `npx memsim serve --pty … # prints on stderr: memsim serve: rig side of the pseudo-terminal: /tmp/memsim-pty-…/rig`
    const readme = readFileSync(`${ROOT}README.md`, 'utf8');
    const documented = /serve --pty[^\n]*# prints on stderr: (.*?)\/tmp\/memsim-pty-…\/rig$/m.exec(readme);
    expect(documented, 'the README\'s --pty line').not.toBe(null);
    const line = served.stderr().split('\n').find((l) => l.includes('pseudo-terminal'))!;
    expect(line).toBe(`${documented![1]}${served.url}`);
    expect(served.url).toMatch(/\/memsim-pty-[^/]+\/rig$/);
    expect(existsSync(served.url)).toBe(true);
  });

  it('answers on the serial line as it does over TCP', () => {
    const r = rig(served.url, ['gc threshold', 'gc collect', 'advance 2d', 'time']);
    expect(r.answers[0]).toBe('(700, 10, 10)\r\n');
    expect(r.answers[1]).toBe('Garbage collector: collected 0 objects.\r\n');
    expect(r.answers[2]).toMatch(/^advanced 172800 s/);
    expect(Number(/^([\d.]+) s since boot/.exec(r.answers[3]!)![1])).toBeGreaterThanOrEqual(172800);
  });
});

describe.skipIf(!hasPyserial)(hasPyserial ? 'memsim serve over TCP, pyserial as the rig' : 'skipped: pyserial not installed', () => {
  let server: ChildProcess;
  let url = '';
  beforeAll(async () => {
    const script = `${ROOT}scripts/seed/gc_example.py`;
    server = spawn(process.execPath, [`${ROOT}bin/memsim.js`, 'serve', '--tcp', '127.0.0.1:0', '--speed', 'max', script], { stdio: ['ignore', 'ignore', 'pipe'] });
    url = await new Promise<string>((resolve, reject) => {
      let err = '';
      server.stderr!.on('data', (d: Buffer) => {
        err += d.toString();
        const m = /listening on ([\d.]+):(\d+)/.exec(err);
        if (m) resolve(`socket://${m[1]}:${m[2]}`);
      });
      server.on('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
      setTimeout(() => reject(new Error(`serve did not start: ${err}`)), 20_000);
    });
  }, 30_000);
  afterAll(() => {
    server?.kill('SIGTERM');
  });

  it('answers like a gateway: banner, prompt, gc, time, advance', () => {
    const r = rig(url, ['gc threshold', 'gc collect', 'gc stats', 'time', 'advance 1h', 'time', 'mem']);
    expect(r.banner).toMatch(/memsim device \(connectport-x4, Python 2\.4\)\r\n.*\r\n#> $/s);
    expect(r.answers[0]).toBe('(700, 10, 10)\r\n');
    expect(r.answers[1]).toBe('Garbage collector: collected 0 objects.\r\n');
    expect(r.answers[2]).toMatch(/^generation 0: \d+ collections/);
    const t0 = Number(/^([\d.]+) s since boot/.exec(r.answers[3]!)![1]);
    expect(r.answers[4]).toMatch(/^advanced 3600 s/);
    const t1 = Number(/^([\d.]+) s since boot/.exec(r.answers[5]!)![1]);
    expect(t1 - t0).toBeGreaterThanOrEqual(3600);
    expect(r.answers[6]).toMatch(/^pool 6144 KiB, used \d+ KiB/);
  });

  it('gc collect reports exactly the cycles the device holds (made through digicli-free scripts)', () => {
    const r = rig(url, ['format json', 'gc collect', 'gc count']);
    const collect = JSON.parse(r.answers[1]!.trim());
    expect(collect).toMatchObject({ ok: true, cmd: 'gc collect', result: { generation: 2, collected: 0 } });
    const count = JSON.parse(r.answers[2]!.trim());
    expect(count.ok).toBe(false); // 2.4 has no gc.get_count
    rig(url, ['format text']);
  });

  it('survives garbage and overlong lines and still answers', () => {
    const junk = '\u0001\u0002xx' + 'y'.repeat(2000);
    const r = rig(url, [junk, 'nosuch', 'gc threshold']);
    expect(r.answers[0]).toMatch(/error: line too long/);
    expect(r.answers[1]).toMatch(/error: unknown command "nosuch"/);
    expect(r.answers[2]).toBe('(700, 10, 10)\r\n');
  });
});

describe.skipIf(!hasPyserial)(hasPyserial ? 'auto-start entries and a busy app over TCP, pyserial as the rig' : 'skipped: pyserial not installed', () => {
  const tcp = (args: string[]) => startServe(['--tcp', '127.0.0.1:0', '--speed', 'max', ...args], /listening on ([\d.]+):(\d+)/, (m) => `socket://${m[1]}:${m[2]}`);

  it('set python changes what boots, in the flash, across a reboot and a restart of memsim', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'memsim-autostart-'));
    const script = join(dir, 'hello.py');
    writeFileSync(script, 'import sys\nprint "hello", sys.argv[1:]\n');
    const state = join(dir, 'flash');
    const first = await tcp(['--state', state]);
    try {
      const r = rig(first.url, ['set python', `set python range=1 command="${script} a b" onexit=none`, 'reboot', 'who']);
      expect(r.answers[0]).toBe('no auto-start entries\r\n');
      expect(r.answers[1]).toBe(`1: state=on command="${script} a b" onexit=none\r\n(takes effect at the next boot)\r\n`);
      expect(r.answers[3]).toMatch(new RegExp(`hello \\['a', 'b'\\][\\s\\S]*${script.replace(/[.]/g, '\\.')}: exited\r\n$`));
    } finally {
      first.child.kill('SIGTERM');
    }
    const second = await tcp(['--state', state]);
    try {
      const r = rig(second.url, ['who', 'set python range=1 state=off', 'reboot', 'who']);
      expect(r.banner).toMatch(/auto-start entries from the flash \(set python\): .*hello\.py/);
      expect(r.answers[0]).toMatch(/hello\.py: exited/);
      expect(r.answers[1]).toMatch(/^1: state=off /);
      expect(r.answers[3]).toMatch(/no apps/);
    } finally {
      second.child.kill('SIGTERM');
    }
  }, 60_000);

  it('answers while an app computes without sleeping', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'memsim-busy-'));
    const script = join(dir, 'busy.py');
    writeFileSync(script, 'x = 0\nwhile True:\n    x = x + 1\n');
    const served = await tcp([script]);
    try {
      const r = rig(served.url, ['who', 'gc threshold', 'time', 'time']);
      expect(r.answers[0]).toBe(`${script}: running\r\n`);
      expect(r.answers[1]).toBe('(700, 10, 10)\r\n');
      const t = r.answers.slice(2).map((a) => Number(/^([\d.]+) s since boot/.exec(a)![1]));
      expect(t[1]).toBeGreaterThanOrEqual(t[0]!); // virtual time moves with the app's work
    } finally {
      served.child.kill('SIGTERM');
    }
  }, 60_000);
});

// The same script under real CPython 2.7 says how many objects its cycles are; a rig's
// `gc collect` on memsim's 2.7 device holding those cycles must answer that number.
const CPY27 = findPython('2.7');
if (!CPY27) console.warn('serve-cycles: CPython 2.7 is not installed; gc collect is not compared with it');
const CYCLES = [
  'import gc, sys, time',
  'class Node(object):',
  '    def __init__(self, name):',
  '        self.name = name',
  '        self.other = None',
  'def make(n):',
  '    for i in range(n):',
  '        a = Node("a"); b = Node("b")',
  '        a.other = b; b.other = a',
  '    ring = [[] for i in range(n)]',
  '    for i in range(n):',
  '        ring[i].append(ring[(i + 1) % n])',
  'gc.disable()',
  'gc.collect()',
  'make(40)',
  "if sys.argv[1:] == ['oracle']:",
  "    sys.stdout.write('%d\\n' % gc.collect())",
  'else:',
  '    time.sleep(10 ** 9)',
  '',
].join('\n');

describe.skipIf(!hasPyserial || !CPY27)(hasPyserial && CPY27 ? 'gc collect over the console against CPython 2.7' : 'skipped: pyserial or CPython 2.7 not installed', () => {
  it('answers with the number of objects CPython 2.7 collects from the same cycles', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'memsim-cycles-'));
    const script = join(dir, 'cycles.py');
    writeFileSync(script, CYCLES);
    const oracle = spawnSync(CPY27!, ['-S', script, 'oracle'], { encoding: 'utf8' });
    expect(oracle.status, oracle.stderr).toBe(0);
    const expected = Number(oracle.stdout.trim());
    expect(expected).toBeGreaterThan(100);
    const served = await startServe(['--tcp', '127.0.0.1:0', '--speed', 'max', '--profile', 'connectport-x2e', script], /listening on ([\d.]+):(\d+)/, (m) => `socket://${m[1]}:${m[2]}`);
    try {
      const r = rig(served.url, ['gc collect', 'gc collect']);
      expect(r.answers[0]).toBe(`Garbage collector: collected ${expected} objects.\r\n`);
      expect(r.answers[1]).toBe('Garbage collector: collected 0 objects.\r\n');
    } finally {
      served.child.kill('SIGTERM');
    }
  }, 60_000);
});

const hasPytest = PYTHON !== undefined && spawnSync(PYTHON, ['-m', 'pytest', '--version'], { encoding: 'utf8' }).status === 0;
if (!hasPytest) console.warn('hil-example: pytest (python3-pytest) is not installed; the example HIL suite is not run');

describe.skipIf(!hasPytest)(hasPytest ? 'the example HIL suite (scripts/hil, pytest + pyserial) against memsim serve' : 'skipped: pytest not installed', () => {
  it('passes against the large-objects scenario over TCP', async () => {
    const served = await startServe(['--tcp', '127.0.0.1:0', `${ROOT}scripts/seed/large-objects.yaml`], /listening on ([\d.]+):(\d+)/, (m) => `socket://${m[1]}:${m[2]}`);
    try {
      const r = spawnSync(PYTHON!, ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', `${ROOT}scripts/hil`], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, MEMSIM_CONSOLE: served.url } });
      expect(r.status, r.stdout + r.stderr).toBe(0);
      expect(r.stdout).toMatch(/6 passed/);
    } finally {
      served.child.kill('SIGTERM');
    }
  }, 150_000);
});

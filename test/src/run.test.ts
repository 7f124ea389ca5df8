// Proves `memsim run script.py`: the seed article's program prints what CPython 2.7 prints,
// --json has the design brief's fixed keys, and bad input is a clear error with exit 2.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { loadProfile } from '../../src/profiles/profiles.js';
import { runScript } from '../../src/run/run-script.js';
import { findPython } from '../support/cpython.js';

const SEED = fileURLToPath(new URL('../../scripts/seed/gc_example.py', import.meta.url));
const SEED_OUTPUT = [
  'Garbage collection thresholds: (700, 10, 10)',
  'Garbage collector: collected 0 objects.',
  'Creating cycles...',
  'Garbage collector: collected 10 objects.',
];

function cli(args: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = main(args, (s) => (out += `${s}\n`), (s) => (err += `${s}\n`));
  return { code, out, err };
}

describe('the seed article program', () => {
  it.each(['connectport-x2', 'connectport-x4', 'connectport-x8', 'connectport-x2e', 'transport-wr44', 'host-cpython-2.7'])('prints the article\'s lines on %s', (profile) => {
    const r = runScript({ profile: loadProfile(profile), source: readFileSync(SEED, 'utf8'), file: 'gc_example.py' });
    expect(r.outcome).toBe('ok');
    expect(r.stdout).toEqual(SEED_OUTPUT);
  });

  const python27 = findPython('2.7');
  it.skipIf(!python27)(python27 ? 'prints exactly what CPython 2.7 prints' : 'skipped: python 2.7 not installed', () => {
    const real = spawnSync(python27!, ['-S', SEED], { encoding: 'utf8' });
    expect(real.status).toBe(0);
    expect(real.stdout.trimEnd().split('\n')).toEqual(SEED_OUTPUT);
  });
});

describe('memsim run', () => {
  it('--json prints one object with the fixed keys', () => {
    const r = cli(['run', SEED, '--json', '--profile', 'host-cpython-3.11']);
    // The seed program is Python 2: under a 3.x profile it is a syntax error: bad input, exit 2.
    expect(r.code).toBe(2);
    const j = JSON.parse(r.out);
    expect(j.outcome).toBe('error');
    const ok = JSON.parse(cli(['run', SEED, '--json']).out);
    for (const key of ['outcome', 'profile', 'gcModel', 'seed', 'gc', 'memory', 'time', 'crashes', 'stdout', 'expectations']) expect(ok).toHaveProperty(key);
    expect(ok.gc.collections).toEqual([0, 0, 2]);
    expect(ok.gc.collected).toEqual([0, 0, 10]);
    expect(ok.stdout).toEqual(SEED_OUTPUT);
    expect(Object.keys(ok.memory)).toEqual(expect.arrayContaining(['poolBytes', 'peakBytes', 'minFreeBytes', 'minLargestFreeBlock']));
  });

  it('is deterministic: the same script and seed give byte-identical JSON', () => {
    const a = cli(['run', SEED, '--json', '--seed', '7']).out;
    const b = cli(['run', SEED, '--json', '--seed', '7']).out;
    expect(a).toBe(b);
  });

  it.each([
    [['run'], /run needs a FILE/],
    [['run', 'nope.py'], /nope\.py: cannot read/],
    [['run', SEED, '--pool', 'lots'], /--pool expects a size/],
    [['run', SEED, '--pool', '1KiB'], /--pool must be from 64KiB/],
    [['run', SEED, '--gc-threshold', '1,2'], /--gc-threshold expects three/],
    [['run', SEED, '--seed', 'x'], /--seed expects an integer/],
    [['run', SEED, '--profile', 'nope'], /unknown profile "nope"/],
    [['run', SEED, '--duration', '0s'], /--duration expects a positive duration/],
    [['run', SEED, '--duration', 'soon'], /--duration expects a positive duration/],
    [['run', SEED, '--duration', '20y'], /--duration expects a positive duration/],
    [['run', SEED, '--duration', '4000d'], /--duration must be at most 3650d/],
    [['run', SEED, '--json', '--json'], /--json is given twice/],
    [['run', SEED, '--verbose'], /unknown option --verbose/],
    [['serve', '--stdio', 'nope.py'], /nope\.py: cannot read \(no such file or directory\)/],
    [['serve', '--stdio', '--state', SEED], /--state .*gc_example\.py: not a directory memsim can write in \(a file is in the way\)/],
    [['capacity', fileURLToPath(new URL('../../scripts/seed/make-cycle.yaml', import.meta.url)), '--out', SEED], /--out .*: not a directory memsim can write in/],
  ])('bad input %j is exit 2 with a clear message', (args, message) => {
    const r = cli(args as string[]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message as RegExp);
  });

  it('collections have pauses from the profile\'s cost figures, and take virtual time', () => {
    const src = 'class A(object):\n    pass\nfor i in range(20000):\n    a = A()\n    a.me = a\n';
    const r = runScript({ profile: loadProfile('connectport-x4'), source: src, file: 'c.py' });
    expect(r.gc.collections[0]).toBeGreaterThan(10);
    expect(r.gc.pauseMs.max).toBeGreaterThan(0);
    expect(r.gc.pauseMs.p99).toBeLessThanOrEqual(r.gc.pauseMs.max);
    expect(r.gc.pauseMs.total).toBeGreaterThanOrEqual(r.gc.pauseMs.max);
    expect(r.time.endS * 1000).toBeGreaterThanOrEqual(r.gc.pauseMs.total - 1e-6);
  });

  it('a script that does not parse is not run: exit 2, and the reason with file:line:col', () => {
    const r = cli(['run', SEED, '--profile', 'host-cpython-3.11']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/gc_example\.py:\d+:\d+: /);
    expect(r.err).toMatch(/not run: SyntaxError at/);
  });

  it('sys.exit with a non-zero status is a crash record that says so', () => {
    const r = runScript({ profile: loadProfile('host-cpython-3.11'), source: 'import sys\nsys.exit(3)\n', file: 'x.py' });
    expect(r.outcome).toBe('crash');
    expect(r.crashes).toEqual([expect.objectContaining({ kind: 'SystemExit', where: 'x.py', message: 'sys.exit(3): exit status 3' })]);
  });

  it('--pool beyond the device\'s RAM is refused', () => {
    const r = cli(['run', SEED, '--profile', 'connectport-x2', '--pool', '1GiB']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--pool 1GiB is more than connectport-x2's RAM/);
  });

  it('--pool and --gc-threshold reach the device', () => {
    const j = JSON.parse(cli(['run', SEED, '--json', '--pool', '2MiB', '--gc-threshold', '100,5,5']).out);
    expect(j.memory.poolBytes).toBe(2 * 1048576);
    expect(j.stdout[0]).toBe('Garbage collection thresholds: (100, 5, 5)');
  });
});

describe('memsim run --duration', () => {
  // A gateway app loops forever with sleeps: the run stops at its duration (1 day unless
  // --duration says), as an ok run that says the script was still running.
  const LOOP = 'import time\nn = 0\nwhile True:\n    time.sleep(60)\n    n += 1\n    if n % 1440 == 0:\n        print("day %d" % (n // 1440))\n';
  const dir = mkdtempSync(join(tmpdir(), 'memsim-run-'));
  const loop = join(dir, 'loop.py');
  writeFileSync(loop, LOOP);

  it('a script that never ends stops after one virtual day by default', () => {
    const r = cli(['run', loop, '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.outcome).toBe('ok');
    expect(j.time).toMatchObject({ endS: 86400, durationS: 86400, stoppedAtDuration: true });
    expect(j.stdout).toEqual(['day 1']);
    expect(j.crashes).toEqual([]);
  });

  it('--duration sets how long it runs, and the summary says the script was still running', () => {
    const r = cli(['run', loop, '--duration', '3d']);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/virtual time at end: 259200\.000 s \(the run's duration; the script was still running\)/);
    expect(JSON.parse(cli(['run', loop, '--duration', '3d', '--json']).out).stdout).toEqual(['day 1', 'day 2', 'day 3']);
  });

  it('a busy script is stopped at the duration too, and a script that ends first is not', () => {
    const busy = runScript({ profile: loadProfile('connectport-x4'), source: 'while True:\n    pass\n', file: 'busy.py', durationS: 5 });
    expect(busy.outcome).toBe('ok');
    expect(busy.time.stoppedAtDuration).toBe(true);
    expect(busy.time.endS).toBe(5);
    const quick = runScript({ profile: loadProfile('host-cpython-3.11'), source: 'import time\ntime.sleep(10)\n', file: 'quick.py', durationS: 3600 });
    expect(quick.time).toMatchObject({ endS: 10, stoppedAtDuration: false });
  });

  it('overrides a scenario\'s duration', () => {
    const scenario = fileURLToPath(new URL('../../scripts/seed/irrigation.yaml', import.meta.url));
    const j = JSON.parse(cli(['run', scenario, '--duration', '2h', '--json']).out);
    expect(j.time.endS).toBe(7200);
  });
});

describe('bytes in, bytes out (Python 2 str is bytes)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'memsim-bytes-'));
  const files: [string, Buffer][] = [
    ['utf8.py', Buffer.from('# -*- coding: utf-8 -*-\nprint "caf\xc3\xa9", len("caf\xc3\xa9")\n', 'latin1')],
    ['latin1.py', Buffer.from('# -*- coding: latin-1 -*-\nprint len("h\xe9"), repr("h\xe9")\n', 'latin1')],
  ];
  for (const [name, bytes] of files) writeFileSync(join(dir, name), bytes);
  const BIN = fileURLToPath(new URL('../../bin/memsim.js', import.meta.url));
  const expected: Record<string, string> = { 'utf8.py': 'caf\xc3\xa9 5\n', 'latin1.py': "2 'h\\xe9'\n" };
  const python27 = findPython('2.7');

  it.each(files.map(([n]) => n))('%s: the script is read as bytes and its output written as the bytes CPython 2.7 writes', (name) => {
    const r = spawnSync(process.execPath, [BIN, 'run', join(dir, name), '--profile', 'connectport-x2e'], { encoding: 'buffer' });
    expect(r.status, r.stderr.toString()).toBe(0);
    expect(r.stdout.toString('latin1')).toBe(expected[name]);
    if (python27) expect(spawnSync(python27, ['-S', join(dir, name)], { encoding: 'buffer' }).stdout.toString('latin1')).toBe(expected[name]);
  });
});

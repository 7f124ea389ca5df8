// Proves the device's flash (--state): crash records and console settings survive restarts
// of memsim, writes are atomic (no temporary file left, a torn file reads as absent), and
// `memsim serve --state` shows an earlier run's MemoryError in `crashlog`.
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Flash } from '../../../src/serve/flash.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

function serveOnce(args: string[], input: string, waitMs: number): Promise<string> {
  const child = spawn(process.execPath, [`${ROOT}bin/memsim.js`, 'serve', '--stdio', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString('latin1')));
  child.stdin.end(input); // memsim exits at stdin's EOF; the kill is a fallback
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGTERM'), waitMs);
    child.on('exit', () => {
      clearTimeout(timer);
      setTimeout(() => resolve(out), 50);
    });
  });
}

describe('the device flash', () => {
  it('keeps crash records and settings across instances, writing atomically', () => {
    const dir = mkdtempSync(join(tmpdir(), 'memsim-flash-'));
    const a = new Flash(dir);
    a.addCrash({ atS: 92, kind: 'MemoryError', where: 'app.py:10', message: '' });
    a.settings.format = 'json';
    a.saveSettings();
    const b = new Flash(dir);
    expect(b.crashes).toEqual([{ atS: 92, kind: 'MemoryError', where: 'app.py:10', message: '', run: 1 }]);
    expect(b.settings).toMatchObject({ format: 'json', runs: 2 });
    expect(readdirSync(dir).sort()).toEqual(['crashlog.jsonl', 'settings.json']);
    b.addCrash({ atS: 93, kind: 'watchdog', where: 'app.py', message: '' });
    appendFileSync(join(dir, 'crashlog.jsonl'), '{"atS": 1, "ki'); // the last line torn by a power cut
    const c = new Flash(dir);
    expect(c.crashes.map((r) => r.atS)).toEqual([92, 93]);
    c.addCrash({ atS: 94, kind: 'MemoryError', where: 'app.py:3', message: '' }); // after the repair, a line of its own
    expect(new Flash(dir).crashes.map((r) => r.atS)).toEqual([92, 93, 94]);
    b.clearCrashes();
    expect(new Flash(dir).crashes).toEqual([]);
  });

  it('skips crash records of the wrong shape, keeps every valid one, and says how many it skipped', () => {
    const dir = mkdtempSync(join(tmpdir(), 'memsim-flash-'));
    const good = (atS: number) => JSON.stringify({ atS, kind: 'MemoryError', where: 'app.py:10', message: '', run: 1 });
    const lines = [good(1), '{}', 'null', '[1,2]', '42', '"text"', JSON.stringify({ atS: 'x', kind: 'MemoryError', where: 'a.py', message: '', run: 1 }),
      JSON.stringify({ atS: 2, kind: 'reset', where: '', message: 'low memory', run: 0 }), JSON.stringify({ atS: 3, kind: 7, where: '', message: '', run: 1 }), 'not json', good(4)];
    writeFileSync(join(dir, 'crashlog.jsonl'), `${lines.join('\n')}\n`);
    const warnings: string[] = [];
    const flash = new Flash(dir, (w) => warnings.push(w));
    expect(flash.crashes.map((c) => c.atS)).toEqual([1, 4]);
    expect(flash.skippedCrashRecords).toBe(9);
    expect(warnings.join('\n')).toMatch(/crashlog\.jsonl: 9 unreadable crash records skipped/);
    // Nothing recorded is thrown away: the lines stay in the file; new records still append.
    flash.addCrash({ atS: 5, kind: 'MemoryError', where: 'app.py:3', message: '' });
    expect(readFileSync(join(dir, 'crashlog.jsonl'), 'utf8').split('\n').filter(Boolean)).toHaveLength(lines.length + 1);
    expect(new Flash(dir, () => {}).crashes.map((c) => c.atS)).toEqual([1, 4, 5]);
  });

  it('keeps a corrupt settings file aside, says so, and carries the run counter on from the crash log', () => {
    const dir = mkdtempSync(join(tmpdir(), 'memsim-flash-'));
    const a = new Flash(dir, () => {});
    a.addCrash({ atS: 1, kind: 'MemoryError', where: 'app.py:1', message: '' });
    const b = new Flash(dir, () => {});
    b.addCrash({ atS: 2, kind: 'MemoryError', where: 'app.py:1', message: '' }); // run 2
    const garbage = Buffer.from([0x93, 0x00, 0xff, 0x7b, 0x22, 0x0a, 0xc3]);
    writeFileSync(join(dir, 'settings.json'), garbage);
    const warnings: string[] = [];
    const c = new Flash(dir, (w) => warnings.push(w));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(join(dir, 'settings.json'));
    expect(warnings[0]).toMatch(/not readable settings.*kept as .*settings\.json\.corrupt-1/);
    expect(readFileSync(join(dir, 'settings.json.corrupt-1'))).toEqual(garbage);
    expect(c.settings).toMatchObject({ format: 'text', echo: true, runs: 3 }); // not back to 1: the log has run 2's records
    for (const text of ['null', '[1,2]', '"text"', '']) {
      writeFileSync(join(dir, 'settings.json'), text);
      const w: string[] = [];
      new Flash(dir, (m) => w.push(m));
      expect(w.join('\n'), text).toMatch(/settings\.json: not readable settings/);
    }
    // Each one kept, none overwritten.
    expect(readdirSync(dir).filter((f) => f.startsWith('settings.json.corrupt-')).sort()).toEqual([1, 2, 3, 4, 5].map((n) => `settings.json.corrupt-${n}`));
    expect(readFileSync(join(dir, 'settings.json.corrupt-1'))).toEqual(garbage);
  });

  it('checks each setting: a bad field falls back to its default, named in a warning, and the original is kept aside', () => {
    const dir = mkdtempSync(join(tmpdir(), 'memsim-flash-'));
    const original = JSON.stringify({ format: 'xml', echo: 'maybe', runs: -4, autostart: [{ index: 9, file: 'a.py', args: [], onexit: 'none', state: 'on' }] });
    writeFileSync(join(dir, 'settings.json'), original);
    const warnings: string[] = [];
    const f = new Flash(dir, (w) => warnings.push(w));
    expect(f.settings).toEqual({ format: 'text', echo: true, runs: 1 });
    for (const field of ['format', 'echo', 'runs', 'autostart']) {
      expect(warnings.some((w) => w.includes(join(dir, 'settings.json')) && w.includes(`"${field}"`)), field).toBe(true);
    }
    expect(readFileSync(join(dir, 'settings.json.corrupt-1'), 'utf8')).toBe(original);
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))).toEqual({ format: 'text', echo: true, runs: 1 });
    // Good fields are kept even when another is bad; a clean file is not copied aside.
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ format: 'json', echo: false, runs: 7, autostart: [{ index: 2, file: 'b.py', args: ['x'], onexit: 'reboot', state: 'off' }] }));
    const w2: string[] = [];
    const g = new Flash(dir, (w) => w2.push(w));
    expect(w2).toEqual([]);
    expect(g.settings).toEqual({ format: 'json', echo: false, runs: 8, autostart: [{ index: 2, file: 'b.py', args: ['x'], onexit: 'reboot', state: 'off' }] });
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ format: 'json', echo: 1, runs: 7.5 }));
    const h = new Flash(dir, () => {});
    expect(h.settings).toEqual({ format: 'json', echo: true, runs: 1 });
    expect(readdirSync(dir).filter((n) => n.startsWith('settings.json.corrupt-')).sort()).toEqual(['settings.json.corrupt-1', 'settings.json.corrupt-2']);
  });

  it('the console\'s crashlog over --stdio lists the valid records and notes the unreadable ones', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'memsim-state-'));
    writeFileSync(join(dir, 'crashlog.jsonl'), ['{}', 'null', '[1,2]', JSON.stringify({ atS: 'x', kind: 'MemoryError', where: 'a.py', message: '', run: 1 }),
      JSON.stringify({ atS: 92.004, kind: 'MemoryError', where: 'large_objects.py:10', message: '', run: 1 })].join('\n') + '\n');
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ format: 'text', echo: true, runs: 1 }));
    const out = await serveOnce(['--state', dir], 'crashlog\r\nformat json\r\ncrashlog\r\nformat text\r\n', 10_000);
    expect(out).not.toMatch(/error/);
    expect(out).toMatch(/crashlog\r\n92\.004 s: MemoryError at large_objects\.py:10: recorded by run 1\r\n\(4 unreadable records in the flash were skipped\)\r\n#> /);
    const json = JSON.parse(out.split('\r\n').find((l) => l.startsWith('{"ok":true,"cmd":"crashlog"'))!);
    expect(json.result).toMatchObject({ crashes: [{ atS: 92.004, kind: 'MemoryError' }], skipped: 4 });
  }, 20_000);

  it('memsim serve --state shows an earlier run\'s MemoryError after a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'memsim-state-'));
    await serveOnce(['--state', dir, `${ROOT}scripts/seed/large-objects.yaml`], 'pause\r\nadvance 2m\r\n', 2500);
    expect(existsSync(join(dir, 'crashlog.jsonl'))).toBe(true);
    const out = await serveOnce(['--state', dir], '\r\ncrashlog\r\n', 2000);
    expect(out).toMatch(/88\.004 s: MemoryError at large_objects\.py:10: recorded by run 1/);
  }, 20_000);
});

// Proves the device's flash (--state): crash records and console settings survive restarts
// of memsim, writes are atomic (no temporary file left, a torn file reads as absent), and
// `memsim serve --state` shows an earlier run's MemoryError in `crashlog`.
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readdirSync } from 'node:fs';
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
  child.stdin.write(input);
  return new Promise((resolve) => {
    setTimeout(() => {
      child.kill('SIGTERM');
      resolve(out);
    }, waitMs);
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

  it('memsim serve --state shows an earlier run\'s MemoryError after a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'memsim-state-'));
    await serveOnce(['--state', dir, `${ROOT}scripts/seed/large-objects.yaml`], 'pause\r\nadvance 2m\r\n', 2500);
    expect(existsSync(join(dir, 'crashlog.jsonl'))).toBe(true);
    const out = await serveOnce(['--state', dir], '\r\ncrashlog\r\n', 2000);
    expect(out).toMatch(/92\.004 s: MemoryError at large_objects\.py:10: recorded by run 1/);
  }, 20_000);
});

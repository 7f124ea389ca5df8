// Fuzzes the serial console through a real transport: random bytes in random chunks over a
// TCP connection to `memsim serve --state` (a 2.7 device whose app crashed at boot). After
// every burst the device still runs, answers `gc count` with exactly the counts it had before
// (nothing ran on the device meanwhile), and its crash record is still in `crashlog`, in
// memory and in the flash.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('the console over TCP under random input', () => {
  let server: ChildProcess;
  let sock: Socket;
  let buf = '';
  const state = mkdtempSync(join(tmpdir(), 'memsim-fuzz-'));
  let counts = '';

  /** Sends `text` and resolves what arrived up to the first answer matching `until`. */
  const ask = (text: string | Uint8Array, until: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer matching ${until}; got ${JSON.stringify(buf.slice(-300))}`)), 10_000);
      const check = () => {
        const m = until.exec(buf);
        if (!m) return;
        clearTimeout(timer);
        sock.off('data', check);
        const got = buf.slice(0, m.index + m[0].length);
        buf = buf.slice(m.index + m[0].length);
        resolve(got);
      };
      sock.on('data', check);
      sock.write(text);
      check();
    });

  beforeAll(async () => {
    const script = join(state, 'app.py');
    writeFileSync(script, 'keep = [[i] for i in range(500)]\nraise ValueError("fuzz target")\n');
    server = spawn(process.execPath, [`${ROOT}bin/memsim.js`, 'serve', '--tcp', '127.0.0.1:0', '--speed', 'max', '--profile', 'connectport-x2e', '--state', join(state, 'flash'), script], { stdio: ['ignore', 'ignore', 'pipe'] });
    const port = await new Promise<number>((resolve, reject) => {
      let err = '';
      server.stderr!.on('data', (d: Buffer) => {
        err += d.toString();
        const m = /listening on [\d.]+:(\d+)/.exec(err);
        if (m) resolve(Number(m[1]));
      });
      setTimeout(() => reject(new Error(`serve did not start: ${err}`)), 20_000);
    });
    sock = connect(port, '127.0.0.1');
    sock.setEncoding('latin1');
    sock.on('data', (d: string) => (buf += d));
    await new Promise<void>((r) => sock.once('connect', () => r()));
    const log = await ask('\r\ncrashlog\r\n', /ValueError at [^\n]*\n/);
    expect(log).toMatch(/ValueError at .*app\.py:2/);
    counts = /\((\d+, \d+, \d+)\)\r\n/.exec(await ask('gc count\r\n', /\(\d+, \d+, \d+\)\r\n/))![1]!;
  }, 40_000);

  afterAll(() => {
    sock?.destroy();
    server?.kill('SIGTERM');
  });

  it('keeps running, answers gc count and keeps its crash record after any bytes', async () => {
    // Bytes that could spell a command which legitimately changes state are left out.
    const garbage = fc.uint8Array({ minLength: 1, maxLength: 3000 }).filter((b) => !/clear|reboot|format|echo|pause|resume|advance|speed|python|set|gc/i.test(Buffer.from(b).toString('latin1')));
    await fc.assert(
      fc.asyncProperty(garbage, fc.array(fc.integer({ min: 1, max: 200 }), { maxLength: 10 }), async (bytes, cuts) => {
        let pos = 0;
        for (const n of cuts) {
          sock.write(bytes.subarray(pos, pos + n));
          pos += n;
        }
        sock.write(bytes.subarray(pos));
        // Ctrl-C ends whatever line (or >>> block) the garbage left open; IAC SE ends telnet negotiation.
        const answer = await ask(new Uint8Array([0xff, 0xf0, 0xff, 0xf0, 0x03, 0x0d, 0x04, ...Buffer.from('\r\ngc count\r\n')]), /\(\d+, \d+, \d+\)\r\n/);
        expect(answer.endsWith(`(${counts})\r\n`)).toBe(true);
        const log = await ask('crashlog\r\n', /(ValueError at|no crashes)[^\n]*\n/);
        expect(log).toMatch(/ValueError at .*app\.py:2/);
      }),
      { numRuns: 40 },
    );
    const lines = readFileSync(join(state, 'flash', 'crashlog.jsonl'), 'utf8').trim().split('\n');
    expect(lines.map((l) => JSON.parse(l).kind)).toEqual(['ValueError']);
  }, 120_000);
});

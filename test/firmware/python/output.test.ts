// Device output as bytes: Python 2 writes a str's bytes unchanged. The host receives text
// (firmware/python/runtime/output.ts): UTF-8 decoded, stray bytes as surrogate escapes, and
// encodeOutput() gives back exactly the bytes CPython 2.7 writes.
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToText, encodeOutput } from '../../../firmware/python/runtime/output.js';
import { loadProfile } from '../../../src/profiles/profiles.js';
import { runScript } from '../../../src/run/run-script.js';
import { findPython } from '../../support/cpython.js';

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

describe('output encoding', () => {
  it('any bytes survive bytesToText then encodeOutput', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect(Buffer.from(encodeOutput(bytesToText(latin1(bytes))))).toEqual(Buffer.from(bytes));
      }),
      { numRuns: 2000 },
    );
  });

  it('valid UTF-8 becomes its text (what a plain UTF-8 host writes back unchanged)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 32 }), (text) => {
        const wellFormed = Buffer.from(text, 'utf8').toString('utf8');
        expect(bytesToText(latin1(Buffer.from(wellFormed, 'utf8')))).toBe(wellFormed);
      }),
      { numRuns: 2000 },
    );
    expect(bytesToText('caf\xc3\xa9')).toBe('café');
    // Overlong forms, encoded surrogates and stray continuation bytes are not characters.
    expect(bytesToText('\xc0\xaf\xed\xa0\x80\x80')).toBe('\udcc0\udcaf\udced\udca0\udc80\udc80');
  });

  const python = findPython('2.7');
  const cases: [string, string][] = [
    ['utf-8 literals', '# -*- coding: utf-8 -*-\nimport sys\nprint "caf\xc3\xa9", len("caf\xc3\xa9")\nsys.stdout.write("\xe2\x82\xac\\n")\n'],
    ['escaped bytes, not UTF-8', 'import sys\nprint "h\\xe9", "\\xff\\xfe", repr("\\xe9")\nsys.stdout.write("\\xc3")\nsys.stdout.write("\\xa9\\n")\nprint "%s!" % "\\x80"\n'],
    ['unicode text', '# -*- coding: utf-8 -*-\nprint u"th\xc3\xa9", len(u"th\xc3\xa9")\n'],
  ];
  describe.skipIf(!python)(python ? 'stdout bytes: CPython 2.7 vs memsim host-cpython-2.7' : 'skipped: python 2.7 not installed', () => {
    it.each(cases)('%s', (_name, program) => {
      // The program as the host hands it over: its bytes decoded as UTF-8.
      const source = Buffer.from(program, 'latin1');
      const want = spawnSync(python!, ['-S', '-'], { input: source, env: { PYTHONIOENCODING: 'utf-8', PATH: process.env.PATH ?? '' } });
      expect(want.status, want.stderr.toString()).toBe(0);
      let out = '';
      const r = runScript({ profile: loadProfile('host-cpython-2.7'), source: source.toString('utf8'), file: 'out.py', onStdout: (t) => (out += t) });
      expect(r.outcome, r.stderr.join('\n')).toBe('ok');
      expect(Buffer.from(encodeOutput(out))).toEqual(want.stdout);
    });

    it('an exception message of bytes reaches stderr as CPython writes it', () => {
      const program = '# -*- coding: utf-8 -*-\nraise ValueError("caf\xc3\xa9 \\xff")\n';
      const source = Buffer.from(program, 'latin1');
      const want = spawnSync(python!, ['-S', '-'], { input: source, env: { PATH: process.env.PATH ?? '' } });
      const lastLine = (b: Buffer) => b.subarray(b.lastIndexOf(0x0a, b.length - 2) + 1);
      let err = '';
      runScript({ profile: loadProfile('host-cpython-2.7'), source: source.toString('utf8'), file: 'err.py', onStderr: (t) => (err += t) });
      expect(Buffer.from(lastLine(Buffer.from(encodeOutput(err))))).toEqual(lastLine(want.stderr));
    });
  });
});

// Source encodings (PEP 263), against the real CPython: a script given as its bytes runs as
// CPython runs the same file (coding declarations, BOM, Python 2's refusal of undeclared
// non-ASCII bytes, unknown encodings), and a script given as text (the host decoded it as
// UTF-8) still runs exactly when that text is the file's.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Memory } from '../../../../firmware/memory/index.js';
import { DevicePython, pythonVersionOf, type RunOutcome } from '../../../../firmware/python/index.js';
import { encodeOutput } from '../../../../firmware/python/runtime/output.js';
import { parseModule } from '../../../../firmware/python/syntax/index.js';
import { loadProfile } from '../../../../src/profiles/profiles.js';
import { findPython } from '../../../support/cpython.js';

const dir = mkdtempSync(join(tmpdir(), 'memsim-coding-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `source` on a fresh device of the host profile; stdout as bytes. */
function runDevice(version: string, source: string | Uint8Array, file: string): { outcome: RunOutcome; stdout: Buffer } {
  const profile = loadProfile(`host-cpython-${version}`);
  const memory = new Memory({ gcModel: profile.gcModel, wordBytes: profile.wordBytes, poolBytes: profile.poolBytes, collectOnAllocFailure: profile.collectOnAllocFailure });
  let out = '';
  const python = new DevicePython({
    memory,
    version: pythonVersionOf(profile.python),
    host: { write: (t) => (out += t), writeError: () => {}, now: () => 0, sleep: () => {}, random: () => 0 },
  });
  const outcome = python.run(source, file);
  return { outcome, stdout: Buffer.from(encodeOutput(out)) };
}

/** CPython running the file: stdout bytes, and the last line of stderr. */
function runCpython(python: string, bytes: Buffer, file: string): { status: number | null; stdout: Buffer; error: string } {
  const path = join(dir, file);
  writeFileSync(path, bytes);
  const r = spawnSync(python, ['-S', file], { cwd: dir, env: { PATH: process.env.PATH ?? '', PYTHONIOENCODING: 'utf-8' } });
  const lines = r.stderr.toString('latin1').trim().split('\n');
  return { status: r.status, stdout: r.stdout, error: r.status === 0 ? '' : lines[lines.length - 1]! };
}

const bytesOf = (latin1: string) => Buffer.from(latin1, 'latin1');

// Programs as bytes (a latin1 JS string: one char per byte), valid in both languages.
const PROGRAMS: [string, string][] = [
  ['latin-1 declared', '# -*- coding: latin-1 -*-\nprint(len("h\xe9"))\nprint(repr(u"h\xe9"))\nprint("h\xe9")\n'],
  ['iso-8859-1 on line 2', '#!/usr/bin/env python\n# vim: set fileencoding=iso-8859-1 :\nx = "caf\xe9"\nprint(len(x))\n'],
  ['utf-8 declared', '# -*- coding: utf-8 -*-\nprint(len("caf\xc3\xa9"))\nprint(repr(u"caf\xc3\xa9"))\nprint("caf\xc3\xa9")\n'],
  ['utf-8 with a BOM', '\xef\xbb\xbfprint(len("caf\xc3\xa9"))\n'],
  ['UTF8 spelled otherwise', '# coding=UTF8\nprint(len("\xe2\x82\xac"))\n'],
  ['ascii declared, ASCII source', '# coding: us-ascii\nprint(1)\n'],
  ['cp1252 declared, ASCII source', '# coding: cp1252\nprint(2)\n'],
  ['no declaration, non-ASCII comment', '# caf\xc3\xa9\nprint(1)\n'],
  ['no declaration, non-ASCII literal on line 3', 'x = 1\n\nprint("caf\xc3\xa9")\n'],
  ['declaration on line 2 after code', 'x = 1\n# coding: latin-1\nprint(len("h\xe9"))\n'],
  ['unknown encoding', '# coding: bogus-enc\nprint(1)\n'],
  ['BOM with latin-1', '\xef\xbb\xbf# coding: latin-1\nprint(1)\n'],
  ['ascii declared, non-ASCII literal', '# coding: ascii\nprint("caf\xc3\xa9")\n'],
  ['utf-16 declared', '# coding: utf-16\nprint(1)\n'],
];

describe.each(['2.7', '3.11', '3.13'])('source encodings: CPython %s vs memsim', (version) => {
  const python = findPython(version);
  it.skipIf(!python).each(PROGRAMS)('%s', (name, program) => {
    const file = `${name.replace(/\W+/g, '_')}.py`;
    const want = runCpython(python!, bytesOf(program), file);
    const got = runDevice(version, bytesOf(program), file);
    const context = `CPython ${version}: ${want.error || 'ok'}\nmemsim: ${JSON.stringify(got.outcome)}`;
    if (want.status === 0) {
      expect(got.outcome.kind, context).toBe('ok');
      expect(got.stdout.toString('latin1'), context).toBe(want.stdout.toString('latin1'));
      return;
    }
    expect(got.outcome.kind, context).toBe('syntax-error');
    const message = got.outcome.kind === 'syntax-error' ? got.outcome.errors[0]!.message : '';
    // CPython names the file by its path (3.x: in full); memsim by the name it was given.
    expect(`SyntaxError: ${message}`, context).toBe(want.error.replace(join(dir, file), file));
  });
});

describe('source encodings from text (the host decoded the file as UTF-8)', () => {
  it('a UTF-8 script declared utf-8 or latin-1 gives the literals CPython gives', () => {
    const utf8 = (s: string) => Buffer.from(s, 'latin1').toString('utf8');
    const src = (decl: string) => utf8(`# -*- coding: ${decl} -*-\nprint(len("caf\xc3\xa9"))\nprint(len(u"caf\xc3\xa9"))\n`);
    for (const [decl, want] of [['utf-8', '5\n4\n'], ['latin-1', '5\n5\n']] as const) {
      const got = runDevice('2.7', src(decl), 'x.py');
      expect(got.outcome.kind).toBe('ok');
      expect(got.stdout.toString('utf8')).toBe(want);
    }
  });

  it('a latin-1 byte the host could not decode is reported at its literal, not guessed', () => {
    const text = bytesOf('# coding: latin-1\n# caf\xe9 in a comment is harmless\nprint(len("h\xe9"))\n').toString('utf8');
    const r = parseModule(text, { file: 'l1.py', pythonMajor: 2, pythonMinor: 7 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(`${r.errors[0]!.line}:${r.errors[0]!.col}: ${r.errors[0]!.message}`).toMatch(/^3:13: a byte of this literal did not reach memsim/);
  });

  it('Python 2.7 refuses undeclared non-ASCII text as from bytes; 2.4 reads it as Latin-1', () => {
    const text = 'x = 1\ny = "café"\n';
    const r = parseModule(text, { file: 'n.py', pythonMajor: 2, pythonMinor: 7 });
    expect(r.ok ? [] : r.errors.map((e) => `${e.line}:${e.col}: ${e.message}`)).toEqual([
      "2:9: Non-ASCII character '\\xc3' in file n.py on line 2, but no encoding declared; see http://python.org/dev/peps/pep-0263/ for details",
    ]);
    const old = parseModule('x = u"café"\n', { file: 'n.py', pythonMajor: 2, pythonMinor: 4 });
    expect(old.ok && old.module.body[0]!.kind === 'Assign' ? old.module.body[0].value : null).toMatchObject({ value: 'caf\xc3\xa9', isBytes: false });
  });
});

// A semantics corpus for device Python: every program in programs/ is run under real CPython
// (the oracle) and under memsim's own interpreter with the matching host-cpython profile, and
// their stdout must agree line for line, as must the outcome (CPython exit 0 <=> memsim 'ok').
//   py2_*.py   Python 2 forms (print statement, xrange, has_key, `except E, e:`): 2.7
//   py3_*.py   Python 3 only (print(), f-strings, nonlocal, super()): 3.11 and 3.12
//   both_*.py  `from __future__ import print_function`, valid in both: 2.7 and 3.11 (each
//              run is compared with its own CPython, so a few lines differ between versions)
// Each interpreter runs all its programs in parallel (async child processes, `-S`,
// PYTHONHASHSEED=0); memsim runs them in-process. A missing interpreter skips its block with a
// visible title. The programs print only what the language defines, plus the table order the
// device models (sets on every version, dicts on 2.x: *_hash_order.py print them whole): no 3.x
// str-keyed set reprs (3.x hashes strings with a random SipHash key), no ids or addresses, no
// hashes, no random or time, no sizes or reference counts, and
// they keep to the device subset (no generator expressions, starred targets, **kwargs,
// decorators or multiple inheritance: memsim rejects those before running by design).
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadProfile } from '../../../src/profiles/profiles.js';
import { runScript, type RunSummary } from '../../../src/run/run-script.js';
import { findPython } from '../../support/cpython.js';

const PROGRAMS_DIR = fileURLToPath(new URL('./programs/', import.meta.url));
const PROGRAMS = readdirSync(PROGRAMS_DIR)
  .filter((name) => name.endsWith('.py'))
  .sort();

/** Which interpreters each family of programs runs under. */
const VERSIONS_OF: Record<string, string[]> = {
  py2: ['2.7'],
  py3: ['3.11', '3.12'],
  both: ['2.7', '3.11'],
};

function versionsOf(program: string): string[] {
  const family = program.slice(0, program.indexOf('_'));
  const versions = VERSIONS_OF[family];
  if (!versions) throw new Error(`${program}: name must start with py2_, py3_ or both_`);
  return versions;
}

const CPYTHON_TIMEOUT_MS = 30_000;

interface CpythonRun {
  status: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
}

/** The environment without PYTHON* variables (they change buffering and warnings), hash seed fixed. */
function pythonEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('PYTHON')) env[key] = value;
  }
  env.PYTHONHASHSEED = '0';
  env.PYTHONIOENCODING = 'utf-8';
  return env;
}

function runCpython(python: string, path: string): Promise<CpythonRun> {
  return new Promise((resolve) => {
    const child = spawn(python, ['-S', path], { env: pythonEnv(), cwd: PROGRAMS_DIR, timeout: CPYTHON_TIMEOUT_MS });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', (err) => resolve({ status: null, signal: null, stdout, stderr: stderr + String(err) }));
    child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr }));
  });
}

/** Runs the program under memsim; a host exception escaping runScript is reported, not thrown. */
function runMemsim(version: string, program: string, source: string): { summary: RunSummary | null; hostError: string | null } {
  try {
    const summary = runScript({ profile: loadProfile(`host-cpython-${version}`), source, file: program, checkInvariants: true });
    return { summary, hostError: null };
  } catch (err) {
    return { summary: null, hostError: err instanceof Error ? `${err.name}: ${err.message}\n${err.stack ?? ''}` : String(err) };
  }
}

function lines(text: string): string[] {
  if (text === '') return [];
  const out = text.replace(/\r\n/g, '\n').split('\n');
  if (out[out.length - 1] === '') out.pop();
  return out;
}

/** "line N: expected ... got ..." for the first line where the two outputs differ, or null. */
function firstDifference(expected: string[], got: string[]): string | null {
  const n = Math.max(expected.length, got.length);
  for (let i = 0; i < n; i++) {
    if (expected[i] !== got[i]) {
      const show = (s: string | undefined) => (s === undefined ? '<no line>' : JSON.stringify(s));
      return `line ${i + 1}: expected ${show(expected[i])} got ${show(got[i])}`;
    }
  }
  return null;
}

function crashReport(summary: RunSummary): string {
  if (summary.crashes.length === 0) return `outcome ${summary.outcome}`;
  return summary.crashes
    .map((c) => `outcome ${summary.outcome}: ${c.kind} at ${c.where}: ${c.message}${c.traceback && c.traceback !== c.message ? `\n${c.traceback}` : ''}`)
    .join('\n');
}

for (const version of ['2.7', '3.11', '3.12']) {
  const programs = PROGRAMS.filter((p) => versionsOf(p).includes(version));
  const python = findPython(version);
  const title = python ? `device Python semantics: CPython ${version} vs memsim host-cpython-${version}` : `skipped: python ${version} not installed`;
  if (!python) console.warn(`semantics: python ${version} not installed; its ${programs.length} programs are skipped`);

  describe.skipIf(!python)(title, () => {
    const oracle = new Map<string, CpythonRun>();
    beforeAll(async () => {
      const runs = await Promise.all(programs.map((p) => runCpython(python!, join(PROGRAMS_DIR, p))));
      runs.forEach((run, i) => oracle.set(programs[i]!, run));
    }, 60_000);

    it.each(programs)('%s', (program) => {
      const expected = oracle.get(program)!;
      expect(expected.signal, `CPython ${version} was killed running ${program}: ${expected.stderr}`).toBeNull();
      const source = readFileSync(join(PROGRAMS_DIR, program), 'utf8');
      const { summary, hostError } = runMemsim(version, basename(program), source);
      expect(hostError, `memsim threw a host error running ${program}`).toBeNull();
      const want = lines(expected.stdout);
      const got = summary!.stdout.join('\n') === '' ? [] : summary!.stdout.join('\n').split('\n');
      const diff = firstDifference(want, got);
      const context = `${diff ?? 'stdout identical'}\nmemsim ${crashReport(summary!)}\nCPython ${version} exit ${expected.status}${expected.stderr ? `: ${expected.stderr.trim()}` : ''}`;
      expect(diff, context).toBeNull();
      expect(summary!.outcome === 'ok', context).toBe(expected.status === 0);
    });
  });
}

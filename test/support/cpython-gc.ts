// Runs the fidelity workloads under a real CPython through test/fidelity/gcstats.py and parses
// what its cyclic collector did, for the tests that compare memsim with the real thing.
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findPython } from './cpython.js';

/** Resolved from this file's place in the source tree (the tests run it from source). */
export const FIDELITY_DIR = fileURLToPath(new URL('../fidelity/', import.meta.url));
export const GCSTATS_DRIVER = join(FIDELITY_DIR, 'gcstats.py');
export const WORKLOADS_DIR = join(FIDELITY_DIR, 'workloads');

/**
 * `-S`: no `site`, so the interpreter's start-up objects do not depend on what is installed in
 * site-packages (baselineTracked stays the same from machine to machine).
 */
export const PYTHON_FLAGS = ['-S'] as const;

export const DEFAULT_TIMEOUT_MS = 60_000;

type PerGeneration = [number, number, number];

/** What gcstats.py reports: CPython's own counts for collections made while the workload ran. */
export interface CpythonGcStats {
  /** Full version of the interpreter that ran, e.g. "3.11.7". */
  python: string;
  /** Collections per generation, by the oldest generation collected; gc.collect() is generation 2. */
  collections: PerGeneration;
  /** Objects freed (3.x callbacks' `collected`; 2.7 DEBUG_STATS' unreachable − uncollectable). */
  collected: PerGeneration;
  /** Objects found unreachable but kept (2.7: cycles holding `__del__`). */
  uncollectable: PerGeneration;
  /** Every collection in order: [generation, objects collected]. */
  sequence: [number, number][];
  /** len(gc.get_objects()) just before the workload, after the driver's own full collection. */
  baselineTracked: number;
  /** gc.get_count() at the same moment. */
  baselineCount: PerGeneration;
  /** The workload's own stdout: everything before the JSON line. */
  stdout: string;
  /** The workload's stderr (on 2.7, without the collector's DEBUG_STATS lines). */
  stderr: string;
}

/** One run of the driver, before parsing. */
export interface GcStatsRun {
  interpreter: string;
  workloadPath: string;
  /** Exit status; null when killed (then `signal` says by what, e.g. the timeout's SIGTERM). */
  status: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  elapsedMs: number;
}

/** Absolute paths of the workload scripts, sorted. */
export function listWorkloads(): string[] {
  return readdirSync(WORKLOADS_DIR)
    .filter((name) => name.endsWith('.py'))
    .sort()
    .map((name) => join(WORKLOADS_DIR, name));
}

function driverArgs(workloadPath: string): string[] {
  return [...PYTHON_FLAGS, GCSTATS_DRIVER, workloadPath];
}

/**
 * The caller's environment without PYTHON* variables, plus a fixed hash seed. They matter:
 * with PYTHONUNBUFFERED=1, 3.x's print() allocates differently and the collections of a
 * workload that prints shift by a few objects.
 */
function driverEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('PYTHON')) env[key] = value;
  }
  env.PYTHONHASHSEED = '0';
  env.PYTHONDONTWRITEBYTECODE = '1';
  return env;
}

/** Parses a successful run; throws, quoting stderr, when the run failed or printed no report. */
export function parseGcStatsRun(run: GcStatsRun): CpythonGcStats {
  const where = `${run.interpreter} gcstats.py ${run.workloadPath}`;
  if (run.status !== 0) {
    throw new Error(`${where} exited with ${run.status ?? run.signal}:\n${run.stderr}`);
  }
  const text = run.stdout.replace(/\n$/, '');
  const cut = text.lastIndexOf('\n');
  const last = text.slice(cut + 1);
  let report: Omit<CpythonGcStats, 'stdout' | 'stderr'>;
  try {
    report = JSON.parse(last) as typeof report;
  } catch (e) {
    throw new Error(`${where}: the last line of stdout is not JSON (${(e as Error).message}): ${last.slice(0, 200)}`);
  }
  return { ...report, stdout: cut < 0 ? '' : text.slice(0, cut + 1), stderr: run.stderr };
}

/**
 * Runs gcstats.py on one workload under CPython `version` ("2.7", "3.11", …) and returns its
 * report, or null when that Python is not installed. Throws when the run fails.
 */
export function runCpythonGcStats(version: string, workloadPath: string, timeoutMs = DEFAULT_TIMEOUT_MS): CpythonGcStats | null {
  const interpreter = findPython(version);
  if (!interpreter) return null;
  const started = performance.now();
  const result = spawnSync(interpreter, driverArgs(workloadPath), {
    cwd: dirname(workloadPath),
    env: driverEnv(),
    encoding: 'utf8',
    timeout: timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error && result.status === null && result.signal === null) throw result.error;
  return parseGcStatsRun({
    interpreter,
    workloadPath,
    status: result.status,
    signal: result.signal,
    stdout: result.stdout,
    stderr: result.stderr,
    elapsedMs: performance.now() - started,
  });
}

/** The same run without blocking, unparsed, so that tests can run many at once. */
export function spawnGcStats(interpreter: string, workloadPath: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<GcStatsRun> {
  return spawnPython(interpreter, driverArgs(workloadPath), workloadPath, timeoutMs);
}

/** Runs a workload directly (`python -S WORKLOAD.py`, no driver), for comparing its output. */
export function spawnWorkload(interpreter: string, workloadPath: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<GcStatsRun> {
  return spawnPython(interpreter, [...PYTHON_FLAGS, workloadPath], workloadPath, timeoutMs);
}

function spawnPython(interpreter: string, args: string[], workloadPath: string, timeoutMs: number): Promise<GcStatsRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(interpreter, args, { cwd: dirname(workloadPath), env: driverEnv(), timeout: timeoutMs });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (status, signal) =>
      resolve({
        interpreter,
        workloadPath,
        status,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        elapsedMs: performance.now() - started,
      }),
    );
  });
}

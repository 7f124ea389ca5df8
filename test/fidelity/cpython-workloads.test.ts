// Proves the CPython side of the fidelity suite: every workload runs unchanged under each installed CPython (2.7, 3.6–3.13) through gcstats.py, which exits 0 and reports consistent collector counts.
import { basename } from 'node:path';
import { availableParallelism } from 'node:os';
import { beforeAll, describe, expect, it } from 'vitest';
import { findPython } from '../support/cpython.js';
import {
  listWorkloads,
  parseGcStatsRun,
  runCpythonGcStats,
  spawnGcStats,
  spawnWorkload,
  type CpythonGcStats,
  type GcStatsRun,
} from '../support/cpython-gc.js';

const VERSIONS = ['2.7', '3.6', '3.7', '3.8', '3.9', '3.10', '3.11', '3.12', '3.13'];
const workloads = listWorkloads();
const names = workloads.map((path) => basename(path));
const installed = VERSIONS.filter((v) => findPython(v) !== null);
const py3 = installed.filter((v) => v.startsWith('3.'));

/**
 * Where a workload's stdout may differ between 2.7 and 3.x: under 2.7 a cycle holding an object
 * with __del__ is uncollectable (its __del__ never runs, gc.garbage keeps it); 3.4+ collects it.
 * Every workload prints the same thing under every 3.x, and every other one under 2.7 too.
 */
const PY2_OUTPUT_DIFFERS = new Set(['finalizer_cycles.py']);

/** Workloads whose gc.collect() calls are counted as generation-2 collections: at least this many. */
const MANUAL_COLLECTS: Record<string, number> = { 'manual_collect.py': 34, 'large_buffers.py': 60, 'finalizer_cycles.py': 1 };

interface Outcome {
  driver: GcStatsRun;
  direct: GcStatsRun;
}

const outcomes = new Map<string, Outcome>();
const key = (version: string, name: string) => `${version} ${name}`;

/** Runs `jobs` at most `limit` at a time. */
async function pool(jobs: (() => Promise<void>)[], limit: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) await jobs[next++]!();
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
}

// Every (version, workload) pair runs once, in parallel, before the checks read the results.
beforeAll(async () => {
  const jobs: (() => Promise<void>)[] = [];
  for (const version of installed) {
    const python = findPython(version)!;
    workloads.forEach((path, i) =>
      jobs.push(async () => {
        const driver = await spawnGcStats(python, path);
        const direct = await spawnWorkload(python, path);
        outcomes.set(key(version, names[i]!), { driver, direct });
      }),
    );
  }
  await pool(jobs, Math.max(2, availableParallelism()));
}, 120_000);

function outcome(version: string, name: string): Outcome {
  const o = outcomes.get(key(version, name));
  if (!o) return expect.fail(`no run of ${name} under ${version}`);
  return o;
}

function report(version: string, name: string): CpythonGcStats {
  return parseGcStatsRun(outcome(version, name).driver);
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

it('has 10 to 14 workloads', () => {
  expect(workloads.length).toBeGreaterThanOrEqual(10);
  expect(workloads.length).toBeLessThanOrEqual(14);
});

describe('runCpythonGcStats', () => {
  it('returns null for a Python that is not installed', () => {
    expect(runCpythonGcStats('1.5', workloads[0]!)).toBeNull();
  });

  it.skipIf(installed.length === 0)('gives the same report as the parallel run: the counts are deterministic', () => {
    const version = installed[installed.length - 1]!;
    const again = runCpythonGcStats(version, workloads[0]!)!;
    expect(again).toEqual(report(version, names[0]!));
  });
});

for (const version of VERSIONS) {
  const missing = !installed.includes(version);
  if (missing) console.warn(`cpython-workloads: skipped: python ${version} not installed (pyenv or PATH)`);
  describe.skipIf(missing)(missing ? `CPython ${version} (skipped: python ${version} not installed)` : `CPython ${version}`, () => {
    it.each(names)('%s: exits 0 and reports consistent counts', (name) => {
      const { driver } = outcome(version, name);
      expect(driver.status, driver.stderr).toBe(0);
      const r = report(version, name);
      expect(r.python.startsWith(`${version}.`)).toBe(true);

      for (const field of ['collections', 'collected', 'uncollectable', 'baselineCount'] as const) {
        expect(r[field]).toHaveLength(3);
        for (const n of r[field]) expect(Number.isInteger(n) && n >= 0, `${field} ${r[field]}`).toBe(true);
      }
      expect(sum(r.collections)).toBeGreaterThan(0);
      expect(r.baselineTracked).toBeGreaterThan(1000);

      // The per-generation totals are exactly the sums over the sequence.
      const collections = [0, 0, 0];
      const collected = [0, 0, 0];
      for (const [gen, freed] of r.sequence) {
        expect([0, 1, 2]).toContain(gen);
        expect(Number.isInteger(freed) && freed >= 0).toBe(true);
        collections[gen]! += 1;
        collected[gen]! += freed;
      }
      expect(collections).toEqual(r.collections);
      expect(collected).toEqual(r.collected);

      // Only 2.x leaves cycles uncollectable, and only where a cycle holds __del__.
      const uncollectable = version === '2.7' && name === 'finalizer_cycles.py';
      expect(sum(r.uncollectable) > 0).toBe(uncollectable);
      expect(r.collections[2]).toBeGreaterThanOrEqual(MANUAL_COLLECTS[name] ?? 0);
    });

    it('long_lived_growth.py: the 25 % rule skips full collections (more than 11 generation-1 collections in a row)', () => {
      const runs = report(version, 'long_lived_growth.py')
        .sequence.map(([gen]) => gen)
        .join('')
        .split('2')
        .map((between) => between.replace(/0/g, '').length);
      expect(Math.max(...runs)).toBeGreaterThan(11);
    });

    it.each(names)('%s: prints the same through the driver as when run directly', (name) => {
      const { direct } = outcome(version, name);
      expect(direct.status, direct.stderr).toBe(0);
      expect(report(version, name).stdout).toBe(direct.stdout);
      expect(direct.stdout.length).toBeGreaterThan(0);
    });
  });
}

describe.skipIf(py3.length < 2)('output across versions', () => {
  it.each(names)('%s: the same stdout under every installed 3.x', (name) => {
    const first = outcome(py3[0]!, name).direct.stdout;
    for (const v of py3.slice(1)) expect(outcome(v, name).direct.stdout, `${name} under ${v} vs ${py3[0]}`).toBe(first);
  });
});

describe.skipIf(!installed.includes('2.7') || py3.length === 0)('output of 2.7 against 3.x', () => {
  it.each(names.filter((n) => !PY2_OUTPUT_DIFFERS.has(n)))('%s: the same stdout under 2.7 and 3.x', (name) => {
    expect(outcome('2.7', name).direct.stdout).toBe(outcome(py3[py3.length - 1]!, name).direct.stdout);
  });

  it('finalizer_cycles.py: 2.7 keeps the __del__ cycles in gc.garbage, 3.x collects them', () => {
    const py2 = outcome('2.7', 'finalizer_cycles.py').direct.stdout;
    const newest = outcome(py3[py3.length - 1]!, 'finalizer_cycles.py').direct.stdout;
    expect(py2).toContain('len(gc.garbage): 12000');
    expect(py2).toContain('__del__ calls: 12000');
    expect(newest).toContain('len(gc.garbage): 0');
    expect(newest).toContain('__del__ calls: 24000');
  });
});

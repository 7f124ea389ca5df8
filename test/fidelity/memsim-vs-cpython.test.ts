// Proves that memsim's collector, driven by device Python, sees what real CPython's sees:
// every fidelity workload runs under each installed CPython (its own gc statistics) and
// under memsim with the matching host-cpython profile; collections per generation and
// objects collected per generation agree within 2 % (or ±2), and stdout is identical.
import { basename } from 'node:path';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { findPython } from '../support/cpython.js';
import { listWorkloads, parseGcStatsRun, spawnGcStats, type CpythonGcStats } from '../support/cpython-gc.js';
import { loadProfile } from '../../src/profiles/profiles.js';
import { runScript } from '../../src/run/run-script.js';

const VERSIONS = ['2.7', '3.11', '3.12', '3.13'];
const workloads = listWorkloads();

/** Within 2 % of CPython's figure, or ±2 for small figures. */
function close(memsim: number, cpython: number, slack = 0): boolean {
  return Math.abs(memsim - cpython) <= Math.max(2, 0.02 * cpython) + slack;
}

/**
 * Known deviations, each with its reason and the extra slack it is granted (objects).
 * 2.7 finalizer_cycles: the final gc.collect() finds the garbage of the iterations since the
 * last automatic collection; memsim's phase differs from CPython's by about 5 iterations
 * (20 objects of 96,000) because CPython 2.7's start-up free-list state is not reproduced.
 * Collections per generation and the other generations agree within 2 %.
 */
const KNOWN: Record<string, { generation: number; slack: number }> = {
  '2.7/finalizer_cycles.py': { generation: 2, slack: 24 },
};

for (const version of VERSIONS) {
  const python = findPython(version);
  const title = python ? `CPython ${version} vs memsim host-cpython-${version}` : `skipped: python ${version} not installed`;
  if (!python) console.warn(`memsim-vs-cpython: python ${version} not installed; its fidelity comparison is skipped`);
  describe.skipIf(!python)(title, () => {
    const cpython = new Map<string, CpythonGcStats>();
    beforeAll(async () => {
      const runs = await Promise.all(workloads.map((w) => spawnGcStats(python!, w)));
      runs.forEach((r, i) => cpython.set(workloads[i]!, parseGcStatsRun(r)));
    }, 120_000);

    it.each(workloads.map((w) => [basename(w), w]))('%s', (_name, path) => {
      const expected = cpython.get(path)!;
      const summary = runScript({ profile: loadProfile(`host-cpython-${version}`), source: readFileSync(path, 'utf8'), file: basename(path), checkInvariants: true });
      expect(summary.outcome, summary.crashes.map((c) => c.traceback).join('\n')).toBe('ok');
      expect(summary.stdout.join('\n')).toBe(expected.stdout.trimEnd());
      const report = `memsim ${JSON.stringify({ collections: summary.gc.collections, collected: summary.gc.collected })} cpython ${JSON.stringify({ collections: expected.collections, collected: expected.collected })}`;
      const known = KNOWN[`${version}/${basename(path)}`];
      for (let g = 0; g < 3; g++) {
        const slack = known && known.generation === g ? known.slack : 0;
        expect(close(summary.gc.collections[g]!, expected.collections[g]!), `collections of generation ${g}: ${report}`).toBe(true);
        expect(close(summary.gc.collected[g]!, expected.collected[g]!, slack), `collected in generation ${g}: ${report}`).toBe(true);
      }
    });
  });
}

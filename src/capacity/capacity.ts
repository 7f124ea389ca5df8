// `memsim capacity`: a sweep, its report, and (with --min-pool) the smallest pool per
// profile and strategy on which every seed meets the scenario's expectations.

import { loadProfile } from '../profiles/profiles.js';
import { bootProblem, loadScenario } from '../scenario/scenario.js';
import { runCells } from './pool.js';
import { mib, recommend, summarise, type CapacityReport, type MinPool } from './report.js';
import { cellsOf, isCellResult, parsePolicy, SweepError, type Cell, type CellResult, type SweepSpec } from './sweep.js';
import type { ChartSeries } from './html.js';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface CapacityOptions {
  jobs?: number;
  minPool?: boolean;
  onProgress?: (done: number, total: number) => void;
  /**
   * Keep every finished run in DIR/cells/ as it finishes; a sweep started again with the
   * same arguments and DIR skips the runs already there (an interrupted sweep resumes).
   */
  outDir?: string;
}

/** Checks the sweep's arguments: every problem is an error before any work starts. */
export function checkSweep(spec: SweepSpec): void {
  const problems: string[] = [];
  const scenario = loadScenario(spec.scenario);
  if (spec.profiles.length === 0) problems.push('--profiles: no profile given');
  if (spec.pools.length === 0) problems.push('--pool: no pool size given');
  if (spec.policies.length === 0) problems.push('--policies: no strategy given');
  if (spec.thresholds.length === 0) problems.push('--gc-threshold: no threshold set given');
  if (!Number.isInteger(spec.seeds) || spec.seeds < 1) problems.push(`--seeds: expected a positive integer, got ${spec.seeds}`);
  for (const id of spec.profiles) {
    let profile;
    try {
      profile = loadProfile(id);
    } catch (e) {
      problems.push((e as Error).message);
      continue;
    }
    for (const pool of spec.pools) {
      if (pool === null) continue;
      if (pool > profile.ramBytes) problems.push(`--pool ${pool} bytes is more than ${id}'s RAM (${profile.ramBytes} bytes)`);
      else {
        const why = bootProblem(profile, pool);
        if (why) problems.push(`--pool ${pool} bytes on ${id}: ${why}`);
      }
    }
  }
  for (const p of spec.policies) {
    try {
      parsePolicy(p, scenario.policy);
    } catch (e) {
      problems.push((e as Error).message);
    }
  }
  if (problems.length > 0) throw new SweepError(problems.join('\n'));
}

export async function capacity(spec: SweepSpec, options: CapacityOptions = {}): Promise<CapacityReport> {
  checkSweep(spec);
  const cells = cellsOf(spec);
  const store = options.outDir ? new CellStore(options.outDir, spec) : null;
  const known = store ? store.load() : new Map<number, CellResult>();
  const todo = cells.filter((c) => !known.has(c.index));
  let done = cells.length - todo.length;
  const fresh = await runCells(spec.scenario, todo, {
    jobs: options.jobs,
    onResult: (r) => {
      store?.save(r);
      options.onProgress?.(++done, cells.length);
    },
  });
  fresh.forEach((r) => known.set(r.index, r));
  const results = cells.map((c) => known.get(c.index)!);
  const configs = summarise(cells, results);
  lastCharts = chartsOf(cells, results);
  const minPools: MinPool[] = [];
  if (options.minPool) {
    for (const profileId of spec.profiles) {
      for (const policy of spec.policies) minPools.push(await minimumPool(spec, profileId, policy, options.jobs));
    }
  }
  return { scenario: spec.scenario, cells: cells.length, configs, recommendations: recommend(configs), minPools };
}

let lastCharts: ChartSeries[] = [];

/** The charts' data of the last sweep: each configuration's first seed, and its pauses over all seeds. */
export function chartsOfLastSweep(): ChartSeries[] {
  return lastCharts;
}

export function chartsOf(cells: Cell[], results: CellResult[]): ChartSeries[] {
  const byConfig = new Map<string, ChartSeries>();
  cells.forEach((cell, i) => {
    const r = results[i]!;
    const key = JSON.stringify([cell.profile, cell.poolBytes, cell.thresholds, cell.policy]);
    const existing = byConfig.get(key);
    if (!existing) {
      byConfig.set(key, {
        label: `${cell.profile} ${mib(r.poolBytes)} ${cell.policy}${cell.thresholds ? ` ${cell.thresholds.join(',')}` : ''}`,
        series: r.series,
        collectionTimes: r.collectionTimes,
        pauseHistogram: { upToMs: r.pauseHistogram.upToMs, counts: [...r.pauseHistogram.counts] },
      });
    } else r.pauseHistogram.counts.forEach((n, k) => (existing.pauseHistogram.counts[k]! += n));
  });
  return [...byConfig.values()];
}

/** Finished runs on disk: one file per cell, written atomically, for the sweep they belong to. */
class CellStore {
  private readonly dir: string;

  constructor(root: string, spec: SweepSpec) {
    this.dir = join(root, 'cells');
    mkdirSync(this.dir, { recursive: true });
    const specFile = join(root, 'sweep.json');
    const text = JSON.stringify(spec);
    if (existsSync(specFile) && readFileSync(specFile, 'utf8') !== text) {
      throw new SweepError(`${root} holds the runs of a different sweep; use another --out directory`);
    }
    writeFileSync(specFile, text);
  }

  load(): Map<number, CellResult> {
    const out = new Map<number, CellResult>();
    for (const f of readdirSync(this.dir)) {
      if (!/^\d+\.json$/.test(f)) continue;
      try {
        const r: unknown = JSON.parse(readFileSync(join(this.dir, f), 'utf8'));
        // a file that is not a whole result (torn, edited) is not one: the run is done again
        if (isCellResult(r) && `${r.index}.json` === f) out.set(r.index, r);
      } catch {
        // not JSON: the same
      }
    }
    return out;
  }

  save(r: CellResult): void {
    const file = join(this.dir, `${r.index}.json`);
    writeFileSync(`${file}.tmp`, JSON.stringify(r));
    renameSync(`${file}.tmp`, file);
  }
}

/** Bisection (to 1 %) for the smallest pool on which every seed passes. */
async function minimumPool(spec: SweepSpec, profileId: string, policy: string, jobs?: number): Promise<MinPool> {
  const profile = loadProfile(profileId);
  const passes = async (pool: number) => {
    const cells = cellsOf({ ...spec, profiles: [profileId], pools: [pool], thresholds: [spec.thresholds[0]!], policies: [policy] });
    const rs = await runCells(spec.scenario, cells, { jobs });
    return rs.every((r) => r.passed);
  };
  let hi = profile.ramBytes;
  if (!(await passes(hi))) return { profile: profileId, policy, minPoolBytes: null, profilePoolBytes: profile.poolBytes, headroom: null };
  let lo = 64 * 1024;
  while (bootProblem(profile, lo) !== null && lo < hi) lo = Math.ceil(lo * 1.25);
  if (await passes(lo)) hi = lo;
  // Invariant: hi passes, lo fails (or lo == hi).
  while (hi - lo > hi * 0.01) {
    const mid = Math.floor((lo + hi) / 2 / 1024) * 1024;
    if (mid <= lo) break;
    if (await passes(mid)) hi = mid;
    else lo = mid;
  }
  return { profile: profileId, policy, minPoolBytes: hi, profilePoolBytes: profile.poolBytes, headroom: profile.poolBytes / hi - 1 };
}

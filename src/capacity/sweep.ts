// Capacity sweeps: the cross product of device profiles, pool sizes, GC thresholds, GC
// strategies and seeds, each cell one full simulated run of a scenario. Cells are pure
// functions of their parameters, so any split of the work (threads, shards, machines)
// gives the same results as one thread doing them in order.

import type { GcPolicy } from '../../firmware/device/device.js';
import { loadProfile } from '../profiles/profiles.js';
import { runScenario, type ScenarioSummary } from '../scenario/run-scenario.js';
import { loadScenario, type Scenario } from '../scenario/scenario.js';
import { parseDuration } from '../scenario/units.js';

export interface SweepSpec {
  scenario: string;
  profiles: string[];
  /** Pool sizes in bytes; null = each profile's own pool. */
  pools: (number | null)[];
  /** null = the scenario's (or profile's) thresholds. */
  thresholds: ([number, number, number] | null)[];
  /** Strategy names (see parsePolicy); 'scenario' keeps the scenario's own policy. */
  policies: string[];
  seeds: number;
  firstSeed: number;
}

export interface Cell {
  index: number;
  profile: string;
  poolBytes: number | null;
  thresholds: [number, number, number] | null;
  policy: string;
  seed: number;
}

/** What a sweep keeps of one run. */
export interface CellResult {
  index: number;
  outcome: ScenarioSummary['outcome'];
  passed: boolean;
  poolBytes: number;
  memoryErrorAtS: number | null;
  crashes: number;
  peakBytes: number;
  minFreeBytes: number;
  pauseMaxMs: number;
  pauseP99Ms: number;
  gcTotalMs: number;
  bootMs: number;
  collections: number[];
  failed: string[];
  /** For the charts: memory in use over time ([s, bytes]) and when collections ran. */
  series: [number, number][];
  collectionTimes: number[];
  pauseHistogram: { upToMs: number[]; counts: number[] };
}

export class SweepError extends Error {}

const num = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v);
const numOrNull = (v: unknown): boolean => v === null || num(v);
const nums = (v: unknown): boolean => Array.isArray(v) && v.every(num);

/**
 * Whether a value read back from a file (a resumed run, a shard) has a run result's shape:
 * what the reports read of it. A file that does not is not a result.
 */
export function isCellResult(v: unknown): v is CellResult {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const r = v as Record<string, unknown>;
  const h = r.pauseHistogram as Record<string, unknown> | undefined;
  return Number.isSafeInteger(r.index) && (r.index as number) >= 0 && typeof r.outcome === 'string' && typeof r.passed === 'boolean'
    && ['poolBytes', 'crashes', 'peakBytes', 'minFreeBytes', 'pauseMaxMs', 'pauseP99Ms', 'gcTotalMs', 'bootMs'].every((k) => num(r[k]))
    && numOrNull(r.memoryErrorAtS) && nums(r.collections) && Array.isArray(r.failed) && r.failed.every((f) => typeof f === 'string')
    && Array.isArray(r.series) && r.series.every(nums) && nums(r.collectionTimes)
    && typeof h === 'object' && h !== null && nums(h.upToMs) && nums(h.counts);
}

/** Whether a value has a cell's shape (a shard file's `cells`). */
export function isCell(v: unknown): v is Cell {
  if (typeof v !== 'object' || v === null) return false;
  const c = v as Record<string, unknown>;
  return Number.isSafeInteger(c.index) && typeof c.profile === 'string' && numOrNull(c.poolBytes)
    && (c.thresholds === null || (nums(c.thresholds) && (c.thresholds as number[]).length === 3)) && typeof c.policy === 'string' && Number.isSafeInteger(c.seed);
}

/**
 * A strategy: `auto` (automatic collection only), `none` (gc.disable(): no collection at
 * all), `startup` (collect after start-up), `every:DURATION`, `on:EVENT[/EVENT...]`, or a
 * combination joined with `+` (e.g. `startup+every:1h`); `scenario` keeps the file's policy.
 */
export function parsePolicy(text: string, base: GcPolicy): GcPolicy {
  if (text === 'scenario') return base;
  const policy: GcPolicy = { afterStartup: false, everyS: null, on: [], disableAutomatic: false };
  for (const part of text.split('+')) {
    const [kind, arg] = part.split(':') as [string, string | undefined];
    if (kind === 'auto' && arg === undefined) continue;
    if (kind === 'none' && arg === undefined) policy.disableAutomatic = true;
    else if (kind === 'startup' && arg === undefined) policy.afterStartup = true;
    else if (kind === 'every' && arg !== undefined) {
      const s = parseDuration(arg);
      if (s === null || s <= 0) throw new SweepError(`policy "${text}": "${arg}" is not a duration`);
      policy.everyS = s;
    } else if (kind === 'on' && arg) policy.on.push(...arg.split('/').filter(Boolean));
    else throw new SweepError(`unknown policy "${part}" (expected auto, none, startup, every:DURATION, on:EVENT, scenario, joined with +)`);
  }
  return policy;
}

/** Every cell of the sweep, in a fixed order. */
export function cellsOf(spec: SweepSpec): Cell[] {
  const cells: Cell[] = [];
  for (const profile of spec.profiles) {
    for (const poolBytes of spec.pools) {
      for (const thresholds of spec.thresholds) {
        for (const policy of spec.policies) {
          for (let k = 0; k < spec.seeds; k++) {
            cells.push({ index: cells.length, profile, poolBytes, thresholds, policy, seed: spec.firstSeed + k });
          }
        }
      }
    }
  }
  return cells;
}

const loaded = new Map<string, Scenario>();

/** Runs one cell (deterministic). The scenario is read once per thread. */
export function runCell(scenarioFile: string, cell: Cell): CellResult {
  let scenario = loaded.get(scenarioFile);
  if (!scenario) loaded.set(scenarioFile, (scenario = loadScenario(scenarioFile)));
  const profile = loadProfile(cell.profile);
  const summary = runScenario(scenario, {
    profile,
    poolBytes: cell.poolBytes ?? undefined,
    thresholds: cell.thresholds ?? undefined,
    policy: parsePolicy(cell.policy, scenario.policy),
    seed: cell.seed,
  });
  const oom = summary.crashes.find((c) => c.kind === 'MemoryError');
  return {
    index: cell.index,
    outcome: summary.outcome,
    passed: summary.outcome === 'ok',
    poolBytes: summary.memory.poolBytes,
    memoryErrorAtS: oom ? oom.atS : null,
    crashes: summary.crashes.length,
    peakBytes: summary.memory.peakBytes,
    minFreeBytes: summary.memory.minFreeBytes,
    pauseMaxMs: summary.gc.pauseMs.max,
    pauseP99Ms: summary.gc.pauseMs.p99,
    gcTotalMs: summary.gc.pauseMs.total,
    bootMs: summary.time.bootMs,
    collections: summary.gc.collections,
    failed: summary.expectations.filter((e) => !e.pass).map((e) => e.expr),
    series: summary.series,
    collectionTimes: summary.collectionTimes,
    pauseHistogram: summary.pauseHistogram,
  };
}

// Runs a loaded scenario on the simulated device and summarises it in the design
// brief's fixed JSON shape, with every expectation evaluated.

import { Device, type DeviceEvent, type DeviceReport } from '../../firmware/device/device.js';
import { consoleDeviceOf } from '../../firmware/device/console-device.js';
import { Console } from '../../firmware/console/console.js';
import { pauseStats, type RunSummary } from '../run/run-script.js';
import { evaluate } from './expectations.js';
import type { Scenario } from './scenario.js';
import type { DeviceProfile } from '../profiles/profiles.js';
import type { GcPolicy } from '../../firmware/device/device.js';

export interface ScenarioSummary extends Omit<RunSummary, 'outcome'> {
  outcome: RunSummary['outcome'];
  name: string;
  boots: number;
  memory: RunSummary['memory'] & { liveBytes: number };
  /** Critical sections that missed their deadline. */
  criticalMissed: number;
  /** Crashes beyond the first 1000 (a crash loop), counted but not listed; absent when none. */
  crashesOmitted?: number;
  /** Memory over time ([s, usedBytes], ~300 points), collection times, and pauses by size. */
  series: [number, number][];
  collectionTimes: number[];
  pauseHistogram: { upToMs: number[]; counts: number[] };
  gc: RunSummary['gc'] & { manual: number };
}

export interface RunObservers {
  onEvent?: (e: DeviceEvent) => void;
  onProgress?: (nowS: number, durationS: number) => void;
}

export interface ScenarioOverrides {
  seed?: number;
  poolBytes?: number;
  thresholds?: [number, number, number];
  durationS?: number;
  /** Another device (capacity sweeps); its own pool unless poolBytes says otherwise. */
  profile?: DeviceProfile;
  policy?: GcPolicy;
}

export function runScenario(scenario: Scenario, overrides: ScenarioOverrides = {}, observers: RunObservers = {}): ScenarioSummary {
  const s: Scenario = overrides.profile
    ? { ...scenario, profile: overrides.profile, poolBytes: overrides.profile.poolBytes, policy: overrides.policy ?? scenario.policy }
    : { ...scenario, policy: overrides.policy ?? scenario.policy };
  const p = s.profile;
  const device = new Device({
    spec: {
      id: p.id,
      python: p.python,
      gcModel: p.gcModel,
      wordBytes: p.wordBytes,
      poolBytes: overrides.poolBytes ?? s.poolBytes,
      collectOnAllocFailure: p.collectOnAllocFailure,
      startupTrackedObjects: p.startupTrackedObjects ?? 0,
      ticksPerSecond: p.ticksPerSecond ?? 1_000_000,
      gcCostNs: p.gcCostNs ?? { perObject: 0, perEdge: 0, perCollection: 0 },
      allocCostNs: p.allocCostNs ?? { alloc: 0, free: 0 },
      lowMemoryRebootBytes: p.lowMemoryRebootBytes ?? 0,
      thresholds: overrides.thresholds ?? s.thresholds,
    },
    apps: s.apps,
    policy: s.policy,
    events: s.events,
    durationS: overrides.durationS ?? s.durationS,
    seed: overrides.seed ?? s.seed,
    watchdogS: s.watchdogS,
    maxReboots: 1000,
    onEvent: observers.onEvent,
    // digicli speaks the serial console's language to the device it runs on.
    digicli: (device, command) => {
      const r = new Console(consoleDeviceOf(device.consoleSource())).execute(command);
      return r.ok ? { ok: true, lines: r.text } : { ok: false, lines: [r.error] };
    },
    onProgress: observers.onProgress,
  });
  const r = device.run();
  const summary = toSummary(s, r, overrides.seed ?? s.seed);
  const expectations = s.expect.map((e) => {
    try {
      return { expr: e.text, pass: Boolean(evaluate(e.expr, summary as unknown as Record<string, unknown>)) };
    } catch (err) {
      return { expr: e.text, pass: false, error: (err as Error).message };
    }
  });
  summary.expectations = expectations;
  if (summary.outcome === 'ok' && expectations.some((e) => !e.pass)) summary.outcome = 'expectation-failed';
  // A scenario that expects its MemoryError is a pass: the verdict is the expectations'.
  if (summary.outcome !== 'ok' && summary.outcome !== 'expectation-failed' && expectations.length > 0 && expectations.every((e) => e.pass)) summary.outcome = 'ok';
  return summary;
}

function toSummary(s: Scenario, r: DeviceReport, seed: number): ScenarioSummary {
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    outcome: r.outcome,
    name: s.name,
    profile: s.profile.id,
    gcModel: s.profile.gcModel,
    seed,
    boots: r.boots,
    gc: {
      collections: r.collections,
      collected: r.collected,
      uncollectable: r.uncollectable,
      automatic: r.automaticCollections,
      manual: r.manualCollections,
      pauseMs: pauseStats(r.pausesMs),
    },
    memory: { poolBytes: r.poolBytes, peakBytes: r.peakBytes, minFreeBytes: r.minFreeBytes, minLargestFreeBlock: r.minLargestFreeBlock, usedBytes: r.endUsedBytes, liveBytes: r.endLiveBytes, liveObjects: 0 } as ScenarioSummary['memory'],
    criticalMissed: r.critical.filter((c) => c.missed).length,
    series: r.series,
    collectionTimes: r.collectionTimes,
    pauseHistogram: histogram(r.pausesMs),
    time: { bootMs: round(r.bootMs ?? 0), endS: round(r.endS) },
    crashes: r.crashes.map((c) => ({ atS: round(c.atS), kind: c.kind, where: c.where, message: c.message, traceback: c.traceback, heap: c.heap, topTypes: c.topTypes, action: c.action })),
    ...(r.crashesOmitted > 0 ? { crashesOmitted: r.crashesOmitted } : {}),
    stdout: splitLines(r.stdout),
    stderr: splitLines(r.stderr),
    expectations: [],
    critical: r.critical,
    work: { ticks: r.ticks },
  };
}

/** Pauses counted in bins up to 0.1, 0.2, 0.5, 1, 2, 5 ... ms (the last bin takes the rest). */
export function histogram(pausesMs: number[]): { upToMs: number[]; counts: number[] } {
  const upToMs = [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, Infinity];
  const counts = upToMs.map(() => 0);
  for (const p of pausesMs) counts[upToMs.findIndex((b) => p <= b)]!++;
  return { upToMs: upToMs.map((b) => (b === Infinity ? -1 : b)), counts };
}

function splitLines(s: string): string[] {
  if (s === '') return [];
  const lines = s.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

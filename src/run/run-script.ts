// `memsim run script.py`: boots a device profile's Python on its memory manager, runs
// one script on a virtual clock, and summarises what the memory saw, in the fixed
// JSON shape of the design brief.

import { assertHeapInvariants, Memory } from '../../firmware/memory/index.js';
import { DevicePython, DeviceStop, pythonVersionOf, type RunOutcome } from '../../firmware/python/index.js';
import { SeededRandom } from '../../firmware/python/modules/random.js';
import type { DeviceProfile } from '../profiles/profiles.js';
import { bootProblem } from '../scenario/scenario.js';
import { Console } from '../../firmware/console/console.js';
import { consoleDeviceOf } from '../../firmware/device/console-device.js';

export interface RunScriptOptions {
  profile: DeviceProfile;
  /** The script: its bytes as read from the file (the coding declaration decides), or text. */
  source: string | Uint8Array;
  file: string;
  seed?: number;
  poolBytes?: number;
  thresholds?: [number, number, number];
  /**
   * Work the device does per virtual second (loop iterations and calls); the profile's
   * figure by default. A script advances virtual time by its work.
   */
  ticksPerSecond?: number;
  /** Virtual seconds a script may run without sleeping before the watchdog resets the device. */
  watchdogSeconds?: number;
  /** Receives the script's output as it is printed. */
  onStdout?: (text: string) => void;
  onStderr?: (text: string) => void;
  /** Check the heap's invariants when the script ends (tests): throws on a broken heap. */
  checkInvariants?: boolean;
  /**
   * Virtual seconds the run lasts at most (DEFAULT_SCRIPT_DURATION_S): a script that loops
   * forever with sleeps, as gateway apps do, is stopped there and the run is 'ok'.
   */
  durationS?: number;
}

export interface RunSummary {
  outcome: 'ok' | 'MemoryError' | 'crash' | 'expectation-failed' | 'error';
  profile: string;
  gcModel: string;
  seed: number;
  gc: {
    collections: number[];
    collected: number[];
    uncollectable: number[];
    automatic: number;
    pauseMs: { max: number; p99: number; total: number; p50: number };
  };
  memory: { poolBytes: number; peakBytes: number; minFreeBytes: number; minLargestFreeBlock: number; usedBytes: number; liveObjects: number };
  time: {
    bootMs: number;
    endS: number;
    /** Bare scripts: the run's duration limit, and whether the script was still running when it came. */
    durationS?: number;
    stoppedAtDuration?: boolean;
  };
  crashes: {
    atS: number;
    kind: string;
    where: string;
    message: string;
    traceback: string;
    /** Scenario runs: the pool and the five largest object types by bytes when it happened, and the app's onexit action. */
    heap?: { usedBytes: number; freeBytes: number; largestFreeBlockBytes: number; liveObjects: number };
    topTypes?: { type: string; objects: number; bytes: number }[];
    action?: string;
  }[];
  stdout: string[];
  stderr: string[];
  expectations: { expr: string; pass: boolean }[];
  /** Critical sections (device.critical) with their durations and whether they missed their deadline. */
  critical: { name: string; atS: number; durationMs: number; deadlineMs: number; missed: boolean }[];
  work: { ticks: number };
}

/** The profile's pool cannot hold the interpreter's start-up: nothing runs. */
export class BootError extends Error {}

export const DEFAULT_TICKS_PER_SECOND = 1_000_000;
export const DEFAULT_WATCHDOG_SECONDS = 60;
/** How long `memsim run script.py` lets a script run (virtual time) unless --duration says. */
export const DEFAULT_SCRIPT_DURATION_S = 86400;
/** Virtual time advances in slices of this many seconds of work. */
const SLICE_SECONDS = 0.1;

export function runScript(options: RunScriptOptions): RunSummary {
  const { profile } = options;
  const cannotBoot = bootProblem(profile, options.poolBytes ?? profile.poolBytes);
  if (cannotBoot) throw new BootError(cannotBoot);
  const seed = options.seed ?? 1;
  const memory = new Memory({
    gcModel: profile.gcModel,
    wordBytes: profile.wordBytes,
    poolBytes: options.poolBytes ?? profile.poolBytes,
    thresholds: options.thresholds,
    collectOnAllocFailure: profile.collectOnAllocFailure,
  });
  let nowS = 0;
  let busyS = 0;
  const durationS = options.durationS ?? DEFAULT_SCRIPT_DURATION_S;
  const endOfRun = () => new DeviceStop('end', `the run ended at its duration (${durationS} s)`);
  const rng = new SeededRandom(seed);
  let stdout = '';
  let stderr = '';
  let minFree = Infinity;
  let minLargest = Infinity;
  const sample = () => {
    const s = memory.pool.stats();
    if (s.freeBytes < minFree) minFree = s.freeBytes;
    const largest = s.largestFreeBlockBytes;
    if (largest < minLargest) minLargest = largest;
  };
  const python = new DevicePython({
    memory,
    version: pythonVersionOf(profile.python),
    startupTrackedObjects: profile.startupTrackedObjects,
    host: {
      write: (t) => {
        stdout += t;
        options.onStdout?.(t);
      },
      writeError: (t) => {
        stderr += t;
        options.onStderr?.(t);
      },
      now: () => nowS,
      sleep: (s) => {
        // Timers registered with device.every() run while the script sleeps, at their times.
        // A sleep past the run's duration ends the run there.
        const pastEnd = nowS + s > durationS;
        const end = Math.min(nowS + s, durationS);
        const dev = python.device;
        for (;;) {
          const expiry = dev.nextWatchdogS();
          const t = dev.nextDue(Math.min(end, expiry));
          if (t !== null) {
            nowS = Math.max(nowS, t.atS);
            dev.runTimer(t);
            continue;
          }
          if (expiry < end) {
            // A digiwdog watchdog nobody stroked: the device resets at its deadline.
            nowS = Math.max(nowS, expiry);
            dev.checkWatchdogs(Infinity);
          }
          break;
        }
        nowS = Math.max(nowS, end);
        busyS = 0;
        if (pastEnd) throw endOfRun();
      },
      random: () => rng.next(),
    },
  });
  // Hooks go in after the interpreter's own start-up, so its collection is not a script pause.
  // Collections take virtual time: the profile's cost per object and reference visited.
  const cost = profile.gcCostNs ?? { perObject: 0, perEdge: 0, perCollection: 0 };
  const pauseMs = (w: { objectsVisited: number; edgesVisited: number }) =>
    (cost.perCollection + w.objectsVisited * cost.perObject + w.edgesVisited * cost.perEdge) / 1e6;
  const pauses: number[] = [];
  memory.collector.hooks.secondsFor = (w) => pauseMs(w) / 1000;
  memory.collector.hooks.collected = (result) => {
    const ms = pauseMs(result);
    pauses.push(ms);
    nowS += ms / 1000;
    sample();
  };
  // digicli speaks the serial console's language to this device.
  const consoleDevice = consoleDeviceOf({
    memory: () => memory,
    now: () => nowS,
    info: () => ({ profile: profile.id, python: profile.python, 'gc model': profile.gcModel, 'pool bytes': memory.pool.poolBytes }),
    crashes: () => [],
    clearCrashes: () => {},
  });
  python.device.cli = (command) => {
    const r = new Console(consoleDevice).execute(command);
    return r.ok ? { ok: true, lines: r.text } : { ok: false, lines: [r.error] };
  };
  const ticksPerSecond = options.ticksPerSecond ?? profile.ticksPerSecond ?? DEFAULT_TICKS_PER_SECOND;
  const watchdogS = options.watchdogSeconds ?? DEFAULT_WATCHDOG_SECONDS;
  const slice = Math.max(1, Math.round(ticksPerSecond * SLICE_SECONDS));
  const vm = python.vm;
  vm.fuel = slice;
  vm.onFuelExhausted = () => {
    vm.fuel = slice;
    nowS += SLICE_SECONDS;
    busyS += SLICE_SECONDS;
    python.device.checkWatchdogs(nowS);
    if (nowS >= durationS - 1e-9) {
      nowS = durationS;
      throw endOfRun();
    }
    if (busyS >= watchdogS) {
      throw new DeviceStop('watchdog', `the script ran ${watchdogS} s of virtual time without sleeping: watchdog reset`);
    }
  };
  sample();
  const outcome = python.run(options.source, options.file);
  if (options.checkInvariants) assertHeapInvariants(memory);
  sample();
  const stats = memory.stats();
  minFree = Math.min(minFree, stats.poolBytes - stats.peakUsedBytes);
  const crashes: RunSummary['crashes'] = [];
  if (outcome.kind === 'exception') {
    crashes.push({ atS: nowS, kind: outcome.type, where: outcome.where, message: outcome.message, traceback: outcome.text });
  } else if (outcome.kind === 'stopped' && outcome.reason !== 'end') {
    crashes.push({ atS: nowS, kind: outcome.reason === 'fuel' || outcome.reason === 'watchdog' ? 'watchdog' : outcome.reason, where: options.file, message: outcome.message, traceback: '' });
  } else if (outcome.kind === 'exit' && outcome.code !== 0) {
    crashes.push({ atS: nowS, kind: 'SystemExit', where: options.file, message: `sys.exit(${outcome.code}): exit status ${outcome.code}`, traceback: '' });
  } else if (outcome.kind === 'internal-error') {
    crashes.push({ atS: nowS, kind: 'internal-error', where: options.file, message: outcome.message, traceback: '' });
  } else if (outcome.kind === 'syntax-error') {
    crashes.push({ atS: 0, kind: 'SyntaxError', where: `${outcome.errors[0]!.file}:${outcome.errors[0]!.line}`, message: outcome.text, traceback: outcome.text });
  }
  return {
    outcome: outcomeName(outcome),
    profile: profile.id,
    gcModel: profile.gcModel,
    seed,
    gc: {
      collections: stats.collections.map((g) => g.collections),
      collected: stats.collections.map((g) => g.collected),
      uncollectable: stats.collections.map((g) => g.uncollectable),
      automatic: stats.automaticCollections,
      pauseMs: pauseStats(pauses),
    },
    memory: {
      poolBytes: stats.poolBytes,
      peakBytes: stats.peakUsedBytes,
      minFreeBytes: minFree,
      minLargestFreeBlock: minLargest,
      usedBytes: stats.usedBytes,
      liveObjects: stats.liveObjects,
    },
    time: { bootMs: 0, endS: nowS, durationS, stoppedAtDuration: outcome.kind === 'stopped' && outcome.reason === 'end' },
    crashes,
    stdout: splitLines(stdout),
    stderr: splitLines(stderr),
    expectations: [],
    critical: python.device.criticalLog.map((c) => ({ name: c.name, atS: c.startS, durationMs: c.durationMs, deadlineMs: c.deadlineMs, missed: c.missed })),
    work: { ticks: python.vm.ticks },
  };
}

function outcomeName(o: RunOutcome): RunSummary['outcome'] {
  switch (o.kind) {
    case 'ok':
      return 'ok';
    case 'exit':
      return o.code === 0 ? 'ok' : 'crash';
    case 'exception':
      return o.type === 'MemoryError' ? 'MemoryError' : 'crash';
    case 'stopped':
      return o.reason === 'end' ? 'ok' : 'crash';
    case 'syntax-error':
    case 'internal-error':
      return 'error';
  }
}

/** Max, 99th and 50th percentiles (nearest rank) and total of the collection pauses, in ms (3 decimals). */
export function pauseStats(pauses: number[]): RunSummary['gc']['pauseMs'] {
  if (pauses.length === 0) return { max: 0, p99: 0, total: 0, p50: 0 };
  const sorted = [...pauses].sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 1000) / 1000;
  const rank = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
  return {
    max: round(sorted[sorted.length - 1]!),
    p99: round(rank(0.99)),
    total: round(pauses.reduce((a, b) => a + b, 0)),
    p50: round(rank(0.5)),
  };
}

function splitLines(s: string): string[] {
  if (s === '') return [];
  const lines = s.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

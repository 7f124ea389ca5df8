// The simulated device: it boots a profile's Python on a fresh memory pool, starts its
// apps, and runs a virtual clock until the scenario's end. One agenda orders everything
// that happens at a time: scenario events, the manual-collection policy, and the
// script's own device.every timers. Scripts block in time.sleep(), during which the
// agenda runs; an app's uncaught exception is a crash record and its onexit action
// (leave stopped, restart it, or reboot the device with a fresh pool).

import { Memory, type GcModelId } from '../memory/index.js';
import { DevicePython, DeviceStop, pythonVersionOf, type PythonTask, type RunOutcome } from '../python/index.js';
import { SeededRandom } from '../python/modules/random.js';
import type { ConsoleSource } from './console-device.js';

/** What the device needs of a profile (the host maps its profile files to this). */
export interface DeviceSpec {
  id: string;
  python: string;
  gcModel: GcModelId;
  wordBytes: 4 | 8;
  poolBytes: number;
  collectOnAllocFailure: boolean;
  startupTrackedObjects: number;
  ticksPerSecond: number;
  gcCostNs: { perObject: number; perEdge: number; perCollection: number };
  allocCostNs: { alloc: number; free: number };
  /** Reboot when free pool memory falls below this (0: never). */
  lowMemoryRebootBytes: number;
  thresholds?: [number, number, number];
}

export interface AppSpec {
  file: string;
  /** The script: its bytes as read (the coding declaration decides), or text. */
  source: string | Uint8Array;
  /** sys.argv[1:] of the app. */
  args: string[];
  onexit: 'none' | 'restart' | 'reboot';
}

/** An auto-start entry (`set python`): the app, and whether boot starts it. */
export interface AutostartEntry extends AppSpec {
  state: 'on' | 'off';
}

/** A change to auto-start entries from the console; the host has read `source` from `file`. */
export interface AutostartChange {
  command?: { file: string; source: string | Uint8Array; args: string[] };
  state?: 'on' | 'off';
  onexit?: AppSpec['onexit'];
}

/** A restart's delay, and the run time under which an app's ending counts as quick (back-off). */
const RESTART_DELAY_S = 1;
const RESTART_QUICK_S = 60;
const RESTART_MAX_DELAY_S = 600;

/** Crash records a run keeps in full; later ones are counted. */
export const MAX_CRASH_RECORDS = 1000;

/** How many auto-start entries the device has. */
export const AUTOSTART_ENTRIES = 4;

export interface GcPolicy {
  /** gc.collect() once the apps have started. */
  afterStartup: boolean;
  /** gc.collect() every N seconds. */
  everyS: number | null;
  /** gc.collect() on these events (scenario events and the script's device.emit / device.idle). */
  on: string[];
  /** gc.disable() at boot (only manual collections). */
  disableAutomatic: boolean;
}

export type EventSpec =
  | { kind: 'at'; atS: number; event: string }
  | { kind: 'every'; everyS: number; event: string; fromS: number }
  | { kind: 'poisson'; perSecond: number; event: string };

/** What the device reports as it runs (the host logs it; it never changes the run). */
export type DeviceEvent =
  | { kind: 'boot'; atS: number; boot: number }
  | { kind: 'startup-done'; atS: number; bootMs: number }
  | { kind: 'collection'; atS: number; generation: number; collected: number; uncollectable: number; pauseMs: number; automatic: boolean }
  | { kind: 'crash'; atS: number; app: string; crashKind: string; where: string; message: string; action: string }
  | { kind: 'reboot'; atS: number; boot: number }
  | { kind: 'critical-miss'; atS: number; name: string; durationMs: number; deadlineMs: number };

export interface DeviceRunConfig {
  spec: DeviceSpec;
  apps: AppSpec[];
  policy: GcPolicy;
  events: EventSpec[];
  durationS: number;
  seed: number;
  watchdogS: number;
  /** Reboots after which the device is left down (a reboot loop). */
  maxReboots: number;
  onEvent?: (e: DeviceEvent) => void;
  /** digicli.digicli(command): the device's own console language, joined in by the host. */
  digicli?: (device: Device, command: string) => { ok: boolean; lines: string[] };
  /** Called as virtual time advances (at each agenda item), for progress displays. */
  onProgress?: (nowS: number, durationS: number) => void;
  /**
   * Called before idle virtual time passes from `fromS` to `toS`, and after each slice of busy
   * work (serve paces both to the wall clock and runs console commands meanwhile); returns how
   * far time may go. Throwing DeviceStop('reset') reboots.
   */
  onAdvance?: (fromS: number, toS: number) => number;
  /** What the scripts print (and their tracebacks), as they print it. */
  onOutput?: (text: string) => void;
}

export interface CrashRecord {
  atS: number;
  kind: string;
  where: string;
  message: string;
  traceback: string;
  app: string;
  action: AppSpec['onexit'];
  heap: { usedBytes: number; freeBytes: number; largestFreeBlockBytes: number; liveObjects: number };
  topTypes: { type: string; objects: number; bytes: number }[];
}

export interface DeviceReport {
  outcome: 'ok' | 'MemoryError' | 'crash';
  endS: number;
  boots: number;
  collections: [number, number, number];
  collected: [number, number, number];
  uncollectable: [number, number, number];
  automaticCollections: number;
  manualCollections: number;
  pausesMs: number[];
  poolBytes: number;
  peakBytes: number;
  /** Bytes in use when the run ended (malloc's view: arenas count whole). */
  endUsedBytes: number;
  /** Bytes in live objects when the run ended (used minus the free space inside arenas). */
  endLiveBytes: number;
  minFreeBytes: number;
  minLargestFreeBlock: number;
  /** The first MAX_CRASH_RECORDS crash records of the run (a crash loop counts on in crashesOmitted). */
  crashes: CrashRecord[];
  crashesOmitted: number;
  /** Virtual milliseconds from power-on to the end of the first boot's start-up. */
  bootMs: number | null;
  stdout: string;
  stderr: string;
  critical: { name: string; atS: number; durationMs: number; deadlineMs: number; missed: boolean }[];
  ticks: number;
  /** Memory in use over virtual time, at most about 300 points: [seconds, usedBytes]. */
  series: [number, number][];
  /** When collections ran (at most about 300 marks). */
  collectionTimes: number[];
}

/**
 * Something due at a time. `wake`: a sleeping app's wake-up, which comes after the other
 * things due at the same time (the script's timers included), as a blocking sleep let them run first.
 */
type AgendaItem = { atS: number; seq: number; run: () => void; wake?: boolean; app?: boolean };

/** Whether agenda item `a` comes before `b`. */
function before(a: AgendaItem, b: AgendaItem): boolean {
  if (a.atS !== b.atS) return a.atS < b.atS;
  if (a.wake !== b.wake) return !a.wake;
  return a.seq < b.seq;
}

/** Thrown through the script when the scenario's time is up. */
const endOfRun = () => new DeviceStop('end', 'the scenario ended');
const isEnd = (e: unknown) => e instanceof DeviceStop && e.reason === 'end';

export class Device {
  private nowS = 0;
  private busyS = 0;
  private memory!: Memory;
  private python!: DevicePython;
  private readonly rng: SeededRandom;
  private readonly agenda: AgendaItem[] = [];
  private seq = 0;
  private readonly report: DeviceReport;
  private rebootPending = false;
  private slice = 1;
  private bootStartS = 0;
  /** Virtual time at which each boot's start-up ended (first sleep, or all apps returned). */
  private bootEndS: number | null = null;

  private chargedAllocs = 0;
  private chargedFrees = 0;

  /** Folds the work done since the last call into the clock: ticks, allocations, frees. */
  private settle(): number {
    const vm = this.python?.vm;
    if (vm) {
      const done = this.slice - vm.fuel;
      if (done > 0) {
        this.nowS += done / this.config.spec.ticksPerSecond;
        vm.fuel = this.slice;
      }
      const heap = this.memory.heap;
      const cost = this.config.spec.allocCostNs;
      const allocs = heap.allocations - this.chargedAllocs;
      const frees = heap.deallocations - this.chargedFrees;
      if (allocs > 0 || frees > 0) {
        this.nowS += (allocs * cost.alloc + frees * cost.free) / 1e9;
        this.chargedAllocs = heap.allocations;
        this.chargedFrees = heap.deallocations;
      }
    }
    return this.nowS;
  }

  /** The apps' start-up is over (an app sleeps for the first time, or all returned). */
  private startupEnded(): void {
    if (this.bootEndS === null) {
      this.bootEndS = this.settle();
      if (this.report.bootMs === null) this.report.bootMs = (this.bootEndS - this.bootStartS) * 1000;
      this.config.onEvent?.({ kind: 'startup-done', atS: this.bootEndS, bootMs: (this.bootEndS - this.bootStartS) * 1000 });
      if (this.config.policy.afterStartup) this.collect();
    }
  }

  /** The auto-start table; boot starts the entries that are on, in index order. */
  private readonly entries: (AutostartEntry | null)[];

  constructor(private readonly config: DeviceRunConfig) {
    this.rng = new SeededRandom(config.seed);
    this.entries = Array.from({ length: Math.max(AUTOSTART_ENTRIES, config.apps.length) }, (_, i) => (config.apps[i] ? { ...config.apps[i]!, state: 'on' as const } : null));
    this.report = {
      outcome: 'ok', endS: 0, boots: 0,
      collections: [0, 0, 0], collected: [0, 0, 0], uncollectable: [0, 0, 0],
      automaticCollections: 0, manualCollections: 0, pausesMs: [],
      poolBytes: config.spec.poolBytes, peakBytes: 0, endUsedBytes: 0, endLiveBytes: 0, minFreeBytes: Infinity, minLargestFreeBlock: Infinity,
      crashes: [], crashesOmitted: 0, bootMs: null, stdout: '', stderr: '', critical: [], ticks: 0, series: [], collectionTimes: [],
    };
  }

  /** The console's view of this device (gc, mem, info, time, crashlog). */
  consoleSource(): ConsoleSource {
    return {
      memory: () => this.memory,
      now: () => this.settle(),
      info: () => ({ profile: this.config.spec.id, python: this.config.spec.python, 'gc model': this.config.spec.gcModel, boots: this.report.boots, 'pool bytes': this.config.spec.poolBytes }),
      crashes: () => this.report.crashes.map((c) => ({ atS: c.atS, kind: c.kind, where: c.where, message: c.message })),
      clearCrashes: () => {
        this.report.crashes.length = 0;
      },
    };
  }

  /** Runs the whole scenario; deterministic for a given config. */
  run(): DeviceReport {
    this.scheduleEvents();
    const { policy } = this.config;
    if (policy.everyS !== null) this.every(policy.everyS, () => this.collect());
    try {
      this.boot();
      for (;;) {
        try {
          this.runAgendaUntil(this.config.durationS);
          break;
        } catch (e) {
          // A reset while no app ran (the console's reboot, between events): boot again.
          if (!(e instanceof DeviceStop) || e.reason !== 'reset') throw e;
          this.report.crashes.push({ atS: this.nowS, kind: 'reset', where: '', message: e.message, traceback: '', app: '', action: 'reboot', heap: { usedBytes: 0, freeBytes: 0, largestFreeBlockBytes: 0, liveObjects: 0 }, topTypes: [] });
          this.reboot();
        }
      }
    } catch (e) {
      if (!isEnd(e)) throw e;
    }
    this.finishBoot();
    this.report.endS = Math.min(this.nowS, this.config.durationS);
    const crashes = this.report.crashes;
    if (crashes.some((c) => c.kind === 'MemoryError')) this.report.outcome = 'MemoryError';
    else if (crashes.length > 0) this.report.outcome = 'crash';
    if (this.report.minFreeBytes === Infinity) this.report.minFreeBytes = 0;
    if (this.report.minLargestFreeBlock === Infinity) this.report.minLargestFreeBlock = 0;
    return this.report;
  }

  // ---- boot, apps, reboot ----

  private boot(): void {
    const spec = this.config.spec;
    if (this.report.boots > 0) this.finishBoot();
    this.report.boots++;
    this.appStatus.clear(); // `who` tells about this boot's apps
    this.config.onEvent?.({ kind: 'boot', atS: this.nowS, boot: this.report.boots });
    this.bootStartS = this.nowS;
    this.bootEndS = null;
    this.memory = new Memory({
      gcModel: spec.gcModel,
      wordBytes: spec.wordBytes,
      poolBytes: spec.poolBytes,
      thresholds: spec.thresholds,
      collectOnAllocFailure: spec.collectOnAllocFailure,
    });
    this.python = new DevicePython({
      memory: this.memory,
      version: pythonVersionOf(spec.python),
      startupTrackedObjects: spec.startupTrackedObjects,
      host: {
        write: (t) => {
          this.report.stdout += t;
          this.config.onOutput?.(t);
        },
        writeError: (t) => {
          this.report.stderr += t;
          this.config.onOutput?.(t);
        },
        now: () => this.settle(),
        sleep: (s) => this.sleep(s),
        random: () => this.rng.next(),
      },
    });
    // Hooks go in after the interpreter's own start-up, so its collection is not an app pause.
    const cost = spec.gcCostNs;
    const pauseMs = (w: { objectsVisited: number; edgesVisited: number }) => (cost.perCollection + w.objectsVisited * cost.perObject + w.edgesVisited * cost.perEdge) / 1e6;
    this.memory.collector.hooks.secondsFor = (w) => pauseMs(w) / 1000;
    this.memory.collector.hooks.collected = (r) => {
      const ms = pauseMs(r);
      this.report.pausesMs.push(ms);
      this.nowS += ms / 1000;
      this.sample();
      const marks = this.report.collectionTimes;
      if (marks.length === 0 || this.nowS - marks[marks.length - 1]! >= this.config.durationS / 300) marks.push(Math.round(this.nowS * 1000) / 1000);
      this.config.onEvent?.({ kind: 'collection', atS: this.nowS, generation: r.generation, collected: r.collected, uncollectable: r.uncollectable, pauseMs: ms, automatic: r.automatic });
    };
    // The interpreter's own boot work is charged to the boot.
    this.chargedAllocs = 0;
    this.chargedFrees = 0;
    const vm = this.python.vm;
    const slice = Math.max(1, Math.round(spec.ticksPerSecond * 0.1));
    this.slice = slice;
    vm.fuel = slice;
    vm.onFuelExhausted = () => {
      vm.fuel = 0;
      const fromS = this.nowS;
      this.settle();
      vm.fuel = slice;
      this.checkLowMemory();
      this.busyS += 0.1;
      if (this.nowS >= this.config.durationS) throw endOfRun();
      if (this.busyS >= this.config.watchdogS) throw new DeviceStop('watchdog', `ran ${this.config.watchdogS} s without sleeping: watchdog reset`);
      this.paceBusy(fromS);
    };
    const cli = this.config.digicli;
    if (cli) this.python.device.cli = (command) => cli(this, command);
    this.python.device.onEmit = (event) => {
      if (this.config.policy.on.includes(event)) this.collect();
    };
    if (this.config.policy.disableAutomatic) this.memory.state.enabled = false;
    this.sample();
    for (const app of this.startList()) {
      this.startApp(app);
      this.settle();
      if (this.rebootPending) return this.reboot();
    }
    this.startupEnded();
  }

  /** Apps by file: running, exited, crashed (for the console's `who`). */
  readonly appStatus = new Map<string, string>();

  /** When each app last started, and the delay of its last restart (for the restart back-off). */
  private readonly starts = new Map<AppSpec, { startS: number; delayS: number }>();

  /**
   * Starts an app as a task of its own: it runs until it first sleeps (then the next app
   * starts, and the device runs events and other apps while it sleeps) or ends.
   */
  private startApp(app: AppSpec): void {
    this.appStatus.set(app.file, 'running');
    const previous = this.starts.get(app);
    this.starts.set(app, { startS: this.nowS, delayS: previous?.delayS ?? 0 });
    this.resumeApp(app, this.python.startTask(app.source, app.file, app.args));
  }

  /** Runs an app's task until it sleeps again (its wake-up goes on the agenda) or ends. */
  private resumeApp(app: AppSpec, task: PythonTask): void {
    this.busyS = 0;
    const python = this.python;
    const step = task.resume();
    // The device rebooted while the app ran (another app's end, inside a sleep that blocked): it died with its pool.
    if (this.python !== python) return;
    if (step.kind === 'done') return this.appEnded(app, step.outcome);
    // As a blocking sleep does (sleep below): the low-memory watchdog looks, the busy time
    // restarts, and the app wakes after everything else due at that time (when a digiwdog
    // watchdog it left unstroked has not reset the device meanwhile).
    if (this.stopsApp(app, () => this.checkLowMemory())) return;
    this.agenda.push({ atS: this.settle() + step.seconds, seq: this.seq++, wake: true, run: () => {
      const dev = python.device;
      if (!this.stopsApp(app, () => dev.nextWatchdogS() < this.nowS && dev.checkWatchdogs(this.nowS))) this.resumeApp(app, task);
      if (this.rebootPending) this.reboot();
    } });
  }

  /** Runs a check that may stop the device (a watchdog): the app's crash record, and true, when it does. */
  private stopsApp(app: AppSpec, check: () => unknown): boolean {
    try {
      check();
      return false;
    } catch (e) {
      if (!(e instanceof DeviceStop) || e.reason === 'end') throw e;
      this.appStatus.set(app.file, 'crashed');
      this.crash(app, { kind: 'stopped', reason: e.reason, message: e.message });
      return true;
    }
  }

  /** An app's script returned, exited or failed. */
  private appEnded(app: AppSpec, outcome: RunOutcome): void {
    this.appStatus.set(app.file, outcome.kind === 'ok' || (outcome.kind === 'exit' && outcome.code === 0) ? 'exited' : outcome.kind === 'stopped' && outcome.reason === 'end' ? 'running' : 'crashed');
    if (outcome.kind === 'stopped' && outcome.reason === 'end') throw endOfRun();
    if (outcome.kind === 'ok' || (outcome.kind === 'exit' && outcome.code === 0)) {
      // An app whose script returned but left handlers or timers lives on in them; one that
      // left nothing has exited, and its entry's onexit action applies (as on the device).
      if (!this.python.device.hasCallbacks()) this.onExit(app);
      return;
    }
    this.crash(app, outcome);
  }

  /** The entry's onexit action once its app has ended (returned, exited, or crashed). */
  private onExit(app: AppSpec): void {
    if (app.onexit === 'reboot') this.rebootPending = true;
    else if (app.onexit === 'restart') {
      // Restarts back off when an app keeps ending soon after it starts (1 s, doubling up to
      // 10 min; an estimate, like the X2e's delayed auto-start after rapid reboots), so a
      // script that fails at once costs a few restarts an hour, not a host hang.
      const s = this.starts.get(app) ?? { startS: this.nowS, delayS: 0 };
      const ranS = this.nowS - s.startS;
      const delayS = ranS >= RESTART_QUICK_S ? RESTART_DELAY_S : Math.min(RESTART_MAX_DELAY_S, Math.max(RESTART_DELAY_S, s.delayS * 2));
      this.starts.set(app, { startS: s.startS, delayS });
      this.agenda.push({ atS: this.nowS + delayS, seq: this.seq++, app: true, run: () => {
        this.startApp(app);
        if (this.rebootPending) this.reboot();
      } });
    }
  }

  private crash(app: AppSpec, outcome: RunOutcome): void {
    this.settle();
    this.sample();
    const stats = this.memory.pool.stats();
    const top = this.memory.usageByType().sort((a, b) => b.bytes - a.bytes).slice(0, 5);
    const base = { atS: this.nowS, app: app.file, action: app.onexit, heap: { usedBytes: stats.usedBytes, freeBytes: stats.freeBytes, largestFreeBlockBytes: stats.largestFreeBlockBytes, liveObjects: this.memory.heap.liveObjects }, topTypes: top };
    let rec: CrashRecord;
    if (outcome.kind === 'exception') rec = { ...base, kind: outcome.type, where: outcome.where, message: outcome.message, traceback: outcome.text };
    else if (outcome.kind === 'stopped') rec = { ...base, kind: outcome.reason === 'fuel' ? 'watchdog' : outcome.reason, where: app.file, message: outcome.message, traceback: '' };
    else if (outcome.kind === 'syntax-error') rec = { ...base, kind: 'SyntaxError', where: app.file, message: outcome.text, traceback: outcome.text };
    else if (outcome.kind === 'exit') rec = { ...base, kind: 'SystemExit', where: app.file, message: `exit code ${outcome.code}`, traceback: '' };
    else rec = { ...base, kind: 'internal-error', where: app.file, message: outcome.kind === 'internal-error' ? outcome.message : '', traceback: '' };
    if (this.report.crashes.length < MAX_CRASH_RECORDS) this.report.crashes.push(rec);
    else this.report.crashesOmitted++;
    this.config.onEvent?.({ kind: 'crash', atS: rec.atS, app: app.file, crashKind: rec.kind, where: rec.where, message: rec.message, action: app.onexit });
    // A crashed app's handlers and timers die with it (a restart registers them again).
    const dev = this.python.device;
    dev.handlers.clear();
    dev.timers.length = 0;
    if (outcome.kind === 'stopped' && (outcome.reason === 'watchdog' || outcome.reason === 'reset')) this.rebootPending = true;
    else this.onExit(app);
  }

  private reboot(): void {
    this.rebootPending = false;
    if (this.report.boots > this.config.maxReboots) return;
    this.config.onEvent?.({ kind: 'reboot', atS: this.nowS, boot: this.report.boots + 1 });
    // The apps (sleeping ones, restarts due) die with the pool; scenario events and the policy stay.
    const keep = this.agenda.filter((a) => !a.wake && !a.app);
    this.agenda.length = 0;
    this.agenda.push(...keep);
    this.boot();
  }

  /** Accumulates a boot's statistics into the report before its memory goes away. */
  private finishBoot(): void {
    const m = this.memory;
    if (!m) return;
    const s = m.stats();
    s.collections.forEach((g, i) => {
      this.report.collections[i]! += g.collections;
      this.report.collected[i]! += g.collected;
      this.report.uncollectable[i]! += g.uncollectable;
    });
    this.report.automaticCollections += s.automaticCollections;
    this.report.peakBytes = Math.max(this.report.peakBytes, s.peakUsedBytes);
    this.report.endUsedBytes = s.usedBytes;
    this.report.endLiveBytes = s.usedBytes - s.arenaSlackBytes;
    // Free memory was lowest when use peaked (free = pool - used in the malloc region).
    this.report.minFreeBytes = Math.min(this.report.minFreeBytes, s.poolBytes - s.peakUsedBytes);
    this.sample();
    this.report.ticks += this.python.vm.ticks;
    for (const c of this.python.device.criticalLog) {
      if (c.missed) this.config.onEvent?.({ kind: 'critical-miss', atS: c.startS, name: c.name, durationMs: c.durationMs, deadlineMs: c.deadlineMs });
    }
    this.report.critical.push(...this.python.device.criticalLog.map((c) => ({ name: c.name, atS: c.startS, durationMs: c.durationMs, deadlineMs: c.deadlineMs, missed: c.missed })));
    this.python.device.criticalLog.length = 0;
  }

  /** The firmware's low-memory watchdog: below the profile's threshold the device reboots. */
  private checkLowMemory(): void {
    const limit = this.config.spec.lowMemoryRebootBytes;
    if (limit > 0 && this.memory.pool.stats().freeBytes < limit) {
      throw new DeviceStop('reset', `free memory fell below ${limit} bytes: low-memory reboot`);
    }
  }

  private sample(): void {
    const s = this.memory.pool.stats();
    const step = this.config.durationS / 300;
    const series = this.report.series;
    const last = series[series.length - 1];
    if (!last || this.nowS - last[0] >= step) series.push([Math.round(this.nowS * 1000) / 1000, s.usedBytes]);
    if (s.freeBytes < this.report.minFreeBytes) this.report.minFreeBytes = s.freeBytes;
    if (s.largestFreeBlockBytes < this.report.minLargestFreeBlock) this.report.minLargestFreeBlock = s.largestFreeBlockBytes;
    if (s.usedBytes > this.report.peakBytes) this.report.peakBytes = s.usedBytes;
  }

  /** A manual gc.collect() by the policy. */
  private collect(): void {
    if (!this.memory || this.memory.state.collecting) return;
    this.report.manualCollections++;
    this.memory.collector.collect(2);
  }

  // ---- the agenda ----

  private at(atS: number, run: () => void): void {
    this.agenda.push({ atS, seq: this.seq++, run });
  }

  private every(periodS: number, run: () => void, fromS = periodS): void {
    const item: AgendaItem = { atS: fromS, seq: this.seq++, run: () => {
      item.atS += periodS;
      item.seq = this.seq++;
      this.agenda.push(item);
      run();
    } };
    this.agenda.push(item);
  }

  private scheduleEvents(): void {
    for (const e of this.config.events) {
      const emit = () => this.emit(e.event);
      if (e.kind === 'at') this.at(e.atS, emit);
      else if (e.kind === 'every') this.every(e.everyS, emit, e.fromS);
      else {
        const next = () => this.nowS + -Math.log(1 - this.rng.next()) / e.perSecond;
        const item: AgendaItem = { atS: 0, seq: this.seq++, run: () => {
          item.atS = next();
          item.seq = this.seq++;
          this.agenda.push(item);
          emit();
        } };
        item.atS = -Math.log(1 - this.rng.next()) / e.perSecond;
        this.agenda.push(item);
      }
    }
  }

  private emit(event: string): void {
    if (!this.python) return;
    const sp = this.python.vm.sp;
    try {
      this.python.device.emit(event);
    } catch (e) {
      this.handlerFault(e, sp);
    }
    if (this.config.policy.on.includes(event)) this.collect();
  }

  /** An exception escaping a handler or timer is the app's crash (the first app's onexit applies). */
  private handlerFault(e: unknown, sp: number): void {
    if (isEnd(e)) throw e;
    const app: AppSpec = this.startList()[0] ?? { file: '<handler>', source: '', args: [], onexit: 'none' };
    const outcome = this.python.outcomeOf(e, null);
    // Back to where the handler started (an app may be sleeping below it, its values on the stack).
    this.python.vm.unwindTo(sp);
    this.crash(app, outcome);
    if (this.rebootPending) this.reboot();
  }

  /** The earliest agenda item due at or before `untilS`, removed from the agenda; or null. */
  private takeDue(untilS: number): AgendaItem | null {
    let best = -1;
    for (let i = 0; i < this.agenda.length; i++) {
      const a = this.agenda[i]!;
      if (a.atS > untilS) continue;
      if (best < 0 || before(a, this.agenda[best]!)) best = i;
    }
    if (best < 0) return null;
    return this.agenda.splice(best, 1)[0]!;
  }

  /** Runs everything due until `untilS` (scenario items and the script's timers), in time order. */
  private runAgendaUntil(untilS: number): void {
    const end = this.config.durationS;
    for (;;) {
      // Let time pass up to the next thing due first (the console may fast-forward meanwhile,
      // running what is due itself), then run whatever is due by now, earliest first.
      const nextS = this.peekDue(Math.min(untilS, end));
      if (nextS === null) break;
      this.advanceClock(nextS);
      const dev = this.python.device;
      const timer = dev.nextDue(this.nowS);
      const item = this.takeDue(this.nowS);
      if (timer !== null && (item === null || timer.atS < item.atS || (timer.atS === item.atS && item.wake))) {
        if (item) this.agenda.push(item);
        this.busyS = 0;
        const sp = this.python.vm.sp;
        try {
          dev.runTimer(timer);
        } catch (e) {
          this.handlerFault(e, sp);
        }
        continue;
      }
      if (item === null) continue;
      this.busyS = 0;
      item.run();
      this.sample();
      this.config.onProgress?.(this.nowS, end);
    }
    this.advanceClock(Math.min(untilS, end));
    if (this.nowS >= end) throw endOfRun();
  }

  /** When the next agenda item or script timer is due, if at or before `limitS` (strictly before the end). */
  private peekDue(limitS: number): number | null {
    let best: number | null = null;
    for (const a of this.agenda) if (a.atS <= limitS && a.atS < this.config.durationS && (best === null || a.atS < best)) best = a.atS;
    const t = this.python.device.nextTimerS();
    if (t <= limitS && t < this.config.durationS && (best === null || t < best)) best = t;
    return best;
  }

  /** Idle time passes: the host may pace it to the wall clock and serve its console meanwhile. */
  // (Busy time is paced too, one slice at a time: see paceBusy.)
  private advanceClock(toS: number): void {
    while (toS > this.nowS) {
      const allowed = this.config.onAdvance ? this.config.onAdvance(this.nowS, toS) : toS;
      this.nowS = Math.max(this.nowS, Math.min(toS, allowed));
    }
  }

  /**
   * A slice of busy work took the clock from `fromS` to now: the host paces it to the wall
   * clock like idle time and serves its console meanwhile, so an app that computes without
   * sleeping neither races ahead of real time nor holds the console until its watchdog fires.
   */
  private paceBusy(fromS: number): void {
    const pace = this.config.onAdvance;
    if (!pace) return;
    let at = fromS;
    while (at < this.nowS) at = Math.max(at, Math.min(this.nowS, pace(at, this.nowS)));
  }

  /** The console's `python FILE [ARGS]`: runs a script now, in the running interpreter. */
  runFromConsole(file: string, source: string | Uint8Array, args: string[]): RunOutcome {
    const app: AppSpec = { file, source, args, onexit: 'none' };
    this.appStatus.set(file, 'running');
    const outcome = this.python.run(source, file, args);
    if (outcome.kind === 'stopped' && outcome.reason === 'end') throw endOfRun();
    const ok = outcome.kind === 'ok' || (outcome.kind === 'exit' && outcome.code === 0);
    this.appStatus.set(file, ok ? 'exited' : 'crashed');
    if (!ok) this.crash(app, outcome);
    return outcome;
  }

  /** One input of the console's `>>>` prompt, in the running interpreter. */
  interactive(source: string): void {
    const outcome = this.python.interactive(source);
    if (outcome.kind === 'stopped' && outcome.reason === 'end') throw endOfRun();
    if (outcome.kind === 'syntax-error') this.config.onOutput?.(`${outcome.text}\n`);
  }

  /** The auto-start entries (the console's `set python`). */
  autostart(): { index: number; file: string; args: string[]; onexit: AppSpec['onexit']; state: 'on' | 'off' }[] {
    const out: { index: number; file: string; args: string[]; onexit: AppSpec['onexit']; state: 'on' | 'off' }[] = [];
    this.entries.forEach((e, i) => {
      if (e) out.push({ index: i + 1, file: e.file, args: [...e.args], onexit: e.onexit, state: e.state });
    });
    return out;
  }

  /**
   * Changes auto-start entry `index` (1-based) from the console; it takes effect at the next
   * boot, as on the real device. Returns an error message, or null.
   */
  setAutostart(index: number, change: AutostartChange): string | null {
    if (!Number.isInteger(index) || index < 1 || index > this.entries.length) return `auto-start entry ${index} does not exist (1-${this.entries.length})`;
    const old = this.entries[index - 1];
    if (!old && !change.command) return `auto-start entry ${index} is empty: give it command="FILE [ARGS]"`;
    const base: AutostartEntry = old ?? { file: '', source: '', args: [], onexit: 'none', state: 'on' };
    const next: AutostartEntry = { ...base };
    if (change.command) Object.assign(next, change.command);
    if (change.state) next.state = change.state;
    if (change.onexit) next.onexit = change.onexit;
    this.entries[index - 1] = next;
    return null;
  }

  /** Removes auto-start entry `index` (1-based). */
  clearAutostart(index: number): string | null {
    if (!Number.isInteger(index) || index < 1 || index > this.entries.length) return `auto-start entry ${index} does not exist (1-${this.entries.length})`;
    this.entries[index - 1] = null;
    return null;
  }

  /** The apps a boot starts, in entry order. */
  private startList(): AppSpec[] {
    return this.entries.filter((e): e is AutostartEntry => e !== null && e.state === 'on');
  }

  /** The console's `advance`: run everything due in the next `seconds` of virtual time, now. */
  fastForward(seconds: number): void {
    this.runAgendaUntil(this.settle() + seconds);
  }

  /** time.sleep() in a script: the agenda runs meanwhile; the run may end inside it. */
  private sleep(s: number): void {
    this.checkLowMemory();
    this.startupEnded();
    this.busyS = 0;
    const until = this.settle() + s;
    this.runAgendaUntil(until);
    const dev = this.python.device;
    const expiry = dev.nextWatchdogS();
    if (expiry < this.nowS) dev.checkWatchdogs(this.nowS);
  }
}

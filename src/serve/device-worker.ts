// The device behind `memsim serve`, on its own thread: it runs the scenario or script
// on virtual time paced to the wall clock (times --speed), and between steps serves the
// serial console from the input ring. Output goes back to the host as messages.

import { parentPort, workerData } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
import { Console } from '../../firmware/console/console.js';
import { consoleDeviceOf } from '../../firmware/device/console-device.js';
import { AUTOSTART_ENTRIES, Device, type DeviceRunConfig } from '../../firmware/device/device.js';
import { DeviceStop, encodeOutput } from '../../firmware/python/index.js';
import { loadProfile } from '../profiles/profiles.js';
import { describeFsError, loadScenario } from '../scenario/scenario.js';
import { Flash } from './flash.js';
import { InputRing } from './input-ring.js';

export interface ServeWorkerData {
  ring: SharedArrayBuffer;
  source: { kind: 'scenario'; file: string; /** --profile: the scenario on another device (that device's pool). */ profile?: string } | { kind: 'script'; file: string; profile: string } | { kind: 'idle'; profile: string };
  speed: number | 'max';
  /** The device's flash directory (--state), or null. */
  stateDir: string | null;
}

const data = workerData as ServeWorkerData;
const flash = data.stateDir ? new Flash(data.stateDir, (message) => parentPort!.postMessage({ type: 'log', message: `memsim serve: flash: ${message}` })) : null;
const ring = new InputRing(data.ring);
const post = (text: string) => parentPort!.postMessage({ type: 'out', text });

const FOREVER_S = 100 * 365 * 86400;

function configFor(src: ServeWorkerData['source']): DeviceRunConfig {
  if (src.kind === 'scenario') {
    const s = loadScenario(src.file);
    const p = src.profile !== undefined ? loadProfile(src.profile) : s.profile;
    return {
      spec: specOf(p, src.profile !== undefined ? p.poolBytes : s.poolBytes, s.thresholds),
      apps: s.apps, policy: s.policy, events: s.events, durationS: s.durationS, seed: s.seed, watchdogS: s.watchdogS, maxReboots: 1000,
    };
  }
  const p = loadProfile(src.profile);
  const apps = src.kind === 'script' ? [{ file: src.file, source: readFileSync(src.file), onexit: 'none' as const, args: [] }] : [];
  return {
    spec: specOf(p, p.poolBytes),
    apps, policy: { afterStartup: false, everyS: null, on: [], disableAutomatic: false }, events: [], durationS: FOREVER_S, seed: 1, watchdogS: 60, maxReboots: 1000,
  };
}

function specOf(p: ReturnType<typeof loadProfile>, poolBytes: number, thresholds?: [number, number, number]): DeviceRunConfig['spec'] {
  return {
    id: p.id, python: p.python, gcModel: p.gcModel, wordBytes: p.wordBytes, poolBytes,
    collectOnAllocFailure: p.collectOnAllocFailure, startupTrackedObjects: p.startupTrackedObjects ?? 0,
    ticksPerSecond: p.ticksPerSecond ?? 1_000_000, gcCostNs: p.gcCostNs ?? { perObject: 0, perEdge: 0, perCollection: 0 },
    allocCostNs: p.allocCostNs ?? { alloc: 0, free: 0 }, lowMemoryRebootBytes: p.lowMemoryRebootBytes ?? 0, thresholds,
  };
}

let paused = false;
let speed = data.speed;
let anchorWallMs = Date.now();
let anchorVirtualS = 0;
let lastVirtualS = 0;
let fastForwarding = false;
let rebootRequested = false;
/** The run is over (the scenario's duration passed, or the device stopped). */
let runEnded = false;
let device: Device;

const round3 = (s: number) => Math.round(s * 1000) / 1000;
/** The device's signal that the scenario's time is up (a DeviceStop, which is not an Error). */
const isEndOfRun = (e: unknown) => e instanceof DeviceStop && e.reason === 'end';
const endedText = () => `the scenario ended at ${Math.min(deviceConsole.now(), config.durationS).toFixed(3)} s`;

const reanchor = () => {
  anchorWallMs = Date.now();
  anchorVirtualS = lastVirtualS;
};

const config = configFor(data.source);
let consoleInstance: Console;

/** Runs the console commands that arrived (and keeps the console's settings in flash). */
function pump(): void {
  const bytes = ring.read();
  if (bytes.length > 0) {
    consoleInstance.input(bytes, post);
    if (flash && (flash.settings.format !== consoleInstance.format || flash.settings.echo !== consoleInstance.echo)) {
      flash.settings.format = consoleInstance.format;
      flash.settings.echo = consoleInstance.echo;
      flash.saveSettings();
    }
  }
  if (ring.drained()) inputEnded();
}

/**
 * Console input ended (stdin's EOF) and every command in it has been answered: tells the host,
 * which flushes the output and stops this thread. Nothing runs meanwhile, so the flash (whose
 * writes are synchronous) is left between two writes, never inside one.
 */
function inputEnded(): never {
  parentPort!.postMessage({ type: 'input-ended' });
  const never = new Int32Array(new SharedArrayBuffer(4));
  for (;;) Atomics.wait(never, 0, 0, 1000);
}

config.onAdvance = (fromS, toS) => {
  lastVirtualS = fromS;
  if (fastForwarding) return toS;
  for (;;) {
    pump();
    if (rebootRequested) {
      rebootRequested = false;
      throw new DeviceStop('reset', 'reboot from the console');
    }
    if (paused) {
      ring.wait(250);
      reanchor();
      continue;
    }
    if (speed === 'max') {
      // Nothing scheduled before the end: an idle device waits for its console.
      if (toS >= config.durationS) {
        ring.wait(250);
        continue;
      }
      return toS;
    }
    const targetMs = anchorWallMs + ((toS - anchorVirtualS) * 1000) / speed;
    const now = Date.now();
    if (now >= targetMs) return toS;
    ring.wait(Math.min(50, targetMs - now));
    const v = anchorVirtualS + ((Date.now() - anchorWallMs) * speed) / 1000;
    if (v > fromS) return Math.min(toS, v);
  }
};
// The console line carries bytes (one char per byte): the device's output as CPython writes it.
config.onOutput = (text) => post(Buffer.from(encodeOutput(text.replace(/\r?\n/g, '\r\n'))).toString('latin1'));
config.onEvent = (e) => {
  if (e.kind === 'crash') flash?.addCrash({ atS: Math.round(e.atS * 1000) / 1000, kind: e.crashKind, where: e.where, message: e.message });
  if (e.kind === 'crash' && consoleInstance?.format === 'json') post(`${JSON.stringify({ event: 'crash', t: Math.round(e.atS * 1000) / 1000, kind: e.crashKind, where: e.where })}\r\n`);
  if (e.kind === 'boot') {
    const line = consoleInstance?.format === 'json' ? `${JSON.stringify({ event: 'boot', boot: e.boot })}\r\n` : `[device boot ${e.boot}]\r\n`;
    // The first boot: banner, boot line, then the prompt. Later boots follow an answer's prompt.
    if (!bannerSent) postBanner(line);
    else post(consoleInstance?.format === 'json' ? line : `\r\n${line}`);
  }
};

let bannerName = '';
let bannerSent = false;
/** The banner for the line (with `lines` before its prompt), and the one a client connecting later gets. */
function postBanner(lines = ''): void {
  bannerSent = true;
  parentPort!.postMessage({ type: 'banner', text: consoleInstance.banner(bannerName, lines), later: consoleInstance.banner(bannerName) });
}
config.digicli = (d, command) => {
  const r = new Console(consoleDeviceOf(d.consoleSource())).execute(command);
  return r.ok ? { ok: true, lines: r.text } : { ok: false, lines: [r.error] };
};

device = new Device(config);
const deviceConsole = consoleDeviceOf(device.consoleSource());

/** Reads an app's script from the host's files (the device's flash file system). */
function readScript(file: string): { source: Uint8Array } | { error: string } {
  try {
    return { source: readFileSync(file) };
  } catch (e) {
    return { error: `${file}: cannot read (${describeFsError((e as NodeJS.ErrnoException).code ?? String(e))})` };
  }
}

// Auto-start entries set from the console in an earlier run replace the scenario's apps.
const startupNotes: string[] = [];
if (flash?.settings.autostart) {
  for (let i = 1; i <= AUTOSTART_ENTRIES; i++) device.clearAutostart(i);
  for (const e of flash.settings.autostart) {
    const read = readScript(e.file);
    if ('error' in read) {
      startupNotes.push(`auto-start entry ${e.index}: ${read.error}; not started`);
      continue;
    }
    device.setAutostart(e.index, { command: { file: e.file, source: read.source, args: e.args }, state: e.state, onexit: e.onexit });
  }
  startupNotes.push(`auto-start entries from the flash (set python): ${flash.settings.autostart.filter((e) => e.state === 'on').map((e) => e.file).join(', ') || 'none on'}`);
}
consoleInstance = new Console({
  ...deviceConsole,
  // With a flash directory, the crash log is the persisted one (earlier runs included).
  crashlog: () => (flash ? flash.crashes.map((c) => ({ atS: c.atS, kind: c.kind, where: c.where, message: c.run === flash.settings.runs ? c.message : `${c.message ? `${c.message}, ` : ''}recorded by run ${c.run}` })) : deviceConsole.crashlog()),
  crashlogSkipped: () => flash?.skippedCrashRecords ?? 0,
  clearCrashlog: () => {
    flash?.clearCrashes();
    deviceConsole.clearCrashlog();
  },
  pause: () => {
    paused = true;
    return null;
  },
  resume: () => {
    paused = false;
    reanchor();
    return null;
  },
  advance: (seconds) => {
    const fromS = deviceConsole.now();
    fastForwarding = true;
    try {
      device.fastForward(seconds);
    } catch (e) {
      if (!isEndOfRun(e)) throw e;
      // Time stopped at the scenario's end (the run itself then ends, as it would have).
      const ran = deviceConsole.now() - fromS;
      return `${endedText()}${ran > 0 ? ` (advanced ${round3(ran)} s of ${seconds} s)` : ''}; nothing more runs`;
    } finally {
      fastForwarding = runEnded;
      reanchor();
    }
    return null;
  },
  speed: (factor) => {
    speed = factor;
    reanchor();
    return null;
  },
  reboot: () => {
    rebootRequested = true;
    return null;
  },
  runInteractive: (source) => device.interactive(source),
  who: () => [...device.appStatus].map(([file, status]) => ({ file, status })),
  autostart: () => device.autostart(),
  setAutostart: (index, change) => {
    let error: string | null;
    if (change.command === null) error = device.clearAutostart(index);
    else {
      let command: { file: string; source: Uint8Array; args: string[] } | undefined;
      if (change.command) {
        const read = readScript(change.command.file);
        if ('error' in read) return read.error;
        command = { ...change.command, source: read.source };
      }
      error = device.setAutostart(index, { command, state: change.state, onexit: change.onexit });
    }
    if (!error && flash) {
      flash.settings.autostart = device.autostart();
      flash.saveSettings();
    }
    return error;
  },
  runPython: (file, args) => {
    let source: Uint8Array;
    try {
      source = readFileSync(file);
    } catch (e) {
      return { ok: false, summary: `${file}: cannot read (${describeFsError((e as NodeJS.ErrnoException).code ?? String(e))})` };
    }
    let outcome: ReturnType<Device['runFromConsole']>;
    try {
      outcome = device.runFromConsole(file, source, args);
    } catch (e) {
      if (!isEndOfRun(e)) throw e;
      return { ok: false, summary: `${file}: stopped: ${endedText()}` };
    }
    if (outcome.kind === 'ok' || (outcome.kind === 'exit' && outcome.code === 0)) return { ok: true, summary: `${file}: finished` };
    if (outcome.kind === 'exception') return { ok: false, summary: `${file}: ${outcome.type} at ${outcome.where}` };
    if (outcome.kind === 'syntax-error') return { ok: false, summary: outcome.text.split('\n')[0]! };
    return { ok: false, summary: `${file}: ${outcome.kind === 'stopped' ? outcome.message : outcome.kind}` };
  },
});
if (flash) {
  consoleInstance.format = flash.settings.format;
  consoleInstance.echo = flash.settings.echo;
}
// The banner goes out at the first boot (with its boot line before the prompt).
bannerName = [`memsim device (${config.spec.id}, Python ${config.spec.python})`, ...startupNotes].join('\r\n');
try {
  const report = device.run();
  parentPort!.postMessage({ type: 'end', report: { outcome: report.outcome, endS: report.endS } });
} catch (e) {
  parentPort!.postMessage({ type: 'error', message: e instanceof Error ? e.message : String(e) });
}
if (!bannerSent) postBanner(); // the device never booted: the console still answers
// The run is over (its duration passed), but a rig may still read the device's state:
// the console keeps answering, with virtual time stopped, until memsim is stopped.
runEnded = true;
fastForwarding = true;
for (;;) {
  pump();
  ring.wait(1000);
}

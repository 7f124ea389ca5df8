// The memsim command line.
import { renderDemo, runDemo } from '../demo/collector-demo.js';
import { DEFAULT_PROFILE, listProfiles, loadProfile, ProfileError } from '../profiles/profiles.js';
import { readFileSync } from 'node:fs';
import { BootError, runScript, type RunSummary } from '../run/run-script.js';
import { loadScenario, ScenarioError } from '../scenario/scenario.js';
import { runScenario } from '../scenario/run-scenario.js';
import type { Logger } from 'pino';
import type { DeviceEvent } from '../../firmware/device/device.js';
import { createLogger, LOG_LEVELS, type LogLevel } from '../log/logger.js';
import { ProgressBar } from './progress.js';
import { serve, type ServeOptions } from '../serve/serve.js';

const USAGE = `usage: memsim <command> [options]

commands:
  run FILE [--profile ID] [--pool SIZE] [--gc-threshold A,B,C] [--seed N] [--json] [--log-level LEVEL]
                        run a scenario (.yaml) or a device-Python script (.py)
  validate FILE         check a scenario file (every problem, with line:col)
  serve [--profile ID] [--serial PATH [--baud N] | --pty | --tcp HOST:PORT | --stdio] [--speed X|max] [--state DIR] [FILE]
                        the device's serial console on stdio or TCP (pyserial socket://)
  demo [--profile ID]   the seed article's collector examples on a device profile
  profiles              list the device profiles

(scenarios, serve, capacity and validate are coming; see the README)`;

export class UsageError extends Error {}

function takeOption(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i === -1) return undefined;
  const value = args[i + 1];
  if (value === undefined || value.startsWith('--')) throw new UsageError(`${name} needs a value`);
  args.splice(i, 2);
  return value;
}

function takeFlag(args: string[], name: string): boolean {
  const i = args.indexOf(name);
  if (i === -1) return false;
  args.splice(i, 1);
  return true;
}

function parseInteger(text: string, flag: string): number {
  if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(Number(text))) throw new UsageError(`${flag} expects an integer, got "${text}"`);
  return Number(text);
}

const SIZE_UNITS: Record<string, number> = { '': 1, b: 1, k: 1000, kb: 1000, kib: 1024, m: 1e6, mb: 1e6, mib: 1048576, g: 1e9, gb: 1e9, gib: 1073741824 };

/** A size such as 4MiB, 512KiB, 1.5MB or 65536. */
export function parseSize(text: string, flag: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([a-zA-Z]*)$/.exec(text.trim());
  const unit = m ? SIZE_UNITS[m[2]!.toLowerCase()] : undefined;
  if (!m || unit === undefined) throw new UsageError(`${flag} expects a size such as 4MiB, 512KiB or 65536, got "${text}"`);
  const bytes = Math.round(Number(m[1]) * unit);
  if (bytes < 65536 || bytes > 0x7fff0000) throw new UsageError(`${flag} must be from 64KiB to 2GiB, got "${text}"`);
  return bytes;
}

function parseThresholds(text: string): [number, number, number] {
  const parts = text.split(',').map((p) => p.trim());
  if (parts.length !== 3 || !parts.every((p) => /^\d+$/.test(p))) {
    throw new UsageError(`--gc-threshold expects three non-negative integers A,B,C, got "${text}"`);
  }
  return parts.map(Number) as [number, number, number];
}

function mib(bytes: number): string {
  return `${(bytes / 1048576).toFixed(2)} MiB`;
}

function renderSummary(s: Pick<RunSummary, 'outcome' | 'profile' | 'gcModel' | 'seed' | 'memory' | 'gc' | 'time' | 'crashes'>): string {
  const lines = [
    '',
    `memsim run: ${s.outcome} on ${s.profile} (gc model ${s.gcModel}, seed ${s.seed})`,
    `  memory: pool ${mib(s.memory.poolBytes)}, peak ${mib(s.memory.peakBytes)}, min free ${mib(s.memory.minFreeBytes)}, min largest free block ${mib(s.memory.minLargestFreeBlock)}`,
    `  gc: collections ${s.gc.collections.join('/')} (gen 0/1/2, ${s.gc.automatic} automatic), collected ${s.gc.collected.join('/')}, uncollectable ${s.gc.uncollectable.join('/')}`,
    `  virtual time at end: ${s.time.endS.toFixed(3)} s`,
  ];
  for (const c of s.crashes) lines.push(`  crash at ${c.atS.toFixed(3)} s: ${c.kind} at ${c.where}`);
  return lines.join('\n');
}

/** Device events as log lines: boots, crashes and reboots at info/warn, each collection at debug. */
function logDeviceEvent(log: Logger, e: DeviceEvent): void {
  const { kind, ...fields } = e;
  const line = { event: kind, t: Math.round(e.atS * 1000) / 1000, ...fields };
  delete (line as { atS?: number }).atS;
  switch (kind) {
    case 'crash':
      log.warn(line, `app ${e.app} crashed: ${e.crashKind} at ${e.where} (onexit ${e.action})`);
      break;
    case 'reboot':
      log.warn(line, `device reboots (boot ${e.boot})`);
      break;
    case 'critical-miss':
      log.warn(line, `critical section ${e.name} took ${e.durationMs.toFixed(1)} ms (deadline ${e.deadlineMs} ms)`);
      break;
    case 'boot':
      log.info(line, `boot ${e.boot}`);
      break;
    case 'startup-done':
      log.info(line, `start-up done in ${e.bootMs.toFixed(1)} ms`);
      break;
    case 'collection':
      log.debug(line, `gen ${e.generation} collection: ${e.collected} collected, ${e.pauseMs.toFixed(3)} ms`);
      break;
  }
}

function rejectLeftovers(args: string[]): void {
  if (args.length > 0) throw new UsageError(`unexpected argument: ${args[0]}`);
}

export function main(argv: string[], out: (s: string) => void, err: (s: string) => void): number {
  const args = [...argv];
  const command = args.shift();
  try {
    switch (command) {
      case 'demo': {
        const profile = loadProfile(takeOption(args, '--profile') ?? DEFAULT_PROFILE);
        rejectLeftovers(args);
        out(renderDemo(runDemo(profile)));
        return 0;
      }
      case 'run': {
        const profile = loadProfile(takeOption(args, '--profile') ?? DEFAULT_PROFILE);
        const pool = takeOption(args, '--pool');
        const thresholds = takeOption(args, '--gc-threshold');
        const seed = takeOption(args, '--seed');
        const json = takeFlag(args, '--json');
        const levelText = takeOption(args, '--log-level') ?? 'warn';
        if (!(LOG_LEVELS as readonly string[]).includes(levelText)) throw new UsageError(`--log-level expects one of ${LOG_LEVELS.join(', ')}, got "${levelText}"`);
        const file = args.shift();
        if (file === undefined) throw new UsageError('run needs a FILE');
        rejectLeftovers(args);
        if (file.endsWith('.yaml') || file.endsWith('.yml')) {
          const scenario = loadScenario(file);
          const log = createLogger(levelText as LogLevel).child({ component: 'device', scenario: scenario.name });
          const bar = new ProgressBar(scenario.name);
          const startedMs = Date.now();
          const summary = runScenario(scenario, {
            seed: seed === undefined ? undefined : parseInteger(seed, '--seed'),
            poolBytes: pool === undefined ? undefined : parseSize(pool, '--pool'),
            thresholds: thresholds === undefined ? undefined : parseThresholds(thresholds),
          }, {
            onEvent: (e) => logDeviceEvent(log, e),
            onProgress: (nowS, durationS) => bar.update(nowS, durationS, startedMs),
          });
          bar.done();
          if (json) out(JSON.stringify(summary));
          else {
            for (const line of summary.stdout) out(line);
            err(renderSummary(summary));
            for (const e of summary.expectations) err(`  expect ${e.pass ? 'ok  ' : 'FAIL'} ${e.expr}`);
          }
          return summary.outcome === 'ok' ? 0 : 1;
        }
        if (!file.endsWith('.py')) throw new UsageError(`${file}: expected a scenario (.yaml) or a script (.py)`);
        let source: string;
        try {
          source = readFileSync(file, 'utf8');
        } catch (e) {
          throw new UsageError(`${file}: cannot read: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
        }
        const summary = runScript({
          profile,
          source,
          file,
          poolBytes: pool === undefined ? undefined : parseSize(pool, '--pool'),
          thresholds: thresholds === undefined ? undefined : parseThresholds(thresholds),
          seed: seed === undefined ? undefined : parseInteger(seed, '--seed'),
          onStdout: json ? undefined : (t) => process.stdout.write(t),
          onStderr: json ? undefined : (t) => process.stderr.write(t),
        });
        if (json) out(JSON.stringify(summary));
        else err(renderSummary(summary));
        return summary.outcome === 'ok' ? 0 : 1;
      }
      case 'serve': {
        const profile = takeOption(args, '--profile') ?? DEFAULT_PROFILE;
        const tcp = takeOption(args, '--tcp');
        const stdio = takeFlag(args, '--stdio');
        const pty = takeFlag(args, '--pty');
        const serialPath = takeOption(args, '--serial');
        const baudText = takeOption(args, '--baud');
        const stateDir = takeOption(args, '--state') ?? null;
        const speedText = takeOption(args, '--speed') ?? '1';
        const file = args.shift();
        rejectLeftovers(args);
        if ([tcp !== undefined, stdio, pty, serialPath !== undefined].filter(Boolean).length > 1) {
          throw new UsageError('serve takes one transport: --serial PATH, --pty, --tcp HOST:PORT or --stdio');
        }
        if (baudText !== undefined && !/^\d+$/.test(baudText)) throw new UsageError(`--baud expects a number, got "${baudText}"`);
        const speed = speedText === 'max' ? 'max' : Number(speedText);
        if (speed !== 'max' && !(Number.isFinite(speed) && speed > 0)) throw new UsageError(`--speed expects a positive number or max, got "${speedText}"`);
        let transport: ServeOptions['transport'] = { kind: 'stdio' };
        if (tcp) {
          const m = /^(.*):(\d+)$/.exec(tcp);
          if (!m || Number(m[2]) > 65535) throw new UsageError(`--tcp expects HOST:PORT, got "${tcp}"`);
          transport = { kind: 'tcp', host: m[1] || '127.0.0.1', port: Number(m[2]) };
        }
        const prof = loadProfile(profile); // a bad profile id is a usage error before anything starts
        // NET+OS gateways' consoles ran at 9600 baud; the Linux ones at 115200.
        const baud = baudText !== undefined ? Number(baudText) : prof.family === 'NET+OS' ? 9600 : 115200;
        if (pty) transport = { kind: 'pty', baud };
        if (serialPath !== undefined) transport = { kind: 'serial', path: serialPath, baud };
        let source: ServeOptions['source'] = { kind: 'idle', profile };
        if (file !== undefined) {
          if (file.endsWith('.yaml') || file.endsWith('.yml')) {
            loadScenario(file); // every problem, before the device starts
            source = { kind: 'scenario', file };
          } else if (file.endsWith('.py')) source = { kind: 'script', file, profile };
          else throw new UsageError(`${file}: expected a scenario (.yaml) or a script (.py)`);
        }
        void serve({ source, speed, transport, stateDir, log: (l) => err(l) }).then((s) => {
          const stop = () => void s.stop().then(() => process.exit(0));
          process.on('SIGINT', stop);
          process.on('SIGTERM', stop);
          void s.done.then(() => process.exit(0));
        }, (e: Error) => {
          err(`memsim serve: ${e.message}`);
          process.exit(2);
        });
        return -1;
      }
      case 'validate': {
        const file = args.shift();
        if (file === undefined) throw new UsageError('validate needs a FILE');
        rejectLeftovers(args);
        const s = loadScenario(file);
        out(`${file}: ok (${s.name}: ${s.apps.length} app(s) on ${s.profile.id}, ${s.durationS} s, ${s.expect.length} expectation(s))`);
        return 0;
      }
      case 'profiles': {
        rejectLeftovers(args);
        const rows = listProfiles().map((p) => [p.id, p.name, p.python, p.gcModel, `${(p.poolBytes / 1048576).toFixed(1)} MiB`]);
        const header = ['id', 'device', 'python', 'gc model', 'pool'];
        const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
        const fmt = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
        out([fmt(header), fmt(widths.map((w) => '-'.repeat(w))), ...rows.map(fmt)].join('\n'));
        return 0;
      }
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        out(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (e) {
    if (e instanceof ScenarioError) {
      for (const p of e.problems) err(p);
      return 2;
    }
    if (e instanceof BootError) {
      err(`memsim: ${e.message}`);
      return 2;
    }
    if (e instanceof UsageError || e instanceof ProfileError) {
      err(`memsim: ${e.message}`);
      if (e instanceof UsageError) err(USAGE);
      return 2;
    }
    throw e;
  }
}

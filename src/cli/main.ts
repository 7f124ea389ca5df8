// The memsim command line.
import { encodeOutput } from '../../firmware/python/index.js';
import { renderDemo, runDemo } from '../demo/collector-demo.js';
import { DEFAULT_PROFILE, listProfiles, loadProfile, ProfileError } from '../profiles/profiles.js';
import { readFileSync } from 'node:fs';
import { BootError, runScript, type RunSummary } from '../run/run-script.js';
import { appSyntaxProblems, describeFsError, loadScenario, MAX_DURATION_S, ScenarioError } from '../scenario/scenario.js';
import { runScenario } from '../scenario/run-scenario.js';
import type { Logger } from 'pino';
import type { DeviceEvent } from '../../firmware/device/device.js';
import { createLogger, LOG_LEVELS, type LogLevel } from '../log/logger.js';
import { ProgressBar } from './progress.js';
import { serve, type ServeOptions } from '../serve/serve.js';
import { capacity, chartsOf, chartsOfLastSweep, checkSweep } from '../capacity/capacity.js';
import { renderHtml, type ChartSeries } from '../capacity/html.js';
import { runCells } from '../capacity/pool.js';
import { cellsOf, isCell, isCellResult, SweepError, type Cell, type CellResult, type SweepSpec } from '../capacity/sweep.js';
import { recommend, renderCsv, renderMarkdown, renderTable, summarise, type CapacityReport } from '../capacity/report.js';
import { accessSync, constants, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { parseDuration } from '../scenario/units.js';
import { join } from 'node:path';

const USAGE = `usage: memsim <command> [options]

commands:
  run FILE [--profile ID] [--pool SIZE] [--gc-threshold A,B,C] [--seed N] [--duration D] [--json] [--log-level LEVEL]
                        run a scenario (.yaml) or a device-Python script (.py; at most 1d unless --duration)
  validate FILE         check a scenario file (every problem, with line:col)
  capacity FILE [--profiles A,B] [--pool S1,S2] [--gc-threshold A,B,C;...] [--policies P1,P2]
           [--seeds N] [--jobs N] [--min-pool] [--format table|json|csv|md|html] [--out DIR] [--shard I/N | --shards N]
                        sweep a scenario over devices, pools, thresholds and GC strategies
  merge [--format F] SHARD.json ...   combine --shard results into one report
  serve [--profile ID] [--serial PATH [--baud N] | --pty | --tcp HOST:PORT | --stdio] [--speed X|max] [--state DIR] [FILE]
                        the device's serial console on stdio or TCP (pyserial socket://)
  demo [--profile ID]   the seed article's collector examples on a device profile
  profiles              list the device profiles

The README explains each command, the scenario format and the console language.`;

/** Bad command-line input: one line naming what was wrong (the usage text too when the command itself is). */
export class UsageError extends Error {
  constructor(message: string, readonly showUsage = false) {
    super(message);
  }
}

function takeOption(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i === -1) return undefined;
  if (args.indexOf(name, i + 1) !== -1) throw new UsageError(`${name} is given twice`);
  const value = args[i + 1];
  if (value === undefined || value.startsWith('--')) throw new UsageError(`${name} needs a value`);
  args.splice(i, 2);
  return value;
}

function takeFlag(args: string[], name: string): boolean {
  const i = args.indexOf(name);
  if (i === -1) return false;
  if (args.indexOf(name, i + 1) !== -1) throw new UsageError(`${name} is given twice`);
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
  if (bytes < 65536 || bytes > 0x7fff0000) throw new UsageError(`${flag} must be from 64KiB to 2047MiB, got "${text}"`);
  return bytes;
}

/** A run's duration such as 30d, 1h, 90s: positive, at most 10 years of virtual time. */
function parseDurationFlag(text: string): number {
  const s = parseDuration(text);
  if (s === null || s <= 0) throw new UsageError(`--duration expects a positive duration such as 30d, 1h or 90s, got "${text}"`);
  if (s > MAX_DURATION_S) throw new UsageError(`--duration must be at most 3650d, got "${text}"`);
  return s;
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

type SummaryView = Pick<RunSummary, 'outcome' | 'profile' | 'gcModel' | 'seed' | 'memory' | 'gc' | 'time' | 'crashes'> & { crashesOmitted?: number; name?: string; boots?: number; criticalMissed?: number; critical?: unknown[] };

/** The run's summary for people (stderr); `tracebacks`: show the first crash's traceback (scenarios: the script's stderr is not shown as it runs). */
function renderSummary(s: SummaryView, tracebacks = false): string {
  const p = s.gc.pauseMs;
  const ncoll = s.gc.collections.reduce((a, b) => a + b, 0);
  const lines = [
    '',
    `memsim run: ${s.outcome}${s.name ? ` (${s.name})` : ''} on ${s.profile} (gc model ${s.gcModel}, seed ${s.seed})`,
    `  memory: pool ${mib(s.memory.poolBytes)}, peak ${mib(s.memory.peakBytes)}, min free ${mib(s.memory.minFreeBytes)}, min largest free block ${mib(s.memory.minLargestFreeBlock)}`,
    `  gc: collections ${s.gc.collections.join('/')} (gen 0/1/2, ${s.gc.automatic} automatic), collected ${s.gc.collected.join('/')}, uncollectable ${s.gc.uncollectable.join('/')}`,
    ncoll > 0 ? `  pauses: p50 ${p.p50} ms, p99 ${p.p99} ms, max ${p.max} ms, total ${p.total} ms` : '  pauses: none (no collection ran)',
  ];
  if (s.boots !== undefined) lines.push(`  boot: ${s.time.bootMs} ms${s.boots > 1 ? ` (first boot); ${s.boots} boots` : ''}`);
  if (s.critical !== undefined && s.critical.length > 0) lines.push(`  critical sections: ${s.critical.length}, ${s.criticalMissed ?? 0} missed their deadline`);
  lines.push(`  virtual time at end: ${s.time.endS.toFixed(3)} s${s.time.stoppedAtDuration ? ' (the run\'s duration; the script was still running)' : ''}`);
  const SHOWN = 10;
  for (const c of s.crashes.slice(0, SHOWN)) {
    lines.push(c.kind === 'SyntaxError' && c.atS === 0 ? `  not run: SyntaxError at ${c.where} (above)` : `  crash at ${c.atS.toFixed(3)} s: ${c.kind} at ${c.where}${c.action ? ` (onexit ${c.action})` : ''}`);
  }
  const more = Math.max(0, s.crashes.length - SHOWN) + (s.crashesOmitted ?? 0);
  if (more > 0) lines.push(`  ... and ${more} more crashes (the first ${s.crashes.length} are listed by --json)`);
  const first = s.crashes[0];
  if (tracebacks && first && first.kind !== 'SyntaxError') {
    lines.push(`  first crash:`);
    for (const l of (first.traceback || `${first.kind}: ${first.message}`).trimEnd().split('\n')) lines.push(`    ${l}`);
    if (first.heap) lines.push(`    heap then: ${mib(first.heap.usedBytes)} used, ${mib(first.heap.freeBytes)} free, largest free block ${mib(first.heap.largestFreeBlockBytes)}, ${first.heap.liveObjects} objects`);
    if (first.topTypes?.length) lines.push(`    largest types: ${first.topTypes.map((t) => `${t.type} ${mib(t.bytes)} (${t.objects})`).join(', ')}`);
  }
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

/** `memsim merge`: shards' results, combined into the report an unsharded run gives. */
export function mergeShards(files: string[]): CapacityReport {
  return mergeShardsWithCharts(files).report;
}

function mergeShardsWithCharts(files: string[]): { report: CapacityReport; charts: ChartSeries[] } {
  let spec: SweepSpec | null = null;
  const byIndex = new Map<number, { cell: Cell; result: CellResult }>();
  for (const f of files) {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(f, 'utf8'));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new UsageError(code ? `${f}: cannot read (${describeFsError(code)})` : `${f}: not a shard file (${(e as Error).message})`);
    }
    const data = shardOf(raw, f);
    if (spec && JSON.stringify(spec) !== JSON.stringify(data.spec)) throw new UsageError(`${f}: a shard of a different sweep`);
    spec = data.spec;
    data.cells.forEach((c, i) => byIndex.set(c.index, { cell: c, result: data.results[i]! }));
  }
  let all: Cell[];
  try {
    all = cellsOf(spec!);
  } catch (e) {
    throw new UsageError(`${files[0]}: the shard's sweep is not valid (${(e as Error).message})`);
  }
  const missing = all.filter((c) => !byIndex.has(c.index));
  if (missing.length > 0) throw new UsageError(`merge: ${missing.length} of ${all.length} runs are missing (shards not all given?)`);
  const cells = all.map((c) => byIndex.get(c.index)!.cell);
  const results = all.map((c) => byIndex.get(c.index)!.result);
  const configs = summarise(cells, results);
  return { report: { scenario: spec!.scenario, cells: all.length, configs, recommendations: recommend(configs), minPools: [] }, charts: chartsOf(cells, results) };
}

/** A shard file's content, checked: every part the merge reads has its shape. */
function shardOf(raw: unknown, file: string): { spec: SweepSpec; cells: Cell[]; results: CellResult[] } {
  const bad = (what: string) => new UsageError(`${file}: not a shard file (${what}); shard files are what \`memsim capacity --shard I/N --format json\` writes`);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw bad('expected a JSON object');
  const d = raw as Record<string, unknown>;
  const spec = d.spec as Record<string, unknown> | undefined;
  if (typeof spec !== 'object' || spec === null || typeof spec.scenario !== 'string' || !Array.isArray(spec.profiles) || !Array.isArray(spec.pools)
    || !Array.isArray(spec.thresholds) || !Array.isArray(spec.policies) || !Number.isSafeInteger(spec.seeds) || !Number.isSafeInteger(spec.firstSeed)) {
    throw bad('"spec" is missing or incomplete');
  }
  if (!Array.isArray(d.cells) || !Array.isArray(d.results)) throw bad('"cells" and "results" must be lists');
  if (d.cells.length !== d.results.length) throw bad(`${d.cells.length} cells but ${d.results.length} results`);
  d.cells.forEach((c, i) => {
    if (!isCell(c)) throw bad(`cells[${i}] is not a run's description`);
    const r = (d.results as unknown[])[i];
    if (!isCellResult(r)) throw bad(`results[${i}] is not a run's result`);
    if (r.index !== c.index) throw bad(`results[${i}] belongs to run ${r.index}, not ${c.index}`);
  });
  return d as unknown as { spec: SweepSpec; cells: Cell[]; results: CellResult[] };
}

/** A directory memsim may write in (made when missing); a usage error naming the flag when it cannot be. */
function usableDirectory(dir: string, flag: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    if (!statSync(dir).isDirectory()) throw Object.assign(new Error(), { code: 'ENOTDIR' });
    accessSync(dir, constants.W_OK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? String(e);
    throw new UsageError(`${flag} ${dir}: not a directory memsim can write in (${code === 'EEXIST' || code === 'ENOTDIR' ? 'a file is in the way' : describeFsError(code)})`);
  }
}


function renderMerged(files: string[], format: string): string {
  if (!['table', 'json', 'csv', 'md', 'html'].includes(format)) throw new UsageError(`--format expects table, json, csv, md or html, got "${format}"`);
  const { report, charts } = mergeShardsWithCharts(files);
  return format === 'json' ? JSON.stringify(report, null, 1) : format === 'csv' ? renderCsv(report) : format === 'md' ? renderMarkdown(report) : format === 'html' ? renderHtml(report, charts) : renderTable(report);
}

function rejectLeftovers(args: string[]): void {
  if (args.length > 0) throw new UsageError(args[0]!.startsWith('-') ? `unknown option ${args[0]}` : `unexpected argument: ${args[0]}`);
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
        const profileId = takeOption(args, '--profile');
        const profile = loadProfile(profileId ?? DEFAULT_PROFILE);
        const pool = takeOption(args, '--pool');
        const thresholds = takeOption(args, '--gc-threshold');
        const seed = takeOption(args, '--seed');
        const durationText = takeOption(args, '--duration');
        const durationS = durationText === undefined ? undefined : parseDurationFlag(durationText);
        const json = takeFlag(args, '--json');
        const levelText = takeOption(args, '--log-level') ?? 'warn';
        if (!(LOG_LEVELS as readonly string[]).includes(levelText)) throw new UsageError(`--log-level expects one of ${LOG_LEVELS.join(', ')}, got "${levelText}"`);
        const file = args.shift();
        if (file === undefined) throw new UsageError('run needs a FILE');
        rejectLeftovers(args);
        if (pool !== undefined) {
          const bytes = parseSize(pool, '--pool');
          if (profileId !== undefined && bytes > profile.ramBytes) throw new UsageError(`--pool ${pool} is more than ${profile.id}'s RAM (${mib(profile.ramBytes)})`);
        }
        if (file.endsWith('.yaml') || file.endsWith('.yml')) {
          const scenario = loadScenario(file);
          // --profile runs the scenario on another device (its pool unless --pool says).
          if (profileId !== undefined) {
            const problems = appSyntaxProblems(scenario.apps, profile, file);
            if (problems.length > 0) throw new ScenarioError(problems);
          }
          const log = createLogger(levelText as LogLevel).child({ component: 'device', scenario: scenario.name });
          const bar = new ProgressBar(scenario.name);
          const startedMs = Date.now();
          const summary = runScenario(scenario, {
            seed: seed === undefined ? undefined : parseInteger(seed, '--seed'),
            poolBytes: pool === undefined ? undefined : parseSize(pool, '--pool'),
            thresholds: thresholds === undefined ? undefined : parseThresholds(thresholds),
            durationS,
            profile: profileId === undefined ? undefined : profile,
          }, {
            onEvent: (e) => logDeviceEvent(log, e),
            onProgress: (nowS, durationS) => bar.update(nowS, durationS, startedMs),
          });
          bar.done();
          if (json) out(JSON.stringify(summary));
          else {
            for (const line of summary.stdout) out(line);
            err(renderSummary(summary, true));
            for (const e of summary.expectations as { expr: string; pass: boolean; error?: string }[]) err(`  expect ${e.pass ? 'ok  ' : 'FAIL'} ${e.expr}${e.error ? ` (${e.error})` : ''}`);
          }
          return summary.outcome === 'ok' ? 0 : 1;
        }
        if (!file.endsWith('.py')) throw new UsageError(`${file}: expected a scenario (.yaml) or a script (.py)`);
        let source: Uint8Array;
        try {
          source = readFileSync(file);
        } catch (e) {
          throw new UsageError(`${file}: cannot read (${describeFsError((e as NodeJS.ErrnoException).code ?? String(e))})`);
        }
        const summary = runScript({
          profile,
          source,
          file,
          poolBytes: pool === undefined ? undefined : parseSize(pool, '--pool'),
          thresholds: thresholds === undefined ? undefined : parseThresholds(thresholds),
          seed: seed === undefined ? undefined : parseInteger(seed, '--seed'),
          durationS,
          // The device's bytes, as CPython writes them (Python 2 str output is bytes).
          onStdout: json ? undefined : (t) => process.stdout.write(encodeOutput(t)),
          onStderr: json ? undefined : (t) => process.stderr.write(encodeOutput(t)),
        });
        // A script that does not parse is bad input: nothing ran (exit 2), and the reasons are shown.
        const rejected = summary.crashes[0]?.kind === 'SyntaxError';
        if (json) out(JSON.stringify(summary));
        else {
          if (rejected) err(summary.crashes[0]!.traceback.trimEnd());
          err(renderSummary(summary));
        }
        return summary.outcome === 'ok' ? 0 : rejected ? 2 : 1;
      }
      case 'serve': {
        const profileOption = takeOption(args, '--profile');
        const profile = profileOption ?? DEFAULT_PROFILE;
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
            const scenario = loadScenario(file); // every problem, before the device starts
            if (profileOption !== undefined) {
              const problems = appSyntaxProblems(scenario.apps, prof, file);
              if (problems.length > 0) throw new ScenarioError(problems);
            }
            source = profileOption !== undefined ? { kind: 'scenario', file, profile } : { kind: 'scenario', file };
          } else if (file.endsWith('.py')) {
            try {
              readFileSync(file, 'utf8');
            } catch (e) {
              throw new UsageError(`${file}: cannot read (${describeFsError((e as NodeJS.ErrnoException).code ?? String(e))})`);
            }
            source = { kind: 'script', file, profile };
          } else throw new UsageError(`${file}: expected a scenario (.yaml) or a script (.py)`);
        }
        if (stateDir !== null) usableDirectory(stateDir, '--state');
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
      case 'capacity': {
        const list = (flag: string) => takeOption(args, flag)?.split(',').map((s) => s.trim()).filter(Boolean);
        const profiles = list('--profiles');
        const pools = takeOption(args, '--pool') ?? takeOption(args, '--heap');
        const thresholdSets = takeOption(args, '--gc-threshold');
        const policies = list('--policies') ?? ['scenario'];
        const seedsText = takeOption(args, '--seeds') ?? '1';
        const jobsText = takeOption(args, '--jobs');
        const shardText = takeOption(args, '--shard');
        // In a Kubernetes Indexed Job: `--shards N`, the index from JOB_COMPLETION_INDEX.
        const shardsText = takeOption(args, '--shards');
        const outDir = takeOption(args, '--out');
        const format = takeOption(args, '--format') ?? 'table';
        const minPool = takeFlag(args, '--min-pool');
        const file = args.shift();
        if (file === undefined) throw new UsageError('capacity needs a scenario FILE');
        rejectLeftovers(args);
        if (!['table', 'json', 'csv', 'md', 'html'].includes(format)) throw new UsageError(`--format expects table, json, csv, md or html, got "${format}"`);
        const scenario = loadScenario(file);
        const spec: SweepSpec = {
          scenario: file,
          profiles: profiles ?? [scenario.profile.id],
          pools: pools === undefined ? [null] : pools.split(',').map((p) => parseSize(p.trim(), '--pool')),
          thresholds: thresholdSets === undefined ? [null] : thresholdSets.split(';').map((t) => parseThresholds(t)),
          policies,
          seeds: parseInteger(seedsText, '--seeds'),
          firstSeed: scenario.seed,
        };
        const jobs = jobsText === undefined ? undefined : parseInteger(jobsText, '--jobs');
        if (jobs !== undefined && jobs < 1) throw new UsageError('--jobs expects a positive integer');
        let shard: { index: number; count: number } | null = null;
        if (shardsText !== undefined && process.env.JOB_COMPLETION_INDEX === undefined) throw new UsageError('--shards N needs JOB_COMPLETION_INDEX (a Kubernetes Indexed Job); use --shard I/N otherwise');
        const shardSpec = shardText ?? (shardsText !== undefined ? `${process.env.JOB_COMPLETION_INDEX}/${shardsText}` : undefined);
        if (shardSpec !== undefined) {
          const m = /^(\d+)\/(\d+)$/.exec(shardSpec);
          if (!m || Number(m[2]) < 1 || Number(m[1]) >= Number(m[2])) throw new UsageError(`--shard expects I/N with 0 <= I < N, got "${shardSpec}"`);
          shard = { index: Number(m[1]), count: Number(m[2]) };
          if (!outDir) throw new UsageError('--shard needs --out DIR for its results');
        }
        checkSweep(spec);
        if (outDir !== undefined) usableDirectory(outDir, '--out');
        const bar = new ProgressBar('capacity');
        const started = Date.now();
        void (async () => {
          if (shard) {
            const all = cellsOf(spec);
            const mine = all.filter((c) => c.index % shard!.count === shard!.index);
            const results = await runCells(file, mine, { jobs, onResult: (_r, d, t) => bar.update(d, t, started) });
            bar.done();
            mkdirSync(outDir!, { recursive: true });
            writeFileSync(join(outDir!, `shard-${shard.index}-of-${shard.count}.json`), JSON.stringify({ spec, cells: mine, results }));
            err(`memsim capacity: shard ${shard.index}/${shard.count}: ${mine.length} runs written to ${outDir}`);
            return;
          }
          const report = await capacity(spec, { jobs, minPool, outDir, onProgress: (d, t) => bar.update(d, t, started) });
          bar.done();
          const html = renderHtml(report, chartsOfLastSweep());
          const text = format === 'json' ? JSON.stringify(report, null, 1) : format === 'csv' ? renderCsv(report) : format === 'md' ? renderMarkdown(report) : format === 'html' ? html : renderTable(report);
          if (outDir) {
            mkdirSync(outDir, { recursive: true });
            writeFileSync(join(outDir, 'report.json'), JSON.stringify(report, null, 1));
            writeFileSync(join(outDir, 'report.html'), html);
            if (format !== 'json' && format !== 'html') writeFileSync(join(outDir, `report.${format === 'table' ? 'txt' : format}`), text);
            err(`memsim capacity: report written to ${join(outDir, 'report.html')}`);
          }
          out(text);
        })().then(() => process.exit(0), (e: Error) => {
          err(`memsim capacity: ${e.message}`);
          process.exit(e instanceof SweepError ? 2 : 1);
        });
        return -1;
      }
      case 'merge': {
        const files = [...args];
        args.length = 0;
        const format = files[0] === '--format' ? (files.shift(), files.shift()) ?? 'table' : 'table';
        if (files.length === 0) throw new UsageError('merge needs the shard files (shard-I-of-N.json) to combine');
        out(renderMerged(files, format));
        return 0;
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
        throw new UsageError(`unknown command "${command}"`, true);
    }
  } catch (e) {
    if (e instanceof ScenarioError) {
      for (const p of e.problems) err(p);
      return 2;
    }
    if (e instanceof SweepError) {
      err(`memsim capacity: ${e.message}`);
      return 2;
    }
    if (e instanceof BootError) {
      err(`memsim: ${e.message}`);
      return 2;
    }
    if (e instanceof UsageError || e instanceof ProfileError) {
      err(`memsim: ${e.message}`);
      if (e instanceof UsageError) err(e.showUsage ? USAGE : `(memsim help: the commands and their options)`);
      return 2;
    }
    throw e;
  }
}

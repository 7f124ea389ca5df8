// Scenario files (YAML): what runs on which device, for how long, with which manual
// collection policy and outside events, and what must hold at the end. Every problem
// in a file is reported at once as file:line:col, and nothing runs when there is one.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import type { AppSpec, EventSpec, GcPolicy } from '../../firmware/device/device.js';
import { loadProfile, ProfileError, type DeviceProfile } from '../profiles/profiles.js';
import { Memory } from '../../firmware/memory/index.js';
import { DevicePython, DeviceStop, PyException, pythonVersionOf } from '../../firmware/python/index.js';
import { parseModule } from '../../firmware/python/syntax/index.js';
import { parseExpectation, type Expr } from './expectations.js';
import { parseDuration, parseRate, parseSizeText } from './units.js';

export interface Scenario {
  file: string;
  name: string;
  profile: DeviceProfile;
  poolBytes: number;
  thresholds?: [number, number, number];
  apps: AppSpec[];
  policy: GcPolicy;
  events: EventSpec[];
  durationS: number;
  seed: number;
  watchdogS: number;
  expect: { text: string; expr: Expr }[];
}

export class ScenarioError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

const TOP_KEYS = ['name', 'description', 'profile', 'overrides', 'apps', 'policy', 'events', 'duration', 'seed', 'expect', 'watchdog'];

export function loadScenario(file: string): Scenario {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ScenarioError([`${file}: cannot read (${describeFsError((e as NodeJS.ErrnoException).code ?? String(e))})`]);
  }
  return parseScenario(text, file);
}

export function parseScenario(text: string, file: string): Scenario {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const problems: string[] = [];
  const at = (node: YamlNode | null | undefined, message: string) => {
    const off = node?.range?.[0] ?? 0;
    const p = lc.linePos(off);
    problems.push(`${file}:${p.line}:${p.col}: ${message}`);
  };
  for (const err of doc.errors) {
    const p = lc.linePos(err.pos[0]);
    const message = err.code === 'MULTIPLE_DOCS' ? 'a scenario file holds one YAML document (this "---" starts a second)' : err.message.split('\n')[0];
    problems.push(`${file}:${p.line}:${p.col}: ${message}`);
  }
  if (problems.length > 0) throw new ScenarioError(problems);
  const root = doc.contents;
  if (!isMap(root)) throw new ScenarioError([`${file}:1:1: expected a mapping of scenario fields`]);
  const node = (path: (string | number)[]) => doc.getIn(path, true) as YamlNode | undefined;
  const value = (path: (string | number)[]) => {
    const n = node(path);
    return n === undefined ? undefined : isScalar(n) ? n.value : (n as { toJSON(): unknown }).toJSON();
  };
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!TOP_KEYS.includes(key)) at(pair.key as YamlNode, `unknown field "${key}" (expected one of ${TOP_KEYS.join(', ')})`);
  }
  const fmt = (path: (string | number)[]) => path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
  const str = (path: (string | number)[], what: string, required = true): string | undefined => {
    const v = value(path);
    if (v === undefined) {
      if (required) at(root, `missing "${fmt(path)}" (${what})`);
      return undefined;
    }
    if (typeof v !== 'string' || v.length === 0) {
      at(node(path), `"${fmt(path)}": expected ${what}`);
      return undefined;
    }
    return v;
  };
  const duration = (path: (string | number)[], required: boolean): number | undefined => {
    const v = value(path);
    if (v === undefined) {
      if (required) at(root, `missing "${fmt(path)}" (a duration such as 30d, 1h, 10s)`);
      return undefined;
    }
    const s = typeof v === 'string' || typeof v === 'number' ? parseDuration(v) : null;
    if (s === null) at(node(path), `"${fmt(path)}": expected a duration such as 30d, 1h, 10s or 500ms, got ${JSON.stringify(v)}`);
    return s ?? undefined;
  };

  const name = str(['name'], 'a non-empty name') ?? 'scenario';
  let profile: DeviceProfile | undefined;
  const profileId = str(['profile'], 'a device profile id');
  if (profileId !== undefined) {
    try {
      profile = loadProfile(profileId);
    } catch (e) {
      at(node(['profile']), e instanceof ProfileError ? e.message : String(e));
    }
  }

  // overrides: { poolBytes: 4MiB, gc: { threshold: [700, 10, 10] } }
  let poolBytes = profile?.poolBytes ?? 0;
  let thresholds: [number, number, number] | undefined;
  const ov = node(['overrides']);
  if (ov !== undefined) {
    if (!isMap(ov)) at(ov, '"overrides": expected a mapping (poolBytes, gc)');
    else {
      for (const pair of ov.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : '';
        if (key !== 'poolBytes' && key !== 'gc') at(pair.key as YamlNode, `"overrides.${key}": unknown field (expected poolBytes, gc)`);
      }
      const pb = value(['overrides', 'poolBytes']);
      if (pb !== undefined) {
        const bytes = typeof pb === 'string' || typeof pb === 'number' ? parseSizeText(pb) : null;
        if (bytes === null || bytes < 65536) at(node(['overrides', 'poolBytes']), `"overrides.poolBytes": expected a size of at least 64KiB such as 4MiB, got ${JSON.stringify(pb)}`);
        else if (profile && bytes > profile.ramBytes) at(node(['overrides', 'poolBytes']), `"overrides.poolBytes": ${pb} is more than the device's RAM (${profile.ramBytes} bytes)`);
        else poolBytes = bytes;
      }
      const th = value(['overrides', 'gc', 'threshold']);
      if (th !== undefined) {
        if (!Array.isArray(th) || th.length !== 3 || !th.every((x) => Number.isInteger(x) && x >= 0)) {
          at(node(['overrides', 'gc', 'threshold']), '"overrides.gc.threshold": expected three non-negative integers [A, B, C]');
        } else thresholds = th as [number, number, number];
      }
    }
  }

  // apps: [ main.py, { path: x.py, onexit: restart } ]
  const apps: AppSpec[] = [];
  const appsNode = node(['apps']);
  if (appsNode === undefined) at(root, 'missing "apps" (a list of scripts to run at boot)');
  else if (!isSeq(appsNode) || appsNode.items.length === 0) at(appsNode, '"apps": expected a non-empty list of scripts');
  else {
    if (appsNode.items.length > 4) at(appsNode, '"apps": the device has at most four auto-start entries');
    appsNode.items.forEach((item, i) => {
      let path: unknown;
      let onexit: unknown = 'none';
      let args: string[] = [];
      if (isScalar(item)) path = item.value;
      else if (isMap(item)) {
        path = value(['apps', i, 'path']);
        onexit = value(['apps', i, 'onexit']) ?? 'none';
        const a = value(['apps', i, 'args']);
        if (a !== undefined) {
          if (!Array.isArray(a) || !a.every((x) => typeof x === 'string' || typeof x === 'number')) at(node(['apps', i, 'args']), `"apps[${i}].args": expected a list of arguments`);
          else args = a.map(String);
        }
        for (const pair of item.items) {
          const key = isScalar(pair.key) ? String(pair.key.value) : '';
          if (key !== 'path' && key !== 'onexit' && key !== 'args') at(pair.key as YamlNode, `"apps[${i}].${key}": unknown field (expected path, onexit, args)`);
        }
      }
      if (typeof path !== 'string' || !path.endsWith('.py')) {
        at(item as YamlNode, `"apps[${i}]": expected a .py script path`);
        return;
      }
      if (onexit !== 'none' && onexit !== 'restart' && onexit !== 'reboot') {
        at(node(['apps', i, 'onexit']), `"apps[${i}].onexit": expected none, restart or reboot, got ${JSON.stringify(onexit)}`);
        return;
      }
      const full = resolve(dirname(file), path);
      if (!existsSync(full)) {
        at(item as YamlNode, `"apps[${i}]": ${path} does not exist (paths are relative to the scenario file)`);
        return;
      }
      let source: Uint8Array;
      try {
        source = readFileSync(full);
      } catch (e) {
        at(item as YamlNode, `"apps[${i}]": cannot read ${path} (${(e as NodeJS.ErrnoException).code === 'EISDIR' ? 'a directory' : (e as Error).message})`);
        return;
      }
      apps.push({ file: path, source, onexit, args });
    });
  }

  // policy: { afterStartup, every, on, disable }
  const policy: GcPolicy = { afterStartup: false, everyS: null, on: [], disableAutomatic: false };
  const pol = node(['policy']);
  if (pol !== undefined) {
    if (!isMap(pol)) at(pol, '"policy": expected a mapping (afterStartup, every, on, disable)');
    else {
      for (const pair of pol.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : '';
        if (!['afterStartup', 'every', 'on', 'disable'].includes(key)) at(pair.key as YamlNode, `"policy.${key}": unknown field (expected afterStartup, every, on, disable)`);
      }
      const a = value(['policy', 'afterStartup']);
      if (a !== undefined && typeof a !== 'boolean') at(node(['policy', 'afterStartup']), '"policy.afterStartup": expected true or false');
      policy.afterStartup = a === true;
      const d = value(['policy', 'disable']);
      if (d !== undefined && typeof d !== 'boolean') at(node(['policy', 'disable']), '"policy.disable": expected true or false');
      policy.disableAutomatic = d === true;
      const every = duration(['policy', 'every'], false);
      if (every !== undefined) {
        if (every <= 0) at(node(['policy', 'every']), '"policy.every": expected a positive duration');
        else policy.everyS = every;
      }
      const on = value(['policy', 'on']);
      if (on !== undefined) {
        if (!Array.isArray(on) || !on.every((x) => typeof x === 'string' && x.length > 0)) at(node(['policy', 'on']), '"policy.on": expected a list of event names');
        else policy.on = on as string[];
      }
    }
  }

  // events: [ { at: 10s, event: connect }, { every: 1h, event: x }, { poisson: 5/min, event: y } ]
  const events: EventSpec[] = [];
  const evNode = node(['events']);
  if (evNode !== undefined) {
    if (!isSeq(evNode)) at(evNode, '"events": expected a list');
    else {
      evNode.items.forEach((item, i) => {
        const where = `events[${i}]`;
        if (!isMap(item)) {
          at(item as YamlNode, `"${where}": expected a mapping such as { at: 10s, event: connect }`);
          return;
        }
        const keys = item.items.map((p) => (isScalar(p.key) ? String(p.key.value) : ''));
        for (const [k, pair] of keys.map((k, j) => [k, item.items[j]!] as const)) {
          if (!['at', 'every', 'poisson', 'event', 'from'].includes(k)) at(pair.key as YamlNode, `"${where}.${k}": unknown field (expected at, every, poisson, event, from)`);
        }
        const event = value(['events', i, 'event']);
        if (typeof event !== 'string' || event.length === 0) {
          at(item as YamlNode, `"${where}.event": expected an event name`);
          return;
        }
        const kinds = keys.filter((k) => k === 'at' || k === 'every' || k === 'poisson');
        if (kinds.length !== 1) {
          at(item as YamlNode, `"${where}": expected exactly one of at, every, poisson`);
          return;
        }
        if (kinds[0] === 'at') {
          const s = duration(['events', i, 'at'], true);
          if (s !== undefined) events.push({ kind: 'at', atS: s, event });
        } else if (kinds[0] === 'every') {
          const s = duration(['events', i, 'every'], true);
          const from = duration(['events', i, 'from'], false);
          if (s !== undefined && s <= 0) at(node(['events', i, 'every']), `"${where}.every": expected a positive duration`);
          else if (s !== undefined) events.push({ kind: 'every', everyS: s, event, fromS: from ?? s });
        } else {
          const r = value(['events', i, 'poisson']);
          const rate = typeof r === 'string' ? parseRate(r) : null;
          if (rate === null || rate <= 0) at(node(['events', i, 'poisson']), `"${where}.poisson": expected a rate such as 5/min, got ${JSON.stringify(r)}`);
          else events.push({ kind: 'poisson', perSecond: rate, event });
        }
      });
    }
  }

  const durationS = duration(['duration'], true);
  if (durationS !== undefined && durationS <= 0) at(node(['duration']), '"duration": expected a positive duration');
  if (durationS !== undefined && durationS > MAX_DURATION_S) at(node(['duration']), `"duration": at most 3650d (ten years of virtual time), got ${JSON.stringify(value(['duration']))}`);
  const watchdogS = duration(['watchdog'], false) ?? 60;
  const seedValue = value(['seed']);
  if (seedValue !== undefined && !(Number.isSafeInteger(seedValue) && (seedValue as number) >= 0)) at(node(['seed']), `"seed": expected a non-negative integer, got ${(node(['seed']) as { source?: string } | undefined)?.source ?? JSON.stringify(seedValue)}`);

  const expect: Scenario['expect'] = [];
  const exNode = node(['expect']);
  if (exNode !== undefined) {
    if (!isSeq(exNode)) at(exNode, '"expect": expected a list of expectations');
    else {
      exNode.items.forEach((item, i) => {
        const v = isScalar(item) ? item.value : undefined;
        if (typeof v !== 'string') {
          at(item as YamlNode, `"expect[${i}]": expected an expression such as "no MemoryError"`);
          return;
        }
        try {
          expect.push({ text: v, expr: parseExpectation(v) });
        } catch (e) {
          at(item as YamlNode, `"expect[${i}]": ${(e as Error).message}`);
        }
      });
    }
  }

  // Apps are parsed with the profile's Python: syntax errors and constructs outside the
  // device subset are the file's problems, found before anything runs.
  if (profile) problems.push(...appSyntaxProblems(apps, profile, file));

  // The pool must hold the interpreter's own start-up before any app runs.
  if (profile && poolBytes > 0) {
    const why = bootProblem(profile, poolBytes);
    if (why) at(node(['overrides', 'poolBytes']) ?? node(['profile']), why);
  }
  if (problems.length > 0 || !profile || durationS === undefined) throw new ScenarioError(problems.length ? problems : [`${file}: invalid scenario`]);
  return {
    file, name, profile, poolBytes, thresholds, apps, policy, events, durationS,
    seed: (seedValue as number | undefined) ?? 1,
    watchdogS,
    expect,
  };
}

/** An fs error code in words. */
export function describeFsError(code: string): string {
  const words: Record<string, string> = { ENOENT: 'no such file or directory', EISDIR: 'is a directory', EACCES: 'permission denied', ENOTDIR: 'a part of the path is not a directory', EEXIST: 'already exists', EPERM: 'not permitted', EROFS: 'read-only file system', ENOSPC: 'no space left on the device' };
  return words[code] ?? code;
}

/** Longest scenario or run: ten years of virtual time. */
export const MAX_DURATION_S = 3650 * 86400;

/** Each app's syntax errors under `profile`'s Python, as path:line:col: message (paths as the scenario's directory gives them). */
export function appSyntaxProblems(apps: AppSpec[], profile: DeviceProfile, scenarioFile: string): string[] {
  const version = pythonVersionOf(profile.python);
  const major = version.major as 2 | 3;
  const out: string[] = [];
  for (const app of apps) {
    const shown = join(dirname(scenarioFile), app.file);
    const r = parseModule(app.source, { file: shown, pythonMajor: major, pythonMinor: version.minor });
    if (!r.ok) for (const d of r.errors) out.push(`${d.file}:${d.line}:${d.col}: ${d.message} (under Python ${profile.python}, profile ${profile.id})`);
  }
  return out;
}

/** Why the device cannot boot on `poolBytes`, or null when it can. */
export function bootProblem(profile: DeviceProfile, poolBytes: number): string | null {
  try {
    const memory = new Memory({ gcModel: profile.gcModel, wordBytes: profile.wordBytes, poolBytes });
    new DevicePython({
      memory,
      version: pythonVersionOf(profile.python),
      startupTrackedObjects: profile.startupTrackedObjects ?? 0,
      host: { write() {}, writeError() {}, now: () => 0, sleep() {}, random: () => 0 },
    });
    return null;
  } catch (e) {
    if (e instanceof DeviceStop || e instanceof PyException || e instanceof RangeError) {
      return `the device cannot boot: ${e instanceof DeviceStop ? e.message : 'the pool is too small for the Python runtime'} (profile ${profile.id}, pool ${poolBytes} bytes)`;
    }
    throw e;
  }
}

export type { Document };

// Device profiles: one JSON file per device in device-profiles/, read and checked here
// (the host side) and handed to the firmware as plain data.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GC_MODEL_IDS, type GcModelId } from '../../firmware/memory/index.js';

export interface DeviceProfile {
  id: string;
  name: string;
  family: string;
  python: string;
  gcModel: GcModelId;
  wordBytes: 4 | 8;
  /** Bytes of the memory pool the Python runtime allocates from. */
  poolBytes: number;
  ramBytes: number;
  collectOnAllocFailure: boolean;
  /** Figures that are estimates, with their source. */
  estimates: Record<string, string>;
  /**
   * GC-tracked objects the interpreter holds when a script starts (modules, functions, type
   * dicts): they sit in the oldest generation and weigh in the 25 % rule. 0 when absent.
   */
  startupTrackedObjects?: number;
  /** Loop iterations and calls of device Python per virtual second (an estimate of the CPU). */
  ticksPerSecond?: number;
  /** What a collection costs: per object and per reference visited (each phase), and per collection. */
  gcCostNs?: { perObject: number; perEdge: number; perCollection: number };
  /** What allocating and freeing one object costs. */
  allocCostNs?: { alloc: number; free: number };
  /** The firmware reboots when free pool memory falls below this many bytes. */
  lowMemoryRebootBytes?: number;
}

export const DEFAULT_PROFILE = 'connectport-x4';

/** The project's device-profiles/ folder, found from this file whether run from source or from dist/. */
export function profilesDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'device-profiles');
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw new Error('device-profiles/ folder not found next to the memsim installation');
}

export class ProfileError extends Error {}

/** Checks a parsed profile; every problem is reported at once, naming the file and field. */
export function checkProfile(data: unknown, file: string): DeviceProfile {
  const problems: string[] = [];
  const p = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  if (typeof data !== 'object' || data === null) problems.push('expected a JSON object');
  const str = (k: string) => typeof p[k] === 'string' && (p[k] as string).length > 0 || problems.push(`"${k}": expected a non-empty string`);
  ['id', 'name', 'family', 'python'].forEach(str);
  if (!GC_MODEL_IDS.includes(p.gcModel as GcModelId)) problems.push(`"gcModel": expected one of ${GC_MODEL_IDS.join(', ')}, got ${JSON.stringify(p.gcModel)}`);
  if (p.wordBytes !== 4 && p.wordBytes !== 8) problems.push(`"wordBytes": expected 4 or 8, got ${JSON.stringify(p.wordBytes)}`);
  for (const k of ['poolBytes', 'ramBytes']) {
    if (!Number.isSafeInteger(p[k]) || (p[k] as number) <= 0) problems.push(`"${k}": expected a positive integer of bytes, got ${JSON.stringify(p[k])}`);
  }
  if (Number.isSafeInteger(p.poolBytes) && Number.isSafeInteger(p.ramBytes) && (p.poolBytes as number) > (p.ramBytes as number)) {
    problems.push(`"poolBytes": ${p.poolBytes} is larger than the device's RAM (${p.ramBytes})`);
  }
  if (typeof p.collectOnAllocFailure !== 'boolean') problems.push('"collectOnAllocFailure": expected true or false');
  if (typeof p.estimates !== 'object' || p.estimates === null) problems.push('"estimates": expected an object of field -> source');
  if (p.startupTrackedObjects !== undefined && (!Number.isSafeInteger(p.startupTrackedObjects) || (p.startupTrackedObjects as number) < 0)) {
    problems.push(`"startupTrackedObjects": expected a non-negative integer, got ${JSON.stringify(p.startupTrackedObjects)}`);
  }
  if (p.ticksPerSecond !== undefined && (!Number.isSafeInteger(p.ticksPerSecond) || (p.ticksPerSecond as number) <= 0)) {
    problems.push(`"ticksPerSecond": expected a positive integer, got ${JSON.stringify(p.ticksPerSecond)}`);
  }
  if (p.gcCostNs !== undefined) {
    const c = p.gcCostNs as Record<string, unknown>;
    for (const k of ['perObject', 'perEdge', 'perCollection']) {
      if (typeof c !== 'object' || c === null || typeof c[k] !== 'number' || !((c[k] as number) >= 0)) problems.push(`"gcCostNs.${k}": expected a non-negative number of nanoseconds`);
    }
  }
  if (p.allocCostNs !== undefined) {
    const c = p.allocCostNs as Record<string, unknown>;
    for (const k of ['alloc', 'free']) {
      if (typeof c !== 'object' || c === null || typeof c[k] !== 'number' || !((c[k] as number) >= 0)) problems.push(`"allocCostNs.${k}": expected a non-negative number of nanoseconds`);
    }
  }
  if (p.lowMemoryRebootBytes !== undefined && (!Number.isSafeInteger(p.lowMemoryRebootBytes) || (p.lowMemoryRebootBytes as number) < 0)) {
    problems.push(`"lowMemoryRebootBytes": expected a non-negative integer of bytes`);
  }
  const known = new Set(['id', 'name', 'family', 'python', 'gcModel', 'wordBytes', 'poolBytes', 'ramBytes', 'collectOnAllocFailure', 'estimates', 'startupTrackedObjects', 'ticksPerSecond', 'gcCostNs', 'allocCostNs', 'lowMemoryRebootBytes']);
  for (const k of Object.keys(p)) if (!known.has(k)) problems.push(`"${k}": unknown field`);
  if (problems.length > 0) throw new ProfileError(problems.map((m) => `${file}: ${m}`).join('\n'));
  return p as unknown as DeviceProfile;
}

export function listProfiles(dir = profilesDir()): DeviceProfile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'))
    .sort()
    .map((f) => readProfileFile(join(dir, f)));
}

export function readProfileFile(file: string): DeviceProfile {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ProfileError(`${file}: not valid JSON: ${(e as Error).message}`);
  }
  return checkProfile(data, file);
}

export function loadProfile(id: string, dir = profilesDir()): DeviceProfile {
  const file = join(dir, `${id}.json`);
  if (!/^[a-z0-9][a-z0-9.-]*$/.test(id) || !existsSync(file)) {
    const known = listProfiles(dir).map((p) => p.id);
    throw new ProfileError(`unknown profile "${id}" (expected one of: ${known.join(', ')})`);
  }
  return readProfileFile(file);
}

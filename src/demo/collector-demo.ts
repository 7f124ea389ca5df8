// `memsim demo`: the seed article's two central claims, driven through the device's
// memory manager on a profile: manual collection finds the make_cycle() cycles, and a
// few large objects in cycles exhaust the pool while automatic collection (counted in
// objects, never bytes) never runs — unless the application collects by hand.
import { MEMORY_ERROR, Memory, type ObjId } from '../../firmware/memory/index.js';
import type { DeviceProfile } from '../profiles/profiles.js';

export interface LargeObjectRun {
  manualEvery: number | null;
  iterations: number;
  memoryErrorAt: number | null;
  automaticCollections: number;
  manualCollections: number;
  collectedByManual: number;
  gcCountAtEnd: [number, number, number];
  peakUsedBytes: number;
}

export interface DemoResult {
  profile: DeviceProfile;
  thresholds: [number, number, number];
  makeCycle: { before: number; after: number };
  largeObjects: LargeObjectRun[];
}

export interface DemoOptions {
  bufferBytes?: number;
  iterations?: number;
  manualEvery?: number;
  thresholds?: [number, number, number];
  poolBytes?: number;
}

function newMemory(profile: DeviceProfile, options: DemoOptions): Memory {
  return new Memory({
    gcModel: profile.gcModel,
    wordBytes: profile.wordBytes,
    poolBytes: options.poolBytes ?? profile.poolBytes,
    collectOnAllocFailure: profile.collectOnAllocFailure,
    ...(options.thresholds ? { thresholds: options.thresholds } : {}),
  });
}

/** make_cycle(): l = {}; l[0] = l — one dict that refers to itself, dropped at return. */
function makeCycle(memory: Memory): void {
  const heap = memory.heap;
  const l = heap.alloc(memory.types.dict, memory.sizes.dict.basic);
  if (l === MEMORY_ERROR) throw new Error('MemoryError in make_cycle');
  heap.pushRef(l, 0); // the key 0 is a cached small int
  heap.pushRef(l, l);
  heap.decref(l);
}

/**
 * One iteration of a message handler: msg = Message(); msg.buffer = 'x' * n; msg.me = msg.
 * Two GC objects (instance and its __dict__) and one large string; the cycle keeps all three.
 */
function handleMessage(memory: Memory, keys: ObjId[], bufferBytes: number): boolean {
  const heap = memory.heap;
  const t = memory.types;
  const msg = heap.alloc(t.instance, memory.sizes.instance.basic);
  if (msg === MEMORY_ERROR) return false;
  const dict = heap.alloc(t.dict, memory.sizes.dict.basic);
  if (dict === MEMORY_ERROR) {
    heap.decref(msg);
    return false;
  }
  heap.pushRef(msg, dict);
  heap.decref(dict);
  const s = memory.sizes.str;
  const buffer = heap.alloc(t.str, s.basic + (s.perItem ?? 1) * bufferBytes);
  if (buffer === MEMORY_ERROR) {
    heap.decref(msg);
    return false;
  }
  heap.pushRef(dict, keys[0]!);
  heap.pushRef(dict, buffer);
  heap.decref(buffer);
  heap.pushRef(dict, keys[1]!);
  heap.pushRef(dict, msg);
  heap.decref(msg);
  return true;
}

export function runLargeObjects(profile: DeviceProfile, options: DemoOptions, manualEvery: number | null): LargeObjectRun {
  const memory = newMemory(profile, options);
  const bufferBytes = options.bufferBytes ?? 64 * 1024;
  const iterations = options.iterations ?? 1000;
  const keys = ['buffer', 'me'].map((k) => memory.heap.alloc(memory.types.str, memory.sizes.str.basic + k.length));
  let manualCollections = 0;
  let collectedByManual = 0;
  let memoryErrorAt: number | null = null;
  for (let i = 1; i <= iterations; i++) {
    if (!handleMessage(memory, keys, bufferBytes)) {
      memoryErrorAt = i;
      break;
    }
    if (manualEvery && i % manualEvery === 0) {
      collectedByManual += memory.collector.collect();
      manualCollections++;
    }
  }
  const stats = memory.stats();
  return {
    manualEvery,
    iterations: memoryErrorAt ?? iterations,
    memoryErrorAt,
    automaticCollections: stats.automaticCollections,
    manualCollections,
    collectedByManual,
    gcCountAtEnd: stats.gcCount,
    peakUsedBytes: stats.peakUsedBytes,
  };
}

export function runDemo(profile: DeviceProfile, options: DemoOptions = {}): DemoResult {
  const memory = newMemory(profile, options);
  const before = memory.collector.collect();
  for (let i = 0; i < 10; i++) makeCycle(memory);
  const after = memory.collector.collect();
  return {
    profile,
    thresholds: memory.stats().gcThreshold,
    makeCycle: { before, after },
    largeObjects: [runLargeObjects(profile, options, null), runLargeObjects(profile, options, options.manualEvery ?? 10)],
  };
}

const mib = (n: number) => `${(n / (1024 * 1024)).toFixed(2)} MiB`;

export function renderDemo(r: DemoResult, bufferBytes = 64 * 1024): string {
  const p = r.profile;
  const lines = [
    `memsim collector demo: ${p.name} (${p.id}), Python ${p.python} GC model, ${mib(p.poolBytes)} pool`,
    '',
    '1. The seed article\'s make_cycle() example',
    `   Garbage collection thresholds: (${r.thresholds.join(', ')})`,
    `   Garbage collector: collected ${r.makeCycle.before} objects.`,
    '   Creating cycles...',
    `   Garbage collector: collected ${r.makeCycle.after} objects.`,
    '',
    `2. A few large objects in cycles: each message holds a ${bufferBytes / 1024} KiB buffer and adds 2 GC objects`,
  ];
  for (const run of r.largeObjects) {
    const label = run.manualEvery ? `gc.collect() every ${run.manualEvery} messages` : 'automatic collection only';
    if (run.memoryErrorAt !== null) {
      lines.push(
        `   ${label}: MemoryError at message ${run.memoryErrorAt} with ${run.automaticCollections} automatic collections` +
          ` (gc count ${run.gcCountAtEnd[0]} of threshold ${r.thresholds[0]} when the pool ran out); peak ${mib(run.peakUsedBytes)}`,
      );
    } else {
      lines.push(
        `   ${label}: ${run.iterations} messages, no MemoryError; ${run.manualCollections} manual collections freed` +
          ` ${run.collectedByManual} objects; ${run.automaticCollections} automatic; peak ${mib(run.peakUsedBytes)}`,
      );
    }
  }
  return lines.join('\n');
}

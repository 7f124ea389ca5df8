// Proves, over thousands of random operation sequences and every GC model, that the heap
// and collector agree with a simple reference model: reachable objects are never freed,
// reference counts equal the references that exist, a full collection leaves exactly the
// objects reachable from roots, and the heap's invariants hold after every step.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GC_MODEL_IDS, MEMORY_ERROR, Memory, assertHeapInvariants, type ObjId } from '../../../firmware/memory/index.js';

type Op =
  | { op: 'alloc'; kind: 'list' | 'dict' | 'instance' | 'str' | 'tuple'; items: number[] }
  | { op: 'link'; from: number; to: number }
  | { op: 'unlink'; from: number; index: number }
  | { op: 'drop'; held: number }
  | { op: 'hold'; pick: number }
  | { op: 'collect'; generation: number }
  | { op: 'threshold'; t0: number }
  | { op: 'cycle'; size: number; keep: boolean };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('alloc' as const), kind: fc.constantFrom('list', 'dict', 'instance', 'str', 'tuple') as fc.Arbitrary<'list'>, items: fc.array(fc.nat(), { maxLength: 3 }) }) },
  { weight: 6, arbitrary: fc.record({ op: fc.constant('link' as const), from: fc.nat(), to: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('unlink' as const), from: fc.nat(), index: fc.nat() }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('drop' as const), held: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('hold' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('collect' as const), generation: fc.integer({ min: 0, max: 2 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('threshold' as const), t0: fc.integer({ min: 0, max: 12 }) }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('cycle' as const), size: fc.integer({ min: 1, max: 4 }), keep: fc.boolean() }) },
);

interface ModelObject {
  kind: string;
  refs: ObjId[];
}

function run(modelId: string, ops: Op[]): void {
  const memory = new Memory({ gcModel: modelId, wordBytes: 4, poolBytes: 1 << 20, thresholds: [5, 3, 3] });
  const heap = memory.heap;
  const objects = new Map<ObjId, ModelObject>();
  const held: ObjId[] = []; // external references the "program" holds (one entry per reference)

  const forget = (id: ObjId) => objects.delete(id);
  const sync = () => {
    // Objects memsim freed (by refcount or by a collection) leave the model.
    for (const id of [...objects.keys()]) if (!heap.isLive(id)) forget(id);
    for (const [, o] of objects) o.refs = o.refs.filter((r) => objects.has(r) || r === 0);
  };
  const reachable = (): Set<ObjId> => {
    const seen = new Set<ObjId>();
    const stack = [...held];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      for (let i = 0; i < heap.refLength(id); i++) {
        const t = heap.getRef(id, i);
        if (t !== 0) stack.push(t);
      }
    }
    return seen;
  };
  const containers = () => [...objects.entries()].filter(([id, o]) => o.kind !== 'str' && o.kind !== 'tuple' && reachable().has(id));

  for (const step of ops) {
    switch (step.op) {
      case 'alloc': {
        const t = memory.types;
        const ids = [...objects.keys()].filter((id) => reachable().has(id));
        let id: ObjId;
        if (step.kind === 'tuple') {
          const items = ids.length > 0 ? step.items.map((i) => ids[i % ids.length]!) : [];
          for (const it of items) heap.incref(it); // the items are held while the tuple is built
          id = heap.alloc(t.tuple, 12 + 4 * items.length, items.length);
          if (id !== MEMORY_ERROR) {
            forget(id);
            for (const it of items) heap.pushRef(id, it);
          }
          for (const it of items) if (heap.isLive(it)) heap.decref(it);
        } else {
          id = heap.alloc(t[step.kind], memory.sizes[step.kind].basic + (step.kind === 'str' ? 10 : 0));
          if (id !== MEMORY_ERROR) forget(id);
        }
        if (id !== MEMORY_ERROR) {
          objects.set(id, { kind: step.kind, refs: [] });
          held.push(id);
        }
        break;
      }
      case 'link': {
        const from = containers();
        const live = [...reachable()];
        if (from.length === 0 || live.length === 0) break;
        const [a] = from[step.from % from.length]!;
        heap.pushRef(a, live[step.to % live.length]!);
        break;
      }
      case 'unlink': {
        const from = containers().filter(([id]) => heap.refLength(id) > 0);
        if (from.length === 0) break;
        const [a] = from[step.from % from.length]!;
        heap.removeRef(a, step.index % heap.refLength(a));
        break;
      }
      case 'drop': {
        if (held.length === 0) break;
        const [id] = held.splice(step.held % held.length, 1);
        heap.decref(id!);
        break;
      }
      case 'hold': {
        const live = [...reachable()];
        if (live.length === 0) break;
        const id = live[step.pick % live.length]!;
        heap.incref(id);
        held.push(id);
        break;
      }
      case 'collect':
        memory.collector.collect(step.generation);
        break;
      case 'threshold':
        memory.state.setThreshold(step.t0);
        break;
      case 'cycle': {
        // A ring of `size` lists, entered from one held reference (kept) or dropped at once.
        const ring: ObjId[] = [];
        for (let i = 0; i < step.size; i++) {
          const id = heap.alloc(memory.types.list, memory.sizes.list.basic);
          if (id === MEMORY_ERROR) break;
          forget(id);
          objects.set(id, { kind: 'list', refs: [] });
          ring.push(id);
        }
        ring.forEach((id, i) => heap.pushRef(id, ring[(i + 1) % ring.length]!));
        ring.forEach((id, i) => {
          if (i === 0 && step.keep) held.push(id);
          else heap.decref(id);
        });
        break;
      }
    }
    sync();
    assertHeapInvariants(memory);
    // Reachable objects are alive, and each live object's refcount is exactly the references to it.
    const reach = reachable();
    for (const id of reach) expect(heap.isLive(id)).toBe(true);
    const expected = new Map<ObjId, number>();
    for (const id of held) expected.set(id, (expected.get(id) ?? 0) + 1);
    for (const id of heap.liveIds()) {
      if (id === memory.collector.garbage) continue;
      for (let i = 0; i < heap.refLength(id); i++) {
        const t = heap.getRef(id, i);
        if (t !== 0) expected.set(t, (expected.get(t) ?? 0) + 1);
      }
    }
    for (const id of heap.liveIds()) {
      if (id === memory.collector.garbage) continue;
      expect(heap.refCount(id), `refcount of ${id}`).toBe(expected.get(id) ?? 0);
    }
  }
  // A full collection leaves exactly the reachable objects (and gc.garbage).
  memory.collector.collect(2);
  sync();
  const reach = reachable();
  const live = heap.liveIds().filter((id) => id !== memory.collector.garbage);
  expect(new Set(live)).toEqual(reach);
  assertHeapInvariants(memory);
}

describe('heap and collector against a reference model', () => {
  it.each(GC_MODEL_IDS.map((m) => [m]))('model %s', (modelId) => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 60 }), (ops) => run(modelId, ops)),
      { numRuns: 400 },
    );
  });
});

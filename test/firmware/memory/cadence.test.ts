// Proves the automatic-collection cadence of reference/cpython-gc.md §1.3 and the 25%
// long-lived rule (§1.2): when each generation is collected, per model, through the heap API.
import { describe, expect, it } from 'vitest';
import { Memory, type GcModelId } from '../../../firmware/memory/index.js';
import { Builders } from '../../support/heap-builders.js';

/** Allocates `n` instances kept alive in one list and returns the generation of each automatic collection. */
export function keepAliveCadence(model: GcModelId, thresholds: [number, number, number], n: number, warmup = 0): string {
  const memory = new Memory({ gcModel: model, wordBytes: 8, poolBytes: 1 << 30, thresholds });
  const b = new Builders(memory);
  const heap = memory.heap;
  const keep = b.list();
  for (let i = 0; i < warmup; i++) {
    const o = b.instance();
    heap.pushRef(keep, o);
    heap.decref(o);
  }
  if (warmup > 0) memory.collector.collect(2);
  let gens = '';
  memory.collector.hooks.collected = (r) => {
    if (r.automatic) gens += String(r.generation);
  };
  for (let i = 0; i < n; i++) {
    const o = b.instance();
    heap.pushRef(keep, o);
    heap.decref(o);
    memory.collector.checkpoint(); // 3.12+: the eval breaker runs the scheduled collection
  }
  return gens;
}

const positions = (gens: string, g: string) => [...gens].flatMap((c, i) => (c === g ? [i + 1] : []));

describe('automatic collection cadence with every object kept alive, threshold (100, 10, 10)', () => {
  it.each(['2.4', '2.6', '2.7', '3.11', '3.12', '3.13'] as GcModelId[])('model %s', (model) => {
    const gens = keepAliveCadence(model, [100, 10, 10], 40_000);
    // Collections 1–11 are generation 0, #12 is generation 1.
    expect(gens.slice(0, 12)).toBe('000000000001');
    // Generation 2 first runs at collection #133 (11 × 12 + 1) and again at #266.
    expect(positions(gens, '2').slice(0, 2)).toEqual([133, 266]);
    // Each collection fires when count[0] would pass 100: 40,000 allocations give 396.
    expect(gens.length).toBe(396);
  });
});

describe('the long-lived rule (2.7+): a full collection waits for 25% new long-lived objects', () => {
  it.each([
    ['2.4', false],
    ['2.6', false],
    ['2.7', true],
    ['3.11', true],
    ['3.13', true],
  ] as [GcModelId, boolean][])('model %s skips full collections: %s', (model, skips) => {
    // 100,000 long-lived objects first: long_lived_total = 100,001 after the full collection.
    const gens = keepAliveCadence(model, [100, 10, 10], 40_000, 100_000);
    const first = positions(gens, '2')[0];
    if (!skips) {
      expect(first).toBe(133);
    } else {
      // Each generation-1 collection moves 12 x 101 = 1,212 survivors to generation 2, so
      // the rule holds the full collection back until pending >= 100,002 / 4: after 21
      // generation-1 collections, at #253. (CPython counts its own ~3,000 start-up objects
      // in long_lived_total too, which moves this to #265: cpython-oracle.test.ts checks that.)
      expect(positions(gens, '1').filter((p) => p < first!).length).toBe(21);
      expect(first).toBe(253);
    }
  });
});

describe('default thresholds', () => {
  it.each([
    ['2.4', [700, 10, 10]],
    ['2.7', [700, 10, 10]],
    ['3.12', [700, 10, 10]],
    ['3.13', [2000, 10, 10]],
  ] as [GcModelId, number[]][])('model %s starts with %j', (model, expected) => {
    const memory = new Memory({ gcModel: model, wordBytes: 4, poolBytes: 1 << 20 });
    expect(memory.stats().gcThreshold).toEqual(expected);
  });
});

describe('what counts toward generation 0', () => {
  it('counts net allocations of GC objects only: non-GC objects and alloc/free pairs add nothing', () => {
    const memory = new Memory({ gcModel: '2.7', wordBytes: 4, poolBytes: 4 << 20, thresholds: [0, 10, 10] });
    const b = new Builders(memory);
    const base = memory.state.count[0]!;
    for (let i = 0; i < 1000; i++) memory.heap.decref(b.str(10));
    expect(memory.state.count[0]! - base).toBe(0);
    for (let i = 0; i < 1000; i++) memory.heap.decref(b.instance());
    expect(memory.state.count[0]! - base).toBe(0);
    const kept = Array.from({ length: 1000 }, () => b.instance());
    expect(memory.state.count[0]! - base).toBe(1000);
    kept.forEach((o) => memory.heap.decref(o));
  });

  it('free-list reuse bypasses both counters (1,000 x `l = [i]` adds nothing, the first list included)', () => {
    const memory = new Memory({ gcModel: '2.7', wordBytes: 4, poolBytes: 4 << 20, thresholds: [0, 10, 10] });
    const b = new Builders(memory);
    memory.heap.decref(b.list()); // one list parked in the free list
    const base = memory.state.count[0]!;
    for (let i = 0; i < 1000; i++) memory.heap.decref(b.list());
    expect(memory.state.count[0]! - base).toBe(0);
    expect(memory.stats().freeListObjects).toBe(1);
  });

  it('a collection resets the counts of the generations it collects and bumps the next one', () => {
    const memory = new Memory({ gcModel: '2.7', wordBytes: 4, poolBytes: 4 << 20, thresholds: [0, 10, 10] });
    const b = new Builders(memory);
    for (let i = 0; i < 5; i++) b.instance();
    expect(memory.stats().gcCount).toEqual([6, 0, 0]); // + gc.garbage itself
    memory.collector.collect(0);
    expect(memory.stats().gcCount).toEqual([0, 1, 0]);
    memory.collector.collect(1);
    expect(memory.stats().gcCount).toEqual([0, 0, 1]);
    memory.collector.collect(2);
    expect(memory.stats().gcCount).toEqual([0, 0, 0]);
  });

  it('3.12+ defers the collection to the next check point; 3.11 runs it inside the allocation', () => {
    for (const [model, deferred] of [['3.11', false], ['3.12', true]] as const) {
      const memory = new Memory({ gcModel: model, wordBytes: 8, poolBytes: 4 << 20, thresholds: [10, 10, 10] });
      const b = new Builders(memory);
      memory.collector.collect(2); // counts start at 0
      for (let i = 0; i < 10; i++) b.instance();
      const before = memory.stats().collections[0]!.collections;
      b.instance(); // count[0] becomes 11 > 10
      const during = memory.stats().collections[0]!.collections;
      expect(during - before).toBe(deferred ? 0 : 1);
      expect(memory.state.scheduled).toBe(deferred);
      memory.collector.checkpoint();
      expect(memory.stats().collections[0]!.collections - before).toBe(1);
    }
  });

  it('automatic collection never starts while disabled, at threshold 0, during a collection, or with an exception pending', () => {
    const memory = new Memory({ gcModel: '2.7', wordBytes: 4, poolBytes: 4 << 20, thresholds: [5, 10, 10] });
    const b = new Builders(memory);
    memory.state.enabled = false;
    for (let i = 0; i < 50; i++) b.instance();
    memory.state.enabled = true;
    memory.state.exceptionPending = true;
    for (let i = 0; i < 50; i++) b.instance();
    memory.state.exceptionPending = false;
    memory.state.setThreshold(0);
    for (let i = 0; i < 50; i++) b.instance();
    expect(memory.stats().automaticCollections).toBe(0);
    memory.state.setThreshold(5);
    b.instance();
    expect(memory.stats().automaticCollections).toBe(1);
  });
});

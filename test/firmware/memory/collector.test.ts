// Proves the collector's per-version behaviour: __del__ in cycles (2.x: gc.garbage;
// 3.4+: finalized once and collected, resurrection respected), DEBUG_SAVEALL, freeze,
// the tuple and dict untracking of #4688, CPython's DEBUG_STATS lines, the order in
// which reference counting frees things, and that bad input leaves the heap intact.
import { describe, expect, it } from 'vitest';
import { MEMORY_ERROR, Memory, assertHeapInvariants, type GcModelId, type ObjId } from '../../../firmware/memory/index.js';
import { Builders } from '../../support/heap-builders.js';

const mem = (model: GcModelId, poolBytes = 4 << 20) => new Memory({ gcModel: model, wordBytes: 4, poolBytes });

/** a.other = b; b.other = a with new-style instances that have a __dict__ each (2.7: 4 objects). */
function instanceCycle(b: Builders, withDel: boolean): ObjId[] {
  const heap = b.memory.heap;
  const [x, y] = [b.instance(), b.instance()];
  const [dx, dy] = [b.dict(), b.dict()];
  heap.pushRef(x, dx);
  heap.pushRef(y, dy);
  heap.decref(dx);
  heap.decref(dy);
  for (const [d, value] of [[dx, y], [dy, x]] as const) {
    const key = b.str(5);
    b.setItem(d, key, value);
    heap.decref(key);
  }
  if (withDel) {
    heap.setFinalizer(x);
    heap.setFinalizer(y);
  }
  heap.decref(x);
  heap.decref(y);
  return [x, y];
}

describe('cycles with __del__', () => {
  it('2.7: uncollectable; only the instances go to gc.garbage; collect() returns n + m = 4', () => {
    const m = mem('2.7');
    const b = new Builders(m);
    const finalized: ObjId[] = [];
    m.heap.hooks.finalize = (o) => finalized.push(o);
    instanceCycle(b, true);
    expect(m.collector.collect()).toBe(4);
    expect(m.stats().collections[2]).toEqual({ collections: 1, collected: 0, uncollectable: 4 });
    expect(m.heap.refLength(m.collector.garbage)).toBe(2);
    expect(finalized).toEqual([]);
    assertHeapInvariants(m);
  });

  it('2.7: the same cycle without __del__ is collected: 4 objects', () => {
    const m = mem('2.7');
    const before = m.heap.liveObjects;
    instanceCycle(new Builders(m), false);
    expect(m.collector.collect()).toBe(4);
    expect(m.heap.liveObjects).toBe(before);
  });

  it('3.11: __del__ runs once, then the cycle is collected; gc.garbage stays empty', () => {
    const m = mem('3.11');
    const finalized: ObjId[] = [];
    m.heap.hooks.finalize = (o) => finalized.push(o);
    const before = m.heap.liveObjects;
    const [x, y] = instanceCycle(new Builders(m), true);
    expect(m.collector.collect()).toBe(4);
    expect(finalized).toEqual([x, y]);
    expect(m.heap.refLength(m.collector.garbage)).toBe(0);
    expect(m.heap.liveObjects).toBe(before);
    assertHeapInvariants(m);
  });

  it('3.11: an object its __del__ resurrects survives, and __del__ never runs again', () => {
    const m = mem('3.11');
    const b = new Builders(m);
    const saved = b.list(); // a global that __del__ stores self into
    let calls = 0;
    let x = 0;
    m.heap.hooks.finalize = (o) => {
      calls++;
      if (o === x) m.heap.pushRef(saved, o);
    };
    [x] = instanceCycle(b, true);
    const n = m.collector.collect();
    expect(m.heap.isLive(x)).toBe(true);
    expect(n).toBe(0); // everything in the cycle is reachable again through `saved`
    assertHeapInvariants(m);
    m.heap.removeRef(saved, 0); // drop it again
    expect(m.collector.collect()).toBe(4);
    expect(calls).toBe(2); // once per instance, not again
    assertHeapInvariants(m);
  });

  it('reference counting runs __del__ at zero: 2.x every time, 3.x once (PEP 442)', () => {
    for (const [model, expected] of [['2.7', 2], ['3.11', 1]] as const) {
      const m = mem(model);
      const b = new Builders(m);
      const saved = b.list();
      let calls = 0;
      m.heap.hooks.finalize = (o) => {
        if (calls++ === 0) m.heap.pushRef(saved, o); // resurrect the first time
      };
      const x = b.instance();
      m.heap.setFinalizer(x);
      m.heap.decref(x);
      expect(m.heap.isLive(x)).toBe(true);
      m.heap.removeRef(saved, 0);
      expect(m.heap.isLive(x)).toBe(false);
      expect(calls).toBe(expected);
    }
  });
});

describe('DEBUG_SAVEALL, freeze and gc.garbage', () => {
  it('SAVEALL keeps every unreachable object in gc.garbage instead of freeing it', () => {
    const m = mem('2.7');
    const b = new Builders(m);
    m.state.debug = m.model.debugFlags.DEBUG_SAVEALL!;
    for (let i = 0; i < 3; i++) b.makeCycle();
    expect(m.collector.collect()).toBe(3);
    expect(m.heap.refLength(m.collector.garbage)).toBe(3);
    m.state.debug = 0;
    m.heap.clearRefs(m.collector.garbage); // del gc.garbage[:]
    expect(m.collector.collect()).toBe(3);
    assertHeapInvariants(m);
  });

  it('frozen objects are ignored by collections until unfrozen', () => {
    const m = mem('3.11');
    const b = new Builders(m);
    for (let i = 0; i < 5; i++) b.makeCycle();
    m.collector.freeze();
    expect(m.collector.freezeCount()).toBeGreaterThanOrEqual(5);
    expect(m.collector.collect()).toBe(0);
    m.collector.unfreeze();
    expect(m.collector.collect()).toBe(5);
  });
});

describe('tracking (#4688)', () => {
  it('2.7+: a dict starts untracked and is tracked once it holds a container', () => {
    const m = mem('2.7');
    const b = new Builders(m);
    const d = b.dict();
    expect(m.heap.isTracked(d)).toBe(false);
    b.setItem(d, b.str(1), b.str(2));
    expect(m.heap.isTracked(d)).toBe(false);
    b.setItem(d, b.str(1), b.list());
    expect(m.heap.isTracked(d)).toBe(true);
  });

  it('2.4: dicts are always tracked', () => {
    const m = mem('2.4');
    expect(m.heap.isTracked(new Builders(m).dict())).toBe(true);
  });

  it('a tuple of atoms is untracked by the next collection (2.7, 3.x), never in 2.4', () => {
    for (const [model, untracked] of [['2.4', false], ['2.7', true], ['3.12', true]] as const) {
      const m = mem(model);
      const b = new Builders(m);
      const t = b.tuple([b.str(1), b.str(2)]);
      const u = b.tuple([b.list()]);
      expect(m.heap.isTracked(t)).toBe(true);
      m.collector.collect(0);
      expect(m.heap.isTracked(t)).toBe(!untracked);
      expect(m.heap.isTracked(u)).toBe(true);
    }
  });

  it('dicts are re-untracked only by full collections (#14775)', () => {
    const m = mem('2.7');
    const b = new Builders(m);
    const d = b.dict();
    const l = b.list();
    b.setItem(d, b.str(1), l);
    m.heap.removeRef(d, 1); // the list leaves; the dict stays tracked
    m.heap.removeRef(d, 0);
    expect(m.heap.isTracked(d)).toBe(true);
    m.collector.collect(1);
    expect(m.heap.isTracked(d)).toBe(true);
    m.collector.collect(2);
    expect(m.heap.isTracked(d)).toBe(false);
  });
});

describe('DEBUG_STATS lines, as CPython prints them', () => {
  it.each([
    ['2.7', ['gc: collecting generation 2...', 'gc: objects in each generation: 1 0 1', 'gc: done, 1 unreachable, 0 uncollectable, 0.0000s elapsed.']],
    ['3.11', ['gc: collecting generation 2...', 'gc: objects in each generation: 1 0 1', 'gc: objects in permanent generation: 0', 'gc: done, 1 unreachable, 0 uncollectable, 0.0000s elapsed']],
  ] as [GcModelId, string[]][])('model %s', (model, expected) => {
    const m = mem(model);
    const b = new Builders(m);
    m.collector.collect();
    b.makeCycle();
    const lines: string[] = [];
    m.collector.hooks.debugLine = (l) => lines.push(l);
    m.state.debug = 1;
    m.collector.collect();
    expect(lines).toEqual(expected);
  });
});

describe('reference counting', () => {
  it('frees a list\'s items last-first and finishes each child before the next (CPython\'s order)', () => {
    const m = mem('2.7');
    const b = new Builders(m);
    const order: ObjId[] = [];
    m.heap.hooks.finalize = (o) => order.push(o);
    const l = b.list();
    const items = [b.instance(), b.instance(), b.instance()];
    const inner = b.instance();
    m.heap.pushRef(items[1]!, inner);
    m.heap.decref(inner);
    for (const o of [...items, inner]) m.heap.setFinalizer(o);
    for (const o of items) {
      m.heap.pushRef(l, o);
      m.heap.decref(o);
    }
    m.heap.decref(l);
    expect(order).toEqual([items[2], items[1], inner, items[0]]);
    assertHeapInvariants(m);
  });

  it('frees a 200,000-long chain without recursion', () => {
    const m = mem('2.7', 64 << 20);
    const b = new Builders(m);
    const head = b.list();
    let tail = head;
    for (let i = 0; i < 200_000; i++) {
      const next = b.list();
      m.heap.pushRef(tail, next);
      m.heap.decref(next);
      tail = next;
    }
    const before = m.heap.liveObjects;
    m.heap.decref(head);
    expect(before - m.heap.liveObjects).toBe(200_001);
    assertHeapInvariants(m);
  });

  it('a refcount going negative is a bug and says so', () => {
    const m = mem('2.7');
    const x = new Builders(m).str(3);
    m.heap.decref(x);
    expect(() => m.heap.decref(x)).toThrow(/negative|not/);
  });
});

describe('bad input gets a clear error and leaves the heap intact', () => {
  const cases: [string, (m: Memory) => unknown, RegExp][] = [
    ['negative size', (m) => m.heap.alloc(m.types.list, -1), /non-negative integer/],
    ['fractional size', (m) => m.heap.alloc(m.types.list, 1.5), /non-negative integer/],
    ['unknown type', (m) => m.heap.alloc(999, 10), /unknown type/],
    ['unknown generation', (m) => m.collector.collect(3), /invalid generation 3/],
    ['negative generation', (m) => m.collector.collect(-1), /invalid generation/],
    ['negative threshold', (m) => m.state.setThreshold(-5), /threshold0 must be a non-negative integer/],
    ['fractional threshold', (m) => m.state.setThreshold(700, 2.5), /threshold1 must be a non-negative integer/],
    ['negative payload', (m) => m.heap.setPayloadBytes(m.collector.garbage, -3), /non-negative integer/],
    ['reference index out of range', (m) => m.heap.getRef(m.collector.garbage, 5), /out of range/],
    ['unknown model', () => new Memory({ gcModel: '2.5', wordBytes: 4, poolBytes: 1 << 20 }), /unknown GC model "2.5"/],
    ['pool too small', () => new Memory({ gcModel: '2.7', wordBytes: 4, poolBytes: 1000 }), /poolBytes must be an integer from 64 KiB/],
  ];
  it.each(cases)('%s', (_name, call, message) => {
    const m = mem('2.7');
    const b = new Builders(m);
    b.makeCycle();
    const before = JSON.stringify(m.stats());
    expect(() => call(m)).toThrow(message);
    expect(JSON.stringify(m.stats())).toBe(before);
    assertHeapInvariants(m);
  });

  it('a size over the whole pool is a MemoryError, not a crash', () => {
    const m = mem('2.7', 1 << 20);
    expect(m.heap.alloc(m.types.str, 2 << 20)).toBe(MEMORY_ERROR);
    expect(m.stats().memoryErrors).toBe(1);
    assertHeapInvariants(m);
  });

  it('a threshold over 2^31 - 1 is rejected', () => {
    expect(() => mem('2.7').state.setThreshold(2 ** 31)).toThrow(/non-negative integer/);
  });
});

// Hot path: allocating and freeing small objects through the heap API (pymalloc blocks,
// object slots, generation-0 counting, tracking), against a bare typed-array loop that
// does the same bookkeeping (slot stack, block free list, refcount, flags, list links).
import { Memory } from '../../firmware/memory/index.js';
import { rate, type BenchResult } from './harness.js';

const PAIRS = 2_000_000;

export function benchAllocFree(): BenchResult {
  const memory = new Memory({ gcModel: '2.7', wordBytes: 4, poolBytes: 64 << 20 });
  const heap = memory.heap;
  const { str, instance } = memory.types;
  const strBytes = memory.sizes.str.basic + 8;
  const instBytes = memory.sizes.instance.basic;
  // A few live objects so that slots and blocks are not trivially the same each time.
  const keep = Array.from({ length: 1000 }, (_, i) => heap.alloc(i % 2 ? str : instance, i % 2 ? strBytes : instBytes));
  const memsim = () => {
    for (let i = 0; i < PAIRS; i += 2) {
      heap.decref(heap.alloc(str, strBytes));
      heap.decref(heap.alloc(instance, instBytes));
    }
  };

  // Baseline: the same bookkeeping with nothing but typed arrays.
  const N = 1 << 16;
  const refcnt = new Int32Array(N);
  const flags = new Uint8Array(N);
  const typeOf = new Uint16Array(N);
  const addr = new Int32Array(N);
  const next = new Int32Array(N);
  const prev = new Int32Array(N);
  const slots = new Int32Array(N);
  let slotTop = 0;
  for (let i = N - 1; i >= 8; i--) slots[slotTop++] = i;
  const blocks = new Int32Array(N);
  let blockTop = 0;
  for (let i = 0; i < 4096; i++) blocks[blockTop++] = i * 40;
  let count0 = 0;
  next[1] = 1;
  prev[1] = 1;
  const one = (t: number, gc: boolean) => {
    const b = blocks[--blockTop]!;
    const o = slots[--slotTop]!;
    typeOf[o] = t;
    refcnt[o] = 1;
    addr[o] = b;
    flags[o] = gc ? 7 : 1;
    if (gc) {
      count0++;
      const last = prev[1]!;
      next[last] = o;
      prev[o] = last;
      next[o] = 1;
      prev[1] = o;
    }
    if (--refcnt[o] === 0) {
      if (flags[o]! & 4) {
        next[prev[o]!] = next[o]!;
        prev[next[o]!] = prev[o]!;
        count0--;
      }
      flags[o] = 0;
      blocks[blockTop++] = addr[o]!;
      slots[slotTop++] = o;
    }
  };
  const baseline = () => {
    for (let i = 0; i < PAIRS; i += 2) {
      one(1, false);
      one(2, true);
    }
  };
  const result: BenchResult = {
    name: 'alloc + free of small objects (str and instance, alternating)',
    unit: 'alloc+free pairs',
    rate: rate(memsim, PAIRS),
    baselineRate: rate(baseline, PAIRS),
    baseline: 'bare typed-array loop: slot stack, block free list, refcount, flags, gen-0 links and count',
    target: '>= 20 M/s',
  };
  keep.forEach((o) => heap.decref(o));
  return result;
}

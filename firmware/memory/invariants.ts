// assertHeapInvariants: what must hold between any two operations on the memory
// manager. Tests call it after every step of random operation sequences.

import { F_COLLECTING, F_FREELIST, F_GC, F_LIVE, F_TRACKED, F_UNREACHABLE, HEAD_GEN0, HEAD_PERMANENT } from './heap.js';
import type { Memory } from './memory.js';
import { NULL_REF } from './types.js';

export function assertHeapInvariants(memory: Memory): void {
  const heap = memory.heap;
  memory.pool.assertInvariants();
  const bound = heap.slotBound;
  const inList = new Uint8Array(bound);
  // Invariant: every tracked object is in exactly one generation list (or the permanent one).
  for (let head = HEAD_GEN0; head <= HEAD_PERMANENT; head++) {
    let steps = 0;
    for (let o = heap.gcNext[head]!; o !== head; o = heap.gcNext[o]!) {
      if (heap.gcPrev[heap.gcNext[o]!] !== o) throw new Error(`generation list ${head - HEAD_GEN0} is broken at object ${o}`);
      if (o >= bound || !(heap.flags[o]! & F_LIVE)) throw new Error(`dead object ${o} in generation ${head - HEAD_GEN0}`);
      if (!(heap.flags[o]! & F_TRACKED)) throw new Error(`untracked object ${o} in generation ${head - HEAD_GEN0}`);
      if (inList[o]) throw new Error(`object ${o} is in two generation lists`);
      inList[o] = 1;
      if (++steps > bound) throw new Error(`generation list ${head - HEAD_GEN0} has a loop`);
    }
  }
  const incoming = new Int32Array(bound);
  let live = 0;
  for (let o = 8; o < bound; o++) {
    const f = heap.flags[o]!;
    if (!(f & F_LIVE)) {
      if (f & ~F_FREELIST) throw new Error(`dead object ${o} has flags ${f}`);
      continue;
    }
    live++;
    if (f & (F_COLLECTING | F_UNREACHABLE)) throw new Error(`object ${o} is still marked by a collection`);
    if (f & F_TRACKED && !(f & F_GC)) throw new Error(`object ${o} of a non-GC type is tracked`);
    if (!!(f & F_TRACKED) !== !!inList[o]) throw new Error(`object ${o}: tracked flag and list membership disagree`);
    if (heap.refcnt[o]! <= 0) throw new Error(`live object ${o} (${heap.typeName(o)}) has refcount ${heap.refcnt[o]}`);
    const start = heap.edgeStart[o]!;
    for (let i = start; i < start + heap.edgeLen[o]!; i++) {
      const t = heap.edges.data[i]!;
      if (t === NULL_REF) continue;
      if (!heap.isLive(t)) throw new Error(`object ${o} refers to dead object ${t}`);
      incoming[t]!++;
    }
  }
  if (live !== heap.liveObjects) throw new Error(`live objects ${live} != recorded ${heap.liveObjects}`);
  for (let o = 8; o < bound; o++) {
    if (heap.flags[o]! & F_LIVE && incoming[o]! > heap.refcnt[o]!) {
      throw new Error(`object ${o} has ${incoming[o]} references from objects but refcount ${heap.refcnt[o]}`);
    }
  }
  const s = memory.state;
  for (let g = 0; g < 3; g++) {
    if (s.count[g]! < 0) throw new Error(`gc count[${g}] is negative`);
  }
  if (s.collecting) throw new Error('a collection is marked as running between operations');
  const stats = memory.pool.stats();
  if (stats.usedBytes + stats.freeBytes > stats.poolBytes) throw new Error('used + free exceeds the pool');
}

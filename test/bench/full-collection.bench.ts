// Hot path: a full collection of a large reachable graph (update refs, subtract internal
// refs, move unreachable, finishing the survivors), against a bare typed-array loop doing
// the same three passes over the same graph in CSR form.
import { Memory, type ObjId } from '../../firmware/memory/index.js';
import { rate, type BenchResult } from './harness.js';

const OBJECTS = 500_000;
const EDGES_PER_OBJECT = 3;

export function benchFullCollection(): BenchResult {
  const memory = new Memory({ gcModel: '3.11', wordBytes: 8, poolBytes: 1 << 30 });
  memory.state.enabled = false;
  const heap = memory.heap;
  const ids: ObjId[] = [];
  const root = heap.alloc(memory.types.list, memory.sizes.list.basic);
  for (let i = 0; i < OBJECTS; i++) {
    const o = heap.alloc(memory.types.instance, memory.sizes.instance.basic);
    ids.push(o);
  }
  // A random-ish graph: every object refers to three others; all hang off the root.
  let seed = 12345;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % OBJECTS);
  for (const o of ids) for (let e = 0; e < EDGES_PER_OBJECT; e++) heap.pushRef(o, ids[rnd()]!);
  for (const o of ids) {
    heap.pushRef(root, o);
    heap.decref(o);
  }
  const objects = OBJECTS + 1;
  const edges = OBJECTS * (EDGES_PER_OBJECT + 1);
  let lastWork = 0;
  const memsim = () => {
    memory.collector.collect(2);
  };
  memory.collector.hooks.collected = (r) => (lastWork = r.objectsVisited + r.edgesVisited);

  // Baseline: the same graph as CSR typed arrays, three passes.
  const n = objects;
  const offsets = new Int32Array(n + 1);
  const targets = new Int32Array(edges);
  const refcnt = new Int32Array(n);
  const gcRefs = new Int32Array(n);
  const mark = new Uint8Array(n);
  // Object ids map to dense indices (the root is 0).
  const index = new Map<ObjId, number>();
  index.set(root, 0);
  ids.forEach((id, i) => index.set(id, i + 1));
  let k = 0;
  for (let i = 0; i < n; i++) {
    offsets[i] = k;
    const id = i === 0 ? root : ids[i - 1]!;
    for (let j = 0; j < heap.refLength(id); j++) targets[k++] = index.get(heap.getRef(id, j))!;
    refcnt[i] = heap.refCount(id);
  }
  offsets[n] = k;
  const queue = new Int32Array(n);
  const baseline = () => {
    for (let i = 0; i < n; i++) gcRefs[i] = refcnt[i]!;
    for (let i = 0; i < n; i++) for (let e = offsets[i]!; e < offsets[i + 1]!; e++) gcRefs[targets[e]!]!--;
    mark.fill(0);
    let head = 0;
    let tail = 0;
    for (let i = 0; i < n; i++) if (gcRefs[i]! > 0) ((mark[i] = 1), (queue[tail++] = i));
    while (head < tail) {
      const o = queue[head++]!;
      for (let e = offsets[o]!; e < offsets[o + 1]!; e++) {
        const t = targets[e]!;
        if (!mark[t]) ((mark[t] = 1), (queue[tail++] = t));
      }
    }
  };
  const graph = objects + edges;
  const r: BenchResult = {
    name: `full collection of ${objects.toLocaleString('en')} objects and ${edges.toLocaleString('en')} references`,
    unit: 'objects+edges',
    rate: rate(memsim, graph, 5),
    baselineRate: rate(baseline, graph, 5),
    baseline: 'bare typed-array loop: the same graph in CSR form, update/subtract/mark passes',
    target: '>= 50 M/s',
    notes: `memsim's phases visit ${lastWork.toLocaleString('en')} objects+edges per collection (several passes)`,
  };
  return r;
}

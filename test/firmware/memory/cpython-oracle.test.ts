// Proves the collector against the real thing: the same allocation pattern run under each
// installed CPython (its gc.callbacks on 3.x, DEBUG_STATS on 2.7) and driven through
// memsim's heap API gives the same sequence of collected generations and the same objects
// collected per generation. Skips, saying why, where a CPython version is not installed.
import { describe, expect, it } from 'vitest';
import { Memory, type GcModelId, type ObjId } from '../../../firmware/memory/index.js';
import { Builders } from '../../support/heap-builders.js';
import { findPython, runPython } from '../../support/cpython.js';

interface Trace {
  gens: string;
  collected: number[];
  /** Tracked objects after the initial full collection (interpreter start-up objects included). */
  baseline: number;
}

/** Python (2 and 3) that runs a workload and prints its collections as JSON. */
function oracleScript(workload: string, warmup: number): string {
  return `
import gc, sys, json
class A(object): pass
gc.set_threshold(100, 10, 10)
keep = []
for i in range(${warmup}):
    keep.append(A())
gc.collect()
baseline = len(gc.get_objects())
# Records go into preallocated slots as ints (not GC objects), so that recording
# allocates nothing the collector counts.
slots = [0] * 100000
n = [0]
if sys.version_info[0] >= 3:
    def cb(phase, info):
        if phase == 'stop':
            slots[n[0]] = info['generation'] * 10000000 + info['collected']
            n[0] += 1
    gc.callbacks.append(cb)
else:
    gc.set_debug(gc.DEBUG_STATS)
${workload}
gc.set_debug(0)
gc.set_threshold(0)
if sys.version_info[0] >= 3:
    gc.callbacks.remove(cb)
trace = [(v // 10000000, v % 10000000) for v in slots[:n[0]]]
sys.stdout.write(json.dumps({"baseline": baseline, "trace": trace}))
`;
}

/** DEBUG_STATS lines of 2.x: "collecting generation G..." then "done[, N unreachable, U uncollectable]". */
function parseDebugStats(stderr: string): [number, number][] {
  const out: [number, number][] = [];
  let gen = -1;
  for (const line of stderr.split('\n')) {
    const start = /^gc: collecting generation (\d)/.exec(line);
    if (start) gen = Number(start[1]);
    const done = /^gc: done(?:, (\d+) unreachable, (\d+) uncollectable)?/.exec(line);
    if (done) out.push([gen, done[1] ? Number(done[1]) - Number(done[2]) : 0]);
  }
  return out;
}

function cpythonTrace(version: string, workload: string, warmup: number): Trace {
  const python = findPython(version)!;
  const { stdout, stderr } = runPython(python, oracleScript(workload, warmup));
  const parsed = JSON.parse(stdout) as { baseline: number; trace: [number, number][] };
  const trace = version.startsWith('2.') ? parseDebugStats(stderr) : parsed.trace;
  return { gens: trace.map(([g]) => g).join(''), collected: trace.map(([, c]) => c), baseline: parsed.baseline };
}

type Step = (b: Builders, keep: ObjId, state: { last: ObjId }) => void;

/** The same workload through memsim's heap, after building CPython's baseline of tracked objects. */
function memsimTrace(model: GcModelId, baseline: number, warmup: number, iterations: number, step: Step): Trace {
  const memory = new Memory({ gcModel: model, wordBytes: 8, poolBytes: 1 << 30, thresholds: [100, 10, 10] });
  const b = new Builders(memory);
  const heap = memory.heap;
  const keep = b.list();
  const startup = b.list();
  for (let i = 0; i < warmup; i++) {
    const o = b.instance();
    heap.pushRef(keep, o);
    heap.decref(o);
  }
  // The interpreter's own start-up objects, which sit in generation 2 like everything else.
  const own = warmup + 3; // keep, startup, gc.garbage
  for (let i = 0; i < baseline - own; i++) {
    const o = b.instance();
    heap.pushRef(startup, o);
    heap.decref(o);
  }
  memory.collector.collect(2);
  const trace: [number, number][] = [];
  memory.collector.hooks.collected = (r) => trace.push([r.generation, r.collected]);
  const state = { last: 0 };
  for (let i = 0; i < iterations; i++) {
    step(b, keep, state);
    memory.collector.checkpoint();
  }
  return { gens: trace.map(([g]) => g).join(''), collected: trace.map(([, c]) => c), baseline };
}

const keepInstance: Step = (b, keep) => {
  const o = b.instance();
  b.memory.heap.pushRef(keep, o);
  b.memory.heap.decref(o);
};

/** l = []; l.append(l): one self-referencing list per iteration, the previous one dropped. */
const selfCycle: Step = (b, _keep, state) => {
  const l = b.list();
  if (state.last) b.memory.heap.decref(state.last);
  b.memory.heap.pushRef(l, l);
  state.last = l;
};

const workloads: { name: string; warmup: number; iterations: number; python: string; step: Step }[] = [
  { name: 'every object kept alive', warmup: 0, iterations: 40_000, python: 'for i in range(40000):\n    keep.append(A())', step: keepInstance },
  { name: 'kept alive after 100,000 long-lived objects (25% rule)', warmup: 100_000, iterations: 40_000, python: 'for i in range(40000):\n    keep.append(A())', step: keepInstance },
  { name: 'a self-referencing list dropped each iteration', warmup: 0, iterations: 30_000, python: 'for i in range(30000):\n    l = []\n    l.append(l)', step: selfCycle },
];

const versions: [string, GcModelId][] = [
  ['2.7', '2.7'],
  ['3.11', '3.11'],
  ['3.12', '3.12'],
  ['3.13', '3.13'],
];

function perGeneration(t: Trace): number[] {
  const sums = [0, 0, 0];
  [...t.gens].forEach((g, i) => (sums[Number(g)]! += t.collected[i]!));
  return sums;
}

describe('collector against real CPython', () => {
  for (const [version, model] of versions) {
    const python = findPython(version);
    if (!python) console.warn(`skipping the CPython ${version} oracle: no python${version} installed (pyenv or PATH)`);
    describe.skipIf(!python)(`CPython ${version} vs model ${model}`, () => {
      it.each(workloads.map((w) => [w.name, w]))('%s', (_name, w) => {
        const real = cpythonTrace(version, w.python, w.warmup);
        const sim = memsimTrace(model, real.baseline, w.warmup, w.iterations, w.step);
        // The same generations in the same order; the last collection may fall either side of the end.
        expect(Math.abs(sim.gens.length - real.gens.length)).toBeLessThanOrEqual(1);
        const n = Math.min(sim.gens.length, real.gens.length);
        expect(sim.gens.slice(0, n)).toBe(real.gens.slice(0, n));
        // Objects collected per generation agree within 2% (or 2 objects).
        const a = perGeneration({ ...sim, gens: sim.gens.slice(0, n), collected: sim.collected.slice(0, n) });
        const r = perGeneration({ ...real, gens: real.gens.slice(0, n), collected: real.collected.slice(0, n) });
        a.forEach((count, g) => expect(Math.abs(count - r[g]!), `generation ${g}: memsim ${count}, CPython ${r[g]}`).toBeLessThanOrEqual(Math.max(2, 0.02 * r[g]!)));
      });
    });
  }
});

// The `random` module, seeded by the scenario: the same seed gives the same sequence
// on every run and every machine (a 32-bit generator of our own; CPython's Mersenne
// Twister sequence is not reproduced).

import { NULL_REF, type ObjId } from '../../memory/index.js';
import { arity, intArg } from '../runtime/builtins.js';
import { ModuleBuilder } from '../runtime/imports.js';
import { numberOf } from '../runtime/ops.js';
import { length, getItem } from '../runtime/sequences.js';
import type { Vm } from '../runtime/vm.js';

/** mulberry32: a small, well-distributed 32-bit generator. */
export class SeededRandom {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  seed(seed: number): void {
    this.state = seed >>> 0;
  }
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
}

export function randomModule(vm: Vm): ObjId {
  const rng = new SeededRandom(Math.floor(vm.host.random() * 4294967296));
  const m = new ModuleBuilder(vm, 'random');
  m.fn('seed', (vm, base, argc, kw) => {
    arity(vm, 'seed', argc, 0, 1, kw);
    const v = argc > 0 ? numberOf(vm, vm.stack[base]!) : undefined;
    rng.seed(v === undefined ? Math.floor(vm.host.random() * 4294967296) : Number(BigInt.asUintN(32, BigInt(Math.trunc(Number(v))))));
    return vm.none();
  });
  m.fn('random', (vm, _b, argc, kw) => {
    arity(vm, 'random', argc, 0, 0, kw);
    return vm.newFloat(rng.next());
  });
  m.fn('uniform', (vm, base, argc, kw) => {
    arity(vm, 'uniform', argc, 2, 2, kw);
    const a = Number(numberOf(vm, vm.stack[base]!) ?? 0);
    const b = Number(numberOf(vm, vm.stack[base + 1]!) ?? 0);
    return vm.newFloat(a + (b - a) * rng.next());
  });
  const below = (n: number) => Math.floor(rng.next() * n);
  m.fn('randint', (vm, base, argc, kw) => {
    arity(vm, 'randint', argc, 2, 2, kw);
    const a = intArg(vm, vm.stack[base]!, 'a');
    const b = intArg(vm, vm.stack[base + 1]!, 'b');
    if (b < a) vm.raise('ValueError', `empty range for randrange() (${a}, ${b + 1}, ${b + 1 - a})`);
    return vm.newInt(a + below(b - a + 1));
  });
  m.fn('randrange', (vm, base, argc, kw) => {
    arity(vm, 'randrange', argc, 1, 3, kw);
    const v = vm.stack.slice(base, base + argc).map((o) => intArg(vm, o, 'randrange() argument'));
    const [start, stop, step] = argc === 1 ? [0, v[0]!, 1] : [v[0]!, v[1]!, v[2] ?? 1];
    const n = step > 0 ? Math.ceil((stop - start) / step) : Math.ceil((start - stop) / -step);
    if (n <= 0) vm.raise('ValueError', 'empty range for randrange()');
    return vm.newInt(start + step * below(n));
  });
  m.fn('choice', (vm, base, argc, kw) => {
    arity(vm, 'choice', argc, 1, 1, kw);
    const seq = vm.stack[base]!;
    const n = length(vm, seq);
    if (n === 0) vm.raise('IndexError', 'Cannot choose from an empty sequence');
    const i = vm.newInt(below(n));
    try {
      return getItem(vm, seq, i);
    } finally {
      vm.decref(i);
    }
  });
  m.fn('shuffle', (vm, base, argc, kw) => {
    arity(vm, 'shuffle', argc, 1, 1, kw);
    const list = vm.stack[base]!;
    if (vm.heap.typeOf[list] !== vm.t.list) vm.raise('TypeError', 'shuffle() needs a list');
    const heap = vm.heap;
    const start = heap.edgeStart[list]!;
    const data = heap.edges.data;
    for (let i = heap.edgeLen[list]! - 1; i > 0; i--) {
      const j = below(i + 1);
      const tmp = data[start + i]!;
      data[start + i] = data[start + j]!;
      data[start + j] = tmp;
    }
    return vm.none();
  });
  void NULL_REF;
  return m.module;
}

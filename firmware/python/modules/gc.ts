// The `gc` module of the profile's CPython version: the same functions, arguments,
// constants and error messages, backed by the memory manager's collector. Functions a
// version did not have are absent (2.4 has no get_count; 3.7 added freeze).

import { NULL_REF, type ObjId } from '../../memory/index.js';
import { arity, intArg, keywordArgs } from '../runtime/builtins.js';
import { dictSetStr, newDict } from '../runtime/dicts.js';
import { ModuleBuilder } from '../runtime/imports.js';
import { callObject, intern } from '../runtime/objects.js';
import type { Vm } from '../runtime/vm.js';

export function gcModule(vm: Vm): ObjId {
  const memory = vm.memory;
  const state = memory.state;
  const collector = memory.collector;
  const model = memory.model;
  const api = model.api;
  const m = new ModuleBuilder(vm, 'gc');
  const tuple3 = (a: ArrayLike<number>) => vm.newTupleOwned([vm.newInt(a[0]!), vm.newInt(a[1]!), vm.newInt(a[2]!)]);

  m.fn('enable', (vm, _b, argc, kw) => {
    arity(vm, 'enable', argc, 0, 0, kw);
    state.enabled = true;
    return vm.none();
  });
  m.fn('disable', (vm, _b, argc, kw) => {
    arity(vm, 'disable', argc, 0, 0, kw);
    state.enabled = false;
    return vm.none();
  });
  m.fn('isenabled', (vm, _b, argc, kw) => {
    arity(vm, 'isenabled', argc, 0, 0, kw);
    return vm.bool(state.enabled);
  });
  m.fn('collect', (vm, base, argc, kw) => {
    const kws = keywordArgs(vm, base, argc, kw, api.collectGeneration ? ['generation'] : [], 'collect');
    if (!api.collectGeneration && argc > 0) vm.raise('TypeError', `collect() takes no arguments (${argc} given)`);
    arity(vm, 'collect', argc, 0, 1);
    const g = argc > 0 ? vm.stack[base]! : kws.get('generation') ?? NULL_REF;
    let gen = 2;
    if (g !== NULL_REF) {
      gen = intArg(vm, g, 'generation');
      if (gen < 0 || gen > 2) vm.raise('ValueError', 'invalid generation');
    }
    return vm.newInt(collector.collect(gen));
  });
  if (api.getCount) {
    m.fn('get_count', (vm, _b, argc, kw) => {
      arity(vm, 'get_count', argc, 0, 0, kw);
      return tuple3(state.count);
    });
  }
  m.fn('get_threshold', (vm, _b, argc, kw) => {
    arity(vm, 'get_threshold', argc, 0, 0, kw);
    return tuple3(state.threshold);
  });
  m.fn('set_threshold', (vm, base, argc, kw) => {
    arity(vm, 'set_threshold', argc, 1, 3, kw);
    const v = vm.stack.slice(base, base + argc).map((o) => intArg(vm, o, 'threshold'));
    // CPython stores the C int as given; negative values simply disable the generation's trigger.
    state.setThreshold(...(v.map((x) => Math.max(0, x)) as [number, number?, number?]));
    return vm.none();
  });
  m.fn('get_debug', (vm, _b, argc, kw) => {
    arity(vm, 'get_debug', argc, 0, 0, kw);
    return vm.newInt(state.debug);
  });
  m.fn('set_debug', (vm, base, argc, kw) => {
    arity(vm, 'set_debug', argc, 1, 1, kw);
    state.debug = intArg(vm, vm.stack[base]!, 'flags');
    return vm.none();
  });
  for (const [name, value] of Object.entries(model.debugFlags)) m.value(name, vm.newInt(value));
  vm.incref(collector.garbage);
  m.value('garbage', collector.garbage);
  m.fn('get_objects', (vm, _b, argc, kw) => {
    arity(vm, 'get_objects', argc, 0, 1, kw);
    const list = vm.newList();
    vm.push(list);
    for (let g = 0; g < 3; g++) for (const o of memory.heap.objectsIn(g)) if (o !== list) vm.listAppend(list, o);
    vm.sp--;
    return list;
  });
  if (api.isTracked) {
    m.fn('is_tracked', (vm, base, argc, kw) => {
      arity(vm, 'is_tracked', argc, 1, 1, kw);
      return vm.bool(memory.heap.isTracked(vm.stack[base]!));
    });
  }
  if (!vm.py2 && vm.version.minor >= 9) {
    m.fn('is_finalized', (vm, base, argc, kw) => {
      arity(vm, 'is_finalized', argc, 1, 1, kw);
      return vm.bool(memory.heap.isFinalized(vm.stack[base]!));
    });
  }
  if (api.getStats) {
    m.fn('get_stats', (vm, _b, argc, kw) => {
      arity(vm, 'get_stats', argc, 0, 0, kw);
      const list = vm.newList();
      vm.push(list);
      for (const s of state.stats) {
        const d = newDict(vm);
        vm.push(d);
        for (const [k, v] of [['collections', s.collections], ['collected', s.collected], ['uncollectable', s.uncollectable]] as const) {
          const val = vm.newInt(v);
          dictSetStr(vm, d, k, intern(vm, k), val);
          vm.decref(val);
        }
        vm.listAppend(list, d);
        vm.sp--;
        vm.decref(d);
      }
      vm.sp--;
      return list;
    });
  }
  if (api.freeze) {
    m.fn('freeze', (vm, _b, argc, kw) => {
      arity(vm, 'freeze', argc, 0, 0, kw);
      collector.freeze();
      return vm.none();
    });
    m.fn('unfreeze', (vm, _b, argc, kw) => {
      arity(vm, 'unfreeze', argc, 0, 0, kw);
      collector.unfreeze();
      return vm.none();
    });
    m.fn('get_freeze_count', (vm, _b, argc, kw) => {
      arity(vm, 'get_freeze_count', argc, 0, 0, kw);
      return vm.newInt(collector.freezeCount());
    });
  }
  if (api.callbacks) {
    const callbacks = vm.newList();
    vm.incref(callbacks);
    m.value('callbacks', callbacks);
    const info = (phase: string, i: { generation: number; collected: number; uncollectable: number }) => {
      const d = newDict(vm);
      vm.push(d);
      for (const [k, v] of [['generation', i.generation], ['collected', i.collected], ['uncollectable', i.uncollectable]] as const) {
        const val = vm.newInt(v);
        dictSetStr(vm, d, k, intern(vm, k), val);
        vm.decref(val);
      }
      void phase;
      vm.sp--;
      return d;
    };
    collector.hooks.callback = (phase, i) => {
      const fns = vm.items(callbacks);
      if (fns.length === 0) return;
      const d = info(phase, i);
      const p = vm.newNativeStr(phase);
      try {
        for (const fn of fns) {
          const base = vm.sp;
          vm.incref(p);
          vm.push(p);
          vm.incref(d);
          vm.push(d);
          try {
            vm.decref(callObject(vm, fn, base, 2, null));
          } finally {
            vm.unwindTo(base);
          }
        }
      } finally {
        vm.decref(d);
        vm.decref(p);
      }
    };
  }
  return m.module;
}

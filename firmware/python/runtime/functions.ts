// Function objects: a code object bound to its module's globals, its default values
// and the cells of the enclosing scopes it reads. As in CPython, the defaults and the
// cells are each held in a tuple the function references (func_defaults, func_closure),
// so that a function stored in a cycle keeps, and a collection frees, exactly what
// CPython's would: the function, its cells, its closure tuple and its defaults tuple.

import { NULL_REF, type ObjId } from '../../memory/index.js';
import type { DictTable } from './dict-table.js';
import type { CodeObject } from './frame.js';
import type { FunctionInfo, Vm } from './vm.js';

/**
 * A new function object. `defaults` are owned references (they move into the function's
 * defaults tuple); `constDefaults`, when given, is a constant tuple holding them already
 * (3.x folds all-constant defaults into one); `closure` cells are borrowed.
 * Allocation order follows each version's bytecode: 2.x MAKE_CLOSURE makes the closure
 * tuple, the function, then the defaults tuple; 3.x the defaults tuple, the closure tuple,
 * then the function.
 */
export function makeFunction(vm: Vm, code: CodeObject, globals: ObjId, defaults: ObjId[], closure: ObjId[], name: string, constDefaults: ObjId = NULL_REF): ObjId {
  const heap = vm.heap;
  let defaultsTuple = NULL_REF;
  let closureTuple = NULL_REF;
  let fn = NULL_REF;
  const release = () => {
    if (closureTuple !== NULL_REF) vm.decref(closureTuple);
    if (defaultsTuple !== NULL_REF) vm.decref(defaultsTuple);
    else for (const d of defaults) vm.decref(d);
  };
  const makeDefaults = () => {
    if (constDefaults !== NULL_REF) {
      for (const d of defaults) vm.decref(d);
      vm.incref(constDefaults);
      defaultsTuple = constDefaults;
    } else if (defaults.length > 0) {
      const items = defaults;
      defaults = [];
      defaultsTuple = vm.newTupleOwned(items);
    }
  };
  const makeClosure = () => {
    if (closure.length === 0) return;
    for (const c of closure) vm.incref(c);
    closureTuple = vm.newTupleOwned([...closure]);
  };
  try {
    if (vm.py2) makeClosure();
    else {
      makeDefaults();
      makeClosure();
    }
    fn = vm.alloc(vm.t.function, vm.memory.sizes.function.basic);
    if (vm.py2) makeDefaults();
  } catch (e) {
    if (fn !== NULL_REF) vm.decref(fn);
    release();
    throw e;
  }
  const info: FunctionInfo = {
    code,
    globals,
    globalsTable: vm.data[globals] as DictTable,
    defaults: defaultsTuple === NULL_REF ? [] : vm.items(defaultsTuple),
    closure,
    name,
  };
  vm.data[fn] = info;
  let ok = heap.pushRef(fn, globals);
  // The function's references replace ours.
  if (defaultsTuple !== NULL_REF) {
    ok = ok && heap.pushRef(fn, defaultsTuple);
    vm.decref(defaultsTuple);
  }
  if (closureTuple !== NULL_REF) {
    ok = ok && heap.pushRef(fn, closureTuple);
    vm.decref(closureTuple);
  }
  if (!ok) {
    vm.decref(fn);
    vm.raiseMemoryError();
  }
  return fn;
}

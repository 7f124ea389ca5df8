// Function objects: a code object bound to its module's globals, its default values
// and the cells of the enclosing scopes it reads. All of them are references of the
// function object, as in CPython (func_globals, func_defaults, func_closure), so that a
// function stored in a cycle keeps exactly what CPython's would.

import type { ObjId } from '../../memory/index.js';
import type { DictTable } from './dict-table.js';
import type { CodeObject } from './frame.js';
import type { FunctionInfo, Vm } from './vm.js';

/** A new function object. `defaults` are owned references (they move into the function); `closure` cells are borrowed. */
export function makeFunction(vm: Vm, code: CodeObject, globals: ObjId, defaults: ObjId[], closure: ObjId[], name: string): ObjId {
  const heap = vm.heap;
  let fn: ObjId;
  try {
    fn = vm.alloc(vm.t.function, vm.memory.sizes.function.basic);
  } catch (e) {
    for (const d of defaults) vm.decref(d);
    throw e;
  }
  const info: FunctionInfo = { code, globals, globalsTable: vm.data[globals] as DictTable, defaults, closure, name };
  vm.data[fn] = info;
  let ok = heap.pushRef(fn, globals);
  for (const d of defaults) {
    ok = ok && heap.pushRef(fn, d);
    vm.decref(d); // the function's reference replaces the one we were given
  }
  for (const c of closure) ok = ok && heap.pushRef(fn, c);
  if (!ok) {
    vm.decref(fn);
    vm.raiseMemoryError();
  }
  return fn;
}

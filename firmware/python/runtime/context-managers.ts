// The `with` statement's protocol, shared by the compiled forms of the statement (the plain
// closure in compile-stmt.ts and the suspending one in compile-suspending.ts).

import type { ObjId } from '../../memory/index.js';
import type { PyException } from './errors.js';
import { callObject, getSpecialAttr } from './objects.js';
import { truthy } from './ops.js';
import type { Vm } from './vm.js';

/**
 * Enters `mgr` (owned): the manager and its `__exit__` stay on the value stack for the block,
 * and `__enter__()`'s value is returned (a new reference).
 */
export function enterContext(vm: Vm, mgr: ObjId): ObjId {
  vm.push(mgr);
  const exit = getSpecialAttr(vm, mgr, '__exit__');
  vm.push(exit);
  const enter = getSpecialAttr(vm, mgr, '__enter__');
  const entered = callObject(vm, enter, vm.sp, 0, null);
  vm.decref(enter);
  return entered;
}

/**
 * The block raised `e`: `__exit__(type, value, None)`, with the stack back at `sp` (just above
 * the manager and `__exit__`). True when `__exit__` suppressed it: then `e` is released and the
 * manager and `__exit__` are popped; false, and the caller rethrows.
 */
export function exitContextOnError(vm: Vm, e: PyException, sp: number): boolean {
  vm.unwindTo(sp);
  const exit = vm.stack[sp - 1]!;
  const cls = vm.classOf(e.exc);
  const base = vm.sp;
  vm.incref(cls);
  vm.push(cls);
  vm.incref(e.exc);
  vm.push(e.exc);
  vm.push(vm.none());
  const r = callObject(vm, exit, base, 3, null);
  vm.unwindTo(base);
  const suppress = truthy(vm, r);
  vm.decref(r);
  if (!suppress) return false;
  vm.decref(e.exc);
  vm.unwindTo(sp - 2);
  return true;
}

/** The block completed: `__exit__(None, None, None)`, then the manager and `__exit__` are popped. */
export function exitContext(vm: Vm, sp: number): void {
  const exit = vm.stack[sp - 1]!;
  const base = vm.sp;
  vm.push(vm.none());
  vm.push(vm.none());
  vm.push(vm.none());
  vm.decref(callObject(vm, exit, base, 3, null));
  vm.unwindTo(sp - 2);
}

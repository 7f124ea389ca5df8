// Suspending calls: how an app waits in time.sleep while the device runs its other apps.
//
// Each app runs as a task (device-python.ts): a JS generator over the app's code. The
// compiler gives the code that may reach time.sleep a second, generator form (compiler/
// compile-suspending.ts) whose calls at statement level are the suspending calls below: a
// call into Python code that has a generator form runs that form, and a call to a builtin
// that may suspend lets it (time.sleep asks to, through vm.sleep); the sleep's seconds are
// yielded up through every generator frame to the task, which the device resumes when they
// have passed. Everything else (operators, builtins, code without a generator form) runs
// as plain closures, at full speed: a sleep reached there blocks the host as before.

import { NULL_REF, type ObjId } from '../../memory/index.js';
import type { Frame } from './frame.js';
import { callFunction, callObject, enterFunction, functionFailed, functionResult, leaveFunction, takePy2Frame } from './objects.js';
import type { BuiltinInfo, FunctionInfo, KwArgs, Vm } from './vm.js';

/** What a suspending computation yields: the seconds it sleeps. Its return value is its result. */
export type Suspending<T> = Generator<number, T, void>;

/** A statement's generator form: yields sleeps, returns its completion (NORMAL, BREAK...). */
export type GenStmtFn = (f: Frame) => Suspending<number>;

/** callObject, suspending where the callee can (see the file's comment). */
export function* callObjectGen(vm: Vm, callable: ObjId, base: number, argc: number, kwargs: KwArgs | null): Suspending<ObjId> {
  const heap = vm.heap;
  const t = heap.typeOf[callable]!;
  if (t === vm.t.function) return yield* callFunctionGen(vm, callable, base, argc, kwargs, NULL_REF);
  if (t === vm.t.method) {
    const start = heap.edgeStart[callable]!;
    const func = heap.edges.data[start]!;
    const self = heap.edges.data[start + 1]!;
    if (self !== NULL_REF && heap.typeOf[func] === vm.t.function) return yield* callFunctionGen(vm, func, base, argc, kwargs, self);
  } else if (t === vm.t['builtin-method'] && (vm.data[callable] as BuiltinInfo).suspends) {
    return yield* callSuspendingBuiltin(vm, callable, base, argc, kwargs);
  }
  return callObject(vm, callable, base, argc, kwargs);
}

/** A builtin that may suspend (time.sleep): it runs, then the task sleeps what it asked. */
function* callSuspendingBuiltin(vm: Vm, callable: ObjId, base: number, argc: number, kwargs: KwArgs | null): Suspending<ObjId> {
  vm.suspendFrame = vm.frame;
  vm.pendingSleepS = -1;
  let r: ObjId;
  try {
    r = callObject(vm, callable, base, argc, kwargs);
  } finally {
    vm.suspendFrame = null;
  }
  const s = vm.pendingSleepS;
  if (s >= 0) {
    vm.pendingSleepS = -1;
    yield s;
  }
  return r;
}

/** callFunction, running the code's generator form when it has one. */
export function* callFunctionGen(vm: Vm, fn: ObjId, base: number, argc: number, kwargs: KwArgs | null, self: ObjId): Suspending<ObjId> {
  const code = (vm.data[fn] as FunctionInfo).code;
  const body = code.genBody;
  if (body === undefined) return callFunction(vm, fn, base, argc, kwargs, self);
  const f = enterFunction(vm, fn, base, argc, kwargs, self);
  const outer = vm.frame;
  vm.frame = f;
  const sp = vm.sp;
  let py2Frame = NULL_REF;
  try {
    if (vm.py2) py2Frame = takePy2Frame(vm, code);
    vm.tick();
    yield* body(f);
  } catch (caught) {
    throw functionFailed(vm, f, sp, caught);
  } finally {
    leaveFunction(vm, f, outer, py2Frame);
  }
  return functionResult(vm, f);
}

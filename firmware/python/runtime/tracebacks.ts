// Python 3 traceback objects. Each frame an exception passes through (the one that
// raised it, each caller it unwinds, the one that handles it) adds a traceback object
// referencing that frame's frame object, and the exception's __traceback__ heads the
// chain. A caught exception kept in a local therefore closes a cycle through the frame,
// exactly the garbage CPython 3 makes. Python 2 exceptions carry no traceback, so there
// the transient traceback objects are not modelled.

import { NULL_REF, type ObjId } from '../../memory/index.js';
import type { PyException } from './errors.js';
import type { Frame } from './frame.js';
import { instanceGet, instanceSet } from './objects.js';
import type { Vm } from './vm.js';

/** Records that `e` passed through frame `f` (once per frame). */
export function addTraceback(vm: Vm, e: PyException, f: Frame): void {
  if (vm.py2 || e.lastFrame === f) return;
  e.lastFrame = f;
  const exc = e.exc;
  if (vm.heap.edgeLen[exc]! < 4) return; // not an exception instance (a cleared one)
  const frame = frameObjectOf(vm, f);
  const tb = vm.memory.heap.alloc(vm.t.traceback, vm.wordBytes * 6);
  if (tb < 0) return; // no room for the traceback: CPython drops it too (PyTraceBack_Here fails)
  const heap = vm.heap;
  const older = instanceGet(vm, exc, '__traceback__');
  if (!heap.pushRef(tb, older) || !heap.pushRef(tb, frame)) {
    vm.decref(tb);
    return;
  }
  instanceSet(vm, exc, '__traceback__', tb);
  vm.decref(tb);
}

/** The frame's heap frame object (made on first use; the Frame holds one reference). */
function frameObjectOf(vm: Vm, f: Frame): ObjId {
  if (f.frameObject !== NULL_REF) return f.frameObject;
  const bytes = vm.wordBytes * (9 + f.code.nlocals + f.code.stackSize);
  const obj = vm.memory.heap.alloc(vm.t.frame, bytes);
  if (obj < 0) return NULL_REF;
  f.frameObject = obj;
  return obj;
}

/**
 * At function exit: a frame with a frame object hands its locals to it (CPython 3.11's
 * take_ownership); otherwise they are simply released. Either way the Frame's slots end empty.
 */
export function releaseFrameLocals(vm: Vm, f: Frame): void {
  const heap = vm.heap;
  const locals = f.locals;
  const owner = f.frameObject;
  for (let i = 0; i < locals.length; i++) {
    const v = locals[i]!;
    if (v === NULL_REF) continue;
    locals[i] = NULL_REF;
    if (owner !== NULL_REF) heap.pushRef(owner, v); // on MemoryError the local is simply dropped
    heap.decref(v);
  }
  if (owner !== NULL_REF) {
    f.frameObject = NULL_REF;
    heap.decref(owner);
  }
}

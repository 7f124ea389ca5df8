// `obj.name(args)` at one place of the code (a call site), as CPython 3.7+'s LOAD_METHOD /
// CALL_METHOD: no bound method object is made. A site caches the Python function it last
// found on the receiver's class, valid while the class and its shared keys are as they were.

import { NULL_REF, type ObjId } from '../../memory/index.js';
import { instanceGet, lookupClassAttr, typeMethods } from './objects.js';
import type { BuiltinCall, Vm } from './vm.js';

type NativeTables = ReturnType<typeof typeMethods>;

export interface MethodSite {
  readonly name: string;
  /** The class last seen here, the function found on it, and the state it was found in. */
  cls: ObjId;
  fn: ObjId;
  epoch: number;
  keys: number;
  /** Set by lookupMethod when it returns 0: the builtin type's native method, or null. */
  native: BuiltinCall | null;
  /** The builtin types' native methods, by heap type (typeMethods). */
  readonly natives: NativeTables;
}

export function methodSite(vm: Vm, name: string): MethodSite {
  return { name, cls: NULL_REF, fn: NULL_REF, epoch: -1, keys: -1, native: null, natives: typeMethods(vm) };
}

/** The cached function of the site for `obj`, or 0 (then call lookupMethod). */
export function cachedMethod(vm: Vm, site: MethodSite, obj: ObjId): ObjId {
  const heap = vm.heap;
  if (heap.typeOf[obj] !== vm.t.instance || heap.edgeLen[obj]! === 0) return NULL_REF;
  const cls = heap.edges.data[heap.edgeStart[obj]!]!;
  if (cls !== site.cls || site.epoch !== vm.classEpoch) return NULL_REF;
  const keys = vm.classInfo(cls).sharedKeys;
  return keys !== null && keys.size === site.keys ? site.fn : NULL_REF;
}

/**
 * What `obj.name(...)` calls when the cache had nothing: a Python function of the class, to
 * call with `obj` as self (the site caches it when the instance cannot shadow it); or 0, and
 * then `site.native` is the builtin type's method to call with `obj` as self, or null when the
 * caller must get the attribute (getAttr) and call that.
 */
export function lookupMethod(vm: Vm, site: MethodSite, obj: ObjId): ObjId {
  const heap = vm.heap;
  const t = heap.typeOf[obj]!;
  const name = site.name;
  site.native = null;
  if (t === vm.t.instance && heap.edgeLen[obj]! > 0) {
    const cls = heap.edges.data[heap.edgeStart[obj]!]!;
    const keys = vm.classInfo(cls).sharedKeys;
    if (keys !== null && !keys.has(name)) {
      const m = lookupClassAttr(vm, cls, name);
      if (m !== NULL_REF && heap.typeOf[m] === vm.t.function) {
        site.cls = cls;
        site.fn = m;
        site.epoch = vm.classEpoch;
        site.keys = keys.size;
      }
    }
  }
  if (t === vm.t.instance || t === vm.t['classic-instance']) {
    if (instanceGet(vm, obj, name) === NULL_REF) {
      const m = lookupClassAttr(vm, vm.classOf(obj), name);
      if (m !== NULL_REF && heap.typeOf[m] === vm.t.function) return m;
    }
    return NULL_REF;
  }
  site.native = site.natives[t]?.get(name) ?? null;
  return NULL_REF;
}

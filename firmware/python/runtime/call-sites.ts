// Attribute loads, stores and method calls at one place of the code (a site), each with its
// inline cache, shared by the closures (compile-expr.ts, compile-stmt.ts) and the emitted
// JavaScript (compile-js.ts).
//
// `obj.name(args)`, as CPython 3.7+'s LOAD_METHOD / CALL_METHOD: no bound method object is
// made. A site caches the Python function it last found on the receiver's class, valid while
// the class and its shared keys are as they were. `obj.name` and `obj.name = v` on a 3.11+
// instance (inline values) cache the value slot the class's shared keys give the name.

import { NULL_REF, type ObjId } from '../../memory/index.js';
import { getAttr, hasSetattrHook, instanceGet, lookupClassAttr, setAttr, typeMethods } from './objects.js';
import { sharedKeyShadowed } from './descriptors.js';
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
  /** The builtin type whose native method was last found here (builtin types never change). */
  nativeType: number;
  /** The builtin types' native methods, by heap type (typeMethods). */
  readonly natives: NativeTables;
  /** Set by resolveMethodCall when neither a function nor a native method was found. */
  callee: ObjId;
}

export function methodSite(vm: Vm, name: string): MethodSite {
  return { name, cls: NULL_REF, fn: NULL_REF, epoch: -1, keys: -1, native: null, nativeType: -1, natives: typeMethods(vm), callee: NULL_REF };
}

/**
 * What `obj.name(...)` calls (`obj` pushed by the caller): a Python function to call with `obj`
 * as self, or 0, and then `site.native` is the builtin type's method to call with `obj` as
 * self, or, when it is null, `site.callee` is the attribute (getAttr), pushed on the value
 * stack, to call as it is. The caller reads `site.native` and `site.callee` before it
 * evaluates the arguments (they may run this site again).
 */
export function resolveMethodCall(vm: Vm, site: MethodSite, obj: ObjId): ObjId {
  const fn = cachedMethod(vm, site, obj);
  if (fn !== NULL_REF) return fn;
  const m = lookupMethod(vm, site, obj);
  site.callee = NULL_REF;
  if (m === NULL_REF && site.native === null) {
    site.callee = getAttr(vm, obj, site.name);
    vm.push(site.callee);
  }
  return m;
}

/** The cached function of the site for `obj`, or 0 (then call lookupMethod). */
function cachedMethod(vm: Vm, site: MethodSite, obj: ObjId): ObjId {
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
function lookupMethod(vm: Vm, site: MethodSite, obj: ObjId): ObjId {
  const heap = vm.heap;
  const t = heap.typeOf[obj]!;
  const name = site.name;
  if (t === site.nativeType) return NULL_REF;
  site.native = null;
  site.nativeType = -1;
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
  if (site.native !== null) site.nativeType = t;
  return NULL_REF;
}

export interface AttributeSite {
  readonly name: string;
  /** The class last seen here, the name's value slot in its instances (edge index), and the class state. */
  cls: ObjId;
  slot: number;
  epoch: number;
}

export function attributeSite(name: string): AttributeSite {
  return { name, cls: NULL_REF, slot: 0, epoch: -1 };
}

/** `obj.name`: a new reference (`obj` borrowed; on an exception it is left on the value stack). */
export function loadAttribute(vm: Vm, site: AttributeSite, obj: ObjId): ObjId {
  const heap = vm.heap;
  if (heap.typeOf[obj] === vm.t.instance) {
    const len = heap.edgeLen[obj]!;
    const start = heap.edgeStart[obj]!;
    const cls = len > 0 ? heap.edges.data[start]! : NULL_REF;
    if (cls === site.cls && cls !== NULL_REF && site.epoch === vm.classEpoch) {
      if (site.slot < len) {
        const v = heap.edges.data[start + site.slot]!;
        if (v !== NULL_REF) {
          heap.refcnt[v]!++;
          return v;
        }
      }
    } else if (cls !== NULL_REF) {
      const idx = vm.classInfo(cls).sharedKeys?.get(site.name);
      // Not for a name a property of the class takes: the property comes first.
      if (idx !== undefined && !sharedKeyShadowed(vm, cls, site.name)) {
        site.cls = cls;
        site.slot = idx + 1;
        site.epoch = vm.classEpoch;
      }
    }
  }
  vm.push(obj);
  const r = getAttr(vm, obj, site.name);
  vm.sp--;
  return r;
}

/**
 * `obj.name = value`. The caller has pushed `value`, then `obj`, on the value stack, owning
 * both: they are popped and released here (the attribute takes its own reference), or left
 * there on an exception.
 */
export function storeAttribute(vm: Vm, site: AttributeSite, obj: ObjId, value: ObjId): void {
  const heap = vm.heap;
  const instT = vm.t.instance;
  if (heap.typeOf[obj] === instT && heap.edgeLen[obj]! > site.slot) {
    const cls = heap.edges.data[heap.edgeStart[obj]!]!;
    if (cls === site.cls && site.epoch === vm.classEpoch) {
      heap.setRef(obj, site.slot, value);
      vm.sp -= 2;
      heap.decref(obj);
      heap.decref(value);
      return;
    }
  }
  setAttr(vm, obj, site.name, value);
  if (heap.typeOf[obj] === instT && heap.edgeLen[obj]! > 0) {
    const cls = heap.edges.data[heap.edgeStart[obj]!]!;
    const idx = vm.classInfo(cls).sharedKeys?.get(site.name);
    // A class with __setattr__ never takes the cached store: each store calls it.
    if (idx !== undefined && !hasSetattrHook(vm, cls)) {
      site.cls = cls;
      site.slot = idx + 1;
      site.epoch = vm.classEpoch;
    }
  }
  vm.sp -= 2;
  vm.decref(obj);
  vm.decref(value);
}

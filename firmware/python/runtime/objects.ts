// The object protocol: classes and instances, attribute lookup, and calls. Instances
// keep their class as reference 0 (CPython's heap types are traversed through ob_type)
// and their attributes either in a separate __dict__ (2.x, and 3.x before 3.11) or in
// inline values keyed by the class's shared keys (3.11+), which decides how many GC
// objects an instance costs: two in 2.7, one in 3.11.

import { NULL_REF, type ObjId } from '../../memory/index.js';
import type { DictTable } from './dict-table.js';
import { dictGetStr, dictSetStr, dictDelete, newDict, tableOf } from './dicts.js';
import { extraTypes } from './extra-types.js';
import { PyException } from './errors.js';
import { Frame, type CodeObject } from './frame.js';
import { addTraceback, releaseFrameLocals } from './tracebacks.js';
import {
  bindDescriptor, descriptorAttr, descriptorSetAttr, instanceDataDescriptor, noteClassAttribute, noteNewClass, propertyDelete, propertyGet, propertySet,
  sharedKeyShadowed, staticCallable, type ClassBuiltinInfo,
} from './descriptors.js';
import type { BuiltinCall, BuiltinInfo, ClassInfo, FunctionInfo, KwArgs, ModuleInfo, Vm } from './vm.js';

// ---- interned names ----

const internTables = new WeakMap<Vm, Map<string, ObjId>>();

/** The interned str object for an identifier (allocated once, kept for the device's life). */
export function intern(vm: Vm, name: string): ObjId {
  let table = internTables.get(vm);
  if (!table) internTables.set(vm, (table = new Map()));
  let o = table.get(name);
  if (o === undefined) {
    o = vm.newNativeStr(name);
    vm.heap.refcnt[o] = 1 << 29;
    table.set(name, o);
  }
  return o;
}

// ---- classes ----

export function inlineValues(vm: Vm): boolean {
  return !vm.py2 && vm.version.minor >= 11;
}

/** Creates a class object from a namespace dict (borrowed). */
export function makeClass(vm: Vm, name: string, base: ObjId, namespace: ObjId, opts: { builtin?: string; classic?: boolean; module?: string } = {}): ObjId {
  // A class statement's class is made as CPython makes it (classObjects); the runtime's own
  // classes and the device modules' stand for static types: one object and its dict.
  if (opts.builtin === undefined && opts.module === undefined) return classObjects(vm, name, base, namespace, opts.classic ?? false);
  return makeClassObject(vm, name, base, namespace, opts, vm.memory.sizes.class.basic);
}

function makeClassObject(vm: Vm, name: string, base: ObjId, namespace: ObjId, opts: { builtin?: string; classic?: boolean; module?: string }, bytes: number): ObjId {
  const cls = vm.alloc(vm.t.class, bytes);
  const heap = vm.heap;
  const baseInfo = base !== NULL_REF ? vm.classInfo(base) : null;
  const isException = opts.builtin !== undefined ? isExceptionName(name, baseInfo) : (baseInfo?.isException ?? false);
  const info: ClassInfo = {
    name,
    base,
    dict: namespace,
    mro: [cls, ...(baseInfo ? baseInfo.mro : [])],
    builtin: opts.builtin ?? '',
    classic: opts.classic ?? false,
    isException,
    hasDel: dictGetStr(vm, namespace, tableOf(vm, namespace), '__del__') !== NULL_REF || (baseInfo?.hasDel ?? false),
    // Exceptions keep a real __dict__ in every version (BaseException's dict slot).
    sharedKeys: inlineValues(vm) && !isException ? new Map() : null,
    module: opts.module ?? '__main__',
  };
  const hooks = info as ClassInfo & AttributeHooks;
  const base_ = baseInfo as (ClassInfo & AttributeHooks) | null;
  hooks.setattrHook = dictGetStr(vm, namespace, tableOf(vm, namespace), '__setattr__') !== NULL_REF || (base_?.setattrHook ?? false);
  hooks.delattrHook = dictGetStr(vm, namespace, tableOf(vm, namespace), '__delattr__') !== NULL_REF || (base_?.delattrHook ?? false);
  vm.data[cls] = info;
  vm.classEpoch++; // a class may reuse a dead class's slot: compiled caches must not mistake it
  if (base !== NULL_REF && !heap.pushRef(cls, base)) vm.raiseMemoryError();
  if (!heap.pushRef(cls, namespace)) vm.raiseMemoryError();
  noteNewClass(vm, cls, namespace);
  return cls;
}

/** What a class statement's class owns besides its dict (ClassInfo's extension). */
interface ClassObjects {
  /** A new-style class's tp_subclasses once it has a subclass (a 3.x dict, a 2.x list). */
  subclasses?: SubclassRefs;
  /** Its __bases__ tuple (a class with bases) and __mro__ tuple (new-style), held as references. */
  basesTuple?: ObjId;
  mroTuple?: ObjId;
}

/** The class's own __bases__ or __mro__ tuple (borrowed), or NULL_REF: made by makeClass, not found. */
function classTuple(vm: Vm, cls: ObjId, name: '__bases__' | '__mro__'): ObjId {
  const info = vm.data[cls] as ClassInfo & ClassObjects;
  const o = name === '__bases__' ? info.basesTuple : info.mroTuple;
  // A class the collector cleared no longer holds them.
  if (o === undefined || vm.heap.edgeLen[cls]! === 0 || !vm.heap.isLive(o) || vm.heap.typeOf[o] !== vm.t.tuple) return NULL_REF;
  return o;
}

/** A base's weak references to its subclasses (2.x), in its list's order. */
interface SubclassRefs {
  /** The list object (a class statement's base), or NULL_REF for a built-in base. */
  container: ObjId;
  refs: { ref: ObjId; cls: ObjId; info: ClassInfo }[];
}

/** 2.x: the weak references held by the runtime's own classes (object, Exception...). */
const builtinSubclassRefs = new WeakMap<ClassInfo, SubclassRefs>();

/**
 * Python 2's add_subclass: a base keeps its weak references to dead subclasses (type_dealloc
 * does not remove them) and puts a new one in the place of the last dead one it finds, which
 * frees that one; otherwise it appends. Takes the reference `ref`.
 */
function addSubclassRef(vm: Vm, baseInfo: ClassInfo, scriptBase: boolean, ref: ObjId, cls: ObjId): void {
  const heap = vm.heap;
  let refs = scriptBase ? (baseInfo as ClassInfo & ClassObjects).subclasses : builtinSubclassRefs.get(baseInfo);
  if (refs === undefined) {
    refs = { container: NULL_REF, refs: [] };
    if (scriptBase) (baseInfo as ClassInfo & ClassObjects).subclasses = refs;
    else builtinSubclassRefs.set(baseInfo, refs);
  }
  const entry = { ref, cls, info: vm.classInfo(cls) };
  for (let i = refs.refs.length - 1; i >= 0; i--) {
    const e = refs.refs[i]!;
    if (heap.isLive(e.cls) && heap.typeOf[e.cls] === vm.t.class && vm.data[e.cls] === e.info) continue;
    refs.refs[i] = entry;
    if (refs.container !== NULL_REF && heap.isLive(refs.container)) {
      heap.setRef(refs.container, i, ref);
      vm.decref(ref);
      heap.untrack(refs.container);
    } else vm.decref(e.ref);
    return;
  }
  refs.refs.push(entry);
  if (refs.container !== NULL_REF && heap.isLive(refs.container)) {
    const ok = heap.pushRef(refs.container, ref);
    vm.decref(ref);
    heap.untrack(refs.container); // never traversed by CPython's collector (type_traverse skips it)
    if (!ok) vm.raiseMemoryError();
  }
}

/**
 * A class statement's class as CPython builds it (type_new, PyType_Ready; class_new for a
 * Python 2 classic class), with the GC objects each version makes, in its order:
 *  - the call's (name, bases, dict) argument tuple and, new-style, the copy of the namespace
 *    the type keeps (here: a stand-in dict freed with the tuple, since the namespace itself
 *    becomes the class's dict; the generation-0 count and free lists see the same traffic);
 *  - the __bases__ tuple (a classic class without bases shares the empty tuple);
 *  - new-style: the __mro__ tuple, which holds the class itself, so a dropped class is only
 *    ever freed by the cyclic collector (2.x computes it through four temporary lists); the
 *    `__dict__` and `__weakref__` getset descriptors where the base lacks them (both on
 *    object and other built-ins, `__weakref__` alone on exceptions), stored in its dict;
 *    the base's tp_subclasses container on its first subclass and the weak reference to the
 *    class in it (untracked here: CPython's collector never reaches
 *    them; 3.x frees the reference with its class, 2.x only when a later subclass of the
 *    same base takes its place); 3.x's type_new_set_names dict copy.
 * References: [base, dict] as before, then the bases tuple, the mro tuple and (3.x) the weak
 * reference; the getsets are values of the dict under `__dict__` and `__weakref__`.
 */
function classObjects(vm: Vm, name: string, base: ObjId, namespace: ObjId, classic: boolean): ObjId {
  const heap = vm.heap;
  const w = vm.wordBytes;
  let bases = NULL_REF;
  let args = NULL_REF;
  let dictCopy = NULL_REF;
  const lists: ObjId[] = [];
  try {
    if (base !== NULL_REF) {
      vm.incref(base);
      bases = vm.newTupleOwned([base]);
    }
    const basesTuple = bases === NULL_REF ? vm.emptyTuple : bases;
    const nameStr = intern(vm, name);
    vm.incref(nameStr);
    vm.incref(basesTuple);
    vm.incref(namespace);
    args = vm.newTupleOwned([nameStr, basesTuple, namespace]);
    if (classic) {
      // PyClassObject: head, cl_bases, cl_dict, cl_name, cl_getattr/setattr/delattr, cl_weakreflist.
      const cls = makeClassObject(vm, name, base, namespace, { classic: true }, w * 9);
      if (bases !== NULL_REF) {
        if (!heap.pushRef(cls, bases)) vm.raiseMemoryError();
        (vm.data[cls] as ClassInfo & ClassObjects).basesTuple = bases;
      }
      return cls;
    }
    dictCopy = newDict(vm);
    const cls = makeClassObject(vm, name, base, namespace, {}, vm.memory.sizes.class.basic);
    if (!heap.pushRef(cls, bases)) vm.raiseMemoryError();
    (vm.data[cls] as ClassInfo & ClassObjects).basesTuple = bases;
    const types = extraTypes(vm);
    const baseInfo = vm.classInfo(base);
    const scriptBase = baseInfo.builtin === '' && baseInfo.module === '__main__';
    // __dict__ and __weakref__ where the base lacks them (exceptions have a __dict__).
    const getsets = scriptBase ? 0 : baseInfo.isException ? 1 : 2;
    const addGetsets = (): void => {
      for (let i = 2 - getsets; i < 2; i++) {
        // PyGetSetDescrObject: head, d_type, d_name (3.x: d_qualname), d_getset; a value of
        // the type's dict (which it makes tracked), as CPython's add_getset stores it.
        const g = vm.alloc(types.getset, vm.py2 ? w * 5 : w * 6);
        try {
          if (!heap.pushRef(g, cls)) vm.raiseMemoryError();
          const key = i === 0 ? '__dict__' : '__weakref__';
          vm.data[g] = { getset: key };
          dictSetStr(vm, namespace, key, intern(vm, key), g);
        } finally {
          vm.decref(g);
        }
      }
    };
    // 2.x's PyType_Ready adds the getsets before the mro, 3.x's after.
    if (vm.py2) addGetsets();
    // The mro: 3.x's single-base fast path builds the tuple; 2.x's mro_implementation merges
    // lists first (to_merge, the base's mro as a list, the bases as a list; the result).
    if (vm.py2) {
      for (let i = 0; i < 4; i++) lists.push(vm.newList());
      // to_merge dies before the tuple is made (its items last-first), the result after.
      vm.decref(lists[2]!);
      vm.decref(lists[1]!);
      vm.decref(lists[0]!);
      const result = lists[3]!;
      lists.length = 0;
      lists.push(result);
    }
    const mroItems: ObjId[] = [cls, ...baseInfo.mro];
    for (const o of mroItems) vm.incref(o);
    const mro = vm.newTupleOwned(mroItems);
    const okMro = heap.pushRef(cls, mro);
    vm.decref(mro);
    if (!okMro) vm.raiseMemoryError();
    (vm.data[cls] as ClassInfo & ClassObjects).mroTuple = mro;
    for (const l of lists) vm.decref(l);
    lists.length = 0;
    if (!vm.py2) addGetsets();
    // add_subclass: the base's container on its first subclass, then the weak reference.
    const hooks = baseInfo as ClassInfo & ClassObjects;
    if (scriptBase && hooks.subclasses === undefined && heap.isLive(base)) {
      const container = vm.py2 ? vm.newList() : newDict(vm);
      heap.untrack(container);
      const ok = heap.pushRef(base, container);
      vm.decref(container);
      if (!ok) vm.raiseMemoryError();
      hooks.subclasses = { container, refs: [] };
    }
    // PyWeakReference: head, wr_object, wr_callback, hash, wr_prev, wr_next (3.x: vectorcall).
    const ref = vm.alloc(types.weakref, vm.py2 ? w * 7 : w * 8);
    heap.untrack(ref);
    if (vm.py2) addSubclassRef(vm, baseInfo, scriptBase, ref, cls);
    else {
      // 3.x: type_dealloc removes the class from its base, which frees the reference.
      const okRef = heap.pushRef(cls, ref);
      vm.decref(ref);
      if (!okRef) vm.raiseMemoryError();
    }
    // 3.x: type_new_set_names iterates a copy of the type's dict.
    if (!vm.py2) vm.decref(newDict(vm));
    return cls;
  } finally {
    for (const l of lists) if (l !== NULL_REF) vm.decref(l);
    // The argument tuple dies as the call returns, then the namespace the stand-in stands for.
    if (args !== NULL_REF) vm.decref(args);
    if (dictCopy !== NULL_REF) vm.decref(dictCopy);
    if (bases !== NULL_REF) vm.decref(bases);
  }
}

/** Whether a class (or a base) defines __setattr__ / __delattr__: attribute stores and deletes go through them. */
interface AttributeHooks {
  setattrHook?: boolean;
  delattrHook?: boolean;
}

/**
 * Whether stores to the class's instances go through a __setattr__ the script defined, or
 * through a property of the class for a name its instances also hold a value under.
 */
export function hasSetattrHook(vm: Vm, cls: ObjId): boolean {
  return (vm.data[cls] as ClassInfo & AttributeHooks).setattrHook === true || sharedKeyShadowed(vm, cls);
}

function isExceptionName(name: string, base: ClassInfo | null): boolean {
  return name === 'BaseException' || (base?.isException ?? false);
}

/** Looks `name` up along the class's bases (borrowed), or NULL_REF. */
export function lookupClassAttr(vm: Vm, cls: ObjId, name: string): ObjId {
  const mro = vm.classInfo(cls).mro;
  for (let i = 0; i < mro.length; i++) {
    const d = (vm.data[mro[i]!] as ClassInfo).dict;
    const v = dictGetStr(vm, d, vm.data[d] as DictTable, name);
    if (v !== NULL_REF) return v;
  }
  return NULL_REF;
}

export function isSubclass(vm: Vm, cls: ObjId, of: ObjId): boolean {
  return vm.classInfo(cls).mro.includes(of);
}

export function isInstance(vm: Vm, obj: ObjId, cls: ObjId): boolean {
  const c = vm.classOf(obj);
  if (c === cls) return true;
  const info = vm.classInfo(cls);
  // bool is a subclass of int; Python 2 str and unicode share basestring.
  if (info.builtin === 'int' && vm.classInfo(c).builtin === 'bool') return true;
  if (info.builtin === 'basestring') return vm.isStrType(vm.heap.typeOf[obj]!);
  if (info.builtin === 'object') return true;
  return vm.classInfo(c).mro.includes(cls);
}

// ---- instances ----

/** A new, empty instance of a class the script defined (or of an exception class). */
export function newInstance(vm: Vm, cls: ObjId): ObjId {
  if (!vm.heap.isLive(cls)) throw new Error(`newInstance of a dead class object ${cls} (a memsim bug)`);
  const info = vm.classInfo(cls);
  const heap = vm.heap;
  const classic = info.classic;
  const type = classic ? vm.t['classic-instance'] : vm.t.instance;
  const bytes = info.isException ? vm.wordBytes * (vm.py2 ? 5 : 9) : classic ? vm.memory.sizes['classic-instance'].basic : vm.memory.sizes.instance.basic;
  const obj = vm.alloc(type, bytes);
  if (!heap.pushRef(obj, cls)) {
    vm.decref(obj);
    vm.raiseMemoryError();
  }
  if (info.sharedKeys) {
    // 3.11+: the values array is allocated with the object, sized by the class's shared keys.
    const n = info.sharedKeys.size;
    if (!heap.setPayloadBytes(obj, vm.wordBytes * (n + 1))) {
      vm.decref(obj);
      vm.raiseMemoryError();
    }
    for (let i = 0; i < n; i++) {
      if (!heap.pushRef(obj, NULL_REF)) {
        vm.decref(obj);
        vm.raiseMemoryError();
      }
    }
  } else if (classic) {
    const d = newDict(vm);
    const ok = heap.pushRef(obj, d);
    vm.decref(d);
    if (!ok) {
      vm.decref(obj);
      vm.raiseMemoryError();
    }
  } else {
    // [class, __dict__ (made on first attribute)] and, for exceptions, the slots of
    // BaseException: [args, __traceback__, __cause__, __context__].
    const slots = info.isException ? 5 : 1;
    for (let i = 0; i < slots; i++) {
      if (!heap.pushRef(obj, NULL_REF)) {
        vm.decref(obj);
        vm.raiseMemoryError();
      }
    }
  }
  if (info.hasDel) heap.setFinalizer(obj);
  return obj;
}

function isInstanceType(vm: Vm, obj: ObjId): boolean {
  const t = vm.heap.typeOf[obj]!;
  return t === vm.t.instance || t === vm.t['classic-instance'];
}

/** BaseException's slots in an exception instance's references. */
const EXCEPTION_SLOTS: Record<string, number> = { args: 2, __traceback__: 3, __cause__: 4, __context__: 5 };

/** An instance attribute (borrowed), or NULL_REF. */
export function instanceGet(vm: Vm, obj: ObjId, name: string): ObjId {
  const heap = vm.heap;
  const len = heap.edgeLen[obj]!;
  if (len === 0) return NULL_REF;
  const start = heap.edgeStart[obj]!;
  const cls = heap.edges.data[start]!;
  const keys = (vm.data[cls] as ClassInfo).sharedKeys;
  if (keys) {
    const idx = keys.get(name);
    return idx === undefined || idx + 1 >= len ? NULL_REF : heap.edges.data[start + idx + 1]!;
  }
  if (len > 2) {
    const slot = EXCEPTION_SLOTS[name];
    if (slot !== undefined) return heap.edges.data[start + slot]!;
  }
  const d = len > 1 ? heap.edges.data[start + 1]! : NULL_REF;
  return d === NULL_REF ? NULL_REF : dictGetStr(vm, d, vm.data[d] as DictTable, name);
}

export function instanceSet(vm: Vm, obj: ObjId, name: string, value: ObjId): void {
  const heap = vm.heap;
  if (heap.edgeLen[obj]! === 0) vm.raise('AttributeError', `'${vm.typeNameOf(obj)}' object has no attribute '${name}'`);
  const start = heap.edgeStart[obj]!;
  const cls = heap.edges.data[start]!;
  const keys = (vm.data[cls] as ClassInfo).sharedKeys;
  if (keys) {
    let idx = keys.get(name);
    if (idx === undefined) {
      idx = keys.size;
      keys.set(name, idx);
    }
    while (heap.edgeLen[obj]! < idx + 2) {
      if (!heap.pushRef(obj, NULL_REF)) vm.raiseMemoryError();
    }
    const want = vm.wordBytes * (heap.edgeLen[obj]! );
    if (heap.payloadBytes[obj]! < want && !heap.setPayloadBytes(obj, want)) vm.raiseMemoryError();
    heap.setRef(obj, idx + 1, value);
    return;
  }
  if (heap.edgeLen[obj]! > 2 && EXCEPTION_SLOTS[name] !== undefined) {
    heap.setRef(obj, EXCEPTION_SLOTS[name]!, value === vm.None && name !== 'args' ? NULL_REF : value);
    return;
  }
  let d = heap.edges.data[start + 1]!;
  if (d === NULL_REF) {
    d = newDict(vm);
    heap.setRef(obj, 1, d);
    vm.decref(d);
  }
  dictSetStr(vm, d, name, intern(vm, name), value);
}

function instanceDelete(vm: Vm, obj: ObjId, name: string): boolean {
  const heap = vm.heap;
  if (heap.edgeLen[obj]! === 0) return false;
  const start = heap.edgeStart[obj]!;
  const cls = heap.edges.data[start]!;
  const keys = (vm.data[cls] as ClassInfo).sharedKeys;
  if (keys) {
    const idx = keys.get(name);
    if (idx === undefined || idx + 1 >= heap.edgeLen[obj]! || heap.edges.data[start + idx + 1] === NULL_REF) return false;
    heap.setRef(obj, idx + 1, NULL_REF);
    return true;
  }
  const d = heap.edges.data[start + 1]!;
  return d !== NULL_REF && dictDelete(vm, d, intern(vm, name));
}

// ---- attributes ----

/** Methods of built-in types, by heap type id. */
export type TypeMethods = Map<string, BuiltinCall>;

const typeMethodTables = new WeakMap<Vm, TypeMethods[]>();

export function typeMethods(vm: Vm): TypeMethods[] {
  let t = typeMethodTables.get(vm);
  if (!t) typeMethodTables.set(vm, (t = []));
  return t;
}

/**
 * getattr(obj, name): a new reference; raises AttributeError. When normal lookup finds
 * nothing on an instance whose class defines `__getattr__`, its result (or exception) is
 * the attribute's, as CPython's slot_tp_getattr_hook (new-style) and instance_getattr (classic).
 */
export function getAttr(vm: Vm, obj: ObjId, name: string): ObjId {
  let v: ObjId;
  try {
    v = getAttrOrNull(vm, obj, name);
  } catch (e) {
    // An AttributeError of the normal lookup (a property's getter) goes to __getattr__ too.
    if (!isAttributeError(vm, e)) throw e;
    const hook = getattrHook(vm, obj);
    if (hook === NULL_REF) throw e;
    vm.decref((e as PyException).exc);
    return callGetattrHook(vm, hook, obj, name);
  }
  if (v !== NULL_REF) return v;
  const hook = getattrHook(vm, obj);
  if (hook !== NULL_REF) return callGetattrHook(vm, hook, obj, name);
  return attributeError(vm, obj, name);
}

/**
 * An attribute as the interpreter looks up a special method for a protocol (`with`'s
 * __enter__ and __exit__): on the type for new-style instances, so without `__getattr__`;
 * classic instances go through their instance lookup, `__getattr__` included.
 */
export function getSpecialAttr(vm: Vm, obj: ObjId, name: string): ObjId {
  if (vm.heap.typeOf[obj] === vm.t['classic-instance']) return getAttr(vm, obj, name);
  const v = getAttrOrNull(vm, obj, name);
  if (v === NULL_REF) attributeError(vm, obj, name);
  return v;
}

/**
 * getattr with a default, and hasattr: like getAttr, but NULL_REF where it would raise
 * AttributeError (and, for Python 2's hasattr, any Exception: `anyException`).
 */
export function getAttrOrMissing(vm: Vm, obj: ObjId, name: string, anyException = false): ObjId {
  let v: ObjId;
  try {
    v = getAttrOrNull(vm, obj, name);
  } catch (e) {
    if (!(e instanceof PyException)) throw e;
    if (!isAttributeError(vm, e)) {
      if (!anyException || !isInstance(vm, e.exc, vm.classes.get('Exception')!)) throw e;
      vm.decref(e.exc);
      return NULL_REF;
    }
    vm.decref(e.exc);
    v = NULL_REF;
  }
  if (v !== NULL_REF) return v;
  const hook = getattrHook(vm, obj);
  if (hook === NULL_REF) return NULL_REF;
  try {
    return callGetattrHook(vm, hook, obj, name);
  } catch (e) {
    if (!(e instanceof PyException)) throw e;
    const swallow = vm.classes.get(anyException ? 'Exception' : 'AttributeError')!;
    if (!isInstance(vm, e.exc, swallow)) throw e;
    vm.decref(e.exc);
    return NULL_REF;
  }
}

function isAttributeError(vm: Vm, e: unknown): boolean {
  return e instanceof PyException && isInstance(vm, e.exc, vm.classes.get('AttributeError')!);
}

/** The `__getattr__` (borrowed) of an instance's class, or NULL_REF. */
function getattrHook(vm: Vm, obj: ObjId): ObjId {
  const t = vm.heap.typeOf[obj]!;
  if (t !== vm.t.instance && t !== vm.t['classic-instance']) return NULL_REF;
  return lookupClassAttr(vm, vm.classOf(obj), '__getattr__');
}

/** Calls `__getattr__(obj, name)`: a function directly (no bound method), anything else bound. */
function callGetattrHook(vm: Vm, hook: ObjId, obj: ObjId, name: string): ObjId {
  const base = vm.sp;
  const nameObj = intern(vm, name);
  vm.incref(nameObj);
  vm.push(nameObj);
  try {
    if (vm.heap.typeOf[hook] === vm.t.function) return callFunction(vm, hook, base, 1, null, obj);
    const bound = bindIfFunction(vm, hook, obj);
    vm.push(bound);
    vm.incref(nameObj);
    vm.push(nameObj);
    return callObject(vm, bound, base + 2, 1, null);
  } finally {
    vm.unwindTo(base);
  }
}

export function attributeError(vm: Vm, obj: ObjId, name: string): never {
  const t = vm.heap.typeOf[obj]!;
  if (t === vm.t.module) vm.raise('AttributeError', `'module' object has no attribute '${name}'`);
  if (t === vm.t.class) {
    const cname = vm.classInfo(obj).name;
    return vm.raise('AttributeError', vm.py2 ? `class ${cname} has no attribute '${name}'` : `type object '${cname}' has no attribute '${name}'`);
  }
  if (t === vm.t['classic-instance']) vm.raise('AttributeError', `${vm.classInfo(vm.classOf(obj)).name} instance has no attribute '${name}'`);
  return vm.raise('AttributeError', `'${vm.typeNameOf(obj)}' object has no attribute '${name}'`);
}

/** getattr, or NULL_REF when there is no such attribute. */
export function getAttrOrNull(vm: Vm, obj: ObjId, name: string): ObjId {
  const heap = vm.heap;
  const t = heap.typeOf[obj]!;
  if (t === vm.t.instance || t === vm.t['classic-instance']) {
    // New-style: a property of the class comes before the instance's own attribute.
    if (t === vm.t.instance) {
      const p = instanceDataDescriptor(vm, obj, name);
      if (p !== NULL_REF) return propertyGet(vm, p, obj);
    }
    const own = instanceGet(vm, obj, name);
    if (own !== NULL_REF) {
      vm.incref(own);
      return own;
    }
    const cls = vm.classOf(obj);
    if (name === '__class__') {
      vm.incref(cls);
      return cls;
    }
    if (name === '__dict__') return instanceDict(vm, obj);
    // The class's `__weakref__` getset reads an instance's (absent) weak reference list.
    if (name === '__weakref__' && t === vm.t.instance) return vm.none();
    const v = lookupClassAttr(vm, cls, name);
    if (v === NULL_REF) {
      if (!vm.classInfo(cls).isException) return NULL_REF;
      // Exception slots that are unset read as None (and __suppress_context__ as a bool).
      if (!vm.py2) {
        if (name === '__traceback__' || name === '__cause__' || name === '__context__') return vm.none();
        if (name === '__suppress_context__') return vm.bool((vm.data[obj] as { suppressContext?: boolean } | undefined)?.suppressContext === true);
      }
      return exceptionMember(vm, obj, cls, name);
    }
    return bindIfFunction(vm, v, obj, cls);
  }
  if (t === vm.t.module) {
    const info = vm.data[obj] as ModuleInfo;
    const v = dictGetStr(vm, info.dict, info.table, name);
    if (v !== NULL_REF) vm.incref(v);
    else if (name === '__name__') return vm.newNativeStr(info.name);
    return v;
  }
  if (t === vm.t.class) {
    const info = vm.classInfo(obj);
    if (name === '__name__') return vm.newNativeStr(info.name);
    if (name === '__bases__' || (name === '__mro__' && !info.classic)) {
      const own = classTuple(vm, obj, name);
      if (own !== NULL_REF) {
        vm.incref(own);
        return own;
      }
    }
    if (name === '__bases__') return vm.newTupleOwned(info.base === NULL_REF ? [] : [(vm.incref(info.base), info.base)]);
    if (name === '__mro__' && !info.classic) return vm.newTupleOwned(info.mro.map((c) => (vm.incref(c), c)));
    if (name === '__dict__') {
      const d = vm.classInfo(obj).dict;
      vm.incref(d);
      return d;
    }
    const v = lookupClassAttr(vm, obj, name);
    if (v === NULL_REF && info.builtin !== '') {
      // A built-in type's method through its class (str.upper): unbound, self comes first.
      const typeId = vm.classByType.indexOf(obj);
      const call = typeId >= 0 ? typeMethods(vm)[typeId]?.get(name) : undefined;
      if (call !== undefined) {
        const m = newBuiltinMethod(vm, name, call, NULL_REF);
        (vm.data[m] as BuiltinInfo).isMethod = true;
        return m;
      }
    }
    // Python 2: a function found through a class is an unbound method, checked when called.
    if (v !== NULL_REF && vm.py2 && vm.heap.typeOf[v] === vm.t.function) return newUnboundMethod(vm, v, obj);
    // staticmethod, classmethod and property objects give what their __get__(None, cls) gives.
    return v === NULL_REF ? v : bindDescriptor(vm, v, NULL_REF, obj);
  }
  if (t === vm.t.function) {
    const info = vm.data[obj] as FunctionInfo;
    if (name === '__name__' || (vm.py2 && name === 'func_name')) return vm.newNativeStr(info.name);
    if (name === '__doc__' || (vm.py2 && name === 'func_doc')) {
      const doc = info.code.doc;
      return doc === undefined ? vm.none() : vm.newStr(doc, !vm.py2 || false);
    }
    if (name === '__module__') return vm.newNativeStr('__main__');
    return NULL_REF;
  }
  if (t === vm.t.iterator) {
    const proxy = vm.data[obj] as { superOf?: ObjId; after?: ObjId[] };
    if (proxy.superOf !== undefined) {
      for (const cls of proxy.after!) {
        const d = vm.classInfo(cls).dict;
        const v = dictGetStr(vm, d, vm.data[d] as DictTable, name);
        if (v === NULL_REF) continue;
        const self = proxy.superOf;
        // super(B, cls): no instance to bind (a 2.x function is an unbound method, a classmethod binds cls).
        if (vm.heap.typeOf[self] === vm.t.class) {
          if (vm.py2 && vm.heap.typeOf[v] === vm.t.function) return newUnboundMethod(vm, v, self);
          return bindDescriptor(vm, v, NULL_REF, self);
        }
        return bindIfFunction(vm, v, self, vm.classOf(self));
      }
      return NULL_REF;
    }
  }
  // Numbers: the numeric tower's attributes.
  if (t === vm.t.int || t === vm.t.long || t === vm.t.float) {
    if (name === 'real' || name === 'numerator') {
      vm.incref(obj);
      return obj;
    }
    if (name === 'imag') return t === vm.t.float ? vm.newFloat(0) : vm.newInt(0);
    if (name === 'denominator' && t !== vm.t.float) return vm.newInt(1);
  }
  if (t === vm.t['builtin-method'] && name === '__name__') return vm.newNativeStr((vm.data[obj] as BuiltinInfo).name);
  // property, staticmethod, classmethod and slice objects: their members.
  const member = descriptorAttr(vm, obj, t, name);
  if (member !== NULL_REF) return member;
  // Built-in types: their methods, bound to the object.
  const methods = typeMethods(vm)[t];
  const m = methods?.get(name);
  if (m !== undefined) return newBuiltinMethod(vm, name, m, obj);
  if (name === '__class__') {
    const cls = vm.classOf(obj);
    vm.incref(cls);
    return cls;
  }
  return NULL_REF;
}

/**
 * The C-level members of built-in exceptions, read from `args` as the constructors set them
 * (none of them lives in the instance's __dict__, so reading them allocates nothing the
 * collector counts): 2.x BaseException.message (the single argument, else ''),
 * EnvironmentError's (3.x OSError's) errno, strerror and filename when made with
 * (errno, strerror[, filename ...]), SystemExit.code (None, the argument, or the tuple).
 * A new reference, or NULL_REF when the exception has no such member.
 */
function exceptionMember(vm: Vm, obj: ObjId, cls: ObjId, name: string): ObjId {
  const argsObj = instanceGet(vm, obj, 'args');
  const args = argsObj === NULL_REF || vm.heap.typeOf[argsObj] !== vm.t.tuple ? [] : vm.items(argsObj);
  const ret = (o: ObjId) => (vm.incref(o), o);
  if (name === 'message' && vm.py2) return args.length === 1 ? ret(args[0]!) : vm.newNativeStr('');
  if (name === 'errno' || name === 'strerror' || name === 'filename') {
    if (!isSubclass(vm, cls, vm.classes.get('EnvironmentError')!)) return NULL_REF;
    const n = args.length;
    if (n < 2 || n > (vm.py2 ? 3 : 5)) return vm.none();
    const i = name === 'errno' ? 0 : name === 'strerror' ? 1 : 2;
    return i < n ? ret(args[i]!) : vm.none();
  }
  if (name === 'code' && isSubclass(vm, cls, vm.classes.get('SystemExit')!)) {
    return args.length === 0 ? vm.none() : args.length === 1 ? ret(args[0]!) : ret(argsObj);
  }
  return NULL_REF;
}

function instanceDict(vm: Vm, obj: ObjId): ObjId {
  const heap = vm.heap;
  const cls = vm.classOf(obj);
  if (vm.classInfo(cls).sharedKeys) vm.raise('NotImplementedError', '__dict__ of instances is not supported on this device');
  let d = heap.edges.data[heap.edgeStart[obj]! + 1]!;
  if (d === NULL_REF) {
    d = newDict(vm);
    heap.setRef(obj, 1, d);
    return d; // the new dict's own reference goes to the caller; setRef took another
  }
  vm.incref(d);
  return d;
}

/**
 * A function found on the class of `self` (`cls`, its class by default) becomes a bound
 * method; staticmethod, classmethod and property objects give what their __get__ gives;
 * anything else is returned as is (new reference).
 */
function bindIfFunction(vm: Vm, v: ObjId, self: ObjId, cls: ObjId = NULL_REF): ObjId {
  const t = vm.heap.typeOf[v]!;
  if (t === vm.t.function) return newBoundMethod(vm, v, self);
  if (t === vm.t['builtin-method']) {
    const info = vm.data[v] as ClassBuiltinInfo;
    if (info.self === NULL_REF && info.classMethod !== true) return newBuiltinMethod(vm, info.name, info.call, self);
  }
  return bindDescriptor(vm, v, self, cls === NULL_REF ? vm.classOf(self) : cls);
}

/** A bound method: `fn` (borrowed) with `self` (borrowed) as its first argument. */
export function newBoundMethod(vm: Vm, fn: ObjId, self: ObjId): ObjId {
  const m = vm.alloc(vm.t.method, vm.memory.sizes.method.basic);
  if (!vm.heap.pushRef(m, fn) || !vm.heap.pushRef(m, self)) {
    vm.decref(m);
    vm.raiseMemoryError();
  }
  return m;
}

function newUnboundMethod(vm: Vm, fn: ObjId, cls: ObjId): ObjId {
  const m = vm.alloc(vm.t.method, vm.memory.sizes.method.basic);
  if (!vm.heap.pushRef(m, fn) || !vm.heap.pushRef(m, NULL_REF) || !vm.heap.pushRef(m, cls)) {
    vm.decref(m);
    vm.raiseMemoryError();
  }
  return m;
}

export function newBuiltinMethod(vm: Vm, name: string, call: BuiltinCall, self: ObjId): ObjId {
  const m = vm.alloc(vm.t['builtin-method'], vm.memory.sizes['builtin-method'].basic);
  const info: BuiltinInfo = { name, call, self };
  vm.data[m] = info;
  if (self !== NULL_REF && !vm.heap.pushRef(m, self)) {
    vm.decref(m);
    vm.raiseMemoryError();
  }
  return m;
}

/** setattr(obj, name, value) with a borrowed value. */
export function setAttr(vm: Vm, obj: ObjId, name: string, value: ObjId): void {
  const t = vm.heap.typeOf[obj]!;
  if (t === vm.t.instance || t === vm.t['classic-instance']) {
    const cls = vm.heap.edgeLen[obj]! > 0 ? vm.heap.edges.data[vm.heap.edgeStart[obj]!]! : NULL_REF;
    if (cls !== NULL_REF && (vm.data[cls] as ClassInfo & AttributeHooks).setattrHook === true) {
      const hook = lookupClassAttr(vm, cls, '__setattr__');
      if (hook !== NULL_REF) {
        vm.decref(callAttributeHook(vm, hook, obj, name, value));
        return;
      }
    }
    storeInstanceAttr(vm, obj, t, name, value);
    return;
  }
  if (t === vm.t.class) {
    const info = vm.classInfo(obj);
    dictSetStr(vm, info.dict, name, intern(vm, name), value);
    noteClassAttribute(vm, name, value);
    vm.classEpoch++;
    if (name === '__del__') info.hasDel = true;
    if (name === '__setattr__') (info as ClassInfo & AttributeHooks).setattrHook = true;
    if (name === '__delattr__') (info as ClassInfo & AttributeHooks).delattrHook = true;
    return;
  }
  if (t === vm.t.module) {
    const info = vm.data[obj] as ModuleInfo;
    dictSetStr(vm, info.dict, name, intern(vm, name), value);
    return;
  }
  if (descriptorSetAttr(vm, obj, name, value)) return;
  return vm.raise('AttributeError', `'${vm.typeNameOf(obj)}' object has no attribute '${name}'`);
}

/** The store into an instance: a new-style class's property takes it, else the instance's own attributes (classic instances: always those). */
function storeInstanceAttr(vm: Vm, obj: ObjId, t: number, name: string, value: ObjId): void {
  if (t === vm.t.instance) {
    const p = instanceDataDescriptor(vm, obj, name);
    if (p !== NULL_REF) {
      propertySet(vm, p, obj, value);
      return;
    }
  }
  instanceSet(vm, obj, name, value);
}

/** The delete from an instance, as storeInstanceAttr; false when there is nothing to delete. */
function deleteInstanceAttr(vm: Vm, obj: ObjId, t: number, name: string): boolean {
  if (t === vm.t.instance) {
    const p = instanceDataDescriptor(vm, obj, name);
    if (p !== NULL_REF) {
      propertyDelete(vm, p, obj);
      return true;
    }
  }
  return instanceDelete(vm, obj, name);
}

/**
 * Calls a class's `__setattr__(obj, name, value)` or `__delattr__(obj, name)` (value NULL_REF):
 * a function directly, anything else (object's own, a callable) bound. A new reference.
 */
function callAttributeHook(vm: Vm, hook: ObjId, obj: ObjId, name: string, value: ObjId): ObjId {
  const base = vm.sp;
  const nameObj = intern(vm, name);
  try {
    if (vm.heap.typeOf[hook] === vm.t.function) {
      vm.incref(nameObj);
      vm.push(nameObj);
      if (value !== NULL_REF) {
        vm.incref(value);
        vm.push(value);
      }
      return callFunction(vm, hook, base, vm.sp - base, null, obj);
    }
    const bound = bindIfFunction(vm, hook, obj);
    vm.push(bound);
    vm.incref(nameObj);
    vm.push(nameObj);
    if (value !== NULL_REF) {
      vm.incref(value);
      vm.push(value);
    }
    return callObject(vm, bound, base + 1, vm.sp - base - 1, null);
  } finally {
    vm.unwindTo(base);
  }
}

/** object.__setattr__(obj, name, value): the store without the class's hook. */
export function genericSetAttr(vm: Vm, obj: ObjId, name: string, value: ObjId): void {
  const t = vm.heap.typeOf[obj]!;
  if (t === vm.t.instance || t === vm.t['classic-instance']) storeInstanceAttr(vm, obj, t, name, value);
  else setAttr(vm, obj, name, value);
}

/** object.__delattr__(obj, name): the delete without the class's hook. */
export function genericDelAttr(vm: Vm, obj: ObjId, name: string): void {
  const t = vm.heap.typeOf[obj]!;
  if (t === vm.t.instance || t === vm.t['classic-instance']) {
    if (!deleteInstanceAttr(vm, obj, t, name)) attributeError(vm, obj, name);
  } else delAttr(vm, obj, name);
}

export function delAttr(vm: Vm, obj: ObjId, name: string): void {
  const t = vm.heap.typeOf[obj]!;
  let ok = false;
  if ((t === vm.t.instance || t === vm.t['classic-instance']) && vm.heap.edgeLen[obj]! > 0) {
    const cls = vm.heap.edges.data[vm.heap.edgeStart[obj]!]!;
    if ((vm.data[cls] as ClassInfo & AttributeHooks).delattrHook === true) {
      const hook = lookupClassAttr(vm, cls, '__delattr__');
      if (hook !== NULL_REF) {
        vm.decref(callAttributeHook(vm, hook, obj, name, NULL_REF));
        return;
      }
    }
  }
  if (t === vm.t.instance || t === vm.t['classic-instance']) ok = deleteInstanceAttr(vm, obj, t, name);
  else if (t === vm.t.class) {
    ok = dictDelete(vm, vm.classInfo(obj).dict, intern(vm, name));
    vm.classEpoch++;
  }
  else if (t === vm.t.module) ok = dictDelete(vm, (vm.data[obj] as ModuleInfo).dict, intern(vm, name));
  if (!ok) attributeError(vm, obj, name);
}

// ---- calls ----

/**
 * Calls `callable` with `argc` positional arguments at vm.stack[base..] followed by the
 * values of `kwargs`; the arguments stay owned by the stack. Returns a new reference.
 */
export function callObject(vm: Vm, callable: ObjId, base: number, argc: number, kwargs: KwArgs | null): ObjId {
  const heap = vm.heap;
  const t = heap.typeOf[callable]!;
  if (t === vm.t.function) return callFunction(vm, callable, base, argc, kwargs, NULL_REF);
  if (t === vm.t['builtin-method']) {
    const info = vm.data[callable] as BuiltinInfo;
    if (info.self === NULL_REF && info.isMethod) {
      if (argc === 0) vm.raise('TypeError', `descriptor '${info.name}' needs an argument`);
      return info.call(vm, base + 1, argc - 1, kwargs, vm.stack[base]!);
    }
    return info.call(vm, base, argc, kwargs, info.self);
  }
  if (t === vm.t.method) {
    const start = heap.edgeStart[callable]!;
    const func = heap.edges.data[start]!;
    const self = heap.edges.data[start + 1]!;
    if (self === NULL_REF && heap.edgeLen[callable]! > 2) {
      // A Python 2 unbound method: its first argument must be an instance of the class.
      const cls = heap.edges.data[start + 2]!;
      if (argc === 0 || !isInstance(vm, vm.stack[base]!, cls)) {
        const fname = (vm.data[func] as FunctionInfo).name;
        const got = argc === 0 ? 'nothing' : `${vm.typeNameOf(vm.stack[base]!)} instance`;
        vm.raise('TypeError', `unbound method ${fname}() must be called with ${vm.classInfo(cls).name} instance as first argument (got ${got} instead)`);
      }
      return callFunction(vm, func, base, argc, kwargs, NULL_REF);
    }
    if (heap.typeOf[func] === vm.t.function) return callFunction(vm, func, base, argc, kwargs, self);
    return callWithSelf(vm, func, self, base, argc, kwargs);
  }
  if (t === vm.t.class) return instantiate(vm, callable, base, argc, kwargs);
  if (t === vm.t.instance || t === vm.t['classic-instance']) {
    const call = lookupClassAttr(vm, vm.classOf(callable), '__call__');
    if (call !== NULL_REF && heap.typeOf[call] === vm.t.function) return callFunction(vm, call, base, argc, kwargs, callable);
  }
  const wrapped = staticCallable(vm, callable);
  if (wrapped !== NULL_REF) return callObject(vm, wrapped, base, argc, kwargs);
  return vm.raise('TypeError', vm.py2 ? `'${vm.typeNameOf(callable)}' object is not callable` : `'${vm.typeNameOf(callable)}' object is not callable`);
}

/** Calls a callable with `self` prepended to the arguments on the stack. */
function callWithSelf(vm: Vm, func: ObjId, self: ObjId, base: number, argc: number, kwargs: KwArgs | null): ObjId {
  const nkw = kwargs ? kwargs.length : 0;
  const newBase = vm.sp;
  vm.incref(self);
  vm.push(self);
  for (let i = 0; i < argc + nkw; i++) {
    const a = vm.stack[base + i]!;
    vm.incref(a);
    vm.push(a);
  }
  try {
    return callObject(vm, func, newBase, argc + 1, kwargs);
  } finally {
    vm.unwindTo(newBase);
  }
}

/** Class(...): a new instance, then __init__; or the built-in type's constructor. */
export function instantiate(vm: Vm, cls: ObjId, base: number, argc: number, kwargs: KwArgs | null): ObjId {
  const info = vm.classInfo(cls);
  if (info.builtin !== '' && !info.isException) {
    const ctor = constructors(vm).get(info.builtin);
    if (!ctor) vm.raise('TypeError', `cannot create '${info.name}' instances`);
    return ctor(vm, base, argc, kwargs, cls);
  }
  const obj = newInstance(vm, cls);
  try {
    const init = lookupClassAttr(vm, cls, '__init__');
    if (info.isException) {
      // 3.x: BaseException.__new__ stores the call's arguments. 2.7: __new__ stores () and
      // BaseException.__init__ the arguments, so an __init__ of the script's that does not
      // call its base's leaves args empty.
      const py2Init = vm.py2 && init !== NULL_REF && vm.heap.typeOf[init] === vm.t.function;
      const args = vm.newTupleOwned(py2Init ? [] : Array.from({ length: argc }, (_, i) => {
        const a = vm.stack[base + i]!;
        vm.incref(a);
        return a;
      }));
      instanceSet(vm, obj, 'args', args);
      vm.decref(args);
    }
    if (init !== NULL_REF && vm.heap.typeOf[init] === vm.t.function) {
      const r = callFunction(vm, init, base, argc, kwargs, obj);
      if (r !== vm.None) {
        vm.decref(r);
        return vm.raise('TypeError', vm.py2 ? '__init__() should return None' : `__init__() should return None, not '${vm.typeNameOf(r)}'`);
      }
      vm.decref(r);
    } else if ((argc > 0 || (kwargs && kwargs.length > 0)) && !info.isException) {
      return vm.raise('TypeError', vm.py2 ? 'this constructor takes no arguments' : `${info.name}() takes no arguments`);
    }
  } catch (e) {
    vm.decref(obj);
    throw e;
  }
  return obj;
}

const constructorTables = new WeakMap<Vm, Map<string, BuiltinCall>>();

/** Constructors of built-in types by type name (int, str, list, dict...). */
export function constructors(vm: Vm): Map<string, BuiltinCall> {
  let t = constructorTables.get(vm);
  if (!t) constructorTables.set(vm, (t = new Map()));
  return t;
}

export function isHostStackOverflow(e: unknown): boolean {
  return e instanceof RangeError && e.message.includes('call stack');
}

function hostStackRecursionError(vm: Vm): PyException {
  return vm.makeException(vm.py2 || vm.version.minor < 5 ? 'RuntimeError' : 'RecursionError', 'maximum recursion depth exceeded');
}

/** Runs a Python function. `self` (when not NULL_REF) is its first argument. */
export function callFunction(vm: Vm, fn: ObjId, base: number, argc: number, kwargs: KwArgs | null, self: ObjId): ObjId {
  const f = enterFunction(vm, fn, base, argc, kwargs, self);
  const code = f.code;
  const outer = vm.frame;
  vm.frame = f;
  const sp = vm.sp;
  let py2Frame = NULL_REF;
  try {
    if (vm.py2) py2Frame = takePy2Frame(vm, code);
    vm.tick();
    code.body(f);
  } catch (caught) {
    throw functionFailed(vm, f, sp, caught);
  } finally {
    leaveFunction(vm, f, outer, py2Frame);
  }
  return functionResult(vm, f);
}

/** After a call's body, however it ended: the caller's frame back, the locals and the 2.x frame released. */
export function leaveFunction(vm: Vm, f: Frame, outer: Frame | null, py2Frame: ObjId): void {
  vm.frame = outer;
  vm.depth--;
  releaseFrameLocals(vm, f);
  if (py2Frame !== NULL_REF) releasePy2Frame(vm, f.code, py2Frame);
}

/** What a call that returned gives its caller: the returned value, or None. */
export function functionResult(vm: Vm, f: Frame): ObjId {
  return f.retval === NULL_REF ? vm.none() : f.retval;
}

/**
 * A call's frame: arguments bound to the parameters (defaults, `*args`, keywords, cells),
 * and the call counted against the recursion limit (the caller decrements vm.depth after).
 */
export function enterFunction(vm: Vm, fn: ObjId, base: number, argc: number, kwargs: KwArgs | null, self: ObjId): Frame {
  const info = vm.data[fn] as FunctionInfo;
  const code = info.code;
  const f = new Frame(code, info.globals, info.globalsTable, info.closure, vm.frame);
  const locals = f.locals;
  const params = code.params;
  const nparams = params.length;
  const stack = vm.stack;
  // The common call: as many positional arguments as parameters, nothing else to bind.
  if (kwargs === null && code.varargSlot < 0 && code.cellSlots.length === 0 && argc + (self !== NULL_REF ? 1 : 0) === nparams) {
    const refcnt = vm.heap.refcnt;
    let slot = 0;
    if (self !== NULL_REF) {
      refcnt[self]!++;
      locals[slot++] = self;
    }
    for (let a = 0; a < argc; a++) {
      const v = stack[base + a]!;
      refcnt[v]!++;
      locals[slot++] = v;
    }
    if (++vm.depth > vm.recursionLimit) {
      vm.depth--;
      releaseLocals(vm, locals);
      return vm.raise(vm.py2 || vm.version.minor < 5 ? 'RuntimeError' : 'RecursionError', 'maximum recursion depth exceeded');
    }
    return f;
  }
  let i = 0;
  // def f(*args) used as a method: self goes into args.
  const extra: ObjId[] = [];
  if (self !== NULL_REF) {
    if (nparams === 0 && code.varargSlot < 0) {
      return vm.raise('TypeError', vm.py2 ? `${code.name}() takes no arguments (1 given)` : `${code.name}() takes 0 positional arguments but 1 was given`);
    }
    vm.incref(self);
    if (nparams > 0) locals[i++] = self;
    else extra.push(self);
  }
  const given = argc + (self !== NULL_REF ? 1 : 0);
  let a = 0;
  for (; a < argc && i < nparams; a++, i++) {
    const v = stack[base + a]!;
    vm.heap.refcnt[v]!++;
    locals[i] = v;
  }
  try {
    if (code.varargSlot >= 0) {
      for (; a < argc; a++) {
        const v = stack[base + a]!;
        vm.incref(v);
        extra.push(v);
      }
      locals[code.varargSlot] = vm.newTupleOwned(extra);
    } else if (a < argc) {
      return vm.raise('TypeError', tooMany(vm, vm.py2 ? code.name : code.qualname ?? code.name, nparams, info.defaults.length, given));
    }
    if (kwargs) {
      for (let k = 0; k < kwargs.length; k++) {
        const idx = params.indexOf(kwargs[k]!);
        if (idx < 0) vm.raise('TypeError', `${code.name}() got an unexpected keyword argument '${kwargs[k]}'`);
        if (locals[idx] !== NULL_REF) vm.raise('TypeError', `${code.name}() got multiple values for ${vm.py2 ? 'keyword ' : ''}argument '${kwargs[k]}'`);
        const v = stack[base + argc + k]!;
        vm.incref(v);
        locals[idx] = v;
      }
    }
    const defaults = info.defaults;
    const firstDefault = nparams - defaults.length;
    for (let p = 0; p < nparams; p++) {
      if (locals[p] !== NULL_REF) continue;
      if (p >= firstDefault) {
        const d = defaults[p - firstDefault]!;
        vm.incref(d);
        locals[p] = d;
      } else {
        return vm.raise('TypeError', missing(vm, vm.py2 ? code.name : code.qualname ?? code.name, params, p, firstDefault, given));
      }
    }
    for (const s of code.cellSlots) locals[s] = newCell(vm, locals[s]!, true);
  } catch (e) {
    releaseLocals(vm, locals);
    throw e;
  }
  if (++vm.depth > vm.recursionLimit) {
    vm.depth--;
    releaseLocals(vm, locals);
    return vm.raise(vm.py2 || vm.version.minor < 5 ? 'RuntimeError' : 'RecursionError', 'maximum recursion depth exceeded');
  }
  return f;
}

/** What a call that raised `caught` rethrows: its value stack released, its traceback entry added. */
export function functionFailed(vm: Vm, f: Frame, sp: number, caught: unknown): unknown {
  let e = caught;
  vm.unwindTo(sp);
  if (f.retval !== NULL_REF) {
    vm.decref(f.retval);
    f.retval = NULL_REF;
  }
  // The host's own stack ran out before the Python recursion limit: that is a RecursionError
  // for the script (raised here, where some stack is free again), never a host crash.
  if (isHostStackOverflow(e)) e = hostStackRecursionError(vm);
  if (e instanceof PyException) {
    e.traceback.push({ file: f.code.file, line: f.line, name: f.code.name });
    addTraceback(vm, e, f);
  }
  return e;
}

/** Marks a call that runs in its code object's zombie frame (takePy2Frame). */
const ZOMBIE = -1;

/**
 * Python 2: the heap frame object a call runs in: the code object's zombie frame when no
 * other call is using it (ZOMBIE), else a new one. Give it back with releasePy2Frame.
 */
export function takePy2Frame(vm: Vm, code: CodeObject): ObjId {
  if (code.zombieBusy) return allocFrameObject(vm, code, false);
  code.zombieBusy = true;
  if (!code.zombieFrame) {
    try {
      code.zombieFrame = allocFrameObject(vm, code, true);
    } catch (e) {
      code.zombieBusy = false;
      throw e;
    }
  }
  return ZOMBIE;
}

function releasePy2Frame(vm: Vm, code: CodeObject, frame: ObjId): void {
  if (frame === ZOMBIE) code.zombieBusy = false;
  else vm.decref(frame);
}

/**
 * A Python 2 frame object (PyFrame_New): the GC counts it unless it comes from the frame
 * free list. A zombie frame stays with its code object for good, untracked.
 */
export function allocFrameObject(vm: Vm, code: CodeObject, zombie: boolean): ObjId {
  const size = vm.memory.sizes.frame;
  const obj = vm.alloc(vm.t.frame, size.basic + (size.perItem ?? vm.wordBytes) * (code.nlocals + code.stackSize));
  if (zombie) {
    vm.heap.untrack(obj);
    vm.heap.refcnt[obj] = 1 << 29;
  }
  return obj;
}

function releaseLocals(vm: Vm, locals: ObjId[]): void {
  const heap = vm.heap;
  for (let i = 0; i < locals.length; i++) {
    const v = locals[i]!;
    if (v !== NULL_REF) {
      locals[i] = NULL_REF;
      heap.decref(v);
    }
  }
}

function tooMany(vm: Vm, name: string, nparams: number, ndefaults: number, given: number): string {
  if (vm.py2) {
    const kind = ndefaults > 0 ? 'at most' : 'exactly';
    return `${name}() takes ${kind} ${nparams} argument${nparams === 1 ? '' : 's'} (${given} given)`;
  }
  const range = ndefaults > 0 ? `from ${nparams - ndefaults} to ${nparams}` : `${nparams}`;
  return `${name}() takes ${range} positional argument${nparams === 1 && ndefaults === 0 ? '' : 's'} but ${given} ${given === 1 ? 'was' : 'were'} given`;
}

function missing(vm: Vm, name: string, params: string[], p: number, firstDefault: number, given: number): string {
  if (vm.py2) {
    const kind = firstDefault < params.length ? 'at least' : 'exactly';
    return `${name}() takes ${kind} ${firstDefault} argument${firstDefault === 1 ? '' : 's'} (${given} given)`;
  }
  const absent = params.slice(p, firstDefault);
  const names = absent.map((n) => `'${n}'`);
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  return `${name}() missing ${absent.length} required positional argument${absent.length === 1 ? '' : 's'}: ${list}`;
}

/** A cell holding `value` (stolen when `steal`, else borrowed). */
export function newCell(vm: Vm, value: ObjId, steal: boolean): ObjId {
  const c = vm.alloc(vm.t.cell, vm.memory.sizes.cell.basic);
  if (!vm.heap.pushRef(c, value)) {
    vm.decref(c);
    vm.raiseMemoryError();
  }
  if (steal && value !== NULL_REF) vm.decref(value);
  return c;
}

export function cellGet(vm: Vm, cell: ObjId): ObjId {
  const heap = vm.heap;
  return heap.edgeLen[cell]! === 0 ? NULL_REF : heap.edges.data[heap.edgeStart[cell]!]!;
}

export function cellSet(vm: Vm, cell: ObjId, value: ObjId): void {
  if (vm.heap.edgeLen[cell]! === 0) {
    if (!vm.heap.pushRef(cell, value)) vm.raiseMemoryError();
  } else vm.heap.setRef(cell, 0, value);
}

/** isinstance's test against a class or a tuple of classes (2.x: nested tuples too). */
export function matchesClass(vm: Vm, obj: ObjId, spec: ObjId): boolean {
  const t = vm.heap.typeOf[spec]!;
  if (t === vm.t.tuple) return vm.items(spec).some((c) => matchesClass(vm, obj, c));
  if (t !== vm.t.class) vm.raise('TypeError', 'isinstance() arg 2 must be a type or tuple of types');
  return isInstance(vm, obj, spec);
}

export { isInstanceType };

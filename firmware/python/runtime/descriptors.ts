// property, staticmethod and classmethod: CPython's descriptor objects, as heap objects of
// their CPython sizes. Each is a GC-tracked container holding its functions as references
// (property: fget, fset, fdel, doc; staticmethod and classmethod: the callable and, 3.10+,
// the __dict__ functools.wraps-style copying fills), so that a cycle through a class, its
// property and a function's defaults frees the objects CPython's collector frees.
//
// Lookup (objects.ts asks this module): on a new-style instance a property on the class wins
// over the instance's own attribute (a data descriptor); functions, staticmethods and
// classmethods come after it. Classic instances (2.x) look in their own dict first and only
// then apply a class attribute's __get__, and never its __set__: a property's getter runs
// but storing the attribute writes the instance dict, as CPython 2 does.
//
// installDescriptors also makes the classes of these objects and of slice objects (slices.ts).

import { NULL_REF, type ObjId } from '../../memory/index.js';
import type { DictTable } from './dict-table.js';
import { dictEntries, dictGetStr, dictSetStr, newDict } from './dicts.js';
import { callObject, constructors, intern, lookupClassAttr, makeClass, newBoundMethod, newBuiltinMethod, typeMethods, type TypeMethods } from './objects.js';
import { extraTypes, extraTypesIfRegistered, registerExtraTypes, type ExtraTypes } from './extra-types.js';
import { installSlices, sliceAttr, sliceSetAttr } from './slices.js';
import type { BuiltinCall, BuiltinInfo, ClassInfo, FunctionInfo, KwArgs, Vm } from './vm.js';

/** What a property knows beyond its four references. */
interface PropertyInfo {
  /** 3.10+ prop_name: set by __set_name__ when a class is made with the property in its body. */
  name: string | null;
  /** The doc is the getter's docstring (2.5+): read from fget when asked, as CPython shares it. */
  getterDoc: boolean;
}

/** A built-in method stored in a built-in class that binds to the class (int.from_bytes). */
export interface ClassBuiltinInfo extends BuiltinInfo {
  classMethod?: boolean;
}

/** References of a property object. */
const FGET = 0;
const FSET = 1;
const FDEL = 2;
const DOC = 3;

// ---- sizes (the struct without its GC head, which the heap adds) ----

/** propertyobject: four pointers, 2.5+ the getter_doc int, 3.10+ prop_name. */
function propertyBytes(vm: Vm): number {
  const w = vm.wordBytes;
  const getterDoc = !vm.py2 || vm.version.minor >= 5;
  const name = !vm.py2 && vm.version.minor >= 10;
  return 6 * w + (getterDoc ? w : 0) + (name ? w : 0);
}

/** staticmethod / classmethod: the callable, and in 3.x a __dict__ pointer. */
function wrapperBytes(vm: Vm): number {
  return (vm.py2 ? 3 : 4) * vm.wordBytes;
}

// ---- installation ----

/** Registers the types, makes the classes property, staticmethod, classmethod and slice, and their constructors. */
export function installDescriptors(vm: Vm): void {
  const types = registerExtraTypes(vm);
  const make = (name: string): ObjId => {
    const ns = newDict(vm);
    const cls = makeClass(vm, name, vm.classes.get('object')!, ns, { builtin: name, module: '__builtin__' });
    vm.decref(ns);
    vm.heap.refcnt[cls] = 1 << 29;
    vm.classes.set(name, cls);
    vm.builtins.set(name, cls);
    return cls;
  };
  vm.classByType[types.property] = make('property');
  vm.classByType[types.staticmethod] = make('staticmethod');
  vm.classByType[types.classmethod] = make('classmethod');
  vm.classByType[types.slice] = make('slice');
  // A class statement's `__dict__` / `__weakref__` descriptors: a type without a builtin name.
  const getsetNs = newDict(vm);
  const getsetCls = makeClass(vm, 'getset_descriptor', vm.classes.get('object')!, getsetNs, { builtin: 'getset_descriptor', module: '__builtin__' });
  vm.decref(getsetNs);
  vm.heap.refcnt[getsetCls] = 1 << 29;
  vm.classes.set('<getset_descriptor>', getsetCls);
  vm.classByType[types.getset] = getsetCls;
  const ctor = constructors(vm);
  ctor.set('property', (vm, base, argc, kw) => {
    const [fget, fset, fdel, doc] = propertyArguments(vm, base, argc, kw);
    return newProperty(vm, fget, fset, fdel, doc);
  });
  for (const kind of ['staticmethod', 'classmethod'] as const) {
    ctor.set(kind, (vm, base, argc, kw) => {
      const noKeywords = () => {
        if (kw && kw.length > 0) vm.raise('TypeError', vm.py2 ? `${kind} does not take keyword arguments` : `${kind}() takes no keyword arguments`);
      };
      // 2.x unpacks the arguments first; 3.x refuses keywords first.
      if (!vm.py2) noKeywords();
      if (argc !== 1) vm.raise('TypeError', `${kind} expected 1 argument${vm.py2 ? 's' : ''}, got ${argc}`);
      noKeywords();
      return newWrapper(vm, kind === 'staticmethod' ? types.staticmethod : types.classmethod, vm.stack[base]!);
    });
  }
  installMethods(vm, types);
  installSlices(vm);
}

// ---- property ----

const PROPERTY_PARAMS = ['fget', 'fset', 'fdel', 'doc'];

/** property(fget=None, fset=None, fdel=None, doc=None): the four values (borrowed; NULL_REF when absent). */
function propertyArguments(vm: Vm, base: number, argc: number, kw: KwArgs | null): ObjId[] {
  const nkw = kw ? kw.length : 0;
  if (argc + nkw > 4) vm.raise('TypeError', `property() takes at most 4 arguments (${argc + nkw} given)`);
  const out = [NULL_REF, NULL_REF, NULL_REF, NULL_REF];
  for (let i = 0; i < argc; i++) out[i] = vm.stack[base + i]!;
  if (kw) {
    for (let i = 0; i < argc; i++) {
      if (kw.includes(PROPERTY_PARAMS[i]!)) {
        vm.raise('TypeError', vm.py2 ? `Argument given by name ('${PROPERTY_PARAMS[i]}') and position (${i + 1})` : `argument for property() given by name ('${PROPERTY_PARAMS[i]}') and position (${i + 1})`);
      }
    }
    kw.forEach((name, k) => {
      const i = PROPERTY_PARAMS.indexOf(name);
      if (i < 0) {
        if (vm.py2) vm.raise('TypeError', `'${name}' is an invalid keyword argument for this function`);
        vm.raise('TypeError', vm.version.minor >= 13 ? `property() got an unexpected keyword argument '${name}'` : `'${name}' is an invalid keyword argument for property()`);
      }
      out[i] = vm.stack[base + argc + k]!;
    });
  }
  return out;
}

/** A new property from borrowed fget, fset, fdel and doc (NULL_REF or None: absent). */
export function newProperty(vm: Vm, fget: ObjId, fset: ObjId, fdel: ObjId, doc: ObjId, name: string | null = null): ObjId {
  const types = extraTypes(vm);
  const none = (o: ObjId) => (o === vm.None ? NULL_REF : o);
  const p = vm.alloc(types.property, propertyBytes(vm));
  const getter = none(fget);
  const info: PropertyInfo = { name, getterDoc: false };
  // 3.13 names a property after its getter until __set_name__ names it.
  if (name === null && !vm.py2 && vm.version.minor >= 13 && getter !== NULL_REF && vm.heap.typeOf[getter] === vm.t.function) {
    info.name = (vm.data[getter] as FunctionInfo).name;
  }
  const docRef = none(doc);
  if (docRef === NULL_REF && getter !== NULL_REF && (!vm.py2 || vm.version.minor >= 5) && functionDoc(vm, getter) !== undefined) info.getterDoc = true;
  vm.data[p] = info;
  const heap = vm.heap;
  if (!heap.pushRef(p, getter) || !heap.pushRef(p, none(fset)) || !heap.pushRef(p, none(fdel)) || !heap.pushRef(p, docRef)) {
    vm.decref(p);
    vm.raiseMemoryError();
  }
  types.anyProperty = true;
  return p;
}

function functionDoc(vm: Vm, fn: ObjId): string | undefined {
  return vm.heap.typeOf[fn] === vm.t.function ? (vm.data[fn] as FunctionInfo).code.doc : undefined;
}

/** property.__doc__: the doc given, else the getter's docstring, else None (a new reference). */
function propertyDoc(vm: Vm, p: ObjId): ObjId {
  const info = vm.data[p] as PropertyInfo;
  if (info.getterDoc) {
    const doc = functionDoc(vm, vm.item(p, FGET));
    if (doc !== undefined) return vm.newStr(doc, !vm.py2);
  }
  const d = vm.item(p, DOC);
  if (d === NULL_REF) return vm.none();
  vm.incref(d);
  return d;
}

/** The property's getter called on `obj` (a new reference); AttributeError without a getter. */
export function propertyGet(vm: Vm, p: ObjId, obj: ObjId): ObjId {
  const fget = vm.item(p, FGET);
  if (fget === NULL_REF) missingAccessor(vm, p, obj, 'getter');
  return callWith(vm, fget, [obj]);
}

/** `obj.name = value` through the property's setter (value borrowed). */
export function propertySet(vm: Vm, p: ObjId, obj: ObjId, value: ObjId): void {
  const fset = vm.item(p, FSET);
  if (fset === NULL_REF) missingAccessor(vm, p, obj, 'setter');
  vm.decref(callWith(vm, fset, [obj, value]));
}

/** `del obj.name` through the property's deleter. */
export function propertyDelete(vm: Vm, p: ObjId, obj: ObjId): void {
  const fdel = vm.item(p, FDEL);
  if (fdel === NULL_REF) missingAccessor(vm, p, obj, 'deleter');
  vm.decref(callWith(vm, fdel, [obj]));
}

function missingAccessor(vm: Vm, p: ObjId, obj: ObjId, what: 'getter' | 'setter' | 'deleter'): never {
  if (vm.py2 || vm.version.minor < 11) {
    return vm.raise('AttributeError', what === 'getter' ? 'unreadable attribute' : what === 'setter' ? "can't set attribute" : "can't delete attribute");
  }
  const name = (vm.data[p] as PropertyInfo).name;
  const owner = `'${classQualname(vm, vm.classOf(obj))}'`;
  return vm.raise('AttributeError', name === null ? `property of ${owner} object has no ${what}` : `property '${name}' of ${owner} object has no ${what}`);
}

/** Calls `fn` with borrowed arguments; a new reference. */
function callWith(vm: Vm, fn: ObjId, args: ObjId[]): ObjId {
  const base = vm.sp;
  for (const a of args) {
    vm.incref(a);
    vm.push(a);
  }
  try {
    return callObject(vm, fn, base, args.length, null);
  } finally {
    vm.unwindTo(base);
  }
}

/**
 * property.getter/setter/deleter (2.6+): a copy with one function replaced (None keeps the
 * old one); the doc follows the new getter when it came from the old getter, and 3.10+ keeps the name.
 */
function propertyCopy(vm: Vm, old: ObjId, which: number, fn: ObjId): ObjId {
  const fns = [vm.item(old, FGET), vm.item(old, FSET), vm.item(old, FDEL)];
  if (fn !== vm.None && fn !== NULL_REF) fns[which] = fn;
  const info = vm.data[old] as PropertyInfo;
  const doc = info.getterDoc && fns[FGET] !== NULL_REF ? NULL_REF : vm.item(old, DOC);
  const p = newProperty(vm, fns[FGET]!, fns[FSET]!, fns[FDEL]!, doc);
  // 3.10+ copies the old name over whatever the new one got (3.13: its getter's).
  if (!vm.py2 && vm.version.minor >= 10) (vm.data[p] as PropertyInfo).name = info.name;
  return p;
}

// ---- staticmethod and classmethod ----

/** A staticmethod or classmethod around `callable` (borrowed). */
function newWrapper(vm: Vm, typeId: number, callable: ObjId): ObjId {
  const o = vm.alloc(typeId, wrapperBytes(vm));
  if (!vm.heap.pushRef(o, callable)) {
    vm.decref(o);
    vm.raiseMemoryError();
  }
  // 3.10+: __module__, __name__, __qualname__, __doc__ and __annotations__ are copied into
  // the wrapper's __dict__ (functools_wraps); a function makes its __annotations__ dict to give
  // it. A bound method gives its function's. (A built-in's, which has no __annotations__, are
  // not copied: an untracked dict of strings the device does not model.)
  let fn = callable;
  if (vm.heap.typeOf[fn] === vm.t.method) fn = vm.item(fn, 0);
  if (!vm.py2 && vm.version.minor >= 10 && vm.heap.typeOf[fn] === vm.t.function) {
    try {
      copyFunctionAttributes(vm, o, fn);
    } catch (e) {
      vm.decref(o);
      throw e;
    }
  }
  return o;
}

function copyFunctionAttributes(vm: Vm, o: ObjId, fn: ObjId): void {
  const info = vm.data[fn] as FunctionInfo;
  const set = (name: string, value: ObjId) => dictSetStr(vm, wrapperDict(vm, o), name, intern(vm, name), value);
  set('__module__', intern(vm, '__main__'));
  set('__name__', intern(vm, info.name));
  set('__qualname__', intern(vm, info.code.qualname ?? info.name));
  if (info.code.doc === undefined) set('__doc__', vm.None);
  else {
    const doc = vm.newStr(info.code.doc, true);
    try {
      set('__doc__', doc);
    } finally {
      vm.decref(doc);
    }
  }
  set('__annotations__', functionAnnotations(vm, fn));
}

/** The wrapper's __dict__ (borrowed), made on first use. */
function wrapperDict(vm: Vm, o: ObjId): ObjId {
  const heap = vm.heap;
  if (heap.edgeLen[o]! > 1) return vm.item(o, 1);
  const d = newDict(vm);
  const ok = heap.pushRef(o, d);
  vm.decref(d);
  if (!ok) vm.raiseMemoryError();
  return d;
}

/** A 3.x function's __annotations__ (borrowed): an empty dict the function makes and keeps on first request. */
function functionAnnotations(vm: Vm, fn: ObjId): ObjId {
  const info = vm.data[fn] as FunctionInfo & { annotations?: ObjId };
  if (info.annotations !== undefined) return info.annotations;
  const d = newDict(vm);
  const ok = vm.heap.pushRef(fn, d);
  vm.decref(d);
  if (!ok) vm.raiseMemoryError();
  info.annotations = d;
  return d;
}

// ---- binding: what a class attribute becomes when looked up ----

/**
 * What the class attribute `v` (borrowed) gives when looked up through `obj` (NULL_REF when
 * looked up on the class itself) of class `cls`, for the objects of this module: a
 * staticmethod its callable, a classmethod its callable bound to the class, a property its
 * getter's result (itself on the class); anything else `v` itself. A new reference.
 */
export function bindDescriptor(vm: Vm, v: ObjId, obj: ObjId, cls: ObjId): ObjId {
  const t = vm.heap.typeOf[v]!;
  const types = extraTypes(vm);
  if (t === types.staticmethod) {
    const f = vm.item(v, 0);
    vm.incref(f);
    return f;
  }
  if (t === types.classmethod) return newBoundMethod(vm, vm.item(v, 0), cls);
  if (t === types.property && obj !== NULL_REF) return propertyGet(vm, v, obj);
  if (t === vm.t['builtin-method'] && (vm.data[v] as ClassBuiltinInfo).classMethod === true) {
    const info = vm.data[v] as BuiltinInfo;
    return newBuiltinMethod(vm, info.name, info.call, cls);
  }
  vm.incref(v);
  return v;
}

/**
 * The property (borrowed) that takes `name` on instances of `cls` before their own attributes,
 * or NULL_REF. Cheap for names no property was ever stored under.
 */
export function dataDescriptor(vm: Vm, cls: ObjId, name: string): ObjId {
  const types = extraTypes(vm);
  if (!types.propertyNames.has(name)) return NULL_REF;
  const v = lookupClassAttr(vm, cls, name);
  return v !== NULL_REF && vm.heap.typeOf[v] === types.property ? v : NULL_REF;
}

/** dataDescriptor for an instance: the class is looked up only for names a property was stored under. */
export function instanceDataDescriptor(vm: Vm, obj: ObjId, name: string): ObjId {
  if (!extraTypes(vm).propertyNames.has(name)) return NULL_REF;
  return dataDescriptor(vm, vm.classOf(obj), name);
}

/**
 * Whether an instance value of `cls` under one of its 3.11+ shared keys is shadowed by a
 * property of the class: compiled attribute caches must not read or write that slot directly.
 */
export function sharedKeyShadowed(vm: Vm, cls: ObjId, name?: string): boolean {
  const types = extraTypes(vm);
  if (types.propertyNames.size === 0) return false;
  if (name !== undefined) return dataDescriptor(vm, cls, name) !== NULL_REF;
  const keys = vm.classInfo(cls).sharedKeys;
  if (keys === null) return false;
  for (const key of keys.keys()) if (dataDescriptor(vm, cls, key) !== NULL_REF) return true;
  return false;
}

/** Records a value stored in a class namespace under `name` (properties: their names). */
export function noteClassAttribute(vm: Vm, name: string, value: ObjId): void {
  const types = extraTypes(vm);
  if (vm.heap.typeOf[value] === types.property) types.propertyNames.add(name);
}

/**
 * A class was made from `namespace`: its properties' names are recorded, and 3.10+ names each
 * property (property.__set_name__, which type creation calls). 3.x classes also remember the
 * qualified name of the function they were made in, for messages that name the class.
 */
export function noteNewClass(vm: Vm, cls: ObjId, namespace: ObjId): void {
  if (!vm.py2) {
    const code = vm.frame?.code;
    (vm.data[cls] as ClassInfo & QualnameHint).outerQualname = code !== undefined && code.kind === 'function' ? code.qualname ?? code.name : null;
  }
  // Built-in classes are made before the types are registered.
  const types = extraTypesIfRegistered(vm);
  if (types === undefined || !types.anyProperty) return;
  const setName = !vm.py2 && vm.version.minor >= 10;
  const entries = dictEntries(vm, namespace);
  for (let i = 0; i < entries.length; i += 2) {
    const v = entries[i + 1]!;
    if (vm.heap.typeOf[v] !== types.property) continue;
    const key = vm.data[entries[i]!];
    if (typeof key !== 'string') continue;
    types.propertyNames.add(key);
    if (setName) (vm.data[v] as PropertyInfo).name = key;
  }
}

interface QualnameHint {
  /** 3.x: the qualified name of the function whose frame made the class (null at module level). */
  outerQualname?: string | null;
}

/**
 * A class's __qualname__ for 3.x messages: from a function defined in its body when there is
 * one (its qualified name less its own name), else from the function the class was made in.
 */
export function classQualname(vm: Vm, cls: ObjId): string {
  const info = vm.classInfo(cls);
  if (info.builtin !== '') return info.name;
  const entries = dictEntries(vm, info.dict);
  for (let i = 1; i < entries.length; i += 2) {
    for (const fn of wrappedFunctions(vm, entries[i]!)) {
      const code = (vm.data[fn] as FunctionInfo).code;
      const q = code.qualname;
      if (q === undefined || !q.endsWith(`.${code.name}`)) continue;
      const owner = q.slice(0, q.length - code.name.length - 1);
      if (owner === info.name || owner.endsWith(`.${info.name}`)) return owner;
    }
  }
  const outer = (info as ClassInfo & QualnameHint).outerQualname;
  return outer ? `${outer}.<locals>.${info.name}` : info.name;
}

/** The functions a class attribute holds: itself, or a staticmethod's, classmethod's or property's. */
export function wrappedFunctions(vm: Vm, v: ObjId): ObjId[] {
  const t = vm.heap.typeOf[v]!;
  if (t === vm.t.function) return [v];
  const types = extraTypes(vm);
  const out: ObjId[] = [];
  if (t === types.staticmethod || t === types.classmethod) out.push(vm.item(v, 0));
  else if (t === types.property) out.push(vm.item(v, FGET), vm.item(v, FSET), vm.item(v, FDEL));
  return out.filter((f) => f !== NULL_REF && vm.heap.typeOf[f] === vm.t.function);
}

/** Whether a staticmethod, classmethod or property (borrowed) holds a function running `code`. */
export function wrapsCode(vm: Vm, v: ObjId, code: FunctionInfo['code']): boolean {
  const t = vm.heap.typeOf[v]!;
  const types = extraTypes(vm);
  if (t !== types.staticmethod && t !== types.classmethod && t !== types.property) return false;
  return wrappedFunctions(vm, v).some((fn) => (vm.data[fn] as FunctionInfo).code === code);
}

/** 3.10+: a staticmethod is callable (its callable, borrowed); NULL_REF otherwise. */
export function staticCallable(vm: Vm, o: ObjId): ObjId {
  if (vm.py2 || vm.version.minor < 10 || vm.heap.typeOf[o] !== extraTypes(vm).staticmethod) return NULL_REF;
  return vm.item(o, 0);
}

// ---- the objects' own attributes and methods ----

/** An attribute of a property, staticmethod, classmethod or slice object (a new reference), or NULL_REF. */
export function descriptorAttr(vm: Vm, o: ObjId, t: number, name: string): ObjId {
  const types = extraTypes(vm);
  if (t === types.slice) return sliceAttr(vm, o, name);
  const ret = (v: ObjId) => {
    if (v === NULL_REF) return vm.none();
    vm.incref(v);
    return v;
  };
  if (t === types.property) {
    if (name === 'fget') return ret(vm.item(o, FGET));
    if (name === 'fset') return ret(vm.item(o, FSET));
    if (name === 'fdel') return ret(vm.item(o, FDEL));
    if (name === '__doc__') return propertyDoc(vm, o);
    return NULL_REF;
  }
  if (t !== types.staticmethod && t !== types.classmethod) return NULL_REF;
  // __func__ arrived in 2.7 (and 3.1), __wrapped__ in 3.10.
  if (name === '__func__' && (!vm.py2 || vm.version.minor >= 7)) return ret(vm.item(o, 0));
  if (vm.py2) return NULL_REF;
  if (name === '__wrapped__' && vm.version.minor >= 10) return ret(vm.item(o, 0));
  if (name === '__dict__') return ret(wrapperDict(vm, o));
  if (vm.heap.edgeLen[o]! > 1) {
    const d = vm.item(o, 1);
    const v = dictGetStr(vm, d, vm.data[d] as DictTable, name);
    if (v !== NULL_REF) return ret(v);
  }
  return NULL_REF;
}

/**
 * Stores an attribute on one of these objects: 3.x wrappers take any into their __dict__;
 * the members are read-only (TypeError on 2.x, AttributeError on 3.x). False when the
 * object is not of this module.
 */
export function descriptorSetAttr(vm: Vm, o: ObjId, name: string, value: ObjId): boolean {
  const types = extraTypes(vm);
  const t = vm.heap.typeOf[o]!;
  if (t === types.slice) return sliceSetAttr(vm, name);
  const readonly = () => vm.raise(vm.py2 ? 'TypeError' : 'AttributeError', 'readonly attribute');
  if (t === types.property) {
    if (name === '__doc__' && !vm.py2) {
      vm.heap.setRef(o, DOC, value === vm.None ? NULL_REF : value);
      (vm.data[o] as PropertyInfo).getterDoc = false;
      return true;
    }
    if (name === 'fget' || name === 'fset' || name === 'fdel' || name === '__doc__') readonly();
    return false;
  }
  if (t === types.staticmethod || t === types.classmethod) {
    if (name === '__func__' && (!vm.py2 || vm.version.minor >= 7)) readonly();
    if (vm.py2) return false;
    if (name === '__wrapped__' && vm.version.minor >= 10) readonly();
    dictSetStr(vm, wrapperDict(vm, o), name, intern(vm, name), value);
    return true;
  }
  return false;
}

function installMethods(vm: Vm, types: ExtraTypes): void {
  const table = typeMethods(vm);
  const arity = (name: string, argc: number, min: number, max: number, kw: KwArgs | null) => {
    if (kw && kw.length > 0) vm.raise('TypeError', `${name}() takes no keyword arguments`);
    if (argc < min) vm.raise('TypeError', `expected ${min} argument${min === 1 ? '' : 's'}, got ${argc}`);
    if (argc > max) vm.raise('TypeError', `expected at most ${max} arguments, got ${argc}`);
  };
  const arg = (base: number, i: number, argc: number) => (i < argc ? vm.stack[base + i]! : vm.None);
  const property: TypeMethods = new Map<string, BuiltinCall>();
  property.set('__get__', (vm, base, argc, kw, self) => {
    arity('__get__', argc, 1, 2, kw);
    const obj = vm.stack[base]!;
    if (obj === vm.None) {
      vm.incref(self);
      return self;
    }
    return propertyGet(vm, self, obj);
  });
  property.set('__set__', (vm, base, argc, kw, self) => {
    arity('__set__', argc, 2, 2, kw);
    propertySet(vm, self, vm.stack[base]!, vm.stack[base + 1]!);
    return vm.none();
  });
  property.set('__delete__', (vm, base, argc, kw, self) => {
    arity('__delete__', argc, 1, 1, kw);
    propertyDelete(vm, self, vm.stack[base]!);
    return vm.none();
  });
  if (!vm.py2 || vm.version.minor >= 6) {
    (['getter', 'setter', 'deleter'] as const).forEach((name, which) => {
      property.set(name, (vm, base, argc, kw, self) => {
        if (kw && kw.length > 0) vm.raise('TypeError', `${name}() takes no keyword arguments`);
        if (argc !== 1) vm.raise('TypeError', vm.py2 ? `${name}() takes exactly one argument (${argc} given)` : `property.${name}() takes exactly one argument (${argc} given)`);
        return propertyCopy(vm, self, which, vm.stack[base]!);
      });
    });
  }
  table[types.property] = property;
  const wrapperGet = (bindClass: boolean): BuiltinCall => (vm, base, argc, kw, self) => {
    arity('__get__', argc, 1, 2, kw);
    const obj = arg(base, 0, argc);
    let type = arg(base, 1, argc);
    if (obj === vm.None && type === vm.None) vm.raise('TypeError', '__get__(None, None) is invalid');
    const f = vm.item(self, 0);
    if (!bindClass) {
      vm.incref(f);
      return f;
    }
    if (type === vm.None) type = vm.classOf(obj);
    return newBoundMethod(vm, f, type);
  };
  table[types.staticmethod] = new Map([['__get__', wrapperGet(false)]]);
  table[types.classmethod] = new Map([['__get__', wrapperGet(true)]]);
}

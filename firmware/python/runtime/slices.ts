// slice objects: slice([start,] stop[, step]) as a heap object holding its three values
// (None where absent), usable as a subscript (lst[slice(1, 5, 2)]) and passed to the
// __getitem__/__setitem__/__delitem__ of a class when one of its instances is sliced.
// 2.7 and 3.x slices are GC-tracked (2.4 and 2.6 made them with PyObject_New); 3.x keeps
// the last freed one for the next (the heap type's one-entry free list, see descriptors.ts).
// Python 2 slices a class that defines __getslice__ (and a classic instance always) through
// the simple-slice protocol: integer bounds, 0 and sys.maxint for missing ones, negative ones
// counted from len().

import { NULL_REF, type ObjId } from '../../memory/index.js';
import { extraTypes } from './extra-types.js';
import { callObject, constructors, getAttr, lookupClassAttr, typeMethods } from './objects.js';
import type { SliceSpec } from './sequences.js';
import type { KwArgs, Vm } from './vm.js';

function isIntType(vm: Vm, t: number): boolean {
  return t === vm.t.int || t === vm.t.long;
}

/** start, stop, step: a slice object's references. */
const START = 0;
const STOP = 1;
const STEP = 2;

export function installSlices(vm: Vm): void {
  constructors(vm).set('slice', (vm, base, argc, kw) => {
    if (kw && kw.length > 0) vm.raise('TypeError', vm.py2 ? 'slice() does not take keyword arguments' : 'slice() takes no keyword arguments');
    if (argc < 1) vm.raise('TypeError', `slice expected at least 1 argument${vm.py2 ? 's' : ''}, got ${argc}`);
    if (argc > 3) vm.raise('TypeError', `slice expected at most 3 arguments, got ${argc}`);
    const a = (i: number) => (i < argc ? vm.stack[base + i]! : NULL_REF);
    // slice(stop): the one argument is the stop, as in range().
    return argc === 1 ? newSlice(vm, NULL_REF, a(0), NULL_REF) : newSlice(vm, a(0), a(1), a(2));
  });
  typeMethods(vm)[extraTypes(vm).slice] = new Map([['indices', (vm: Vm, base: number, argc: number, kw: KwArgs | null, self: ObjId) => {
    if (kw && kw.length > 0) vm.raise('TypeError', `${vm.py2 ? '' : 'slice.'}indices() takes no keyword arguments`);
    if (argc !== 1) vm.raise('TypeError', `${vm.py2 ? '' : 'slice.'}indices() takes exactly one argument (${argc} given)`);
    return sliceIndicesTuple(vm, self, vm.stack[base]!);
  }]]);
  // CPython starts with a slice in its cache: the script's first one is not a new GC object either.
  if (!vm.py2) vm.decref(newSlice(vm, NULL_REF, NULL_REF, NULL_REF));
}

/** A new slice of borrowed bounds (NULL_REF: None). */
export function newSlice(vm: Vm, start: ObjId, stop: ObjId, step: ObjId): ObjId {
  const s = vm.alloc(extraTypes(vm).slice, 5 * vm.wordBytes);
  const heap = vm.heap;
  const v = (o: ObjId) => (o === NULL_REF ? vm.None : o);
  if (!heap.pushRef(s, v(start)) || !heap.pushRef(s, v(stop)) || !heap.pushRef(s, v(step))) {
    vm.decref(s);
    vm.raiseMemoryError();
  }
  return s;
}

export function isSlice(vm: Vm, o: ObjId): boolean {
  return vm.heap.typeOf[o] === extraTypes(vm).slice;
}

/** What a slice object selects, as the compiler's slices do (borrowed). */
export function sliceSpecOf(vm: Vm, s: ObjId): SliceSpec {
  return { lower: vm.item(s, START), upper: vm.item(s, STOP), step: vm.item(s, STEP) };
}

/** slice.start, .stop, .step (new references), or NULL_REF. */
export function sliceAttr(vm: Vm, s: ObjId, name: string): ObjId {
  const i = name === 'start' ? START : name === 'stop' ? STOP : name === 'step' ? STEP : -1;
  if (i < 0) return NULL_REF;
  const v = vm.item(s, i);
  vm.incref(v);
  return v;
}

/** Stores to a slice's members: read-only (TypeError on 2.x, AttributeError on 3.x); false for other names. */
export function sliceSetAttr(vm: Vm, name: string): boolean {
  if (name === 'start' || name === 'stop' || name === 'step') vm.raise(vm.py2 ? 'TypeError' : 'AttributeError', 'readonly attribute');
  return false;
}

const INDEX_ERROR = 'slice indices must be integers or None or have an __index__ method';

/** slice.indices(length): (start, stop, step) resolved against a length, exactly as each version does. */
function sliceIndicesTuple(vm: Vm, s: ObjId, lengthObj: ObjId): ObjId {
  const isInt = (o: ObjId) => isIntType(vm, vm.heap.typeOf[o]!);
  const big = (o: ObjId) => BigInt(vm.data[o] as number | bigint);
  let out: bigint[];
  if (vm.py2) {
    // PySlice_GetIndicesEx on Py_ssize_t: bounds clamped to the word, the length must fit it.
    const max = vm.maxShortBig;
    if (!isInt(lengthObj)) vm.raise('TypeError', `'${vm.typeNameOf(lengthObj)}' object cannot be interpreted as an index`);
    const length = big(lengthObj);
    if (length > max || length < -max - 1n) vm.raise('OverflowError', `cannot fit '${vm.typeNameOf(lengthObj)}' into an index-sized integer`);
    const index = (o: ObjId): bigint => {
      if (!isInt(o)) vm.raise('TypeError', INDEX_ERROR);
      const v = big(o);
      return v > max ? max : v < -max - 1n ? -max - 1n : v;
    };
    let step = 1n;
    const stepObj = vm.item(s, STEP);
    if (stepObj !== vm.None) {
      step = index(stepObj);
      if (step === 0n) vm.raise('ValueError', 'slice step cannot be zero');
      if (step < -max) step = -max;
    }
    // Py_ssize_t arithmetic: a missing stop (PY_SSIZE_T_MIN) plus a negative length wraps, as in C.
    const bits = vm.wordBytes * 8;
    const adjust = (v: bigint): bigint => {
      if (v < 0n) {
        v = BigInt.asIntN(bits, v + length);
        if (v < 0n) v = step < 0n ? -1n : 0n;
      } else if (v >= length) v = step < 0n ? length - 1n : length;
      return v;
    };
    const startObj = vm.item(s, START);
    const stopObj = vm.item(s, STOP);
    if (vm.version.minor >= 7) {
      // 2.7 (PySlice_Unpack, then PySlice_AdjustIndices): a missing bound is the word's end, then clamped.
      const start = startObj === vm.None ? (step < 0n ? max : 0n) : index(startObj);
      const stop = stopObj === vm.None ? (step < 0n ? -max - 1n : max) : index(stopObj);
      out = [adjust(start), adjust(stop), step];
    } else {
      // 2.4-2.6: a missing bound is taken as is.
      const bound = (o: ObjId, dflt: bigint): bigint => (o === vm.None ? dflt : adjust(index(o)));
      out = [bound(startObj, step < 0n ? length - 1n : 0n), bound(stopObj, step < 0n ? -1n : length), step];
    }
  } else {
    // _PySlice_GetLongIndices: exact integers.
    if (!isInt(lengthObj)) vm.raise('TypeError', `'${vm.typeNameOf(lengthObj)}' object cannot be interpreted as an integer`);
    const length = big(lengthObj);
    if (length < 0n) vm.raise('ValueError', 'length should not be negative');
    const index = (o: ObjId): bigint => {
      if (!isInt(o)) vm.raise('TypeError', INDEX_ERROR);
      return big(o);
    };
    const stepObj = vm.item(s, STEP);
    const step = stepObj === vm.None ? 1n : index(stepObj);
    if (step === 0n) vm.raise('ValueError', 'slice step cannot be zero');
    const lower = step < 0n ? -1n : 0n;
    const upper = step < 0n ? length - 1n : length;
    const bound = (o: ObjId, dflt: bigint): bigint => {
      if (o === vm.None) return dflt;
      let v = index(o);
      if (v < 0n) {
        v += length;
        if (v < lower) v = lower;
      } else if (v > upper) v = upper;
      return v;
    };
    out = [bound(vm.item(s, START), step < 0n ? upper : lower), bound(vm.item(s, STOP), step < 0n ? lower : upper), step];
  }
  return vm.newTupleOwned(out.map((v) => vm.newBigInt(v)));
}

/**
 * `obj[lower:upper:step]` read, stored or deleted on an instance of a class: a slice object
 * passed to __getitem__ / __setitem__ / __delitem__, or on Python 2 the simple-slice protocol
 * (see the top of this file). `value` is the stored value (borrowed) for 'set'. A new
 * reference for 'get', NULL_REF otherwise.
 */
export function sliceInstance(vm: Vm, obj: ObjId, s: SliceSpec, op: 'get' | 'set' | 'del', value: ObjId = NULL_REF): ObjId {
  const cls = vm.classOf(obj);
  const item = op === 'get' ? '__getitem__' : op === 'set' ? '__setitem__' : '__delitem__';
  const args: ObjId[] = [];
  const owned: ObjId[] = [];
  try {
    let method = item;
    const simpleIndex = (o: ObjId) => o === NULL_REF || isIntType(vm, vm.heap.typeOf[o]!);
    if (vm.py2 && s.step === NULL_REF && simpleIndex(s.lower) && simpleIndex(s.upper)) {
      const simple = op === 'get' ? '__getslice__' : op === 'set' ? '__setslice__' : '__delslice__';
      const hasSimple = lookupClassAttr(vm, cls, simple) !== NULL_REF;
      const classic = vm.heap.typeOf[obj] === vm.t['classic-instance'];
      if (hasSimple || classic) {
        const [i, j] = simpleBounds(vm, obj, s, classic || lookupClassAttr(vm, cls, '__len__') !== NULL_REF);
        const lo = vm.newBigInt(i);
        owned.push(lo);
        const hi = vm.newBigInt(j);
        owned.push(hi);
        if (hasSimple) {
          method = simple;
          args.push(lo, hi);
        } else {
          const sl = newSlice(vm, lo, hi, NULL_REF);
          owned.push(sl);
          args.push(sl);
        }
      }
    }
    if (args.length === 0) {
      const sl = newSlice(vm, s.lower, s.upper, s.step);
      owned.push(sl);
      args.push(sl);
    }
    if (op === 'set') args.push(value);
    if (lookupClassAttr(vm, cls, method) === NULL_REF && vm.heap.typeOf[obj] === vm.t.instance) {
      // New-style: the slot is missing, as for any subscript of an object without it.
      if (op === 'get') return vm.raise('TypeError', vm.py2 ? `'${vm.typeNameOf(obj)}' object ${vm.version.minor >= 7 ? "has no attribute '__getitem__'" : 'is unsubscriptable'}` : `'${vm.typeNameOf(obj)}' object is not subscriptable`);
      return vm.raise('TypeError', op === 'set' ? `'${vm.typeNameOf(obj)}' object does not support item assignment` : `'${vm.typeNameOf(obj)}' object doesn't support item deletion`);
    }
    const m = getAttr(vm, obj, method);
    const base = vm.sp;
    vm.push(m);
    for (const a of args) {
      vm.incref(a);
      vm.push(a);
    }
    let r: ObjId;
    try {
      r = callObject(vm, m, base + 1, args.length, null);
    } finally {
      vm.unwindTo(base);
    }
    if (op === 'get') return r;
    vm.decref(r);
    return NULL_REF;
  } finally {
    for (const o of owned) vm.decref(o);
  }
}

/** Python 2's simple-slice bounds: missing ones 0 and sys.maxint, clamped to the word, negative ones plus len(obj) when it has a length. */
function simpleBounds(vm: Vm, obj: ObjId, s: SliceSpec, hasLength: boolean): [bigint, bigint] {
  const max = vm.maxShortBig;
  const bound = (o: ObjId, dflt: bigint): bigint => {
    if (o === NULL_REF) return dflt;
    const v = BigInt(vm.data[o] as number | bigint);
    return v > max ? max : v < -max - 1n ? -max - 1n : v;
  };
  let i = bound(s.lower, 0n);
  let j = bound(s.upper, max);
  if ((i < 0n || j < 0n) && hasLength) {
    const n = instanceLength(vm, obj);
    if (i < 0n) i += n;
    if (j < 0n) j += n;
  }
  return [i, j];
}

/** len() of an instance through its __len__ (a classic instance without one: AttributeError, or its __getattr__'s). */
function instanceLength(vm: Vm, obj: ObjId): bigint {
  return callLength(vm, getAttr(vm, obj, '__len__'));
}

function callLength(vm: Vm, m: ObjId): bigint {
  const base = vm.sp;
  vm.push(m);
  let r: ObjId;
  try {
    r = callObject(vm, m, base + 1, 0, null);
  } finally {
    vm.unwindTo(base);
  }
  try {
    if (!isIntType(vm, vm.heap.typeOf[r]!)) vm.raise('TypeError', 'an integer is required');
    const n = BigInt(vm.data[r] as number | bigint);
    if (n < 0n) vm.raise('ValueError', '__len__() should return >= 0');
    return n;
  } finally {
    vm.decref(r);
  }
}

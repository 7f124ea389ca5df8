// Subscripts, slices, len() and iteration. Iterators are heap objects as in CPython
// (list, tuple, dict and str iterators are GC-tracked and count toward generation 0;
// range iterators are not), each holding a reference to what it walks.

import { NULL_REF, type ObjId } from '../../memory/index.js';
import type { DictTable } from './dict-table.js';
import { dictDelete, dictEntries, dictGet, dictSet, dictSize } from './dicts.js';
import { callObject, getAttrOrNull, instanceSet, lookupClassAttr } from './objects.js';
import { callMethod1, callMethodNoArgs, installIteration, isIntType, listFrom, numberOf, truthy } from './ops.js';
import { PyException } from './errors.js';
import { reprOf } from './text.js';
import { bytesLikeText, bytesOfText, chargeByteArray, newByteArray } from './bytes.js';
import { isSlice, sliceInstance, sliceSpecOf } from './slices.js';
import type { Vm } from './vm.js';

// ---- indices and slices ----

export interface SliceSpec {
  lower: ObjId;
  upper: ObjId;
  step: ObjId;
}

/** An int index (CPython's __index__ for the built-in integer types). */
export function indexValue(vm: Vm, obj: ObjId, what: string): number {
  const t = vm.heap.typeOf[obj]!;
  if (isIntType(vm, t)) return Number(vm.data[obj] as number | bigint);
  return vm.raise('TypeError', what);
}

function normIndex(vm: Vm, i: number, n: number, kind: string): number {
  const j = i < 0 ? i + n : i;
  if (j < 0 || j >= n) vm.raise('IndexError', `${kind} index out of range`);
  return j;
}

/** Resolves a slice against a length (PySlice_GetIndicesEx): start, stop, step, count. */
export function sliceIndices(vm: Vm, s: SliceSpec, n: number): [number, number, number, number] {
  const num = (o: ObjId, dflt: number) => (o === NULL_REF || o === vm.None ? dflt : indexValue(vm, o, 'slice indices must be integers or None or have an __index__ method'));
  const step = num(s.step, 1);
  if (step === 0) vm.raise('ValueError', 'slice step cannot be zero');
  let start = num(s.lower, step < 0 ? n - 1 : 0);
  let stop = num(s.upper, step < 0 ? -n - 1 : n);
  if (start < 0) start = Math.max(start + n, step < 0 ? -1 : 0);
  else if (start >= n) start = step < 0 ? n - 1 : n;
  if (stop < 0) stop = Math.max(stop + n, step < 0 ? -1 : 0);
  else if (stop >= n) stop = step < 0 ? n - 1 : n;
  const count = step > 0 ? Math.max(0, Math.ceil((stop - start) / step)) : Math.max(0, Math.ceil((start - stop) / -step));
  return [start, stop, step, count];
}

function sliceOf<T>(items: T[], start: number, step: number, count: number): T[] {
  const out: T[] = [];
  for (let i = 0, j = start; i < count; i++, j += step) out.push(items[j]!);
  return out;
}

// ---- subscripts ----

export function getItem(vm: Vm, obj: ObjId, key: ObjId): ObjId {
  const heap = vm.heap;
  const t = heap.typeOf[obj]!;
  const tt = vm.t;
  if (t === tt.list || t === tt.tuple) {
    const kt = heap.typeOf[key]!;
    if (kt === tt.int) {
      const n = heap.edgeLen[obj]!;
      const v = vm.item(obj, normIndex(vm, vm.data[key] as number, n, t === tt.list ? 'list' : 'tuple'));
      vm.incref(v);
      return v;
    }
    if (isSlice(vm, key)) return getSlice(vm, obj, sliceSpecOf(vm, key));
    return vm.raise('TypeError', `${t === tt.list ? 'list' : 'tuple'} indices must be integers${vm.py2 ? '' : ' or slices'}, not ${vm.typeNameOf(key)}`);
  }
  if (t === tt.dict) {
    const v = dictGet(vm, obj, key);
    if (v === NULL_REF) {
      vm.incref(key);
      const err = vm.makeException('KeyError');
      throw withArgs(vm, err, key);
    }
    vm.incref(v);
    return v;
  }
  // A slice object selects what the same slice written in brackets would.
  if ((t === tt.str || t === tt.unicode || t === tt.bytes || t === tt.bytearray || (t === tt.range && !vm.py2)) && isSlice(vm, key)) {
    return getSlice(vm, obj, sliceSpecOf(vm, key));
  }
  if (t === tt.str || t === tt.unicode || t === tt.bytes) {
    const s = vm.data[obj] as string;
    const i = normIndex(vm, indexValue(vm, key, `string indices must be integers${vm.py2 ? '' : ''}`), s.length, 'string');
    if (t === tt.bytes && !vm.py2) return vm.newInt(s.charCodeAt(i));
    return t === tt.unicode || (!vm.py2 && t === tt.str) ? vm.newStr(s[i]!, true) : vm.newBytes(s[i]!);
  }
  if (t === tt.bytearray) {
    const b = vm.data[obj] as number[];
    return vm.newInt(b[normIndex(vm, indexValue(vm, key, 'bytearray indices must be integers'), b.length, 'bytearray')]!);
  }
  if (t === tt.range) {
    const r = vm.data[obj] as RangeData;
    const n = rangeLength(r);
    const i = normIndex(vm, indexValue(vm, key, vm.py2 ? `sequence index must be integer, not '${vm.typeNameOf(key)}'` : `range indices must be integers or slices, not ${vm.typeNameOf(key)}`), n, vm.py2 ? 'xrange object' : 'range object');
    return vm.newInt(r.start + i * r.step);
  }
  if (t === tt.instance || t === tt['classic-instance']) {
    if (lookupClassAttr(vm, vm.classOf(obj), '__getitem__') !== NULL_REF) return callMethod1(vm, obj, '__getitem__', key);
  }
  return vm.raise('TypeError', vm.py2 ? `'${vm.typeNameOf(obj)}' object ${vm.version.minor >= 7 ? 'has no attribute \'__getitem__\'' : 'is unsubscriptable'}` : `'${vm.typeNameOf(obj)}' object is not subscriptable`);
}

/** Sets the exception's args to (key,) (the reference to `key` is consumed). */
function withArgs(vm: Vm, err: PyException, key: ObjId): PyException {
  const args = vm.newTupleOwned([key]);
  instanceSet(vm, err.exc, 'args', args);
  vm.decref(args);
  return err;
}

export function getSlice(vm: Vm, obj: ObjId, s: SliceSpec): ObjId {
  const heap = vm.heap;
  const t = heap.typeOf[obj]!;
  const tt = vm.t;
  if (t === tt.list || t === tt.tuple) {
    const items = vm.items(obj);
    const [start, , step, count] = sliceIndices(vm, s, items.length);
    const part = sliceOf(items, start, step, count);
    if (t === tt.tuple) {
      if (count === items.length && step === 1) {
        vm.incref(obj);
        return obj;
      }
      for (const it of part) vm.incref(it);
      return vm.newTupleOwned(part);
    }
    return listFrom(vm, part);
  }
  if (t === tt.str || t === tt.unicode || t === tt.bytes) {
    const str = vm.data[obj] as string;
    const [start, , step, count] = sliceIndices(vm, s, str.length);
    const part = step === 1 ? str.substr(start, count) : sliceOf([...str], start, step, count).join('');
    return t === tt.unicode || (!vm.py2 && t === tt.str) ? vm.newStr(part, true) : vm.newBytes(part);
  }
  if (t === tt.bytearray) {
    const b = vm.data[obj] as number[];
    const [start, , step, count] = sliceIndices(vm, s, b.length);
    return newByteArray(vm, sliceOf(b, start, step, count));
  }
  if (t === tt.range && !vm.py2) {
    const r = vm.data[obj] as RangeData;
    const [start, , step, count] = sliceIndices(vm, s, rangeLength(r));
    const first = r.start + start * r.step;
    return newRange(vm, { start: first, stop: first + count * step * r.step, step: step * r.step });
  }
  if (t === tt.instance || t === tt['classic-instance']) return sliceInstance(vm, obj, s, 'get');
  if (t === tt.range) return vm.raise('TypeError', "sequence index must be integer, not 'slice'"); // 2.x xrange
  return vm.raise('TypeError', `'${vm.typeNameOf(obj)}' object is not subscriptable`);
}

export function setItem(vm: Vm, obj: ObjId, key: ObjId, value: ObjId): void {
  const heap = vm.heap;
  const t = heap.typeOf[obj]!;
  const tt = vm.t;
  if (t === tt.dict) {
    dictSet(vm, obj, key, value);
    return;
  }
  if ((t === tt.list || t === tt.bytearray) && isSlice(vm, key)) {
    setSlice(vm, obj, sliceSpecOf(vm, key), value);
    return;
  }
  if (t === tt.list) {
    const i = normIndex(vm, indexValue(vm, key, `list indices must be integers${vm.py2 ? '' : ' or slices'}, not ${vm.typeNameOf(key)}`), heap.edgeLen[obj]!, 'list assignment');
    heap.setRef(obj, i, value);
    return;
  }
  if (t === tt.bytearray) {
    const b = vm.data[obj] as number[];
    const i = normIndex(vm, indexValue(vm, key, 'bytearray indices must be integers'), b.length, 'bytearray');
    const v = numberOf(vm, value);
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 255) vm.raise('ValueError', 'byte must be in range(0, 256)');
    b[i] = v;
    return;
  }
  if (t === tt.instance || t === tt['classic-instance']) {
    if (lookupClassAttr(vm, vm.classOf(obj), '__setitem__') !== NULL_REF) {
      const m = getAttrOrNull(vm, obj, '__setitem__');
      const base = vm.sp;
      vm.incref(key);
      vm.push(key);
      vm.incref(value);
      vm.push(value);
      try {
        vm.decref(callObject(vm, m, base, 2, null));
      } finally {
        vm.unwindTo(base);
        vm.decref(m);
      }
      return;
    }
  }
  return vm.raise('TypeError', `'${vm.typeNameOf(obj)}' object does not support item assignment`);
}

/**
 * The bytes a bytearray takes from a value (slice assignment, extend, +=): bytes-like, or an
 * iterable of ints in range(256), each read by `toInt`; text is refused with `textError`.
 */
export function bytesFromValue(vm: Vm, value: ObjId, textError: string, toInt: (it: ObjId) => number = (it) => plainInt(vm, it)): number[] {
  const direct = bytesLikeText(vm, value);
  if (direct !== null) return bytesOfText(direct);
  const t = vm.heap.typeOf[value]!;
  if (t === vm.t.str || t === vm.t.unicode) vm.raise('TypeError', textError);
  const items = iterateToArray(vm, value);
  try {
    return items.map((it) => {
      const v = toInt(it);
      if (v < 0 || v > 255) vm.raise('ValueError', 'byte must be in range(0, 256)');
      return v;
    });
  } finally {
    for (const it of items) vm.decref(it);
  }
}

function plainInt(vm: Vm, it: ObjId): number {
  const v = numberOf(vm, it);
  if (typeof v !== 'number' || !Number.isInteger(v)) vm.raise('TypeError', 'an integer is required');
  return v as number;
}

export function setSlice(vm: Vm, obj: ObjId, s: SliceSpec, value: ObjId): void {
  const heap = vm.heap;
  const t = heap.typeOf[obj]!;
  if (t === vm.t.instance || t === vm.t['classic-instance']) {
    sliceInstance(vm, obj, s, 'set', value);
    return;
  }
  if (heap.typeOf[obj] === vm.t.bytearray) {
    const b = vm.data[obj] as number[];
    const [start, stop, step, count] = sliceIndices(vm, s, b.length);
    const values = bytesFromValue(vm, value, 'can assign only bytes, buffers, or iterables of ints in range(0, 256)');
    const before = [...b];
    if (step === 1) {
      b.splice(start, Math.max(0, stop - start), ...values);
      chargeByteArray(vm, obj, before);
      return;
    }
    if (values.length !== count) vm.raise('ValueError', `attempt to assign bytes of size ${values.length} to extended slice of size ${count}`);
    for (let k = 0, j = start; k < count; k++, j += step) b[j] = values[k]!;
    return;
  }
  if (heap.typeOf[obj] !== vm.t.list) vm.raise('TypeError', `'${vm.typeNameOf(obj)}' object does not support slice assignment`);
  const n = heap.edgeLen[obj]!;
  const [start, stop, step, count] = sliceIndices(vm, s, n);
  const values = iterateToArray(vm, value);
  try {
    if (step === 1) {
      const end = Math.max(start, stop);
      for (let i = end - 1; i >= start; i--) heap.removeRef(obj, i);
      values.forEach((v, k) => {
        if (!heap.insertRef(obj, start + k, v)) vm.raiseMemoryError();
      });
      return;
    }
    if (values.length !== count) vm.raise('ValueError', `attempt to assign sequence of size ${values.length} to extended slice of size ${count}`);
    for (let k = 0, j = start; k < count; k++, j += step) heap.setRef(obj, j, values[k]!);
  } finally {
    for (const v of values) vm.decref(v);
  }
}

export function delItem(vm: Vm, obj: ObjId, key: ObjId): void {
  const heap = vm.heap;
  const t = heap.typeOf[obj]!;
  if (t === vm.t.dict) {
    if (!dictDelete(vm, obj, key)) {
      vm.incref(key);
      throw withArgs(vm, vm.makeException('KeyError'), key);
    }
    return;
  }
  if ((t === vm.t.list || t === vm.t.bytearray) && isSlice(vm, key)) {
    delSlice(vm, obj, sliceSpecOf(vm, key));
    return;
  }
  if (t === vm.t.list) {
    const i = normIndex(vm, indexValue(vm, key, 'list indices must be integers'), heap.edgeLen[obj]!, 'list assignment');
    heap.removeRef(obj, i);
    return;
  }
  if (t === vm.t.bytearray) {
    const b = vm.data[obj] as number[];
    const before = [...b];
    b.splice(normIndex(vm, indexValue(vm, key, 'bytearray indices must be integers'), b.length, 'bytearray'), 1);
    chargeByteArray(vm, obj, before);
    return;
  }
  if ((t === vm.t.instance || t === vm.t['classic-instance']) && lookupClassAttr(vm, vm.classOf(obj), '__delitem__') !== NULL_REF) {
    vm.decref(callMethod1(vm, obj, '__delitem__', key));
    return;
  }
  return vm.raise('TypeError', `'${vm.typeNameOf(obj)}' object doesn't support item deletion`);
}

export function delSlice(vm: Vm, obj: ObjId, s: SliceSpec): void {
  const heap = vm.heap;
  const t = heap.typeOf[obj]!;
  if (t === vm.t.instance || t === vm.t['classic-instance']) {
    sliceInstance(vm, obj, s, 'del');
    return;
  }
  if (heap.typeOf[obj] === vm.t.bytearray) {
    const b = vm.data[obj] as number[];
    const before = [...b];
    const [start, , step, count] = sliceIndices(vm, s, b.length);
    const idx: number[] = [];
    for (let k = 0, j = start; k < count; k++, j += step) idx.push(j);
    idx.sort((x, y) => y - x).forEach((i) => b.splice(i, 1));
    chargeByteArray(vm, obj, before);
    return;
  }
  if (heap.typeOf[obj] !== vm.t.list) vm.raise('TypeError', `'${vm.typeNameOf(obj)}' object doesn't support item deletion`);
  const [start, , step, count] = sliceIndices(vm, s, heap.edgeLen[obj]!);
  const idx: number[] = [];
  for (let k = 0, j = start; k < count; k++, j += step) idx.push(j);
  idx.sort((a, b) => b - a).forEach((i) => heap.removeRef(obj, i));
}

// ---- len ----

export function length(vm: Vm, obj: ObjId): number {
  const heap = vm.heap;
  const t = heap.typeOf[obj]!;
  const tt = vm.t;
  if (t === tt.list || t === tt.tuple) return heap.edgeLen[obj]!;
  if (t === tt.str || t === tt.unicode || t === tt.bytes) return (vm.data[obj] as string).length;
  if (t === tt.dict || t === tt.set || t === tt.frozenset) return dictSize(vm, obj);
  if (t === tt.bytearray) return (vm.data[obj] as number[]).length;
  if (t === tt.range) return rangeLength(vm.data[obj] as RangeData);
  if (t === tt.iterator) {
    const it = vm.data[obj] as IterState;
    if (it.view) return dictSize(vm, it.seq);
  }
  if (t === tt.instance || t === tt['classic-instance']) {
    if (lookupClassAttr(vm, vm.classOf(obj), '__len__') !== NULL_REF) {
      const r = callMethodNoArgs(vm, obj, '__len__');
      const n = numberOf(vm, r);
      vm.decref(r);
      if (typeof n !== 'number' || !Number.isInteger(n)) vm.raise('TypeError', 'an integer is required');
      if (n < 0) vm.raise('ValueError', '__len__() should return >= 0');
      return n;
    }
  }
  return vm.raise('TypeError', vm.py2 ? `object of type '${vm.typeNameOf(obj)}' has no len()` : `object of type '${vm.typeNameOf(obj)}' has no len()`);
}

// ---- ranges ----

export interface RangeData {
  start: number;
  stop: number;
  step: number;
}

export function rangeLength(r: RangeData): number {
  if (r.step > 0) return r.start < r.stop ? Math.ceil((r.stop - r.start) / r.step) : 0;
  return r.start > r.stop ? Math.ceil((r.start - r.stop) / -r.step) : 0;
}

export function newRange(vm: Vm, r: RangeData): ObjId {
  const o = vm.alloc(vm.t.range, vm.wordBytes * 6);
  vm.data[o] = r;
  return o;
}

// ---- bytearray ----

// ---- iteration ----

/** The state behind an iterator object. `next` returns a new reference, or NULL_REF at the end. */
export interface IterState {
  next(vm: Vm): ObjId;
  /** The iterated object (also reference 0 of the iterator object). */
  seq: ObjId;
  /** Set for Python 3 dict views (dict_keys, dict_values, dict_items). */
  view?: 'keys' | 'values' | 'items';
  name: string;
}

class SeqIter implements IterState {
  i = 0;
  constructor(readonly seq: ObjId, readonly name: string) {}
  next(vm: Vm): ObjId {
    const heap = vm.heap;
    if (this.i < heap.edgeLen[this.seq]!) {
      const v = heap.edges.data[heap.edgeStart[this.seq]! + this.i++]!;
      heap.refcnt[v]!++;
      return v;
    }
    return NULL_REF;
  }
}

class DictIter implements IterState {
  i = 0;
  readonly size: number;
  constructor(vm: Vm, readonly seq: ObjId, readonly mode: 'keys' | 'values' | 'items', readonly width: 1 | 2, readonly name: string) {
    this.size = dictSize(vm, seq);
  }
  next(vm: Vm): ObjId {
    const heap = vm.heap;
    const d = this.seq;
    if (dictSize(vm, d) !== this.size) {
      return vm.raise('RuntimeError', `${this.width === 1 ? 'Set' : 'dictionary'} changed size during iteration`);
    }
    const n = heap.edgeLen[d]!;
    while (this.i < n) {
      const at = heap.edgeStart[d]! + this.i;
      this.i += this.width;
      const k = heap.edges.data[at]!;
      if (k === NULL_REF) continue;
      if (this.mode === 'keys') {
        vm.incref(k);
        return k;
      }
      const v = heap.edges.data[at + 1]!;
      if (this.mode === 'values') {
        vm.incref(v);
        return v;
      }
      vm.incref(k);
      vm.incref(v);
      return vm.newTupleOwned([k, v]);
    }
    return NULL_REF;
  }
}

class StrIter implements IterState {
  i = 0;
  constructor(readonly seq: ObjId, readonly name: string) {}
  next(vm: Vm): ObjId {
    const s = vm.data[this.seq] as string;
    if (this.i >= s.length) return NULL_REF;
    const c = s[this.i++]!;
    const t = vm.heap.typeOf[this.seq]!;
    if (t === vm.t.bytes && !vm.py2) return vm.newInt(c.charCodeAt(0));
    return t === vm.t.unicode || (!vm.py2 && t === vm.t.str) ? vm.newStr(c, true) : vm.newBytes(c);
  }
}

class RangeIter implements IterState {
  cur: number;
  constructor(readonly seq: ObjId, readonly r: RangeData, readonly name: string) {
    this.cur = r.start;
  }
  next(vm: Vm): ObjId {
    const { stop, step } = this.r;
    if (step > 0 ? this.cur >= stop : this.cur <= stop) return NULL_REF;
    const v = this.cur;
    this.cur += step;
    return vm.newInt(v);
  }
}

/** An iterator over a user object with __iter__ returning something with next/__next__. */
class ProtocolIter implements IterState {
  constructor(readonly seq: ObjId, readonly name: string) {}
  next(vm: Vm): ObjId {
    const method = vm.py2 ? 'next' : '__next__';
    try {
      return callMethodNoArgs(vm, this.seq, method);
    } catch (e) {
      if (e instanceof PyException && vm.classInfo(vm.classOf(e.exc)).name === 'StopIteration') {
        vm.decref(e.exc);
        return NULL_REF;
      }
      throw e;
    }
  }
}

/** A JS-driven iterator (enumerate, zip, map...): `step` returns a new reference or NULL_REF. */
export class NativeIter implements IterState {
  constructor(readonly seq: ObjId, readonly name: string, readonly step: (vm: Vm) => ObjId) {}
  next(vm: Vm): ObjId {
    return this.step(vm);
  }
}

/** Wraps iterator state in a heap object (GC-tracked unless `gc` is false) that references `seq`. */
export function newIterator(vm: Vm, state: IterState, gc = true): ObjId {
  const it = vm.alloc(gc ? vm.t.iterator : vm.t.range, vm.wordBytes * 4);
  vm.data[it] = state;
  if (state.seq !== NULL_REF && !vm.heap.pushRef(it, state.seq)) {
    vm.decref(it);
    vm.raiseMemoryError();
  }
  return it;
}

/** iter(obj): a new reference to an iterator object. */
/**
 * iter(seq) for a loop: consumes the owned `seq` and pushes its iterator on the value stack,
 * where the loop keeps it (and pops and releases it when done). Returns the iterator.
 */
export function pushIterator(vm: Vm, seq: ObjId): ObjId {
  vm.push(seq);
  const it = getIter(vm, seq);
  vm.sp--;
  vm.decref(seq);
  vm.push(it);
  return it;
}

export function getIter(vm: Vm, obj: ObjId): ObjId {
  const heap = vm.heap;
  const t = heap.typeOf[obj]!;
  const tt = vm.t;
  if (t === tt.list) return newIterator(vm, new SeqIter(obj, vm.py2 ? 'listiterator' : 'list_iterator'));
  if (t === tt.tuple) return newIterator(vm, new SeqIter(obj, vm.py2 ? 'tupleiterator' : 'tuple_iterator'));
  if (t === tt.dict) return newIterator(vm, new DictIter(vm, obj, 'keys', 2, vm.py2 ? 'dictionary-keyiterator' : 'dict_keyiterator'));
  if (t === tt.set || t === tt.frozenset) return newIterator(vm, new DictIter(vm, obj, 'keys', 1, vm.py2 ? 'setiterator' : 'set_iterator'));
  if (t === tt.str || t === tt.unicode || t === tt.bytes) return newIterator(vm, new StrIter(obj, vm.py2 ? 'iterator' : t === tt.bytes ? 'bytes_iterator' : 'str_iterator'));
  if (t === tt.range) return newIterator(vm, new RangeIter(obj, vm.data[obj] as RangeData, vm.py2 ? 'rangeiterator' : 'range_iterator'), false);
  if (t === tt.bytearray) {
    const bytes = vm.data[obj] as number[];
    let i = 0;
    return newIterator(vm, new NativeIter(obj, 'bytearray_iterator', (v) => (i < bytes.length ? v.newInt(bytes[i++]!) : NULL_REF)));
  }
  if (t === tt.iterator) {
    const state = vm.data[obj] as IterState;
    if (state.view) {
      const mode = state.view;
      return newIterator(vm, new DictIter(vm, state.seq, mode, 2, `dict_${mode.slice(0, -1)}iterator`));
    }
    vm.incref(obj);
    return obj;
  }
  if (t === tt.instance || t === tt['classic-instance']) {
    const cls = vm.classOf(obj);
    if (lookupClassAttr(vm, cls, '__iter__') !== NULL_REF) {
      const it = callMethodNoArgs(vm, obj, '__iter__');
      const it2 = newIterator(vm, new ProtocolIter(it, 'iterator'));
      vm.decref(it);
      return it2;
    }
    if (lookupClassAttr(vm, cls, '__getitem__') !== NULL_REF) {
      let i = 0;
      return newIterator(vm, new NativeIter(obj, 'iterator', (v) => {
        const idx = v.newInt(i++);
        try {
          return callMethod1(v, obj, '__getitem__', idx);
        } catch (e) {
          if (e instanceof PyException && ['IndexError', 'StopIteration'].includes(v.classInfo(v.classOf(e.exc)).name)) {
            v.decref(e.exc);
            return NULL_REF;
          }
          throw e;
        } finally {
          v.decref(idx);
        }
      }));
    }
  }
  return vm.raise('TypeError', vm.py2 ? `'${vm.typeNameOf(obj)}' object is not iterable` : `'${vm.typeNameOf(obj)}' object is not iterable`);
}

installIteration((vm, o) => getIter(vm, o), (vm, it) => iterNext(vm, it));

/** Advances an iterator object: a new reference, or NULL_REF when exhausted. */
export function iterNext(vm: Vm, it: ObjId): ObjId {
  return (vm.data[it] as IterState).next(vm);
}

/** Every item of an iterable, as new references (the caller releases them). */
export function iterateToArray(vm: Vm, obj: ObjId): ObjId[] {
  const heap = vm.heap;
  const t = heap.typeOf[obj]!;
  if (t === vm.t.list || t === vm.t.tuple) {
    const items = vm.items(obj);
    for (const it of items) vm.incref(it);
    return items;
  }
  const it = getIter(vm, obj);
  const out: ObjId[] = [];
  try {
    for (let v = iterNext(vm, it); v !== NULL_REF; v = iterNext(vm, it)) {
      out.push(v);
      if ((out.length & 0xffff) === 0) vm.tick();
    }
  } catch (e) {
    for (const v of out) vm.decref(v);
    throw e;
  } finally {
    vm.decref(it);
  }
  return out;
}

/** A Python 3 dict view (keys(), values(), items()). */
export function newDictView(vm: Vm, d: ObjId, view: 'keys' | 'values' | 'items'): ObjId {
  const state: IterState = { seq: d, view, name: `dict_${view}`, next: () => NULL_REF };
  return newIterator(vm, state);
}

export function viewRepr(vm: Vm, obj: ObjId): string | null {
  const state = vm.data[obj] as IterState;
  if (!state.view) return null;
  const entries = dictEntries(vm, state.seq);
  const parts: string[] = [];
  for (let i = 0; i < entries.length; i += 2) {
    const k = reprOf(vm, entries[i]!);
    const v = reprOf(vm, entries[i + 1]!);
    parts.push(state.view === 'keys' ? k : state.view === 'values' ? v : `(${k}, ${v})`);
  }
  return `dict_${state.view}([${parts.join(', ')}])`;
}

export { truthy, dictSize, type DictTable };

// Methods of the built-in types (list.append, dict.get, str.join, ...). Each is a
// BuiltinCall receiving the object as `self`; the compiler calls them directly for
// `obj.method(...)`, and getattr wraps them in a bound built-in method object.

import { NULL_REF, type ObjId } from '../../memory/index.js';
import { arity, call1, codecArgs, decodeBytes, dictUpdate, encodeText, intArg, sortList, sortOptions } from './builtins.js';
import { copySlots, dictClear, dictDelete, dictEntries, dictGet, dictSet, dictSetStr, dictSize, mergeKeys, newDict, newSet, resizeAwayDummies, setAdd, setContains } from './dicts.js';
import { intern, newBuiltinMethod, typeMethods, type TypeMethods } from './objects.js';
import { equals, listFrom, setAlgebra } from './ops.js';
import { bytesFromValue, iterateToArray, iterNext, newDictView } from './sequences.js';
import { bytesOfText, chargeByteArray, newByteArray } from './bytes.js';
import { strOf, reprOf } from './text.js';
import { strFormat, FormatError, charsOfBytes } from './text-format.js';
import { formatValue } from './formatting.js';
import type { BuiltinCall, Vm } from './vm.js';
import { getAttr } from './objects.js';
import { getItem } from './sequences.js';

export function installTypeMethods(vm: Vm): void {
  const table = typeMethods(vm);
  const t = vm.t;
  table[t.list] = listMethods(vm);
  table[t.tuple] = tupleMethods();
  table[t.dict] = dictMethods(vm);
  const str = strMethods(vm);
  table[t.str] = str;
  table[t.unicode] = str;
  const bytes = new Map(str);
  bytes.set('hex', (vm, _b, argc, kw, self) => {
    arity(vm, 'hex', argc, 0, 0, kw);
    return vm.newStr([...(vm.data[self] as string)].map((c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join(''), true);
  });
  table[t.bytes] = vm.py2 ? str : bytes;
  if (!vm.py2) {
    str.delete('decode');
    bytes.delete('encode');
  }
  table[t.set] = setMethods(vm, false);
  table[t.frozenset] = setMethods(vm, true);
  table[t.bytearray] = byteArrayMethods(vm.py2 ? str : bytes);
  const iteratorMethods: TypeMethods = new Map();
  iteratorMethods.set(vm.py2 ? 'next' : '__next__', (vm, _b, argc, kw, self) => {
    arity(vm, 'next', argc, 0, 0, kw);
    const v = iterNext(vm, self);
    if (v === NULL_REF) vm.raise('StopIteration');
    return v;
  });
  table[t.iterator] = iteratorMethods;
  // range.index / range.count (3.x), by arithmetic.
  const rangeMethods: TypeMethods = new Map();
  const position = (vm: Vm, self: ObjId, x: ObjId): number => {
    const r = vm.data[self] as { start: number; stop: number; step: number };
    const v = vm.heap.typeOf[x] === vm.t.int ? (vm.data[x] as number) : NaN;
    if (typeof v !== 'number' || !Number.isInteger(v)) return -1;
    const inside = r.step > 0 ? v >= r.start && v < r.stop : v <= r.start && v > r.stop;
    return inside && (v - r.start) % r.step === 0 ? (v - r.start) / r.step : -1;
  };
  if (!vm.py2) {
    rangeMethods.set('index', (vm, base, argc, kw, self) => {
      arity(vm, 'index', argc, 1, 1, kw);
      const i = position(vm, self, vm.stack[base]!);
      if (i < 0) vm.raise('ValueError', `${reprOf(vm, vm.stack[base]!)} is not in range`);
      return vm.newInt(i);
    });
    rangeMethods.set('count', (vm, base, argc, kw, self) => {
      arity(vm, 'count', argc, 1, 1, kw);
      return vm.newInt(position(vm, self, vm.stack[base]!) < 0 ? 0 : 1);
    });
  }
  table[t.range] = rangeMethods;
  table[t.int] = intMethods();
  table[t.long] = intMethods();
  table[t.float] = floatMethods();
  // dict.fromkeys(iterable, value=None), called on the class.
  const fromkeys = newBuiltinMethod(vm, 'fromkeys', (vm, base, argc, kw) => {
    arity(vm, 'fromkeys', argc, 1, 2, kw);
    const value = argc > 1 ? vm.stack[base + 1]! : vm.None;
    const keys = iterateToArray(vm, vm.stack[base]!);
    const d = newDict(vm);
    vm.push(d);
    try {
      for (const k of keys) dictSet(vm, d, k, value);
    } finally {
      vm.sp--;
      for (const k of keys) vm.decref(k);
    }
    return d;
  }, NULL_REF);
  const dictClass = vm.classInfo(vm.classes.get('dict')!);
  dictSetStr(vm, dictClass.dict, 'fromkeys', intern(vm, 'fromkeys'), fromkeys);
  vm.decref(fromkeys);
}

const borrowedItems = (vm: Vm, seq: ObjId) => vm.items(seq);

function listMethods(vm: Vm): TypeMethods {
  const m: TypeMethods = new Map<string, BuiltinCall>();
  const heap = vm.heap;
  m.set('append', (vm, base, argc, kw, self) => {
    arity(vm, 'append', argc, 1, 1, kw);
    vm.listAppend(self, vm.stack[base]!);
    return vm.none();
  });
  m.set('extend', (vm, base, argc, kw, self) => {
    arity(vm, 'extend', argc, 1, 1, kw);
    const items = iterateToArray(vm, vm.stack[base]!);
    try {
      for (const it of items) vm.listAppend(self, it);
    } finally {
      for (const it of items) vm.decref(it);
    }
    return vm.none();
  });
  m.set('insert', (vm, base, argc, kw, self) => {
    arity(vm, 'insert', argc, 2, 2, kw);
    const n = heap.edgeLen[self]!;
    let i = intArg(vm, vm.stack[base]!, 'index');
    if (i < 0) i = Math.max(0, i + n);
    if (i > n) i = n;
    if (!heap.insertRef(self, i, vm.stack[base + 1]!)) vm.raiseMemoryError();
    return vm.none();
  });
  m.set('pop', (vm, base, argc, kw, self) => {
    arity(vm, 'pop', argc, 0, 1, kw);
    const n = heap.edgeLen[self]!;
    if (n === 0) vm.raise('IndexError', 'pop from empty list');
    let i = argc > 0 ? intArg(vm, vm.stack[base]!, 'index') : n - 1;
    if (i < 0) i += n;
    if (i < 0 || i >= n) vm.raise('IndexError', 'pop index out of range');
    return heap.takeRef(self, i);
  });
  m.set('remove', (vm, base, argc, kw, self) => {
    arity(vm, 'remove', argc, 1, 1, kw);
    const items = borrowedItems(vm, self);
    for (let i = 0; i < items.length; i++) {
      if (equals(vm, items[i]!, vm.stack[base]!)) {
        heap.removeRef(self, i);
        return vm.none();
      }
    }
    return vm.raise('ValueError', vm.py2 ? 'list.remove(x): x not in list' : 'list.remove(x): x not in list');
  });
  m.set('index', (vm, base, argc, kw, self) => {
    arity(vm, 'index', argc, 1, 3, kw);
    const items = borrowedItems(vm, self);
    const [from, to] = sliceBounds(vm, base + 1, argc - 1, items.length);
    for (let i = from; i < to; i++) if (equals(vm, items[i]!, vm.stack[base]!)) return vm.newInt(i);
    return vm.raise('ValueError', vm.py2 && vm.version.minor < 7 ? 'list.index(x): x not in list' : `${reprOf(vm, vm.stack[base]!)} is not in list`);
  });
  m.set('count', (vm, base, argc, kw, self) => {
    arity(vm, 'count', argc, 1, 1, kw);
    return vm.newInt(borrowedItems(vm, self).filter((x) => equals(vm, x, vm.stack[base]!)).length);
  });
  m.set('reverse', (vm, _base, argc, kw, self) => {
    arity(vm, 'reverse', argc, 0, 0, kw);
    const start = heap.edgeStart[self]!;
    const n = heap.edgeLen[self]!;
    heap.edges.data.subarray(start, start + n).reverse();
    return vm.none();
  });
  m.set('sort', (vm, base, argc, kw, self) => {
    const opts = sortOptions(vm, base, argc, kw, 'sort');
    sortList(vm, self, opts.key, opts.reverse, opts.cmp);
    return vm.none();
  });
  if (!vm.py2) {
    m.set('clear', (vm, _base, argc, kw, self) => {
      arity(vm, 'clear', argc, 0, 0, kw);
      heap.clearRefs(self);
      return vm.none();
    });
    m.set('copy', (vm, _base, argc, kw, self) => {
      arity(vm, 'copy', argc, 0, 0, kw);
      return listFrom(vm, borrowedItems(vm, self));
    });
  }
  return m;
}

function tupleMethods(): TypeMethods {
  const m: TypeMethods = new Map();
  m.set('index', (vm, base, argc, kw, self) => {
    arity(vm, 'index', argc, 1, 1, kw);
    const items = vm.items(self);
    for (let i = 0; i < items.length; i++) if (equals(vm, items[i]!, vm.stack[base]!)) return vm.newInt(i);
    return vm.raise('ValueError', 'tuple.index(x): x not in tuple');
  });
  m.set('count', (vm, base, argc, kw, self) => {
    arity(vm, 'count', argc, 1, 1, kw);
    return vm.newInt(vm.items(self).filter((x) => equals(vm, x, vm.stack[base]!)).length);
  });
  return m;
}

function dictMethods(vm: Vm): TypeMethods {
  const m: TypeMethods = new Map();
  m.set('get', (vm, base, argc, kw, self) => {
    arity(vm, 'get', argc, 1, 2, kw);
    const v = dictGet(vm, self, vm.stack[base]!);
    const r = v !== NULL_REF ? v : argc > 1 ? vm.stack[base + 1]! : vm.None;
    vm.incref(r);
    return r;
  });
  m.set('setdefault', (vm, base, argc, kw, self) => {
    arity(vm, 'setdefault', argc, 1, 2, kw);
    const v = dictGet(vm, self, vm.stack[base]!);
    if (v !== NULL_REF) {
      vm.incref(v);
      return v;
    }
    const d = argc > 1 ? vm.stack[base + 1]! : vm.None;
    dictSet(vm, self, vm.stack[base]!, d);
    vm.incref(d);
    return d;
  });
  m.set('pop', (vm, base, argc, kw, self) => {
    arity(vm, 'pop', argc, 1, 2, kw);
    const key = vm.stack[base]!;
    const v = dictGet(vm, self, key);
    if (v === NULL_REF) {
      if (argc > 1) {
        vm.incref(vm.stack[base + 1]!);
        return vm.stack[base + 1]!;
      }
      getItem(vm, self, key); // raises KeyError(key)
    }
    vm.incref(v);
    dictDelete(vm, self, key);
    return v;
  });
  m.set('popitem', (vm, _base, argc, kw, self) => {
    arity(vm, 'popitem', argc, 0, 0, kw);
    const e = dictEntries(vm, self);
    if (e.length === 0) vm.raise('KeyError', vm.py2 ? 'popitem(): dictionary is empty' : 'popitem(): dictionary is empty');
    const k = e[e.length - 2]!;
    const v = e[e.length - 1]!;
    vm.incref(k);
    vm.incref(v);
    dictDelete(vm, self, k);
    return vm.newTupleOwned([k, v]);
  });
  m.set('update', (vm, base, argc, kw, self) => {
    if (argc > 1) vm.raise('TypeError', `update expected at most 1 argument${vm.py2 ? 's' : ''}, got ${argc}`);
    if (argc === 1) dictUpdate(vm, self, vm.stack[base]!);
    kw?.forEach((name, i) => {
      const k = vm.newNativeStr(name);
      dictSet(vm, self, k, vm.stack[base + argc + i]!);
      vm.decref(k);
    });
    return vm.none();
  });
  m.set('clear', (vm, _base, argc, kw, self) => {
    arity(vm, 'clear', argc, 0, 0, kw);
    dictClear(vm, self);
    return vm.none();
  });
  m.set('copy', (vm, _base, argc, kw, self) => {
    arity(vm, 'copy', argc, 0, 0, kw);
    const d = newDict(vm);
    vm.push(d);
    dictUpdate(vm, d, self);
    vm.sp--;
    return d;
  });
  const listOf = (mode: 'keys' | 'values' | 'items') => (vm: Vm, self: ObjId): ObjId => {
    const e = dictEntries(vm, self);
    const list = vm.newList();
    vm.push(list);
    for (let i = 0; i < e.length; i += 2) {
      if (mode === 'items') {
        vm.incref(e[i]!);
        vm.incref(e[i + 1]!);
        const pair = vm.newTupleOwned([e[i]!, e[i + 1]!]);
        vm.listAppend(list, pair);
        vm.decref(pair);
      } else vm.listAppend(list, mode === 'keys' ? e[i]! : e[i + 1]!);
    }
    vm.sp--;
    return list;
  };
  for (const mode of ['keys', 'values', 'items'] as const) {
    const make = listOf(mode);
    if (vm.py2) {
      m.set(mode, (vm, _base, argc, kw, self) => {
        arity(vm, mode, argc, 0, 0, kw);
        return make(vm, self);
      });
      m.set(`iter${mode}`, (vm, _base, argc, kw, self) => {
        arity(vm, `iter${mode}`, argc, 0, 0, kw);
        const list = make(vm, self);
        const it = getIterOf(vm, list);
        vm.decref(list);
        return it;
      });
    } else {
      m.set(mode, (vm, _base, argc, kw, self) => {
        arity(vm, mode, argc, 0, 0, kw);
        return newDictView(vm, self, mode);
      });
    }
  }
  if (vm.py2) {
    m.set('has_key', (vm, base, argc, kw, self) => {
      arity(vm, 'has_key', argc, 1, 1, kw);
      return vm.bool(dictGet(vm, self, vm.stack[base]!) !== NULL_REF);
    });
  }
  m.set('__len__', (vm, _base, _argc, _kw, self) => vm.newInt(dictSize(vm, self)));
  return m;
}

import { getIter as getIterOf } from './sequences.js';

function setMethods(_vm: Vm, frozen: boolean): TypeMethods {
  const m: TypeMethods = new Map();
  if (!frozen) {
    m.set('add', (vm, base, argc, kw, self) => {
      arity(vm, 'add', argc, 1, 1, kw);
      setAdd(vm, self, vm.stack[base]!);
      return vm.none();
    });
    m.set('discard', (vm, base, argc, kw, self) => {
      arity(vm, 'discard', argc, 1, 1, kw);
      dictDelete(vm, self, vm.stack[base]!, 1);
      return vm.none();
    });
    m.set('remove', (vm, base, argc, kw, self) => {
      arity(vm, 'remove', argc, 1, 1, kw);
      if (!dictDelete(vm, self, vm.stack[base]!, 1)) getItemKeyError(vm, vm.stack[base]!);
      return vm.none();
    });
    m.set('clear', (vm, _base, argc, kw, self) => {
      arity(vm, 'clear', argc, 0, 0, kw);
      dictClear(vm, self);
      return vm.none();
    });
    m.set('pop', (vm, _base, argc, kw, self) => {
      arity(vm, 'pop', argc, 0, 0, kw);
      const keys = dictEntries(vm, self, 1);
      if (keys.length === 0) vm.raise('KeyError', 'pop from an empty set');
      const k = keys[0]!;
      vm.incref(k);
      dictDelete(vm, self, k, 1);
      return k;
    });
    m.set('update', (vm, base, argc, kw, self) => {
      arity(vm, 'update', argc, 0, 16, kw);
      for (let a = 0; a < argc; a++) {
        const src = vm.stack[base + a]!;
        const st = vm.heap.typeOf[src];
        if (st === vm.t.set || st === vm.t.frozenset || st === vm.t.dict) {
          mergeKeys(vm, self, src);
          continue;
        }
        const items = iterateToArray(vm, src);
        try {
          for (const it of items) setAdd(vm, self, it);
        } finally {
          for (const it of items) vm.decref(it);
        }
      }
      return vm.none();
    });
  }
  const combine = (name: string, op: '|' | '&' | '-' | '^') => (vm: Vm, base: number, argc: number, kw: string[] | null, self: ObjId) => {
    arity(vm, name, argc, 1, 1, kw);
    const other = newSet(vm);
    vm.push(other);
    const items = iterateToArray(vm, vm.stack[base]!);
    for (const it of items) setAdd(vm, other, it);
    for (const it of items) vm.decref(it);
    const out = setAlgebra(vm, op, self, other, frozen);
    vm.sp--;
    vm.decref(other);
    return out;
  };
  m.set('symmetric_difference', combine('symmetric_difference', '^'));
  m.set('isdisjoint', (vm, base, argc, kw, self) => {
    arity(vm, 'isdisjoint', argc, 1, 1, kw);
    const items = iterateToArray(vm, vm.stack[base]!);
    try {
      return vm.bool(!items.some((k) => setContains(vm, self, k)));
    } finally {
      for (const k of items) vm.decref(k);
    }
  });
  m.set('issuperset', (vm, base, argc, kw, self) => {
    arity(vm, 'issuperset', argc, 1, 1, kw);
    const items = iterateToArray(vm, vm.stack[base]!);
    try {
      return vm.bool(items.every((k) => setContains(vm, self, k)));
    } finally {
      for (const k of items) vm.decref(k);
    }
  });
  if (!frozen) {
    // In place, as CPython's set_*_update do (the table keeps CPython's order).
    for (const name of ['difference_update', 'intersection_update', 'symmetric_difference_update'] as const) {
      m.set(name, (vm, base, argc, kw, self) => {
        arity(vm, name, argc, 1, 1, kw);
        const other = newSet(vm);
        vm.push(other);
        try {
          const src = vm.stack[base]!;
          const st = vm.heap.typeOf[src];
          if (st === vm.t.set || st === vm.t.frozenset || st === vm.t.dict) mergeKeys(vm, other, src);
          else {
            const items = iterateToArray(vm, src);
            for (const it of items) setAdd(vm, other, it);
            for (const it of items) vm.decref(it);
          }
          if (name === 'difference_update') {
            for (const k of dictEntries(vm, other, 1)) dictDelete(vm, self, k, 1);
            resizeAwayDummies(vm, self);
          } else if (name === 'symmetric_difference_update') {
            for (const k of dictEntries(vm, other, 1)) if (!dictDelete(vm, self, k, 1)) setAdd(vm, self, k);
          } else {
            const r = setAlgebra(vm, '&', self, other, false);
            dictClear(vm, self);
            copySlots(vm, self, r);
            vm.decref(r);
          }
        } finally {
          vm.sp--;
          vm.decref(other);
        }
        return vm.none();
      });
    }
  }
  m.set('union', combine('union', '|'));
  m.set('intersection', combine('intersection', '&'));
  m.set('difference', combine('difference', '-'));
  m.set('issubset', (vm, base, argc, kw, self) => {
    arity(vm, 'issubset', argc, 1, 1, kw);
    const other = vm.stack[base]!;
    return vm.bool(dictEntries(vm, self, 1).every((k) => setContains(vm, other, k)));
  });
  m.set('copy', (vm, _base, argc, kw, self) => {
    arity(vm, 'copy', argc, 0, 0, kw);
    const out = newSet(vm, frozen);
    vm.push(out);
    mergeKeys(vm, out, self);
    vm.sp--;
    return out;
  });
  return m;
}

function getItemKeyError(vm: Vm, key: ObjId): never {
  const d = newDict(vm);
  try {
    getItem(vm, d, key);
  } finally {
    vm.decref(d);
  }
  throw new Error('unreachable');
}

/** Whether a str method's receiver is text (3.x str, 2.x unicode) rather than bytes. */
function isTextType(vm: Vm, self: ObjId): boolean {
  const t = vm.heap.typeOf[self]!;
  return t === vm.t.unicode || (!vm.py2 && t === vm.t.str);
}

const asciiSpace = (c: number) => c === 32 || (c >= 9 && c <= 13);
/** Py_UNICODE_ISSPACE: ASCII whitespace, the separators \x1c-\x1f, NEL, NBSP and the Unicode spaces. */
const unicodeSpace = (c: number) =>
  c === 32 || (c >= 9 && c <= 13) || (c >= 0x1c && c <= 0x1f) || c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
  c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;

/** What split() and isspace() take for whitespace: bytes (2.x str, 3.x bytes) know only ASCII's. */
function spaceTest(vm: Vm, self: ObjId): (c: number) => boolean {
  return isTextType(vm, self) ? unicodeSpace : asciiSpace;
}

/** s.split(None, max) as CPython's split_whitespace. */
function splitWhitespace(s: string, max: number, space: (c: number) => boolean): string[] {
  const out: string[] = [];
  const n = s.length;
  let i = 0;
  let left = max < 0 ? Infinity : max;
  while (left-- > 0) {
    while (i < n && space(s.charCodeAt(i))) i++;
    if (i === n) break;
    const j = i++;
    while (i < n && !space(s.charCodeAt(i))) i++;
    out.push(s.slice(j, i));
  }
  if (i < n) {
    while (i < n && space(s.charCodeAt(i))) i++;
    if (i !== n) out.push(s.slice(i));
  }
  return out;
}

/** s.rsplit(None, max) as CPython's rsplit_whitespace. */
function rsplitWhitespace(s: string, max: number, space: (c: number) => boolean): string[] {
  const out: string[] = [];
  let i = s.length - 1;
  let left = max < 0 ? Infinity : max;
  while (left-- > 0) {
    while (i >= 0 && space(s.charCodeAt(i))) i--;
    if (i < 0) break;
    const j = i--;
    while (i >= 0 && !space(s.charCodeAt(i))) i--;
    out.push(s.slice(i + 1, j + 1));
  }
  if (i >= 0) {
    while (i >= 0 && space(s.charCodeAt(i))) i--;
    if (i >= 0) out.push(s.slice(0, i + 1));
  }
  return out.reverse();
}

type CaseMode = 'ascii' | 'simple' | 'full';

/** One character's upper case: ASCII only for bytes; one-to-one mappings only on 2.x unicode. */
function upperOf(c: string, mode: CaseMode): string {
  if (mode === 'ascii') return c >= 'a' && c <= 'z' ? c.toUpperCase() : c;
  const up = c.toUpperCase();
  return mode === 'simple' && [...up].length !== 1 ? c : up;
}

function lowerOf(c: string, mode: CaseMode): string {
  if (mode === 'ascii') return c >= 'A' && c <= 'Z' ? c.toLowerCase() : c;
  const low = c.toLowerCase();
  return mode === 'simple' && [...low].length !== 1 ? c : low;
}

/** Title case of a character: the Latin digraphs have their own (ǆ -> ǅ); full mappings title-case the first letter of an expansion (ß -> Ss). */
const DIGRAPH_TITLE: Record<string, string> = { '\u01c4': '\u01c5', '\u01c5': '\u01c5', '\u01c6': '\u01c5', '\u01c7': '\u01c8', '\u01c8': '\u01c8', '\u01c9': '\u01c8', '\u01ca': '\u01cb', '\u01cb': '\u01cb', '\u01cc': '\u01cb', '\u01f1': '\u01f2', '\u01f2': '\u01f2', '\u01f3': '\u01f2' };
function titleOf(c: string, mode: CaseMode): string {
  if (mode !== 'ascii' && DIGRAPH_TITLE[c] !== undefined) return DIGRAPH_TITLE[c]!;
  const up = upperOf(c, mode);
  const chars = [...up];
  return chars.length > 1 ? chars[0]! + chars.slice(1).join('').toLowerCase() : up;
}

/** Whether a character is cased (ends a title-case word run): ASCII letters for bytes, Lu/Ll/Lt for text. */
function isCasedChar(c: string, mode: CaseMode): boolean {
  if (mode === 'ascii') return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  return /[\p{Lu}\p{Ll}\p{Lt}]/u.test(c);
}

function mapChars(s: string, mode: CaseMode, f: (c: string, mode: CaseMode) => string): string {
  if (mode === 'full') return f === upperOf ? s.toUpperCase() : f === lowerOf ? s.toLowerCase() : [...s].map((c) => f(c, mode)).join('');
  if (mode === 'ascii') return f === upperOf ? s.replace(/[a-z]+/g, (w) => w.toUpperCase()) : f === lowerOf ? s.replace(/[A-Z]+/g, (w) => w.toLowerCase()) : [...s].map((c) => f(c, mode)).join('');
  let out = '';
  for (const c of s) out += f(c, mode);
  return out;
}

function strMethods(_vm: Vm): TypeMethods {
  const m: TypeMethods = new Map();
  const same = (vm: Vm, self: ObjId, s: string): ObjId => {
    const t = vm.heap.typeOf[self]!;
    if (t === vm.t.unicode || (!vm.py2 && t === vm.t.str)) return vm.newStr(s, true);
    return vm.newBytes(s);
  };
  const text = (vm: Vm, self: ObjId) => vm.data[self] as string;
  const strOrBytes = (vm: Vm, o: ObjId, what: string): string => {
    const t = vm.heap.typeOf[o]!;
    if (vm.isStrType(t) || t === vm.t.bytes) return vm.data[o] as string;
    return vm.raise('TypeError', `${what} must be str, not ${vm.typeNameOf(o)}`);
  };
  m.set('join', (vm, base, argc, kw, self) => {
    arity(vm, 'join', argc, 1, 1, kw);
    const items = iterateToArray(vm, vm.stack[base]!);
    try {
      const parts = items.map((it, i) => {
        const t = vm.heap.typeOf[it]!;
        if (!(vm.isStrType(t) || t === vm.t.bytes)) vm.raise('TypeError', vm.py2 ? `sequence item ${i}: expected string, ${vm.typeNameOf(it)} found` : `sequence item ${i}: expected str instance, ${vm.typeNameOf(it)} found`);
        return vm.data[it] as string;
      });
      const total = parts.reduce((n, p) => n + p.length, 0);
      if (total > vm.memory.pool.poolBytes) vm.raiseMemoryError();
      return same(vm, self, parts.join(text(vm, self)));
    } finally {
      for (const it of items) vm.decref(it);
    }
  });
  m.set('split', (vm, base, argc, kw, self) => {
    arity(vm, 'split', argc, 0, 2, kw);
    const s = text(vm, self);
    const sep = argc > 0 && vm.stack[base]! !== vm.None ? strOrBytes(vm, vm.stack[base]!, 'separator') : null;
    const max = argc > 1 ? intArg(vm, vm.stack[base + 1]!, 'maxsplit') : -1;
    let parts: string[];
    if (sep === null) parts = splitWhitespace(s, max, spaceTest(vm, self));
    else {
      if (sep === '') vm.raise('ValueError', 'empty separator');
      const all = s.split(sep);
      parts = max >= 0 && all.length > max + 1 ? [...all.slice(0, max), all.slice(max).join(sep)] : all;
    }
    const objs = parts.map((p) => same(vm, self, p));
    const list = listFrom(vm, objs);
    for (const o of objs) vm.decref(o);
    return list;
  });
  const strip = (name: string, how: (s: string, chars: string | null) => string) => (vm: Vm, base: number, argc: number, kw: string[] | null, self: ObjId) => {
    arity(vm, name, argc, 0, 1, kw);
    const chars = argc > 0 && vm.stack[base]! !== vm.None ? strOrBytes(vm, vm.stack[base]!, 'chars') : null;
    return same(vm, self, how(text(vm, self), chars));
  };
  const ws = ' \t\n\r\x0b\x0c';
  const lstrip = (s: string, c: string | null) => {
    const set = c ?? ws;
    let i = 0;
    while (i < s.length && set.includes(s[i]!)) i++;
    return s.slice(i);
  };
  const rstrip = (s: string, c: string | null) => {
    const set = c ?? ws;
    let i = s.length;
    while (i > 0 && set.includes(s[i - 1]!)) i--;
    return s.slice(0, i);
  };
  m.set('strip', strip('strip', (s, c) => lstrip(rstrip(s, c), c)));
  m.set('lstrip', strip('lstrip', lstrip));
  m.set('rstrip', strip('rstrip', rstrip));
  // Case: bytes (and 2.x str) change ASCII letters only; text uses Unicode case mappings,
  // full ones on 3.x ('ß'.upper() == 'SS'), simple one-to-one ones on 2.x unicode.
  const caseMode = (vm: Vm, self: ObjId): CaseMode => {
    const t = vm.heap.typeOf[self]!;
    if (t === vm.t.unicode) return 'simple';
    return !vm.py2 && t === vm.t.str ? 'full' : 'ascii';
  };
  const cased = (name: string, f: (s: string, mode: CaseMode, vm: Vm) => string) => (vm: Vm, _base: number, argc: number, kw: string[] | null, self: ObjId) => {
    arity(vm, name, argc, 0, 0, kw);
    return same(vm, self, f(text(vm, self), caseMode(vm, self), vm));
  };
  m.set('upper', cased('upper', (s, mode) => mapChars(s, mode, upperOf)));
  m.set('lower', cased('lower', (s, mode) => mapChars(s, mode, lowerOf)));
  m.set('title', cased('title', (s, mode) => {
    let out = '';
    let previousCased = false;
    for (const c of s) {
      out += previousCased ? lowerOf(c, mode) : titleOf(c, mode);
      previousCased = isCasedChar(c, mode);
    }
    return out;
  }));
  // 3.8+ capitalizes with the title case of the first character; earlier versions upper-case it.
  m.set('capitalize', cased('capitalize', (s, mode, vm) => {
    if (s.length === 0) return s;
    const first = String.fromCodePoint(s.codePointAt(0)!);
    const head = !vm.py2 && vm.version.minor >= 8 ? titleOf(first, mode) : upperOf(first, mode);
    return head + mapChars(s.slice(first.length), mode, lowerOf);
  }));
  const test = (name: string, f: (s: string, arg: string) => boolean) => (vm: Vm, base: number, argc: number, kw: string[] | null, self: ObjId) => {
    arity(vm, name, argc, 1, 3, kw);
    const full = text(vm, self);
    const [from, to] = sliceBounds(vm, base + 1, argc - 1, full.length);
    if (from > full.length) return vm.bool(false);
    const s = full.slice(from, to);
    const a = vm.stack[base]!;
    if (vm.heap.typeOf[a] === vm.t.tuple) return vm.bool(vm.items(a).some((x) => f(s, strOrBytes(vm, x, 'prefix'))));
    return vm.bool(f(s, strOrBytes(vm, a, name === 'startswith' ? 'prefix' : 'suffix')));
  };
  m.set('startswith', test('startswith', (s, a) => s.startsWith(a)));
  m.set('endswith', test('endswith', (s, a) => s.endsWith(a)));
  const find = (name: string, f: (s: string, a: string) => number, raise: boolean) => (vm: Vm, base: number, argc: number, kw: string[] | null, self: ObjId) => {
    arity(vm, name, argc, 1, 3, kw);
    const s = text(vm, self);
    const [from, to] = sliceBounds(vm, base + 1, argc - 1, s.length);
    const sub = strOrBytes(vm, vm.stack[base]!, 'sub');
    const part = s.slice(from, to);
    let r = from <= s.length && sub.length <= part.length ? f(part, sub) : -1;
    if (r >= 0) r += from;
    if (raise && r < 0) vm.raise('ValueError', 'substring not found');
    return vm.newInt(r);
  };
  m.set('find', find('find', (s, a) => s.indexOf(a), false));
  m.set('rfind', find('rfind', (s, a) => s.lastIndexOf(a), false));
  m.set('index', find('index', (s, a) => s.indexOf(a), true));
  m.set('swapcase', cased('swapcase', (s, mode) => mapChars(s, mode, (c, md) => {
    const up = upperOf(c, md);
    if (up !== c) return up;
    return lowerOf(c, md);
  })));
  const partition = (name: string, fromRight: boolean) => (vm: Vm, base: number, argc: number, kw: string[] | null, self: ObjId) => {
    arity(vm, name, argc, 1, 1, kw);
    const s = text(vm, self);
    const sep = strOrBytes(vm, vm.stack[base]!, 'sep');
    if (sep === '') vm.raise('ValueError', 'empty separator');
    const i = fromRight ? s.lastIndexOf(sep) : s.indexOf(sep);
    const parts = i < 0 ? (fromRight ? ['', '', s] : [s, '', '']) : [s.slice(0, i), sep, s.slice(i + sep.length)];
    return vm.newTupleOwned(parts.map((p) => same(vm, self, p)));
  };
  m.set('partition', partition('partition', false));
  m.set('rpartition', partition('rpartition', true));
  m.set('rsplit', (vm, base, argc, kw, self) => {
    arity(vm, 'rsplit', argc, 0, 2, kw);
    const s = text(vm, self);
    const sep = argc > 0 && vm.stack[base]! !== vm.None ? strOrBytes(vm, vm.stack[base]!, 'separator') : null;
    const max = argc > 1 ? intArg(vm, vm.stack[base + 1]!, 'maxsplit') : -1;
    let parts: string[];
    if (sep === null) parts = rsplitWhitespace(s, max, spaceTest(vm, self));
    else {
      if (sep === '') vm.raise('ValueError', 'empty separator');
      const all = s.split(sep);
      parts = max >= 0 && all.length > max + 1 ? [all.slice(0, all.length - max).join(sep), ...all.slice(all.length - max)] : all;
    }
    const objs = parts.map((p) => same(vm, self, p));
    const list = listFrom(vm, objs);
    for (const o of objs) vm.decref(o);
    return list;
  });
  m.set('count', (vm, base, argc, kw, self) => {
    arity(vm, 'count', argc, 1, 3, kw);
    const sub = strOrBytes(vm, vm.stack[base]!, 'sub');
    const [from, to] = sliceBounds(vm, base + 1, argc - 1, text(vm, self).length);
    const s = text(vm, self).slice(from, to);
    return vm.newInt(sub === '' ? s.length + 1 : s.split(sub).length - 1);
  });
  m.set('replace', (vm, base, argc, kw, self) => {
    arity(vm, 'replace', argc, 2, 3, kw);
    const old = strOrBytes(vm, vm.stack[base]!, 'old');
    const neu = strOrBytes(vm, vm.stack[base + 1]!, 'new');
    const count = argc > 2 ? intArg(vm, vm.stack[base + 2]!, 'count') : -1;
    let s = text(vm, self);
    if (old === '') {
      // The empty string matches before every character and at the end.
      const chars = isTextType(vm, self) ? Array.from(s) : s.split('');
      const n = count < 0 ? chars.length + 1 : Math.min(count, chars.length + 1);
      if (n * neu.length + s.length > vm.memory.pool.poolBytes) vm.raiseMemoryError();
      let out = '';
      for (let i = 0; i < chars.length; i++) out += i < n ? neu + chars[i]! : chars[i]!;
      s = n > chars.length ? out + neu : out;
    } else if (count < 0) s = s.split(old).join(neu);
    else {
      const parts = s.split(old);
      s = parts.slice(0, count + 1).join(neu) + (parts.length > count + 1 ? old + parts.slice(count + 1).join(old) : '');
    }
    if (s.length > vm.memory.pool.poolBytes) vm.raiseMemoryError();
    return same(vm, self, s);
  });
  // Bytes (and Python 2 str) test ASCII, as CPython's C-locale byte predicates; text (3.x str,
  // 2.x unicode) tests Unicode categories as Py_UNICODE_IS*: alphabetic = L*, digit = Nd plus
  // the digit-valued No characters (superscripts, circled digits), cased by Lu/Ll/Lt.
  const predicate = (name: string, re: RegExp, unicodeRe: RegExp) => (vm: Vm, _base: number, argc: number, kw: string[] | null, self: ObjId) => {
    arity(vm, name, argc, 0, 0, kw);
    const s = text(vm, self);
    const t = vm.heap.typeOf[self]!;
    const isText = t === vm.t.unicode || (!vm.py2 && t === vm.t.str);
    return vm.bool(s.length > 0 && (isText ? unicodeRe : re).test(s));
  };
  const DIGIT = '\\p{Nd}\\u00B2\\u00B3\\u00B9\\u2070\\u2074-\\u2079\\u2080-\\u2089\\u2460-\\u2468\\u2474-\\u247C\\u2488-\\u2490\\u24EA\\u24F5-\\u24FD\\u24FF\\u2776-\\u277E\\u2780-\\u2788\\u278A-\\u2792';
  m.set('isdigit', predicate('isdigit', /^[0-9]+$/, new RegExp(`^[${DIGIT}]+$`, 'u')));
  m.set('isalpha', predicate('isalpha', /^[A-Za-z]+$/, /^\p{L}+$/u));
  m.set('isalnum', predicate('isalnum', /^[A-Za-z0-9]+$/, /^[\p{L}\p{N}]+$/u));
  m.set('isspace', (vm, _base, argc, kw, self) => {
    arity(vm, 'isspace', argc, 0, 0, kw);
    const s = text(vm, self);
    const space = spaceTest(vm, self);
    for (let i = 0; i < s.length; i++) if (!space(s.charCodeAt(i))) return vm.bool(false);
    return vm.bool(s.length > 0);
  });
  m.set('isupper', predicate('isupper', /^[^a-z]*[A-Z][^a-z]*$/, /^[^\p{Ll}\p{Lt}]*\p{Lu}[^\p{Ll}\p{Lt}]*$/u));
  m.set('islower', predicate('islower', /^[^A-Z]*[a-z][^A-Z]*$/, /^[^\p{Lu}\p{Lt}]*\p{Ll}[^\p{Lu}\p{Lt}]*$/u));
  const pad = (name: string, f: (s: string, w: number, c: string) => string) => (vm: Vm, base: number, argc: number, kw: string[] | null, self: ObjId) => {
    arity(vm, name, argc, 1, 2, kw);
    const w = intArg(vm, vm.stack[base]!, 'width');
    if (w > vm.memory.pool.poolBytes) vm.raiseMemoryError();
    const c = argc > 1 ? strOrBytes(vm, vm.stack[base + 1]!, 'fillchar') : ' ';
    return same(vm, self, f(text(vm, self), w, c));
  };
  m.set('ljust', pad('ljust', (s, w, c) => s.padEnd(w, c)));
  m.set('rjust', pad('rjust', (s, w, c) => s.padStart(w, c)));
  m.set('center', pad('center', (s, w, c) => {
    const total = Math.max(0, w - s.length);
    const left = Math.floor(total / 2) + (total & w & 1);
    return c.repeat(left) + s + c.repeat(total - left);
  }));
  m.set('zfill', (vm, base, argc, kw, self) => {
    arity(vm, 'zfill', argc, 1, 1, kw);
    const w = intArg(vm, vm.stack[base]!, 'width');
    const s = text(vm, self);
    const sign = s[0] === '-' || s[0] === '+' ? s[0] : '';
    return same(vm, self, sign + s.slice(sign.length).padStart(w - sign.length, '0'));
  });
  m.set('splitlines', (vm, _base, argc, kw, self) => {
    arity(vm, 'splitlines', argc, 0, 1, kw);
    const s = text(vm, self);
    const parts = s.length === 0 ? [] : s.replace(/\r\n?|\n$/g, (x) => (x === '\n' ? '' : '\n')).split('\n');
    const objs = parts.map((p) => same(vm, self, p));
    const list = listFrom(vm, objs);
    for (const o of objs) vm.decref(o);
    return list;
  });
  m.set('format', (vm, base, argc, kw, self) => {
    const args = vm.stack.slice(base, base + argc);
    const kwargs = new Map<string, ObjId>();
    kw?.forEach((k, i) => kwargs.set(k, vm.stack[base + argc + i]!));
    try {
      const out = strFormat(text(vm, self), args, kwargs, {
        getAttr: (v, name) => {
          const r = getAttr(vm, v, name);
          vm.decref(r); // borrowed for the duration of the format call (the owner keeps it alive)
          return r;
        },
        getItem: (v, key) => {
          const k = typeof key === 'number' ? vm.newInt(key) : vm.newNativeStr(key);
          try {
            const r = getItem(vm, v, k);
            vm.decref(r);
            return r;
          } finally {
            vm.decref(k);
          }
        },
        str: (v) => strOf(vm, v),
        repr: (v) => reprOf(vm, v),
        format: (v, spec) => formatValue(vm, v, spec),
      }, vm.py2 ? (vm.version.minor >= 7 ? 'py27' : 'py24') : 'py3');
      return same(vm, self, out);
    } catch (e) {
      if (e instanceof FormatError) vm.raise(e.pyType, e.message);
      throw e;
    }
  });
  // 3.x: str.encode and bytes.decode (installTypeMethods drops the other of each). 2.x: both on
  // str and unicode, through the default codec (ascii) first as CPython 2 does.
  m.set('encode', (vm, base, argc, kw, self) => {
    const [encoding, errors] = codecArgs(vm, 'encode', base, argc, kw, vm.py2 ? 'ascii' : 'utf-8');
    const s = isTextType(vm, self) ? text(vm, self) : decodeBytes(vm, text(vm, self), 'ascii', 'strict');
    return vm.newBytes(encodeText(vm, s, encoding, errors));
  });
  m.set('decode', (vm, base, argc, kw, self) => {
    const [encoding, errors] = codecArgs(vm, 'decode', base, argc, kw, vm.py2 ? 'ascii' : 'utf-8');
    const b = isTextType(vm, self) ? encodeText(vm, text(vm, self), 'ascii', 'strict') : text(vm, self);
    return vm.newStr(decodeBytes(vm, b, encoding, errors), true);
  });
  return m;
}

function intMethods(): TypeMethods {
  const m: TypeMethods = new Map();
  m.set('bit_length', (vm, _b, argc, kw, self) => {
    arity(vm, 'bit_length', argc, 0, 0, kw);
    const v = BigInt(vm.data[self] as number | bigint);
    return vm.newInt((v < 0n ? -v : v).toString(2).replace(/^0$/, '').length);
  });
  m.set('conjugate', (vm, _b, _argc, _kw, self) => {
    vm.incref(self);
    return self;
  });
  return m;
}

function floatMethods(): TypeMethods {
  const m: TypeMethods = new Map();
  m.set('is_integer', (vm, _b, argc, kw, self) => {
    arity(vm, 'is_integer', argc, 0, 0, kw);
    return vm.bool(Number.isInteger(vm.data[self] as number));
  });
  return m;
}

/**
 * bytearray's read-only methods are bytes' own (find, count, startswith, split, strip, upper,
 * replace ...): run on a bytes copy, with bytes results turned back into bytearrays as CPython's
 * bytearray methods return them.
 */
const BYTEARRAY_FROM_BYTES = ['find', 'rfind', 'index', 'rindex', 'count', 'startswith', 'endswith', 'split', 'rsplit', 'splitlines', 'partition', 'rpartition',
  'strip', 'lstrip', 'rstrip', 'lower', 'upper', 'swapcase', 'title', 'capitalize', 'replace', 'isdigit', 'isalpha', 'isalnum', 'isspace', 'islower', 'isupper',
  'join', 'center', 'ljust', 'rjust', 'zfill', 'expandtabs', 'hex'];

function byteArrayMethods(bytesTable: TypeMethods): TypeMethods {
  const m: TypeMethods = new Map();
  for (const name of BYTEARRAY_FROM_BYTES) {
    const method = bytesTable.get(name);
    if (!method) continue;
    m.set(name, (vm, base, argc, kw, self) => {
      const copy = vm.newBytes(charsOfBytes(vm.data[self] as number[]));
      // Arguments that are bytearrays are read as bytes too.
      const saved: [number, ObjId][] = [];
      for (let i = 0; i < argc; i++) {
        const a = vm.stack[base + i]!;
        if (vm.heap.typeOf[a] === vm.t.bytearray) {
          saved.push([base + i, a]);
          vm.stack[base + i] = vm.newBytes(charsOfBytes(vm.data[a] as number[]));
        }
      }
      let r: ObjId;
      try {
        r = method(vm, base, argc, kw, copy);
      } finally {
        for (const [at, a] of saved) {
          vm.decref(vm.stack[at]!);
          vm.stack[at] = a;
        }
        vm.decref(copy);
      }
      return asByteArrays(vm, r);
    });
  }
  m.set('insert', (vm, base, argc, kw, self) => {
    arity(vm, 'insert', argc, 2, 2, kw);
    const b = vm.data[self] as number[];
    let i = intArg(vm, vm.stack[base]!, 'index');
    const v = intArg(vm, vm.stack[base + 1]!, 'byte');
    if (v < 0 || v > 255) vm.raise('ValueError', 'byte must be in range(0, 256)');
    if (i < 0) i = Math.max(0, i + b.length);
    b.splice(Math.min(i, b.length), 0, v);
    chargeByteArray(vm, self);
    return vm.none();
  });
  m.set('remove', (vm, base, argc, kw, self) => {
    arity(vm, 'remove', argc, 1, 1, kw);
    const b = vm.data[self] as number[];
    const i = b.indexOf(intArg(vm, vm.stack[base]!, 'byte'));
    if (i < 0) vm.raise('ValueError', vm.py2 ? 'value not found in bytearray' : 'value not found in bytearray');
    b.splice(i, 1);
    chargeByteArray(vm, self);
    return vm.none();
  });
  m.set('reverse', (vm, _base, argc, kw, self) => {
    arity(vm, 'reverse', argc, 0, 0, kw);
    (vm.data[self] as number[]).reverse();
    return vm.none();
  });
  m.set('clear', (vm, _base, argc, kw, self) => {
    arity(vm, 'clear', argc, 0, 0, kw);
    (vm.data[self] as number[]).length = 0;
    chargeByteArray(vm, self);
    return vm.none();
  });
  m.set('append', (vm, base, argc, kw, self) => {
    arity(vm, 'append', argc, 1, 1, kw);
    const v = intArg(vm, vm.stack[base]!, 'byte');
    if (v < 0 || v > 255) vm.raise('ValueError', 'byte must be in range(0, 256)');
    (vm.data[self] as number[]).push(v);
    try {
      chargeByteArray(vm, self);
    } catch (e) {
      (vm.data[self] as number[]).pop();
      throw e;
    }
    return vm.none();
  });
  m.set('extend', (vm, base, argc, kw, self) => {
    arity(vm, 'extend', argc, 1, 1, kw);
    extendByteArray(vm, self, vm.stack[base]!);
    return vm.none();
  });
  m.set('decode', (vm, base, argc, kw, self) => {
    const [encoding, errors] = codecArgs(vm, 'decode', base, argc, kw, vm.py2 ? 'ascii' : 'utf-8');
    const data = vm.data[self] as number[];
    let b = '';
    for (let i = 0; i < data.length; i++) b += String.fromCharCode(data[i]!);
    return vm.newStr(decodeBytes(vm, b, encoding, errors), true);
  });
  m.set('pop', (vm, base, argc, kw, self) => {
    arity(vm, 'pop', argc, 0, 1, kw);
    const b = vm.data[self] as number[];
    if (b.length === 0) vm.raise('IndexError', 'pop from empty bytearray');
    let i = argc > 0 ? intArg(vm, vm.stack[base]!, 'index') : b.length - 1;
    if (i < 0) i += b.length;
    if (i < 0 || i >= b.length) vm.raise('IndexError', 'pop index out of range');
    const [v] = b.splice(i, 1);
    chargeByteArray(vm, self);
    return vm.newInt(v!);
  });
  m.set('copy', (vm, _base, _argc, _kw, self) => newByteArray(vm, [...(vm.data[self] as number[])]));
  return m;
}

/** bytearray.extend / +=: in place; nothing changes when it fails. */
export function extendByteArray(vm: Vm, self: ObjId, value: ObjId): void {
  const more = bytesFromValue(vm, value, 'can\'t extend bytearray with str', (it) => intArg(vm, it, 'byte'));
  const b = vm.data[self] as number[];
  const before = b.length;
  try {
    for (const v of more) b.push(v);
    chargeByteArray(vm, self);
  } catch (e) {
    b.length = before;
    throw e;
  }
}

/** A method's bytes results as bytearrays (str on Python 2 is bytes): a value, or inside a list or tuple. */
function asByteArrays(vm: Vm, r: ObjId): ObjId {
  const t = vm.heap.typeOf[r]!;
  const isBytes = (o: ObjId) => vm.heap.typeOf[o] === vm.t.bytes || (vm.py2 && vm.heap.typeOf[o] === vm.t.str);
  if (isBytes(r)) {
    const bytes = bytesOfText(vm.data[r] as string);
    vm.decref(r);
    return newByteArray(vm, bytes);
  }
  if (t === vm.t.list || t === vm.t.tuple) {
    const items = vm.items(r);
    if (!items.some(isBytes)) return r;
    const converted = items.map((o) => {
      vm.incref(o);
      return asByteArrays(vm, o);
    });
    vm.decref(r);
    if (t === vm.t.tuple) return vm.newTupleOwned(converted);
    try {
      return listFrom(vm, converted);
    } finally {
      for (const c of converted) vm.decref(c);
    }
  }
  return r;
}

/** Optional start/end arguments (None allowed), resolved like a slice against `n`. */
function sliceBounds(vm: Vm, at: number, count: number, n: number): [number, number] {
  const pick = (i: number, dflt: number) => {
    if (count <= i || vm.stack[at + i] === vm.None) return dflt;
    let v = intArg(vm, vm.stack[at + i]!, 'slice index');
    if (v < 0) v = Math.max(0, v + n);
    return Math.min(v, n + 1);
  };
  return [pick(0, 0), Math.min(pick(1, n), n)];
}

export { call1 };

// Operators: arithmetic, comparison, truth, containment and subscripts, with the
// semantics of the profile's Python (2.x integer division and mixed-type ordering,
// int/long promotion on the device's word size; 3.x true division and TypeErrors).
// Every function returns a new reference and leaves its operands borrowed.

import { NULL_REF, type ObjId } from '../../memory/index.js';
import { dictContains, dictDelete, dictEntries, dictGet, dictSize, mergeKeys, newSet, setAdd, setContains } from './dicts.js';
import { callObject, getAttrOrNull, lookupClassAttr } from './objects.js';
import { reprOf, strOf, percent } from './text.js';
import type { BinaryOperator } from '../syntax/ast.js';
import { charsOfBytes } from './text-format.js';
import { bytesLikeText, bytesOfText, newByteArray } from './bytes.js';
import { extraTypes } from './extra-types.js';
import type { Vm } from './vm.js';

type Num = number | bigint;

export function isIntType(vm: Vm, t: number): boolean {
  return t === vm.t.int || t === vm.t.long;
}

/** The numeric value of an int, long, bool or float, or undefined. */
export function numberOf(vm: Vm, obj: ObjId): Num | undefined {
  const t = vm.heap.typeOf[obj]!;
  if (t === vm.t.int || t === vm.t.long || t === vm.t.float) return vm.data[obj] as Num;
  return undefined;
}

// ---- truth ----

export function truthy(vm: Vm, obj: ObjId): boolean {
  if (obj === vm.True) return true;
  if (obj === vm.False || obj === vm.None) return false;
  const heap = vm.heap;
  const t = heap.typeOf[obj]!;
  const tt = vm.t;
  if (t === tt.int || t === tt.long || t === tt.float) {
    const v = vm.data[obj] as Num;
    return typeof v === 'bigint' ? v !== 0n : v !== 0;
  }
  if (t === tt.str || t === tt.unicode || t === tt.bytes) return (vm.data[obj] as string).length > 0;
  if (t === tt.list || t === tt.tuple) return heap.edgeLen[obj]! > 0;
  if (t === tt.dict || t === tt.set || t === tt.frozenset) return dictSize(vm, obj) > 0;
  if (t === tt.bytearray) return (vm.data[obj] as number[]).length > 0;
  if (t === tt.instance || t === tt['classic-instance']) {
    const cls = vm.classOf(obj);
    for (const name of vm.py2 ? ['__nonzero__', '__len__'] : ['__bool__', '__len__']) {
      const m = lookupClassAttr(vm, cls, name);
      if (m !== NULL_REF) {
        const r = callMethodNoArgs(vm, obj, name);
        const v = numberOf(vm, r);
        vm.decref(r);
        return v !== undefined && v !== 0 && v !== 0n;
      }
    }
  }
  return true;
}

export function callMethodNoArgs(vm: Vm, obj: ObjId, name: string): ObjId {
  const m = getAttrOrNull(vm, obj, name);
  if (m === NULL_REF) vm.raise('AttributeError', `'${vm.typeNameOf(obj)}' object has no attribute '${name}'`);
  try {
    return callObject(vm, m, vm.sp, 0, null);
  } finally {
    vm.decref(m);
  }
}

/** Calls a method with one borrowed argument. */
export function callMethod1(vm: Vm, obj: ObjId, name: string, arg: ObjId): ObjId {
  const m = getAttrOrNull(vm, obj, name);
  if (m === NULL_REF) vm.raise('AttributeError', `'${vm.typeNameOf(obj)}' object has no attribute '${name}'`);
  const base = vm.sp;
  vm.incref(arg);
  vm.push(arg);
  try {
    return callObject(vm, m, base, 1, null);
  } finally {
    vm.unwindTo(base);
    vm.decref(m);
  }
}

// ---- arithmetic ----

/** Makes an int result (promoting to long / bigint as needed). */
function intResult(vm: Vm, v: Num): ObjId {
  if (typeof v === 'bigint') return vm.newBigInt(v);
  return Number.isSafeInteger(v) ? vm.newInt(v) : vm.newBigInt(BigInt(v));
}

function isLong(vm: Vm, obj: ObjId): boolean {
  return vm.heap.typeOf[obj] === vm.t.long;
}

const OP_NAMES: Record<BinaryOperator, [string, string]> = {
  '+': ['__add__', '__radd__'],
  '-': ['__sub__', '__rsub__'],
  '*': ['__mul__', '__rmul__'],
  '/': ['__truediv__', '__rtruediv__'],
  '//': ['__floordiv__', '__rfloordiv__'],
  '%': ['__mod__', '__rmod__'],
  '**': ['__pow__', '__rpow__'],
  '<<': ['__lshift__', '__rlshift__'],
  '>>': ['__rshift__', '__rrshift__'],
  '&': ['__and__', '__rand__'],
  '|': ['__or__', '__ror__'],
  '^': ['__xor__', '__rxor__'],
};

/** The operators whose small-int results are computed without the general path. */
export type SmallIntOp = '+' | '-' | '*' | '//' | '%';

export function isSmallIntOp(op: string): op is SmallIntOp {
  return op === '+' || op === '-' || op === '*' || op === '//' || op === '%';
}

/**
 * `a OP b` when both are small ints (held as numbers) and the exact result is one too: a new
 * reference; else NULL_REF (other types, big values, division by zero), and the caller takes
 * the general path (binaryOp).
 */
export function smallIntArith(vm: Vm, op: SmallIntOp, a: ObjId, b: ObjId): ObjId {
  const heap = vm.heap;
  const intT = vm.t.int;
  if (heap.typeOf[a] !== intT || heap.typeOf[b] !== intT) return NULL_REF;
  const x = vm.data[a];
  const y = vm.data[b];
  if (typeof x !== 'number' || typeof y !== 'number') return NULL_REF;
  const s = op === '+' ? x + y : op === '-' ? x - y : op === '*' ? x * y : y === 0 ? NaN : op === '//' ? Math.floor(x / y) : ((x % y) + y) % y;
  const limit = vm.maxShortInt;
  return s <= limit && s >= -limit - 1 && Number.isSafeInteger(s) ? vm.newInt(s) : NULL_REF;
}

/** a <op> b. `trueDivision`: Python 3, or `from __future__ import division`. */
export function binaryOp(vm: Vm, op: BinaryOperator, a: ObjId, b: ObjId, trueDivision: boolean, inplace = false): ObjId {
  const heap = vm.heap;
  const ta = heap.typeOf[a]!;
  const tb = heap.typeOf[b]!;
  const tt = vm.t;
  const aNum = ta === tt.int || ta === tt.long || ta === tt.float;
  const bNum = tb === tt.int || tb === tt.long || tb === tt.float;
  if (aNum && bNum) {
    const result = numericOp(vm, op, a, b, ta === tt.float || tb === tt.float, trueDivision);
    if (result !== NULL_REF) return result;
  }
  if ((op === '&' || op === '|' || op === '-' || op === '^') && (ta === tt.iterator || tb === tt.iterator) && (isSetView(vm, a) || isSetView(vm, b))) {
    // dictviews_and ...: both sides as sets; the result is a set.
    return withSets(vm, a, b, (sa, sb) => setAlgebra(vm, op, sa, sb, false));
  }
  const seq = sequenceOp(vm, op, a, b, ta, tb);
  if (seq !== NULL_REF) return seq;
  // User classes: __add__ and friends, then the reflected method.
  const [name, rname] = OP_NAMES[op];
  const div = op === '/' && !trueDivision ? '__div__' : null;
  if (ta === tt.instance || ta === tt['classic-instance']) {
    const m = lookupClassAttr(vm, vm.classOf(a), div ?? name);
    if (m !== NULL_REF) return callMethod1(vm, a, div ?? name, b);
  }
  if (tb === tt.instance || tb === tt['classic-instance']) {
    const r = div ? '__rdiv__' : rname;
    const m = lookupClassAttr(vm, vm.classOf(b), r);
    if (m !== NULL_REF) return callMethod1(vm, b, r, a);
  }
  return vm.raise('TypeError', operandError(vm, op, a, b, ta, tb, inplace));
}

/** CPython's wording for an unsupported operand pair. */
function operandError(vm: Vm, op: BinaryOperator, a: ObjId, b: ObjId, ta: number, tb: number, inplace = false): string {
  const tt = vm.t;
  const seq = (t: number) => t === tt.str || t === tt.unicode || t === tt.bytes || t === tt.list || t === tt.tuple;
  if (op === '+' && seq(ta)) {
    if (vm.py2 && (ta === tt.str || ta === tt.unicode)) return `cannot concatenate '${vm.typeNameOf(a)}' and '${vm.typeNameOf(b)}' objects`;
    return `can only concatenate ${vm.typeNameOf(a)} (not "${vm.typeNameOf(b)}") to ${vm.typeNameOf(a)}`;
  }
  if (op === '*' && (seq(ta) || seq(tb))) return `can't multiply sequence by non-int of type '${vm.typeNameOf(seq(ta) ? b : a)}'`;
  // In-place forms name the augmented operator (2.x keeps '** or pow()' for **=).
  const shown = op === '**' && (!inplace || vm.py2) ? '** or pow()' : inplace ? `${op}=` : op;
  return `unsupported operand type(s) for ${shown}: '${vm.typeNameOf(a)}' and '${vm.typeNameOf(b)}'`;
}

/**
 * An int or long as a float, correctly rounded (PyLong_AsDouble): OverflowError when it is
 * beyond the largest float, as CPython raises.
 */
export function intToFloat(vm: Vm, v: Num): number {
  if (typeof v === 'number') return v;
  const f = Number(v);
  if (!Number.isFinite(f)) vm.raise('OverflowError', vm.py2 ? 'long int too large to convert to float' : 'int too large to convert to float');
  return f;
}

const TWO_53 = 2 ** 53;

/**
 * a / b for ints, correctly rounded as CPython's long_true_divide (2.7, 3.x): exact when both
 * fit a double's 53 bits, otherwise from a 55+-bit integer quotient with a sticky bit.
 */
export function trueDivideInts(vm: Vm, x: Num, y: Num): number {
  if (typeof x === 'number' && typeof y === 'number' && Math.abs(x) <= TWO_53 && Math.abs(y) <= TWO_53) {
    if (y === 0) vm.raise('ZeroDivisionError', 'division by zero');
    return x / y;
  }
  let a = BigInt(x);
  let b = BigInt(y);
  if (b === 0n) vm.raise('ZeroDivisionError', 'division by zero');
  const negative = (a < 0n) !== (b < 0n);
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  if (a === 0n) return negative ? -0 : 0;
  // Quotient with at least 55 significant bits, the remainder folded into its lowest bit.
  const shift = 55 - (exactBitLength(a) - exactBitLength(b));
  const num = shift >= 0 ? a << BigInt(shift) : a;
  const den = shift >= 0 ? b : b << BigInt(-shift);
  let q = num / den;
  if (num % den !== 0n) q |= 1n;
  // q < 2^57: Number(q) rounds it once to 53 bits; the power-of-two scaling is then exact
  // (results in the subnormal range may be rounded twice).
  const half = Math.trunc(-shift / 2);
  const r = Number(q) * Math.pow(2, half) * Math.pow(2, -shift - half);
  if (!Number.isFinite(r)) vm.raise('OverflowError', 'integer division result too large for a float');
  return negative ? -r : r;
}

function numericOp(vm: Vm, op: BinaryOperator, a: ObjId, b: ObjId, float: boolean, trueDivision: boolean): ObjId {
  const x = vm.data[a] as Num;
  const y = vm.data[b] as Num;
  if (float) {
    const fx = typeof x === 'number' ? x : intToFloat(vm, x);
    const fy = typeof y === 'number' ? y : intToFloat(vm, y);
    switch (op) {
      case '+': return vm.newFloat(fx + fy);
      case '-': return vm.newFloat(fx - fy);
      case '*': return vm.newFloat(fx * fy);
      case '/':
        if (fy === 0) vm.raise('ZeroDivisionError', vm.py2 ? 'float division by zero' : 'float division by zero');
        return vm.newFloat(fx / fy);
      case '//':
        if (fy === 0) vm.raise('ZeroDivisionError', vm.py2 ? 'float divmod()' : 'float floor division by zero');
        return vm.newFloat(Math.floor(fx / fy));
      case '%': {
        if (fy === 0) vm.raise('ZeroDivisionError', 'float modulo');
        let m = fx % fy;
        if (m !== 0 && (m < 0) !== (fy < 0)) m += fy;
        return vm.newFloat(m);
      }
      case '**': {
        if (fx === 0 && fy < 0) vm.raise('ZeroDivisionError', vm.py2 ? '0.0 cannot be raised to a negative power' : '0.0 cannot be raised to a negative power');
        if (fx < 0 && !Number.isInteger(fy)) {
          if (vm.py2) vm.raise('ValueError', 'negative number cannot be raised to a fractional power');
          return vm.raise('ValueError', 'complex results are not supported on this device');
        }
        const r = Math.pow(fx, fy);
        if (!Number.isFinite(r) && Number.isFinite(fx) && Number.isFinite(fy)) vm.raise('OverflowError', vm.py2 ? '(34, \'Numerical result out of range\')' : "(34, 'Numerical result out of range')");
        return vm.newFloat(r);
      }
      default:
        return vm.raise('TypeError', `unsupported operand type(s) for ${op}: '${vm.typeNameOf(a)}' and '${vm.typeNameOf(b)}'`);
    }
  }
  const long = vm.py2 && (isLong(vm, a) || isLong(vm, b));
  if (typeof x === 'number' && typeof y === 'number' && !long) {
    switch (op) {
      case '+': return intResult(vm, x + y);
      case '-': return intResult(vm, x - y);
      case '*': {
        const r = x * y;
        return Number.isSafeInteger(r) ? intResult(vm, r) : vm.newBigInt(BigInt(x) * BigInt(y));
      }
      case '/':
      case '//':
        if (op === '/' && trueDivision) return vm.newFloat(trueDivideInts(vm, x, y));
        // Python 2 classic division of ints is floor division.
        if (y === 0) vm.raise('ZeroDivisionError', vm.py2 && op === '/' ? 'integer division or modulo by zero' : 'integer division or modulo by zero');
        return intResult(vm, Math.floor(x / y));
      case '%': {
        if (y === 0) vm.raise('ZeroDivisionError', !vm.py2 && vm.version.minor >= 11 ? 'integer modulo by zero' : 'integer division or modulo by zero');
        let m = x % y;
        if (m !== 0 && (m < 0) !== (y < 0)) m += y;
        return intResult(vm, m);
      }
      case '**': {
        if (y < 0) {
          if (x === 0) vm.raise('ZeroDivisionError', vm.py2 ? '0.0 cannot be raised to a negative power' : '0.0 cannot be raised to a negative power');
          return vm.newFloat(Math.pow(x, y));
        }
        const r = Math.pow(x, y);
        if (Number.isSafeInteger(r)) return intResult(vm, r);
        checkIntBits(vm, y * Math.log2(Math.abs(x) || 1));
        return vm.newBigInt(BigInt(x) ** BigInt(y));
      }
      case '&': return intResult(vm, Number(BigInt(x) & BigInt(y)));
      case '|': return intResult(vm, Number(BigInt(x) | BigInt(y)));
      case '^': return intResult(vm, Number(BigInt(x) ^ BigInt(y)));
      case '<<':
        if (y < 0) vm.raise('ValueError', 'negative shift count');
        checkIntBits(vm, y + 53);
        return vm.newBigInt(BigInt(x) << BigInt(y));
      case '>>':
        if (y < 0) vm.raise('ValueError', 'negative shift count');
        return vm.newBigInt(BigInt(x) >> BigInt(y));
    }
  }
  // Big integers (and Python 2 longs, whose results stay long).
  const bx = BigInt(x);
  const by = BigInt(y);
  let r: bigint;
  switch (op) {
    case '+': r = bx + by; break;
    case '-': r = bx - by; break;
    case '*': r = bx * by; break;
    case '/':
    case '//':
      if (op === '/' && trueDivision) return vm.newFloat(trueDivideInts(vm, bx, by));
      if (by === 0n) vm.raise('ZeroDivisionError', vm.py2 ? 'long division or modulo by zero' : 'integer division or modulo by zero');
      r = floorDiv(bx, by);
      break;
    case '%':
      if (by === 0n) vm.raise('ZeroDivisionError', vm.py2 ? 'long division or modulo by zero' : 'integer division or modulo by zero');
      r = bx - floorDiv(bx, by) * by;
      break;
    case '**':
      if (by < 0n) return vm.newFloat(Math.pow(Number(bx), Number(by)));
      checkIntBits(vm, Number(by) * bitLengthOf(bx));
      r = bx ** by;
      break;
    case '&': r = bx & by; break;
    case '|': r = bx | by; break;
    case '^': r = bx ^ by; break;
    case '<<':
      if (by < 0n) vm.raise('ValueError', 'negative shift count');
      checkIntBits(vm, Number(by) + bitLengthOf(bx));
      r = bx << by;
      break;
    case '>>':
      if (by < 0n) vm.raise('ValueError', 'negative shift count');
      r = bx >> by;
      break;
  }
  return long ? vm.newLong(r) : vm.newBigInt(r);
}

/**
 * The largest integer the device will build: 2^24 bits (2 MiB). A bigger one could not fit
 * any device's pool, and computing it would stall the host; it is a MemoryError, raised
 * before any work is done.
 */
const MAX_INT_BITS = 1 << 24;

function checkIntBits(vm: Vm, bits: number): void {
  if (!(bits <= MAX_INT_BITS)) vm.raiseMemoryError();
}

/** The number of bits of a positive bigint (exact, unlike bitLengthOf's nibble count). */
function exactBitLength(v: bigint): number {
  const hex = v.toString(16);
  return (hex.length - 1) * 4 + (32 - Math.clz32(parseInt(hex[0]!, 16)));
}

function bitLengthOf(v: bigint): number {
  const a = v < 0n ? -v : v;
  return a === 0n ? 0 : a.toString(16).length * 4;
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n) && ((a < 0n) !== (b < 0n)) ? q - 1n : q;
}

/** Maximum items a sequence repetition may create (it would exhaust any device pool anyway). */
const MAX_REPEAT_ITEMS = 1 << 28;

function sequenceOp(vm: Vm, op: BinaryOperator, a: ObjId, b: ObjId, ta: number, tb: number): ObjId {
  const tt = vm.t;
  const heap = vm.heap;
  const aStr = ta === tt.str || ta === tt.unicode || ta === tt.bytes;
  if (op === '%' && aStr) return percent(vm, a, b);
  const isSet = (t: number) => t === tt.set || t === tt.frozenset;
  if (isSet(ta) && isSet(tb) && (op === '|' || op === '&' || op === '-' || op === '^')) return setAlgebra(vm, op, a, b, ta === tt.frozenset);
  if (ta === tt.bytearray || tb === tt.bytearray) {
    // bytearray + bytes-like (either side: the result is a bytearray when the left one is,
    // bytes otherwise), and bytearray * n.
    if (op === '+') {
      const x = bytesLikeText(vm, a);
      const y = bytesLikeText(vm, b);
      if (x !== null && y !== null) {
        // 3.x: the left operand's type; 2.x: a bytearray on either side makes one.
        if (ta === tt.bytearray || vm.py2) return newByteArray(vm, bytesOfText(x + y));
        return vm.newBytes(x + y);
      }
      if (ta === tt.bytearray) vm.raise('TypeError', `can't concat ${vm.typeNameOf(b)} to bytearray`);
    }
    if (op === '*' && (isIntType(vm, ta) || isIntType(vm, tb))) {
      const arr = ta === tt.bytearray ? a : b;
      const n = Number(vm.data[arr === a ? b : a] as number);
      const text = bytesLikeText(vm, arr)!;
      return newByteArray(vm, bytesOfText(n > 0 ? text.repeat(n) : ''));
    }
  }
  if (op === '+') {
    if (aStr && (tb === ta || (vm.py2 && (tb === tt.str || tb === tt.unicode)))) {
      const s = (vm.data[a] as string) + (vm.data[b] as string);
      if (ta === tt.bytes || (vm.py2 && ta === tt.str && tb === tt.str)) return vm.newBytes(s);
      return vm.newStr(s, vm.py2);
    }
    if ((ta === tt.list && tb === tt.list) || (ta === tt.tuple && tb === tt.tuple)) {
      const items = [...vm.items(a), ...vm.items(b)];
      return ta === tt.list ? listFrom(vm, items) : tupleFrom(vm, items);
    }
    return NULL_REF;
  }
  if (op === '*') {
    let seq = a;
    let count = b;
    let ts = ta;
    if (isIntType(vm, ta)) {
      seq = b;
      count = a;
      ts = tb;
    }
    if (!isIntType(vm, heap.typeOf[count]!)) return NULL_REF;
    const n = Math.max(0, Number(vm.data[count] as Num));
    if (ts === tt.str || ts === tt.unicode || ts === tt.bytes) {
      const s = vm.data[seq] as string;
      if (s.length * n > vm.memory.pool.poolBytes) vm.raiseMemoryError();
      const r = s.repeat(n);
      return ts === tt.unicode || (!vm.py2 && ts === tt.str) ? vm.newStr(r, true) : vm.newBytes(r);
    }
    if (ts === tt.list || ts === tt.tuple) {
      const items = vm.items(seq);
      if (items.length * n > MAX_REPEAT_ITEMS || items.length * n * vm.wordBytes > vm.memory.pool.poolBytes) vm.raiseMemoryError();
      const out: ObjId[] = [];
      for (let i = 0; i < n; i++) out.push(...items);
      return ts === tt.list ? listFrom(vm, out) : tupleFrom(vm, out);
    }
  }
  return NULL_REF;
}

/**
 * set | set, &, -, ^ (a new set, of the left operand's kind), built as CPython builds it, so
 * that the result's table order is CPython's: | copies the left and merges the right; &
 * walks the smaller set; - walks the left (or copies it and discards the right's keys when
 * the left is over four times larger); ^ copies the right and toggles the left's keys.
 */
export function setAlgebra(vm: Vm, op: '|' | '&' | '-' | '^', a: ObjId, b: ObjId, frozen: boolean): ObjId {
  const out = newSet(vm, frozen);
  vm.push(out);
  try {
    if (op === '|') {
      mergeKeys(vm, out, a);
      mergeKeys(vm, out, b);
    } else if (op === '&') {
      const [small, large] = dictSize(vm, b) > dictSize(vm, a) ? [a, b] : [b, a];
      for (const k of dictEntries(vm, small, 1)) if (setContains(vm, large, k)) setAdd(vm, out, k);
    } else if (op === '-') {
      if (dictSize(vm, a) >> 2 > dictSize(vm, b)) {
        mergeKeys(vm, out, a);
        for (const k of dictEntries(vm, b, 1)) dictDelete(vm, out, k, 1);
      } else for (const k of dictEntries(vm, a, 1)) if (!setContains(vm, b, k)) setAdd(vm, out, k);
    } else {
      mergeKeys(vm, out, b);
      for (const k of dictEntries(vm, a, 1)) if (!dictDelete(vm, out, k, 1)) setAdd(vm, out, k);
    }
  } finally {
    vm.sp--;
  }
  return out;
}

/** A new list of borrowed items. */
export function listFrom(vm: Vm, items: ObjId[]): ObjId {
  const list = vm.newList();
  try {
    for (const it of items) vm.listAppend(list, it);
  } catch (e) {
    vm.decref(list);
    throw e;
  }
  return list;
}

/** A new tuple of borrowed items. */
export function tupleFrom(vm: Vm, items: ObjId[]): ObjId {
  for (const it of items) vm.incref(it);
  return vm.newTupleOwned(items);
}

export function unaryOp(vm: Vm, op: '-' | '+' | '~', a: ObjId): ObjId {
  const t = vm.heap.typeOf[a]!;
  const v = vm.data[a] as Num;
  if (t === vm.t.float) {
    if (op === '~') vm.raise('TypeError', "bad operand type for unary ~: 'float'");
    return vm.newFloat(op === '-' ? -(v as number) : (v as number));
  }
  if (isIntType(vm, t)) {
    const long = t === vm.t.long;
    let r: Num;
    if (typeof v === 'number') r = op === '-' ? -v : op === '~' ? -v - 1 : v;
    else r = op === '-' ? -v : op === '~' ? -v - 1n : v;
    if (long) return vm.newLong(BigInt(r));
    return typeof r === 'number' ? (Object.is(r, -0) ? vm.newInt(0) : intResult(vm, r)) : vm.newBigInt(r);
  }
  if (t === vm.t.instance || t === vm.t['classic-instance']) {
    const name = op === '-' ? '__neg__' : op === '+' ? '__pos__' : '__invert__';
    if (lookupClassAttr(vm, vm.classOf(a), name) !== NULL_REF) return callMethodNoArgs(vm, a, name);
  }
  return vm.raise('TypeError', `bad operand type for unary ${op}: '${vm.typeNameOf(a)}'`);
}

// ---- comparison ----

/** a == b */
export function equals(vm: Vm, a: ObjId, b: ObjId, depth = 0): boolean {
  if (a === b) {
    const t = vm.heap.typeOf[a]!;
    return !(t === vm.t.float && Number.isNaN(vm.data[a] as number));
  }
  const heap = vm.heap;
  const ta = heap.typeOf[a]!;
  const tb = heap.typeOf[b]!;
  const tt = vm.t;
  const na = ta === tt.int || ta === tt.long || ta === tt.float;
  const nb = tb === tt.int || tb === tt.long || tb === tt.float;
  if (na && nb) return numEquals(vm.data[a] as Num, vm.data[b] as Num);
  if (vm.isStrType(ta) && vm.isStrType(tb)) return vm.data[a] === vm.data[b];
  if (ta === tt.bytes && tb === tt.bytes) return vm.data[a] === vm.data[b];
  if ((ta === tt.bytearray || tb === tt.bytearray) && bytesLikeText(vm, a) !== null && bytesLikeText(vm, b) !== null) {
    return bytesLikeText(vm, a) === bytesLikeText(vm, b);
  }
  if ((ta === tt.bytes || ta === tt.bytearray) && (tb === tt.bytes || tb === tt.bytearray)) {
    const bytesOf = (o: ObjId, t: number) => (t === tt.bytes ? vm.data[o] as string : charsOfBytes(vm.data[o] as number[]));
    return bytesOf(a, ta) === bytesOf(b, tb);
  }
  if ((ta === tt.iterator || tb === tt.iterator) && (isSetView(vm, a) || isSetView(vm, b))) {
    // A keys or items view equals a set or view with the same items.
    const setLike = (o: ObjId, t: number) => t === tt.set || t === tt.frozenset || isSetView(vm, o);
    if (!setLike(a, ta) || !setLike(b, tb)) return false;
    return withSets(vm, a, b, (sa, sb) => equals(vm, sa, sb, depth + 1));
  }
  if (depth > 200) vm.raise(vm.py2 ? 'RuntimeError' : 'RecursionError', 'maximum recursion depth exceeded in comparison');
  // Slices compare as the tuples (start, stop, step).
  if ((ta === tt.list && tb === tt.list) || (ta === tt.tuple && tb === tt.tuple) || (ta === tb && ta === extraTypes(vm).slice)) {
    const n = heap.edgeLen[a]!;
    if (n !== heap.edgeLen[b]!) return false;
    for (let i = 0; i < n; i++) if (!equals(vm, vm.item(a, i), vm.item(b, i), depth + 1)) return false;
    return true;
  }
  if (ta === tt.dict && tb === tt.dict) {
    if (dictSize(vm, a) !== dictSize(vm, b)) return false;
    const entries = dictEntries(vm, a);
    for (let i = 0; i < entries.length; i += 2) {
      const other = dictGet(vm, b, entries[i]!);
      if (other === NULL_REF || !equals(vm, entries[i + 1]!, other, depth + 1)) return false;
    }
    return true;
  }
  if (ta === tt.range && tb === tt.range) {
    const x = vm.data[a] as { start: number; stop: number; step: number };
    const y = vm.data[b] as { start: number; stop: number; step: number };
    const n = (r: typeof x) => (r.step > 0 ? Math.max(0, Math.ceil((r.stop - r.start) / r.step)) : Math.max(0, Math.ceil((r.start - r.stop) / -r.step)));
    const nx = n(x);
    if (nx !== n(y)) return false;
    if (nx === 0) return true;
    return x.start === y.start && (nx === 1 || x.step === y.step);
  }
  if ((ta === tt.set || ta === tt.frozenset) && (tb === tt.set || tb === tt.frozenset)) {
    if (dictSize(vm, a) !== dictSize(vm, b)) return false;
    return dictEntries(vm, a, 1).every((k) => setContains(vm, b, k));
  }
  if (ta === tt.instance || ta === tt['classic-instance'] || tb === tt.instance || tb === tt['classic-instance']) {
    const r = richCompareUser(vm, a, b, '__eq__', '__eq__');
    if (r !== undefined) return r;
    if (vm.py2) {
      // Python 2 falls back to __cmp__.
      for (const [self, other, sign] of [[a, b, 1], [b, a, -1]] as const) {
        const t = vm.heap.typeOf[self]!;
        if ((t === tt.instance || t === tt['classic-instance']) && lookupClassAttr(vm, vm.classOf(self), '__cmp__') !== NULL_REF) {
          const c = callMethod1(vm, self, '__cmp__', other);
          const v = Number(numberOf(vm, c) ?? 1) * sign;
          vm.decref(c);
          return v === 0;
        }
      }
    }
  }
  return false;
}

/** a != b: __ne__ when defined; Python 3 derives it from __eq__, Python 2 falls back to identity. */
export function notEquals(vm: Vm, a: ObjId, b: ObjId): boolean {
  const tt = vm.t;
  for (const [self, other] of [[a, b], [b, a]] as const) {
    const t = vm.heap.typeOf[self]!;
    if (t !== tt.instance && t !== tt['classic-instance']) continue;
    const cls = vm.classOf(self);
    if (lookupClassAttr(vm, cls, '__ne__') !== NULL_REF) {
      const r = callMethod1(vm, self, '__ne__', other);
      const v = truthy(vm, r);
      vm.decref(r);
      return v;
    }
    if (vm.py2 && lookupClassAttr(vm, cls, '__eq__') !== NULL_REF && lookupClassAttr(vm, cls, '__cmp__') === NULL_REF) return a !== b;
  }
  return !equals(vm, a, b);
}

function numEquals(x: Num, y: Num): boolean {
  if (typeof x === 'number' && typeof y === 'number') return x === y;
  if (typeof x === 'bigint' && typeof y === 'bigint') return x === y;
  const n = typeof x === 'number' ? x : (y as number);
  const big = typeof x === 'bigint' ? x : (y as bigint);
  return Number.isInteger(n) && BigInt(n) === big;
}

function richCompareUser(vm: Vm, a: ObjId, b: ObjId, name: string, reflected: string): boolean | undefined {
  for (const [self, other, method] of [[a, b, name], [b, a, reflected]] as const) {
    const t = vm.heap.typeOf[self]!;
    if (t !== vm.t.instance && t !== vm.t['classic-instance']) continue;
    if (lookupClassAttr(vm, vm.classOf(self), method) === NULL_REF) continue;
    const r = callMethod1(vm, self, method, other);
    const notImplemented = vm.builtins.get('NotImplemented');
    if (r === notImplemented) {
      vm.decref(r);
      continue;
    }
    const v = truthy(vm, r);
    vm.decref(r);
    return v;
  }
  return undefined;
}

export type Ordering = '<' | '<=' | '>' | '>=';

/** a < b and friends. */
export function orderCompare(vm: Vm, op: Ordering, a: ObjId, b: ObjId): boolean {
  const tt = vm.t;
  const ta = vm.heap.typeOf[a]!;
  const tb = vm.heap.typeOf[b]!;
  if ((ta === tt.set || ta === tt.frozenset) && (tb === tt.set || tb === tt.frozenset)) {
    // Sets order by inclusion.
    const sub = (x: ObjId, y: ObjId) => dictEntries(vm, x, 1).every((k) => setContains(vm, y, k));
    const na = dictSize(vm, a);
    const nb = dictSize(vm, b);
    switch (op) {
      case '<=': return sub(a, b);
      case '<': return na < nb && sub(a, b);
      case '>=': return sub(b, a);
      case '>': return nb < na && sub(b, a);
    }
  }
  const c = compareValues(vm, a, b, op, 0);
  switch (op) {
    case '<': return c < 0;
    case '<=': return c <= 0;
    case '>': return c > 0;
    case '>=': return c >= 0;
  }
}

/** Three-way comparison for ordering (NaN compares as unordered: every test false). */
export function compareValues(vm: Vm, a: ObjId, b: ObjId, op: Ordering | 'sort', depth: number): number {
  const heap = vm.heap;
  const ta = heap.typeOf[a]!;
  const tb = heap.typeOf[b]!;
  const tt = vm.t;
  const na = ta === tt.int || ta === tt.long || ta === tt.float;
  const nb = tb === tt.int || tb === tt.long || tb === tt.float;
  if (na && nb) {
    const x = vm.data[a] as Num;
    const y = vm.data[b] as Num;
    if (typeof x === 'number' && typeof y === 'number') return x < y ? -1 : x > y ? 1 : x === y ? 0 : NaN;
    const bx = typeof x === 'bigint' ? x : Number.isInteger(x) ? BigInt(x) : null;
    const by = typeof y === 'bigint' ? y : Number.isInteger(y) ? BigInt(y) : null;
    if (bx !== null && by !== null) return bx < by ? -1 : bx > by ? 1 : 0;
    const fx = Number(x);
    const fy = Number(y);
    return fx < fy ? -1 : fx > fy ? 1 : fx === fy ? 0 : NaN;
  }
  if ((vm.isStrType(ta) && vm.isStrType(tb)) || (ta === tt.bytes && tb === tt.bytes)) {
    const x = vm.data[a] as string;
    const y = vm.data[b] as string;
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if ((ta === tt.list && tb === tt.list) || (ta === tt.tuple && tb === tt.tuple) || (ta === tb && ta === extraTypes(vm).slice)) {
    if (depth > 200) vm.raise(vm.py2 ? 'RuntimeError' : 'RecursionError', 'maximum recursion depth exceeded in comparison');
    const n = Math.min(heap.edgeLen[a]!, heap.edgeLen[b]!);
    const data = vm.data;
    for (let i = 0; i < n; i++) {
      const x = vm.item(a, i);
      const y = vm.item(b, i);
      // Small ints (the common sort key): equal or ordered without the general comparisons.
      if (heap.typeOf[x] === tt.int && heap.typeOf[y] === tt.int) {
        const vx = data[x];
        const vy = data[y];
        if (typeof vx === 'number' && typeof vy === 'number') {
          if (vx !== vy) return vx < vy ? -1 : 1;
          continue;
        }
      }
      if (!equals(vm, x, y, depth + 1)) return compareValues(vm, x, y, op, depth + 1);
    }
    return heap.edgeLen[a]! - heap.edgeLen[b]!;
  }
  if (ta === tt.instance || ta === tt['classic-instance'] || tb === tt.instance || tb === tt['classic-instance']) {
    const lt = richCompareUser(vm, a, b, '__lt__', '__gt__');
    if (lt !== undefined) return lt ? -1 : equals(vm, a, b) ? 0 : 1;
    if (vm.py2) {
      const cmp = lookupClassAttr(vm, vm.classOf(a), '__cmp__');
      if (cmp !== NULL_REF) {
        const r = callMethod1(vm, a, '__cmp__', b);
        const v = Number(numberOf(vm, r) ?? 0);
        vm.decref(r);
        return v;
      }
    }
  }
  if (vm.py2) return py2MixedOrder(vm, a, b, ta, tb);
  const sym = op === 'sort' ? '<' : op;
  return vm.raise('TypeError', `'${sym}' not supported between instances of '${vm.typeNameOf(a)}' and '${vm.typeNameOf(b)}'`);
}

/** Python 2 orders unrelated types: None first, numbers next, then by type name, then by address. */
function py2MixedOrder(vm: Vm, a: ObjId, b: ObjId, ta: number, tb: number): number {
  const rank = (o: ObjId, t: number) => (o === vm.None ? 0 : t === vm.t.int || t === vm.t.long || t === vm.t.float ? 1 : 2);
  const ra = rank(a, ta);
  const rb = rank(b, tb);
  if (ra !== rb) return ra - rb;
  const na = vm.typeNameOf(a);
  const nb = vm.typeNameOf(b);
  if (na !== nb) return na < nb ? -1 : 1;
  const x = vm.heap.address[a]!;
  const y = vm.heap.address[b]!;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** `item in container` */
export function contains(vm: Vm, container: ObjId, item: ObjId): boolean {
  const heap = vm.heap;
  const t = heap.typeOf[container]!;
  const tt = vm.t;
  if (t === tt.dict) return dictContains(vm, container, item);
  if (t === tt.set || t === tt.frozenset) return setContains(vm, container, item);
  if (t === tt.list || t === tt.tuple) {
    const n = heap.edgeLen[container]!;
    for (let i = 0; i < n && i < heap.edgeLen[container]!; i++) if (equals(vm, vm.item(container, i), item)) return true;
    return false;
  }
  if (t === tt.bytearray) {
    const data = vm.data[container] as number[];
    if (isIntType(vm, heap.typeOf[item]!)) {
      const v = Number(vm.data[item] as number);
      if (!(v >= 0 && v <= 255)) vm.raise('ValueError', 'byte must be in range(0, 256)');
      return data.includes(v);
    }
    const needle = bytesLikeText(vm, item);
    if (needle === null) return vm.raise('TypeError', `a bytes-like object is required, not '${vm.typeNameOf(item)}'`);
    return charsOfBytes(data).includes(needle);
  }
  if (t === tt.bytes && !vm.py2 && isIntType(vm, heap.typeOf[item]!)) {
    const v = Number(vm.data[item] as number);
    if (!(v >= 0 && v <= 255)) vm.raise('ValueError', 'byte must be in range(0, 256)');
    return (vm.data[container] as string).includes(String.fromCharCode(v));
  }
  if (t === tt.str || t === tt.unicode || t === tt.bytes) {
    const ti = heap.typeOf[item]!;
    if (!(vm.isStrType(ti) || ti === tt.bytes)) {
      return vm.raise('TypeError', vm.py2 ? "'in <string>' requires string as left operand" : `'in <string>' requires string as left operand, not ${vm.typeNameOf(item)}`);
    }
    return (vm.data[container] as string).includes(vm.data[item] as string);
  }
  if (t === tt.instance || t === tt['classic-instance']) {
    const cls = vm.classOf(container);
    if (lookupClassAttr(vm, cls, '__contains__') !== NULL_REF) {
      const r = callMethod1(vm, container, '__contains__', item);
      const v = truthy(vm, r);
      vm.decref(r);
      return v;
    }
    if (lookupClassAttr(vm, cls, '__iter__') !== NULL_REF || lookupClassAttr(vm, cls, '__getitem__') !== NULL_REF) return containsByIteration(vm, container, item);
  }
  if (t === tt.range) {
    const r = vm.data[container] as { start: number; stop: number; step: number };
    const v = numberOf(vm, item);
    if (v === undefined || typeof v === 'bigint' || !Number.isInteger(v)) return v === undefined ? containsByIteration(vm, container, item) : false;
    const inside = r.step > 0 ? v >= r.start && v < r.stop : v <= r.start && v > r.stop;
    return inside && (v - r.start) % r.step === 0;
  }
  if (t === tt.iterator) return containsByIteration(vm, container, item);
  return vm.raise('TypeError', vm.py2 ? `argument of type '${vm.typeNameOf(container)}' is not iterable` : `argument of type '${vm.typeNameOf(container)}' is not iterable`);
}

/** `in` by walking the iterable (CPython's fallback when there is no __contains__). */
function containsByIteration(vm: Vm, container: ObjId, item: ObjId): boolean {
  const it = getIterFn!(vm, container);
  try {
    for (let v = iterNextFn!(vm, it); v !== NULL_REF; v = iterNextFn!(vm, it)) {
      const eq = v === item || equals(vm, v, item);
      vm.decref(v);
      if (eq) return true;
    }
    return false;
  } finally {
    vm.decref(it);
  }
}

/** A 3.x keys or items view: set-like (`d.keys() & s`, `d.items() == s`). */
function isSetView(vm: Vm, o: ObjId): boolean {
  if (vm.heap.typeOf[o] !== vm.t.iterator) return false;
  const view = (vm.data[o] as { view?: string }).view;
  return view === 'keys' || view === 'items';
}

/**
 * set(iterable) / frozenset(iterable): a set, frozenset or dict merges in its table order,
 * presized once (set_update_internal); anything else is iterated.
 */
export function setOf(vm: Vm, src: ObjId, frozen: boolean): ObjId {
  const s = newSet(vm, frozen);
  vm.push(s);
  try {
    const st = vm.heap.typeOf[src];
    if (st === vm.t.set || st === vm.t.frozenset || st === vm.t.dict) mergeKeys(vm, s, src);
    else {
      const it = getIterFn!(vm, src);
      try {
        for (let v = iterNextFn!(vm, it); v !== NULL_REF; v = iterNextFn!(vm, it)) {
          try {
            setAdd(vm, s, v);
          } finally {
            vm.decref(v);
          }
        }
      } finally {
        vm.decref(it);
      }
    }
  } catch (e) {
    vm.sp--;
    vm.decref(s);
    throw e;
  }
  vm.sp--;
  return s;
}

/** `f` of both operands as sets (a set is used as is; a view or iterable is made into one), released after. */
function withSets<R>(vm: Vm, a: ObjId, b: ObjId, f: (sa: ObjId, sb: ObjId) => R): R {
  const asSet = (o: ObjId) => {
    const t = vm.heap.typeOf[o]!;
    if (t !== vm.t.set && t !== vm.t.frozenset) return setOf(vm, o, false);
    vm.incref(o);
    return o;
  };
  const sa = asSet(a);
  vm.push(sa);
  try {
    const sb = asSet(b);
    vm.push(sb);
    try {
      return f(sa, sb);
    } finally {
      vm.sp--;
      vm.decref(sb);
    }
  } finally {
    vm.sp--;
    vm.decref(sa);
  }
}

let getIterFn: ((vm: Vm, o: ObjId) => ObjId) | null = null;
let iterNextFn: ((vm: Vm, it: ObjId) => ObjId) | null = null;
/** Installed by sequences.ts (which imports this module): iteration for `in`. */
export function installIteration(getIter: (vm: Vm, o: ObjId) => ObjId, iterNext: (vm: Vm, it: ObjId) => ObjId): void {
  getIterFn = getIter;
  iterNextFn = iterNext;
}

export { reprOf, strOf };

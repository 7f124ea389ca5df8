// Python 3's int.to_bytes and int.from_bytes (a class method: bool.from_bytes gives a bool),
// with argument clinic's checks and messages: 3.11 made length 1 and byteorder 'big' the
// defaults; `signed` is keyword-only and taken by truth value.

import { NULL_REF, type ObjId } from '../../memory/index.js';
import { getIter, iterNext } from './sequences.js';
import { dictSetStr } from './dicts.js';
import type { ClassBuiltinInfo } from './descriptors.js';
import { intern, newBuiltinMethod, typeMethods } from './objects.js';
import { isIntType, truthy } from './ops.js';
import { PyException } from './errors.js';
import type { BuiltinCall, KwArgs, Vm } from './vm.js';

export function installIntBytes(vm: Vm): void {
  if (vm.py2) return;
  const defaults = vm.version.minor >= 11;
  const toBytes: BuiltinCall = (vm, base, argc, kw, self) => {
    const [lengthObj, orderObj, signedObj] = clinicArguments(vm, 'to_bytes', base, argc, kw, ['length', 'byteorder', 'signed'], defaults ? 0 : 2, 2);
    const length = lengthObj === NULL_REF ? 1n : indexOf(vm, lengthObj);
    if (length > vm.maxShortBig) vm.raise('OverflowError', 'Python int too large to convert to C ssize_t');
    const little = byteOrder(vm, 'to_bytes', orderObj);
    const signed = signedObj !== NULL_REF && truthy(vm, signedObj);
    if (length < 0n) vm.raise('ValueError', 'length argument must be non-negative');
    if (length > BigInt(vm.memory.pool.poolBytes)) vm.raiseMemoryError();
    return vm.newBytes(toByteString(vm, BigInt(vm.data[self] as number | bigint), Number(length), little, signed));
  };
  const fromBytes = (vm: Vm, base: number, argc: number, kw: KwArgs | null, cls: ObjId): ObjId => {
    const [bytesObj, orderObj, signedObj] = clinicArguments(vm, 'from_bytes', base, argc, kw, ['bytes', 'byteorder', 'signed'], 1, 2);
    const little = byteOrder(vm, 'from_bytes', orderObj);
    const signed = signedObj !== NULL_REF && truthy(vm, signedObj);
    const bytes = bytesOf(vm, bytesObj!);
    let v = 0n;
    for (let i = 0; i < bytes.length; i++) v = (v << 8n) | BigInt(bytes[little ? bytes.length - 1 - i : i]!);
    if (signed && bytes.length > 0 && bytes[little ? bytes.length - 1 : 0]! >= 0x80) v -= 1n << BigInt(8 * bytes.length);
    // Called on bool (a subclass): the result is made through the class, as CPython does.
    if (vm.classInfo(cls).builtin === 'bool') return vm.bool(v !== 0n);
    return vm.newBigInt(v);
  };
  for (const t of [vm.t.int, vm.t.long]) {
    const methods = typeMethods(vm)[t]!;
    methods.set('to_bytes', toBytes);
    // (5).from_bytes(...) binds the instance's class.
    methods.set('from_bytes', (vm, base, argc, kw, self) => fromBytes(vm, base, argc, kw, vm.classOf(self)));
  }
  const m = newBuiltinMethod(vm, 'from_bytes', (vm, base, argc, kw, self) => {
    if (self === NULL_REF) vm.raise('TypeError', "descriptor 'from_bytes' of 'int' object needs an argument");
    return fromBytes(vm, base, argc, kw, self);
  }, NULL_REF);
  (vm.data[m] as ClassBuiltinInfo).classMethod = true;
  vm.heap.refcnt[m] = 1 << 29;
  dictSetStr(vm, vm.classInfo(vm.classes.get('int')!).dict, 'from_bytes', intern(vm, 'from_bytes'), m);
}

/**
 * Argument clinic's unpacking of (positional-or-keyword..., keyword-only...) parameters:
 * `params` in order, the first `maxpos` positional. Borrowed values, NULL_REF when absent.
 */
function clinicArguments(vm: Vm, fname: string, base: number, argc: number, kw: KwArgs | null, params: string[], minpos: number, maxpos: number): ObjId[] {
  const nkw = kw ? kw.length : 0;
  const maxargs = params.length;
  if (argc + nkw > maxargs) vm.raise('TypeError', `${fname}() takes at most ${maxargs} ${argc === 0 ? 'keyword ' : ''}argument${maxargs === 1 ? '' : 's'} (${argc + nkw} given)`);
  if (argc > maxpos) vm.raise('TypeError', `${fname}() takes ${minpos < maxpos ? 'at most' : 'exactly'} ${maxpos} positional argument${maxpos === 1 ? '' : 's'} (${argc} given)`);
  const out = params.map((_, i) => (i < argc ? vm.stack[base + i]! : NULL_REF));
  let left = nkw;
  for (let i = argc; i < maxargs; i++) {
    const k = kw ? kw.indexOf(params[i]!) : -1;
    if (k >= 0) {
      out[i] = vm.stack[base + argc + k]!;
      left--;
    } else if (i < minpos) {
      vm.raise('TypeError', `${fname}() missing required argument '${params[i]}' (pos ${i + 1})`);
    }
  }
  if (left > 0) {
    for (let i = 0; i < argc; i++) {
      if (kw!.includes(params[i]!)) vm.raise('TypeError', `argument for ${fname}() given by name ('${params[i]}') and position (${i + 1})`);
    }
    const unknown = kw!.find((k) => !params.includes(k))!;
    vm.raise('TypeError', vm.version.minor >= 13 ? `${fname}() got an unexpected keyword argument '${unknown}'` : `'${unknown}' is an invalid keyword argument for ${fname}()`);
  }
  return out;
}

function indexOf(vm: Vm, o: ObjId): bigint {
  if (!isIntType(vm, vm.heap.typeOf[o]!)) vm.raise('TypeError', `'${vm.typeNameOf(o)}' object cannot be interpreted as an integer`);
  return BigInt(vm.data[o] as number | bigint);
}

/** Whether the byte order is little-endian (default 'big'). */
function byteOrder(vm: Vm, fname: string, o: ObjId): boolean {
  if (o === NULL_REF) return false;
  if (vm.heap.typeOf[o] !== vm.t.str) vm.raise('TypeError', `${fname}() argument 'byteorder' must be str, not ${o === vm.None ? 'None' : vm.typeNameOf(o)}`);
  const s = vm.data[o] as string;
  if (s === 'little') return true;
  if (s !== 'big') vm.raise('ValueError', "byteorder must be either 'little' or 'big'");
  return false;
}

/** _PyLong_AsByteArray: `length` bytes of `v`, two's complement when signed (0 bytes hold 0, and signed -1). */
function toByteString(vm: Vm, v: bigint, length: number, little: boolean, signed: boolean): string {
  if (!signed && v < 0n) vm.raise('OverflowError', "can't convert negative int to unsigned");
  const bits = BigInt(8 * length);
  const fits = signed ? (length === 0 ? v === 0n || v === -1n : v >= -(1n << (bits - 1n)) && v < 1n << (bits - 1n)) : v < 1n << bits;
  if (!fits) vm.raise('OverflowError', 'int too big to convert');
  let u = v < 0n ? v + (1n << bits) : v;
  const out = new Array<string>(length);
  for (let i = 0; i < length; i++) {
    out[little ? i : length - 1 - i] = String.fromCharCode(Number(u & 0xffn));
    u >>= 8n;
  }
  return out.join('');
}

/** bytes(obj) as from_bytes takes it: bytes-like, or an iterable of ints in range(256); never str. */
function bytesOf(vm: Vm, o: ObjId): number[] {
  const t = vm.heap.typeOf[o]!;
  if (t === vm.t.bytes) {
    const s = vm.data[o] as string;
    const out = new Array<number>(s.length);
    for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
    return out;
  }
  if (t === vm.t.bytearray) return [...(vm.data[o] as number[])];
  const cannot = () => vm.raise('TypeError', `cannot convert '${vm.typeNameOf(o)}' object to bytes`);
  if (t === vm.t.str) cannot();
  let it: ObjId;
  try {
    it = getIter(vm, o);
  } catch (e) {
    if (e instanceof PyException && vm.classInfo(vm.classOf(e.exc)).name === 'TypeError') {
      vm.decref(e.exc);
      cannot();
    }
    throw e;
  }
  const out: number[] = [];
  try {
    for (let v = iterNext(vm, it); v !== NULL_REF; v = iterNext(vm, it)) {
      try {
        const n = indexOf(vm, v);
        if (n < 0n || n > 255n) vm.raise('ValueError', 'bytes must be in range(0, 256)');
        out.push(Number(n));
      } finally {
        vm.decref(v);
      }
    }
  } finally {
    vm.decref(it);
  }
  return out;
}

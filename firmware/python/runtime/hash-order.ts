// Where CPython puts a key in its hash table, so that sets (every version) and Python 2 dicts
// iterate, print and pop in CPython's order: its hash functions (per version and word size)
// and its open-addressing probes, insertions, dummies and resizes. The heap entries of such a
// table lie in slot order (NULL in empty and dummy slots), so every iteration over the heap
// entries sees CPython's order.
//
// Exact where CPython's order is deterministic: str keys on Python 2 (hash randomisation is
// off by default there), ints, bools, integral floats and tuples of those. Where CPython's
// order depends on memory addresses (instances, None, functions) or on a per-process random
// seed (str on Python 3), a fixed stand-in hash keeps memsim deterministic.

import type { ObjId } from '../../memory/index.js';
import type { KeyCode } from './dict-table.js';
import type { Vm } from './vm.js';

/** A hash as C's size_t sees it: low and high 32 bits (high is 0 on a 32-bit device). */
export interface Hash {
  lo: number;
  hi: number;
}

const TWO32 = 4294967296;

/** x * m + add (mod 2^64) for x = (hi, lo) and m, add < 2^21 (exact in doubles). */
function mulAdd64(hi: number, lo: number, m: number, add: number): Hash {
  const low = lo * m + add;
  const carry = Math.floor(low / TWO32);
  return { lo: low >>> 0, hi: (hi * m + carry) >>> 0 };
}

/** A signed value (a JS integer or bigint) as a size_t of the word size. */
function fromSigned(v: bigint, wordBytes: 4 | 8): Hash {
  if (wordBytes === 4) return { lo: Number(BigInt.asUintN(32, v)), hi: 0 };
  const u = BigInt.asUintN(64, v);
  return { lo: Number(u & 0xffffffffn), hi: Number(u >> 32n) };
}

function toSigned(h: Hash, wordBytes: 4 | 8): bigint {
  if (wordBytes === 4) return BigInt.asIntN(32, BigInt(h.lo));
  return BigInt.asIntN(64, (BigInt(h.hi) << 32n) | BigInt(h.lo));
}

const MINUS_ONE = -1n;

/** CPython's rule: a hash of -1 means "error", so -1 hashes as -2. */
function fixMinusOne(v: bigint): bigint {
  return v === MINUS_ONE ? -2n : v;
}

/** Python 2's string hash (stringobject.c string_hash), over the code units. */
function py2StrHash(s: string, wordBytes: 4 | 8): Hash {
  const n = s.length;
  if (n === 0) return { lo: 0, hi: 0 };
  if (wordBytes === 4) {
    let x = (s.charCodeAt(0) << 7) | 0;
    for (let i = 0; i < n; i++) x = Math.imul(1000003, x) ^ s.charCodeAt(i);
    x ^= n;
    if (x === -1) x = -2;
    return { lo: x >>> 0, hi: 0 };
  }
  let h: Hash = { lo: (s.charCodeAt(0) << 7) >>> 0, hi: 0 };
  for (let i = 0; i < n; i++) {
    h = mulAdd64(h.hi, h.lo, 1000003, 0);
    h.lo = (h.lo ^ s.charCodeAt(i)) >>> 0;
  }
  h.lo = (h.lo ^ n) >>> 0;
  if (h.lo === 0xffffffff && h.hi === 0xffffffff) h.lo = 0xfffffffe;
  return h;
}

/** A fixed stand-in for hashes CPython randomises per process (str on Python 3): 64-bit FNV-1a. */
function standInStrHash(s: string, wordBytes: 4 | 8): Hash {
  let lo = 0x84222325;
  let hi = 0xcbf29ce4;
  for (let i = 0; i < s.length; i++) {
    lo = (lo ^ s.charCodeAt(i)) >>> 0;
    // multiply by the FNV prime 2^40 + 0x1b3
    const a = lo * 0x1b3;
    const carry = Math.floor(a / TWO32);
    const newHi = (hi * 0x1b3 + carry + ((lo << 8) >>> 0)) >>> 0;
    lo = a >>> 0;
    hi = newHi;
  }
  return wordBytes === 4 ? { lo, hi: 0 } : { lo, hi };
}

/** hash(n) for an integer: its value as a C long on Python 2, modulo 2^61 - 1 on Python 3. */
function intHash(v: bigint, vm: Vm): Hash {
  if (vm.py2) {
    const bits = vm.wordBytes * 8;
    const max = (1n << BigInt(bits - 1)) - 1n;
    let x = v;
    if (x > max || x < -max - 1n) {
      // long_hash: the value folded modulo ULONG_MAX, sign kept.
      const mod = (1n << BigInt(bits)) - 1n;
      x = v < 0n ? -((-v) % mod) : v % mod;
    }
    return fromSigned(fixMinusOne(x), vm.wordBytes);
  }
  const mod = vm.wordBytes === 8 ? (1n << 61n) - 1n : (1n << 31n) - 1n;
  const x = v < 0n ? -((-v) % mod) : v % mod;
  return fromSigned(fixMinusOne(x), vm.wordBytes);
}

/**
 * The hash a class's own `__hash__` gives, from the int it returned (slot_tp_hash): on
 * Python 2 an int is taken as it is and a long hashed as a long; on Python 3 an int that fits
 * a Py_ssize_t is taken as it is, a larger one hashed as an int. -1 becomes -2.
 */
export function userHash(vm: Vm, v: bigint, isLong: boolean): Hash {
  const bits = BigInt(vm.wordBytes * 8);
  const fits = v >= -(1n << (bits - 1n)) && v < 1n << (bits - 1n);
  if ((vm.py2 && isLong) || !fits) return intHash(v, vm);
  return fromSigned(fixMinusOne(v), vm.wordBytes);
}

/** A hash as the signed value hash() returns. */
export function hashValue(vm: Vm, h: Hash): bigint {
  return toSigned(h, vm.wordBytes);
}

/** The key's hash as CPython computes it (or a stand-in, see above). */
export function hashOf(vm: Vm, key: ObjId, code: KeyCode, isStr: boolean): Hash {
  if (isStr) return vm.py2 ? py2StrHash(code as string, vm.wordBytes) : standInStrHash(code as string, vm.wordBytes);
  if (typeof code === 'number') {
    if (Number.isInteger(code)) return intHash(BigInt(code), vm);
    return floatHash(vm, code);
  }
  if (typeof code === 'bigint') return intHash(code, vm);
  const t = vm.heap.typeOf[key]!;
  if (t === vm.t.tuple) return tupleHash(vm, key);
  // 3.12+ slice_hash: the tuple hash of (start, stop, step) without the length step.
  if (code.startsWith('\0:')) return tupleHash(vm, key, true);
  if (code.startsWith('\0i')) {
    // Identity hash: CPython's pointer hash (the address rotated by 4 bits); the object's id
    // stands in for its address.
    return fromSigned(BigInt(key), vm.wordBytes);
  }
  return standInStrHash(code, vm.wordBytes);
}

/** The hash of a tuple item that is not itself a tuple, as a signed C value. */
function leafHash(vm: Vm, item: ObjId): bigint {
  const t = vm.heap.typeOf[item]!;
  const tt = vm.t;
  let h: Hash;
  if (t === tt.str || t === tt.unicode || (vm.py2 && t === tt.bytes)) h = vm.py2 ? py2StrHash(vm.data[item] as string, vm.wordBytes) : standInStrHash(vm.data[item] as string, vm.wordBytes);
  else if (t === tt.int || t === tt.long) h = intHash(BigInt(vm.data[item] as number | bigint), vm);
  else if (t === tt.float) {
    const v = vm.data[item] as number;
    h = Number.isInteger(v) ? intHash(BigInt(v), vm) : floatHash(vm, v);
  }
  else h = fromSigned(BigInt(item), vm.wordBytes);
  return toSigned(h, vm.wordBytes);
}

/** C's frexp: v = m * 2^e with 0.5 <= |m| < 1. */
function frexp(v: number): [number, number] {
  if (v === 0 || !Number.isFinite(v)) return [v, 0];
  let e = Math.max(-1073, Math.floor(Math.log2(Math.abs(v))) + 1);
  let m = v * Math.pow(2, -e);
  while (Math.abs(m) < 0.5) {
    m *= 2;
    e--;
  }
  while (Math.abs(m) >= 1) {
    m /= 2;
    e++;
  }
  return [m, e];
}

/** hash() of a float that is not an integer (_Py_HashDouble of the version). */
function floatHash(vm: Vm, v: number): Hash {
  if (!Number.isFinite(v)) {
    if (Number.isNaN(v)) return { lo: 0, hi: 0 };
    return fromSigned(v > 0 ? 314159n : -314159n, vm.wordBytes);
  }
  if (vm.py2) {
    const bits = vm.wordBytes * 8;
    let [m, e] = frexp(v);
    m *= 2147483648;
    const hipart = Math.trunc(m);
    m = (m - hipart) * 2147483648;
    const x = BigInt.asIntN(bits, BigInt(hipart) + BigInt(Math.trunc(m)) + (BigInt(e) << 15n));
    return fromSigned(fixMinusOne(x), vm.wordBytes);
  }
  const BITS = vm.wordBytes === 8 ? 61n : 31n;
  const MOD = (1n << BITS) - 1n;
  let [m, e] = frexp(v);
  let sign = 1n;
  if (m < 0) {
    sign = -1n;
    m = -m;
  }
  let x = 0n;
  while (m) {
    x = ((x << 28n) & MOD) | (x >> (BITS - 28n));
    m *= 268435456;
    e -= 28;
    const y = Math.trunc(m);
    m -= y;
    x += BigInt(y);
    if (x >= MOD) x -= MOD;
  }
  const eb = BigInt(e >= 0 ? e % Number(BITS) : Number(BITS) - 1 - ((-1 - e) % Number(BITS)));
  x = ((x << eb) & MOD) | (x >> (BITS - eb));
  return fromSigned(fixMinusOne(x * sign), vm.wordBytes);
}

/** A tuple whose hash is being computed: its items, the next one, and the running state. */
interface PendingHash {
  items: ObjId[];
  next: number;
  /** 2.x: x and mult; 3.x: acc. */
  x: bigint;
  mult: bigint;
}

/**
 * Python 2's tuplehash, and Python 3.8+'s xxHash-based one. Nested tuples are hashed with an
 * explicit stack rather than by recursion: CPython hashes a 100,000-deep tuple, and so must
 * the device without overflowing the host's stack.
 */
function tupleHash(vm: Vm, tuple: ObjId, rootIsSlice = false): Hash {
  const bits = vm.wordBytes * 8;
  const wrap = (v: bigint) => BigInt.asUintN(bits, v);
  const py2 = vm.py2;
  const [p1, p2, p5, rot] = bits === 64
    ? [11400714785074694791n, 14029467366897019727n, 2870177450012600261n, 31n]
    : [2654435761n, 2246822519n, 374761393n, 13n];
  const open = (t: ObjId): PendingHash => ({ items: vm.items(t), next: 0, x: py2 ? 0x345678n : p5, mult: 1000003n });
  /** Folds one item's hash (a signed C value) into the tuple's state. */
  const feed = (p: PendingHash, y: bigint) => {
    if (py2) {
      const len = p.items.length - p.next;
      p.x = wrap((p.x ^ wrap(y)) * p.mult);
      p.mult = wrap(p.mult + 82520n + BigInt(len + len));
      return;
    }
    let acc = wrap(p.x + wrap(y) * p2);
    acc = wrap((acc << rot) | (acc >> (BigInt(bits) - rot)));
    p.x = wrap(acc * p1);
  };
  /** The finished tuple's hash as a signed C value. */
  const finish = (p: PendingHash): bigint => {
    if (py2) return fixMinusOne(BigInt.asIntN(bits, wrap(p.x + 97531n)));
    const signed = BigInt.asIntN(bits, rootIsSlice && stack.length === 0 ? p.x : wrap(p.x + (BigInt(p.items.length) ^ (p5 ^ 3527539n))));
    return signed === MINUS_ONE ? 1546275796n : signed;
  };
  const stack: PendingHash[] = [open(tuple)];
  for (;;) {
    const top = stack[stack.length - 1]!;
    if (top.next < top.items.length) {
      const item = top.items[top.next]!;
      if (vm.heap.typeOf[item] === vm.t.tuple) {
        stack.push(open(item));
        continue;
      }
      top.next++;
      feed(top, leafHash(vm, item));
      continue;
    }
    stack.pop();
    const h = finish(top);
    if (stack.length === 0) return fromSigned(h, vm.wordBytes);
    const parent = stack[stack.length - 1]!;
    parent.next++;
    feed(parent, h);
  }
}

function shift(p: Hash): void {
  p.lo = ((p.lo >>> 5) | ((p.hi & 31) << 27)) >>> 0;
  p.hi = p.hi >>> 5;
}

/** Python 3's probe step: perturb >>= 5, then i = i*5 + perturb + 1 (low 32 bits of i). */
function nextProbe3(i: number, p: Hash): number {
  shift(p);
  return (Math.imul(i, 5) + p.lo + 1) >>> 0;
}

/** Python 2's probe step: i = i*5 + perturb + 1, then perturb >>= 5 (i is never masked). */
function nextProbe2(i: number, p: Hash): number {
  const next = (Math.imul(i, 5) + p.lo + 1) >>> 0;
  shift(p);
  return next;
}

/** The slots of a table: occupied (a key), a dummy (deleted), or empty. */
export interface SlotState {
  occupied(slot: number): boolean;
  dummy(slot: number): boolean;
}

/**
 * The slot a key known to be absent goes to. `linear`: Python 3's set probing (up to nine
 * neighbours before each jump, the last dummy on the way reused); otherwise Python 2's
 * (the first dummy on the way reused). `clean`: a table without dummies (resizes).
 */
export function insertSlot(h: Hash, size: number, slots: SlotState, linear: boolean): number {
  const mask = size - 1;
  const p: Hash = { lo: h.lo, hi: h.hi };
  let i = h.lo & mask;
  let freeslot = -1;
  if (!linear) {
    for (;;) {
      const s = i & mask;
      if (!slots.occupied(s)) {
        if (!slots.dummy(s)) return freeslot >= 0 ? freeslot : s;
        if (freeslot < 0) freeslot = s;
      }
      i = nextProbe2(i, p);
    }
  }
  for (;;) {
    let s = i & mask;
    const probes = s + 9 <= mask ? 9 : 0;
    for (let k = 0; k <= probes; k++, s++) {
      if (!slots.occupied(s)) {
        if (!slots.dummy(s)) return freeslot >= 0 ? freeslot : s;
        freeslot = s;
      }
    }
    i = nextProbe3(i & mask, p);
  }
}

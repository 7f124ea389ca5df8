// dict and set objects: entries as heap references, the index in a DictTable, and the
// hash table's memory modelled per version (2.x open addressing with an inline small
// table; 3.6+ compact dicts with a separately allocated keys object), so that a dict
// costs the pool what it cost the device.

import { NULL_REF, type ObjId } from '../../memory/index.js';
import { DictTable, type KeyCode } from './dict-table.js';
import { hashOf, hashValue, insertSlot, userHash, type Hash, type SlotState } from './hash-order.js';
import { callObject, getAttrOrNull, lookupClassAttr } from './objects.js';
import { extraTypes } from './extra-types.js';
import type { ClassInfo, Vm } from './vm.js';

let lastKeyIsStr = false;

/** The key's identity under Python's `==` and `hash`; raises TypeError for unhashable keys. */
export function keyCode(vm: Vm, key: ObjId): KeyCode {
  const t = vm.heap.typeOf[key]!;
  const tt = vm.t;
  if (t === tt.str || t === tt.unicode || (vm.py2 && t === tt.bytes)) {
    lastKeyIsStr = true;
    return vm.data[key] as string;
  }
  lastKeyIsStr = false;
  return otherKeyCode(vm, key, t);
}

/** Whether the last keyCode() was a str key. */
export function keyWasStr(): boolean {
  return lastKeyIsStr;
}

function otherKeyCode(vm: Vm, key: ObjId, t: number): KeyCode {
  const tt = vm.t;
  if (t === tt.int || t === tt.long) return vm.data[key] as number | bigint;
  if (t === tt.float) {
    const v = vm.data[key] as number;
    return Number.isInteger(v) && !Number.isSafeInteger(v) ? BigInt(v) : v;
  }
  if (t === tt.none) return '\0N';
  if (t === tt.bytes) return `\0b${vm.data[key] as string}`;
  if (t === tt.tuple || t === tt.frozenset) return containerCode(vm, key, t === tt.frozenset);
  if (t === tt.list || t === tt.dict || t === tt.set || t === tt.bytearray) {
    return vm.raise('TypeError', `unhashable type: '${vm.typeNameOf(key)}'`);
  }
  if (t === extraTypes(vm).slice) {
    // Slices hash from 3.12 on, by their (start, stop, step); 2.x's slice_hash raises without the type's name.
    if (vm.py2) return vm.raise('TypeError', 'unhashable type');
    if (vm.version.minor < 12) return vm.raise('TypeError', "unhashable type: 'slice'");
    return `\0:${containerCode(vm, key, false)}`;
  }
  return `\0i${key}`; // identity hash: instances, classes, functions, modules
}

// ---- keys hashed by their class's own __hash__ ----
//
// An instance is stored under its identity code (`\0i<id>`) whatever its class. When the
// class defines __hash__, a lookup first asks __hash__, then looks among the table's keys of
// that hash for one that is the same object or `==` (the stored key's __eq__ first, as
// CPython's lookdict compares), and uses that key's code. Each table keeps its keys of that
// kind by hash (a side index), with the hash they were stored under: resizes and relayouts
// reuse it and never call __hash__ again, as CPython keeps the hash in the entry.

interface UserKeys {
  /** Python hash value → stored key objects with that hash. */
  byHash: Map<bigint, ObjId[]>;
  /** Stored key object → the hash it was stored under. */
  hashes: Map<ObjId, { value: bigint; h: Hash }>;
}

/** A table's keys hashed by a class's __hash__ (kept on the table: no side map to consult per dict). */
const userKeysOf = (table: DictTable) => table.userKeys as UserKeys | null;

/** Python's `a == b` (ops.ts's equals, installed by the builtins: dicts.ts cannot import ops.ts). */
let keysEqual: (vm: Vm, a: ObjId, b: ObjId) => boolean = (_vm, a, b) => a === b;

export function installKeyEquality(equals: (vm: Vm, a: ObjId, b: ObjId) => boolean): void {
  keysEqual = equals;
}

/** What hashing an instance of a class means: identity, unhashable, or its __hash__ (a borrowed attribute). */
const IDENTITY_HASH = -1;
const UNHASHABLE = -2;

const hashKindCaches = new WeakMap<Vm, { epoch: number; kinds: Map<ObjId, number> }>();

function hashKind(vm: Vm, cls: ObjId): number {
  let cache = hashKindCaches.get(vm);
  if (!cache || cache.epoch !== vm.classEpoch) hashKindCaches.set(vm, (cache = { epoch: vm.classEpoch, kinds: new Map() }));
  let kind = cache.kinds.get(cls);
  if (kind === undefined) {
    kind = findHashKind(vm, cls);
    cache.kinds.set(cls, kind);
  }
  return kind;
}

function findHashKind(vm: Vm, cls: ObjId): number {
  const info = vm.classInfo(cls);
  if (info.classic) {
    // instance_hash: __hash__ if the class has one; unhashable when it compares (__eq__, __cmp__) without it.
    const h = lookupClassAttr(vm, cls, '__hash__');
    if (h !== NULL_REF) return h;
    return lookupClassAttr(vm, cls, '__eq__') !== NULL_REF || lookupClassAttr(vm, cls, '__cmp__') !== NULL_REF ? UNHASHABLE : IDENTITY_HASH;
  }
  for (const c of info.mro) {
    const d = (vm.data[c] as ClassInfo).dict;
    const table = vm.data[d] as DictTable;
    const h = dictGetStr(vm, d, table, '__hash__');
    if (h !== NULL_REF) return h === vm.None ? UNHASHABLE : h;
    // Python 3: a class defining __eq__ without __hash__ gets __hash__ = None.
    if (!vm.py2 && dictGetStr(vm, d, table, '__eq__') !== NULL_REF) return UNHASHABLE;
  }
  return IDENTITY_HASH;
}

function unhashable(vm: Vm, key: ObjId): never {
  if (vm.heap.typeOf[key] === vm.t['classic-instance']) return vm.raise('TypeError', 'unhashable instance');
  return vm.raise('TypeError', `unhashable type: '${vm.typeNameOf(key)}'`);
}

/**
 * hash(obj) for an instance whose class defines __hash__ (calls it), or null when the
 * instance hashes by identity; raises TypeError for an unhashable one.
 */
export function instanceHash(vm: Vm, key: ObjId): Hash | null {
  const kind = hashKind(vm, vm.classOf(key));
  if (kind === IDENTITY_HASH) return null;
  if (kind === UNHASHABLE) return unhashable(vm, key);
  const m = getAttrOrNull(vm, key, '__hash__');
  if (m === NULL_REF) return unhashable(vm, key);
  let r: ObjId;
  try {
    r = callObject(vm, m, vm.sp, 0, null);
  } finally {
    vm.decref(m);
  }
  const t = vm.heap.typeOf[r]!;
  if (t !== vm.t.int && t !== vm.t.long) {
    vm.decref(r);
    return vm.raise('TypeError', vm.py2 ? 'an integer is required' : '__hash__ method should return an integer');
  }
  const v = BigInt(vm.data[r] as number | bigint);
  vm.decref(r);
  return userHash(vm, v, t === vm.t.long);
}

/** Whether `code` (not a str key's) is an identity code: an instance, class, function... */
function isIdentityCode(code: KeyCode): boolean {
  return typeof code === 'string' && code.charCodeAt(1) === 105; // '\0i'
}

/** The user hash of the key being looked up or inserted (set by resolveKey). */
let resolvedHash: Hash | null = null;

/**
 * The code `key` is stored under in `table`: for an instance whose class has __hash__, an
 * equal stored key's code (or its own when none is equal); resolvedHash is its hash then.
 * Identity-hashed keys keep their code.
 */
function resolveKey(vm: Vm, d: ObjId, table: DictTable, key: ObjId, code: KeyCode): KeyCode {
  resolvedHash = null;
  const t = vm.heap.typeOf[key]!;
  if (t !== vm.t.instance && t !== vm.t['classic-instance']) return code;
  const h = instanceHash(vm, key);
  if (h === null) return code;
  const users = userKeysOf(table);
  const value = hashValue(vm, h);
  const candidates = users?.byHash.get(value);
  if (candidates) {
    for (const c of candidates.slice()) {
      const ccode = `\0i${c}`;
      const entry = table.otherIndex.get(ccode);
      if (entry === undefined || !storedAt(vm, d, table, entry, c)) continue;
      if (c === key || keysEqual(vm, c, key)) {
        resolvedHash = h;
        return ccode;
      }
    }
  }
  resolvedHash = h;
  return code;
}

/** Whether the table's entry `entry` holds `key` (a stale side index is never trusted). */
function storedAt(vm: Vm, d: ObjId, table: DictTable, entry: number, key: ObjId): boolean {
  const width = vm.heap.typeOf[d] === vm.t.dict ? 2 : 1;
  const i = entry * width;
  return i < vm.heap.edgeLen[d]! && vm.heap.edges.data[vm.heap.edgeStart[d]! + i] === key && table.otherIndex.has(`\0i${key}`);
}

function registerUserKey(vm: Vm, table: DictTable, key: ObjId, h: Hash): void {
  let users = userKeysOf(table);
  if (!users) table.userKeys = users = { byHash: new Map(), hashes: new Map() };
  forgetUserKey(table, key);
  const value = hashValue(vm, h);
  users.hashes.set(key, { value, h });
  const list = users.byHash.get(value);
  if (list) list.push(key);
  else users.byHash.set(value, [key]);
}

function forgetUserKey(table: DictTable, key: ObjId): void {
  const users = userKeysOf(table);
  const old = users?.hashes.get(key);
  if (!users || !old) return;
  users.hashes.delete(key);
  const list = users.byHash.get(old.value)!;
  const i = list.indexOf(key);
  if (i >= 0) list.splice(i, 1);
  if (list.length === 0) users.byHash.delete(old.value);
}

/** The hash a stored key was inserted with: its user hash when it has one, else hashOf. */
function storedHash(vm: Vm, table: DictTable, key: ObjId, code: KeyCode, isStr: boolean): Hash {
  if (!isStr && isIdentityCode(code)) {
    const u = userKeysOf(table)?.hashes.get(key);
    if (u) return u.h;
  }
  return hashOf(vm, key, code, isStr);
}

/** One tuple or frozenset whose key code is being built. */
interface PendingCode {
  isSet: boolean;
  items: ObjId[];
  next: number;
  parts: string[];
}

/**
 * The key code of a tuple or frozenset: its items' codes, nested ones included. Built with
 * an explicit stack, not by recursion, so that a 100,000-deep tuple (which CPython hashes)
 * cannot overflow the host's stack.
 */
function containerCode(vm: Vm, root: ObjId, rootIsSet: boolean): string {
  const tt = vm.t;
  const stack: PendingCode[] = [];
  const open = (obj: ObjId, isSet: boolean) => {
    const items = vm.items(obj);
    stack.push({ isSet, items: isSet ? items.filter((k) => k !== NULL_REF) : items, next: 0, parts: [] });
  };
  open(root, rootIsSet);
  for (;;) {
    const top = stack[stack.length - 1]!;
    if (top.next < top.items.length) {
      const item = top.items[top.next++]!;
      const it = vm.heap.typeOf[item]!;
      if (it === tt.tuple || it === tt.frozenset) {
        open(item, it === tt.frozenset);
        continue;
      }
      const code = keyCode(vm, item);
      top.parts.push(lastKeyIsStr ? `s${JSON.stringify(code)}` : typeof code === 'string' || top.isSet ? String(code) : `n${String(code)}`);
      continue;
    }
    stack.pop();
    const code = top.isSet ? `\0f${top.parts.sort().join('\0,')}` : `\0(${top.parts.join('\0,')})`;
    if (stack.length === 0) {
      lastKeyIsStr = false;
      return code;
    }
    stack[stack.length - 1]!.parts.push(code);
  }
}

export function tableOf(vm: Vm, obj: ObjId): DictTable {
  return vm.data[obj] as DictTable;
}

export function newDict(vm: Vm): ObjId {
  const d = vm.alloc(vm.t.dict, vm.memory.sizes.dict.basic);
  const table = vm.data[d];
  // A dict from the free list may keep its table object: reuse it empty.
  if (table instanceof DictTable) {
    table.clear();
  } else vm.data[d] = new DictTable();
  const t = vm.data[d] as DictTable;
  t.tableSize = 0;
  t.hashed = vm.py2; // Python 2 dicts iterate in table order; 3.6+ dicts in insertion order
  return d;
}

export function newSet(vm: Vm, frozen = false): ObjId {
  const s = vm.alloc(frozen ? vm.t.frozenset : vm.t.set, vm.memory.sizes.set.basic);
  const t = new DictTable();
  t.hashed = true; // sets iterate in table order in every version
  vm.data[s] = t;
  return s;
}

/** The value stored under `key` (borrowed), or NULL_REF. */
export function dictGet(vm: Vm, d: ObjId, key: ObjId): ObjId {
  const table = vm.data[d] as DictTable;
  let code = keyCode(vm, key);
  const isStr = lastKeyIsStr;
  if (!isStr && isIdentityCode(code)) code = resolveKey(vm, d, table, key, code);
  const entry = table.get(code, isStr);
  return entry === undefined ? NULL_REF : entryValue(vm, d, table, entry);
}

/** The value stored under the str key `name` (borrowed), or NULL_REF. */
export function dictGetStr(vm: Vm, d: ObjId, table: DictTable, name: string): ObjId {
  const entry = table.strIndex.get(name);
  return entry === undefined ? NULL_REF : entryValue(vm, d, table, entry);
}

function entryValue(vm: Vm, d: ObjId, table: DictTable, entry: number): ObjId {
  const heap = vm.heap;
  const slot = entry * 2 + 1;
  if (slot >= heap.edgeLen[d]!) {
    // The collector cleared this dict (tp_clear) while the script could still reach it.
    table.clear();
    return NULL_REF;
  }
  return heap.edges.data[heap.edgeStart[d]! + slot]!;
}

/** d[key] = value (both borrowed). */
export function dictSet(vm: Vm, d: ObjId, key: ObjId, value: ObjId): void {
  const table = vm.data[d] as DictTable;
  let code = keyCode(vm, key);
  const isStr = lastKeyIsStr;
  let h: Hash | null = null;
  if (!isStr && isIdentityCode(code)) {
    code = resolveKey(vm, d, table, key, code);
    h = resolvedHash;
  }
  const entry = table.get(code, isStr);
  const heap = vm.heap;
  if (entry !== undefined && entry * 2 + 1 < heap.edgeLen[d]!) {
    heap.setRef(d, entry * 2 + 1, value);
    return;
  }
  if (entry !== undefined) table.clear();
  insertNew(vm, d, table, code, isStr, key, value, 2, h);
}

/** d[name] = value for a str key whose key object is `key` (borrowed). */
export function dictSetStr(vm: Vm, d: ObjId, name: string, key: ObjId, value: ObjId): void {
  const table = vm.data[d] as DictTable;
  const entry = table.strIndex.get(name);
  const heap = vm.heap;
  if (entry !== undefined && entry * 2 + 1 < heap.edgeLen[d]!) {
    heap.setRef(d, entry * 2 + 1, value);
    return;
  }
  if (entry !== undefined) table.clear();
  insertNew(vm, d, table, name, true, key, value, 2);
}

/** Adds a key to a set (borrowed). */
export function setAdd(vm: Vm, s: ObjId, key: ObjId): void {
  const table = vm.data[s] as DictTable;
  let code = keyCode(vm, key);
  const isStr = lastKeyIsStr;
  let h: Hash | null = null;
  if (!isStr && isIdentityCode(code)) {
    code = resolveKey(vm, s, table, key, code);
    h = resolvedHash;
  }
  if (table.get(code, isStr) !== undefined) return;
  insertNew(vm, s, table, code, isStr, key, NULL_REF, 1, h);
}

export function setContains(vm: Vm, s: ObjId, key: ObjId): boolean {
  const table = vm.data[s] as DictTable;
  let code = keyCode(vm, key);
  const isStr = lastKeyIsStr;
  if (!isStr && isIdentityCode(code)) code = resolveKey(vm, s, table, key, code);
  return table.get(code, isStr) !== undefined;
}

export function dictContains(vm: Vm, d: ObjId, key: ObjId): boolean {
  return dictGet(vm, d, key) !== NULL_REF;
}

function insertNew(vm: Vm, d: ObjId, table: DictTable, code: KeyCode, isStr: boolean, key: ObjId, value: ObjId, width: 1 | 2, uh: Hash | null = null): void {
  if (table.hashed) {
    insertHashed(vm, d, table, code, isStr, key, value, width, uh);
    if (uh) registerUserKey(vm, table, key, uh);
    return;
  }
  const heap = vm.heap;
  // The modelled table grows first, as CPython resizes before (3.x) or right after (2.x) the insert.
  growModelledTable(vm, d, table, width, table.used + 1);
  const entry = table.slots;
  if (!heap.pushRef(d, key)) vm.raiseMemoryError();
  if (width === 2 && !heap.pushRef(d, value)) {
    heap.removeRef(d, heap.edgeLen[d]! - 1);
    vm.raiseMemoryError();
  }
  table.set(code, isStr, entry);
  table.slots++;
  table.used++;
  if (uh) registerUserKey(vm, table, key, uh);
}

/** Removes `key`; false when absent. */
export function dictDelete(vm: Vm, d: ObjId, key: ObjId, width: 1 | 2 = 2): boolean {
  const table = vm.data[d] as DictTable;
  let code = keyCode(vm, key);
  const isStr = lastKeyIsStr;
  // The stored key itself (set.pop, popitem) is found without asking its __hash__.
  if (!isStr && isIdentityCode(code) && !table.otherIndex.has(code)) code = resolveKey(vm, d, table, key, code);
  const entry = table.get(code, isStr);
  if (entry === undefined) return false;
  table.delete(code, isStr);
  table.used--;
  table.dummies++;
  const heap = vm.heap;
  const base = entry * width;
  const k = heap.edges.data[heap.edgeStart[d]! + base]!;
  const v = width === 2 ? heap.edges.data[heap.edgeStart[d]! + base + 1]! : NULL_REF;
  const data = heap.edges.data;
  data[heap.edgeStart[d]! + base] = NULL_REF;
  if (width === 2) data[heap.edgeStart[d]! + base + 1] = NULL_REF;
  if (table.hashed) {
    // The slot becomes a dummy: probes go on past it, and a later insert may reuse it.
    table.slotCode[entry] = undefined;
    table.slotDummy[entry] = true;
  }
  if (k !== NULL_REF) {
    forgetUserKey(table, k);
    heap.decref(k);
  }
  if (v !== NULL_REF) heap.decref(v);
  return true;
}

/** Removes every entry (dict.clear). */
export function dictClear(vm: Vm, d: ObjId): void {
  const table = vm.data[d] as DictTable;
  table.clear();
  table.tableSize = 0;
  vm.heap.setPayloadBytes(d, 0);
  vm.heap.clearRefs(d);
}

/** Live entries in order: [key, value] pairs (borrowed). */
export function dictEntries(vm: Vm, d: ObjId, width: 1 | 2 = 2): ObjId[] {
  const heap = vm.heap;
  const n = heap.edgeLen[d]!;
  const start = heap.edgeStart[d]!;
  const out: ObjId[] = [];
  for (let i = 0; i < n; i += width) {
    const k = heap.edges.data[start + i]!;
    if (k === NULL_REF) continue;
    out.push(k);
    if (width === 2) out.push(heap.edges.data[start + i + 1]!);
  }
  return out;
}

export function dictSize(vm: Vm, d: ObjId): number {
  return (vm.data[d] as DictTable).used;
}

// ---- the modelled hash table ----

/**
 * Resizes the modelled table when CPython would, before an insert bringing `used` to
 * `usedAfter`. A resize drops dummies: the heap entries are compacted and re-indexed.
 */
function growModelledTable(vm: Vm, d: ObjId, table: DictTable, width: 1 | 2, usedAfter: number): void {
  const fillAfter = table.slots + 1; // entries incl. deleted (2.x: ma_fill; 3.x: dk_nentries)
  let newSize = 0;
  if (vm.py2 || width === 1) {
    // 2.x dicts and all sets: open addressing, 8 inline slots, resize at 2/3 (sets 3.x: 3/5) full.
    const size = table.tableSize === 0 ? 8 : table.tableSize;
    const limit = width === 1 && !vm.py2 ? (size * 3) / 5 : (size * 2) / 3;
    if (fillAfter <= limit) return;
    const grow = usedAfter > 50000 ? 2 : 4;
    newSize = 8;
    while (newSize <= usedAfter * grow) newSize <<= 1;
  } else {
    // 3.6+ compact dict: a keys object of `size` indices and size*2/3 entries.
    const size = table.tableSize;
    if (size !== 0 && fillAfter <= ((size << 1) / 3 | 0)) return;
    const want = size === 0 ? 1 : usedAfter * 3;
    newSize = 8;
    while ((newSize << 1) / 3 < want && newSize < want * 2) newSize <<= 1;
  }
  if (table.slots > table.used) compact(vm, d, table, width);
  table.tableSize = newSize;
  table.dummies = 0;
  if (!vm.heap.setPayloadBytes(d, tableBytes(vm, table, width))) vm.raiseMemoryError();
}

function tableBytes(vm: Vm, table: DictTable, width: 1 | 2): number {
  const w = vm.wordBytes;
  const size = table.tableSize;
  if (vm.py2 || width === 1) {
    if (size <= 8) return 0; // the inline small table
    const entry = width === 2 ? 3 * w : 2 * w; // hash, key[, value]
    return size * entry;
  }
  const usable = (size << 1) / 3 | 0;
  const index = size <= 128 ? 1 : size <= 0xffff ? 2 : 4;
  const entry = table.allStrKeys ? 2 * w : 3 * w;
  const header = w === 8 ? 32 : 20;
  return header + size * index + usable * entry;
}

function compact(vm: Vm, d: ObjId, table: DictTable, width: 1 | 2): void {
  vm.heap.compactRefs(d);
  table.strIndex.clear();
  table.otherIndex.clear();
  const heap = vm.heap;
  const n = heap.edgeLen[d]!;
  for (let i = 0; i < n; i += width) {
    const key = heap.edges.data[heap.edgeStart[d]! + i]!;
    const code = keyCode(vm, key);
    table.set(code, lastKeyIsStr, i / width);
  }
  table.slots = n / width;
  table.used = table.slots;
}

// ---- tables in CPython's slot order (sets; Python 2 dicts) ----

const growTo = (used: number) => {
  const min = used > 50000 ? used * 2 : used * 4;
  let n = 8;
  while (n <= min) n <<= 1;
  return n;
};

/** The probe's view of a table's slots (made once per table, kept on it). */
function slotState(table: DictTable): SlotState {
  return (table.probe ??= { occupied: (s) => table.slotCode[s] !== undefined, dummy: (s) => table.slotDummy[s] === true });
}

/** Whether inserts probe as Python 3's sets do (linear runs) rather than as Python 2's tables. */
const linearProbing = (vm: Vm, width: 1 | 2) => !vm.py2 && width === 1;

/** A new key into a hashed table, at CPython's slot, resizing when CPython would. */
function insertHashed(vm: Vm, d: ObjId, table: DictTable, code: KeyCode, isStr: boolean, key: ObjId, value: ObjId, width: 1 | 2, uh: Hash | null): void {
  const heap = vm.heap;
  const size = table.tableSize === 0 ? 8 : table.tableSize;
  ensureLayout(vm, d, table, width, size);
  const h = uh ?? hashOf(vm, key, code, isStr);
  const linear = linearProbing(vm, width);
  const slot = insertSlot(h, size, slotState(table), linear);
  const reuse = table.slotDummy[slot] === true;
  const fillAfter = table.fill + (reuse ? 0 : 1);
  // CPython resizes right after the insert; the new table is charged first here, so that a
  // MemoryError leaves the table as it was.
  let newSize = 0;
  if (linear ? !reuse && fillAfter * 5 >= (size - 1) * 3 : fillAfter * 3 >= size * 2) newSize = growTo(table.used + 1);
  if (newSize !== 0) {
    const old = table.tableSize;
    table.tableSize = newSize;
    if (!heap.setPayloadBytes(d, tableBytes(vm, table, width))) {
      table.tableSize = old;
      vm.raiseMemoryError();
    }
  }
  heap.setRef(d, slot * width, key);
  if (width === 2) heap.setRef(d, slot * 2 + 1, value);
  table.slotCode[slot] = code;
  table.slotIsStr[slot] = isStr;
  table.slotHashLo[slot] = h.lo;
  table.slotHashHi[slot] = h.hi;
  table.slotDummy[slot] = false;
  if (!reuse) table.fill++;
  table.used++;
  table.set(code, isStr, slot);
  if (newSize !== 0) relayout(vm, d, table, width, size, newSize);
}

/** Moves every key of a hashed table into a table of `newSize` slots, in old-slot order. */
function relayout(vm: Vm, d: ObjId, table: DictTable, width: 1 | 2, oldSize: number, newSize: number): void {
  const heap = vm.heap;
  const data = heap.edges.data;
  const start = heap.edgeStart[d]!;
  const refs = new Array<ObjId>(newSize * width).fill(NULL_REF);
  const lo: number[] = [];
  const hi: number[] = [];
  const codes: (KeyCode | undefined)[] = [];
  const strs: boolean[] = [];
  const linear = linearProbing(vm, width);
  const state: SlotState = { occupied: (s) => codes[s] !== undefined, dummy: () => false };
  for (let s = 0; s < oldSize; s++) {
    const code = table.slotCode[s];
    if (code === undefined) continue;
    const h = { lo: table.slotHashLo[s]!, hi: table.slotHashHi[s]! };
    const t = insertSlot(h, newSize, state, linear);
    refs[t * width] = data[start + s * width]!;
    if (width === 2) refs[t * 2 + 1] = data[start + s * 2 + 1]!;
    codes[t] = code;
    strs[t] = table.slotIsStr[s]!;
    lo[t] = h.lo;
    hi[t] = h.hi;
    table.set(code, table.slotIsStr[s]!, t);
  }
  heap.arrangeRefs(d, refs);
  table.slotCode = codes;
  table.slotIsStr = strs;
  table.slotHashLo = lo;
  table.slotHashHi = hi;
  table.slotDummy = [];
  table.fill = table.used;
  table.dummies = 0;
}

/**
 * Makes the heap entries a table of `size` slots. They are one already, except after
 * something emptied the references (a collection's tp_clear, dict.clear, an in-place set
 * operation): then the keys still there are laid out again.
 */
function ensureLayout(vm: Vm, d: ObjId, table: DictTable, width: 1 | 2, size: number): void {
  const heap = vm.heap;
  if (heap.edgeLen[d] === size * width && table.fill >= table.used) return;
  if (heap.edgeLen[d] === 0 && table.used === 0) {
    // A new (or emptied) table: its slots, all empty.
    if (table.slotCode.length > 0 || table.slotDummy.length > 0) table.clear();
    table.fill = 0;
    heap.arrangeRefs(d, new Array<ObjId>(size * width).fill(NULL_REF));
    return;
  }
  const present: ObjId[] = [];
  const n = heap.edgeLen[d]!;
  for (let i = 0; i < n; i += width) {
    const k = heap.edges.data[heap.edgeStart[d]! + i]!;
    if (k === NULL_REF) continue;
    present.push(k);
    if (width === 2) present.push(heap.edges.data[heap.edgeStart[d]! + i + 1]!);
  }
  table.strIndex.clear();
  table.otherIndex.clear();
  table.used = 0;
  const refs = new Array<ObjId>(size * width).fill(NULL_REF);
  table.slotCode = [];
  table.slotIsStr = [];
  table.slotHashLo = [];
  table.slotHashHi = [];
  table.slotDummy = [];
  const linear = linearProbing(vm, width);
  const state = slotState(table);
  for (let i = 0; i < present.length; i += width) {
    const k = present[i]!;
    const code = keyCode(vm, k);
    const isStr = lastKeyIsStr;
    const h = storedHash(vm, table, k, code, isStr);
    const t = insertSlot(h, size, state, linear);
    refs[t * width] = k;
    if (width === 2) refs[t * 2 + 1] = present[i + 1]!;
    table.slotCode[t] = code;
    table.slotIsStr[t] = isStr;
    table.slotHashLo[t] = h.lo;
    table.slotHashHi[t] = h.hi;
    table.set(code, isStr, t);
    table.used++;
  }
  table.fill = table.used;
  heap.arrangeRefs(d, refs);
}

/**
 * Before `incoming` keys are merged into a hashed table, one resize as CPython does it
 * (PyDict_Merge, set_merge, set(dict)): to (used + incoming) * 2 when the table would fill up.
 */
export function presizeForMerge(vm: Vm, dst: ObjId, incoming: number, width: 1 | 2): void {
  const table = vm.data[dst] as DictTable;
  if (!table.hashed || incoming === 0) return;
  const size = table.tableSize === 0 ? 8 : table.tableSize;
  ensureLayout(vm, dst, table, width, size);
  const need = linearProbing(vm, width) ? (table.fill + incoming) * 5 >= (size - 1) * 3 : (table.fill + incoming) * 3 >= size * 2;
  if (!need) return;
  let n = 8;
  while (n <= (table.used + incoming) * 2) n <<= 1;
  resizeHashed(vm, dst, table, width, size, n);
}

/** A dict display of `n` entries on Python 2.6+ (BUILD_MAP presizes above 5 entries). */
export function presizeDisplay(vm: Vm, d: ObjId, n: number): void {
  if (!vm.py2 || vm.version.minor < 6 || n <= 5) return;
  const table = vm.data[d] as DictTable;
  const size = table.tableSize === 0 ? 8 : table.tableSize;
  ensureLayout(vm, d, table, 2, size);
  let newSize = 8;
  while (newSize <= n) newSize <<= 1;
  if (newSize !== size) resizeHashed(vm, d, table, 2, size, newSize);
}

function resizeHashed(vm: Vm, d: ObjId, table: DictTable, width: 1 | 2, size: number, newSize: number): void {
  const old = table.tableSize;
  table.tableSize = newSize;
  if (!vm.heap.setPayloadBytes(d, tableBytes(vm, table, width))) {
    table.tableSize = old;
    vm.raiseMemoryError();
  }
  relayout(vm, d, table, width, size, newSize);
}

/**
 * Adds the keys of the set, frozenset or dict `src` to the set `dst` in `src`'s order, as
 * set_update does: one presize, then (Python 3, into an empty table of the same size without
 * dummies) a copy of the slots as they are, or an insert per key.
 */
export function mergeKeys(vm: Vm, dst: ObjId, src: ObjId): void {
  const srcWidth: 1 | 2 = vm.heap.typeOf[src] === vm.t.dict ? 2 : 1;
  const from = vm.data[src] as DictTable;
  presizeForMerge(vm, dst, from.used, 1);
  const to = vm.data[dst] as DictTable;
  const size = to.tableSize === 0 ? 8 : to.tableSize;
  const srcSize = from.tableSize === 0 ? 8 : from.tableSize;
  if (!vm.py2 && srcWidth === 1 && from.hashed && to.fill === 0 && size === srcSize && from.fill === from.used && vm.heap.edgeLen[src] === srcSize) {
    copySlots(vm, dst, src);
    return;
  }
  const e = dictEntries(vm, src, srcWidth);
  for (let i = 0; i < e.length; i += srcWidth) setAdd(vm, dst, e[i]!);
}

/** Makes the empty set `dst` a slot-for-slot copy of the set `src` (same size, same places). */
export function copySlots(vm: Vm, dst: ObjId, src: ObjId): void {
  const heap = vm.heap;
  const from = vm.data[src] as DictTable;
  const to = vm.data[dst] as DictTable;
  const srcSize = from.tableSize === 0 ? 8 : from.tableSize;
  ensureLayout(vm, src, from, 1, srcSize);
  if (to.tableSize !== from.tableSize) {
    to.tableSize = from.tableSize;
    if (!heap.setPayloadBytes(dst, tableBytes(vm, to, 1))) vm.raiseMemoryError();
  }
  ensureLayout(vm, dst, to, 1, srcSize);
  for (let s = 0; s < srcSize; s++) {
    const code = from.slotCode[s];
    if (code === undefined) continue;
    heap.setRef(dst, s, heap.edges.data[heap.edgeStart[src]! + s]!);
    to.slotCode[s] = code;
    to.slotIsStr[s] = from.slotIsStr[s]!;
    to.slotHashLo[s] = from.slotHashLo[s]!;
    to.slotHashHi[s] = from.slotHashHi[s]!;
    to.slotDummy[s] = false;
    to.set(code, from.slotIsStr[s]!, s);
    const key = heap.edges.data[heap.edgeStart[src]! + s]!;
    const u = isIdentityCode(code) ? userKeysOf(from)?.hashes.get(key) : undefined;
    if (u) registerUserKey(vm, to, key, u.h);
  }
  to.used = from.used;
  to.fill = from.used;
}

/** After set -= other: a table more than a quarter (3.x) or a fifth (2.x) dummies is resized. */
export function resizeAwayDummies(vm: Vm, s: ObjId): void {
  const table = vm.data[s] as DictTable;
  if (!table.hashed) return;
  const size = table.tableSize === 0 ? 8 : table.tableSize;
  const mask = size - 1;
  const dummies = table.fill - table.used;
  if (vm.py2 ? dummies * 5 < mask : dummies <= Math.floor(mask / 4)) return;
  ensureLayout(vm, s, table, 1, size);
  const used = table.used;
  let n = 8;
  while (n <= (used > 50000 ? used * 2 : used * 4)) n <<= 1;
  resizeHashed(vm, s, table, 1, size, n);
}

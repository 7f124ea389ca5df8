// The object heap: every object is a slot in struct-of-arrays typed arrays (type,
// reference count, flags, block address, references, generation links). Reference
// counting frees objects the moment their count reaches zero, iteratively and in the
// order CPython's deallocators use; the cyclic collector (collector.ts) works on the
// same arrays through the generation lists kept here.

import { MemoryPool, NO_MEMORY, type AllocDomain } from './allocator/memory-pool.js';
import { SlabAllocator } from './allocator/slab-allocator.js';
import { EdgeStore } from './edge-store.js';
import type { GcState } from './gc-state.js';
import { listCapacity, type ListGrowth } from './list-growth.js';
import type { BuildLayout } from './models.js';
import { MEMORY_ERROR, NULL_REF, type ObjId, type TypeSpec } from './types.js';

// Object flags.
export const F_LIVE = 1;
export const F_GC = 2;
export const F_TRACKED = 4;
/** The object's type defines __del__. */
export const F_FINALIZER = 8;
/** PEP 442: __del__ already ran once. */
export const F_FINALIZED = 16;
/** Parked in its type's free list: not live, block kept. */
export const F_FREELIST = 32;
/** In the set being collected (CPython's PREV_MASK_COLLECTING). */
export const F_COLLECTING = 64;
/** Tentatively unreachable during move_unreachable. */
export const F_UNREACHABLE = 128;

// List heads: slots 1..7 are sentinels of circular doubly linked lists, as PyGC_Head lists.
export const HEAD_GEN0 = 1;
export const HEAD_PERMANENT = 4;
export const HEAD_UNREACHABLE = 5;
export const HEAD_FINALIZERS = 6;
export const HEAD_SCRATCH = 7;
const FIRST_OBJECT = 8;

const KIND_OTHER = 0;
const KIND_TUPLE = 1;
const KIND_DICT = 2;

const FREE_LIST_VARIANTS = 32;

export interface HeapHooks {
  /** Runs an object's __del__ (the object is kept alive at refcount 1 during the call). */
  finalize?: (obj: ObjId) => void;
}

export interface HeapConfig {
  pool: MemoryPool;
  layout: BuildLayout;
  state: GcState;
  listGrowth: ListGrowth;
  /** MicroPython's behaviour: on allocation failure, collect and retry once. CPython never does. */
  collectOnAllocFailure: boolean;
}

export interface TypeUsage {
  type: string;
  objects: number;
  bytes: number;
}

export class ObjectHeap {
  readonly pool: MemoryPool;
  readonly state: GcState;
  readonly layout: BuildLayout;
  hooks: HeapHooks = {};
  /** Called when an allocation crosses threshold 0 (immediate or deferred collection). */
  onThreshold: () => void = () => {};
  /** Called when the slot arrays grow to `capacity` (for side tables indexed by ObjId). */
  onGrow: (capacity: number) => void = () => {};
  /** Full collection used by `collectOnAllocFailure`; set by the collector. */
  collectForRetry: () => void = () => {};

  // Per-object arrays (indexed by ObjId).
  typeOf: Uint16Array;
  refcnt: Int32Array;
  flags: Uint8Array;
  gcNext: Int32Array;
  gcPrev: Int32Array;
  gcRefs: Int32Array;
  address: Int32Array;
  blockBytes: Int32Array;
  edgeStart: Int32Array;
  edgeLen: Int32Array;
  edgeClass: Int8Array;
  payloadAddress: Int32Array;
  payloadBytes: Int32Array;
  /** Item-array capacity of list-like objects (slots). */
  itemCapacity: Int32Array;
  variantOf: Uint8Array;
  readonly edges = new EdgeStore();

  // Per-type arrays.
  readonly types: TypeSpec[] = [];
  private typeGc = new Uint8Array(64);
  private typeKind = new Uint8Array(64);
  private typeClears = new Uint8Array(64);
  private typeReversed = new Uint8Array(64);
  private typeItemArray = new Uint8Array(64);
  private typeFreeCap = new Int32Array(64);
  private typeSlab = new Uint8Array(64);
  private readonly slabs: (SlabAllocator | null)[] = [];
  private readonly freeLists: number[][] = [];

  private capacity = 0;
  private nextSlot = FIRST_OBJECT;
  private freeSlotStack = new Int32Array(1024);
  private freeSlotTop = 0;
  private typeCount = 0;
  /** The collector's generation counts and thresholds (GcState's arrays, held here for the hot path). */
  private readonly count: Int32Array;
  private readonly threshold: Int32Array;
  private liveCount = 0;
  private readonly gcHeadBytes: number;
  private readonly wordBytes: number;
  private readonly rawDomain: AllocDomain;
  private readonly listGrowth: ListGrowth;
  private readonly collectOnAllocFailure: boolean;
  private readonly lazyDicts: boolean;
  private readonly finalizeOnce: boolean;
  // Explicit stack of the deallocation cascade: (object, children released so far).
  private stackObj = new Int32Array(256);
  private stackPos = new Int32Array(256);
  private sp = 0;
  memoryErrors = 0;
  /** Objects allocated and deallocated so far (free-list reuse included): work for the device's cost model. */
  allocations = 0;
  deallocations = 0;

  constructor(config: HeapConfig) {
    this.pool = config.pool;
    this.state = config.state;
    this.layout = config.layout;
    this.gcHeadBytes = config.layout.gcHeadBytes;
    this.wordBytes = config.layout.wordBytes;
    this.rawDomain = config.layout.rawAllocationsUsePymalloc ? 'object' : 'raw';
    this.listGrowth = config.listGrowth;
    this.collectOnAllocFailure = config.collectOnAllocFailure;
    this.lazyDicts = config.state.model.lazyDictTracking;
    this.finalizeOnce = config.state.model.finalizers === 'pep442';
    this.count = config.state.count;
    this.threshold = config.state.threshold;
    this.typeOf = new Uint16Array(0);
    this.refcnt = new Int32Array(0);
    this.flags = new Uint8Array(0);
    this.gcNext = new Int32Array(0);
    this.gcPrev = new Int32Array(0);
    this.gcRefs = new Int32Array(0);
    this.address = new Int32Array(0);
    this.blockBytes = new Int32Array(0);
    this.edgeStart = new Int32Array(0);
    this.edgeLen = new Int32Array(0);
    this.edgeClass = new Int8Array(0);
    this.payloadAddress = new Int32Array(0);
    this.payloadBytes = new Int32Array(0);
    this.itemCapacity = new Int32Array(0);
    this.variantOf = new Uint8Array(0);
    this.growSlots(1024);
    for (let head = 1; head < FIRST_OBJECT; head++) {
      this.gcNext[head] = head;
      this.gcPrev[head] = head;
    }
  }

  // ---- types ----

  registerType(spec: TypeSpec): number {
    const id = this.types.length;
    if (id >= 0xffff) throw new RangeError('too many types');
    if (id >= this.typeGc.length) this.growTypes();
    this.types.push(spec);
    this.typeCount = this.types.length;
    this.typeGc[id] = spec.gc ? 1 : 0;
    this.typeKind[id] = spec.kind === 'tuple' ? KIND_TUPLE : spec.kind === 'dict' ? KIND_DICT : KIND_OTHER;
    this.typeClears[id] = (spec.clears ?? spec.gc) ? 1 : 0;
    this.typeReversed[id] = spec.releaseReversed ? 1 : 0;
    this.typeItemArray[id] = spec.itemArray ? 1 : 0;
    this.typeFreeCap[id] = spec.freeList?.capacity ?? 0;
    this.typeSlab[id] = spec.slab ? 1 : 0;
    this.slabs[id] = spec.slab
      ? new SlabAllocator(this.pool, spec.slab.perChunk, spec.slab.chunkBytes, this.wordBytes)
      : null;
    for (let v = 0; v < FREE_LIST_VARIANTS; v++) this.freeLists[id * FREE_LIST_VARIANTS + v] = [];
    return id;
  }

  typeName(obj: ObjId): string {
    return this.types[this.typeOf[obj]!]!.name;
  }

  // ---- allocation ----

  /**
   * Allocates an object of `typeId` whose struct is `basicBytes` (the GC head is added
   * for GC types) and returns it with refcount 1, or MEMORY_ERROR. `variant` selects
   * a free list (a tuple's length). The collector may run inside this call (2.x–3.11),
   * before the new object exists, exactly as in _PyObject_GC_Malloc; it never runs
   * because an allocation failed (unless `collectOnAllocFailure`).
   */
  alloc(typeId: number, basicBytes: number, variant = 0): ObjId {
    // `x >>> 0 === x` holds exactly for integers in 0..2^32-1: one cheap test each on the hot path.
    if ((typeId >>> 0) !== typeId || typeId >= this.typeCount) throw new RangeError(`unknown type id ${typeId}`);
    if ((variant >>> 0) !== variant || variant >= FREE_LIST_VARIANTS) {
      throw new RangeError(`variant must be an integer in 0..${FREE_LIST_VARIANTS - 1}, got ${variant}`);
    }
    if ((basicBytes >>> 0) !== basicBytes) {
      if (!(Number.isInteger(basicBytes) && basicBytes >= 0)) {
        throw new RangeError(`object size must be a non-negative integer, got ${basicBytes}`);
      }
      this.memoryErrors++; // 4 GiB or more: larger than any pool
      return MEMORY_ERROR;
    }
    const gc = this.typeGc[typeId] === 1;
    const bytes = gc ? basicBytes + this.gcHeadBytes : basicBytes;
    if (bytes > this.pool.poolBytes) {
      this.memoryErrors++;
      return MEMORY_ERROR;
    }
    if (this.typeFreeCap[typeId]! > 0) {
      const parked = this.freeLists[typeId * FREE_LIST_VARIANTS + variant]!;
      if (parked.length > 0 && this.blockBytes[parked[parked.length - 1]!] === bytes) {
        const obj = parked.pop()!;
        this.initObject(obj, typeId, gc, variant);
        return obj;
      }
    }
    let address = this.typeSlab[typeId] === 1 ? this.slabs[typeId]!.alloc() : this.pool.allocObject(bytes);
    if (address === NO_MEMORY) {
      if (this.collectOnAllocFailure && !this.state.collecting) {
        this.collectForRetry();
        address = this.allocBlock(typeId, bytes);
      }
      if (address === NO_MEMORY) {
        this.memoryErrors++;
        return MEMORY_ERROR;
      }
    }
    if (gc && ++this.count[0]! > this.threshold[0]! && this.state.shouldTrigger()) this.onThreshold();
    let obj: ObjId;
    if (this.freeSlotTop > 0) obj = this.freeSlotStack[--this.freeSlotTop]!;
    else {
      if (this.nextSlot >= this.capacity) this.growSlots(this.capacity * 2);
      obj = this.nextSlot++;
    }
    this.address[obj] = address;
    this.blockBytes[obj] = bytes;
    this.initObject(obj, typeId, gc, variant);
    return obj;
  }

  /**
   * The hot path for atoms (ints, floats, strings: no GC head, no free list, no slab):
   * the same effect as alloc() for such a type, with the checks it does not need.
   * The caller guarantees a registered non-GC type without free list or slab, and
   * 0 < bytes <= the small-request threshold.
   */
  allocAtom(typeId: number, bytes: number): ObjId {
    let address = this.pool.small.alloc(bytes);
    if (address === NO_MEMORY) {
      if (this.collectOnAllocFailure && !this.state.collecting) {
        this.collectForRetry();
        address = this.pool.small.alloc(bytes);
      }
      if (address === NO_MEMORY) {
        this.memoryErrors++;
        return MEMORY_ERROR;
      }
    }
    let obj: ObjId;
    if (this.freeSlotTop > 0) obj = this.freeSlotStack[--this.freeSlotTop]!;
    else {
      if (this.nextSlot >= this.capacity) this.growSlots(this.capacity * 2);
      obj = this.nextSlot++;
    }
    this.address[obj] = address;
    this.blockBytes[obj] = bytes;
    this.typeOf[obj] = typeId;
    this.refcnt[obj] = 1;
    this.variantOf[obj] = 0;
    this.flags[obj] = F_LIVE;
    this.liveCount++;
    this.allocations++;
    return obj;
  }

  /** Whether allocAtom() may be used for this type and size. */
  isAtomType(typeId: number, bytes: number): boolean {
    return this.typeGc[typeId] === 0 && this.typeFreeCap[typeId] === 0 && this.typeSlab[typeId] === 0 && bytes > 0 && bytes <= this.pool.small.thresholdBytes;
  }

  private allocBlock(typeId: number, bytes: number): number {
    const slab = this.slabs[typeId];
    return slab ? slab.alloc() : this.pool.allocObject(bytes);
  }

  /** Sets up a slot whose reference run, payload and item capacity are already empty (see freeStorage). */
  private initObject(obj: ObjId, typeId: number, gc: boolean, variant: number): void {
    this.typeOf[obj] = typeId;
    this.refcnt[obj] = 1;
    this.variantOf[obj] = variant;
    this.liveCount++;
    this.allocations++;
    if (!gc) {
      this.flags[obj] = F_LIVE;
      return;
    }
    if (this.lazyDicts && this.typeKind[typeId] === KIND_DICT) {
      this.flags[obj] = F_LIVE | F_GC;
      return;
    }
    // PyObject_GC_Track: append to generation 0.
    this.flags[obj] = F_LIVE | F_GC | F_TRACKED;
    const last = this.gcPrev[HEAD_GEN0]!;
    this.gcNext[last] = obj;
    this.gcPrev[obj] = last;
    this.gcNext[obj] = HEAD_GEN0;
    this.gcPrev[HEAD_GEN0] = obj;
  }

  // ---- reference counts ----

  incref(obj: ObjId): void {
    this.refcnt[obj]!++;
  }

  decref(obj: ObjId): void {
    if (--this.refcnt[obj]! <= 0) this.dealloc(obj);
  }

  /** Py_DECREF reached zero (or below, a caller's bug). */
  private dealloc(obj: ObjId): void {
    if (this.refcnt[obj]! < 0) throw new Error(`refcount of object ${obj} (${this.typeName(obj)}) went negative`);
    const f = this.flags[obj]!;
    // Fast path: no references to release, no payload, no __del__ to run.
    if (this.edgeClass[obj] === -1 && (f & F_FINALIZER) === 0 && this.payloadAddress[obj] === NO_MEMORY) {
      if (f & F_TRACKED) {
        const next = this.gcNext[obj]!;
        const prev = this.gcPrev[obj]!;
        this.gcNext[prev] = next;
        this.gcPrev[next] = prev;
      }
      this.liveCount--;
    this.deallocations++;
      const typeId = this.typeOf[obj]!;
      if (this.typeFreeCap[typeId] === 0) this.disposeSlot(obj);
      else this.parkOrDispose(obj);
    } else {
      this.release(obj);
    }
  }

  /**
   * Deallocates `root` and everything that dies with it. Children are released one at
   * a time and a child that reaches zero is finished before its next sibling, the order
   * CPython's recursive deallocators produce, but with an explicit stack.
   */
  private release(root: ObjId): void {
    const base = this.sp;
    this.push(root);
    while (this.sp > base) {
      const top = this.sp - 1;
      const obj = this.stackObj[top]!;
      let pos = this.stackPos[top]!;
      if (pos === -1) {
        const f = this.flags[obj]!;
        if (f & F_FINALIZER && this.hooks.finalize && !(this.finalizeOnce && f & F_FINALIZED)) {
          if (this.finalizeOnce) this.flags[obj] = f | F_FINALIZED;
          this.refcnt[obj] = 1;
          this.hooks.finalize(obj);
          // The finalizer may have grown the stack: re-read through `this`.
          if (--this.refcnt[obj]! !== 0) {
            this.sp = top; // resurrected
            continue;
          }
        }
        if (this.flags[obj]! & F_TRACKED) this.untrack(obj);
        pos = 0;
      }
      const len = this.edgeLen[obj]!;
      if (pos < len) {
        this.stackPos[top] = pos + 1;
        const slot = this.edgeStart[obj]! + (this.typeReversed[this.typeOf[obj]!] ? len - 1 - pos : pos);
        const child = this.edges.data[slot]!;
        if (child !== NULL_REF) {
          this.edges.data[slot] = NULL_REF;
          const rc = --this.refcnt[child]!;
          if (rc === 0) this.push(child);
          else if (rc < 0) throw new Error(`refcount of object ${child} went negative`);
        }
        continue;
      }
      this.sp = top;
      this.freeStorage(obj);
    }
  }

  private push(obj: ObjId): void {
    if (this.sp === this.stackObj.length) {
      const objs = new Int32Array(this.sp * 2);
      objs.set(this.stackObj);
      const pos = new Int32Array(this.sp * 2);
      pos.set(this.stackPos);
      this.stackObj = objs;
      this.stackPos = pos;
    }
    this.stackObj[this.sp] = obj;
    this.stackPos[this.sp] = -1;
    this.sp++;
  }

  /** Returns a dead object's references run, payload and block (or parks it in its free list). */
  private freeStorage(obj: ObjId): void {
    const cls = this.edgeClass[obj]!;
    if (cls >= 0) {
      this.edges.releaseRun(this.edgeStart[obj]!, cls);
      this.edgeClass[obj] = -1;
      this.edgeLen[obj] = 0;
    }
    this.itemCapacity[obj] = 0;
    if (this.payloadAddress[obj] !== NO_MEMORY) {
      this.pool.free(this.payloadAddress[obj]!);
      this.payloadAddress[obj] = NO_MEMORY;
      this.payloadBytes[obj] = 0;
    }
    this.liveCount--;
    this.deallocations++;
    this.parkOrDispose(obj);
  }

  /** Parks a dead object in its type's free list when there is room, or disposes of its slot. */
  private parkOrDispose(obj: ObjId): void {
    const typeId = this.typeOf[obj]!;
    const cap = this.typeFreeCap[typeId]!;
    if (cap > 0) {
      const parked = this.freeLists[typeId * FREE_LIST_VARIANTS + this.variantOf[obj]!]!;
      if (parked.length < cap) {
        this.flags[obj] = F_FREELIST;
        parked.push(obj);
        return;
      }
    }
    this.disposeSlot(obj);
  }

  /** Gives a slot's block back to its allocator (PyObject_GC_Del / PyObject_Free). */
  private disposeSlot(obj: ObjId): void {
    const typeId = this.typeOf[obj]!;
    if (this.typeSlab[typeId] === 1) this.slabs[typeId]!.free(this.address[obj]!);
    else this.pool.free(this.address[obj]!);
    if (this.typeGc[typeId] && this.count[0]! > 0) this.count[0]!--;
    this.flags[obj] = 0;
    this.refcnt[obj] = 0;
    if (this.freeSlotTop === this.freeSlotStack.length) {
      const bigger = new Int32Array(this.freeSlotStack.length * 2);
      bigger.set(this.freeSlotStack);
      this.freeSlotStack = bigger;
    }
    this.freeSlotStack[this.freeSlotTop++] = obj;
  }

  /** Empties the free lists that a full collection clears (2.6+); returns how many objects were freed. */
  clearFreeLists(): number {
    let freed = 0;
    for (let typeId = 0; typeId < this.types.length; typeId++) {
      const spec = this.types[typeId]!;
      if (spec.freeList?.clearedOnFullCollection) {
        for (let v = 0; v < FREE_LIST_VARIANTS; v++) {
          const parked = this.freeLists[typeId * FREE_LIST_VARIANTS + v]!;
          while (parked.length > 0) {
            this.disposeSlot(parked.pop()!);
            freed++;
          }
        }
      }
      const slab = this.slabs[typeId];
      if (slab && spec.slab?.releaseEmptyChunksOnFullCollection) slab.releaseEmptyChunks();
    }
    return freed;
  }

  // ---- finalizers ----

  /** PEP 442: the object's __del__ has run (gc.is_finalized). */
  isFinalized(obj: ObjId): boolean {
    return (this.flags[obj]! & F_FINALIZED) !== 0;
  }

  /** Marks an object whose class defines __del__. */
  setFinalizer(obj: ObjId, has = true): void {
    this.checkLive(obj);
    this.flags[obj] = has ? this.flags[obj]! | F_FINALIZER : this.flags[obj]! & ~F_FINALIZER;
  }

  // ---- references ----

  refCount(obj: ObjId): number {
    return this.refcnt[obj]!;
  }

  refLength(obj: ObjId): number {
    return this.edgeLen[obj]!;
  }

  getRef(obj: ObjId, index: number): ObjId {
    if (index < 0 || index >= this.edgeLen[obj]!) throw new RangeError(`reference index ${index} out of range`);
    return this.edges.data[this.edgeStart[obj]! + index]!;
  }

  /** Appends a reference (increfs `target`). False, and nothing changed, on MemoryError. */
  pushRef(obj: ObjId, target: ObjId): boolean {
    const len = this.edgeLen[obj]!;
    if (!this.reserve(obj, len + 1)) return false;
    if (target !== NULL_REF) this.refcnt[target]!++;
    this.edges.data[this.edgeStart[obj]! + len] = target;
    this.edgeLen[obj] = len + 1;
    this.maintainTracking(obj, target);
    return true;
  }

  /** Inserts a reference at `index` (list.insert). False on MemoryError. */
  insertRef(obj: ObjId, index: number, target: ObjId): boolean {
    const len = this.edgeLen[obj]!;
    if (index < 0 || index > len) throw new RangeError(`insert index ${index} out of range 0..${len}`);
    if (!this.reserve(obj, len + 1)) return false;
    const start = this.edgeStart[obj]!;
    const data = this.edges.data;
    data.copyWithin(start + index + 1, start + index, start + len);
    if (target !== NULL_REF) this.refcnt[target]!++;
    data[start + index] = target;
    this.edgeLen[obj] = len + 1;
    this.maintainTracking(obj, target);
    return true;
  }

  /** Replaces the reference at `index`: the new one is stored before the old one is released. */
  setRef(obj: ObjId, index: number, target: ObjId): void {
    if (index < 0 || index >= this.edgeLen[obj]!) throw new RangeError(`reference index ${index} out of range`);
    const slot = this.edgeStart[obj]! + index;
    const old = this.edges.data[slot]!;
    if (target !== NULL_REF) this.refcnt[target]!++;
    this.edges.data[slot] = target;
    this.maintainTracking(obj, target);
    if (old !== NULL_REF) this.decref(old);
  }

  /** Removes the reference at `index` and returns it; the caller now owns that reference. */
  takeRef(obj: ObjId, index: number): ObjId {
    const len = this.edgeLen[obj]!;
    if (index < 0 || index >= len) throw new RangeError(`reference index ${index} out of range`);
    const start = this.edgeStart[obj]!;
    const data = this.edges.data;
    const target = data[start + index]!;
    data.copyWithin(start + index, start + index + 1, start + len);
    this.edgeLen[obj] = len - 1;
    this.shrinkItems(obj, len - 1);
    return target;
  }

  /**
   * Drops the NULL slots of an object's references, keeping the others in order and
   * their counts unchanged (a dict table rebuilt without its deleted entries).
   */
  compactRefs(obj: ObjId): void {
    const len = this.edgeLen[obj]!;
    const start = this.edgeStart[obj]!;
    const data = this.edges.data;
    let w = 0;
    for (let r = 0; r < len; r++) {
      const target = data[start + r]!;
      if (target !== NULL_REF) data[start + w++] = target;
    }
    this.edgeLen[obj] = w;
    this.shrinkItems(obj, w);
  }

  /**
   * Lays the object's references out anew: `refs` holds the same non-NULL references in
   * another order, with NULLs anywhere (a hash table resized); counts are unchanged.
   */
  arrangeRefs(obj: ObjId, refs: ArrayLike<ObjId>): void {
    const n = refs.length;
    this.reserve(obj, n);
    const start = this.edgeStart[obj]!;
    const data = this.edges.data;
    for (let i = 0; i < n; i++) data[start + i] = refs[i]!;
    this.edgeLen[obj] = n;
  }

  /** Removes and releases the reference at `index`. */
  removeRef(obj: ObjId, index: number): void {
    const target = this.takeRef(obj, index);
    if (target !== NULL_REF) this.decref(target);
  }

  /** Releases every reference (tp_clear), in the type's release order. */
  clearRefs(obj: ObjId): void {
    const len = this.edgeLen[obj]!;
    if (len === 0) return;
    // Detach the run first, so that finalizers running during the cascade see an empty object.
    const start = this.edgeStart[obj]!;
    const cls = this.edgeClass[obj]!;
    this.edgeLen[obj] = 0;
    this.edgeClass[obj] = -1;
    if (this.typeItemArray[this.typeOf[obj]!]) {
      this.setPayloadBytes(obj, 0);
      this.itemCapacity[obj] = 0;
    }
    const reversed = this.typeReversed[this.typeOf[obj]!] === 1;
    for (let i = 0; i < len; i++) {
      // The cascade may grow the edge store: index through `this.edges.data` every time.
      const slot = start + (reversed ? len - 1 - i : i);
      const target = this.edges.data[slot]!;
      this.edges.data[slot] = NULL_REF;
      if (target !== NULL_REF) this.decref(target);
    }
    this.edges.releaseRun(start, cls);
  }

  // ---- payloads (item arrays, dict tables, buffers) ----

  /** Resizes the object's separate payload block (0 frees it). False, and nothing changed, on MemoryError. */
  setPayloadBytes(obj: ObjId, bytes: number): boolean {
    if (!Number.isInteger(bytes) || bytes < 0) throw new RangeError(`payload size must be a non-negative integer, got ${bytes}`);
    const current = this.payloadAddress[obj]!;
    if (bytes === 0) {
      if (current !== NO_MEMORY) this.pool.free(current);
      this.payloadAddress[obj] = NO_MEMORY;
      this.payloadBytes[obj] = 0;
      return true;
    }
    const address = current === NO_MEMORY ? this.pool.alloc(bytes, this.rawDomain) : this.pool.realloc(current, bytes, this.rawDomain);
    if (address === NO_MEMORY) {
      this.memoryErrors++;
      return false;
    }
    this.payloadAddress[obj] = address;
    this.payloadBytes[obj] = bytes;
    return true;
  }

  /** Makes room for `n` references (and, for list types, an item array of CPython's capacity). */
  private reserve(obj: ObjId, n: number): boolean {
    if (this.typeItemArray[this.typeOf[obj]!]) {
      const allocated = this.itemCapacity[obj]!;
      const capacity = listCapacity(this.listGrowth, allocated, this.edgeLen[obj]!, n);
      if (capacity !== allocated) {
        if (!this.setPayloadBytes(obj, capacity * this.wordBytes)) return false;
        this.itemCapacity[obj] = capacity;
      }
    }
    const cls = this.edgeClass[obj]!;
    if (cls >= 0 && n <= 1 << cls) return true;
    const newClass = EdgeStore.classFor(n);
    const start = this.edges.takeRun(newClass);
    if (cls >= 0) {
      const old = this.edgeStart[obj]!;
      this.edges.data.copyWithin(start, old, old + this.edgeLen[obj]!);
      this.edges.releaseRun(old, cls);
    }
    this.edgeStart[obj] = start;
    this.edgeClass[obj] = newClass;
    return true;
  }

  private shrinkItems(obj: ObjId, n: number): void {
    if (!this.typeItemArray[this.typeOf[obj]!]) return;
    const allocated = this.itemCapacity[obj]!;
    const capacity = listCapacity(this.listGrowth, allocated, n + 1, n);
    if (capacity === allocated) return;
    // A shrinking realloc cannot fail.
    this.setPayloadBytes(obj, capacity * this.wordBytes);
    this.itemCapacity[obj] = capacity;
  }

  // ---- tracking and generation lists ----

  isTracked(obj: ObjId): boolean {
    return (this.flags[obj]! & F_TRACKED) !== 0;
  }

  /** _PyObject_GC_MAY_BE_TRACKED: a GC object that is not an untracked tuple. */
  mayBeTracked(obj: ObjId): boolean {
    const f = this.flags[obj]!;
    if (!(f & F_GC)) return false;
    return this.typeKind[this.typeOf[obj]!] !== KIND_TUPLE || (f & F_TRACKED) !== 0;
  }

  /** MAINTAIN_TRACKING: an untracked dict that gets a possibly-tracked item is tracked. */
  private maintainTracking(obj: ObjId, target: ObjId): void {
    if (target !== NULL_REF && (this.flags[obj]! & (F_GC | F_TRACKED)) === F_GC && this.mayBeTracked(target)) {
      this.track(obj);
    }
  }

  /** PyObject_GC_Track: appends to generation 0. */
  track(obj: ObjId): void {
    const f = this.flags[obj]!;
    if (!(f & F_GC)) throw new Error(`cannot track object ${obj} (${this.typeName(obj)}): not a GC type`);
    if (f & F_TRACKED) return;
    this.flags[obj] = f | F_TRACKED;
    this.listAppend(HEAD_GEN0, obj);
  }

  /**
   * A static type (a C type PyType_Ready made): untracked for good and not a GC object to
   * the collector's tp_is_gc test, so a tuple holding only such types is untracked too.
   */
  markStatic(obj: ObjId): void {
    this.untrack(obj);
    this.flags[obj] = this.flags[obj]! & ~F_GC;
  }

  untrack(obj: ObjId): void {
    const f = this.flags[obj]!;
    if (!(f & F_TRACKED)) return;
    this.flags[obj] = f & ~(F_TRACKED | F_COLLECTING | F_UNREACHABLE);
    this.listRemove(obj);
  }

  listAppend(head: number, obj: ObjId): void {
    const last = this.gcPrev[head]!;
    this.gcNext[last] = obj;
    this.gcPrev[obj] = last;
    this.gcNext[obj] = head;
    this.gcPrev[head] = obj;
  }

  listRemove(obj: ObjId): void {
    const next = this.gcNext[obj]!;
    const prev = this.gcPrev[obj]!;
    this.gcNext[prev] = next;
    this.gcPrev[next] = prev;
  }

  /** Moves `obj` from whatever list it is in to the end of `head`. */
  listMove(obj: ObjId, head: number): void {
    this.listRemove(obj);
    this.listAppend(head, obj);
  }

  /** Appends all of `from` to `to`, leaving `from` empty. */
  listMerge(from: number, to: number): void {
    const first = this.gcNext[from]!;
    if (first === from) return;
    const last = this.gcPrev[from]!;
    const tail = this.gcPrev[to]!;
    this.gcNext[tail] = first;
    this.gcPrev[first] = tail;
    this.gcNext[last] = to;
    this.gcPrev[to] = last;
    this.gcNext[from] = from;
    this.gcPrev[from] = from;
  }

  listSize(head: number): number {
    let n = 0;
    for (let o = this.gcNext[head]!; o !== head; o = this.gcNext[o]!) n++;
    return n;
  }

  listIsEmpty(head: number): boolean {
    return this.gcNext[head] === head;
  }

  /** The tracked objects of a generation (0–2, or 3 for the permanent one), oldest first. */
  objectsIn(generation: number): ObjId[] {
    const head = HEAD_GEN0 + generation;
    const out: ObjId[] = [];
    for (let o = this.gcNext[head]!; o !== head; o = this.gcNext[o]!) out.push(o);
    return out;
  }

  // ---- queries ----

  isLive(obj: ObjId): boolean {
    return obj >= FIRST_OBJECT && obj < this.nextSlot && (this.flags[obj]! & F_LIVE) !== 0;
  }

  /** Number of object slots the arrays can hold now. */
  get capacityOfSlots(): number {
    return this.capacity;
  }

  get liveObjects(): number {
    return this.liveCount;
  }

  /** Ids of all live objects (for tests and heap dumps). */
  liveIds(): ObjId[] {
    const out: ObjId[] = [];
    for (let o = FIRST_OBJECT; o < this.nextSlot; o++) if (this.flags[o]! & F_LIVE) out.push(o);
    return out;
  }

  /** Bytes an object holds in the pool: its block plus its payload. */
  objectBytes(obj: ObjId): number {
    return this.blockBytes[obj]! + (this.payloadAddress[obj] !== NO_MEMORY ? this.pool.blockBytesAt(this.payloadAddress[obj]!) : 0);
  }

  /** Live objects and bytes per type, most bytes first. */
  usageByType(): TypeUsage[] {
    const objects = new Float64Array(this.types.length);
    const bytes = new Float64Array(this.types.length);
    for (let o = FIRST_OBJECT; o < this.nextSlot; o++) {
      if (!(this.flags[o]! & F_LIVE)) continue;
      const t = this.typeOf[o]!;
      objects[t]!++;
      bytes[t]! += this.objectBytes(o);
    }
    const out: TypeUsage[] = [];
    this.types.forEach((spec, t) => {
      if (objects[t]! > 0) out.push({ type: spec.name, objects: objects[t]!, bytes: bytes[t]! });
    });
    return out.sort((a, b) => b.bytes - a.bytes || (a.type < b.type ? -1 : 1));
  }

  checkLive(obj: ObjId): void {
    if (!this.isLive(obj)) throw new RangeError(`object ${obj} is not a live object`);
  }

  /** Slots below this bound may hold objects (for scans). */
  get slotBound(): number {
    return this.nextSlot;
  }

  // ---- storage growth ----

  private growSlots(n: number): void {
    const grow = <T extends Int32Array | Uint16Array | Uint8Array | Int8Array>(a: T, make: (n: number) => T): T => {
      const b = make(n);
      b.set(a as never);
      return b;
    };
    this.typeOf = grow(this.typeOf, (k) => new Uint16Array(k));
    this.refcnt = grow(this.refcnt, (k) => new Int32Array(k));
    this.flags = grow(this.flags, (k) => new Uint8Array(k));
    this.gcNext = grow(this.gcNext, (k) => new Int32Array(k));
    this.gcPrev = grow(this.gcPrev, (k) => new Int32Array(k));
    this.gcRefs = grow(this.gcRefs, (k) => new Int32Array(k));
    this.address = grow(this.address, (k) => new Int32Array(k));
    this.blockBytes = grow(this.blockBytes, (k) => new Int32Array(k));
    this.edgeStart = grow(this.edgeStart, (k) => new Int32Array(k));
    this.edgeLen = grow(this.edgeLen, (k) => new Int32Array(k));
    this.edgeClass = grow(this.edgeClass, (k) => new Int8Array(k));
    this.payloadAddress = grow(this.payloadAddress, (k) => new Int32Array(k));
    this.payloadBytes = grow(this.payloadBytes, (k) => new Int32Array(k));
    this.itemCapacity = grow(this.itemCapacity, (k) => new Int32Array(k));
    this.variantOf = grow(this.variantOf, (k) => new Uint8Array(k));
    // Empty slots have no reference run and no payload (initObject relies on it).
    this.edgeClass.fill(-1, this.capacity);
    this.payloadAddress.fill(NO_MEMORY, this.capacity);
    this.capacity = n;
    this.onGrow(n);
  }

  private growTypes(): void {
    const n = this.typeGc.length * 2;
    const grow8 = (a: Uint8Array) => {
      const b = new Uint8Array(n);
      b.set(a);
      return b;
    };
    this.typeGc = grow8(this.typeGc);
    this.typeKind = grow8(this.typeKind);
    this.typeClears = grow8(this.typeClears);
    this.typeReversed = grow8(this.typeReversed);
    this.typeItemArray = grow8(this.typeItemArray);
    this.typeSlab = grow8(this.typeSlab);
    const cap = new Int32Array(n);
    cap.set(this.typeFreeCap);
    this.typeFreeCap = cap;
  }

  /** Has tp_clear. */
  typeClearsRefs(obj: ObjId): boolean {
    return this.typeClears[this.typeOf[obj]!] === 1;
  }

  /** Is a tuple / dict (for the untracking rules). */
  isTupleObject(obj: ObjId): boolean {
    return this.typeKind[this.typeOf[obj]!] === KIND_TUPLE;
  }

  isDictObject(obj: ObjId): boolean {
    return this.typeKind[this.typeOf[obj]!] === KIND_DICT;
  }

  /** Number of parked free-list objects (for statistics). */
  freeListObjects(): number {
    let n = 0;
    for (const list of this.freeLists) if (list) n += list.length;
    return n;
  }
}

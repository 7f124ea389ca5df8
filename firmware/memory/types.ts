// Object types as the memory manager sees them: no Python syntax, only what
// CPython's allocator and collector know of a type (GC-capable or not, which
// tracking rules apply, whether it has tp_clear, its free list).

export type ObjId = number;

/** The NULL reference (an empty slot). */
export const NULL_REF: ObjId = 0;
/** What `alloc` returns when the pool has no room: the caller raises MemoryError. */
export const MEMORY_ERROR: ObjId = -1;

/** Which tracking optimisation of issue #4688 applies. */
export type TrackingKind = 'tuple' | 'dict' | 'other';

export interface TypeSpec {
  name: string;
  /** Has a PyGC_Head: counted toward generation 0 and (usually) tracked. */
  gc: boolean;
  kind?: TrackingKind;
  /** Has tp_clear (tuples do not: they die when a member of their cycle is cleared). */
  clears?: boolean;
  /** Objects freed into this list keep their block and skip the generation-0 counters. */
  freeList?: { capacity: number; clearedOnFullCollection: boolean };
  /** Children released last-first at deallocation, as list_dealloc does. */
  releaseReversed?: boolean;
  /** The payload is a list item array sized by CPython's over-allocation (one word per slot). */
  itemArray?: boolean;
  /**
   * 2.x ints and floats: objects come from `chunkBytes` blocks of `perChunk` objects that
   * are never freed (2.4/2.5) or freed when wholly empty at a full collection (2.6+).
   */
  slab?: { perChunk: number; chunkBytes: number; releaseEmptyChunksOnFullCollection: boolean };
}

/** The generation lists; generation 3 is the permanent one of `gc.freeze()`. */
export const GENERATIONS = 3;
export const PERMANENT_GENERATION = 3;

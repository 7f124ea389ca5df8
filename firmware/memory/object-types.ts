// CPython's built-in object kinds as the memory manager needs them: struct sizes
// (without the GC head, which the heap adds), GC capability, free lists and the
// int/float block allocators. Sizes: 2.x on 32-bit ARM EABI from compiling the
// 2.7.18 headers for ILP32 (reference/cpython-gc.md §4, marked [cc] there); 64-bit
// host sizes measured with sys.getsizeof on the pyenv builds (minus the GC head).
// Figures marked "estimate" in a comment were not measured.

import type { ObjectHeap } from './heap.js';
import type { GcModelId } from './models.js';
import type { TypeSpec } from './types.js';

export type StandardTypeName =
  | 'int'
  | 'long'
  | 'float'
  | 'str'
  | 'unicode'
  | 'bytes'
  | 'bytearray'
  | 'tuple'
  | 'list'
  | 'dict'
  | 'set'
  | 'frozenset'
  | 'instance'
  | 'classic-instance'
  | 'class'
  | 'function'
  | 'method'
  | 'builtin-method'
  | 'cell'
  | 'frame'
  | 'module'
  | 'code'
  | 'object';

/** Struct sizes in bytes; `perItem` is added per element (tuple items, string bytes, long digits). */
export interface SizeEntry {
  basic: number;
  perItem?: number;
}

export type SizeTable = Record<StandardTypeName, SizeEntry>;

/** Python 2.4–2.7 on 32-bit ARM (the ConnectPort X2/X4/X8, X2e, XBee Gateway, WR44). */
const PY2_ILP32: SizeTable = {
  int: { basic: 12 },
  long: { basic: 12, perItem: 2 },
  float: { basic: 16 },
  str: { basic: 21, perItem: 1 }, // 2.7 PyStringObject_SIZE; 24 + n in 2.4–2.6 (see py2Sizes)
  unicode: { basic: 24, perItem: 2 }, // UCS2 buffer is separate; counted per character here
  bytes: { basic: 21, perItem: 1 },
  bytearray: { basic: 24 }, // buffer is a separate payload
  tuple: { basic: 12, perItem: 4 },
  list: { basic: 20 },
  dict: { basic: 124 },
  set: { basic: 100 },
  frozenset: { basic: 100 },
  instance: { basic: 16 },
  'classic-instance': { basic: 20 },
  class: { basic: 436 }, // estimate: PyHeapTypeObject on ILP32
  function: { basic: 44 },
  method: { basic: 24 },
  'builtin-method': { basic: 20 }, // estimate
  cell: { basic: 12 },
  frame: { basic: 312, perItem: 4 },
  module: { basic: 16 }, // estimate (its dict is separate)
  code: { basic: 72 }, // estimate
  object: { basic: 8 },
};

/** Python 2.7.18 on x86-64 (host-cpython-2.7): sys.getsizeof minus the 32-byte GC head. */
const PY27_LP64: SizeTable = {
  int: { basic: 24 },
  long: { basic: 24, perItem: 2 },
  float: { basic: 24 },
  str: { basic: 37, perItem: 1 },
  unicode: { basic: 52, perItem: 4 },
  bytes: { basic: 37, perItem: 1 },
  bytearray: { basic: 48 },
  tuple: { basic: 24, perItem: 8 },
  list: { basic: 40 },
  dict: { basic: 248 },
  set: { basic: 200 },
  frozenset: { basic: 200 },
  instance: { basic: 32 },
  'classic-instance': { basic: 40 },
  class: { basic: 872 },
  function: { basic: 88 },
  method: { basic: 32 },
  'builtin-method': { basic: 40 },
  cell: { basic: 24 },
  frame: { basic: 400, perItem: 8 },
  module: { basic: 24 },
  code: { basic: 128 },
  object: { basic: 16 },
};

/** Python 3.11 on x86-64: sys.getsizeof minus the 16-byte GC head. */
const PY311_LP64: SizeTable = {
  int: { basic: 28, perItem: 4 },
  long: { basic: 28, perItem: 4 },
  float: { basic: 24 },
  str: { basic: 49, perItem: 1 },
  unicode: { basic: 49, perItem: 1 },
  bytes: { basic: 33, perItem: 1 },
  bytearray: { basic: 56 },
  tuple: { basic: 24, perItem: 8 },
  list: { basic: 40 },
  dict: { basic: 48 },
  set: { basic: 200 },
  frozenset: { basic: 200 },
  instance: { basic: 40 },
  'classic-instance': { basic: 40 },
  class: { basic: 1672 },
  function: { basic: 136 },
  method: { basic: 32 },
  'builtin-method': { basic: 56 },
  cell: { basic: 24 },
  frame: { basic: 0 }, // 3.11+ frames live on the interpreter's stack, not the heap
  module: { basic: 56 },
  code: { basic: 176 },
  object: { basic: 16 },
};

/** 3.12 and 3.13 differ from 3.11 in str, instance, function and class sizes. */
const PY312_LP64: SizeTable = {
  ...PY311_LP64,
  str: { basic: 41, perItem: 1 },
  unicode: { basic: 41, perItem: 1 },
  instance: { basic: 32 },
  'classic-instance': { basic: 32 },
  function: { basic: 144 },
  class: { basic: 1688 }, // sys.getsizeof of a class statement's class: 1704 on 3.12.1
};

const PY313_LP64: SizeTable = { ...PY312_LP64, class: { basic: 1696 } }; // 1712 on 3.13.0

export function sizeTable(model: GcModelId, wordBytes: 4 | 8): SizeTable {
  if (model.startsWith('2.')) {
    if (wordBytes === 8) return PY27_LP64;
    if (model === '2.7') return PY2_ILP32;
    // PyStringObject_SIZE arrived in 2.7; before it, sizeof(PyStringObject) + n.
    return { ...PY2_ILP32, str: { basic: 24, perItem: 1 }, bytes: { basic: 24, perItem: 1 } };
  }
  if (wordBytes === 4) {
    // 3.x on 32-bit (reference §4, [cc] 3.12): list 20, dict 32, tuple 12 + 4n, int 12 + 4/digit.
    return {
      ...scale(PY312_LP64),
      list: { basic: 20 },
      dict: { basic: 32 },
      tuple: { basic: 12, perItem: 4 },
      int: { basic: 12, perItem: 4 },
      long: { basic: 12, perItem: 4 },
      str: { basic: 21, perItem: 1 },
    };
  }
  return model === '3.11' ? PY311_LP64 : model === '3.13' ? PY313_LP64 : PY312_LP64;
}

/** Halves the word-sized parts of a 64-bit table: an estimate for 32-bit 3.x builds. */
function scale(table: SizeTable): SizeTable {
  const out = {} as SizeTable;
  for (const [name, entry] of Object.entries(table) as [StandardTypeName, SizeEntry][]) {
    out[name] = { basic: Math.max(8, Math.round(entry.basic / 2 / 4) * 4), ...(entry.perItem ? { perItem: Math.max(1, entry.perItem / 2) } : {}) };
  }
  return out;
}

/** The heap's view of each standard type for a model (GC capability, free lists, block allocators). */
export function standardTypeSpecs(model: GcModelId): Record<StandardTypeName, TypeSpec> {
  const py2 = model.startsWith('2.');
  const blocksFreed = model !== '2.4'; // PyInt_ClearFreeList frees empty blocks from 2.6
  const cleared2 = true; // clear_freelists (2.6+) empties these; 2.4 never runs it
  const listAndDictCleared = !py2; // 3.x clear_freelists also empties list and dict free lists
  return {
    int: py2
      ? { name: 'int', gc: false, slab: { perChunk: 82, chunkBytes: 1000, releaseEmptyChunksOnFullCollection: blocksFreed } }
      : { name: 'int', gc: false },
    long: { name: 'long', gc: false },
    float: py2
      ? { name: 'float', gc: false, slab: { perChunk: 62, chunkBytes: 1000, releaseEmptyChunksOnFullCollection: blocksFreed } }
      : { name: 'float', gc: false, freeList: { capacity: 100, clearedOnFullCollection: true } },
    str: { name: 'str', gc: false },
    unicode: { name: 'unicode', gc: false },
    bytes: { name: 'bytes', gc: false },
    bytearray: { name: 'bytearray', gc: false },
    tuple: { name: 'tuple', gc: true, kind: 'tuple', clears: false, releaseReversed: true, freeList: { capacity: 2000, clearedOnFullCollection: cleared2 } },
    list: { name: 'list', gc: true, releaseReversed: true, itemArray: true, freeList: { capacity: 80, clearedOnFullCollection: listAndDictCleared } },
    dict: { name: 'dict', gc: true, kind: 'dict', freeList: { capacity: 80, clearedOnFullCollection: listAndDictCleared } },
    set: { name: 'set', gc: true, ...(py2 ? { freeList: { capacity: 80, clearedOnFullCollection: false } } : {}) },
    frozenset: { name: 'frozenset', gc: true },
    instance: { name: 'instance', gc: true },
    'classic-instance': { name: 'classic-instance', gc: true },
    class: { name: 'class', gc: true },
    function: { name: 'function', gc: true },
    method: { name: 'method', gc: true, freeList: { capacity: py2 ? 256 : 0, clearedOnFullCollection: cleared2 } },
    'builtin-method': { name: 'builtin-method', gc: true, freeList: { capacity: py2 ? 256 : 0, clearedOnFullCollection: cleared2 } },
    cell: { name: 'cell', gc: true },
    // 3.11 removed the frame free list (frames live on the data stack; frame objects are rare).
    frame: { name: 'frame', gc: true, freeList: { capacity: py2 ? 200 : 0, clearedOnFullCollection: cleared2 } },
    module: { name: 'module', gc: true },
    code: { name: 'code', gc: false },
    object: { name: 'object', gc: false },
  };
}

export type StandardTypeIds = Record<StandardTypeName, number>;

export function registerStandardTypes(heap: ObjectHeap, model: GcModelId): StandardTypeIds {
  const specs = standardTypeSpecs(model);
  const ids = {} as StandardTypeIds;
  for (const [name, spec] of Object.entries(specs) as [StandardTypeName, TypeSpec][]) {
    ids[name] = heap.registerType(spec);
  }
  return ids;
}

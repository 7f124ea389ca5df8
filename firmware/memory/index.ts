// The memory manager's public surface.
export { Memory, type MemoryOptions, type MemoryStats } from './memory.js';
export { assertHeapInvariants } from './invariants.js';
export { Collector, type CollectionResult, type CollectionWork, type CollectorHooks } from './collector.js';
export { ObjectHeap, type HeapHooks, type TypeUsage } from './heap.js';
export { GcState, type GenerationStats } from './gc-state.js';
export { GC_MODELS, GC_MODEL_IDS, gcModel, buildLayout, type GcModel, type GcModelId, type BuildLayout } from './models.js';
export { sizeTable, standardTypeSpecs, type SizeTable, type StandardTypeName, type StandardTypeIds } from './object-types.js';
export { MEMORY_ERROR, NULL_REF, type ObjId, type TypeSpec } from './types.js';
export type { PoolStats } from './allocator/memory-pool.js';

// The device's memory manager, assembled: the bounded pool, the object heap with its
// reference counts, the generational collector of the profile's CPython version, and
// the standard object types with their sizes.

import { MemoryPool, type PoolStats } from './allocator/memory-pool.js';
import { Collector } from './collector.js';
import { GcState, type GenerationStats } from './gc-state.js';
import { ObjectHeap, type TypeUsage } from './heap.js';
import { buildLayout, gcModel, type BuildLayout, type GcModel, type GcModelId } from './models.js';
import { registerStandardTypes, sizeTable, type SizeTable, type StandardTypeIds } from './object-types.js';

export interface MemoryOptions {
  gcModel: GcModelId | string;
  wordBytes: 4 | 8;
  poolBytes: number;
  thresholds?: readonly [number, number, number];
  /** MicroPython-style collect-and-retry on allocation failure (off: CPython never does it). */
  collectOnAllocFailure?: boolean;
  /** Profile overrides of the build's allocator layout. */
  layout?: Partial<BuildLayout>;
}

export interface MemoryStats extends PoolStats {
  liveObjects: number;
  trackedObjects: [number, number, number];
  gcCount: [number, number, number];
  gcThreshold: [number, number, number];
  collections: GenerationStats[];
  automaticCollections: number;
  memoryErrors: number;
  freeListObjects: number;
}

export class Memory {
  readonly model: GcModel;
  readonly layout: BuildLayout;
  readonly pool: MemoryPool;
  readonly state: GcState;
  readonly heap: ObjectHeap;
  readonly collector: Collector;
  readonly types: StandardTypeIds;
  readonly sizes: SizeTable;

  constructor(options: MemoryOptions) {
    this.model = gcModel(options.gcModel);
    if (options.wordBytes !== 4 && options.wordBytes !== 8) {
      throw new RangeError(`wordBytes must be 4 or 8, got ${options.wordBytes}`);
    }
    if (!Number.isSafeInteger(options.poolBytes) || options.poolBytes < 64 * 1024 || options.poolBytes > 0x7fff0000) {
      throw new RangeError(`poolBytes must be an integer from 64 KiB to 2 GiB, got ${options.poolBytes}`);
    }
    this.layout = { ...buildLayout(this.model.id, options.wordBytes), ...options.layout };
    const l = this.layout;
    this.pool = new MemoryPool({
      poolBytes: options.poolBytes,
      malloc: { headerBytes: l.mallocHeaderBytes, alignmentBytes: l.mallocAlignmentBytes, minChunkBytes: l.mallocMinChunkBytes },
      pymalloc: {
        smallRequestThresholdBytes: l.smallRequestThresholdBytes,
        alignmentBytes: l.alignmentBytes,
        poolBytes: l.poolBytes,
        poolHeaderBytes: l.poolHeaderBytes,
        arenaBytes: l.arenaBytes,
        arenasReturn: l.arenasReturn,
        keepOneEmptyArena: l.keepOneEmptyArena,
      },
    });
    this.state = new GcState(this.model, options.thresholds);
    this.heap = new ObjectHeap({
      pool: this.pool,
      layout: l,
      state: this.state,
      listGrowth: this.model.id.startsWith('2.') ? 'py2' : 'py3',
      collectOnAllocFailure: options.collectOnAllocFailure ?? false,
    });
    this.types = registerStandardTypes(this.heap, this.model.id);
    this.sizes = sizeTable(this.model.id, options.wordBytes);
    this.collector = new Collector(this.heap, this.state, this.types.list);
  }

  stats(): MemoryStats {
    const s = this.state;
    return {
      ...this.pool.stats(),
      liveObjects: this.heap.liveObjects,
      trackedObjects: this.collector.generationSizes(),
      gcCount: [s.count[0]!, s.count[1]!, s.count[2]!],
      gcThreshold: [s.threshold[0]!, s.threshold[1]!, s.threshold[2]!],
      collections: s.stats.map((g) => ({ ...g })),
      automaticCollections: s.automaticCollections,
      memoryErrors: this.heap.memoryErrors,
      freeListObjects: this.heap.freeListObjects(),
    };
  }

  usageByType(): TypeUsage[] {
    return this.heap.usageByType();
  }
}

// The bounded memory pool of the device: one region of N bytes, shared by the
// small-object allocator (pymalloc) and the general allocator (malloc).

import { LargeAllocator, NO_MEMORY, type LargeAllocatorConfig } from './large-allocator.js';
import { SmallAllocator, type SmallAllocatorConfig } from './small-allocator.js';

export { NO_MEMORY };

export interface MemoryPoolConfig {
  poolBytes: number;
  malloc: Omit<LargeAllocatorConfig, 'regionBytes'>;
  pymalloc: SmallAllocatorConfig;
}

export interface PoolStats {
  /** Size of the region. */
  poolBytes: number;
  /** Bytes in allocated malloc chunks (arenas included). Invariant: usedBytes + freeBytes = usable region. */
  usedBytes: number;
  freeBytes: number;
  /** The largest single malloc request that can succeed now. */
  largestFreeBlockBytes: number;
  /** External fragmentation: 1 - largest free block / free bytes (0 when free memory is one block). */
  fragmentation: number;
  peakUsedBytes: number;
  arenasAllocated: number;
  poolsInUse: number;
  /** Bytes held by arenas but in no live small block: what pinned pools and arenas waste. */
  arenaSlackBytes: number;
  freeChunks: number;
  smallRequestsRedirectedToMalloc: number;
}

/** Which allocator a request goes to: pymalloc (`object`) or malloc (`raw`), as in CPython's PyObject_Malloc vs PyMem_Malloc. */
export type AllocDomain = 'object' | 'raw';

export class MemoryPool {
  readonly large: LargeAllocator;
  readonly small: SmallAllocator;
  readonly poolBytes: number;

  constructor(config: MemoryPoolConfig) {
    this.poolBytes = config.poolBytes;
    this.large = new LargeAllocator({ regionBytes: config.poolBytes, ...config.malloc });
    this.small = new SmallAllocator(this.large, config.pymalloc);
  }

  /** PyObject_Malloc: small requests from pymalloc, others from malloc. NO_MEMORY when nothing fits. */
  allocObject(bytes: number): number {
    if (bytes > 0 && bytes <= this.small.thresholdBytes) return this.small.alloc(bytes);
    return this.large.malloc(bytes);
  }

  /** PyMem_Malloc on 2.x (plain malloc). */
  allocRaw(bytes: number): number {
    return this.large.malloc(bytes);
  }

  alloc(bytes: number, domain: AllocDomain): number {
    return domain === 'object' ? this.allocObject(bytes) : this.large.malloc(bytes);
  }

  /** Frees an address from either allocator. */
  free(address: number): void {
    this.small.free(address); // hands addresses it does not own to malloc
  }

  /**
   * Resizes a block. pymalloc blocks keep their address while the new size fits
   * their size class (and is not a shrink to under 3/4, as in pymalloc_realloc);
   * malloc chunks resize in place when they can. NO_MEMORY leaves the old block.
   */
  realloc(address: number, bytes: number, domain: AllocDomain): number {
    if (this.small.owns(address)) {
      const have = this.small.blockBytesAt(address);
      if (bytes <= have && bytes * 4 > have * 3) return address;
      const moved = this.alloc(bytes, domain);
      if (moved === NO_MEMORY) return NO_MEMORY;
      this.small.free(address);
      return moved;
    }
    if (domain === 'object' && bytes > 0 && bytes <= this.small.thresholdBytes) {
      const moved = this.small.alloc(bytes);
      if (moved === NO_MEMORY) return NO_MEMORY;
      this.large.free(address);
      return moved;
    }
    return this.large.realloc(address, bytes);
  }

  /** Bytes the block at `address` really occupies (size class or chunk size). */
  blockBytesAt(address: number): number {
    const small = this.small.blockBytesAt(address);
    return small > 0 ? small : this.large.chunkBytesAt(address);
  }

  stats(): PoolStats {
    const free = this.large.freeBytes;
    const largest = this.large.largestFreeBlockBytes();
    const small = this.small.stats();
    return {
      poolBytes: this.poolBytes,
      usedBytes: this.large.usedBytes,
      freeBytes: free,
      largestFreeBlockBytes: largest,
      fragmentation: free === 0 ? 0 : 1 - this.large.largestFreeChunkBytes() / free,
      peakUsedBytes: this.large.peakBytes,
      arenasAllocated: small.arenasAllocated,
      poolsInUse: small.poolsInUse,
      arenaSlackBytes: small.arenaSlackBytes,
      freeChunks: this.large.freeChunkCount,
      smallRequestsRedirectedToMalloc: small.redirectedToMalloc,
    };
  }

  assertInvariants(): void {
    this.large.assertInvariants();
    this.small.assertInvariants();
  }
}

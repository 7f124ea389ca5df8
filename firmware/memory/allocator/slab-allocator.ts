// Python 2's int and float allocators (intobject.c, floatobject.c): objects come from
// ~1 KB blocks malloc'ed `perChunk` objects at a time and go back to a type-wide free
// list, never to malloc. Before 2.6 the blocks are never freed; from 2.6 a full
// collection frees the blocks whose objects are all free (PyInt_ClearFreeList).

import type { MemoryPool } from './memory-pool.js';
import { NO_MEMORY } from './large-allocator.js';

export class SlabAllocator {
  private readonly chunks: number[] = []; // sorted chunk addresses
  private readonly live: number[] = []; // live objects per chunk
  private freeObjects: number[] = [];
  readonly objectBytes: number;

  constructor(
    private readonly pool: MemoryPool,
    private readonly perChunk: number,
    private readonly chunkBytes: number,
    headerBytes: number,
  ) {
    this.objectBytes = Math.floor((chunkBytes - headerBytes) / perChunk);
    this.firstOffset = headerBytes;
  }

  private readonly firstOffset: number;

  alloc(): number {
    let address = this.freeObjects.pop();
    if (address === undefined) {
      const chunk = this.pool.allocRaw(this.chunkBytes);
      if (chunk === NO_MEMORY) return NO_MEMORY;
      const at = this.indexOf(chunk);
      this.chunks.splice(at, 0, chunk);
      this.live.splice(at, 0, 0);
      // Hand out the block's objects lowest address last, as fill_free_list links them.
      for (let i = 0; i < this.perChunk; i++) this.freeObjects.push(chunk + this.firstOffset + i * this.objectBytes);
      address = this.freeObjects.pop()!;
    }
    this.live[this.chunkIndex(address)]!++;
    return address;
  }

  free(address: number): void {
    this.live[this.chunkIndex(address)]!--;
    this.freeObjects.push(address);
  }

  /** Frees every block none of whose objects is alive; returns the bytes given back. */
  releaseEmptyChunks(): number {
    const emptied = new Set<number>();
    for (let i = 0; i < this.chunks.length; i++) if (this.live[i] === 0) emptied.add(this.chunks[i]!);
    if (emptied.size === 0) return 0;
    this.freeObjects = this.freeObjects.filter((a) => !emptied.has(this.chunkStart(a)));
    let released = 0;
    for (let i = this.chunks.length - 1; i >= 0; i--) {
      if (this.live[i] !== 0) continue;
      released += this.pool.blockBytesAt(this.chunks[i]!);
      this.pool.free(this.chunks[i]!);
      this.chunks.splice(i, 1);
      this.live.splice(i, 1);
    }
    return released;
  }

  get chunkCount(): number {
    return this.chunks.length;
  }

  get liveObjects(): number {
    let n = 0;
    for (const l of this.live) n += l;
    return n;
  }

  private chunkStart(address: number): number {
    return this.chunks[this.chunkIndex(address)] ?? -1;
  }

  /** Index of the chunk holding `address` (the last chunk starting at or below it). */
  private chunkIndex(address: number): number {
    return this.indexOf(address + 1) - 1;
  }

  /** Index of the first chunk whose address is >= `address`. */
  private indexOf(address: number): number {
    let lo = 0;
    let hi = this.chunks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.chunks[mid]! < address) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

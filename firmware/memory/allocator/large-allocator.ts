// The device's general-purpose allocator ("malloc"): first-fit over an
// address-ordered free list with immediate coalescing, inside one bounded region.
// Arenas of the small-object allocator, large objects, list item arrays and dict
// tables are all carved from here, so they compete for the same N bytes and
// fragment each other as they do on the device.

export interface LargeAllocatorConfig {
  /** Size of the whole region, in bytes. */
  regionBytes: number;
  /** Bytes of bookkeeping before each chunk's user data (the chunk header). */
  headerBytes: number;
  /** Chunks are multiples of this, in bytes (8 on 32-bit glibc/NET+OS, 16 on 64-bit). */
  alignmentBytes: number;
  /** Smallest chunk, header included. */
  minChunkBytes: number;
}

/** Returned instead of an address when the region has no room: the caller raises MemoryError. */
export const NO_MEMORY = -1;

export class LargeAllocator {
  readonly regionBytes: number;
  readonly headerBytes: number;
  private readonly alignMask: number;
  private readonly minChunkBytes: number;
  // Invariant: free chunks are sorted by address, never adjacent (adjacent ones are merged),
  // and never overlap an allocated chunk.
  private freeStart: number[] = [];
  private freeSize: number[] = [];
  /** user address -> chunk size (header included) of every allocated chunk. */
  private readonly chunkOf = new Map<number, number>();
  private freeTotalBytes: number;
  private peakUsedBytes = 0;

  constructor(config: LargeAllocatorConfig) {
    const { regionBytes, headerBytes, alignmentBytes, minChunkBytes } = config;
    if (!Number.isSafeInteger(regionBytes) || regionBytes <= 0) {
      throw new RangeError(`regionBytes must be a positive integer, got ${regionBytes}`);
    }
    if (alignmentBytes <= 0 || (alignmentBytes & (alignmentBytes - 1)) !== 0) {
      throw new RangeError(`alignmentBytes must be a power of two, got ${alignmentBytes}`);
    }
    this.regionBytes = regionBytes;
    this.headerBytes = headerBytes;
    this.alignMask = alignmentBytes - 1;
    this.minChunkBytes = Math.max(minChunkBytes, this.roundUp(headerBytes + 1));
    // The region's usable span is aligned down so every chunk stays aligned.
    const usable = regionBytes & ~this.alignMask;
    this.freeStart.push(0);
    this.freeSize.push(usable);
    this.freeTotalBytes = usable;
  }

  /** The chunk size (header included) that a request of `requestBytes` takes. */
  chunkBytesFor(requestBytes: number): number {
    const need = this.roundUp(requestBytes + this.headerBytes);
    return need < this.minChunkBytes ? this.minChunkBytes : need;
  }

  /** Allocates and returns the user address, or NO_MEMORY. */
  malloc(requestBytes: number): number {
    const need = this.chunkBytesFor(requestBytes);
    const starts = this.freeStart;
    const sizes = this.freeSize;
    for (let i = 0; i < starts.length; i++) {
      const size = sizes[i]!;
      if (size < need) continue;
      const chunk = starts[i]!;
      const rest = size - need;
      if (rest >= this.minChunkBytes) {
        starts[i] = chunk + need;
        sizes[i] = rest;
        this.take(chunk, need);
      } else {
        // Too small a remainder to be a chunk: hand out the whole free chunk.
        starts.splice(i, 1);
        sizes.splice(i, 1);
        this.take(chunk, size);
      }
      return chunk + this.headerBytes;
    }
    return NO_MEMORY;
  }

  /** Frees a chunk given its user address. */
  free(address: number): void {
    const chunkBytes = this.chunkOf.get(address);
    if (chunkBytes === undefined) throw new Error(`free of an address that is not allocated: ${address}`);
    this.chunkOf.delete(address);
    this.freeTotalBytes += chunkBytes;
    this.insertFree(address - this.headerBytes, chunkBytes);
  }

  /**
   * Resizes in place when it can (shrinking, or growing into a free neighbour),
   * else moves. Returns the new user address, or NO_MEMORY (the old chunk stays).
   */
  realloc(address: number, requestBytes: number): number {
    const oldBytes = this.chunkOf.get(address);
    if (oldBytes === undefined) throw new Error(`realloc of an address that is not allocated: ${address}`);
    const need = this.chunkBytesFor(requestBytes);
    const chunk = address - this.headerBytes;
    if (need <= oldBytes) {
      const spare = oldBytes - need;
      if (spare >= this.minChunkBytes) {
        this.chunkOf.set(address, need);
        this.freeTotalBytes += spare;
        this.insertFree(chunk + need, spare);
      }
      return address;
    }
    const end = chunk + oldBytes;
    const i = this.indexAtOrAfter(end);
    if (i < this.freeStart.length && this.freeStart[i] === end && oldBytes + this.freeSize[i]! >= need) {
      const grow = need - oldBytes;
      const rest = this.freeSize[i]! - grow;
      if (rest >= this.minChunkBytes) {
        this.freeStart[i] = end + grow;
        this.freeSize[i] = rest;
        this.chunkOf.set(address, need);
        this.freeTotalBytes -= grow;
      } else {
        const whole = this.freeSize[i]!;
        this.freeStart.splice(i, 1);
        this.freeSize.splice(i, 1);
        this.chunkOf.set(address, oldBytes + whole);
        this.freeTotalBytes -= whole;
      }
      this.notePeak();
      return address;
    }
    const moved = this.malloc(requestBytes);
    if (moved === NO_MEMORY) return NO_MEMORY;
    this.free(address);
    return moved;
  }

  /** Chunk size (header included) of an allocated user address, or 0 when it is not allocated. */
  chunkBytesAt(address: number): number {
    return this.chunkOf.get(address) ?? 0;
  }

  get usedBytes(): number {
    return this.regionBytes - this.freeTotalBytes;
  }

  get freeBytes(): number {
    return this.freeTotalBytes;
  }

  get peakBytes(): number {
    return this.peakUsedBytes;
  }

  get chunkCount(): number {
    return this.chunkOf.size;
  }

  get freeChunkCount(): number {
    return this.freeStart.length;
  }

  /** The largest free chunk, header included. */
  largestFreeChunkBytes(): number {
    let largest = 0;
    for (const size of this.freeSize) if (size > largest) largest = size;
    return largest;
  }

  /** The largest request (user bytes) that can succeed right now. */
  largestFreeBlockBytes(): number {
    const largest = this.largestFreeChunkBytes();
    return largest > this.headerBytes ? largest - this.headerBytes : 0;
  }

  /** Throws when the allocator's own bookkeeping does not add up (for tests). */
  assertInvariants(): void {
    let free = 0;
    let prevEnd = -1;
    for (let i = 0; i < this.freeStart.length; i++) {
      const start = this.freeStart[i]!;
      const size = this.freeSize[i]!;
      if (size < this.minChunkBytes) throw new Error(`free chunk at ${start} smaller than the minimum: ${size}`);
      if (start <= prevEnd) throw new Error(`free chunks out of order or adjacent at ${start}`);
      prevEnd = start + size;
      free += size;
    }
    if (free !== this.freeTotalBytes) throw new Error(`free bytes ${free} != recorded ${this.freeTotalBytes}`);
    let used = 0;
    for (const size of this.chunkOf.values()) used += size;
    const usable = this.regionBytes & ~this.alignMask;
    if (used + free !== usable) {
      throw new Error(`used ${used} + free ${free} != usable region ${usable}`);
    }
  }

  private take(chunk: number, bytes: number): void {
    this.chunkOf.set(chunk + this.headerBytes, bytes);
    this.freeTotalBytes -= bytes;
    this.notePeak();
  }

  private notePeak(): void {
    const used = this.regionBytes - this.freeTotalBytes;
    if (used > this.peakUsedBytes) this.peakUsedBytes = used;
  }

  private roundUp(bytes: number): number {
    return (bytes + this.alignMask) & ~this.alignMask;
  }

  /** Index of the first free chunk whose start is >= address. */
  private indexAtOrAfter(address: number): number {
    const starts = this.freeStart;
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (starts[mid]! < address) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private insertFree(start: number, size: number): void {
    const starts = this.freeStart;
    const sizes = this.freeSize;
    const i = this.indexAtOrAfter(start);
    const mergesLeft = i > 0 && starts[i - 1]! + sizes[i - 1]! === start;
    const mergesRight = i < starts.length && start + size === starts[i];
    if (mergesLeft && mergesRight) {
      sizes[i - 1] = sizes[i - 1]! + size + sizes[i]!;
      starts.splice(i, 1);
      sizes.splice(i, 1);
    } else if (mergesLeft) {
      sizes[i - 1] = sizes[i - 1]! + size;
    } else if (mergesRight) {
      starts[i] = start;
      sizes[i] = sizes[i]! + size;
    } else {
      starts.splice(i, 0, start);
      sizes.splice(i, 0, size);
    }
  }
}

// A pymalloc-like small-object allocator (CPython's Objects/obmalloc.c): requests up to
// a version-dependent threshold are served from fixed-size blocks in size-class pools,
// pools are carved from arenas, and arenas come from the LargeAllocator of the same
// region. A live block pins its pool; a used pool pins its arena; with
// `arenasReturn` off (Python 2.4) freed arenas are never given back.

import { LargeAllocator, NO_MEMORY } from './large-allocator.js';

export interface SmallAllocatorConfig {
  /** Requests of this many bytes or fewer are pymalloc's; larger go to malloc (256 in 2.4–2.6, 512 later). */
  smallRequestThresholdBytes: number;
  /** Size-class step and block alignment (8, or 16 on 64-bit 3.8+). */
  alignmentBytes: number;
  /** Pool size (4 KiB; 16 KiB on 64-bit 3.10+). */
  poolBytes: number;
  /** Pool header size, rounded to the alignment (32 on 32-bit, 48 on 64-bit). */
  poolHeaderBytes: number;
  /** Arena size (256 KiB; 1 MiB on 64-bit 3.10+). */
  arenaBytes: number;
  /** Python 2.5+: an arena whose pools are all empty is freed. 2.4: never. */
  arenasReturn: boolean;
  /** Python 3.9+: one wholly empty arena is kept rather than freed (bpo-37257). */
  keepOneEmptyArena: boolean;
}

const NONE = -1;

export interface SmallAllocatorStats {
  arenasAllocated: number;
  poolsInUse: number;
  /** Bytes inside allocated arenas that sit in no live block (free blocks, empty pools, headers). */
  arenaSlackBytes: number;
  /** Bytes in live small blocks. */
  blockBytes: number;
  /** Small requests that fell back to malloc because no arena could be had. */
  redirectedToMalloc: number;
}

export class SmallAllocator {
  readonly thresholdBytes: number;
  private readonly alignShift: number;
  private readonly poolShift: number;
  private readonly poolBytes: number;
  private readonly headerBytes: number;
  private readonly arenaBytes: number;
  private readonly arenasReturn: boolean;
  private readonly keepOneEmptyArena: boolean;

  // Per page (address >> poolShift) of the region:
  private readonly pageArena: Int32Array; // arena id + 1, or 0 when the page is no pool
  private readonly poolClass: Int16Array; // size class, or -1 when the pool is empty
  private readonly poolRef: Int32Array; // live blocks
  private readonly poolFreeBlock: Int32Array; // first freed block, or NONE
  private readonly poolNextOffset: Int32Array; // next never-used block offset
  private readonly poolNext: Int32Array; // usedpools / freepools links (page numbers)
  private readonly poolPrev: Int32Array;
  // Per size class: head of the list of pools that have a free block.
  private readonly usedPools: Int32Array;

  // Per arena:
  private arenaChunk: number[] = []; // user address of the malloc'ed arena, or NONE when freed
  private arenaFirstPage: number[] = [];
  private arenaPools: number[] = [];
  private arenaFreePools: number[] = []; // empty + untouched pools
  private arenaUntouched: number[] = []; // next untouched page
  private arenaFreePoolHead: number[] = []; // LIFO of emptied pools (page numbers)
  /**
   * Freed-block links, indexed by address >> alignShift (pymalloc keeps them inside the
   * free blocks). Grown on demand to cover the highest arena: at most half the region's
   * bytes of host memory, as one Int32Array per arena would take.
   */
  private links = new Int32Array(0);
  private freedArenaIds: number[] = [];
  /** 2.4 model: one global LIFO of emptied pools, and the arena being carved. */
  private globalFreePoolHead = NONE;
  private currentArena = NONE;

  private liveBlockBytes = 0;
  private poolsUsed = 0;
  private arenasLive = 0;
  private redirected = 0;

  constructor(
    private readonly region: LargeAllocator,
    config: SmallAllocatorConfig,
  ) {
    const { alignmentBytes, poolBytes, arenaBytes } = config;
    for (const [name, v] of [['alignmentBytes', alignmentBytes], ['poolBytes', poolBytes], ['arenaBytes', arenaBytes]] as const) {
      if (v <= 0 || (v & (v - 1)) !== 0) throw new RangeError(`${name} must be a power of two, got ${v}`);
    }
    if (config.smallRequestThresholdBytes % alignmentBytes !== 0 || config.smallRequestThresholdBytes <= 0) {
      throw new RangeError(`smallRequestThresholdBytes must be a positive multiple of ${alignmentBytes}`);
    }
    this.thresholdBytes = config.smallRequestThresholdBytes;
    this.alignShift = Math.log2(alignmentBytes);
    this.poolShift = Math.log2(poolBytes);
    this.poolBytes = poolBytes;
    this.headerBytes = config.poolHeaderBytes;
    this.arenaBytes = arenaBytes;
    this.arenasReturn = config.arenasReturn;
    this.keepOneEmptyArena = config.keepOneEmptyArena;
    const pages = Math.ceil(region.regionBytes / poolBytes) + 1;
    this.pageArena = new Int32Array(pages);
    this.poolClass = new Int16Array(pages).fill(-1);
    this.poolRef = new Int32Array(pages);
    this.poolFreeBlock = new Int32Array(pages).fill(NONE);
    this.poolNextOffset = new Int32Array(pages);
    this.poolNext = new Int32Array(pages).fill(NONE);
    this.poolPrev = new Int32Array(pages).fill(NONE);
    this.usedPools = new Int32Array(this.thresholdBytes >> this.alignShift).fill(NONE);
  }

  /** The block size a small request takes, or 0 when it is not small. */
  blockBytesFor(requestBytes: number): number {
    if (requestBytes <= 0 || requestBytes > this.thresholdBytes) return 0;
    const step = 1 << this.alignShift;
    return (requestBytes + step - 1) & ~(step - 1);
  }

  /** True when `address` is a block of this allocator (CPython's address_in_range). */
  owns(address: number): boolean {
    return this.pageArena[address >> this.poolShift] !== 0;
  }

  /** Allocates `requestBytes` (1..threshold) and returns an address or NO_MEMORY. */
  alloc(requestBytes: number): number {
    const sizeClass = (requestBytes - 1) >> this.alignShift;
    let page = this.usedPools[sizeClass]!;
    if (page === NONE) {
      page = this.newPool(sizeClass);
      if (page === NONE) {
        // pymalloc's "redirect": with no arena to be had, small requests go to malloc.
        const address = this.region.malloc(requestBytes);
        if (address !== NO_MEMORY) this.redirected++;
        return address;
      }
    }
    const blockBytes = (sizeClass + 1) << this.alignShift;
    let address = this.poolFreeBlock[page]!;
    if (address !== NONE) {
      this.poolFreeBlock[page] = this.links[address >> this.alignShift]!;
    } else {
      const offset = this.poolNextOffset[page]!;
      address = page * this.poolBytes + offset;
      this.poolNextOffset[page] = offset + blockBytes;
    }
    this.poolRef[page]!++;
    this.liveBlockBytes += blockBytes;
    if (this.poolFreeBlock[page] === NONE && this.poolNextOffset[page]! + blockBytes > this.poolBytes) {
      this.unlinkUsed(page, sizeClass); // full: it leaves usedpools
    }
    return address;
  }

  /** Frees a block of this allocator, or a redirected malloc chunk. */
  free(address: number): void {
    const page = address >> this.poolShift;
    const arenaPlusOne = this.pageArena[page]!;
    if (arenaPlusOne === 0) {
      this.region.free(address);
      return;
    }
    const arena = arenaPlusOne - 1;
    const sizeClass = this.poolClass[page]!;
    if (sizeClass < 0) throw new Error(`free of a block in an empty pool at ${address}`);
    const blockBytes = (sizeClass + 1) << this.alignShift;
    const wasFull = this.poolFreeBlock[page] === NONE && this.poolNextOffset[page]! + blockBytes > this.poolBytes;
    this.links[address >> this.alignShift] = this.poolFreeBlock[page]!;
    this.poolFreeBlock[page] = address;
    this.liveBlockBytes -= blockBytes;
    const ref = --this.poolRef[page]!;
    if (ref === 0) {
      if (!wasFull) this.unlinkUsed(page, sizeClass);
      this.releasePool(page, arena);
    } else if (wasFull) {
      this.linkUsed(page, sizeClass);
    }
  }

  /** Bytes of the block at `address` (its size class), or 0 when it is not a small block. */
  blockBytesAt(address: number): number {
    const page = address >> this.poolShift;
    if (this.pageArena[page] === 0) return 0;
    return (this.poolClass[page]! + 1) << this.alignShift;
  }

  stats(): SmallAllocatorStats {
    return {
      arenasAllocated: this.arenasLive,
      poolsInUse: this.poolsUsed,
      arenaSlackBytes: this.arenasLive * this.region.chunkBytesFor(this.arenaBytes) - this.liveBlockBytes,
      blockBytes: this.liveBlockBytes,
      redirectedToMalloc: this.redirected,
    };
  }

  /** Throws when pool and arena bookkeeping disagree (for tests). */
  assertInvariants(): void {
    let pools = 0;
    let blocks = 0;
    let arenas = 0;
    for (let a = 0; a < this.arenaChunk.length; a++) {
      if (this.arenaChunk[a] === NONE) continue;
      arenas++;
      let free = this.arenaPools[a]! - (this.arenaUntouched[a]! - this.arenaFirstPage[a]!);
      for (let p = this.arenaFirstPage[a]!; p < this.arenaUntouched[a]!; p++) {
        if (this.pageArena[p] !== a + 1) throw new Error(`page ${p} does not point at its arena ${a}`);
        const cls = this.poolClass[p]!;
        if (cls < 0) {
          free++;
          if (this.poolRef[p] !== 0) throw new Error(`empty pool ${p} has live blocks`);
          continue;
        }
        pools++;
        blocks += this.poolRef[p]! * ((cls + 1) << this.alignShift);
      }
      if (this.arenasReturn && free !== this.arenaFreePools[a]) {
        throw new Error(`arena ${a}: ${free} free pools, recorded ${this.arenaFreePools[a]}`);
      }
    }
    if (pools !== this.poolsUsed) throw new Error(`pools in use ${pools} != recorded ${this.poolsUsed}`);
    if (blocks !== this.liveBlockBytes) throw new Error(`live block bytes ${blocks} != recorded ${this.liveBlockBytes}`);
    if (arenas !== this.arenasLive) throw new Error(`arenas ${arenas} != recorded ${this.arenasLive}`);
  }

  private linkUsed(page: number, sizeClass: number): void {
    const head = this.usedPools[sizeClass]!;
    this.poolPrev[page] = NONE;
    this.poolNext[page] = head;
    if (head !== NONE) this.poolPrev[head] = page;
    this.usedPools[sizeClass] = page;
  }

  private unlinkUsed(page: number, sizeClass: number): void {
    const next = this.poolNext[page]!;
    const prev = this.poolPrev[page]!;
    if (prev !== NONE) this.poolNext[prev] = next;
    else this.usedPools[sizeClass] = next;
    if (next !== NONE) this.poolPrev[next] = prev;
    this.poolNext[page] = NONE;
    this.poolPrev[page] = NONE;
  }

  private newPool(sizeClass: number): number {
    const page = this.arenasReturn ? this.takePoolFromUsableArena() : this.takePoolLegacy();
    if (page === NONE) return NONE;
    this.poolClass[page] = sizeClass;
    this.poolRef[page] = 0;
    this.poolFreeBlock[page] = NONE;
    this.poolNextOffset[page] = this.headerBytes;
    this.poolsUsed++;
    this.linkUsed(page, sizeClass);
    return page;
  }

  /** 2.5+: pools come from the fullest arena that has one (usable_arenas order). */
  private takePoolFromUsableArena(): number {
    let best = NONE;
    for (let a = 0; a < this.arenaChunk.length; a++) {
      if (this.arenaChunk[a] === NONE || this.arenaFreePools[a] === 0) continue;
      if (best === NONE || this.arenaFreePools[a]! < this.arenaFreePools[best]!) best = a;
    }
    if (best === NONE) best = this.newArena();
    if (best === NONE) return NONE;
    this.arenaFreePools[best]!--;
    const head = this.arenaFreePoolHead[best]!;
    if (head !== NONE) {
      this.arenaFreePoolHead[best] = this.poolNext[head]!;
      return head;
    }
    return this.arenaUntouched[best]!++;
  }

  /** 2.4: emptied pools go on one global LIFO; new pools are carved from the newest arena. */
  private takePoolLegacy(): number {
    const head = this.globalFreePoolHead;
    if (head !== NONE) {
      this.globalFreePoolHead = this.poolNext[head]!;
      return head;
    }
    let a = this.currentArena;
    if (a === NONE || this.arenaUntouched[a]! >= this.arenaFirstPage[a]! + this.arenaPools[a]!) {
      a = this.newArena();
      if (a === NONE) return NONE;
      this.currentArena = a;
    }
    this.arenaFreePools[a]!--;
    return this.arenaUntouched[a]!++;
  }

  private newArena(): number {
    const chunk = this.region.malloc(this.arenaBytes);
    if (chunk === NO_MEMORY) return NONE;
    // Pools are page-aligned; an arena that malloc did not align loses one pool, as in CPython.
    const firstPage = Math.ceil(chunk / this.poolBytes);
    const pools = Math.floor((chunk + this.arenaBytes) / this.poolBytes) - firstPage;
    const id = this.freedArenaIds.length > 0 ? this.freedArenaIds.pop()! : this.arenaChunk.length;
    this.arenaChunk[id] = chunk;
    this.arenaFirstPage[id] = firstPage;
    this.arenaPools[id] = pools;
    this.arenaFreePools[id] = pools;
    this.arenaUntouched[id] = firstPage;
    this.arenaFreePoolHead[id] = NONE;
    const end = (chunk + this.arenaBytes) >> this.alignShift;
    if (end > this.links.length) {
      const grown = new Int32Array(Math.min(Math.max(end, this.links.length * 2), (this.region.regionBytes >> this.alignShift) + 1));
      grown.set(this.links);
      this.links = grown;
    }
    for (let p = firstPage; p < firstPage + pools; p++) this.pageArena[p] = id + 1;
    this.arenasLive++;
    return id;
  }

  private releasePool(page: number, arena: number): void {
    this.poolClass[page] = -1;
    this.poolsUsed--;
    if (!this.arenasReturn) {
      this.poolNext[page] = this.globalFreePoolHead;
      this.globalFreePoolHead = page;
      return;
    }
    this.poolNext[page] = this.arenaFreePoolHead[arena]!;
    this.arenaFreePoolHead[arena] = page;
    const free = ++this.arenaFreePools[arena]!;
    if (free === this.arenaPools[arena] && !(this.keepOneEmptyArena && this.isOnlyEmptyArena(arena))) {
      this.freeArena(arena);
    }
  }

  private isOnlyEmptyArena(arena: number): boolean {
    for (let a = 0; a < this.arenaChunk.length; a++) {
      if (a !== arena && this.arenaChunk[a] !== NONE && this.arenaFreePools[a] === this.arenaPools[a]) return false;
    }
    return true;
  }

  private freeArena(arena: number): void {
    const first = this.arenaFirstPage[arena]!;
    for (let p = first; p < first + this.arenaPools[arena]!; p++) {
      this.pageArena[p] = 0;
      this.poolNext[p] = NONE;
      this.poolPrev[p] = NONE;
    }
    this.region.free(this.arenaChunk[arena]!);
    this.arenaChunk[arena] = NONE;
    this.freedArenaIds.push(arena);
    this.arenasLive--;
  }
}

// Proves the bounded pool's allocators: malloc's first-fit with coalescing, pymalloc's size
// classes, pools and arenas (pinning, arenas returned from 2.5 but never in 2.4, one empty
// arena kept in 3.x), the small-request fallback to malloc, and bookkeeping under random use.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LargeAllocator, NO_MEMORY } from '../../../firmware/memory/allocator/large-allocator.js';
import { MemoryPool } from '../../../firmware/memory/allocator/memory-pool.js';
import { buildLayout, type GcModelId } from '../../../firmware/memory/models.js';

function pool(model: GcModelId, poolBytes: number, wordBytes: 4 | 8 = 4): MemoryPool {
  const l = buildLayout(model, wordBytes);
  return new MemoryPool({
    poolBytes,
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
}

describe('malloc (LargeAllocator)', () => {
  const make = () => new LargeAllocator({ regionBytes: 4096, headerBytes: 4, alignmentBytes: 8, minChunkBytes: 16 });

  it('rounds chunks up to the alignment with a header, and has a minimum chunk', () => {
    const a = make();
    expect(a.chunkBytesFor(1)).toBe(16);
    expect(a.chunkBytesFor(12)).toBe(16);
    expect(a.chunkBytesFor(13)).toBe(24);
    expect(a.chunkBytesFor(100)).toBe(104);
  });

  it('is first-fit, coalesces freed neighbours and reports the largest free block', () => {
    const a = make();
    const x = a.malloc(1000);
    const y = a.malloc(1000);
    const z = a.malloc(1000);
    expect([x, y, z].every((p) => p !== NO_MEMORY)).toBe(true);
    a.free(y);
    expect(a.malloc(500)).toBe(y); // the first hole that fits
    a.free(x);
    a.free(y);
    a.free(z);
    a.assertInvariants();
    expect(a.freeChunkCount).toBe(1);
    expect(a.largestFreeBlockBytes()).toBe(4096 - 4);
  });

  it('fails with NO_MEMORY when no single free block fits, even if enough bytes are free in total', () => {
    const a = make();
    const blocks = Array.from({ length: 8 }, () => a.malloc(500));
    blocks.filter((_, i) => i % 2 === 0).forEach((p) => a.free(p));
    expect(a.freeBytes).toBeGreaterThan(1500);
    expect(a.malloc(1500)).toBe(NO_MEMORY);
    a.assertInvariants();
  });

  it('reallocs in place into a free neighbour, and moves otherwise', () => {
    const a = make();
    const x = a.malloc(100);
    expect(a.realloc(x, 300)).toBe(x);
    const y = a.malloc(100);
    expect(a.realloc(x, 600)).not.toBe(x);
    a.free(y);
    a.assertInvariants();
  });

  it('rejects freeing an address that is not allocated', () => {
    expect(() => make().free(1234)).toThrow(/not allocated/);
  });

  it('keeps used + free = region over random malloc/realloc/free sequences', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('m', 'f', 'r'), fc.integer({ min: 0, max: 900 }), fc.nat()), { maxLength: 200 }), (ops) => {
        const a = make();
        const live: number[] = [];
        for (const [op, size, pick] of ops) {
          if (op === 'm') {
            const p = a.malloc(size);
            if (p !== NO_MEMORY) live.push(p);
          } else if (live.length > 0) {
            const i = pick % live.length;
            if (op === 'f') a.free(live.splice(i, 1)[0]!);
            else {
              const p = a.realloc(live[i]!, size);
              if (p !== NO_MEMORY) live[i] = p;
            }
          }
          a.assertInvariants();
        }
        live.forEach((p) => a.free(p));
        a.assertInvariants();
        expect(a.freeChunkCount).toBe(1);
      }),
      { numRuns: 300 },
    );
  });
});

describe('pymalloc (SmallAllocator)', () => {
  it('serves requests up to the threshold from 8-byte size classes; larger ones from malloc', () => {
    const p = pool('2.7', 1 << 20);
    expect(p.small.blockBytesFor(1)).toBe(8);
    expect(p.small.blockBytesFor(33)).toBe(40);
    expect(p.small.blockBytesFor(512)).toBe(512);
    expect(p.small.blockBytesFor(513)).toBe(0);
    const a = p.allocObject(33);
    expect(p.blockBytesAt(a)).toBe(40);
    expect(p.small.owns(a)).toBe(true);
    const big = p.allocObject(600);
    expect(p.small.owns(big)).toBe(false);
  });

  it.each([
    ['2.4', 256],
    ['2.6', 256],
    ['2.7', 512],
    ['3.11', 512],
  ] as [GcModelId, number][])('model %s has a small-request threshold of %i bytes', (model, threshold) => {
    expect(pool(model, 1 << 20).small.thresholdBytes).toBe(threshold);
  });

  it('a pool serves one size class: (4096 - 32) / 40 = 101 blocks of 40 bytes per pool', () => {
    const p = pool('2.7', 1 << 20);
    for (let i = 0; i < 101; i++) p.allocObject(40);
    expect(p.stats().poolsInUse).toBe(1);
    p.allocObject(40);
    expect(p.stats().poolsInUse).toBe(2);
    p.assertInvariants();
  });

  it('an arena malloc does not page-align has 63 pools, not 64', () => {
    const p = pool('2.7', 1 << 20);
    // 63 pools x 101 blocks fill the first arena exactly; the next block needs a second arena.
    for (let i = 0; i < 63 * 101; i++) p.allocObject(40);
    expect(p.stats().arenasAllocated).toBe(1);
    p.allocObject(40);
    expect(p.stats().arenasAllocated).toBe(2);
  });

  it('one live block pins its pool and its whole arena', () => {
    const p = pool('2.7', 2 << 20);
    const blocks = Array.from({ length: 63 * 101 * 2 }, () => p.allocObject(40));
    expect(p.stats().arenasAllocated).toBe(2);
    // Keep one block of the first arena, free everything else.
    blocks.slice(1).forEach((b) => p.free(b));
    const s = p.stats();
    expect(s.arenasAllocated).toBe(1);
    expect(s.poolsInUse).toBe(1);
    expect(s.usedBytes).toBeGreaterThanOrEqual(256 * 1024);
    expect(s.arenaSlackBytes).toBe(256 * 1024 + 8 - 40); // the arena chunk minus the one live block
    p.free(blocks[0]!);
    expect(p.stats().arenasAllocated).toBe(0);
    expect(p.stats().usedBytes).toBe(0);
    p.assertInvariants();
  });

  it('2.4 never returns an arena; 2.5+ does; 3.x keeps one empty arena', () => {
    const results: Record<string, number> = {};
    for (const model of ['2.4', '2.7', '3.11'] as GcModelId[]) {
      const p = pool(model, 8 << 20);
      const blocks = Array.from({ length: 20_000 }, () => p.allocObject(40));
      blocks.forEach((b) => p.free(b));
      p.assertInvariants();
      results[model] = p.stats().arenasAllocated;
    }
    expect(results['2.4']).toBeGreaterThan(2);
    expect(results['2.7']).toBe(0);
    expect(results['3.11']).toBe(1);
  });

  it('in 2.4 freed pools are reused by any size class, but the footprint never shrinks', () => {
    const p = pool('2.4', 4 << 20);
    const a = Array.from({ length: 10_000 }, () => p.allocObject(24));
    const peak = p.stats().usedBytes;
    a.forEach((b) => p.free(b));
    expect(p.stats().usedBytes).toBe(peak);
    const b = Array.from({ length: 5_000 }, () => p.allocObject(48));
    expect(p.stats().usedBytes).toBe(peak); // fits in the emptied pools
    b.forEach((x) => p.free(x));
    p.assertInvariants();
  });

  it('when no arena fits, small requests fall back to malloc (pymalloc\'s redirect)', () => {
    const p = pool('2.7', 300 * 1024);
    const blocks: number[] = [];
    for (;;) {
      const b = p.allocObject(40);
      if (b === NO_MEMORY) break;
      blocks.push(b);
    }
    const s = p.stats();
    expect(s.arenasAllocated).toBe(1);
    expect(s.smallRequestsRedirectedToMalloc).toBeGreaterThan(0);
    expect(s.largestFreeBlockBytes).toBeLessThan(40);
    blocks.forEach((b) => p.free(b));
    p.assertInvariants();
    expect(p.stats().usedBytes).toBe(0);
  });

  it('keeps its bookkeeping over random small and large allocations', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<GcModelId>('2.4', '2.7', '3.11'),
        fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 1, max: 3000 }), fc.nat()), { maxLength: 300 }),
        (model, ops) => {
          const p = pool(model, 1 << 20);
          const live: number[] = [];
          for (const [alloc, size, pick] of ops) {
            if (alloc) {
              const b = p.allocObject(size);
              if (b !== NO_MEMORY) live.push(b);
            } else if (live.length > 0) {
              p.free(live.splice(pick % live.length, 1)[0]!);
            }
          }
          p.assertInvariants();
          live.forEach((b) => p.free(b));
          p.assertInvariants();
          if (model !== '2.4') expect(p.stats().poolsInUse).toBe(0);
        },
      ),
      { numRuns: 200 },
    );
  });
});

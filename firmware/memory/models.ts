// The per-version behaviour of CPython's memory manager, as data. One collector
// algorithm reads these flags; nothing here is code that differs per version.
// Sources: ../shared/reference/cpython-gc.md (sections named in each comment).

export type GcModelId = '2.4' | '2.6' | '2.7' | '3.11' | '3.12' | '3.13';

export const GC_MODEL_IDS: readonly GcModelId[] = ['2.4', '2.6', '2.7', '3.11', '3.12', '3.13'];

export interface GcModel {
  id: GcModelId;
  /** gc.get_threshold() at start-up (§1.2: 2000 from 3.13.0). */
  defaultThresholds: readonly [number, number, number];
  /** Issue #4074 (2.7, 3.1+): skip a full collection while long_lived_pending < long_lived_total / 4. */
  longLivedRule: boolean;
  /** 3.12+: the threshold only schedules a collection, run at the next eval-breaker check point. */
  deferredTrigger: boolean;
  /** 'legacy': cycles with __del__ are uncollectable and go to gc.garbage (2.x); 'pep442': finalized once, then collected (3.4+). */
  finalizers: 'legacy' | 'pep442';
  /** 3.9+: objects resurrected by finalizers are found by a second reachability pass (otherwise the whole set is revived). */
  resurrectionPass: boolean;
  /** #4688 (2.7, 3.1+): dicts start untracked and are tracked when they get a trackable key or value. */
  lazyDictTracking: boolean;
  /** #4688: reachable tuples whose items are all untracked are untracked during a collection. */
  untrackTuples: boolean;
  /** #14775 (2.7.4+): dicts are re-untracked during full collections only. */
  untrackDictsOnFullCollection: boolean;
  /** 2.6+: a generation-2 collection empties the free lists (clear_freelists). */
  clearFreeListsOnFullCollection: boolean;
  /** Python-visible API of the gc module (§5). */
  api: {
    getCount: boolean;
    collectGeneration: boolean;
    isTracked: boolean;
    callbacks: boolean;
    getStats: boolean;
    freeze: boolean;
  };
  /** Debug flag values (§5). */
  debugFlags: Readonly<Record<string, number>>;
}

const DEBUG_2X = { DEBUG_STATS: 1, DEBUG_COLLECTABLE: 2, DEBUG_UNCOLLECTABLE: 4, DEBUG_INSTANCES: 8, DEBUG_OBJECTS: 16, DEBUG_SAVEALL: 32, DEBUG_LEAK: 62 };
const DEBUG_3X = { DEBUG_STATS: 1, DEBUG_COLLECTABLE: 2, DEBUG_UNCOLLECTABLE: 4, DEBUG_SAVEALL: 32, DEBUG_LEAK: 38 };

const PY24: GcModel = {
  id: '2.4',
  defaultThresholds: [700, 10, 10],
  longLivedRule: false,
  deferredTrigger: false,
  finalizers: 'legacy',
  resurrectionPass: false,
  lazyDictTracking: false,
  untrackTuples: false,
  untrackDictsOnFullCollection: false,
  clearFreeListsOnFullCollection: false,
  api: { getCount: false, collectGeneration: false, isTracked: false, callbacks: false, getStats: false, freeze: false },
  debugFlags: DEBUG_2X,
};

const PY26: GcModel = {
  ...PY24,
  id: '2.6',
  clearFreeListsOnFullCollection: true,
  api: { ...PY24.api, getCount: true, collectGeneration: true },
};

const PY27: GcModel = {
  ...PY26,
  id: '2.7',
  longLivedRule: true,
  lazyDictTracking: true,
  untrackTuples: true,
  untrackDictsOnFullCollection: true,
  api: { ...PY26.api, isTracked: true },
};

const PY311: GcModel = {
  ...PY27,
  id: '3.11',
  finalizers: 'pep442',
  resurrectionPass: true,
  api: { getCount: true, collectGeneration: true, isTracked: true, callbacks: true, getStats: true, freeze: true },
  debugFlags: DEBUG_3X,
};

const PY312: GcModel = { ...PY311, id: '3.12', deferredTrigger: true };
const PY313: GcModel = { ...PY312, id: '3.13', defaultThresholds: [2000, 10, 10] };

export const GC_MODELS: Readonly<Record<GcModelId, GcModel>> = {
  '2.4': PY24,
  '2.6': PY26,
  '2.7': PY27,
  '3.11': PY311,
  '3.12': PY312,
  '3.13': PY313,
};

export function gcModel(id: string): GcModel {
  const model = (GC_MODELS as Record<string, GcModel | undefined>)[id];
  if (!model) throw new RangeError(`unknown GC model "${id}" (expected one of ${GC_MODEL_IDS.join(', ')})`);
  return model;
}

/** The allocator layout of a build: pymalloc and malloc parameters and the GC head size (§4, §6). */
export interface BuildLayout {
  wordBytes: 4 | 8;
  gcHeadBytes: number;
  smallRequestThresholdBytes: number;
  alignmentBytes: number;
  poolBytes: number;
  poolHeaderBytes: number;
  arenaBytes: number;
  arenasReturn: boolean;
  keepOneEmptyArena: boolean;
  /** 2.x PyMem_Malloc is plain malloc; 3.6+ routes it through pymalloc (bpo-26249). */
  rawAllocationsUsePymalloc: boolean;
  mallocHeaderBytes: number;
  mallocAlignmentBytes: number;
  mallocMinChunkBytes: number;
}

/** The layout CPython `model` has on a `wordBytes` build. */
export function buildLayout(model: GcModelId, wordBytes: 4 | 8): BuildLayout {
  const py2 = model.startsWith('2.');
  const is64 = wordBytes === 8;
  const large64 = is64 && !py2; // 3.10+ on 64-bit: 1 MiB arenas and 16 KiB pools
  return {
    wordBytes,
    // 2.x: union with a long double (16 on ARM EABI, 32 on x86-64); 3.8+: two words.
    gcHeadBytes: py2 ? (is64 ? 32 : 16) : 2 * wordBytes,
    smallRequestThresholdBytes: model === '2.4' || model === '2.6' ? 256 : 512,
    alignmentBytes: is64 && !py2 ? 16 : 8,
    poolBytes: large64 ? 16384 : 4096,
    poolHeaderBytes: is64 ? 48 : 32,
    arenaBytes: large64 ? 1 << 20 : 256 << 10,
    arenasReturn: model !== '2.4',
    keepOneEmptyArena: !py2,
    rawAllocationsUsePymalloc: !py2,
    // dlmalloc/glibc: one size word per chunk, chunks aligned to two words.
    mallocHeaderBytes: wordBytes,
    mallocAlignmentBytes: 2 * wordBytes,
    mallocMinChunkBytes: 4 * wordBytes,
  };
}

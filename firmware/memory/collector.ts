// CPython's cyclic garbage collector (Modules/gcmodule.c), written as its phases.
// One algorithm for every modelled version; what differs (legacy __del__ handling vs
// PEP 442, untracking optimisations, free-list clearing) is read from the GcModel.
// Nothing here recurses over the object graph: every traversal walks a list.

import type { GcState } from './gc-state.js';
import {
  F_COLLECTING,
  F_FINALIZED,
  F_FINALIZER,
  F_TRACKED,
  F_UNREACHABLE,
  HEAD_FINALIZERS,
  HEAD_GEN0,
  HEAD_PERMANENT,
  HEAD_SCRATCH,
  HEAD_UNREACHABLE,
  type ObjectHeap,
} from './heap.js';
import { MEMORY_ERROR, NULL_REF, type ObjId } from './types.js';

export interface CollectionWork {
  /** Objects visited by all phases (an object visited by three phases counts three times). */
  objectsVisited: number;
  /** References followed by all phases. */
  edgesVisited: number;
}

export interface CollectionResult extends CollectionWork {
  generation: number;
  /** Unreachable objects freed (CPython's m). */
  collected: number;
  /** Unreachable objects kept because of legacy finalizers (CPython's n). */
  uncollectable: number;
  automatic: boolean;
}

export interface CollectorHooks {
  /** gc.callbacks (3.3+): called at the start and end of every collection. */
  callback?: (phase: 'start' | 'stop', info: { generation: number; collected: number; uncollectable: number }) => void;
  /** DEBUG_STATS and friends write these lines to stderr. */
  debugLine?: (line: string) => void;
  /** Virtual seconds a collection's work takes (for DEBUG_STATS "elapsed"); 0 by default. */
  secondsFor?: (work: CollectionWork) => number;
  /** Every finished collection, for the device's statistics and pause accounting. */
  collected?: (result: CollectionResult) => void;
}

const DEBUG_STATS = 1;
const DEBUG_COLLECTABLE = 2;
const DEBUG_UNCOLLECTABLE = 4;
const DEBUG_SAVEALL = 32;

export class Collector {
  hooks: CollectorHooks = {};
  /** gc.garbage: a list object whose references are the saved objects. */
  readonly garbage: ObjId;
  private objectsVisited = 0;
  private edgesVisited = 0;

  constructor(
    private readonly heap: ObjectHeap,
    private readonly state: GcState,
    garbageListType: number,
  ) {
    const garbage = heap.alloc(garbageListType, 0);
    if (garbage === MEMORY_ERROR) throw new RangeError('the pool is too small to hold gc.garbage');
    this.garbage = garbage;
    heap.onThreshold = state.model.deferredTrigger ? () => this.schedule() : () => this.collectAutomatic();
    heap.collectForRetry = () => {
      this.collectGeneration(2, true);
    };
  }

  // ---- when to collect ----

  /** The generation an automatic collection takes: oldest over its threshold, with 2.7's long-lived rule. */
  selectGeneration(): number {
    const { count, threshold, model } = this.state;
    for (let g = 2; g >= 0; g--) {
      if (count[g]! > threshold[g]!) {
        if (g === 2 && model.longLivedRule && this.state.longLivedPending < Math.trunc(this.state.longLivedTotal / 4)) {
          continue; // too few new long-lived objects to be worth a full collection
        }
        return g;
      }
    }
    return -1;
  }

  /** collect_generations(), run inside an allocation (2.x–3.11) or at a check point (3.12+). */
  collectAutomatic(): void {
    const g = this.selectGeneration();
    if (g < 0) return;
    this.state.automaticCollections++;
    this.collectGeneration(g, true);
  }

  /** 3.12+: _Py_ScheduleGC. */
  private schedule(): void {
    this.state.scheduled = true;
  }

  /** An eval-breaker check point: runs a scheduled collection (3.12+). Returns whether one ran. */
  checkpoint(): boolean {
    if (!this.state.scheduled) return false;
    this.state.scheduled = false;
    if (!this.state.enabled || this.state.collecting) return false;
    const before = this.state.automaticCollections;
    this.collectAutomatic();
    return this.state.automaticCollections !== before;
  }

  /** gc.collect(generation): returns unreachable objects found (n + m), or 0 when a collection is already running. */
  collect(generation = 2): number {
    if (!Number.isInteger(generation) || generation < 0 || generation > 2) {
      throw new RangeError(`invalid generation ${generation}: expected 0, 1 or 2`);
    }
    if (this.state.collecting) return 0;
    const r = this.collectGeneration(generation, false);
    return r.collected + r.uncollectable;
  }

  // ---- one collection ----

  private collectGeneration(generation: number, automatic: boolean): CollectionResult {
    const heap = this.heap;
    const state = this.state;
    const model = state.model;
    state.collecting = true;
    this.objectsVisited = 0;
    this.edgesVisited = 0;
    this.hooks.callback?.('start', { generation, collected: 0, uncollectable: 0 });
    const debug = state.debug;
    if (debug & DEBUG_STATS) this.debugStart(generation);

    if (generation + 1 < 3) state.count[generation + 1]!++;
    for (let g = 0; g <= generation; g++) state.count[g] = 0;
    const young = HEAD_GEN0 + generation;
    for (let g = 0; g < generation; g++) heap.listMerge(HEAD_GEN0 + g, young);
    const old = generation < 2 ? young + 1 : young;
    const full = generation === 2;

    this.updateRefs(young);
    this.subtractRefs(young);
    this.moveUnreachable(young, HEAD_UNREACHABLE);
    this.finishReachable(young, model.untrackTuples, full && model.untrackDictsOnFullCollection);
    if (young !== old) {
      if (generation === 1) state.longLivedPending += heap.listSize(young);
      heap.listMerge(young, old);
    } else {
      state.longLivedPending = 0;
      state.longLivedTotal = heap.listSize(young);
    }

    if (model.finalizers === 'legacy') {
      this.moveLegacyFinalizers(HEAD_UNREACHABLE, HEAD_FINALIZERS);
      this.moveFinalizerReachable(HEAD_FINALIZERS);
    }
    if (debug & DEBUG_COLLECTABLE) this.debugObjects('collectable', HEAD_UNREACHABLE);
    let m: number;
    if (model.finalizers === 'pep442') {
      this.finalizeGarbage(HEAD_UNREACHABLE);
      this.handleResurrected(HEAD_UNREACHABLE, old);
      m = heap.listSize(HEAD_UNREACHABLE);
    } else {
      m = heap.listSize(HEAD_UNREACHABLE);
    }
    this.deleteGarbage(HEAD_UNREACHABLE, old, (debug & DEBUG_SAVEALL) !== 0);
    const n = heap.listSize(HEAD_FINALIZERS);
    if (debug & DEBUG_UNCOLLECTABLE) this.debugObjects('uncollectable', HEAD_FINALIZERS);
    this.handleLegacyFinalizers(HEAD_FINALIZERS, old, (debug & DEBUG_SAVEALL) !== 0);
    if (full && model.clearFreeListsOnFullCollection) heap.clearFreeLists();

    const stats = state.stats[generation]!;
    stats.collections++;
    stats.collected += m;
    stats.uncollectable += n;
    const result: CollectionResult = {
      generation,
      collected: m,
      uncollectable: n,
      automatic,
      objectsVisited: this.objectsVisited,
      edgesVisited: this.edgesVisited,
    };
    if (debug & DEBUG_STATS) this.debugDone(m, n, result);
    state.collecting = false;
    this.hooks.callback?.('stop', { generation, collected: m, uncollectable: n });
    this.hooks.collected?.(result);
    return result;
  }

  /** update_refs. Post: every object of `young` is COLLECTING with gcRefs = its refcount. */
  private updateRefs(young: number): void {
    const { gcNext, gcRefs, refcnt, flags } = this.heap;
    let visited = 0;
    for (let o = gcNext[young]!; o !== young; o = gcNext[o]!) {
      gcRefs[o] = refcnt[o]!;
      flags[o] = flags[o]! | F_COLLECTING;
      visited++;
    }
    this.objectsVisited += visited;
  }

  /** subtract_refs. Post: gcRefs = references from outside `young` (external roots have gcRefs > 0). */
  private subtractRefs(young: number): void {
    const { gcNext, gcRefs, flags, edgeStart, edgeLen } = this.heap;
    const data = this.heap.edges.data;
    let edges = 0;
    for (let o = gcNext[young]!; o !== young; o = gcNext[o]!) {
      const start = edgeStart[o]!;
      const end = start + edgeLen[o]!;
      for (let i = start; i < end; i++) {
        const t = data[i]!;
        if (t === NULL_REF) continue;
        edges++;
        if (flags[t]! & F_COLLECTING) gcRefs[t]!--;
      }
    }
    this.edgesVisited += edges;
  }

  /**
   * move_unreachable. Post: `young` holds exactly the objects reachable from those with
   * gcRefs > 0; the rest are in `unreachable`, flagged UNREACHABLE.
   */
  private moveUnreachable(young: number, unreachable: number): void {
    const heap = this.heap;
    const { gcNext, gcRefs, flags, edgeStart, edgeLen } = heap;
    const data = heap.edges.data;
    let visited = 0;
    let edges = 0;
    let o = gcNext[young]!;
    while (o !== young) {
      visited++;
      if (gcRefs[o]! > 0) {
        const start = edgeStart[o]!;
        const end = start + edgeLen[o]!;
        for (let i = start; i < end; i++) {
          const t = data[i]!;
          if (t === NULL_REF) continue;
          edges++;
          const ft = flags[t]!;
          if (!(ft & F_COLLECTING)) continue;
          if (ft & F_UNREACHABLE) {
            // Tentatively unreachable but referenced from a reachable object: back to young.
            heap.listMove(t, young);
            flags[t] = ft & ~F_UNREACHABLE;
            gcRefs[t] = 1;
          } else if (gcRefs[t] === 0) {
            gcRefs[t] = 1;
          }
        }
        o = gcNext[o]!;
      } else {
        const next = gcNext[o]!;
        heap.listMove(o, unreachable);
        flags[o] = flags[o]! | F_UNREACHABLE;
        o = next;
      }
    }
    this.objectsVisited += visited;
    this.edgesVisited += edges;
  }

  /**
   * Post: survivors are no longer COLLECTING; with #4688, tuples (and, in full
   * collections, dicts) that can hold no tracked object are untracked.
   */
  private finishReachable(young: number, untrackTuples: boolean, untrackDicts: boolean): void {
    const heap = this.heap;
    const { gcNext, flags } = heap;
    let o = gcNext[young]!;
    while (o !== young) {
      const next = gcNext[o]!;
      flags[o] = flags[o]! & ~F_COLLECTING;
      if (untrackTuples && heap.isTupleObject(o) && this.holdsNothingTrackable(o)) heap.untrack(o);
      o = next;
    }
    // Dicts after every tuple (3.x: untrack_tuples, then untrack_dicts; 2.7 untracks each as
    // it scans, where a tuple is tracked, so scanned, before a lazily tracked dict holding it):
    // a dict whose only container value is a tuple just untracked is untracked too.
    if (!untrackDicts) return;
    o = gcNext[young]!;
    while (o !== young) {
      const next = gcNext[o]!;
      if (heap.isDictObject(o) && this.holdsNothingTrackable(o)) heap.untrack(o);
      o = next;
    }
  }

  /** _PyTuple_MaybeUntrack / _PyDict_MaybeUntrack: no NULL item in a tuple, no item that may be tracked. */
  private holdsNothingTrackable(o: ObjId): boolean {
    const heap = this.heap;
    const start = heap.edgeStart[o]!;
    const end = start + heap.edgeLen[o]!;
    const tuple = heap.isTupleObject(o);
    const data = heap.edges.data;
    for (let i = start; i < end; i++) {
      const t = data[i]!;
      if (t === NULL_REF) {
        if (tuple) return false; // not fully built yet
        continue;
      }
      if (heap.mayBeTracked(t)) return false;
    }
    return true;
  }

  /** move_legacy_finalizers. Post: unreachable objects with a 2.x __del__ are in `finalizers`. */
  private moveLegacyFinalizers(unreachable: number, finalizers: number): void {
    const heap = this.heap;
    const { gcNext, flags } = heap;
    let o = gcNext[unreachable]!;
    while (o !== unreachable) {
      const next = gcNext[o]!;
      if (flags[o]! & F_FINALIZER) {
        heap.listMove(o, finalizers);
        flags[o] = flags[o]! & ~F_COLLECTING;
      }
      o = next;
    }
  }

  /** move_legacy_finalizer_reachable. Post: everything unreachable that a finalizer object reaches is in `finalizers`. */
  private moveFinalizerReachable(finalizers: number): void {
    const heap = this.heap;
    const { gcNext, flags, edgeStart, edgeLen } = heap;
    const data = heap.edges.data;
    for (let o = gcNext[finalizers]!; o !== finalizers; o = gcNext[o]!) {
      const start = edgeStart[o]!;
      const end = start + edgeLen[o]!;
      for (let i = start; i < end; i++) {
        const t = data[i]!;
        if (t !== NULL_REF) this.edgesVisited++;
        if (t !== NULL_REF && flags[t]! & F_COLLECTING) {
          heap.listMove(t, finalizers);
          flags[t] = flags[t]! & ~F_COLLECTING;
        }
      }
    }
  }

  /** finalize_garbage (PEP 442). Post: every unreachable object with __del__ has been finalized once. */
  private finalizeGarbage(unreachable: number): void {
    const heap = this.heap;
    const finalize = heap.hooks.finalize;
    if (!finalize) return;
    // Objects move to a "seen" list first, because finalizers may free others of the set.
    while (!heap.listIsEmpty(unreachable)) {
      const o = heap.gcNext[unreachable]!;
      heap.listMove(o, HEAD_SCRATCH);
      const f = heap.flags[o]!;
      if (f & F_FINALIZER && !(f & F_FINALIZED)) {
        heap.flags[o] = f | F_FINALIZED;
        heap.incref(o);
        finalize(o);
        heap.decref(o);
      }
    }
    heap.listMerge(HEAD_SCRATCH, unreachable);
  }

  /**
   * handle_resurrected_objects (3.9+). Post: `unreachable` holds only objects that are
   * still unreachable after the finalizers ran; resurrected ones are in `old`.
   */
  private handleResurrected(unreachable: number, old: number): void {
    const heap = this.heap;
    const { gcNext, flags } = heap;
    for (let o = gcNext[unreachable]!; o !== unreachable; o = gcNext[o]!) {
      flags[o] = flags[o]! & ~(F_COLLECTING | F_UNREACHABLE);
    }
    this.updateRefs(unreachable);
    this.subtractRefs(unreachable);
    this.moveUnreachable(unreachable, HEAD_SCRATCH);
    // What is left in `unreachable` was resurrected.
    this.finishReachable(unreachable, false, false);
    heap.listMerge(unreachable, old);
    heap.listMerge(HEAD_SCRATCH, unreachable);
  }

  /** delete_garbage. Post: `unreachable` is empty; cleared objects died, survivors of tp_clear are in `old`. */
  private deleteGarbage(unreachable: number, old: number, saveAll: boolean): void {
    const heap = this.heap;
    while (!heap.listIsEmpty(unreachable)) {
      const o = heap.gcNext[unreachable]!;
      this.objectsVisited++;
      if (saveAll) {
        heap.pushRef(this.garbage, o);
      } else if (heap.typeClearsRefs(o)) {
        heap.incref(o);
        heap.clearRefs(o);
        heap.decref(o);
      }
      if (heap.gcNext[unreachable] === o) {
        // Still alive (no tp_clear, or saved): it may die later.
        heap.flags[o] = heap.flags[o]! & ~(F_COLLECTING | F_UNREACHABLE);
        heap.listMove(o, old);
      }
    }
  }

  /** handle_legacy_finalizers. Post: `finalizers` is merged into `old`; gc.garbage holds those with __del__ (all under SAVEALL). */
  private handleLegacyFinalizers(finalizers: number, old: number, saveAll: boolean): void {
    const heap = this.heap;
    for (let o = heap.gcNext[finalizers]!; o !== finalizers; o = heap.gcNext[o]!) {
      heap.flags[o] = heap.flags[o]! & ~(F_COLLECTING | F_UNREACHABLE);
      if (saveAll || heap.flags[o]! & F_FINALIZER) heap.pushRef(this.garbage, o);
    }
    heap.listMerge(finalizers, old);
  }

  // ---- freeze (3.7+) ----

  /** gc.freeze(): every tracked object moves to the permanent generation, ignored by collections. */
  freeze(): void {
    for (let g = 0; g < 3; g++) this.heap.listMerge(HEAD_GEN0 + g, HEAD_PERMANENT);
    for (let g = 0; g < 3; g++) this.state.count[g] = 0;
  }

  /** gc.unfreeze(): the permanent generation goes back into the oldest one. */
  unfreeze(): void {
    this.heap.listMerge(HEAD_PERMANENT, HEAD_GEN0 + 2);
  }

  freezeCount(): number {
    return this.heap.listSize(HEAD_PERMANENT);
  }

  /** Objects tracked in each generation (the "objects in each generation" of DEBUG_STATS). */
  generationSizes(): [number, number, number] {
    return [0, 1, 2].map((g) => this.heap.listSize(HEAD_GEN0 + g)) as [number, number, number];
  }

  isTracked(obj: ObjId): boolean {
    return (this.heap.flags[obj]! & F_TRACKED) !== 0;
  }

  // ---- debug output, in CPython's words ----

  private debugStart(generation: number): void {
    const out = this.hooks.debugLine;
    if (!out) return;
    const [a, b, c] = this.generationSizes();
    out(`gc: collecting generation ${generation}...`);
    out(`gc: objects in each generation: ${a} ${b} ${c}`);
    if (this.state.model.api.freeze) out(`gc: objects in permanent generation: ${this.freezeCount()}`);
  }

  private debugDone(m: number, n: number, work: CollectionWork): void {
    const out = this.hooks.debugLine;
    if (!out) return;
    const seconds = (this.hooks.secondsFor?.(work) ?? 0).toFixed(4);
    if (this.state.model.finalizers === 'legacy') {
      out(m === 0 && n === 0 ? `gc: done, ${seconds}s elapsed.` : `gc: done, ${n + m} unreachable, ${n} uncollectable, ${seconds}s elapsed.`);
    } else {
      out(`gc: done, ${n + m} unreachable, ${n} uncollectable, ${seconds}s elapsed`);
    }
  }

  private debugObjects(what: string, head: number): void {
    const out = this.hooks.debugLine;
    if (!out) return;
    const heap = this.heap;
    for (let o = heap.gcNext[head]!; o !== head; o = heap.gcNext[o]!) {
      out(`gc: ${what} <${heap.typeName(o)} 0x${heap.address[o]!.toString(16)}>`);
    }
  }
}

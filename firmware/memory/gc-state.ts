// The collector's global state (CPython's struct gc_generation array and the
// `enabled`/`collecting` flags), shared by the heap, which counts allocations, and
// the collector, which reads and resets the counts.

import type { GcModel } from './models.js';

export interface GenerationStats {
  collections: number;
  collected: number;
  uncollectable: number;
}

export class GcState {
  readonly model: GcModel;
  /** count[0]: net GC-object allocations since the last collection; count[g+1]: collections of g since g+1's. */
  readonly count = new Int32Array(3);
  readonly threshold = new Int32Array(3);
  enabled = true;
  /** A collection is running: automatic ones are not started and gc.collect() returns 0. */
  collecting = false;
  /** The Python thread has an exception set: CPython does not start an automatic collection then. */
  exceptionPending = false;
  /** 3.12+: the threshold was crossed and a collection waits for the next check point. */
  scheduled = false;
  debug = 0;
  longLivedPending = 0;
  longLivedTotal = 0;
  readonly stats: GenerationStats[] = [0, 1, 2].map(() => ({ collections: 0, collected: 0, uncollectable: 0 }));
  /** Automatic collections started by the allocation counter (not gc.collect()). */
  automaticCollections = 0;

  constructor(model: GcModel, thresholds?: readonly [number, number, number]) {
    this.model = model;
    const t = thresholds ?? model.defaultThresholds;
    this.setThreshold(t[0], t[1], t[2]);
  }

  /** gc.set_threshold: values are written straight into the generations, as CPython does. */
  setThreshold(t0: number, t1?: number, t2?: number): void {
    const values = [t0, t1, t2];
    values.forEach((v, i) => {
      if (v === undefined) return;
      if (!Number.isInteger(v) || v < 0 || v > 0x7fffffff) {
        throw new RangeError(`threshold${i} must be a non-negative integer, got ${v}`);
      }
    });
    values.forEach((v, i) => {
      if (v !== undefined) this.threshold[i] = v;
    });
  }

  /** The condition under which an allocation starts (or, 3.12+, schedules) a collection. */
  shouldTrigger(): boolean {
    const t0 = this.threshold[0]!;
    return this.count[0]! > t0 && this.enabled && t0 !== 0 && !this.collecting && !this.exceptionPending;
  }
}

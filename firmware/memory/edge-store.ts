// Outgoing references of every object, in one growable Int32Array: each object owns a
// run of `cap` slots at `start`, of which the first `len` are its references in
// order. Runs come in power-of-two capacities with one free list per capacity, so
// growing a list of references is amortised O(1) and no JS object is made per object.

const MIN_CLASS = 1; // capacity 2
const MAX_CLASSES = 31;

export class EdgeStore {
  /** The slots; `data[start .. start+len)` are one object's references (0 = NULL). */
  data: Int32Array;
  private top = 0;
  private readonly freeHeads = new Int32Array(MAX_CLASSES).fill(-1);
  private slotsInRuns = 0;

  constructor(initialSlots = 1 << 16) {
    this.data = new Int32Array(initialSlots);
  }

  /** Capacity class of a run able to hold `n` references. */
  static classFor(n: number): number {
    let c = MIN_CLASS;
    while (1 << c < n) c++;
    return c;
  }

  /** Takes a run of capacity 2^cls and returns its start. */
  takeRun(cls: number): number {
    const head = this.freeHeads[cls]!;
    if (head !== -1) {
      this.freeHeads[cls] = this.data[head]!;
      this.slotsInRuns += 1 << cls;
      return head;
    }
    const size = 1 << cls;
    if (this.top + size > this.data.length) this.grow(this.top + size);
    const start = this.top;
    this.top += size;
    this.slotsInRuns += size;
    return start;
  }

  /** Returns a run to its free list. */
  releaseRun(start: number, cls: number): void {
    this.data[start] = this.freeHeads[cls]!;
    this.freeHeads[cls] = start;
    this.slotsInRuns -= 1 << cls;
  }

  /** Slots handed out in runs (for statistics). */
  get slotsInUse(): number {
    return this.slotsInRuns;
  }

  private grow(minimum: number): void {
    let length = this.data.length * 2;
    while (length < minimum) length *= 2;
    const next = new Int32Array(length);
    next.set(this.data.subarray(0, this.top));
    this.data = next;
  }
}

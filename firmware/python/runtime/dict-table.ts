// The index of a dict (or set) object. The heap holds the entries as references
// [key0, value0, key1, value1, ...] (a set holds [key0, key1, ...]), so the collector
// sees them; this table maps each key's identity under Python equality to its entry.
// Deleted entries leave NULL slots until the table is compacted, as CPython's dummies do.

/** A key as Python's `==`/`hash` sees it: a string for str keys, a number for numeric keys, a code otherwise. */
export type KeyCode = string | number | bigint;

export class DictTable {
  /** str keys (Python 2 str and unicode, Python 3 str). */
  readonly strIndex = new Map<string, number>();
  /** Every other key: numbers (int, float, bool are equal when their values are), codes for the rest. */
  readonly otherIndex = new Map<KeyCode, number>();
  /** Live entries. */
  used = 0;
  /** Entry slots, deleted ones included. */
  slots = 0;
  /** Size of the modelled hash table, for its memory (0: none allocated, or the inline small table). */
  tableSize = 0;
  /** Entries that are dummies in the modelled table (deleted since the last resize). */
  dummies = 0;
  /** Every key is a str (CPython 3 uses smaller entries then). */
  allStrKeys = true;
  /**
   * Sets (every version) and Python 2 dicts: the heap entries lie in CPython's table order,
   * one slot per table slot (see hash-order.ts); the index maps a key to its slot.
   */
  hashed = false;
  /** Slots in use or dummy (CPython's fill), for a hashed table. */
  fill = 0;
  /** Per slot of a hashed table: the key's hash, its code, and whether the slot is a dummy. */
  slotHashLo: number[] = [];
  slotHashHi: number[] = [];
  slotCode: (KeyCode | undefined)[] = [];
  slotIsStr: boolean[] = [];
  slotDummy: boolean[] = [];
  /** Keys hashed by a class's own __hash__, with the hashes they went in with (dicts.ts); usually none. */
  userKeys: object | null = null;
  /** The probe's view of the slots (dicts.ts), made at the first hashed insert. */
  probe: { occupied(slot: number): boolean; dummy(slot: number): boolean } | null = null;

  get(code: KeyCode, isStr: boolean): number | undefined {
    return isStr ? this.strIndex.get(code as string) : this.otherIndex.get(code);
  }

  set(code: KeyCode, isStr: boolean, entry: number): void {
    if (isStr) this.strIndex.set(code as string, entry);
    else {
      this.otherIndex.set(code, entry);
      this.allStrKeys = false;
    }
  }

  delete(code: KeyCode, isStr: boolean): void {
    if (isStr) this.strIndex.delete(code as string);
    else this.otherIndex.delete(code);
  }

  clear(): void {
    if (this.strIndex.size > 0) this.strIndex.clear();
    if (this.otherIndex.size > 0) this.otherIndex.clear();
    this.used = 0;
    this.slots = 0;
    this.dummies = 0;
    this.allStrKeys = true;
    this.fill = 0;
    // New arrays only where there were slots (a dict from the free list): an unused table
    // keeps its empty ones.
    if (this.slotCode.length > 0) {
      this.slotHashLo = [];
      this.slotHashHi = [];
      this.slotCode = [];
      this.slotIsStr = [];
    }
    if (this.slotDummy.length > 0) this.slotDummy = [];
    this.userKeys = null;
  }
}

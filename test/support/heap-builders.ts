// Small builders over the heap API, standing in for what device Python does.
import { MEMORY_ERROR, type Memory, type ObjId } from '../../firmware/memory/index.js';

export class Builders {
  constructor(readonly memory: Memory) {}

  private must(obj: ObjId, what: string): ObjId {
    if (obj === MEMORY_ERROR) throw new Error(`MemoryError allocating ${what}`);
    return obj;
  }

  list(): ObjId {
    const m = this.memory;
    return this.must(m.heap.alloc(m.types.list, m.sizes.list.basic), 'list');
  }

  dict(): ObjId {
    const m = this.memory;
    return this.must(m.heap.alloc(m.types.dict, m.sizes.dict.basic), 'dict');
  }

  instance(): ObjId {
    const m = this.memory;
    return this.must(m.heap.alloc(m.types.instance, m.sizes.instance.basic), 'instance');
  }

  str(length: number): ObjId {
    const m = this.memory;
    const s = m.sizes.str;
    return this.must(m.heap.alloc(m.types.str, s.basic + (s.perItem ?? 0) * length), 'str');
  }

  tuple(items: ObjId[]): ObjId {
    const m = this.memory;
    const t = this.must(m.heap.alloc(m.types.tuple, m.sizes.tuple.basic + (m.sizes.tuple.perItem ?? 0) * items.length, Math.min(items.length, 31)), 'tuple');
    for (const item of items) m.heap.pushRef(t, item);
    return t;
  }

  /** d[key] = value, as a dict stores both references. */
  setItem(d: ObjId, key: ObjId, value: ObjId): void {
    this.memory.heap.pushRef(d, key);
    this.memory.heap.pushRef(d, value);
  }

  /** The seed's make_cycle(): l = {}; l[0] = l (the key 0 is a cached small int, not allocated). */
  makeCycle(): void {
    const heap = this.memory.heap;
    const l = this.dict();
    heap.pushRef(l, 0);
    heap.pushRef(l, l);
    heap.decref(l); // the local goes away at return
  }
}

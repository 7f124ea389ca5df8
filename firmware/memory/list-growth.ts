// CPython's list over-allocation (Objects/listobject.c list_resize), which decides
// how big a list's item array really is and so how much of the pool it takes.

export type ListGrowth = 'py2' | 'py3';

/**
 * The item-array capacity after resizing a list of `size` items and capacity `allocated` to `newSize`
 * items, or `allocated` itself when CPython would not call realloc.
 */
export function listCapacity(growth: ListGrowth, allocated: number, size: number, newSize: number): number {
  if (allocated >= newSize && newSize >= allocated >> 1) return allocated;
  if (newSize === 0) return 0;
  if (growth === 'py2') {
    // 2.4–2.7: new_allocated = (newsize >> 3) + (newsize < 9 ? 3 : 6) + newsize
    return (newSize >> 3) + (newSize < 9 ? 3 : 6) + newSize;
  }
  // 3.9+: ((newsize + (newsize >> 3) + 6) & ~3), falling back to newsize for big jumps.
  let capacity = (newSize + (newSize >> 3) + 6) & ~3;
  if (newSize - size > capacity - newSize) capacity = (newSize + 3) & ~3;
  return capacity;
}

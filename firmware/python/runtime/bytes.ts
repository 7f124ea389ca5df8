// bytearray's storage and the bytes-like views the operators share: a bytearray holds its
// bytes as a JS array of 0-255 and is charged to the pool for them (plus CPython's trailing
// NUL); bytes and Python 2 str hold one char per byte.

import type { ObjId } from '../../memory/index.js';
import { charsOfBytes } from './text-format.js';
import type { Vm } from './vm.js';

/** A bytes-like value's bytes as a one-char-per-byte string (bytes, bytearray; a 2.x str), or null. */
export function bytesLikeText(vm: Vm, o: ObjId): string | null {
  const t = vm.heap.typeOf[o]!;
  if (t === vm.t.bytearray) return charsOfBytes(vm.data[o] as number[]);
  if (t === vm.t.bytes || (vm.py2 && t === vm.t.str)) return vm.data[o] as string;
  return null;
}

/** The bytes of a one-char-per-byte string. */
export function bytesOfText(text: string): number[] {
  const out = new Array<number>(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
  return out;
}

/** A new bytearray owning `bytes`. */
export function newByteArray(vm: Vm, bytes: number[]): ObjId {
  const o = vm.alloc(vm.t.bytearray, vm.memory.sizes.bytearray.basic);
  vm.data[o] = bytes;
  if (bytes.length > 0 && !vm.heap.setPayloadBytes(o, bytes.length + 1)) {
    vm.decref(o);
    vm.raiseMemoryError();
  }
  return o;
}

/**
 * Charges a bytearray for its length after a change; when the pool cannot hold it, the
 * bytearray gets `before` back (when given) and MemoryError is raised.
 */
export function chargeByteArray(vm: Vm, o: ObjId, before?: number[]): void {
  const b = vm.data[o] as number[];
  if (!vm.heap.setPayloadBytes(o, b.length === 0 ? 0 : b.length + 1)) {
    if (before) vm.data[o] = before;
    vm.raiseMemoryError();
  }
}

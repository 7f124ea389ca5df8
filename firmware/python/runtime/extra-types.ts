// The heap types of the objects the memory manager's standard table lacks (property,
// staticmethod, classmethod, slice), registered per VM, and what attribute lookup needs to
// know of properties. A leaf module: the operators, dicts and text modules read it without
// importing the object protocol.

import type { Vm } from './vm.js';

export interface ExtraTypes {
  property: number;
  staticmethod: number;
  classmethod: number;
  slice: number;
  /** The `__dict__` / `__weakref__` getset descriptors a new-style class gets (they reference it). */
  getset: number;
  /** The weak reference a base type keeps to each subclass (tp_subclasses): counted, never traversed. */
  weakref: number;
  /**
   * Names a property has been stored under in some class (it never shrinks): only for these
   * does an instance lookup consult the class before the instance's own attributes.
   */
  propertyNames: Set<string>;
  /** Whether any property was made yet (until then class creation need not look for one). */
  anyProperty: boolean;
}

const registry = new WeakMap<Vm, ExtraTypes>();
let lastVm: Vm | null = null;
let lastTypes: ExtraTypes | null = null;

/** The extra types of a VM (registerExtraTypes must have run). */
export function extraTypes(vm: Vm): ExtraTypes {
  if (vm === lastVm) return lastTypes!;
  const types = registry.get(vm);
  if (types === undefined) throw new Error('the extra object types are not registered (a memsim bug)');
  lastVm = vm;
  lastTypes = types;
  return types;
}

/** The extra types, or undefined while the VM boots (the built-in classes come first). */
export function extraTypesIfRegistered(vm: Vm): ExtraTypes | undefined {
  return registry.get(vm);
}

/**
 * Registers the types with the VM's heap. property, staticmethod and classmethod are GC
 * containers (2.x's property without tp_clear). Slices are GC-tracked from 2.7 on (2.4 and
 * 2.6 made them with PyObject_New) without tp_clear, and 3.x keeps the last freed slice for
 * the next one (a one-entry cache, never emptied by collections).
 */
export function registerExtraTypes(vm: Vm): ExtraTypes {
  const heap = vm.heap;
  const sliceGc = !vm.py2 || vm.version.minor >= 7;
  const types: ExtraTypes = {
    property: heap.registerType({ name: 'property', gc: true, clears: !vm.py2 }),
    staticmethod: heap.registerType({ name: 'staticmethod', gc: true }),
    classmethod: heap.registerType({ name: 'classmethod', gc: true }),
    slice: heap.registerType(sliceGc
      ? { name: 'slice', gc: true, clears: false, ...(vm.py2 ? {} : { freeList: { capacity: 1, clearedOnFullCollection: false } }) }
      : { name: 'slice', gc: false }),
    getset: heap.registerType({ name: 'getset_descriptor', gc: true, clears: false }),
    weakref: heap.registerType({ name: 'weakref', gc: true }),
    propertyNames: new Set(),
    anyProperty: false,
  };
  registry.set(vm, types);
  return types;
}

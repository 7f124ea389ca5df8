// `import`: the device has no file system for modules; scripts import the built-in
// device modules (gc, time, random, sys, device, digiwdog, digicli), each created on
// first import and kept in sys.modules for the life of the run.

import type { ObjId } from '../../memory/index.js';
import type { DictTable } from './dict-table.js';
import { dictSetStr, newDict } from './dicts.js';
import { intern } from './objects.js';
import type { BuiltinCall, BuiltinInfo, ModuleInfo, Vm } from './vm.js';
import { newBuiltinMethod } from './objects.js';

/** The module object for `name` (a new reference); ImportError when the device has none. */
export function importModule(vm: Vm, name: string): ObjId {
  let mod = vm.modules.get(name);
  if (mod === undefined) {
    const factory = vm.moduleFactories.get(name);
    if (!factory) vm.raise('ImportError', vm.py2 ? `No module named ${name}` : `No module named '${name}'`);
    mod = factory(vm);
    vm.modules.set(name, mod);
  }
  vm.incref(mod);
  return mod;
}

/** Builds a module object with the given attributes; functions become built-in functions. */
export class ModuleBuilder {
  readonly module: ObjId;
  private readonly dict: ObjId;

  constructor(
    private readonly vm: Vm,
    readonly name: string,
  ) {
    const dict = newDict(vm);
    this.dict = dict;
    this.module = vm.alloc(vm.t.module, vm.memory.sizes.module.basic);
    const info: ModuleInfo = { name, dict, table: vm.data[dict] as DictTable };
    vm.data[this.module] = info;
    if (!vm.heap.pushRef(this.module, dict)) vm.raiseMemoryError();
    vm.decref(dict);
    this.value('__name__', vm.newNativeStr(name));
  }

  /** Adds an attribute (the reference is consumed). */
  value(name: string, v: ObjId): this {
    dictSetStr(this.vm, this.dict, name, intern(this.vm, name), v);
    this.vm.decref(v);
    return this;
  }

  /** A built-in function; `suspends`: it may suspend the app calling it (time.sleep). */
  fn(name: string, call: BuiltinCall, opts: { suspends?: boolean } = {}): this {
    const f = newBuiltinMethod(this.vm, name, call, 0);
    if (opts.suspends) (this.vm.data[f] as BuiltinInfo).suspends = true;
    return this.value(name, f);
  }
}

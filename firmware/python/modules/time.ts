// The `time` module on the device's virtual clock: sleep advances virtual time, and
// time()/monotonic() read it. Nothing here touches the host's wall clock.

import type { ObjId } from '../../memory/index.js';
import { arity, keywordArgs } from '../runtime/builtins.js';
import { ModuleBuilder } from '../runtime/imports.js';
import { numberOf } from '../runtime/ops.js';
import type { Vm } from '../runtime/vm.js';

/** Virtual seconds of the epoch at boot (2009-01-01, the era of the ConnectPort firmware). */
export const BOOT_EPOCH_SECONDS = 1230768000;

export function timeModule(vm: Vm): ObjId {
  const m = new ModuleBuilder(vm, 'time');
  m.fn('time', (vm, _b, argc, kw) => {
    arity(vm, 'time', argc, 0, 0, kw);
    return vm.newFloat(BOOT_EPOCH_SECONDS + vm.host.now());
  });
  const mono = (name: string) => m.fn(name, (vm, _b, argc, kw) => {
    arity(vm, name, argc, 0, 0, kw);
    return vm.newFloat(vm.host.now());
  });
  if (vm.py2) mono('clock');
  else {
    mono('monotonic');
    mono('perf_counter');
  }
  m.fn('sleep', (vm, base, argc, kw) => {
    keywordArgs(vm, base, argc, kw, [], 'sleep');
    arity(vm, 'sleep', argc, 1, 1);
    const s = numberOf(vm, vm.stack[base]!);
    if (s === undefined) vm.raise('TypeError', vm.py2 ? 'a float is required' : `'${vm.typeNameOf(vm.stack[base]!)}' object cannot be interpreted as an integer`);
    const seconds = Number(s);
    if (seconds < 0) vm.raise('ValueError', vm.py2 ? 'Invalid argument' : 'sleep length must be non-negative');
    vm.host.sleep(seconds);
    return vm.none();
  });
  return m.module;
}

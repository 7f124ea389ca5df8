// The `time` module on the device's virtual clock: sleep advances virtual time, and
// time()/monotonic() read it. Nothing here touches the host's wall clock.

import type { ObjId } from '../../memory/index.js';
import { arity, keywordArgs } from '../runtime/builtins.js';
import { ModuleBuilder } from '../runtime/imports.js';
import { instanceSet } from '../runtime/objects.js';
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
    const arg = vm.stack[base]!;
    const s = numberOf(vm, arg);
    if (s === undefined) return vm.raise('TypeError', vm.py2 ? 'a float is required' : `'${vm.typeNameOf(arg)}' object cannot be interpreted as an integer`);
    vm.sleep(vm.py2 ? py2SleepSeconds(vm, s) : py3SleepSeconds(vm, s, vm.heap.typeOf[arg] === vm.t.float));
    return vm.none();
  }, { suspends: true }); // an app's task suspends here: the device runs the others meanwhile
  return m.module;
}

/**
 * Python 2's floatsleep: the length becomes a C double, then select()'s timeval (whole
 * seconds as a C long, and microseconds). select() refuses a negative or NaN timeval with
 * EINVAL, and so one past a C long (x86 converts it to LONG_MIN): IOError [Errno 22], as
 * CPython 2.7 on the 64-bit hosts. The clock is not touched.
 */
function py2SleepSeconds(vm: Vm, s: number | bigint): number {
  const secs = Number(s);
  if (typeof s === 'bigint' && !Number.isFinite(secs)) vm.raise('OverflowError', 'long int too large to convert to float');
  if (!(secs >= 0 && secs < 2 ** (vm.wordBytes * 8 - 1))) {
    const exc = vm.makeException('IOError');
    const args = vm.newTupleOwned([vm.newInt(EINVAL), vm.newNativeStr('Invalid argument')]);
    instanceSet(vm, exc.exc, 'args', args);
    vm.decref(args);
    throw exc;
  }
  return secs;
}

/** errno's EINVAL on Linux. */
const EINVAL = 22;
const INT64_MAX = 2n ** 63n - 1n;

/**
 * Python 3's time.sleep: NaN is a ValueError, a length that does not fit _PyTime_t
 * (nanoseconds in a 64-bit integer) an OverflowError, then a negative one a ValueError.
 */
function py3SleepSeconds(vm: Vm, s: number | bigint, isFloat: boolean): number {
  const minor = vm.version.minor;
  if (isFloat) {
    const secs = s as number;
    if (Number.isNaN(secs)) vm.raise('ValueError', 'Invalid value NaN (not a number)');
    const ns = secs * 1e9;
    if (!(ns >= -(2 ** 63) && ns < 2 ** 63)) {
      vm.raise('OverflowError', minor >= 11 ? 'timestamp out of range for platform time_t' : 'timestamp too large to convert to C _PyTime_t');
    }
  } else {
    const ns = BigInt(s) * 1_000_000_000n;
    if (ns > INT64_MAX || ns < -INT64_MAX - 1n) vm.raise('OverflowError', `timestamp too large to convert to C ${minor >= 13 ? 'PyTime_t' : '_PyTime_t'}`);
  }
  const secs = Number(s);
  if (secs < 0) vm.raise('ValueError', 'sleep length must be non-negative');
  return secs;
}

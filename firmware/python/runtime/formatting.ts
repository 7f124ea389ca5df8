// format(value, spec), str.format and f-string fields: the format-spec mini-language
// for the built-in types, __format__ for instances.

import { NULL_REF, type ObjId } from '../../memory/index.js';
import { callMethod1 } from './ops.js';
import { lookupClassAttr } from './objects.js';
import { checkStrDigits, dialectOf, strOf } from './text.js';
import { FormatError, formatSpec, type FormatValue } from './text-format.js';
import type { Vm } from './vm.js';

export function formatValue(vm: Vm, v: ObjId, spec: string): string {
  const t = vm.heap.typeOf[v]!;
  const tt = vm.t;
  let value: FormatValue | null = null;
  if (v === vm.True || v === vm.False) {
    if (spec === '') return v === vm.True ? 'True' : 'False';
    value = { kind: 'int', value: v === vm.True ? 1n : 0n };
  } else if (t === tt.int || t === tt.long) {
    // Decimal presentations are bound by 3.11+'s digit limit (hex, octal, binary are not).
    if (!/[xXobcn%eEfFgG]$/.test(spec) || spec.endsWith('n')) checkStrDigits(vm, vm.data[v] as number | bigint);
    value = { kind: 'int', value: BigInt(vm.data[v] as number | bigint) };
  }
  else if (t === tt.float) value = { kind: 'float', value: vm.data[v] as number };
  else if (vm.isStrType(t) || t === tt.bytes) value = { kind: 'str', value: vm.data[v] as string };
  else if (t === tt.instance || t === tt['classic-instance']) {
    if (lookupClassAttr(vm, vm.classOf(v), '__format__') !== NULL_REF) {
      const s = vm.newStr(spec, true);
      try {
        const r = callMethod1(vm, v, '__format__', s);
        const text = vm.data[r] as string;
        vm.decref(r);
        return text;
      } finally {
        vm.decref(s);
      }
    }
  }
  if (value === null) {
    if (spec !== '') vm.raise('TypeError', `unsupported format string passed to ${vm.typeNameOf(v)}.__format__`);
    return strOf(vm, v);
  }
  try {
    return formatSpec(value, spec, dialectOf(vm));
  } catch (e) {
    if (e instanceof FormatError) vm.raise(e.pyType, e.message);
    throw e;
  }
}

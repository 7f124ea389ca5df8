// The built-in functions and the constructors of the built-in types. Arguments are
// borrowed from the value stack; results are new references.

import { NULL_REF, type ObjId } from '../../memory/index.js';
import { dictEntries, dictSet, dictSetStr, dictSize, installKeyEquality, instanceHash, keyCode, keyWasStr, newDict, newSet, presizeForMerge } from './dicts.js';
import { PyException, DeviceStop } from './errors.js';
import { formatValue } from './formatting.js';
import { hashOf, hashValue } from './hash-order.js';
import { bytesToText } from './output.js';
import {
  callObject, constructors, delAttr, genericDelAttr, genericSetAttr, getAttr, getAttrOrMissing, instanceSet, intern, isSubclass, makeClass, matchesClass, newBuiltinMethod,
  newInstance, setAttr,
} from './objects.js';
import { binaryOp, compareValues, equals, intToFloat, isIntType, setOf, listFrom, numberOf, truthy, tupleFrom } from './ops.js';
import {
  getIter, iterNext, iterateToArray, length, NativeIter, newIterator, newRange, type RangeData,
} from './sequences.js';
import { reprOf, strOf, addressOf, maxStrDigits } from './text.js';
import { newByteArray } from './bytes.js';
import { staticCallable } from './descriptors.js';
import { formatFloat, charsOfBytes } from './text-format.js';
import type { BuiltinCall, BuiltinInfo, KwArgs, Vm } from './vm.js';

// ---- argument helpers ----

export function argsOf(vm: Vm, base: number, argc: number): ObjId[] {
  return vm.stack.slice(base, base + argc);
}

export function arity(vm: Vm, name: string, argc: number, min: number, max: number, kwargs: KwArgs | null = null): void {
  if (kwargs && kwargs.length > 0) vm.raise('TypeError', `${name}() takes no keyword arguments`);
  if (argc >= min && argc <= max) return;
  if (min === max) {
    if (vm.py2) vm.raise('TypeError', `${name}() takes exactly ${min === 1 ? 'one argument' : `${min} arguments`} (${argc} given)`);
    return vm.raise('TypeError', `${name}() takes exactly ${min === 1 ? 'one argument' : `${min} arguments`} (${argc} given)`);
  }
  if (argc < min) vm.raise('TypeError', `${name} expected at least ${min} argument${min === 1 ? '' : 's'}, got ${argc}`);
  return vm.raise('TypeError', `${name} expected at most ${max} argument${max === 1 ? '' : 's'}, got ${argc}`);
}

/** Keyword arguments as a map name → value (borrowed), for builtins that accept some. */
export function keywordArgs(vm: Vm, base: number, argc: number, kwargs: KwArgs | null, allowed: string[], fname: string): Map<string, ObjId> {
  const out = new Map<string, ObjId>();
  if (!kwargs) return out;
  kwargs.forEach((k, i) => {
    if (!allowed.includes(k)) vm.raise('TypeError', `'${k}' is an invalid keyword argument for ${fname}()`);
    out.set(k, vm.stack[base + argc + i]!);
  });
  return out;
}

export function intArg(vm: Vm, o: ObjId, what: string): number {
  const t = vm.heap.typeOf[o]!;
  void what;
  if (!isIntType(vm, t)) vm.raise('TypeError', vm.py2 ? 'an integer is required' : `'${vm.typeNameOf(o)}' object cannot be interpreted as an integer`);
  const v = vm.data[o] as number | bigint;
  if (typeof v === 'bigint') vm.raise('OverflowError', 'Python int too large to convert to C long');
  return v;
}

export function strArg(vm: Vm, o: ObjId, what: string): string {
  const t = vm.heap.typeOf[o]!;
  if (!vm.isStrType(t)) vm.raise('TypeError', `${what} must be a string, not ${vm.typeNameOf(o)}`);
  return vm.data[o] as string;
}

export function defineBuiltin(vm: Vm, name: string, call: BuiltinCall): ObjId {
  const fn = newBuiltinMethod(vm, name, call, NULL_REF);
  vm.heap.refcnt[fn] = 1 << 29;
  vm.builtins.set(name, fn);
  return fn;
}

// ---- the built-ins ----

export function installBuiltins(vm: Vm): void {
  const def = (name: string, call: BuiltinCall) => defineBuiltin(vm, name, call);
  const ctor = constructors(vm);
  installKeyEquality(equals);

  const notImplemented = vm.allocStatic(vm.t.static, 8);
  vm.builtins.set('NotImplemented', notImplemented);
  vm.builtins.set('None', vm.None);
  installObjectAttributeMethods(vm);
  if (!vm.py2) {
    vm.builtins.set('True', vm.True);
    vm.builtins.set('False', vm.False);
  } else {
    vm.builtins.set('True', vm.True);
    vm.builtins.set('False', vm.False);
  }

  def('len', (vm, base, argc, kw) => {
    arity(vm, 'len', argc, 1, 1, kw);
    return vm.newInt(length(vm, vm.stack[base]!));
  });

  const rangeArgs = (name: string, base: number, argc: number, kw: KwArgs | null): RangeData => {
    arity(vm, name, argc, 1, 3, kw);
    const a = argsOf(vm, base, argc).map((o) => {
      const t = vm.heap.typeOf[o]!;
      if (t === vm.t.float) vm.raise('TypeError', vm.py2 ? `${name}() integer end argument expected, got float.` : `'float' object cannot be interpreted as an integer`);
      return intArg(vm, o, `${name}() argument`);
    });
    const r = argc === 1 ? { start: 0, stop: a[0]!, step: 1 } : { start: a[0]!, stop: a[1]!, step: a[2] ?? 1 };
    if (r.step === 0) vm.raise('ValueError', `${name}() ${vm.py2 ? 'step argument must not be zero' : 'arg 3 must not be zero'}`);
    return r;
  };
  if (vm.py2) {
    def('range', (vm, base, argc, kw) => {
      const r = rangeArgs('range', base, argc, kw);
      const n = r.step > 0 ? Math.max(0, Math.ceil((r.stop - r.start) / r.step)) : Math.max(0, Math.ceil((r.start - r.stop) / -r.step));
      if (n * vm.wordBytes > vm.memory.pool.poolBytes) vm.raiseMemoryError();
      const list = vm.newList();
      vm.push(list);
      for (let i = 0, v = r.start; i < n; i++, v += r.step) {
        const o = vm.newInt(v);
        vm.listAppend(list, o);
        vm.decref(o);
        if ((i & 0xfff) === 0xfff) vm.tick();
      }
      vm.sp--;
      return list;
    });
    ctor.set('xrange', (vm, base, argc, kw) => newRange(vm, rangeArgs('xrange', base, argc, kw)));
  } else {
    ctor.set('range', (vm, base, argc, kw) => newRange(vm, rangeArgs('range', base, argc, kw)));
  }

  def('repr', (vm, base, argc, kw) => {
    arity(vm, 'repr', argc, 1, 1, kw);
    return vm.newNativeStr(reprOf(vm, vm.stack[base]!));
  });

  def('isinstance', (vm, base, argc, kw) => {
    arity(vm, 'isinstance', argc, 2, 2, kw);
    return vm.bool(matchesClass(vm, vm.stack[base]!, vm.stack[base + 1]!));
  });
  def('issubclass', (vm, base, argc, kw) => {
    arity(vm, 'issubclass', argc, 2, 2, kw);
    const c = vm.stack[base]!;
    const spec = vm.stack[base + 1]!;
    if (vm.heap.typeOf[c] !== vm.t.class) vm.raise('TypeError', 'issubclass() arg 1 must be a class');
    const specs = vm.heap.typeOf[spec] === vm.t.tuple ? vm.items(spec) : [spec];
    return vm.bool(specs.some((s) => isSubclass(vm, c, s)));
  });

  def('abs', (vm, base, argc, kw) => {
    arity(vm, 'abs', argc, 1, 1, kw);
    const o = vm.stack[base]!;
    const v = numberOf(vm, o);
    if (v === undefined) return vm.raise('TypeError', `bad operand type for abs(): '${vm.typeNameOf(o)}'`);
    if (vm.heap.typeOf[o] === vm.t.float) return vm.newFloat(Math.abs(v as number));
    return typeof v === 'bigint' ? vm.newBigInt(v < 0n ? -v : v) : vm.newInt(Math.abs(v));
  });

  const minmax = (name: 'min' | 'max') => (vm: Vm, base: number, argc: number, kw: KwArgs | null) => {
    const kws = keywordArgs(vm, base, argc, kw, ['key', 'default'], name);
    if (argc === 0) vm.raise('TypeError', `${name} expected at least 1 argument${vm.py2 ? 's' : ''}, got 0`);
    const items = argc === 1 ? iterateToArray(vm, vm.stack[base]!) : argsOf(vm, base, argc).map((o) => {
      vm.incref(o);
      return o;
    });
    try {
      if (items.length === 0) {
        const d = kws.get('default');
        if (d !== undefined) {
          vm.incref(d);
          return d;
        }
        return vm.raise('ValueError', !vm.py2 && vm.version.minor >= 12 ? `${name}() iterable argument is empty` : `${name}() arg is an empty sequence`);
      }
      const keyFn = kws.get('key');
      const keys = keyFn ? items.map((it) => call1(vm, keyFn, it)) : items;
      try {
        let best = 0;
        for (let i = 1; i < items.length; i++) {
          const c = compareValues(vm, keys[i]!, keys[best]!, name === 'min' ? '<' : '>', 0);
          if (name === 'min' ? c < 0 : c > 0) best = i;
        }
        vm.incref(items[best]!);
        return items[best]!;
      } finally {
        if (keyFn) for (const k of keys) vm.decref(k);
      }
    } finally {
      for (const it of items) vm.decref(it);
    }
  };
  def('min', minmax('min'));
  def('max', minmax('max'));

  def('sum', (vm, base, argc, kw) => {
    const kws = keywordArgs(vm, base, argc, kw, vm.py2 || vm.version.minor < 8 ? [] : ['start'], 'sum');
    arity(vm, 'sum', argc, 1, 2);
    const items = iterateToArray(vm, vm.stack[base]!);
    let acc = argc > 1 ? vm.stack[base + 1]! : kws.get('start') ?? NULL_REF;
    if (acc !== NULL_REF) {
      if (vm.isStrType(vm.heap.typeOf[acc]!)) vm.raise('TypeError', "sum() can't sum strings [use ''.join(seq) instead]");
      vm.incref(acc);
    } else acc = vm.newInt(0);
    try {
      for (const it of items) {
        const next = binaryOp(vm, '+', acc, it, true);
        vm.decref(acc);
        acc = next;
      }
    } catch (e) {
      vm.decref(acc);
      throw e;
    } finally {
      for (const it of items) vm.decref(it);
    }
    return acc;
  });

  def('sorted', (vm, base, argc, kw) => {
    if (vm.py2) {
      if (argc + (kw?.length ?? 0) > 4) vm.raise('TypeError', `sorted() takes at most 4 arguments (${argc + (kw?.length ?? 0)} given)`);
      if (argc === 0) vm.raise('TypeError', "Required argument 'iterable' (pos 1) not found");
    } else if (argc !== 1) vm.raise('TypeError', `sorted expected 1 argument, got ${argc}`);
    const opts = sortOptions(vm, base + 1, argc - 1, kw, 'sorted');
    const items = iterateToArray(vm, vm.stack[base]!);
    const list = listFrom(vm, items);
    for (const it of items) vm.decref(it);
    try {
      sortList(vm, list, opts.key, opts.reverse, opts.cmp);
    } catch (e) {
      vm.decref(list);
      throw e;
    }
    return list;
  });

  def('enumerate', (vm, base, argc, kw) => {
    const kws = keywordArgs(vm, base, argc, kw, ['start'], 'enumerate');
    arity(vm, 'enumerate', argc, 1, 2);
    const it = getIter(vm, vm.stack[base]!);
    let i = argc > 1 ? intArg(vm, vm.stack[base + 1]!, 'start') : kws.has('start') ? intArg(vm, kws.get('start')!, 'start') : 0;
    const e = newIterator(vm, new NativeIter(it, 'enumerate', (v) => {
      const x = iterNext(v, it);
      if (x === NULL_REF) return NULL_REF;
      return v.newTupleOwned([v.newInt(i++), x]);
    }));
    vm.decref(it);
    return e;
  });

  def('zip', (vm, base, argc, kw) => {
    arity(vm, 'zip', argc, 0, 64, kw);
    const its = argsOf(vm, base, argc).map((o) => getIter(vm, o));
    const step = (v: Vm): ObjId => {
      if (its.length === 0) return NULL_REF;
      const row: ObjId[] = [];
      for (const it of its) {
        const x = iterNext(v, it);
        if (x === NULL_REF) {
          for (const r of row) v.decref(r);
          return NULL_REF;
        }
        row.push(x);
      }
      return v.newTupleOwned(row);
    };
    if (vm.py2) {
      const list = vm.newList();
      try {
        for (let row = step(vm); row !== NULL_REF; row = step(vm)) {
          vm.listAppend(list, row);
          vm.decref(row);
        }
      } finally {
        for (const it of its) vm.decref(it);
      }
      return list;
    }
    const holder = tupleFrom(vm, its);
    for (const it of its) vm.decref(it);
    const z = newIterator(vm, new NativeIter(holder, 'zip', step));
    vm.decref(holder);
    return z;
  });

  const mapFilter = (name: 'map' | 'filter') => (vm: Vm, base: number, argc: number, kw: KwArgs | null) => {
    arity(vm, name, argc, 2, name === 'map' ? 64 : 2, kw);
    const fn = vm.stack[base]!;
    if (name === 'map' && argc > 2) return mapMany(vm, fn, vm.stack.slice(base + 1, base + argc));
    const source = vm.stack[base + 1]!;
    const items = iterateToArray(vm, source);
    const out: ObjId[] = [];
    try {
      for (const it of items) {
        if (name === 'map') out.push(fn === vm.None ? (vm.incref(it), it) : call1(vm, fn, it));
        else {
          const keep = fn === vm.None ? truthy(vm, it) : truthOf(vm, call1(vm, fn, it));
          if (keep) {
            vm.incref(it);
            out.push(it);
          }
        }
      }
      const st = vm.heap.typeOf[source]!;
      // Python 2's filter keeps a str or tuple argument's type.
      if (vm.py2 && name === 'filter' && (st === vm.t.str || st === vm.t.unicode)) {
        return vm.newStr(out.map((o) => vm.data[o] as string).join(''), st === vm.t.unicode);
      }
      if (vm.py2 && name === 'filter' && st === vm.t.tuple) return tupleFrom(vm, out);
      const list = listFrom(vm, out);
      if (vm.py2) return list;
      const it = getIter(vm, list);
      vm.decref(list);
      (vm.data[it] as { name: string }).name = name;
      return it;
    } finally {
      for (const it of items) vm.decref(it);
      for (const o of out) vm.decref(o);
    }
  };
  /** map(f, a, b, ...): Python 2 pads the shorter ones with None; Python 3 stops at the shortest. */
  const mapMany = (vm: Vm, fn: ObjId, sources: ObjId[]): ObjId => {
    const lists = sources.map((s) => iterateToArray(vm, s));
    const out: ObjId[] = [];
    try {
      const n = vm.py2 ? Math.max(...lists.map((l) => l.length)) : Math.min(...lists.map((l) => l.length));
      for (let i = 0; i < n; i++) {
        const args = lists.map((l) => l[i] ?? vm.None);
        if (fn === vm.None) {
          out.push(tupleFrom(vm, args));
          continue;
        }
        const b = vm.sp;
        for (const a of args) {
          vm.incref(a);
          vm.push(a);
        }
        try {
          out.push(callObject(vm, fn, b, args.length, null));
        } finally {
          vm.unwindTo(b);
        }
      }
      const list = listFrom(vm, out);
      if (vm.py2) return list;
      const it = getIter(vm, list);
      vm.decref(list);
      (vm.data[it] as { name: string }).name = 'map';
      return it;
    } finally {
      for (const l of lists) for (const o of l) vm.decref(o);
      for (const o of out) vm.decref(o);
    }
  };
  def('map', mapFilter('map'));
  def('filter', mapFilter('filter'));

  if (vm.py2) {
    // reduce(function, iterable[, initial]): a builtin in Python 2 (functools.reduce in 3).
    def('reduce', (vm, base, argc, kw) => {
      arity(vm, 'reduce', argc, 2, 3, kw);
      const fn = vm.stack[base]!;
      const items = iterateToArray(vm, vm.stack[base + 1]!);
      let acc = NULL_REF;
      let i = 0;
      try {
        if (argc === 3) {
          acc = vm.stack[base + 2]!;
          vm.incref(acc);
        } else {
          if (items.length === 0) vm.raise('TypeError', 'reduce() of empty sequence with no initial value');
          acc = items[0]!;
          vm.incref(acc);
          i = 1;
        }
        for (; i < items.length; i++) {
          const b = vm.sp;
          vm.push(acc);
          acc = NULL_REF; // the stack owns it now
          vm.incref(items[i]!);
          vm.push(items[i]!);
          try {
            acc = callObject(vm, fn, b, 2, null);
          } finally {
            vm.unwindTo(b);
          }
        }
        const r = acc;
        acc = NULL_REF;
        return r;
      } finally {
        if (acc !== NULL_REF) vm.decref(acc);
        for (const it of items) vm.decref(it);
      }
    });
    def('cmp', (vm, base, argc, kw) => {
      if (argc !== 2) return vm.raise('TypeError', `cmp expected 2 arguments, got ${argc}`);
      arity(vm, 'cmp', argc, 2, 2, kw);
      const c = compareValues(vm, vm.stack[base]!, vm.stack[base + 1]!, 'sort', 0);
      return vm.newInt(c < 0 ? -1 : c > 0 ? 1 : 0);
    });
  }
  def('any', (vm, base, argc, kw) => {
    arity(vm, 'any', argc, 1, 1, kw);
    return vm.bool(scan(vm, vm.stack[base]!, true));
  });
  def('all', (vm, base, argc, kw) => {
    arity(vm, 'all', argc, 1, 1, kw);
    return vm.bool(!scan(vm, vm.stack[base]!, false));
  });

  def('reversed', (vm, base, argc, kw) => {
    arity(vm, 'reversed', argc, 1, 1, kw);
    const items = iterateToArray(vm, vm.stack[base]!).reverse();
    const list = listFrom(vm, items);
    for (const it of items) vm.decref(it);
    const it = getIter(vm, list);
    vm.decref(list);
    return it;
  });

  def('iter', (vm, base, argc, kw) => {
    arity(vm, 'iter', argc, 1, 1, kw);
    return getIter(vm, vm.stack[base]!);
  });
  def('next', (vm, base, argc, kw) => {
    arity(vm, 'next', argc, 1, 2, kw);
    const it = vm.stack[base]!;
    if (vm.heap.typeOf[it] !== vm.t.iterator && vm.heap.typeOf[it] !== vm.t.range) vm.raise('TypeError', `'${vm.typeNameOf(it)}' object is not an iterator`);
    const v = iterNext(vm, it);
    if (v !== NULL_REF) return v;
    if (argc > 1) {
      vm.incref(vm.stack[base + 1]!);
      return vm.stack[base + 1]!;
    }
    return vm.raise('StopIteration');
  });

  if (!vm.py2) {
    def('ascii', (vm, base, argc, kw) => {
      arity(vm, 'ascii', argc, 1, 1, kw);
      const r = reprOf(vm, vm.stack[base]!);
      return vm.newStr(r.replace(/[^\x00-\x7f]/gu, (c) => {
        const cp = c.codePointAt(0)!;
        return cp < 0x100 ? `\\x${cp.toString(16).padStart(2, '0')}` : cp < 0x10000 ? `\\u${cp.toString(16).padStart(4, '0')}` : `\\U${cp.toString(16).padStart(8, '0')}`;
      }), true);
    });
  }
  def('hasattr', (vm, base, argc, kw) => {
    arity(vm, 'hasattr', argc, 2, 2, kw);
    // Python 2's hasattr swallows any Exception from __getattr__; 3.x only AttributeError.
    const v = getAttrOrMissing(vm, vm.stack[base]!, strArg(vm, vm.stack[base + 1]!, 'attribute name'), vm.py2);
    if (v === NULL_REF) return vm.bool(false);
    vm.decref(v);
    return vm.bool(true);
  });
  def('getattr', (vm, base, argc, kw) => {
    arity(vm, 'getattr', argc, 2, 3, kw);
    const obj = vm.stack[base]!;
    const name = strArg(vm, vm.stack[base + 1]!, 'attribute name');
    if (argc < 3) return getAttr(vm, obj, name);
    const v = getAttrOrMissing(vm, obj, name);
    if (v !== NULL_REF) return v;
    vm.incref(vm.stack[base + 2]!);
    return vm.stack[base + 2]!;
  });
  def('setattr', (vm, base, argc, kw) => {
    arity(vm, 'setattr', argc, 3, 3, kw);
    setAttr(vm, vm.stack[base]!, strArg(vm, vm.stack[base + 1]!, 'attribute name'), vm.stack[base + 2]!);
    return vm.none();
  });
  def('delattr', (vm, base, argc, kw) => {
    arity(vm, 'delattr', argc, 2, 2, kw);
    delAttr(vm, vm.stack[base]!, strArg(vm, vm.stack[base + 1]!, 'attribute name'));
    return vm.none();
  });
  def('id', (vm, base, argc, kw) => {
    arity(vm, 'id', argc, 1, 1, kw);
    return vm.newInt(vm.heap.address[vm.stack[base]!]! >>> 0);
  });
  def('hash', (vm, base, argc, kw) => {
    arity(vm, 'hash', argc, 1, 1, kw);
    const o = vm.stack[base]!;
    const t = vm.heap.typeOf[o]!;
    // A class's own __hash__ (slot_tp_hash); otherwise the hash the tables use (hash-order.ts).
    const user = t === vm.t.instance || t === vm.t['classic-instance'] ? instanceHash(vm, o) : null;
    const code = user ? 0 : keyCode(vm, o);
    return vm.newBigInt(hashValue(vm, user ?? hashOf(vm, o, code, keyWasStr())));
  });
  def('callable', (vm, base, argc, kw) => {
    arity(vm, 'callable', argc, 1, 1, kw);
    const t = vm.heap.typeOf[vm.stack[base]!]!;
    // 3.10+: a staticmethod object is callable.
    return vm.bool(t === vm.t.function || t === vm.t.method || t === vm.t['builtin-method'] || t === vm.t.class || staticCallable(vm, vm.stack[base]!) !== NULL_REF);
  });
  def('chr', (vm, base, argc, kw) => {
    arity(vm, 'chr', argc, 1, 1, kw);
    const n = intArg(vm, vm.stack[base]!, 'an integer');
    const limit = vm.py2 ? 255 : 0x10ffff;
    if (n < 0 || n > limit) vm.raise('ValueError', vm.py2 ? 'chr() arg not in range(256)' : 'chr() arg not in range(0x110000)');
    return vm.py2 ? vm.newBytes(String.fromCharCode(n)) : vm.newStr(String.fromCodePoint(n), true);
  });
  if (vm.py2) {
    def('unichr', (vm, base, argc, kw) => {
      arity(vm, 'unichr', argc, 1, 1, kw);
      return vm.newStr(String.fromCharCode(intArg(vm, vm.stack[base]!, 'an integer')), true);
    });
  }
  def('ord', (vm, base, argc, kw) => {
    arity(vm, 'ord', argc, 1, 1, kw);
    const o = vm.stack[base]!;
    const t = vm.heap.typeOf[o]!;
    if (!(vm.isStrType(t) || t === vm.t.bytes)) vm.raise('TypeError', `ord() expected string of length 1, but ${vm.typeNameOf(o)} found`);
    const s = vm.data[o] as string;
    if ([...s].length !== 1) vm.raise('TypeError', `ord() expected a character, but string of length ${s.length} found`);
    return vm.newInt(s.codePointAt(0)!);
  });
  const radix = (name: 'hex' | 'oct' | 'bin', r: number, prefix: string) => (vm: Vm, base: number, argc: number, kw: KwArgs | null) => {
    arity(vm, name, argc, 1, 1, kw);
    const o = vm.stack[base]!;
    const v = vm.data[o];
    if (!isIntType(vm, vm.heap.typeOf[o]!)) vm.raise('TypeError', `'${vm.typeNameOf(o)}' object cannot be interpreted as an integer`);
    const big = BigInt(v as number | bigint);
    const neg = big < 0n;
    const digits = (neg ? -big : big).toString(r);
    let p = prefix;
    if (vm.py2 && name === 'oct') p = digits === '0' ? '' : '0';
    const long = vm.py2 && vm.heap.typeOf[o] === vm.t.long ? 'L' : '';
    return vm.newNativeStr(`${neg ? '-' : ''}${p}${digits}${long}`);
  };
  def('hex', radix('hex', 16, '0x'));
  def('oct', radix('oct', 8, '0o'));
  def('bin', radix('bin', 2, '0b'));
  def('round', (vm, base, argc, kw) => {
    arity(vm, 'round', argc, 1, 2, kw);
    const o = vm.stack[base]!;
    const v = numberOf(vm, o);
    if (v === undefined) vm.raise('TypeError', vm.py2 ? 'a float is required' : `type ${vm.typeNameOf(o)} doesn't define __round__ method`);
    const nd = argc > 1 && vm.stack[base + 1]! !== vm.None ? intArg(vm, vm.stack[base + 1]!, 'ndigits') : null;
    const x = Number(v);
    if (vm.py2) {
      // 2.7 rounds half away from zero, on the exact value ('%.*f' then the tie rule).
      const digits = nd ?? 0;
      if (digits >= 0 && Number.isFinite(x)) {
        const exact = formatFloat(Math.abs(x), 'f', digits + 25);
        const [ip, fp = ''] = exact.split('.');
        const kept = BigInt(ip! + fp.slice(0, digits));
        const rest = fp.slice(digits);
        const up = rest[0]! > '5' || (rest[0] === '5' && /[1-9]/.test(rest.slice(1))) || (rest[0] === '5' && !/[1-9]/.test(rest.slice(1)));
        const n = Number(up ? kept + 1n : kept) / Math.pow(10, digits);
        return vm.newFloat(x < 0 ? -n : n);
      }
      const m = Math.pow(10, digits);
      return vm.newFloat((Math.sign(x) * Math.round(Math.abs(x) * m)) / m);
    }
    if (nd === null) {
      if (isIntType(vm, vm.heap.typeOf[o]!)) {
        vm.incref(o);
        return o;
      }
      return vm.newInt(roundHalfEven(x));
    }
    if (isIntType(vm, vm.heap.typeOf[o]!)) {
      const m = Math.pow(10, -nd);
      return nd >= 0 ? (vm.incref(o), o) : vm.newInt(roundHalfEven(x / m) * m);
    }
    // CPython rounds the exact binary value, half to even: what '%.*f' does.
    return vm.newFloat(nd >= 0 ? Number(formatFloat(x, 'f', nd)) : roundHalfEven(x / Math.pow(10, -nd)) * Math.pow(10, -nd));
  });
  def('divmod', (vm, base, argc, kw) => {
    arity(vm, 'divmod', argc, 2, 2, kw);
    const a = vm.stack[base]!;
    const b = vm.stack[base + 1]!;
    const q = binaryOp(vm, '//', a, b, true);
    let r: ObjId;
    try {
      r = binaryOp(vm, '%', a, b, true);
    } catch (e) {
      vm.decref(q);
      throw e;
    }
    return vm.newTupleOwned([q, r]);
  });
  def('pow', (vm, base, argc, kw) => {
    arity(vm, 'pow', argc, 2, 3, kw);
    if (argc === 3) {
      const [a, b, m] = argsOf(vm, base, 3).map((o) => BigInt(intArg(vm, o, 'pow() argument')));
      if (m === 0n) vm.raise('ValueError', 'pow() 3rd argument cannot be 0');
      let x = ((a! % m!) + m!) % m!;
      let e = b!;
      if (e < 0n) {
        if (vm.py2) vm.raise('TypeError', 'pow() 2nd argument cannot be negative when 3rd argument specified');
        x = modInverse(vm, x, m!);
        e = -e;
      }
      let result = 1n;
      while (e > 0n) {
        if (e & 1n) result = (result * x) % m!;
        x = (x * x) % m!;
        e >>= 1n;
      }
      return vm.newBigInt(result);
    }
    return binaryOp(vm, '**', vm.stack[base]!, vm.stack[base + 1]!, true);
  });
  def('format', (vm, base, argc, kw) => {
    arity(vm, 'format', argc, 1, 2, kw);
    const spec = argc > 1 ? strArg(vm, vm.stack[base + 1]!, 'format spec') : '';
    return vm.newStr(formatValue(vm, vm.stack[base]!, spec), true);
  });
  def('print', (vm, base, argc, kw) => {
    const kws = keywordArgs(vm, base, argc, kw, ['sep', 'end', 'file', 'flush'], 'print');
    const sepObj = kws.get('sep');
    const endObj = kws.get('end');
    const sep = sepObj === undefined || sepObj === vm.None ? ' ' : strArg(vm, sepObj, 'sep');
    const end = endObj === undefined || endObj === vm.None ? '\n' : strArg(vm, endObj, 'end');
    const items = argsOf(vm, base, argc);
    const file = kws.get('file');
    if (file !== undefined && file !== vm.None) {
      const text = items.map((o) => strOf(vm, o)).join(sep) + end;
      const w = getAttr(vm, file, 'write');
      // Python 2 writes unicode items as unicode.
      const unicode = vm.py2 && [...items, sepObj, endObj].some((o) => o !== undefined && !vm.writesBytes(o));
      const s = unicode ? vm.newStr(text, true) : vm.newNativeStr(text);
      vm.decref(call1(vm, w, s));
      vm.decref(s);
      vm.decref(w);
    } else if (!vm.py2) vm.host.write(items.map((o) => strOf(vm, o)).join(sep) + end);
    else {
      // Python 2 writes each piece: a str's bytes, a unicode's text.
      const piece = (o: ObjId) => {
        const t = strOf(vm, o);
        return vm.writesBytes(o) ? bytesToText(t) : t;
      };
      const given = (o: ObjId | undefined, dflt: string) => (o === undefined || o === vm.None ? dflt : piece(o));
      vm.host.write(items.map(piece).join(given(sepObj, ' ')) + given(endObj, '\n'));
    }
    return vm.none();
  });
  def('super', (vm, base, argc, kw) => {
    arity(vm, 'super', argc, 2, 2, kw);
    return makeSuper(vm, vm.stack[base]!, vm.stack[base + 1]!);
  });
  const exitFn: BuiltinCall = (vm, base, argc) => {
    const code = argc > 0 ? vm.stack[base]! : vm.None;
    throw raiseSystemExit(vm, code);
  };
  def('exit', exitFn);
  def('quit', exitFn);
  def('globals', (vm) => {
    const f = vm.frame;
    if (!f) return vm.raise('RuntimeError', 'no frame');
    vm.incref(f.globals);
    return f.globals;
  });
  def('open', (vm) => vm.raise('IOError', 'the device has no file system available to scripts'));
  def('input', (vm) => vm.raise('EOFError' in Object.fromEntries(vm.classes) ? 'EOFError' : 'RuntimeError', 'no console input'));

  installConstructors(vm);
}

function modInverse(vm: Vm, a: bigint, m: bigint): bigint {
  let [r0, r1] = [a, m];
  let [s0, s1] = [1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  if (r0 !== 1n && r0 !== -1n) vm.raise('ValueError', 'base is not invertible for the given modulus');
  return ((s0 % m) + m) % m;
}

function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

export function raiseSystemExit(vm: Vm, code: ObjId): PyException {
  const cls = vm.classes.get('SystemExit')!;
  const base = vm.sp;
  vm.incref(code);
  vm.push(code);
  const exc = callObject(vm, cls, base, 1, null);
  vm.unwindTo(base);
  return new PyException(exc);
}

function truthOf(vm: Vm, o: ObjId): boolean {
  const t = truthy(vm, o);
  vm.decref(o);
  return t;
}

function scan(vm: Vm, iterable: ObjId, want: boolean): boolean {
  const it = getIter(vm, iterable);
  try {
    for (let v = iterNext(vm, it); v !== NULL_REF; v = iterNext(vm, it)) {
      if (truthOf(vm, v) === want) return true;
    }
    return false;
  } finally {
    vm.decref(it);
  }
}

/** fn(arg) with a borrowed argument; a new reference. */
export function call1(vm: Vm, fn: ObjId, arg: ObjId): ObjId {
  const base = vm.sp;
  vm.incref(arg);
  vm.push(arg);
  try {
    return callObject(vm, fn, base, 1, null);
  } finally {
    vm.unwindTo(base);
  }
}

/**
 * list.sort's and sorted's options: `key=` and `reverse=`, and on Python 2 `cmp=` and the
 * positional form (cmp, key, reverse). `base`/`argc` are the positional arguments after
 * sorted's iterable; the keyword values follow them on the stack.
 */
export function sortOptions(vm: Vm, base: number, argc: number, kw: KwArgs | null, fname: 'sort' | 'sorted'): { cmp: ObjId; key: ObjId; reverse: boolean } {
  const names = vm.py2 ? ['cmp', 'key', 'reverse'] : ['key', 'reverse'];
  if (vm.py2) {
    if (fname === 'sort' && argc + (kw?.length ?? 0) > 3) vm.raise('TypeError', `sort() takes at most 3 arguments (${argc + (kw?.length ?? 0)} given)`);
  } else if (argc + (kw?.length ?? 0) > 2) vm.raise('TypeError', `sort() takes at most 2 arguments (${argc + (kw?.length ?? 0)} given)`);
  else if (argc > 0) vm.raise('TypeError', 'sort() takes no positional arguments');
  const got = new Map<string, ObjId>();
  for (let i = 0; i < argc; i++) got.set(names[i]!, vm.stack[base + i]!);
  kw?.forEach((k, i) => {
    if (!names.includes(k)) vm.raise('TypeError', vm.py2 ? `'${k}' is an invalid keyword argument for this function` : `'${k}' is an invalid keyword argument for sort()`);
    if (got.has(k)) vm.raise('TypeError', vm.py2 ? `Argument given by name ('${k}') and position (${names.indexOf(k) + 1})` : `argument for sort() given by name ('${k}') and position (${names.indexOf(k) + 1})`);
    got.set(k, vm.stack[base + argc + i]!);
  });
  const fn = (name: string) => {
    const v = got.get(name);
    return v === undefined || v === vm.None ? NULL_REF : v;
  };
  const r = got.get('reverse');
  return { cmp: fn('cmp'), key: fn('key'), reverse: r !== undefined && truthy(vm, r) };
}

/** The sign of a Python 2 cmp function's result for (a, b). */
function callCmp(vm: Vm, cmpFn: ObjId, a: ObjId, b: ObjId): number {
  const base = vm.sp;
  vm.incref(a);
  vm.push(a);
  vm.incref(b);
  vm.push(b);
  let r: ObjId;
  try {
    r = callObject(vm, cmpFn, base, 2, null);
  } finally {
    vm.unwindTo(base);
  }
  if (!isIntType(vm, vm.heap.typeOf[r]!)) {
    const name = vm.typeNameOf(r);
    vm.decref(r);
    return vm.raise('TypeError', `comparison function must return int, not ${name}`);
  }
  const v = vm.data[r] as number | bigint;
  vm.decref(r);
  return v < 0 ? -1 : v > 0 ? 1 : 0;
}

/**
 * Sorts a list in place: stable, by key, optionally reversed (stability kept as CPython's),
 * comparing with `cmpFn` (Python 2's cmp=, applied to the keys) when given.
 */
export function sortList(vm: Vm, list: ObjId, keyFn: ObjId, reverse: boolean, cmpFn: ObjId = NULL_REF): void {
  const items = vm.items(list);
  const keys = keyFn !== NULL_REF && keyFn !== vm.None ? items.map((it) => call1(vm, keyFn, it)) : null;
  const order = items.map((_, i) => i);
  try {
    const k = keys ?? items;
    const compare = cmpFn !== NULL_REF ? (x: ObjId, y: ObjId) => callCmp(vm, cmpFn, x, y) : (x: ObjId, y: ObjId) => compareValues(vm, x, y, 'sort', 0);
    // reverse=True sorts descending while equal elements keep their order, as CPython's does.
    order.sort((a, b) => {
      const c = reverse ? compare(k[b]!, k[a]!) : compare(k[a]!, k[b]!);
      return c !== 0 && !Number.isNaN(c) ? c : a - b;
    });
  } finally {
    if (keys) for (const key of keys) vm.decref(key);
  }
  const sorted = order.map((i) => items[i]!);
  const heap = vm.heap;
  const start = heap.edgeStart[list]!;
  if (heap.edgeLen[list] !== sorted.length) vm.raise('ValueError', 'list modified during sort');
  for (let i = 0; i < sorted.length; i++) heap.edges.data[start + i] = sorted[i]!;
}

/** object.__setattr__ and object.__delattr__: the plain store and delete, for hooks to call. */
function installObjectAttributeMethods(vm: Vm): void {
  const ns = vm.classInfo(vm.classes.get('object')!).dict;
  const nameArg = (vm: Vm, o: ObjId): string => {
    if (!vm.isStrType(vm.heap.typeOf[o]!)) vm.raise('TypeError', vm.py2 ? `attribute name must be string, not '${vm.typeNameOf(o)}'` : `attribute name must be string, not '${vm.typeNameOf(o)}'`);
    return vm.data[o] as string;
  };
  const method = (name: string, call: BuiltinCall) => {
    const m = newBuiltinMethod(vm, name, call, NULL_REF);
    (vm.data[m] as BuiltinInfo).isMethod = true;
    vm.heap.refcnt[m] = 1 << 29;
    dictSetStr(vm, ns, name, intern(vm, name), m);
    vm.decref(m);
  };
  method('__setattr__', (vm, base, argc, kw, self) => {
    if (argc !== 2) vm.raise('TypeError', `expected 2 arguments, got ${argc}`);
    arity(vm, '__setattr__', argc, 2, 2, kw);
    genericSetAttr(vm, self, nameArg(vm, vm.stack[base]!), vm.stack[base + 1]!);
    return vm.none();
  });
  method('__delattr__', (vm, base, argc, kw, self) => {
    if (argc !== 1) vm.raise('TypeError', `expected 1 argument, got ${argc}`);
    arity(vm, '__delattr__', argc, 1, 1, kw);
    genericDelAttr(vm, self, nameArg(vm, vm.stack[base]!));
    return vm.none();
  });
}

function makeSuper(vm: Vm, cls: ObjId, self: ObjId): ObjId {
  // A super object is modelled as a bound proxy: a builtin whose attribute lookups skip `cls`.
  const mro = vm.classInfo(vm.heap.typeOf[self] === vm.t.class ? self : vm.classOf(self)).mro;
  const idx = mro.indexOf(cls);
  if (idx < 0) vm.raise('TypeError', 'super(type, obj): obj must be an instance or subtype of type');
  const proxy = vm.alloc(vm.t.iterator, vm.wordBytes * 4);
  vm.data[proxy] = { superOf: self, after: mro.slice(idx + 1), seq: self, name: 'super', next: () => NULL_REF };
  if (!vm.heap.pushRef(proxy, self)) {
    vm.decref(proxy);
    vm.raiseMemoryError();
  }
  return proxy;
}

// ---- codecs: utf-8, latin-1, ascii ----

type Codec = 'utf-8' | 'latin-1' | 'ascii';

const CODEC_ALIASES: Record<string, Codec> = {
  utf_8: 'utf-8', utf8: 'utf-8', u8: 'utf-8', utf: 'utf-8', cp65001: 'utf-8',
  latin_1: 'latin-1', latin1: 'latin-1', latin: 'latin-1', l1: 'latin-1', iso_8859_1: 'latin-1', iso8859_1: 'latin-1', '8859': 'latin-1', cp819: 'latin-1', iso_ir_100: 'latin-1',
  ascii: 'ascii', us_ascii: 'ascii', '646': 'ascii', us: 'ascii', ansi_x3_4_1968: 'ascii', iso646_us: 'ascii',
};

/** The codec an encoding name names (CPython's normalisation: case, '-' and ' ' as '_'); LookupError otherwise. */
function codecOf(vm: Vm, name: string): Codec {
  const codec = CODEC_ALIASES[name.toLowerCase().replace(/[-\s]/g, '_')];
  if (codec === undefined) vm.raise('LookupError', `unknown encoding: ${name}`);
  return codec;
}

/** The codec's name in error messages (Python 2 calls UTF-8 'utf8'). */
function codecLabel(vm: Vm, codec: Codec): string {
  return codec === 'utf-8' && vm.py2 ? 'utf8' : codec;
}

function unknownHandler(vm: Vm, errors: string): never {
  return vm.raise('LookupError', `unknown error handler name '${errors}'`);
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

/**
 * Encodes text (a JS string: code points, lone surrogates as themselves) to bytes (one char
 * per byte), with the error handlers strict, ignore, replace, xmlcharrefreplace,
 * backslashreplace (and 3.x surrogateescape), raising UnicodeEncodeError as CPython words it.
 */
export function encodeText(vm: Vm, text: string, encoding: string, errors: string): string {
  const codec = codecOf(vm, encoding);
  const cps: number[] = [];
  for (const ch of text) cps.push(ch.codePointAt(0)!);
  const limit = codec === 'ascii' ? 0x80 : codec === 'latin-1' ? 0x100 : 0x110000;
  // Python 3's UTF-8 refuses lone surrogates (Python 2's encodes them).
  const bad = (c: number) => c >= limit || (codec === 'utf-8' && !vm.py2 && c >= 0xd800 && c <= 0xdfff);
  let out = '';
  for (let i = 0; i < cps.length; ) {
    const c = cps[i]!;
    if (!bad(c)) {
      out += codec === 'utf-8' ? utf8Bytes(c) : String.fromCharCode(c);
      i++;
      continue;
    }
    let j = i + 1;
    while (j < cps.length && bad(cps[j]!)) j++;
    const run = cps.slice(i, j);
    switch (errors) {
      case 'strict': {
        const reason = codec === 'utf-8' ? 'surrogates not allowed' : `ordinal not in range(${limit})`;
        const u = vm.py2 ? 'u' : '';
        const what = j === i + 1
          ? `character ${u}'\\${c <= 0xff ? `x${hex(c, 2)}` : c <= 0xffff ? `u${hex(c, 4)}` : `U${hex(c, 8)}`}'` + ` in position ${i}`
          : `characters in position ${i}-${j - 1}`;
        return vm.raise('UnicodeEncodeError', `'${codecLabel(vm, codec)}' codec can't encode ${what}: ${reason}`);
      }
      case 'ignore': break;
      case 'replace': out += '?'.repeat(run.length); break;
      case 'xmlcharrefreplace': out += run.map((x) => `&#${x};`).join(''); break;
      case 'backslashreplace': out += run.map((x) => (x <= 0xff ? `\\x${hex(x, 2)}` : x <= 0xffff ? `\\u${hex(x, 4)}` : `\\U${hex(x, 8)}`)).join(''); break;
      case 'surrogateescape':
        if (vm.py2 || run.some((x) => x < 0xdc80 || x > 0xdcff)) {
          return vm.raise('UnicodeEncodeError', `'${codecLabel(vm, codec)}' codec can't encode character '\\u${hex(c, 4)}' in position ${i}: surrogates not allowed`);
        }
        out += run.map((x) => String.fromCharCode(x - 0xdc00)).join('');
        break;
      default: return unknownHandler(vm, errors);
    }
    i = j;
  }
  return out;
}

function utf8Bytes(c: number): string {
  const f = String.fromCharCode;
  if (c < 0x80) return f(c);
  if (c < 0x800) return f(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
  if (c < 0x10000) return f(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
  return f(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 0x3f), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
}

/** One undecodable stretch of bytes: [start, end) and why. */
interface DecodeError {
  end: number;
  reason: string;
}

/**
 * The UTF-8 sequence starting at `i`: its code point and length, or the error. Python 3 takes
 * the maximal valid prefix as the bad stretch; Python 2.7 its own stretches (2.7's decoder,
 * which also lets surrogates through).
 */
function utf8At(vm: Vm, b: string, i: number): { cp: number; len: number } | DecodeError {
  const n = b.length;
  const c0 = b.charCodeAt(i);
  if (c0 < 0x80) return { cp: c0, len: 1 };
  const need = c0 >= 0xc2 && c0 <= 0xdf ? 2 : c0 >= 0xe0 && c0 <= 0xef ? 3 : c0 >= 0xf0 && c0 <= 0xf4 ? 4 : 0;
  if (need === 0) return { end: i + 1, reason: 'invalid start byte' };
  const cont = (k: number) => i + k < n && (b.charCodeAt(i + k) & 0xc0) === 0x80;
  if (vm.py2) {
    if (i + need > n) {
      let end = i + 1;
      for (let k = 1; k < n - i && cont(k); k++) end++;
      return { end, reason: 'unexpected end of data' };
    }
    const c1 = b.charCodeAt(i + 1);
    const ok = cont(1) && (need < 3 || cont(2)) && (need < 4 || cont(3)) && !(c0 === 0xe0 && c1 < 0xa0) && !(c0 === 0xf0 && c1 < 0x90) && !(c0 === 0xf4 && c1 > 0x8f);
    if (!ok) {
      let end = i + 1;
      if (need >= 3 && cont(1)) {
        end++;
        if (need === 4 && cont(2)) end++;
      }
      return { end, reason: 'invalid continuation byte' };
    }
  } else {
    for (let k = 1; k < need; k++) {
      if (i + k >= n) return { end: i + k, reason: 'unexpected end of data' };
      const c = b.charCodeAt(i + k);
      let lo = 0x80;
      let hi = 0xbf;
      if (k === 1) {
        if (c0 === 0xe0) lo = 0xa0;
        else if (c0 === 0xed) hi = 0x9f;
        else if (c0 === 0xf0) lo = 0x90;
        else if (c0 === 0xf4) hi = 0x8f;
      }
      if (c < lo || c > hi) return { end: i + k, reason: 'invalid continuation byte' };
    }
  }
  let cp = c0 & (need === 2 ? 0x1f : need === 3 ? 0x0f : 0x07);
  for (let k = 1; k < need; k++) cp = (cp << 6) | (b.charCodeAt(i + k) & 0x3f);
  return { cp, len: need };
}

/** Decodes bytes (one char per byte) to text, with strict, ignore, replace (3.x also backslashreplace, surrogateescape). */
export function decodeBytes(vm: Vm, b: string, encoding: string, errors: string): string {
  const codec = codecOf(vm, encoding);
  if (codec === 'latin-1') return b;
  let out = '';
  const n = b.length;
  for (let i = 0; i < n; ) {
    let cp = -1;
    let end = i + 1;
    let reason = 'ordinal not in range(128)';
    if (codec === 'ascii') {
      const c = b.charCodeAt(i);
      if (c < 0x80) cp = c;
    } else {
      const r = utf8At(vm, b, i);
      if ('cp' in r) {
        cp = r.cp;
        end = i + r.len;
      } else {
        end = r.end;
        reason = r.reason;
      }
    }
    if (cp >= 0) {
      out += String.fromCodePoint(cp);
      i = end;
      continue;
    }
    switch (errors) {
      case 'strict': {
        const what = end === i + 1 ? `byte 0x${hex(b.charCodeAt(i), 2)} in position ${i}` : `bytes in position ${i}-${end - 1}`;
        return vm.raise('UnicodeDecodeError', `'${codecLabel(vm, codec)}' codec can't decode ${what}: ${reason}`);
      }
      case 'ignore': break;
      case 'replace': out += '\ufffd'; break;
      case 'backslashreplace':
        if (vm.py2) return unknownHandler(vm, errors);
        for (let k = i; k < end; k++) out += `\\x${hex(b.charCodeAt(k), 2)}`;
        break;
      case 'surrogateescape':
        if (vm.py2) return unknownHandler(vm, errors);
        for (let k = i; k < end; k++) out += String.fromCharCode(0xdc00 + b.charCodeAt(k));
        break;
      default: return unknownHandler(vm, errors);
    }
    i = end;
  }
  return out;
}

/** encode()'s and decode()'s (encoding, errors) from positional or keyword arguments. */
export function codecArgs(vm: Vm, name: string, base: number, argc: number, kw: KwArgs | null, defaultEncoding: string): [string, string] {
  if (argc > 2) vm.raise('TypeError', vm.py2 ? `${name}() takes at most 2 arguments (${argc} given)` : `${name}() takes at most 2 arguments (${argc} given)`);
  const got: (ObjId | undefined)[] = [argc > 0 ? vm.stack[base]! : undefined, argc > 1 ? vm.stack[base + 1]! : undefined];
  kw?.forEach((k, i) => {
    const at = k === 'encoding' ? 0 : k === 'errors' ? 1 : -1;
    if (at < 0) vm.raise('TypeError', vm.py2 ? `'${k}' is an invalid keyword argument for this function` : `${name}() got an unexpected keyword argument '${k}'`);
    got[at] = vm.stack[base + argc + i]!;
  });
  const text = (o: ObjId | undefined, what: string, dflt: string): string => {
    if (o === undefined) return dflt;
    if (!vm.isStrType(vm.heap.typeOf[o]!)) vm.raise('TypeError', vm.py2 ? `${name}() argument ${what === 'encoding' ? 1 : 2} must be string, not ${vm.typeNameOf(o)}` : `${name}() argument '${what}' must be str, not ${vm.typeNameOf(o)}`);
    return vm.data[o] as string;
  };
  return [text(got[0], 'encoding', defaultEncoding), text(got[1], 'errors', 'strict')];
}

// ---- constructors of the built-in types ----

function installConstructors(vm: Vm): void {
  const ctor = constructors(vm);
  ctor.set('object', (vm, _base, argc) => {
    if (argc > 0) vm.raise('TypeError', vm.py2 ? 'object() takes no parameters' : 'object() takes no arguments');
    return newInstance(vm, vm.classes.get('object')!);
  });
  ctor.set('int', (vm, base, argc, kw) => {
    arity(vm, 'int', argc, 0, 2, kw);
    if (argc === 0) return vm.newInt(0);
    return toInt(vm, vm.stack[base]!, argc > 1 ? intArg(vm, vm.stack[base + 1]!, 'base') : null, false);
  });
  ctor.set('long', (vm, base, argc, kw) => {
    arity(vm, 'long', argc, 0, 2, kw);
    if (argc === 0) return vm.newLong(0n);
    const i = toInt(vm, vm.stack[base]!, argc > 1 ? intArg(vm, vm.stack[base + 1]!, 'base') : null, true);
    const v = BigInt(vm.data[i] as number | bigint);
    vm.decref(i);
    return vm.newLong(v);
  });
  ctor.set('bool', (vm, base, argc, kw) => {
    arity(vm, 'bool', argc, 0, 1, kw);
    return vm.bool(argc > 0 && truthy(vm, vm.stack[base]!));
  });
  ctor.set('float', (vm, base, argc, kw) => {
    arity(vm, 'float', argc, 0, 1, kw);
    if (argc === 0) return vm.newFloat(0);
    const o = vm.stack[base]!;
    const t = vm.heap.typeOf[o]!;
    if (t === vm.t.float) {
      vm.incref(o);
      return o;
    }
    const n = numberOf(vm, o);
    if (n !== undefined) return vm.newFloat(intToFloat(vm, n));
    if (vm.isStrType(t) || t === vm.t.bytes) {
      const s = (vm.data[o] as string).trim().toLowerCase();
      const special: Record<string, number> = { inf: Infinity, '+inf': Infinity, '-inf': -Infinity, infinity: Infinity, '-infinity': -Infinity, nan: NaN, '+nan': NaN, '-nan': NaN };
      if (s in special) return vm.newFloat(special[s]!);
      if (/^[+-]?(\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(e[+-]?\d+)?$/.test(s)) return vm.newFloat(Number(s.replace(/_/g, '')));
      return vm.raise('ValueError', vm.py2 ? (vm.version.minor >= 7 ? `could not convert string to float: ${vm.data[o] as string}` : `invalid literal for float(): ${vm.data[o] as string}`) : `could not convert string to float: ${reprOf(vm, o)}`);
    }
    return vm.raise('TypeError', vm.py2 ? 'float() argument must be a string or a number' : `float() argument must be a string or a real number, not '${vm.typeNameOf(o)}'`);
  });
  const strCtor = (unicode: boolean): BuiltinCall => (vm, base, argc, kw) => {
    arity(vm, unicode ? 'unicode' : 'str', argc, 0, 3, kw);
    if (argc === 0) return unicode ? vm.newStr('', true) : vm.newNativeStr('');
    const o = vm.stack[base]!;
    if (vm.py2 && !unicode && argc > 1) vm.raise('TypeError', `str() takes at most 1 argument (${argc} given)`);
    if (argc > 1) {
      // str(b, encoding[, errors]) (3.x), unicode(s, encoding[, errors]) (2.x): a decode.
      const [encoding, errors] = codecArgs(vm, unicode ? 'unicode' : 'str', base + 1, argc - 1, kw, vm.py2 ? 'ascii' : 'utf-8');
      const t = vm.heap.typeOf[o]!;
      if (t === vm.t.bytearray) return vm.newStr(decodeBytes(vm, charsOfBytes(vm.data[o] as number[]), encoding, errors), true);
      if (t !== vm.t.bytes && !(vm.py2 && t === vm.t.str)) {
        return vm.raise('TypeError', vm.py2 ? (t === vm.t.unicode ? 'decoding Unicode is not supported' : `coercing to Unicode: need string or buffer, ${vm.typeNameOf(o)} found`) : t === vm.t.str ? 'decoding str is not supported' : `decoding to str: need a bytes-like object, ${vm.typeNameOf(o)} found`);
      }
      return vm.newStr(decodeBytes(vm, vm.data[o] as string, encoding, errors), true);
    }
    // unicode(s) of a 2.x str decodes it with the default codec (ascii).
    if (unicode && vm.heap.typeOf[o] === vm.t.str) return vm.newStr(decodeBytes(vm, vm.data[o] as string, 'ascii', 'strict'), true);
    const s = strOf(vm, o);
    return unicode ? vm.newStr(s, true) : vm.newNativeStr(s);
  };
  ctor.set('str', strCtor(false));
  if (vm.py2) ctor.set('unicode', strCtor(true));
  else {
    ctor.set('bytes', (vm, base, argc, kw) => {
      arity(vm, 'bytes', argc, 0, 3, kw);
      if (argc === 0) return vm.newBytes('');
      const o = vm.stack[base]!;
      const t = vm.heap.typeOf[o]!;
      if (isIntType(vm, t)) {
        const n = intArg(vm, o, 'count');
        if (n < 0) vm.raise('ValueError', 'negative count');
        if (n > vm.memory.pool.poolBytes) vm.raiseMemoryError();
        return vm.newBytes('\0'.repeat(n));
      }
      if (t === vm.t.str) {
        if (argc < 2) vm.raise('TypeError', 'string argument without an encoding');
        const [encoding, errors] = codecArgs(vm, 'bytes', base + 1, argc - 1, kw, 'utf-8');
        return vm.newBytes(encodeText(vm, vm.data[o] as string, encoding, errors));
      }
      const items = iterateToArray(vm, o);
      try {
        return vm.newBytes(charsOfBytes(items.map((i) => intArg(vm, i, 'bytes item'))));
      } finally {
        for (const i of items) vm.decref(i);
      }
    });
  }
  ctor.set('bytearray', (vm, base, argc, kw) => {
    arity(vm, 'bytearray', argc, 0, 3, kw);
    if (argc === 0) return newByteArray(vm, []);
    const o = vm.stack[base]!;
    const t = vm.heap.typeOf[o]!;
    if (isIntType(vm, t)) {
      const n = intArg(vm, o, 'count');
      if (n < 0) vm.raise('ValueError', 'negative count');
      if (n > vm.memory.pool.poolBytes) vm.raiseMemoryError();
      return newByteArray(vm, new Array<number>(n).fill(0));
    }
    if (vm.isStrType(t) || t === vm.t.bytes) return newByteArray(vm, [...(vm.data[o] as string)].map((c) => c.charCodeAt(0) & 0xff));
    const items = iterateToArray(vm, o);
    try {
      return newByteArray(vm, items.map((i) => intArg(vm, i, 'bytearray item')));
    } finally {
      for (const i of items) vm.decref(i);
    }
  });
  ctor.set('list', (vm, base, argc, kw) => {
    arity(vm, 'list', argc, 0, 1, kw);
    if (argc === 0) return vm.newList();
    const items = iterateToArray(vm, vm.stack[base]!);
    try {
      return listFrom(vm, items);
    } finally {
      for (const i of items) vm.decref(i);
    }
  });
  ctor.set('tuple', (vm, base, argc, kw) => {
    arity(vm, 'tuple', argc, 0, 1, kw);
    if (argc === 0) return vm.newTupleOwned([]);
    const o = vm.stack[base]!;
    if (vm.heap.typeOf[o] === vm.t.tuple) {
      vm.incref(o);
      return o;
    }
    return vm.newTupleOwned(iterateToArray(vm, o));
  });
  const setCtor = (frozen: boolean): BuiltinCall => (vm, base, argc, kw) => {
    arity(vm, frozen ? 'frozenset' : 'set', argc, 0, 1, kw);
    return argc === 0 ? newSet(vm, frozen) : setOf(vm, vm.stack[base]!, frozen);
  };
  ctor.set('set', setCtor(false));
  ctor.set('frozenset', setCtor(true));
  ctor.set('dict', (vm, base, argc, kw) => {
    if (argc > 1) vm.raise('TypeError', `dict expected at most 1 argument${vm.py2 ? 's' : ''}, got ${argc}`);
    const d = newDict(vm);
    vm.push(d);
    try {
      if (argc === 1) dictUpdate(vm, d, vm.stack[base]!);
      if (kw) {
        kw.forEach((name, i) => {
          const k = vm.newNativeStr(name);
          dictSet(vm, d, k, vm.stack[base + argc + i]!);
          vm.decref(k);
        });
      }
    } catch (e) {
      vm.sp--;
      vm.decref(d);
      throw e;
    }
    vm.sp--;
    return d;
  });
  ctor.set('type', (vm, base, argc, kw) => {
    arity(vm, 'type', argc, 1, 1, kw);
    const o = vm.stack[base]!;
    const t = vm.heap.typeOf[o]!;
    // Python 2: a classic instance's type is `instance`, a classic class's is `classobj`.
    let cls = vm.classOf(o);
    if (t === vm.t['classic-instance']) cls = vm.classes.get('instance')!;
    else if (t === vm.t.iterator) cls = iteratorClass(vm, vm.typeNameOf(o));
    else if (t === vm.t.class && vm.classInfo(o).classic) cls = vm.classes.get('classobj')!;
    vm.incref(cls);
    return cls;
  });
  ctor.set('NoneType', (vm) => vm.none());
}

/** The class of an iterator kind (map, zip, list_iterator...), made on first use. */
function iteratorClass(vm: Vm, name: string): ObjId {
  const key = `<iterator ${name}>`;
  let cls = vm.classes.get(key);
  if (cls === undefined) {
    const ns = newDict(vm);
    cls = makeClass(vm, name, vm.classes.get('object')!, ns, { builtin: name, module: 'builtins' });
    vm.decref(ns);
    vm.heap.refcnt[cls] = 1 << 29;
    vm.heap.markStatic(cls); // a static type, as at boot
    vm.classes.set(key, cls);
  }
  return cls;
}

/** dict.update / dict(mapping or pairs). */
export function dictUpdate(vm: Vm, d: ObjId, src: ObjId): void {
  if (vm.heap.typeOf[src] === vm.t.dict) {
    presizeForMerge(vm, d, dictSize(vm, src), 2); // PyDict_Merge resizes once up front
    const e = dictEntries(vm, src);
    for (let i = 0; i < e.length; i += 2) dictSet(vm, d, e[i]!, e[i + 1]!);
    return;
  }
  const pairs = iterateToArray(vm, src);
  try {
    pairs.forEach((p, n) => {
      const pt = vm.heap.typeOf[p]!;
      if (pt === vm.t.int || pt === vm.t.long || pt === vm.t.float || p === vm.None) {
        vm.raise('TypeError', `cannot convert dictionary update sequence element #${n} to a sequence`);
      }
      const kv = iterateToArray(vm, p);
      try {
        if (kv.length !== 2) vm.raise('ValueError', `dictionary update sequence element #${n} has length ${kv.length}; 2 is required`);
        dictSet(vm, d, kv[0]!, kv[1]!);
      } finally {
        for (const x of kv) vm.decref(x);
      }
    });
  } finally {
    for (const p of pairs) vm.decref(p);
  }
}

function toInt(vm: Vm, o: ObjId, radix: number | null, long: boolean): ObjId {
  const t = vm.heap.typeOf[o]!;
  if (radix === null) {
    if (isIntType(vm, t)) {
      if (o === vm.True || o === vm.False) return vm.newInt(o === vm.True ? 1 : 0);
      if (t === vm.t.long && !long) return vm.newBigInt(BigInt(vm.data[o] as number | bigint));
      vm.incref(o);
      return o;
    }
    if (t === vm.t.float) {
      const f = vm.data[o] as number;
      if (!Number.isFinite(f)) vm.raise(Number.isNaN(f) ? 'ValueError' : 'OverflowError', Number.isNaN(f) ? 'cannot convert float NaN to integer' : 'cannot convert float infinity to integer');
      const tr = Math.trunc(f);
      return Number.isSafeInteger(tr) ? vm.newInt(tr) : vm.newBigInt(BigInt(tr));
    }
  }
  if (vm.isStrType(t) || t === vm.t.bytes) {
    const raw = vm.data[o] as string;
    let s = raw.trim().replace(/_/g, '');
    if (vm.py2 && (s.endsWith('l') || s.endsWith('L')) && long) s = s.slice(0, -1);
    let r = radix ?? 10;
    let neg = false;
    if (s.startsWith('-') || s.startsWith('+')) {
      neg = s[0] === '-';
      s = s.slice(1);
    }
    const prefixes: Record<string, number> = { '0x': 16, '0o': 8, '0b': 2 };
    const p = s.slice(0, 2).toLowerCase();
    if ((r === 0 || prefixes[p] === r) && p in prefixes) {
      r = prefixes[p]!;
      s = s.slice(2);
    } else if (r === 0) r = 10;
    const digits = '0123456789abcdefghijklmnopqrstuvwxyz'.slice(0, r);
    if (s.length === 0 || ![...s.toLowerCase()].every((c) => digits.includes(c))) {
      return vm.raise('ValueError', `invalid literal for ${long ? 'long' : 'int'}() with base ${radix ?? 10}: ${reprOf(vm, o)}`);
    }
    const limit = maxStrDigits(vm);
    if (r === 10 && limit > 0 && s.length > limit) {
      return vm.raise('ValueError', `Exceeds the limit (${limit} digits) for integer string conversion: value has ${s.length} digits; use sys.set_int_max_str_digits() to increase the limit`);
    }
    // The host's own parser for the usual radices (a digit-by-digit loop is quadratic in JS).
    const prefix = r === 16 ? '0x' : r === 8 ? '0o' : r === 2 ? '0b' : r === 10 ? '' : null;
    let v = 0n;
    if (prefix !== null) v = BigInt(prefix + s);
    else for (const c of s.toLowerCase()) v = v * BigInt(r) + BigInt(digits.indexOf(c));
    return vm.newBigInt(neg ? -v : v);
  }
  return vm.raise('TypeError', vm.py2 ? 'int() argument must be a string or a number, not \'' + vm.typeNameOf(o) + "'" : `int() argument must be a string, a bytes-like object or a real number, not '${vm.typeNameOf(o)}'`);
}

export { addressOf, equals, intern, instanceSet, DeviceStop };

// str() and repr() of device objects, and the `%` operator on strings, in the wording
// of the profile's Python version (text-format.ts holds the version-exact number and
// string conversions).

import { NULL_REF, type ObjId } from '../../memory/index.js';
import { dictEntries } from './dicts.js';
import { callObject, instanceGet, lookupClassAttr } from './objects.js';
import { getItem, viewRepr } from './sequences.js';
import { extraTypes } from './extra-types.js';
import { FormatError, floatRepr, floatStr, floatToIntegerForPercent, percentFormat, strRepr, type Dialect, type PercentHost, charsOfBytes } from './text-format.js';
import type { BuiltinInfo, ClassInfo, FunctionInfo, ModuleInfo, Vm } from './vm.js';

export function dialectOf(vm: Vm): Dialect {
  if (!vm.py2) return 'py3';
  return vm.version.minor >= 7 ? 'py27' : 'py24';
}

/** CPython's fake address of an object in reprs: its block in the pool. */
export function addressOf(vm: Vm, obj: ObjId): string {
  const a = vm.heap.address[obj]! >>> 0;
  const hex = a.toString(16);
  return vm.wordBytes === 8 ? `0x${hex.padStart(12, '0')}` : `0x${hex.padStart(8, '0')}`;
}

const MAX_DEPTH = 200;

export function reprOf(vm: Vm, obj: ObjId, depth = 0): string {
  const heap = vm.heap;
  const t = heap.typeOf[obj]!;
  const tt = vm.t;
  if (obj === vm.None) return 'None';
  if (obj === vm.True) return 'True';
  if (obj === vm.False) return 'False';
  if (t === tt.int) return decimalText(vm, vm.data[obj] as number | bigint);
  if (t === tt.long) return vm.py2 ? `${String(vm.data[obj])}L` : decimalText(vm, vm.data[obj] as number | bigint);
  if (t === tt.float) return floatRepr(vm.data[obj] as number, dialectOf(vm));
  const d = dialectOf(vm);
  if (t === tt.str) return strRepr(vm.data[obj] as string, { dialect: d, kind: vm.py2 ? 'bytes' : 'str' });
  if (t === tt.unicode) return strRepr(vm.data[obj] as string, { dialect: d, kind: 'unicode' });
  if (t === tt.bytes) return strRepr(vm.data[obj] as string, { dialect: d, kind: 'bytes' });
  if (depth > MAX_DEPTH) vm.raise(vm.py2 ? 'RuntimeError' : 'RecursionError', 'maximum recursion depth exceeded while getting the repr of an object');
  if (t === tt.list || t === tt.tuple) {
    if (reprActive.has(obj)) return t === tt.list ? '[...]' : '(...)';
    reprActive.add(obj);
    try {
      const parts = vm.items(obj).map((o) => reprOf(vm, o, depth + 1));
      if (t === tt.list) return `[${parts.join(', ')}]`;
      return parts.length === 1 ? `(${parts[0]},)` : `(${parts.join(', ')})`;
    } finally {
      reprActive.delete(obj);
    }
  }
  if (t === tt.dict) {
    if (reprActive.has(obj)) return '{...}';
    reprActive.add(obj);
    try {
      const e = dictEntries(vm, obj);
      const parts: string[] = [];
      for (let i = 0; i < e.length; i += 2) parts.push(`${reprOf(vm, e[i]!, depth + 1)}: ${reprOf(vm, e[i + 1]!, depth + 1)}`);
      return `{${parts.join(', ')}}`;
    } finally {
      reprActive.delete(obj);
    }
  }
  if (t === tt.set || t === tt.frozenset) {
    const parts = dictEntries(vm, obj, 1).map((o) => reprOf(vm, o, depth + 1));
    const name = t === tt.set ? 'set' : 'frozenset';
    if (parts.length === 0) return vm.py2 ? `${name}([])` : `${name}()`;
    if (vm.py2) return `${name}([${parts.join(', ')}])`;
    return t === tt.frozenset ? `frozenset({${parts.join(', ')}})` : `{${parts.join(', ')}}`;
  }
  if (t === tt.bytearray) {
    const s = charsOfBytes(vm.data[obj] as number[]);
    // 2.6+ and 3.x both write bytearray(b'...').
    const r = strRepr(s, { dialect: d, kind: 'bytes' });
    return `bytearray(${r.startsWith('b') ? r : `b${r}`})`;
  }
  if (t === tt.instance || t === tt['classic-instance']) {
    const user = userText(vm, obj, '__repr__');
    if (user !== null) return user;
    const info = vm.classInfo(vm.classOf(obj));
    if (info.isException) return exceptionRepr(vm, obj, info);
    if (t === tt['classic-instance']) return `<${info.module}.${info.name} instance at ${addressOf(vm, obj)}>`;
    return `<${info.module}.${info.name} object at ${addressOf(vm, obj)}>`;
  }
  if (t === tt.class) {
    const info = vm.data[obj] as ClassInfo;
    if (info.classic) return `<class ${info.module}.${info.name} at ${addressOf(vm, obj)}>`;
    const mod = info.builtin !== '' ? (vm.py2 && !info.isException ? '' : info.isException && vm.py2 ? 'exceptions.' : '') : `${info.module}.`;
    // 2.5+: built-in classes, exceptions included, are types; classes the script defines are classes.
    const builtinType = info.builtin !== '' && (!info.isException || vm.version.minor >= 5);
    return vm.py2 ? `<${builtinType ? 'type' : 'class'} '${mod}${info.name}'>` : `<class '${mod}${info.name}'>`;
  }
  if (t === tt.function) return `<function ${(vm.data[obj] as FunctionInfo).name} at ${addressOf(vm, obj)}>`;
  if (t === tt.method) {
    const func = vm.item(obj, 0);
    const self = vm.item(obj, 1);
    const ft = heap.typeOf[func]!;
    const fname = ft === tt.function ? (vm.data[func] as FunctionInfo).name : ft === tt['builtin-method'] ? (vm.data[func] as BuiltinInfo).name : '?';
    // 2.x names the class the method was found through (a classmethod's: the class's type);
    // 3.x the function's __qualname__.
    if (vm.py2) {
      const owner = heap.typeOf[self] === tt.class && (vm.data[self] as ClassInfo).classic ? 'classobj' : vm.classInfo(vm.classOf(self)).name;
      return `<bound method ${owner}.${fname} of ${reprOf(vm, self, depth + 1)}>`;
    }
    const qualname = ft === tt.function ? (vm.data[func] as FunctionInfo).code.qualname ?? fname : fname;
    return `<bound method ${qualname} of ${reprOf(vm, self, depth + 1)}>`;
  }
  if (t === tt['builtin-method']) {
    const info = vm.data[obj] as BuiltinInfo;
    if (info.self === NULL_REF) return `<built-in function ${info.name}>`;
    return `<built-in method ${info.name} of ${vm.typeNameOf(info.self)} object at ${addressOf(vm, info.self)}>`;
  }
  if (t === tt.module) return `<module '${(vm.data[obj] as ModuleInfo).name}' (built-in)>`;
  if (t === tt.range) {
    const r = vm.data[obj] as { start: number; stop: number; step: number; iter?: boolean };
    if (vm.py2) return r.step === 1 ? (r.start === 0 ? `xrange(${r.stop})` : `xrange(${r.start}, ${r.stop})`) : `xrange(${r.start}, ${r.stop}, ${r.step})`;
    return r.step === 1 ? `range(${r.start}, ${r.stop})` : `range(${r.start}, ${r.stop}, ${r.step})`;
  }
  if (t === tt.iterator) {
    // 3.x dict views: dict_keys(['a']), dict_values([1]), dict_items([('a', 1)]).
    const view = viewRepr(vm, obj);
    if (view !== null) return view;
  }
  const extra = extraTypes(vm);
  if (t === extra.getset) {
    const name = (vm.data[obj] as { getset?: string } | undefined)?.getset ?? '__dict__';
    return `<attribute '${name}' of '${vm.classInfo(vm.item(obj, 0)).name}' objects>`;
  }
  if (t === extra.slice) return `slice(${reprOf(vm, vm.item(obj, 0), depth + 1)}, ${reprOf(vm, vm.item(obj, 1), depth + 1)}, ${reprOf(vm, vm.item(obj, 2), depth + 1)})`;
  // 3.10+: <staticmethod(<function f at 0x...>)>; before, the generic <staticmethod object at 0x...>.
  if ((t === extra.staticmethod || t === extra.classmethod) && !vm.py2 && vm.version.minor >= 10) {
    return `<${t === extra.staticmethod ? 'staticmethod' : 'classmethod'}(${reprOf(vm, vm.item(obj, 0), depth + 1)})>`;
  }
  return `<${vm.typeNameOf(obj)} object at ${addressOf(vm, obj)}>`;
}

const reprActive = new Set<ObjId>();

/** 3.11+: int <-> decimal str conversions are limited to 4300 digits (sys.int_info.default_max_str_digits). */
export function maxStrDigits(vm: Vm): number {
  return !vm.py2 && vm.version.minor >= 11 ? 4300 : 0;
}

const LIMIT_TEXT = (limit: number) => `Exceeds the limit (${limit} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit`;

/** Raises CPython's ValueError when an int is beyond the decimal-digit limit (checked by size first, as CPython does). */
export function checkStrDigits(vm: Vm, v: number | bigint, error: (message: string) => Error = (m) => vm.raise('ValueError', m) as never): void {
  const limit = maxStrDigits(vm);
  if (limit === 0 || typeof v === 'number') return;
  const a = v < 0n ? -v : v;
  // More than limit * log2(10) bits: too many digits without converting.
  const bits = a.toString(16).length * 4;
  if (bits - 4 > limit * 3.3219280948873626) throw error(LIMIT_TEXT(limit));
  if (bits > (limit - 1) * 3.3219280948873626 && a.toString().length > limit) throw error(LIMIT_TEXT(limit));
}

/** str()/repr() of an int, within the 3.11+ digit limit. */
export function decimalText(vm: Vm, v: number | bigint): string {
  if (typeof v === 'bigint') checkStrDigits(vm, v);
  return String(v);
}

function exceptionRepr(vm: Vm, obj: ObjId, info: ClassInfo): string {
  const args = exceptionArgs(vm, obj);
  const parts = args.map((a) => reprOf(vm, a, 1));
  if (vm.py2 || vm.version.minor < 7) return `${info.name}(${parts.join(', ')}${parts.length === 1 && vm.py2 ? ',' : ''})`;
  return `${info.name}(${parts.join(', ')})`;
}

/** The `args` of an exception instance (borrowed). */
export function exceptionArgs(vm: Vm, exc: ObjId): ObjId[] {
  const args = lookupInstanceArgs(vm, exc);
  return args === NULL_REF ? [] : vm.items(args);
}

function lookupInstanceArgs(vm: Vm, exc: ObjId): ObjId {
  return instanceGet(vm, exc, 'args');
}

/** __str__ / __repr__ defined by the script's class, or null. */
function userText(vm: Vm, obj: ObjId, name: '__str__' | '__repr__'): string | null {
  const cls = vm.classOf(obj);
  const m = lookupClassAttr(vm, cls, name);
  if (m === NULL_REF || vm.heap.typeOf[m] !== vm.t.function) return null;
  const base = vm.sp;
  vm.incref(obj);
  vm.push(obj);
  let r: ObjId;
  try {
    r = callObject(vm, m, base, 1, null);
  } finally {
    vm.unwindTo(base);
  }
  const rt = vm.heap.typeOf[r]!;
  if (!(vm.isStrType(rt) || rt === vm.t.str)) {
    vm.decref(r);
    return vm.raise('TypeError', `${name} returned non-string (type ${vm.typeNameOf(r)})`);
  }
  const s = vm.data[r] as string;
  vm.decref(r);
  return s;
}

export function strOf(vm: Vm, obj: ObjId): string {
  const t = vm.heap.typeOf[obj]!;
  const tt = vm.t;
  if (t === tt.str || t === tt.unicode || (vm.py2 && t === tt.bytes)) return vm.data[obj] as string;
  // Python 2: str() of a classic class is its dotted name (repr adds '<class ... at 0x...>').
  if (vm.py2 && t === tt.class && (vm.data[obj] as ClassInfo).classic) {
    const info = vm.data[obj] as ClassInfo;
    return `${info.module}.${info.name}`;
  }
  // Python 2: str(bytearray) is its bytes.
  if (vm.py2 && t === tt.bytearray) return charsOfBytes(vm.data[obj] as number[]);
  if (t === tt.float) return floatStr(vm.data[obj] as number, dialectOf(vm));
  if (t === tt.long) return decimalText(vm, vm.data[obj] as number | bigint);
  if (t === tt.instance || t === tt['classic-instance']) {
    const user = userText(vm, obj, '__str__');
    if (user !== null) return user;
    const info = vm.classInfo(vm.classOf(obj));
    if (info.isException) {
      const args = exceptionArgs(vm, obj);
      if (args.length === 0) return '';
      if (args.length === 1) {
        // KeyError.__str__ shows the key's repr (so that KeyError('') is visible).
        if (vm.classInfo(vm.classOf(obj)).mro.includes(vm.classes.get('KeyError')!)) return reprOf(vm, args[0]!);
        return strOf(vm, args[0]!);
      }
      // EnvironmentError (IOError, OSError) made with (errno, strerror[, filename]).
      if ((args.length === 2 || args.length === 3) && info.mro.includes(vm.classes.get('EnvironmentError')!)) {
        const head = `[Errno ${strOf(vm, args[0]!)}] ${strOf(vm, args[1]!)}`;
        return args.length === 3 ? `${head}: ${reprOf(vm, args[2]!)}` : head;
      }
      return reprOf(vm, lookupInstanceArgs(vm, obj));
    }
  }
  return reprOf(vm, obj);
}

/** `format % args` for str, unicode and bytes. */
export function percent(vm: Vm, format: ObjId, args: ObjId): ObjId {
  // Python 2: a %s of a unicode argument makes the whole result unicode (PyString_Format);
  // %r of one does not (repr gives a str).
  let unicodeArg = false;
  const host: PercentHost<ObjId> = {
    tupleItems: (v) => (vm.heap.typeOf[v] === vm.t.tuple ? vm.items(v) : null),
    // CPython takes anything with __getitem__ that is not a tuple or string as a mapping here.
    isMapping: (v) => vm.heap.typeOf[v] === vm.t.dict || vm.heap.typeOf[v] === vm.t.list,
    getItem: (m, key) => {
      const k = vm.newNativeStr(key);
      try {
        // Borrowed for the rest of the format: the mapping keeps the value alive.
        const v = getItem(vm, m, k);
        vm.decref(v);
        return v;
      } finally {
        vm.decref(k);
      }
    },
    str: (v) => {
      if (vm.heap.typeOf[v] === vm.t.unicode) unicodeArg = true;
      return strOf(vm, v);
    },
    repr: (v) => reprOf(vm, v),
    toInteger: (v, conversion) => {
      const t = vm.heap.typeOf[v]!;
      if (t === vm.t.int || t === vm.t.long) {
        if ('diu'.includes(conversion)) checkStrDigits(vm, vm.data[v] as number | bigint, (m) => new FormatError('ValueError', m));
        return BigInt(vm.data[v] as number | bigint);
      }
      if (t === vm.t.float) {
        // CPython: d i u truncate floats; o x X do too in 2.x only; c and '*' never.
        if (conversion === 'c' || conversion === '*') return null;
        if ('oxX'.includes(conversion) && !vm.py2) return null;
        return floatToIntegerForPercent(vm.data[v] as number, dialectOf(vm));
      }
      return null;
    },
    toFloat: (v) => {
      const t = vm.heap.typeOf[v]!;
      if (t === vm.t.int || t === vm.t.long || t === vm.t.float) {
        const x = vm.data[v] as number | bigint;
        const f = Number(x);
        if (!Number.isFinite(f) && typeof x === 'bigint') {
          if (vm.py2) return null;
          throw new FormatError('OverflowError', 'int too large to convert to float');
        }
        return f;
      }
      return null;
    },
    isLong: (v) => vm.heap.typeOf[v] === vm.t.long,
    typeName: (v) => vm.typeNameOf(v),
    charOf: (v) => {
      const t = vm.heap.typeOf[v]!;
      if (vm.isStrType(t) || t === vm.t.bytes) {
        const s = vm.data[v] as string;
        return s.length === 1 ? s : null;
      }
      return null;
    },
  };
  let text: string;
  try {
    text = percentFormat(vm.data[format] as string, args, host, dialectOf(vm));
  } catch (e) {
    if (e instanceof FormatError) vm.raise(e.pyType, e.message);
    throw e;
  }
  const t = vm.heap.typeOf[format]!;
  if (t === vm.t.bytes || (vm.py2 && t === vm.t.str)) {
    // Python 2: a unicode argument makes the result unicode.
    if (vm.py2 && unicodeArg) return vm.newStr(text, true);
    return vm.newBytes(text);
  }
  return vm.newStr(text, true);
}


export type { ClassInfo };

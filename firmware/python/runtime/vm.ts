// The device's Python runtime: every Python value is an object of the memory manager's
// heap (an ObjId), with its references as heap edges so that reference counting and the
// cyclic collector see exactly what the script holds. What the heap does not model (an
// int's value, a string's characters, a dict's index) lives in `data`, indexed by ObjId.
//
// Ownership: a function that returns an ObjId returns a new reference, which the caller
// must release (`decref`) or store. Arguments are borrowed unless a name says otherwise.

import { MEMORY_ERROR, NULL_REF, type Memory, type ObjId } from '../../memory/index.js';
import type { DictTable } from './dict-table.js';
import { DeviceStop, PyException } from './errors.js';
import type { CodeObject, Frame } from './frame.js';
import { bytesToText } from './output.js';

/** What the runtime needs from the device around it (the host injects it: firmware/python never imports firmware/device). */
export interface PythonHost {
  /**
   * The script's standard output (print), as text. Python 2 writes bytes: they arrive decoded
   * as UTF-8, any byte outside a valid sequence as a lone surrogate U+DC80-U+DCFF; a host that
   * must write CPython's exact bytes encodes with encodeOutput() (runtime/output.ts).
   */
  write(text: string): void;
  /** Standard error (tracebacks, gc DEBUG_STATS lines), as write(). */
  writeError(text: string): void;
  /** Virtual seconds since boot. */
  now(): number;
  /** `time.sleep`: advances virtual time. */
  sleep(seconds: number): void;
  /** A seeded uniform random number in [0, 1). */
  random(): number;
}

/** The Python language version a profile runs: it decides syntax, semantics and the gc API. */
export interface PythonVersion {
  major: 2 | 3;
  minor: number;
}

export interface ClassInfo {
  name: string;
  /** The single base class, or NULL_REF for a root (object, or a 2.x classic class without base). */
  base: ObjId;
  /** The class namespace (a dict object). */
  dict: ObjId;
  /** This class first, then its bases up to the root: attribute lookup order. */
  mro: ObjId[];
  /** Built-in type name ('int', 'list', 'Exception', ...) or '' for classes the script defined. */
  builtin: string;
  /** Python 2 old-style (classic) class. */
  classic: boolean;
  isException: boolean;
  /** The class (or a base) defines __del__. */
  hasDel: boolean;
  /** 3.11+ inline instance values: attribute name → value slot (CPython's shared keys). */
  sharedKeys: Map<string, number> | null;
  module: string;
}

export interface FunctionInfo {
  code: CodeObject;
  /** The module's globals dict (also edge 0 of the function object). */
  globals: ObjId;
  globalsTable: DictTable;
  defaults: ObjId[];
  /** Cells of the enclosing scopes this function reads (also edges of the function object). */
  closure: ObjId[];
  name: string;
}

/** A built-in function. Arguments are borrowed from vm.stack[base .. base + argc). */
export type BuiltinCall = (vm: Vm, base: number, argc: number, kwargs: KwArgs | null, self: ObjId) => ObjId;

export interface BuiltinInfo {
  name: string;
  call: BuiltinCall;
  /** A bound built-in method's object (NULL_REF when unbound). */
  self: ObjId;
  /** A method of a class namespace: called unbound, its first argument is `self`. */
  isMethod?: boolean;
  /** It may suspend the running app (time.sleep): a suspending caller lets it (runtime/suspend.ts). */
  suspends?: boolean;
}

export interface ModuleInfo {
  name: string;
  dict: ObjId;
  table: DictTable;
}

/** Keyword arguments of a call: names, and their values on vm.stack after the positional ones. */
export type KwArgs = string[];

export type HeapTypeName =
  | 'int' | 'long' | 'float' | 'str' | 'unicode' | 'bytes' | 'bytearray' | 'tuple' | 'list' | 'dict' | 'set' | 'frozenset'
  | 'instance' | 'classic-instance' | 'class' | 'function' | 'method' | 'builtin-method' | 'cell' | 'frame' | 'module'
  | 'code' | 'object' | 'iterator' | 'static' | 'range' | 'none' | 'traceback';

export class Vm {
  readonly memory: Memory;
  readonly host: PythonHost;
  readonly version: PythonVersion;
  readonly py2: boolean;
  private readonly gcState: Memory['state'];
  private readonly intTypeId: number;
  private readonly smallIntBytes: number;
  /** 3.x ints take the heap's atom path; 2.x ints come from their slab blocks. */
  private readonly intIsAtom: boolean;
  /** Bumped whenever a class's namespace changes: invalidates the compiled code's attribute caches. */
  classEpoch = 0;
  readonly wordBytes: 4 | 8;
  /** Largest Python 2 `int` held as a JS number: a C long, or 2^53 - 1 on 64-bit hosts. */
  readonly maxShortInt: number;
  /** Largest Python 2 `int` (a C long: 2^31 - 1 on the devices, 2^63 - 1 on 64-bit hosts). */
  readonly maxShortBig: bigint;
  /** Values the heap does not model, by ObjId. */
  readonly data: unknown[] = [];
  /** The value stack: temporaries and call arguments (each entry owns a reference). */
  stack: ObjId[] = [];
  sp = 0;
  /** Heap type ids of the runtime's kinds of object. */
  readonly t: Record<HeapTypeName, number>;

  // Singletons (immortal: their counts start high and are never released).
  readonly None: ObjId;
  readonly True: ObjId;
  readonly False: ObjId;
  readonly emptyTuple: ObjId;
  private readonly smallInts: ObjId[] = [];
  /** Preallocated MemoryError instance raised when the pool is full (CPython keeps one too). */
  memoryErrorInstance: ObjId = NULL_REF;

  /** Built-in classes by name (object, int, list, Exception, ValueError...). */
  readonly classes = new Map<string, ObjId>();
  /** Built-in functions and constants by name. */
  readonly builtins = new Map<string, ObjId>();
  /** Imported device modules by name. */
  readonly modules = new Map<string, ObjId>();
  /** Factories of the importable modules. */
  readonly moduleFactories = new Map<string, (vm: Vm) => ObjId>();

  /** Python call depth, and its limit (sys.getrecursionlimit). */
  depth = 0;
  recursionLimit = 1000;
  /** The most sys.setrecursionlimit may ask for: what the host's stack can carry. */
  maxRecursionLimit = 1000;
  /** Instruction budget (loop iterations and calls) before `onFuelExhausted` is asked. */
  fuel = 1_000_000;
  onFuelExhausted: () => void = () => {
    throw new DeviceStop('fuel', 'the script ran past its instruction budget');
  };
  /** Executed loop iterations and calls (work done, for the device's cost model). */
  ticks = 0;
  /** The frame running now (for tracebacks and sys._getframe-like needs). */
  frame: Frame | null = null;
  /** Exceptions being handled (innermost last): what a bare `raise` re-raises. */
  handling: ObjId[] = [];
  /**
   * The frame of a suspending call (runtime/suspend.ts) into a builtin that may suspend: while
   * it is the running frame, `sleep` asks the app's task to suspend instead of blocking.
   */
  suspendFrame: Frame | null = null;
  /** Seconds a suspending call asked to sleep (-1: none); its caller yields them to the task. */
  pendingSleepS = -1;
  /** sys.argv of the script being run. */
  argv: string[] = [];
  /** Print's softspace (Python 2 `print x,`). */
  softspace = false;

  constructor(memory: Memory, host: PythonHost, version: PythonVersion) {
    this.memory = memory;
    this.host = host;
    this.version = version;
    this.py2 = version.major === 2;
    this.wordBytes = memory.layout.wordBytes as 4 | 8;
    this.maxShortInt = this.wordBytes === 4 ? 0x7fffffff : Number.MAX_SAFE_INTEGER;
    this.maxShortBig = this.wordBytes === 4 ? 0x7fffffffn : 0x7fffffffffffffffn;
    this.gcState = memory.state;
    // `data` stays a dense array as long as the heap's slots: a sparse one would fall into
    // V8's dictionary mode and make every value access a hash lookup.
    const data = this.data;
    const grow = (capacity: number) => {
      while (data.length < capacity) data.push(undefined);
    };
    grow(memory.heap.capacityOfSlots);
    memory.heap.onGrow = grow;
    this.intTypeId = memory.types.int;
    this.smallIntBytes = memory.sizes.int.basic;
    this.intIsAtom = memory.heap.isAtomType(memory.types.int, this.smallIntBytes);
    const heap = memory.heap;
    const std = memory.types;
    const extra = (name: string, gc: boolean) => heap.registerType({ name, gc });
    this.t = {
      ...std,
      iterator: extra('iterator', true),
      static: extra('static', false),
      range: extra('range', false),
      none: extra('NoneType', false),
      traceback: extra('traceback', true),
    };
    this.None = this.allocStatic(this.t.none, 8);
    this.False = this.allocStatic(this.t.int, memory.sizes.int.basic, 0);
    this.True = this.allocStatic(this.t.int, memory.sizes.int.basic, 1);
    for (let v = -5; v <= 256; v++) this.smallInts.push(this.allocStatic(this.t.int, memory.sizes.int.basic, v));
    this.emptyTuple = this.allocStatic(this.t.tuple, memory.sizes.tuple.basic);
  }

  get heap() {
    return this.memory.heap;
  }

  // ---- allocation ----

  /** An object that lives as long as the device: booted once, never released. */
  allocStatic(typeId: number, bytes: number, value?: unknown): ObjId {
    const obj = this.memory.heap.alloc(typeId, bytes);
    if (obj === MEMORY_ERROR) throw new DeviceStop('reset', 'the pool is too small for the Python runtime to boot');
    this.memory.heap.refcnt[obj] = 1 << 29;
    this.data[obj] = value;
    return obj;
  }

  /** Allocates or raises MemoryError. */
  alloc(typeId: number, bytes: number, variant = 0): ObjId {
    const obj = this.memory.heap.alloc(typeId, bytes, variant);
    if (obj === MEMORY_ERROR) this.raiseMemoryError();
    return obj;
  }

  raiseMemoryError(): never {
    const exc = this.memoryErrorInstance;
    if (exc === NULL_REF) throw new DeviceStop('reset', 'MemoryError while booting the Python runtime');
    this.incref(exc);
    throw new PyException(exc);
  }

  incref(obj: ObjId): void {
    this.memory.heap.refcnt[obj]!++;
  }

  decref(obj: ObjId): void {
    this.memory.heap.decref(obj);
  }

  /** Releases the value-stack entries above `sp` (exception unwinding). */
  unwindTo(sp: number): void {
    while (this.sp > sp) {
      const obj = this.stack[--this.sp]!;
      if (obj > 0) this.memory.heap.decref(obj);
    }
  }

  push(obj: ObjId): void {
    this.stack[this.sp++] = obj;
  }

  // ---- output ----

  /** Writes to the script's stdout: a Python 2 str's bytes (`bytes`) or text (see output.ts). */
  writeOut(text: string, bytes: boolean): void {
    this.host.write(bytes ? bytesToText(text) : text);
  }

  /** Writes to the script's stderr, as writeOut. */
  writeErr(text: string, bytes: boolean): void {
    this.host.writeError(bytes ? bytesToText(text) : text);
  }

  /** Whether an object's text is bytes when written: any Python 2 string but unicode. */
  writesBytes(obj: ObjId): boolean {
    return this.py2 && this.memory.heap.typeOf[obj] !== this.t.unicode;
  }

  // ---- numbers ----

  newInt(v: number): ObjId {
    if ((v | 0) === v) {
      if (v >= -5 && v <= 256) {
        const o = this.smallInts[v + 5]!;
        this.memory.heap.refcnt[o]!++;
        return o;
      }
      // The common case: one digit (3.x) or a C long (2.x on 32 bits).
      if (v > -0x40000000 && v < 0x40000000) {
        const o = this.intIsAtom ? this.memory.heap.allocAtom(this.intTypeId, this.smallIntBytes) : this.memory.heap.alloc(this.intTypeId, this.smallIntBytes);
        if (o < 0) this.raiseMemoryError();
        this.data[o] = v;
        return o;
      }
    }
    if (!Number.isSafeInteger(v)) return this.newBigInt(BigInt(v));
    if (this.py2) {
      if (v > this.maxShortInt || v < -this.maxShortInt - 1) return this.newLong(BigInt(v));
      const o = this.alloc(this.t.int, this.memory.sizes.int.basic);
      this.data[o] = v;
      return o;
    }
    const o = this.alloc(this.t.int, this.intBytes(Math.abs(v)));
    this.data[o] = v;
    return o;
  }

  /** An int from a bigint: a number when it is safe, a Python 2 long beyond a C long. */
  newBigInt(v: bigint): ObjId {
    if (v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER)) {
      const n = Number(v);
      if (!this.py2 || (n <= this.maxShortInt && n >= -this.maxShortInt - 1)) return this.newInt(n);
    }
    if (this.py2) {
      // A C long beyond 2^53 (64-bit hosts): still an int, its value kept as a bigint.
      if (v <= this.maxShortBig && v >= -this.maxShortBig - 1n) {
        const o = this.alloc(this.t.int, this.memory.sizes.int.basic);
        this.data[o] = v;
        return o;
      }
      return this.newLong(v);
    }
    const o = this.alloc(this.t.int, this.bigIntBytes(v));
    this.data[o] = v;
    return o;
  }

  /** A Python 2 `long` (also small values written with the L suffix). */
  newLong(v: bigint): ObjId {
    const digits = Math.max(1, Math.ceil(bitLength(v) / 15));
    const size = this.memory.sizes.long;
    const o = this.alloc(this.t.long, size.basic + (size.perItem ?? 2) * (digits - 1));
    this.data[o] = v;
    return o;
  }

  private intBytes(abs: number): number {
    const size = this.memory.sizes.int;
    const digits = abs < 0x40000000 ? 1 : abs < 2 ** 60 ? 2 : 2 + Math.ceil((Math.log2(abs) - 60) / 30);
    return size.basic + (size.perItem ?? 4) * (digits - 1);
  }

  private bigIntBytes(v: bigint): number {
    const size = this.memory.sizes.int;
    const digits = Math.max(1, Math.ceil(bitLength(v) / 30));
    return size.basic + (size.perItem ?? 4) * (digits - 1);
  }

  newFloat(v: number): ObjId {
    const o = this.alloc(this.t.float, this.memory.sizes.float.basic);
    this.data[o] = v;
    return o;
  }

  bool(b: boolean): ObjId {
    const o = b ? this.True : this.False;
    this.memory.heap.refcnt[o]!++;
    return o;
  }

  none(): ObjId {
    this.memory.heap.refcnt[this.None]!++;
    return this.None;
  }

  // ---- strings ----

  /** A text string: Python 3 str, Python 2 str when `py2Unicode` is false (bytes), unicode when true. */
  newStr(s: string, py2Unicode = false): ObjId {
    if (this.py2 && !py2Unicode) return this.newBytes(s);
    const type = this.py2 ? this.t.unicode : this.t.str;
    const size = this.py2 ? this.memory.sizes.unicode : this.memory.sizes.str;
    const o = this.alloc(type, size.basic + (size.perItem ?? 1) * textUnits(s, this.py2));
    this.data[o] = s;
    return o;
  }

  /** A byte string (Python 2 str, Python 3 bytes): one char per byte. */
  newBytes(s: string): ObjId {
    const type = this.py2 ? this.t.str : this.t.bytes;
    const size = this.py2 ? this.memory.sizes.str : this.memory.sizes.bytes;
    const o = this.alloc(type, size.basic + s.length);
    this.data[o] = s;
    return o;
  }

  /** The native string type of the version (str in both, bytes-like in 2.x). */
  newNativeStr(s: string): ObjId {
    return this.py2 ? this.newBytes(s) : this.newStr(s);
  }

  isStrType(typeId: number): boolean {
    return typeId === this.t.str || typeId === this.t.unicode || (this.py2 && typeId === this.t.bytes);
  }

  // ---- containers ----

  /** A tuple from owned references (they move into the tuple). */
  newTupleOwned(items: ObjId[]): ObjId {
    const n = items.length;
    if (n === 0) {
      this.incref(this.emptyTuple);
      return this.emptyTuple;
    }
    const size = this.memory.sizes.tuple;
    const o = this.memory.heap.alloc(this.t.tuple, size.basic + (size.perItem ?? 4) * n, n < 20 ? n : 0);
    if (o === MEMORY_ERROR) {
      for (const it of items) this.decref(it);
      this.raiseMemoryError();
    }
    const heap = this.memory.heap;
    for (let i = 0; i < n; i++) {
      if (!heap.pushRef(o, items[i]!)) {
        for (let j = i; j < n; j++) this.decref(items[j]!);
        this.decref(o);
        this.raiseMemoryError();
      }
      heap.decref(items[i]!); // pushRef took its own reference
    }
    return o;
  }

  newList(): ObjId {
    return this.alloc(this.t.list, this.memory.sizes.list.basic);
  }

  /** Appends a borrowed reference to a list (or raises MemoryError). */
  listAppend(list: ObjId, item: ObjId): void {
    if (!this.memory.heap.pushRef(list, item)) this.raiseMemoryError();
  }

  /** The items of a list or tuple (borrowed). */
  items(seq: ObjId): ObjId[] {
    const heap = this.memory.heap;
    const n = heap.edgeLen[seq]!;
    const start = heap.edgeStart[seq]!;
    return Array.from(heap.edges.data.subarray(start, start + n));
  }

  length(seq: ObjId): number {
    return this.memory.heap.edgeLen[seq]!;
  }

  item(seq: ObjId, i: number): ObjId {
    const heap = this.memory.heap;
    return heap.edges.data[heap.edgeStart[seq]! + i]!;
  }

  // ---- exceptions ----

  /** Raises `className(message)`. */
  raise(className: string, message?: string): never {
    throw this.makeException(className, message);
  }

  makeException(className: string, message?: string): PyException {
    const cls = this.classes.get(className);
    if (cls === undefined) throw new Error(`no built-in exception class ${className}`);
    return new PyException(this.instantiateException(cls, message));
  }

  /** Set by the object layer (classes.ts): creates an exception instance with args (message,). */
  instantiateException: (cls: ObjId, message?: string) => ObjId = () => {
    throw new Error('exception classes are not installed');
  };

  // ---- types ----

  /** The built-in class of each heap type (instances carry their class as reference 0 instead). */
  readonly classByType: ObjId[] = [];

  /** The Python class of an object (borrowed). */
  classOf(obj: ObjId): ObjId {
    const heap = this.memory.heap;
    const t = heap.typeOf[obj]!;
    if (obj === this.True || obj === this.False) return this.classes.get('bool')!;
    if (t === this.t.instance || t === this.t['classic-instance']) {
      if (heap.edgeLen[obj]! === 0) return this.classes.get('object')!; // cleared by the collector
      return heap.edges.data[heap.edgeStart[obj]!]!;
    }
    return this.classByType[t] ?? this.classByType[this.t.object]!;
  }

  classInfo(cls: ObjId): ClassInfo {
    return this.data[cls] as ClassInfo;
  }

  /** type(obj).__name__ (Python 2 classic instances: 'instance'). */
  typeNameOf(obj: ObjId): string {
    const t = this.memory.heap.typeOf[obj]!;
    if (t === this.t['classic-instance']) return 'instance';
    if (t === this.t.none) return 'NoneType';
    if (t === this.t.int && (obj === this.True || obj === this.False)) return 'bool';
    if (t === this.t.iterator) {
      const state = this.data[obj] as { name?: string; superOf?: number } | undefined;
      if (state?.superOf !== undefined) return 'super';
      if (state?.name) return state.name;
    }
    return this.classInfo(this.classOf(obj)).name;
  }

  /**
   * time.sleep: the app's task suspends when the call came through a suspending call (the
   * device runs other apps and events meanwhile); otherwise the host blocks here, running
   * what is due meanwhile (a sleep inside a builtin that called back into Python).
   */
  sleep(seconds: number): void {
    if (this.suspendFrame !== null && this.suspendFrame === this.frame) {
      this.suspendFrame = null;
      this.pendingSleepS = seconds;
      return;
    }
    this.host.sleep(seconds);
  }

  /** Counts one unit of work and consults the budget (called at loop back-edges and calls). */
  tick(): void {
    this.ticks++;
    if (--this.fuel < 0) this.onFuelExhausted();
    // 3.12+: a collection the allocation counter scheduled runs at the next eval-breaker check.
    if (this.gcState.scheduled) this.memory.collector.checkpoint();
  }
}

export function bitLength(v: bigint): number {
  if (v < 0n) v = -v;
  return v === 0n ? 0 : v.toString(2).length;
}

/** Storage units of a text string: UTF-16 code units in 2.x unicode, PEP 393 width in 3.x. */
function textUnits(s: string, py2: boolean): number {
  if (py2) return s.length;
  let max = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > max) max = c;
  }
  if (max < 0x80) return s.length;
  return s.length * (max < 0x100 ? 1 : max < 0xd800 ? 2 : 4) + (max < 0x100 ? 24 : 32); // compact non-ASCII header
}

// Device Python: the interpreter a profile's firmware runs. It boots on the device's
// memory manager (every object it creates lives in the bounded pool), checks a
// script's syntax before anything runs, and runs it to an outcome: finished, an
// uncaught exception with a CPython-style traceback, a syntax error, or a stop.

import { NULL_REF, type Memory, type ObjId } from '../memory/index.js';
import { compileModule } from './compiler/code-factory.js';
import { gcModule } from './modules/gc.js';
import { randomModule } from './modules/random.js';
import { sysModule } from './modules/sys.js';
import { deviceModule, deviceModules, digicliModule, digiwdogModule, type DeviceModules } from './modules/device.js';
import { timeModule } from './modules/time.js';
import { installBuiltinClasses } from './runtime/builtin-classes.js';
import { arity, installBuiltins } from './runtime/builtins.js';
import type { DictTable } from './runtime/dict-table.js';
import { dictSetStr, newDict } from './runtime/dicts.js';
import { DeviceStop, PyException, type TracebackEntry } from './runtime/errors.js';
import { Frame } from './runtime/frame.js';
import { importModule } from './runtime/imports.js';
import { allocFrameObject, callFunction, instanceSet, intern, lookupClassAttr, newBuiltinMethod, newInstance } from './runtime/objects.js';
import { exceptionArgs, reprOf, strOf } from './runtime/text.js';
import { bytesToText } from './runtime/output.js';
import { installTypeMethods } from './runtime/type-methods.js';
import { installDescriptors } from './runtime/descriptors.js';
import { installIntBytes } from './runtime/int-bytes.js';
import { Vm, type BuiltinInfo, type PythonHost, type PythonVersion } from './runtime/vm.js';
import { formatDiagnostic, parseModule, type SyntaxDiagnostic } from './syntax/index.js';
import type { Module } from './syntax/ast.js';

export type { PythonHost, PythonVersion };
export { Vm };

export type RunOutcome =
  | { kind: 'ok' }
  | { kind: 'syntax-error'; errors: SyntaxDiagnostic[]; text: string }
  | { kind: 'exception'; type: string; message: string; traceback: TracebackEntry[]; text: string; where: string }
  | { kind: 'exit'; code: number }
  | { kind: 'stopped'; reason: DeviceStop['reason']; message: string }
  /** A fault of memsim itself (a bug): reported, and the device survives it. */
  | { kind: 'internal-error'; message: string };

export interface DevicePythonOptions {
  memory: Memory;
  version: PythonVersion;
  host: PythonHost;
  /** sys.getrecursionlimit() at boot (CPython's default is 1000). */
  recursionLimit?: number;
  /**
   * GC-tracked objects the interpreter holds when a script starts (the profile's
   * startupTrackedObjects). They are made at boot and survive a full collection, so that the
   * oldest generation and the 25 % rule start where CPython's do.
   */
  startupTrackedObjects?: number;
  /** Run scripts on the closure compiler alone (tests compare it with the emitted JavaScript). */
  closuresOnly?: boolean;
}

/** Parses a Python version string ('2.4', '3.11') as the language version a model runs. */
export function pythonVersionOf(model: string): PythonVersion {
  const [major, minor] = model.split('.').map(Number);
  if ((major !== 2 && major !== 3) || !Number.isInteger(minor)) throw new RangeError(`not a Python version: ${model}`);
  return { major, minor: minor! };
}

/** What a task did when resumed: it sleeps for `seconds` (resume it then), or it ended. */
export type TaskStep = { kind: 'sleep'; seconds: number } | { kind: 'done'; outcome: RunOutcome };

/**
 * A running app (DevicePython.startTask). The VM state a script's execution owns (value
 * stack, frame chain, call depth, exceptions being handled, argv) is the task's while it
 * runs, and put aside when it suspends; the state it found is back when resume returns.
 */
export class PythonTask {
  private stack: ObjId[] = [];
  private sp = 0;
  private frame: Frame | null = null;
  private depth = 0;
  private handling: ObjId[] = [];
  /** Inside resume (a task cannot resume itself, e.g. from a sleep that blocks). */
  running = false;
  done = false;

  constructor(
    private readonly vm: Vm,
    private argv: string[],
    private readonly body: Generator<number, RunOutcome, void>,
  ) {}

  resume(): TaskStep {
    if (this.running || this.done) throw new Error('task: resumed while running or after its end');
    this.exchange(); // the task's state into the VM, the state it found kept here meanwhile
    this.running = true;
    try {
      const r = this.body.next();
      if (r.done) {
        this.done = true;
        return { kind: 'done', outcome: r.value };
      }
      return { kind: 'sleep', seconds: r.value };
    } finally {
      this.running = false;
      this.exchange(); // and back: the VM as it was, the task's state here until it resumes
    }
  }

  /** Swaps the VM's execution state with the one held here. */
  private exchange(): void {
    const vm = this.vm;
    [vm.stack, this.stack] = [this.stack, vm.stack];
    [vm.sp, this.sp] = [this.sp, vm.sp];
    [vm.frame, this.frame] = [this.frame, vm.frame];
    [vm.depth, this.depth] = [this.depth, vm.depth];
    [vm.handling, this.handling] = [this.handling, vm.handling];
    [vm.argv, this.argv] = [this.argv, vm.argv];
  }
}

/**
 * Objects the fidelity driver (test/fidelity/gcstats.py) leaves counted in generation 0 when a
 * workload starts, per host CPython (measured: 6, 8, 7 and 7 at a workload's first line on
 * 2.7.18, 3.11.7, 3.12.1 and 3.13.0, where memsim counts 2, 1, 1 and 1).
 */
const DRIVER_GEN0_LEFTOVER: Record<string, number> = { '2.7': 4, '3.11': 7, '3.12': 6, '3.13': 6 };

export class DevicePython {
  readonly vm: Vm;
  /** Timers, event handlers, watchdogs and critical sections the script registered. */
  readonly device: DeviceModules;
  private readonly sources = new Map<string, string[]>();
  private readonly closuresOnly: boolean;

  constructor(options: DevicePythonOptions) {
    const vm = new Vm(options.memory, options.host, options.version);
    this.vm = vm;
    this.closuresOnly = options.closuresOnly ?? false;
    vm.recursionLimit = options.recursionLimit ?? 1000;
    vm.maxRecursionLimit = Math.max(vm.recursionLimit, 2000);
    installBuiltinClasses(vm);
    installBuiltins(vm);
    installTypeMethods(vm);
    installDescriptors(vm);
    installIntBytes(vm);
    installExceptionProtocol(vm);
    vm.moduleFactories.set('gc', gcModule);
    vm.moduleFactories.set('time', timeModule);
    vm.moduleFactories.set('random', randomModule);
    vm.moduleFactories.set('sys', sysModule);
    vm.moduleFactories.set('device', deviceModule);
    vm.moduleFactories.set('digiwdog', digiwdogModule);
    vm.moduleFactories.set('digicli', digicliModule);
    this.device = deviceModules(vm);
    const memory = options.memory;
    memory.collector.hooks.debugLine = (line) => options.host.writeError(`${line}\n`);
    memory.heap.hooks.finalize = (obj) => runFinalizer(vm, obj, this);
    // The runtime's own objects are immortal, like CPython's static types: not tracked,
    // and not counted toward generation 0.
    // Its classes stand for static types, which tp_is_gc does not count as GC objects.
    for (let g = 0; g < 3; g++) {
      for (const o of memory.heap.objectsIn(g)) {
        if (memory.heap.typeOf[o] === vm.t.class) memory.heap.markStatic(o);
        else memory.heap.untrack(o);
      }
    }
    memory.state.count.fill(0);
    const startup = options.startupTrackedObjects ?? 0;
    if (startup > 0) {
      // The 64-bit host interpreters are measured under the fidelity driver, which has
      // imported gc (with time, sys and others) before the workload's own `import gc`; its
      // objects are part of the measured start-up count.
      const host = vm.wordBytes === 8;
      let made = 0;
      if (host) {
        const tracked = (): number => memory.heap.objectsIn(0).length + memory.heap.objectsIn(1).length + memory.heap.objectsIn(2).length;
        const before = tracked();
        vm.decref(importModule(vm, 'gc'));
        made = tracked() - before;
      }
      const holder = vm.newList();
      vm.heap.refcnt[holder] = 1 << 29;
      try {
        for (let i = 1 + made; i < startup; i++) {
          const o = vm.newList();
          vm.listAppend(holder, o);
          vm.decref(o);
        }
      } catch (e) {
        if (e instanceof PyException) {
          throw new DeviceStop('reset', `the pool (${memory.pool.poolBytes} bytes) is too small for the interpreter's start-up (${startup} objects)`);
        }
        throw e;
      }
      // As the fidelity driver does before a workload: one full collection, then the statistics start.
      memory.collector.collect(2);
      for (const s of memory.state.stats) {
        s.collections = 0;
        s.collected = 0;
        s.uncollectable = 0;
      }
      memory.state.count.fill(0);
      // What the driver allocates between that collection and the workload's first line (its
      // namespace, what compile() leaves): gc.get_count()[0] there, under test/fidelity/gcstats.py,
      // less what memsim counts at the same point.
      if (host) memory.state.count[0] = DRIVER_GEN0_LEFTOVER[`${vm.version.major}.${vm.version.minor}`] ?? 0;
      memory.state.automaticCollections = 0;
    }
  }

  /** Syntax errors of a script, or an empty list. */
  check(source: string | Uint8Array, file: string): SyntaxDiagnostic[] {
    const r = parseModule(source, { file, pythonMajor: this.vm.version.major, pythonMinor: this.vm.version.minor });
    return r.ok ? [] : r.errors;
  }

  /**
   * Runs a script as `__main__` to its outcome; the device (and the host) survive any script.
   * `source`: the script file's bytes, decoded here by its coding declaration (PEP 263), or
   * its text as the host decoded it from UTF-8 (exact for UTF-8 and ASCII files only).
   */
  run(source: string | Uint8Array, file: string, args: string[] = []): RunOutcome {
    return this.execute(source, file, args, false);
  }

  /** The interactive prompt: runs `source` in one persistent namespace and echoes expression values. */
  interactive(source: string): RunOutcome {
    return this.execute(source, '<stdin>', [], true);
  }

  private replGlobals = 0;

  private execute(source: string | Uint8Array, file: string, args: string[], interactive: boolean): RunOutcome {
    const vm = this.vm;
    vm.argv = [file, ...args];
    const parsed = parseModule(source, { file, pythonMajor: vm.version.major, pythonMinor: vm.version.minor });
    if (!parsed.ok) return { kind: 'syntax-error', errors: parsed.errors, text: parsed.errors.map(formatDiagnostic).join('\n') };
    this.sources.set(file, parsed.source.split('\n'));
    let frame: Frame | null = null;
    // A run may start while another is suspended (a console command during an app's sleep):
    // everything it changes in the VM is put back as it was.
    const outer = { sp: vm.sp, frame: vm.frame, depth: vm.depth, handling: vm.handling.length };
    try {
      frame = this.moduleFrame(parsed.module, interactive, false);
      vm.depth = outer.depth + 1; // the module's frame counts toward the recursion limit, as in CPython
      frame.code.body(frame);
      return { kind: 'ok' };
    } catch (e) {
      return this.outcomeOf(e, frame);
    } finally {
      vm.frame = outer.frame;
      vm.unwindTo(outer.sp);
      vm.depth = outer.depth;
      vm.handling.length = outer.handling;
    }
  }

  /** Compiles a module and makes its frame, running now (vm.frame), with a new `__main__` namespace or the prompt's. */
  private moduleFrame(module: Module, interactive: boolean, suspending: boolean | 'everywhere'): Frame {
    const vm = this.vm;
    const { code } = compileModule(vm, module, { interactive, suspending, closuresOnly: this.closuresOnly });
    let globals: number;
    if (interactive && this.replGlobals !== 0) {
      globals = this.replGlobals;
      vm.incref(globals);
    } else {
      globals = newDict(vm);
      const name = vm.newNativeStr('__main__');
      dictSetStr(vm, globals, '__name__', intern(vm, '__name__'), name);
      vm.decref(name);
      if (interactive) {
        this.replGlobals = globals;
        vm.incref(globals);
      }
    }
    // Python 2 runs the module in a heap frame object too.
    if (vm.py2) code.zombieFrame = allocFrameObject(vm, code, true);
    const frame = new Frame(code, globals, vm.data[globals] as DictTable, [], null);
    frame.namespace = globals;
    frame.namespaceTable = frame.globalsTable;
    vm.frame = frame;
    return frame;
  }

  /**
   * An app as a task of the device: the script runs when the device resumes the task, until
   * it sleeps (the task suspends, and the device runs other apps and events meanwhile) or
   * ends. Only one task runs at a time; each keeps its own value stack and frames.
   */
  startTask(source: string | Uint8Array, file: string, args: string[] = [], opts: { suspendEverywhere?: boolean } = {}): PythonTask {
    return new PythonTask(this.vm, [file, ...args], this.taskBody(source, file, opts.suspendEverywhere ? 'everywhere' : true));
  }

  private *taskBody(source: string | Uint8Array, file: string, suspending: true | 'everywhere'): Generator<number, RunOutcome, void> {
    const vm = this.vm;
    const parsed = parseModule(source, { file, pythonMajor: vm.version.major, pythonMinor: vm.version.minor });
    if (!parsed.ok) return { kind: 'syntax-error', errors: parsed.errors, text: parsed.errors.map(formatDiagnostic).join('\n') };
    this.sources.set(file, parsed.source.split('\n'));
    let frame: Frame | null = null;
    try {
      frame = this.moduleFrame(parsed.module, false, suspending);
      vm.depth = 1;
      const gen = frame.code.genBody;
      if (gen) yield* gen(frame);
      else frame.code.body(frame);
      return { kind: 'ok' };
    } catch (e) {
      return this.outcomeOf(e, frame);
    } finally {
      vm.frame = null;
      vm.unwindTo(0);
      vm.depth = 0;
      vm.handling.length = 0;
    }
  }

  /** Converts what ended a run into an outcome (and prints the traceback, as the device would). */
  outcomeOf(e: unknown, frame: Frame | null): RunOutcome {
    const vm = this.vm;
    if (e instanceof DeviceStop) return { kind: 'stopped', reason: e.reason, message: e.message };
    if (!(e instanceof PyException)) {
      const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      vm.host.writeError(`memsim internal error (please report): ${message}\n`);
      return { kind: 'internal-error', message };
    }
    if (frame) e.traceback.push({ file: frame.code.file, line: frame.line, name: '<module>' });
    const cls = vm.classInfo(vm.classOf(e.exc));
    if (cls.name === 'SystemExit') {
      const args = exceptionArgs(vm, e.exc);
      const code = args.length === 0 || args[0] === vm.None ? 0 : vm.heap.typeOf[args[0]!] === vm.t.int ? Number(vm.data[args[0]!]) : 1;
      if (args.length > 0 && code === 1 && vm.heap.typeOf[args[0]!] !== vm.t.int) vm.writeErr(`${strOf(vm, args[0]!)}\n`, vm.writesBytes(args[0]!));
      vm.decref(e.exc);
      return { kind: 'exit', code };
    }
    const message = safeText(() => exceptionMessage(vm, e.exc));
    const tb = [...e.traceback].reverse();
    const lines = ['Traceback (most recent call last):'];
    // Python 3 folds a run of identical entries after the third (traceback.py's RECURSIVE_CUTOFF).
    let repeats = 0;
    const flush = () => {
      if (repeats > 0) lines.push(`  [Previous line repeated ${repeats} more time${repeats === 1 ? '' : 's'}]`);
      repeats = 0;
    };
    let run = 0;
    tb.forEach((entry, i) => {
      const prev = tb[i - 1];
      run = prev && prev.file === entry.file && prev.line === entry.line && prev.name === entry.name ? run + 1 : 1;
      if (!vm.py2 && run > 3) {
        repeats++;
        return;
      }
      flush();
      lines.push(`  File "${entry.file}", line ${entry.line}, in ${entry.name}`);
      const src = this.sources.get(entry.file)?.[entry.line - 1]?.trim();
      if (src) lines.push(`    ${src}`);
    });
    flush();
    lines.push(message === '' ? cls.name : `${cls.name}: ${message}`);
    const text = lines.join('\n');
    vm.host.writeError(`${text}\n`);
    vm.decref(e.exc);
    const last = tb[tb.length - 1];
    return { kind: 'exception', type: cls.name, message, traceback: tb, text, where: last ? `${last.file}:${last.line}` : '' };
  }
}

function safeText(f: () => string): string {
  try {
    return f();
  } catch (e) {
    if (e instanceof PyException) return '<exception str() failed>';
    throw e;
  }
}

/** The exception's message as text (a Python 2 message of bytes decoded as output is: runtime/output.ts). */
function exceptionMessage(vm: Vm, exc: ObjId): string {
  const cls = vm.classInfo(vm.classOf(exc));
  const args = exceptionArgs(vm, exc);
  if (cls.name === 'KeyError' && args.length === 1) return reprOf(vm, args[0]!);
  const text = strOf(vm, exc);
  return vm.py2 && !(args.length === 1 && !vm.writesBytes(args[0]!)) ? bytesToText(text) : text;
}

/** Exceptions: BaseException.__init__ stores args; vm.makeException builds instances. */
function installExceptionProtocol(vm: Vm): void {
  const base = vm.classes.get('BaseException')!;
  const init = newBuiltinMethod(vm, '__init__', (vm, b, argc, _kw, self) => {
    const items: ObjId[] = [];
    for (let i = 0; i < argc; i++) {
      const a = vm.stack[b + i]!;
      vm.incref(a);
      items.push(a);
    }
    const args = vm.newTupleOwned(items);
    instanceSet(vm, self, 'args', args);
    vm.decref(args);
    return vm.none();
  }, NULL_REF);
  (vm.data[init] as BuiltinInfo).isMethod = true;
  dictSetStr(vm, vm.classInfo(base).dict, '__init__', intern(vm, '__init__'), init);
  vm.decref(init);
  const objectInit = newBuiltinMethod(vm, '__init__', (vm, _b, _argc, _kw) => vm.none(), NULL_REF);
  (vm.data[objectInit] as BuiltinInfo).isMethod = true;
  dictSetStr(vm, vm.classInfo(vm.classes.get('object')!).dict, '__init__', intern(vm, '__init__'), objectInit);
  vm.decref(objectInit);
  void arity;
  vm.instantiateException = (cls, message) => {
    const exc = newInstance(vm, cls);
    const items = message === undefined ? [] : [vm.newNativeStr(message)];
    const args = vm.newTupleOwned(items);
    instanceSet(vm, exc, 'args', args);
    vm.decref(args);
    return exc;
  };
  const mem = vm.instantiateException(vm.classes.get('MemoryError')!);
  vm.heap.refcnt[mem] = 1 << 29;
  vm.memoryErrorInstance = mem;
}

/** Runs `obj.__del__()` for the heap; an exception in it is printed and ignored, as CPython does. */
function runFinalizer(vm: Vm, obj: ObjId, dp: DevicePython): void {
  const del = lookupClassAttr(vm, vm.classOf(obj), '__del__');
  if (del === NULL_REF || vm.heap.typeOf[del] !== vm.t.function) return;
  const sp = vm.sp;
  try {
    vm.decref(callFunction(vm, del, vm.sp, 0, null, obj));
  } catch (e) {
    vm.unwindTo(sp);
    if (!(e instanceof PyException)) {
      // A fault inside __del__ (even a host stack overflow) must not escape into the heap's
      // deallocation loop: report it as CPython reports exceptions in __del__, and go on.
      vm.host.writeError(`Exception ignored in __del__: ${e instanceof Error ? e.message : String(e)}\n`);
      return;
    }
    const cls = vm.classInfo(vm.classOf(e.exc)).name;
    const msg = safeText(() => exceptionMessage(vm, e.exc));
    const where = safeText(() => reprOf(vm, del));
    vm.host.writeError(`Exception ${msg ? `${cls}: ${msg}` : cls} in ${vm.py2 ? `<bound method ...__del__ of ...>` : where} ignored\n`);
    vm.decref(e.exc);
  }
  void dp;
}

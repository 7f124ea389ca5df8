// The device modules apps of the ConnectPort era used: `device` (events, periodic timers,
// idle, critical sections, free memory), `digiwdog` (a software watchdog an app must
// stroke) and `digicli` (the device's own command line). They keep their registrations
// here; the device around the interpreter (issue: firmware/device) advances the clock,
// emits events and asks for due timers through DeviceModules.

import { NULL_REF, type ObjId } from '../../memory/index.js';
import { arity, call1, intArg, strArg } from '../runtime/builtins.js';
import { DeviceStop, PyException } from '../runtime/errors.js';
import { ModuleBuilder } from '../runtime/imports.js';
import { callObject, makeClass, newBuiltinMethod, newInstance, setAttr } from '../runtime/objects.js';
import { numberOf } from '../runtime/ops.js';
import { newDict, dictSetStr } from '../runtime/dicts.js';
import { listFrom } from '../runtime/ops.js';
import type { Vm } from '../runtime/vm.js';

export interface Timer {
  atS: number;
  periodS: number;
  fn: ObjId;
  seq: number;
}

export interface CriticalSection {
  name: string;
  deadlineMs: number;
  startS: number;
}

/** What the device sees of a critical section when it ends. */
export interface CriticalRecord {
  name: string;
  startS: number;
  durationMs: number;
  deadlineMs: number;
  missed: boolean;
}

/** The command line behind digicli (the console's language, provided by the device). */
export type DigiCli = (command: string) => { ok: boolean; lines: string[] };

/** The state of the device modules, shared by the modules and the device that drives them. */
export class DeviceModules {
  readonly handlers = new Map<string, ObjId[]>();
  readonly timers: Timer[] = [];
  readonly criticalLog: CriticalRecord[] = [];
  readonly open: CriticalSection[] = [];
  private seq = 0;
  /** Watchdogs: deadline (virtual seconds) and message; stroke() moves the deadline. */
  readonly watchdogs: { periodS: number; deadlineS: number; message: string }[] = [];
  cli: DigiCli = (command) => ({ ok: false, lines: [`${command.split(' ')[0] ?? ''}: command not available on this device`] });
  /** Called after the script's own device.emit / device.idle (the device's policy hooks in here). */
  onEmit: (event: string) => void = () => {};

  constructor(private readonly vm: Vm) {}

  addTimer(periodS: number, fn: ObjId, firstS: number): void {
    this.vm.incref(fn);
    this.timers.push({ atS: firstS, periodS, fn, seq: this.seq++ });
  }

  /** The earliest due timer at or before `nowS`, or null. */
  nextDue(nowS: number): Timer | null {
    let best: Timer | null = null;
    for (const t of this.timers) if (t.atS <= nowS && (!best || t.atS < best.atS || (t.atS === best.atS && t.seq < best.seq))) best = t;
    return best;
  }

  /** Whether any handler or timer is registered (an app that returned lives on in them). */
  hasCallbacks(): boolean {
    if (this.timers.length > 0) return true;
    for (const list of this.handlers.values()) if (list.length > 0) return true;
    return false;
  }

  /** When the next timer is due (Infinity when none). */
  nextTimerS(): number {
    let s = Infinity;
    for (const t of this.timers) if (t.atS < s) s = t.atS;
    return s;
  }

  /** Runs one timer's function and schedules its next run. */
  runTimer(t: Timer): void {
    t.atS += t.periodS;
    t.seq = this.seq++;
    this.callHandler(t.fn, NULL_REF);
  }

  /** Calls every handler of `event` (an exception in a handler propagates to the caller). */
  emit(event: string): void {
    const list = this.handlers.get(event);
    if (!list) return;
    const vm = this.vm;
    for (const fn of [...list]) {
      const name = vm.newNativeStr(event);
      try {
        this.callHandler(fn, name);
      } finally {
        vm.decref(name);
      }
    }
  }

  private callHandler(fn: ObjId, arg: ObjId): void {
    const vm = this.vm;
    const base = vm.sp;
    if (arg !== NULL_REF && acceptsArgument(vm, fn)) {
      vm.decref(call1(vm, fn, arg));
      return;
    }
    try {
      vm.decref(callObject(vm, fn, base, 0, null));
    } finally {
      vm.unwindTo(base);
    }
  }

  /** The earliest watchdog deadline (Infinity when none). */
  nextWatchdogS(): number {
    let s = Infinity;
    for (const w of this.watchdogs) if (w.deadlineS < s) s = w.deadlineS;
    return s;
  }

  /** Throws the watchdog reset when an unstroked digiwdog watchdog has expired by `nowS`. */
  checkWatchdogs(nowS: number): void {
    for (const w of this.watchdogs) {
      if (nowS > w.deadlineS) throw new DeviceStop('watchdog', `digiwdog: not stroked for ${w.periodS} s: ${w.message}`);
    }
  }
}

/** Whether a Python function takes at least one positional parameter (an event handler may take the event name). */
function acceptsArgument(vm: Vm, fn: ObjId): boolean {
  if (vm.heap.typeOf[fn] !== vm.t.function) return true;
  const code = (vm.data[fn] as { code: { params: string[]; varargSlot: number } }).code;
  return code.params.length > 0 || code.varargSlot >= 0;
}

const devices = new WeakMap<Vm, DeviceModules>();

/** The device-module state of a VM (made on first use). */
export function deviceModules(vm: Vm): DeviceModules {
  let d = devices.get(vm);
  if (!d) devices.set(vm, (d = new DeviceModules(vm)));
  return d;
}

function seconds(vm: Vm, o: ObjId, what: string): number {
  const v = numberOf(vm, o);
  if (v === undefined || !(Number(v) > 0)) vm.raise('ValueError', `${what} must be a positive number of seconds`);
  return Number(v);
}

export function deviceModule(vm: Vm): ObjId {
  const dev = deviceModules(vm);
  const m = new ModuleBuilder(vm, 'device');
  m.fn('on', (vm, base, argc, kw) => {
    arity(vm, 'on', argc, 2, 2, kw);
    const event = strArg(vm, vm.stack[base]!, 'event');
    const fn = vm.stack[base + 1]!;
    vm.incref(fn);
    const list = dev.handlers.get(event) ?? [];
    list.push(fn);
    dev.handlers.set(event, list);
    return vm.none();
  });
  m.fn('every', (vm, base, argc, kw) => {
    arity(vm, 'every', argc, 2, 2, kw);
    const period = seconds(vm, vm.stack[base]!, 'every() period');
    dev.addTimer(period, vm.stack[base + 1]!, vm.host.now() + period);
    return vm.none();
  });
  m.fn('emit', (vm, base, argc, kw) => {
    arity(vm, 'emit', argc, 1, 1, kw);
    const event = strArg(vm, vm.stack[base]!, 'event');
    dev.emit(event);
    dev.onEmit(event);
    return vm.none();
  });
  m.fn('idle', (vm, _base, argc, kw) => {
    arity(vm, 'idle', argc, 0, 0, kw);
    dev.emit('idle');
    dev.onEmit('idle');
    return vm.none();
  });
  m.fn('mem_free', (vm, _base, argc, kw) => {
    arity(vm, 'mem_free', argc, 0, 0, kw);
    return vm.newInt(vm.memory.pool.stats().freeBytes);
  });
  // device.critical(name, deadline_ms): a call pair (critical(...) ... critical_end()) or a context.
  const sectionClass = makeSectionClass(vm);
  m.fn('critical', (vm, base, argc, kw) => {
    arity(vm, 'critical', argc, 2, 2, kw);
    const name = strArg(vm, vm.stack[base]!, 'name');
    const deadlineMs = intArg(vm, vm.stack[base + 1]!, 'deadline_ms');
    // A policy may collect as a section opens (`on: [critical]`): before its clock starts.
    dev.onEmit('critical');
    dev.open.push({ name, deadlineMs, startS: vm.host.now() });
    const ctx = newInstance(vm, sectionClass);
    const enter = newBuiltinMethod(vm, '__enter__', (vm) => {
      vm.incref(ctx); // the with statement holds ctx while this runs
      return ctx;
    }, NULL_REF);
    const exit = newBuiltinMethod(vm, '__exit__', (vm) => {
      endSection(vm, dev);
      return vm.bool(false);
    }, NULL_REF);
    setAttr(vm, ctx, '__enter__', enter);
    setAttr(vm, ctx, '__exit__', exit);
    vm.decref(enter);
    vm.decref(exit);
    return ctx;
  });
  m.fn('critical_end', (vm, _base, argc, kw) => {
    arity(vm, 'critical_end', argc, 0, 0, kw);
    if (dev.open.length === 0) vm.raise('RuntimeError', 'critical_end() without critical()');
    endSection(vm, dev);
    return vm.none();
  });
  // The module keeps the class of critical-section objects (and so keeps it alive).
  m.value('CriticalSection', sectionClass);
  return m.module;
}

function endSection(vm: Vm, dev: DeviceModules): void {
  const s = dev.open.pop();
  if (!s) return;
  const durationMs = (vm.host.now() - s.startS) * 1000;
  dev.criticalLog.push({ name: s.name, startS: s.startS, durationMs, deadlineMs: s.deadlineMs, missed: durationMs > s.deadlineMs });
  // ... or as it closes (`on: [critical-end]`), once its duration is recorded.
  dev.onEmit('critical-end');
}

function makeSectionClass(vm: Vm): ObjId {
  const ns = newDict(vm);
  const mod = vm.newNativeStr('device');
  dictSetStr(vm, ns, '__module__', mod, mod);
  vm.decref(mod);
  const cls = makeClass(vm, 'critical', vm.py2 ? NULL_REF : vm.classes.get('object')!, ns, { module: 'device' });
  vm.decref(ns);
  return cls;
}

export function digiwdogModule(vm: Vm): ObjId {
  const dev = deviceModules(vm);
  const m = new ModuleBuilder(vm, 'digiwdog');
  m.fn('Watchdog', (vm, base, argc, kw) => {
    arity(vm, 'Watchdog', argc, 1, 2, kw);
    const period = seconds(vm, vm.stack[base]!, 'Watchdog() period');
    const message = argc > 1 ? strArg(vm, vm.stack[base + 1]!, 'message') : 'watchdog';
    const entry = { periodS: period, deadlineS: vm.host.now() + period, message };
    dev.watchdogs.push(entry);
    const ns = newDict(vm);
    const cls = makeClass(vm, 'Watchdog', vm.py2 ? NULL_REF : vm.classes.get('object')!, ns, { module: 'digiwdog' });
    vm.decref(ns);
    const obj = newInstance(vm, cls);
    vm.decref(cls);
    const stroke = newBuiltinMethod(vm, 'stroke', (vm) => {
      entry.deadlineS = vm.host.now() + entry.periodS;
      return vm.none();
    }, NULL_REF);
    setAttr(vm, obj, 'stroke', stroke);
    vm.decref(stroke);
    return obj;
  });
  return m.module;
}

export function digicliModule(vm: Vm): ObjId {
  const dev = deviceModules(vm);
  const m = new ModuleBuilder(vm, 'digicli');
  m.fn('digicli', (vm, base, argc, kw) => {
    arity(vm, 'digicli', argc, 1, 1, kw);
    const r = dev.cli(strArg(vm, vm.stack[base]!, 'command'));
    const lines = r.lines.map((l) => vm.newNativeStr(l));
    const list = listFrom(vm, lines);
    for (const l of lines) vm.decref(l);
    return vm.newTupleOwned([vm.bool(r.ok), list]);
  });
  return m.module;
}

export { PyException };

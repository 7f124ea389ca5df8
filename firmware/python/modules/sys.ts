// The `sys` module: sizes and reference counts as the device's memory manager sees
// them, the recursion limit, version information, and stdout/stderr objects.

import { NULL_REF, type ObjId } from '../../memory/index.js';
import { arity, intArg, raiseSystemExit, strArg } from '../runtime/builtins.js';
import { ModuleBuilder } from '../runtime/imports.js';
import { instanceGet, newInstance, setAttr, makeClass, newBuiltinMethod } from '../runtime/objects.js';
import { newDict, dictSetStr } from '../runtime/dicts.js';
import type { Vm } from '../runtime/vm.js';

function instanceGetTb(vm: Vm, exc: ObjId): ObjId {
  return instanceGet(vm, exc, '__traceback__');
}

export function sysModule(vm: Vm): ObjId {
  const m = new ModuleBuilder(vm, 'sys');
  const heap = vm.heap;
  m.fn('getsizeof', (vm, base, argc, kw) => {
    arity(vm, 'getsizeof', argc, 1, 2, kw);
    const o = vm.stack[base]!;
    // sys.getsizeof reports the object's struct, GC head included, plus its own item storage.
    const size = heap.blockBytes[o]! + heap.payloadBytes[o]!;
    return vm.newInt(size);
  });
  m.fn('getrefcount', (vm, base, argc, kw) => {
    arity(vm, 'getrefcount', argc, 1, 1, kw);
    // The argument itself holds one reference, as in CPython.
    return vm.newInt(heap.refcnt[vm.stack[base]!]!);
  });
  m.fn('getrecursionlimit', (vm, _b, argc, kw) => {
    arity(vm, 'getrecursionlimit', argc, 0, 0, kw);
    return vm.newInt(vm.recursionLimit);
  });
  m.fn('setrecursionlimit', (vm, base, argc, kw) => {
    arity(vm, 'setrecursionlimit', argc, 1, 1, kw);
    const n = intArg(vm, vm.stack[base]!, 'limit');
    if (n < 1) vm.raise('ValueError', 'recursion limit must be greater or equal than 1');
    vm.recursionLimit = Math.min(n, vm.maxRecursionLimit);
    return vm.none();
  });
  m.fn('exit', (vm, base, argc, kw) => {
    arity(vm, 'exit', argc, 0, 1, kw);
    throw raiseSystemExit(vm, argc > 0 ? vm.stack[base]! : vm.None);
  });
  m.fn('exc_info', (vm, _b, argc, kw) => {
    arity(vm, 'exc_info', argc, 0, 0, kw);
    const exc = vm.handling[vm.handling.length - 1];
    if (exc === undefined) return vm.newTupleOwned([vm.none(), vm.none(), vm.none()]);
    const cls = vm.classOf(exc);
    vm.incref(cls);
    vm.incref(exc);
    // The traceback: 3.x keeps it on the exception; 2.x frames are not kept, so a bare
    // traceback object stands for it.
    let tb = vm.py2 ? NULL_REF : instanceGetTb(vm, exc);
    if (tb === NULL_REF) tb = vm.alloc(vm.t.traceback, vm.wordBytes * 6);
    else vm.incref(tb);
    return vm.newTupleOwned([cls, exc, tb]);
  });
  if (vm.py2) {
    m.fn('exc_clear', (vm, _b, argc, kw) => {
      arity(vm, 'exc_clear', argc, 0, 0, kw);
      return vm.none();
    });
  }
  const { major, minor } = vm.version;
  const micro = major === 2 ? (minor === 7 ? 18 : minor === 6 ? 1 : 4) : 0;
  m.value('version', vm.newNativeStr(`${major}.${minor}.${micro} (memsim device Python)`));
  m.value('version_info', vm.newTupleOwned([vm.newInt(major), vm.newInt(minor), vm.newInt(micro), vm.newNativeStr('final'), vm.newInt(0)]));
  m.value('hexversion', vm.newInt((major << 24) | (minor << 16) | (micro << 8) | 0xf0));
  m.value('platform', vm.newNativeStr(vm.wordBytes === 4 ? 'digi' : 'linux'));
  const maxsize = vm.wordBytes === 4 ? 0x7fffffffn : 0x7fffffffffffffffn;
  m.value('maxsize', vm.newBigInt(maxsize));
  if (vm.py2) m.value('maxint', vm.newBigInt(maxsize));
  const argv = vm.newList();
  for (const a of vm.argv) {
    const s = vm.newNativeStr(a);
    vm.listAppend(argv, s);
    vm.decref(s);
  }
  m.value('argv', argv);
  m.value('byteorder', vm.newNativeStr('little'));
  // stdout / stderr: objects with write() going to the device's output streams.
  const streamClass = makeStreamClass(vm);
  for (const [name, write] of [['stdout', (t: string, b: boolean) => vm.writeOut(t, b)], ['stderr', (t: string, b: boolean) => vm.writeErr(t, b)]] as const) {
    const obj = newInstance(vm, streamClass);
    const fn = newBuiltinMethod(vm, 'write', (vm, base, argc, kw) => {
      arity(vm, 'write', argc, 1, 1, kw);
      const arg = vm.stack[base]!;
      write(strArg(vm, arg, 'write() argument'), vm.writesBytes(arg));
      return vm.none();
    }, NULL_REF);
    setAttr(vm, obj, 'write', fn);
    vm.decref(fn);
    const flush = newBuiltinMethod(vm, 'flush', (vm) => vm.none(), NULL_REF);
    setAttr(vm, obj, 'flush', flush);
    vm.decref(flush);
    m.value(name, obj);
  }
  vm.decref(streamClass);
  return m.module;
}

function makeStreamClass(vm: Vm): ObjId {
  const ns = newDict(vm);
  const mod = vm.newNativeStr('sys');
  dictSetStr(vm, ns, '__module__', mod, mod);
  vm.decref(mod);
  const cls = makeClass(vm, 'file', vm.py2 ? NULL_REF : vm.classes.get('object')!, ns, { module: 'sys' });
  vm.decref(ns);
  return cls;
}

// The built-in classes (object, int, str, list, dict, ... and the exception hierarchy)
// of the profile's Python version. They are created at boot and never freed; like
// CPython's static types they are not tracked by the collector.

import { NULL_REF, type ObjId } from '../../memory/index.js';
import { newDict } from './dicts.js';
import { makeClass } from './objects.js';
import type { Vm } from './vm.js';

/** [name, base] in creation order; '' is no base. */
function exceptionTree(vm: Vm): [string, string][] {
  const py2 = vm.py2;
  const tree: [string, string][] = [
    ['BaseException', 'object'],
    ['SystemExit', 'BaseException'],
    ['KeyboardInterrupt', 'BaseException'],
    ['GeneratorExit', 'BaseException'],
    ['Exception', 'BaseException'],
    ['StopIteration', 'Exception'],
  ];
  const std = py2 ? 'StandardError' : 'Exception';
  if (py2) tree.push(['StandardError', 'Exception']);
  tree.push(
    ['ArithmeticError', std],
    ['ZeroDivisionError', 'ArithmeticError'],
    ['OverflowError', 'ArithmeticError'],
    ['FloatingPointError', 'ArithmeticError'],
    ['AssertionError', std],
    ['AttributeError', std],
  );
  // Python 3: EnvironmentError and IOError are OSError itself (PEP 3151).
  if (py2) tree.push(['EnvironmentError', std], ['IOError', 'EnvironmentError'], ['OSError', 'EnvironmentError']);
  else tree.push(['OSError', std]);
  tree.push(
    ['ImportError', std],
    ['LookupError', std],
    ['IndexError', 'LookupError'],
    ['KeyError', 'LookupError'],
    ['MemoryError', std],
    ['NameError', std],
    ['UnboundLocalError', 'NameError'],
    ['RuntimeError', std],
    ['NotImplementedError', 'RuntimeError'],
    ['SyntaxError', std],
    ['SystemError', std],
    ['TypeError', std],
    ['ValueError', std],
    ['UnicodeError', 'ValueError'],
    ['UnicodeDecodeError', 'UnicodeError'],
    ['UnicodeEncodeError', 'UnicodeError'],
    ['Warning', 'Exception'],
    ['UserWarning', 'Warning'],
    ['DeprecationWarning', 'Warning'],
    ['RuntimeWarning', 'Warning'],
  );
  if (!py2) {
    if (vm.version.minor >= 5) tree.push(['RecursionError', 'RuntimeError']);
    tree.push(['ConnectionError', 'OSError'], ['TimeoutError', 'OSError'], ['BufferError', 'Exception']);
  }
  return tree;
}

/** Creates the built-in classes and installs them in vm.classes, vm.builtins and vm.classByType. */
export function installBuiltinClasses(vm: Vm): void {
  const make = (name: string, base: string, builtin = name): ObjId => {
    const baseId = base === '' ? NULL_REF : vm.classes.get(base)!;
    const ns = newDict(vm);
    const cls = makeClass(vm, name, baseId, ns, { builtin, module: '__builtin__' });
    vm.decref(ns);
    vm.heap.refcnt[cls] = 1 << 29;
    vm.classes.set(name, cls);
    return cls;
  };
  const object = make('object', '');
  const t = vm.t;
  const byType = (typeId: number, cls: ObjId) => {
    vm.classByType[typeId] = cls;
  };
  byType(t.object, object);
  const type = make('type', 'object');
  byType(t.class, type);
  const int = make('int', 'object');
  byType(t.int, int);
  make('bool', 'int');
  byType(t.float, make('float', 'object'));
  if (vm.py2) {
    make('basestring', 'object');
    byType(t.long, make('long', 'object'));
    byType(t.str, make('str', 'basestring'));
    byType(t.unicode, make('unicode', 'basestring'));
    vm.classes.set('bytes', vm.classes.get('str')!);
  } else {
    byType(t.long, int);
    byType(t.str, make('str', 'object'));
    byType(t.bytes, make('bytes', 'object'));
  }
  if (vm.py2) byType(t.bytes, vm.classes.get('str')!);
  else byType(t.unicode, vm.classes.get('str')!);
  byType(t.bytearray, make('bytearray', 'object'));
  byType(t.tuple, make('tuple', 'object'));
  byType(t.list, make('list', 'object'));
  byType(t.dict, make('dict', 'object'));
  byType(t.set, make('set', 'object'));
  byType(t.frozenset, make('frozenset', 'object'));
  byType(t.none, make('NoneType', 'object'));
  byType(t.function, make('function', 'object'));
  byType(t.method, make(vm.py2 ? 'instancemethod' : 'method', 'object'));
  byType(t['builtin-method'], make('builtin_function_or_method', 'object'));
  byType(t.module, make('module', 'object'));
  byType(t.cell, make('cell', 'object'));
  byType(t.iterator, make('iterator', 'object'));
  byType(t.range, make(vm.py2 ? 'xrange' : 'range', 'object'));
  byType(t.static, object);
  byType(t.frame, make('frame', 'object'));
  byType(t.code, make('code', 'object'));
  byType(t.traceback, make('traceback', 'object'));
  if (vm.py2) {
    make('instance', 'object');
    make('classobj', 'object');
  }
  byType(t.instance, object);
  byType(t['classic-instance'], object);
  for (const [name, base] of exceptionTree(vm)) {
    const cls = make(name, base);
    vm.classInfo(cls).isException = true;
    vm.classInfo(cls).sharedKeys = null;
  }
  if (vm.py2 || vm.version.minor < 5) vm.classes.set('RecursionError', vm.classes.get('RuntimeError')!);
  if (!vm.py2) {
    vm.classes.set('EnvironmentError', vm.classes.get('OSError')!);
    vm.classes.set('IOError', vm.classes.get('OSError')!);
  }
  for (const [name, cls] of vm.classes) {
    vm.builtins.set(name, cls);
  }
}

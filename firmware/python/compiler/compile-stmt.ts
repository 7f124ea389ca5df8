// Statements compiled to closures `(frame) => completion`, where the completion says
// whether control falls through, breaks, continues or returns. Python exceptions are
// JS throws of PyException; a try statement unwinds the value stack to where it began.

import { NULL_REF, type ObjId } from '../../memory/index.js';
import type * as A from '../syntax/ast.js';
import type { DictTable } from '../runtime/dict-table.js';
import { copySlots, dictClear, dictDelete, dictEntries, dictGetStr, dictSetStr, mergeKeys, newDict, newSet, resizeAwayDummies, setAdd, dictSet } from '../runtime/dicts.js';
import { DeviceStop, PyException } from '../runtime/errors.js';
import { BREAK, CONTINUE, Frame, NORMAL, RETURN, type CodeObject, type ExprFn, type StmtFn } from '../runtime/frame.js';
import { allocFrameObject, callObject, cellGet, cellSet, delAttr, getAttr, instanceGet, instanceSet, intern, lookupClassAttr, makeClass, matchesClass, setAttr } from '../runtime/objects.js';
import { binaryOp, callMethod1, isSmallIntOp, setAlgebra, smallIntArith } from '../runtime/ops.js';
import { delItem, delSlice, pushIterator, iterateToArray, setItem, setSlice } from '../runtime/sequences.js';
import { reprOf, strOf } from '../runtime/text.js';
import { extendByteArray } from '../runtime/type-methods.js';
import { importModule } from '../runtime/imports.js';
import { addTraceback } from '../runtime/tracebacks.js';
import { enterContext, exitContext, exitContextOnError } from '../runtime/context-managers.js';
import type { ModuleInfo, Vm } from '../runtime/vm.js';
import { ExprCompiler, type CompileOptions } from './compile-expr.js';
import type { CodeFactory } from './code-factory.js';
import type { Scope } from './scope.js';
import { attributeSite, storeAttribute } from '../runtime/call-sites.js';

/** The in-place special method of each augmented operator ('/2': Python 2's classic division). */
const INPLACE_NAMES: Record<string, string> = {
  '+': '__iadd__', '-': '__isub__', '*': '__imul__', '/': '__itruediv__', '/2': '__idiv__', '//': '__ifloordiv__',
  '%': '__imod__', '**': '__ipow__', '<<': '__ilshift__', '>>': '__irshift__', '&': '__iand__', '|': '__ior__', '^': '__ixor__',
};

/** Stores an owned value into a target. */
type StoreFn = (f: Frame, v: ObjId) => void;

export class StmtCompiler extends ExprCompiler {
  constructor(vm: Vm, scope: Scope, options: CompileOptions, codes: CodeFactory) {
    super(vm, scope, options, codes);
  }

  block(body: A.Stmt[]): StmtFn {
    const stmts = body.map((s) => this.stmt(s));
    if (stmts.length === 0) return () => NORMAL;
    if (stmts.length === 1) return stmts[0]!;
    if (stmts.length === 2) {
      const [a, b] = stmts as [StmtFn, StmtFn];
      return (f) => {
        const c = a(f);
        return c !== NORMAL ? c : b(f);
      };
    }
    return (f) => {
      for (let i = 0; i < stmts.length; i++) {
        const c = stmts[i]!(f);
        if (c !== NORMAL) return c;
      }
      return NORMAL;
    };
  }

  stmt(s: A.Stmt): StmtFn {
    let inner: StmtFn;
    try {
      inner = this.stmtBody(s);
    } catch (e) {
      throw this.compileErrorAt(e, s);
    }
    // The commonest statements record their line themselves (one closure call fewer).
    if (s.kind === 'ExprStmt' || s.kind === 'Return' || s.kind === 'If' || (s.kind === 'Assign' && s.targets.length === 1) || (s.kind === 'AugAssign' && s.target.kind === 'Name')) return inner;
    const line = s.line;
    return (f) => {
      f.line = line;
      return inner(f);
    };
  }

  /**
   * Compiling makes the code's constants (a huge literal can be a MemoryError): the error
   * belongs to the innermost statement being compiled, in the module being loaded.
   */
  compileErrorAt(e: unknown, s: A.Stmt): unknown {
    if (e instanceof PyException && e.traceback.length === 0) e.traceback.push({ file: this.options.file, line: s.line, name: '<module>' });
    return e;
  }

  private stmtBody(s: A.Stmt): StmtFn {
    const vm = this.vm;
    switch (s.kind) {
      case 'ExprStmt': {
        const e = this.expr(s.value);
        const heap = vm.heap;
        const line = s.line;
        if (this.options.interactive && this.scope.kind === 'module') {
          return (f) => {
            f.line = line;
            const v = e(f);
            vm.push(v);
            try {
              if (v !== vm.None) vm.host.write(`${reprOf(vm, v)}\n`);
            } finally {
              vm.sp--;
              heap.decref(v);
            }
            return NORMAL;
          };
        }
        return (f) => {
          f.line = line;
          heap.decref(e(f));
          return NORMAL;
        };
      }
      case 'Assign': return this.assign(s);
      case 'AugAssign': return this.augAssign(s);
      case 'Delete': {
        const dels = s.targets.map((t) => this.deleter(t));
        return (f) => {
          for (const d of dels) d(f);
          return NORMAL;
        };
      }
      case 'Pass':
      case 'Global':
      case 'Nonlocal':
        return () => NORMAL;
      case 'Break': return () => BREAK;
      case 'Continue': return () => CONTINUE;
      case 'Return': {
        const value = s.value ? this.expr(s.value) : null;
        const line = s.line;
        return (f) => {
          f.line = line;
          const v = value ? value(f) : vm.none();
          const old = f.retval;
          f.retval = v;
          if (old !== NULL_REF) vm.decref(old); // a return inside finally replaces the pending one
          return RETURN;
        };
      }
      case 'If': return this.ifStmt(s);
      case 'While': return this.whileStmt(s);
      case 'For': return this.forStmt(s);
      case 'FunctionDef': {
        const { code, freeNames } = this.codes.function(s, this.scope);
        const make = this.functionMaker(code, s.params, freeNames, s.name);
        const store = this.nameStore(s.name);
        return (f) => {
          store(f, make(f));
          return NORMAL;
        };
      }
      case 'ClassDef': return this.classDef(s);
      case 'Try': return this.tryStmt(s);
      case 'Raise': return this.raiseStmt(s);
      case 'Import': return this.importStmt(s);
      case 'ImportFrom': return this.importFrom(s);
      case 'Assert': {
        const test = this.test(s.test);
        const msg = s.msg ? this.expr(s.msg) : null;
        return (f) => {
          if (test(f)) return NORMAL;
          const cls = vm.classes.get('AssertionError')!;
          const base = vm.sp;
          if (msg) vm.push(msg(f));
          const exc = callObject(vm, cls, base, vm.sp - base, null);
          vm.unwindTo(base);
          throw new PyException(exc);
        };
      }
      case 'With': return this.withStmt(s);
      case 'Print': return this.printStmt(s);
    }
  }

  // ---- assignment ----

  private assign(s: A.Assign): StmtFn {
    const vm = this.vm;
    const value = this.expr(s.value);
    const stores = s.targets.map((t) => this.store(t));
    if (stores.length === 1) {
      const store = stores[0]!;
      const line = s.line;
      return (f) => {
        f.line = line;
        store(f, value(f));
        return NORMAL;
      };
    }
    return (f) => {
      const v = value(f);
      vm.push(v);
      for (let i = 0; i < stores.length; i++) {
        vm.incref(v);
        stores[i]!(f, v);
      }
      vm.sp--;
      vm.decref(v);
      return NORMAL;
    };
  }

  store(t: A.Target): StoreFn {
    const vm = this.vm;
    switch (t.kind) {
      case 'Name': return this.nameStore(t.id);
      case 'Attribute': {
        const obj = this.expr(t.value);
        const site = attributeSite(t.attr);
        return (f, v) => {
          vm.push(v);
          const o = obj(f);
          vm.push(o);
          storeAttribute(vm, site, o, v);
        };
      }
      case 'Subscript': {
        const obj = this.expr(t.value);
        if (t.index.kind === 'Slice') {
          const slice = this.slice(t.index);
          return (f, v) => {
            vm.push(v);
            const base = vm.sp;
            const o = obj(f);
            vm.push(o);
            const sl = slice(f);
            setSlice(vm, o, sl, v);
            vm.unwindTo(base - 1);
          };
        }
        const index = this.expr(t.index);
        return (f, v) => {
          vm.push(v);
          const o = obj(f);
          vm.push(o);
          const k = index(f);
          vm.push(k);
          setItem(vm, o, k, v);
          vm.sp -= 3;
          vm.decref(k);
          vm.decref(o);
          vm.decref(v);
        };
      }
      case 'Unpack': {
        const stores = t.elts.map((e) => this.store(e));
        const n = stores.length;
        return (f, v) => {
          vm.push(v);
          const heap = vm.heap;
          const tt = heap.typeOf[v]!;
          let items: ObjId[];
          if (tt === vm.t.tuple || tt === vm.t.list) {
            const len = heap.edgeLen[v]!;
            if (len !== n) unpackError(vm, len, n);
            items = vm.items(v);
            for (const it of items) vm.incref(it);
          } else {
            items = iterateToArray(vm, v);
            if (items.length !== n) {
              for (const it of items) vm.decref(it);
              unpackError(vm, items.length, n);
            }
          }
          vm.sp--;
          vm.decref(v);
          const base = vm.sp;
          for (const it of items) vm.push(it);
          for (let i = 0; i < n; i++) {
            vm.stack[base + i] = NULL_REF; // ownership moves to the store
            stores[i]!(f, items[i]!);
          }
          vm.sp = base;
        };
      }
    }
  }

  nameStore(id: string): StoreFn {
    const vm = this.vm;
    const heap = vm.heap;
    const r = this.scope.resolve(id);
    switch (r.kind) {
      case 'fast': {
        const slot = r.slot;
        return (f, v) => {
          const old = f.locals[slot]!;
          f.locals[slot] = v;
          if (old !== NULL_REF) heap.decref(old);
        };
      }
      case 'cell': {
        const slot = r.slot;
        return (f, v) => {
          cellSet(vm, f.locals[slot]!, v);
          heap.decref(v);
        };
      }
      case 'free': {
        const index = r.index;
        return (f, v) => {
          cellSet(vm, f.closure[index]!, v);
          heap.decref(v);
        };
      }
      case 'global': {
        const key = intern(vm, id);
        return (f, v) => {
          vm.push(v);
          dictSetStr(vm, f.globals, id, key, v);
          vm.sp--;
          heap.decref(v);
        };
      }
      case 'name': {
        const key = intern(vm, id);
        return (f, v) => {
          vm.push(v);
          dictSetStr(vm, f.namespace, id, key, v);
          vm.sp--;
          heap.decref(v);
        };
      }
    }
  }

  deleter(t: A.Target): (f: Frame) => void {
    const vm = this.vm;
    switch (t.kind) {
      case 'Name': {
        const id = t.id;
        const r = this.scope.resolve(id);
        if (r.kind === 'fast') {
          return (f) => {
            const old = f.locals[r.slot]!;
            if (old === NULL_REF) vm.raise('UnboundLocalError', vm.py2 || vm.version.minor < 11 ? `local variable '${id}' referenced before assignment` : `cannot access local variable '${id}' where it is not associated with a value`);
            f.locals[r.slot] = NULL_REF;
            vm.decref(old);
          };
        }
        if (r.kind === 'cell' || r.kind === 'free') {
          return (f) => {
            const cell = r.kind === 'cell' ? f.locals[r.slot]! : f.closure[r.index]!;
            if (cellGet(vm, cell) === NULL_REF) vm.raise('NameError', `free variable '${id}' referenced before assignment in enclosing scope`);
            vm.heap.setRef(cell, 0, NULL_REF);
          };
        }
        const key = intern(vm, id);
        return (f) => {
          const d = r.kind === 'global' ? f.globals : f.namespace;
          if (!dictDelete(vm, d, key)) vm.raise('NameError', vm.py2 && r.kind === 'global' ? `global name '${id}' is not defined` : `name '${id}' is not defined`);
        };
      }
      case 'Attribute': {
        const obj = this.expr(t.value);
        const name = t.attr;
        return (f) => {
          const o = obj(f);
          vm.push(o);
          delAttr(vm, o, name);
          vm.sp--;
          vm.decref(o);
        };
      }
      case 'Subscript': {
        const obj = this.expr(t.value);
        if (t.index.kind === 'Slice') {
          const slice = this.slice(t.index);
          return (f) => {
            const o = obj(f);
            vm.push(o);
            const base = vm.sp;
            delSlice(vm, o, slice(f));
            vm.unwindTo(base - 1);
          };
        }
        const index = this.expr(t.index);
        return (f) => {
          const o = obj(f);
          vm.push(o);
          const k = index(f);
          vm.push(k);
          delItem(vm, o, k);
          vm.unwindTo(vm.sp - 2);
        };
      }
      case 'Unpack': {
        const dels = t.elts.map((e) => this.deleter(e));
        return (f) => {
          for (const d of dels) d(f);
        };
      }
    }
  }

  /** `a OP= b` on borrowed operands: the in-place result (a new reference), as CPython's INPLACE_* opcodes. */
  inplaceOperation(op: A.BinaryOperator): (a: ObjId, b: ObjId) => ObjId {
    const vm = this.vm;
    const trueDiv = this.options.trueDivision;
    const intOp = isSmallIntOp(op) ? op : null;
    const inplaceName = INPLACE_NAMES[op === '/' && !trueDiv ? '/2' : op]!;
    const inplace = (a: ObjId, b: ObjId): ObjId => {
      // Small ints: the exact result without the generic path.
      if (intOp !== null) {
        const r = smallIntArith(vm, intOp, a, b);
        if (r !== NULL_REF) return r;
      }
      // set |= other (and &=, -=, ^=) updates the set in place (set.__ior__ ...).
      const ta = vm.heap.typeOf[a];
      if (ta === vm.t.set && (op === '|' || op === '&' || op === '-' || op === '^') && (vm.heap.typeOf[b] === vm.t.set || vm.heap.typeOf[b] === vm.t.frozenset)) {
        // In place, as set_update / set_difference_update / set_symmetric_difference_update
        // do it (so the table keeps CPython's order); &= takes the intersection's table.
        if (op === '|') mergeKeys(vm, a, b);
        else if (op === '-') {
          for (const k of dictEntries(vm, b, 1)) dictDelete(vm, a, k, 1);
          resizeAwayDummies(vm, a);
        } else if (op === '^') {
          for (const k of dictEntries(vm, b, 1)) if (!dictDelete(vm, a, k, 1)) setAdd(vm, a, k);
        } else {
          const r = setAlgebra(vm, op, a, b, false);
          vm.push(r);
          try {
            dictClear(vm, a);
            copySlots(vm, a, r);
          } finally {
            vm.sp--;
            vm.decref(r);
          }
        }
        vm.incref(a);
        return a;
      }
      // bytearray += bytes-like extends in place (bytearray.__iadd__).
      if (op === '+' && vm.heap.typeOf[a] === vm.t.bytearray && (vm.heap.typeOf[b] === vm.t.bytearray || vm.heap.typeOf[b] === vm.t.bytes || (vm.py2 && vm.heap.typeOf[b] === vm.t.str))) {
        extendByteArray(vm, a, b);
        vm.incref(a);
        return a;
      }
      // list += iterable extends in place (list.__iadd__).
      if (op === '+' && vm.heap.typeOf[a] === vm.t.list) {
        const items = iterateToArray(vm, b);
        try {
          for (const it of items) vm.listAppend(a, it);
        } finally {
          for (const it of items) vm.decref(it);
        }
        vm.incref(a);
        return a;
      }
      // An instance's own in-place method (__iadd__ ...); NotImplemented or none: a op b.
      if (ta === vm.t.instance || ta === vm.t['classic-instance']) {
        const m = lookupClassAttr(vm, vm.classOf(a), inplaceName);
        if (m !== NULL_REF) {
          const r = callMethod1(vm, a, inplaceName, b);
          if (r !== vm.builtins.get('NotImplemented')) return r;
          vm.decref(r);
        }
      }
      return binaryOp(vm, op, a, b, trueDiv, true);
    };
    return inplace;
  }

  private augAssign(s: A.AugAssign): StmtFn {
    const vm = this.vm;
    const value = this.expr(s.value);
    const inplace = this.inplaceOperation(s.op);
    const t = s.target;
    if (t.kind === 'Name') {
      const load = this.expr(t);
      const store = this.nameStore(t.id);
      const line = s.line;
      return (f) => {
        f.line = line;
        const a = load(f);
        vm.push(a);
        const b = value(f);
        vm.push(b);
        const r = inplace(a, b);
        vm.sp -= 2;
        vm.decref(a);
        vm.decref(b);
        store(f, r);
        return NORMAL;
      };
    }
    if (t.kind === 'Attribute') {
      const obj = this.expr(t.value);
      const name = t.attr;
      return (f) => {
        const o = obj(f);
        vm.push(o);
        const a = getAttr(vm, o, name);
        vm.push(a);
        const b = value(f);
        vm.push(b);
        const r = inplace(a, b);
        vm.push(r);
        setAttr(vm, o, name, r);
        vm.unwindTo(vm.sp - 4);
        return NORMAL;
      };
    }
    const obj = this.expr(t.value);
    const idx = t.index;
    if (idx.kind === 'Slice') throw new Error(`${this.options.file}:${t.line}: augmented assignment to a slice is not supported on the device`);
    const index = this.expr(idx);
    return (f) => {
      const o = obj(f);
      vm.push(o);
      const k = index(f);
      vm.push(k);
      const a = subscriptGet(vm, o, k);
      vm.push(a);
      const b = value(f);
      vm.push(b);
      const r = inplace(a, b);
      vm.push(r);
      setItem(vm, o, k, r);
      vm.unwindTo(vm.sp - 5);
      return NORMAL;
    };
  }

  // ---- control flow ----

  private ifStmt(s: A.If): StmtFn {
    const tests = s.branches.map((b) => this.test(b.test));
    const bodies = s.branches.map((b) => this.block(b.body));
    const orelse = s.orelse.length > 0 ? this.block(s.orelse) : null;
    const line = s.line;
    const lines = s.branches.map((b) => b.test.line);
    if (tests.length === 1) {
      const [test, body] = [tests[0]!, bodies[0]!];
      if (!orelse) {
        return (f) => {
          f.line = line;
          return test(f) ? body(f) : NORMAL;
        };
      }
      return (f) => {
        f.line = line;
        return test(f) ? body(f) : orelse(f);
      };
    }
    return (f) => {
      for (let i = 0; i < tests.length; i++) {
        f.line = lines[i]!;
        if (tests[i]!(f)) return bodies[i]!(f);
      }
      return orelse ? orelse(f) : NORMAL;
    };
  }

  private whileStmt(s: A.While): StmtFn {
    const vm = this.vm;
    const test = this.test(s.test);
    const body = this.block(s.body);
    const orelse = s.orelse.length > 0 ? this.block(s.orelse) : null;
    return (f) => {
      while (test(f)) {
        vm.tick();
        const c = body(f);
        if (c === BREAK) return NORMAL;
        if (c === RETURN) return c;
      }
      return orelse ? orelse(f) : NORMAL;
    };
  }

  private forStmt(s: A.For): StmtFn {
    const vm = this.vm;
    const heap = vm.heap;
    const iterable = this.expr(s.iter);
    const store = this.store(s.target);
    const body = this.block(s.body);
    const orelse = s.orelse.length > 0 ? this.block(s.orelse) : null;
    return (f) => {
      const it = pushIterator(vm, iterable(f));
      const state = vm.data[it] as { next(vm: Vm): ObjId };
      for (;;) {
        vm.tick();
        const v = state.next(vm);
        if (v === NULL_REF) break;
        store(f, v);
        const c = body(f);
        if (c === BREAK) {
          vm.sp--;
          heap.decref(it);
          return NORMAL;
        }
        if (c === RETURN) {
          vm.sp--;
          heap.decref(it);
          return c;
        }
      }
      vm.sp--;
      heap.decref(it);
      return orelse ? orelse(f) : NORMAL;
    };
  }

  // ---- exceptions ----

  /**
   * A try's except clauses apart from their bodies (the plain and the suspending forms share them).
   * `enter`: the clause that takes `e` (types evaluated in order), or -1; from then on `e` is
   * being handled (what a bare `raise` re-raises) and bound to the clause's name. `unbind`: the
   * body completed, so 3.x deletes the name. `leave`: the clause is left however it ends.
   */
  exceptClauses(handlers: A.ExceptHandler[]): { enter(f: Frame, e: PyException): number; unbind(f: Frame, i: number): void; leave(e: PyException): void } {
    const vm = this.vm;
    const types = handlers.map((h) => (h.type ? this.expr(h.type) : null));
    const stores = handlers.map((h) => (h.name ? this.nameStore(h.name) : null));
    const unbinds = handlers.map((h) => (h.name && !vm.py2 ? this.deleter({ kind: 'Name', id: h.name, line: h.line, col: h.col }) : null));
    const match = (f: Frame, e: PyException): number => {
      for (let i = 0; i < types.length; i++) {
        const type = types[i]!;
        if (type === null) return i;
        const spec = type(f);
        vm.push(spec);
        let matched: boolean;
        try {
          matched = matchesClass(vm, e.exc, spec);
        } finally {
          vm.sp--;
          vm.decref(spec);
        }
        if (matched) return i;
      }
      return -1;
    };
    const leave = (e: PyException): void => {
      vm.handling.pop();
      vm.decref(e.exc);
    };
    return {
      enter(f, e) {
        const i = match(f, e);
        if (i < 0) return i;
        vm.handling.push(e.exc);
        const store = stores[i];
        if (store) {
          vm.incref(e.exc);
          try {
            store(f, e.exc);
          } catch (x) {
            leave(e);
            throw x;
          }
        }
        return i;
      },
      unbind(f, i) {
        const unbind = unbinds[i];
        if (!unbind) return;
        try {
          unbind(f);
        } catch (u) {
          if (!(u instanceof PyException)) throw u;
          vm.decref(u.exc);
        }
      },
      leave,
    };
  }

  private tryStmt(s: A.Try): StmtFn {
    const vm = this.vm;
    const body = this.block(s.body);
    const clauses = this.exceptClauses(s.handlers);
    const bodies = s.handlers.map((h) => this.block(h.body));
    const orelse = s.orelse.length > 0 ? this.block(s.orelse) : null;
    const finalbody = s.finalbody.length > 0 ? this.block(s.finalbody) : null;
    const handle = (f: Frame, e: PyException): number => {
      const i = clauses.enter(f, e);
      if (i < 0) throw e;
      try {
        const c = bodies[i]!(f);
        clauses.unbind(f, i);
        return c;
      } finally {
        clauses.leave(e);
      }
    };
    return (f) => {
      const sp = vm.sp;
      let completion = NORMAL;
      let pending: PyException | null = null;
      try {
        completion = body(f);
        if (completion === NORMAL && orelse) completion = orelse(f);
      } catch (e) {
        if (!(e instanceof PyException)) throw e;
        vm.unwindTo(sp);
        addTraceback(vm, e, f);
        if (bodies.length > 0) {
          try {
            completion = handle(f, e);
          } catch (e2) {
            if (!(e2 instanceof PyException) || !finalbody) throw e2;
            pending = e2;
          }
        } else pending = e;
      }
      if (finalbody) {
        let c: number;
        try {
          c = finalbody(f);
        } catch (e3) {
          if (pending && e3 instanceof PyException) vm.decref(pending.exc);
          throw e3;
        }
        if (c !== NORMAL) {
          // return/break in finally discards the pending exception (and a pending return value).
          if (pending) vm.decref(pending.exc);
          return c;
        }
      }
      if (pending) throw pending;
      return completion;
    };
  }

  private raiseStmt(s: A.Raise): StmtFn {
    const vm = this.vm;
    const exc = s.exc ? this.expr(s.exc) : null;
    const legacy = s.legacyValue ? this.expr(s.legacyValue) : null;
    const cause = s.cause ? this.expr(s.cause) : null;
    return (f) => {
      if (!exc) {
        const current = vm.handling[vm.handling.length - 1];
        if (current === undefined) {
          if (vm.py2) vm.raise('TypeError', 'exceptions must be old-style classes or derived from BaseException, not NoneType');
          return vm.raise('RuntimeError', 'No active exception to reraise');
        }
        vm.incref(current);
        throw new PyException(current);
      }
      const v = exc(f);
      vm.push(v);
      const causeValue = cause ? cause(f) : NULL_REF;
      if (causeValue !== NULL_REF) vm.push(causeValue);
      let instance: ObjId;
      if (vm.heap.typeOf[v] === vm.t.class) {
        if (!vm.classInfo(v).isException) badRaise(vm, v);
        const base = vm.sp;
        if (legacy) {
          const lv = legacy(f);
          if (vm.heap.typeOf[lv] === vm.t.tuple) {
            for (const it of vm.items(lv)) {
              vm.incref(it);
              vm.push(it);
            }
            vm.decref(lv);
          } else vm.push(lv);
        }
        instance = callObject(vm, v, base, vm.sp - base, null);
        vm.unwindTo(base);
      } else {
        const cls = vm.classOf(v);
        if (!vm.classInfo(cls).isException) badRaise(vm, v);
        vm.incref(v);
        instance = v;
      }
      if (!vm.py2) {
        // PEP 3134: `from` sets __cause__ (and suppresses the context); raising while
        // handling another exception records it as __context__.
        if (causeValue !== NULL_REF) {
          instanceSet(vm, instance, '__cause__', causeValue);
          vm.data[instance] = { suppressContext: true };
        }
        const handling = vm.handling[vm.handling.length - 1];
        if (handling !== undefined && handling !== instance && instanceGet(vm, instance, '__context__') === NULL_REF) {
          instanceSet(vm, instance, '__context__', handling);
        }
      }
      if (causeValue !== NULL_REF) {
        vm.sp--;
        vm.decref(causeValue);
      }
      vm.sp--;
      vm.decref(v);
      throw new PyException(instance);
    };
  }

  private withStmt(s: A.With): StmtFn {
    const vm = this.vm;
    if (s.items.length > 1) {
      const [first, ...rest] = s.items;
      return this.withStmt({ ...s, items: [first!], body: [{ ...s, items: rest }] });
    }
    const item = s.items[0]!;
    const mgrFn = this.expr(item.expr);
    const store = item.asName ? this.nameStore(item.asName) : null;
    const body = this.block(s.body);
    return (f) => {
      const entered = enterContext(vm, mgrFn(f));
      if (store) store(f, entered);
      else vm.decref(entered);
      const sp = vm.sp;
      let completion: number;
      try {
        completion = body(f);
      } catch (e) {
        if (!(e instanceof PyException)) throw e;
        if (!exitContextOnError(vm, e, sp)) throw e;
        return NORMAL;
      }
      exitContext(vm, sp);
      return completion;
    };
  }

  private printStmt(s: A.Print): StmtFn {
    const vm = this.vm;
    const values = s.values.map((v) => this.expr(v));
    const dest = s.dest ? this.expr(s.dest) : null;
    const newline = !s.trailingComma;
    return (f) => {
      // Each piece is a str's bytes or (a unicode item) text; see runtime/output.ts.
      let write = (text: string, bytes: boolean) => vm.writeOut(text, bytes);
      let d = NULL_REF;
      if (dest) {
        d = dest(f);
        vm.push(d);
        if (d !== vm.None) {
          const target = d;
          write = (text: string, bytes: boolean) => {
            const m = getAttr(vm, target, 'write');
            const str = bytes ? vm.newNativeStr(text) : vm.newStr(text, true);
            const base = vm.sp;
            vm.push(str);
            try {
              vm.decref(callObject(vm, m, base, 1, null));
            } finally {
              vm.unwindTo(base);
              vm.decref(m);
            }
          };
        }
      }
      for (const v of values) {
        const o = v(f);
        vm.push(o);
        const text = strOf(vm, o);
        const bytes = vm.writesBytes(o);
        vm.sp--;
        vm.decref(o);
        if (vm.softspace) write(' ', true);
        write(text, bytes);
        const last = text[text.length - 1];
        vm.softspace = !(text.length > 0 && (last === '\n' || last === '\t' || last === '\r' || last === '\x0b' || last === '\x0c')) || text.length === 0;
      }
      if (newline) {
        write('\n', true);
        vm.softspace = false;
      }
      if (dest) {
        vm.sp--;
        vm.decref(d);
      }
      return NORMAL;
    };
  }

  // ---- imports ----

  private importStmt(s: A.Import): StmtFn {
    const vm = this.vm;
    const parts = s.names.map((a) => ({ name: a.name, store: this.nameStore(a.asName ?? a.name.split('.')[0]!) }));
    return (f) => {
      for (const p of parts) p.store(f, importModule(vm, p.name));
      return NORMAL;
    };
  }

  private importFrom(s: A.ImportFrom): StmtFn {
    const vm = this.vm;
    if (s.module === '__future__') return () => NORMAL;
    const names = s.names.map((a) => ({ name: a.name, store: this.nameStore(a.asName ?? a.name) }));
    const moduleName = s.module;
    const star = s.star;
    return (f) => {
      const mod = importModule(vm, moduleName);
      vm.push(mod);
      try {
        if (star) {
          const info = vm.data[mod] as ModuleInfo;
          for (const name of info.table.strIndex.keys()) {
            if (name.startsWith('_')) continue;
            const v = dictGetStr(vm, info.dict, info.table, name);
            vm.incref(v);
            this.nameStore(name)(f, v);
          }
        }
        for (const n of names) {
          const v = getAttrOrImportError(vm, mod, n.name, moduleName);
          n.store(f, v);
        }
      } finally {
        vm.sp--;
        vm.decref(mod);
      }
      return NORMAL;
    };
  }

  // ---- classes ----

  private classDef(s: A.ClassDef): StmtFn {
    const vm = this.vm;
    const bases = s.bases.map((b) => this.expr(b));
    const { code, freeNames } = this.codes.classBody(s, this.scope);
    const cellSources = freeNames.map((n) => {
      const r = this.scope.resolve(n);
      return (f: Frame) => (r.kind === 'cell' ? f.locals[r.slot]! : r.kind === 'free' ? f.closure[r.index]! : NULL_REF);
    });
    const store = this.nameStore(s.name);
    const name = s.name;
    return (f) => {
      const base = bases.length > 0 ? bases[0]!(f) : NULL_REF;
      if (base !== NULL_REF) vm.push(base);
      if (base !== NULL_REF && vm.heap.typeOf[base] !== vm.t.class) {
        return vm.raise('TypeError', vm.py2 ? 'Error when calling the metaclass bases' : `bases must be types`);
      }
      const classic = vm.py2 && (base === NULL_REF ? true : vm.classInfo(base).classic);
      const realBase = base === NULL_REF && !vm.py2 ? vm.classes.get('object')! : base;
      const ns = newDict(vm);
      vm.push(ns);
      const modName = vm.newNativeStr('__main__');
      dictSetStr(vm, ns, '__module__', intern(vm, '__module__'), modName);
      vm.decref(modName);
      const cf = new Frame(code, f.globals, f.globalsTable, cellSources.map((c) => c(f)), f);
      cf.namespace = ns;
      cf.namespaceTable = vm.data[ns] as DictTable;
      const py2Frame = vm.py2 ? allocFrameObject(vm, code, false) : NULL_REF;
      try {
        code.body(cf);
      } catch (e) {
        if (e instanceof PyException) e.traceback.push({ file: code.file, line: cf.line, name: name });
        throw e;
      } finally {
        if (py2Frame !== NULL_REF) vm.decref(py2Frame);
      }
      const cls = makeClass(vm, name, realBase, ns, { classic });
      vm.sp--;
      vm.decref(ns);
      if (base !== NULL_REF) {
        vm.sp--;
        vm.decref(base);
      }
      store(f, cls);
      return NORMAL;
    };
  }
}

function getAttrOrImportError(vm: Vm, mod: ObjId, name: string, moduleName: string): ObjId {
  const info = vm.data[mod] as ModuleInfo;
  const v = dictGetStr(vm, info.dict, info.table, name);
  if (v === NULL_REF) vm.raise('ImportError', vm.py2 ? `cannot import name ${name}` : `cannot import name '${name}' from '${moduleName}'`);
  vm.incref(v);
  return v;
}

function badRaise(vm: Vm, v: ObjId): never {
  void v;
  return vm.raise('TypeError', vm.py2 ? 'exceptions must be old-style classes or derived from BaseException, not ' + vm.typeNameOf(v) : 'exceptions must derive from BaseException');
}

function unpackError(vm: Vm, got: number, want: number): never {
  if (got > want) vm.raise('ValueError', vm.py2 ? 'too many values to unpack' : `too many values to unpack (expected ${want})`);
  return vm.raise('ValueError', vm.py2 ? `need more than ${got} value${got === 1 ? '' : 's'} to unpack` : `not enough values to unpack (expected ${want}, got ${got})`);
}

function subscriptGet(vm: Vm, o: ObjId, k: ObjId): ObjId {
  return getItemImpl(vm, o, k);
}

import { getItem as getItemImpl } from '../runtime/sequences.js';
export { newSet, setAdd, dictSet, DeviceStop, type CodeObject, type ExprFn };

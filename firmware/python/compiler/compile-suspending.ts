// The suspending (generator) form of the code that may reach time.sleep in an app's task
// (runtime/suspend.ts explains the design; suspension.ts finds that code). Only the
// statements on the way to a suspension point become generators: the suspending call
// itself, and the compound statements around it. Every other statement is the plain
// closure the StmtCompiler makes, so a loop that sleeps once a minute runs its work at
// full speed. Constants and code objects are shared with the plain form (code-factory.ts).

import { NULL_REF, type ObjId } from '../../memory/index.js';
import type * as A from '../syntax/ast.js';
import { PyException } from '../runtime/errors.js';
import { BREAK, NORMAL, RETURN, type Frame } from '../runtime/frame.js';
import { methodSite, resolveMethodCall } from '../runtime/call-sites.js';
import { pushIterator } from '../runtime/sequences.js';
import { callFunctionGen, callObjectGen, type GenStmtFn, type Suspending } from '../runtime/suspend.js';
import { addTraceback } from '../runtime/tracebacks.js';
import { enterContext, exitContext, exitContextOnError } from '../runtime/context-managers.js';
import type { Vm } from '../runtime/vm.js';
import type { StmtCompiler } from './compile-stmt.js';
import { childBlocks, statementCall, type SuspensionPlan } from './suspension.js';

type GenExprFn = (f: Frame) => Suspending<ObjId>;

export class SuspendingCompiler {
  private readonly vm: Vm;

  constructor(
    private readonly c: StmtCompiler,
    private readonly plan: SuspensionPlan,
  ) {
    this.vm = c.vm;
  }

  /** Whether a statement contains a suspension point (outside the functions and classes it defines). */
  suspends(s: A.Stmt): boolean {
    const call = statementCall(s);
    if (call && this.plan.calls.has(call)) return true;
    if (s.kind === 'FunctionDef' || s.kind === 'ClassDef') return false;
    return childBlocks(s).some((b) => b.some((x) => this.suspends(x)));
  }

  /** The generator form of a block (a block without suspension points runs its plain form). */
  block(body: A.Stmt[]): GenStmtFn {
    if (!body.some((s) => this.suspends(s))) {
      const plain = this.c.block(body);
      return function* (f) {
        return plain(f);
      };
    }
    const parts = body.map((s) => (this.suspends(s) ? { gen: this.stmt(s), plain: null } : { gen: null, plain: this.c.stmt(s) }));
    return function* (f) {
      for (let i = 0; i < parts.length; i++) {
        const p = parts[i]!;
        const c = p.gen !== null ? yield* p.gen(f) : p.plain!(f);
        if (c !== NORMAL) return c;
      }
      return NORMAL;
    };
  }

  private stmt(s: A.Stmt): GenStmtFn {
    const vm = this.vm;
    const line = s.line;
    switch (s.kind) {
      case 'ExprStmt': {
        const call = this.call(s.value as A.Call);
        return function* (f) {
          f.line = line;
          vm.decref(yield* call(f));
          return NORMAL;
        };
      }
      case 'Assign': {
        const call = this.call(s.value as A.Call);
        const stores = s.targets.map((t) => this.c.store(t));
        return function* (f) {
          f.line = line;
          const v = yield* call(f);
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
      case 'Return': {
        const call = this.call(s.value as A.Call);
        return function* (f) {
          f.line = line;
          const v = yield* call(f);
          const old = f.retval;
          f.retval = v;
          if (old !== NULL_REF) vm.decref(old); // a return inside finally replaces the pending one
          return RETURN;
        };
      }
      case 'If': return this.ifStmt(s);
      case 'While': return this.whileStmt(s);
      case 'For': return this.forStmt(s);
      case 'Try': return this.tryStmt(s);
      case 'With': return this.withStmt(s);
      default: throw new Error(`compiler: ${s.kind} has no suspending form`);
    }
  }

  private ifStmt(s: A.If): GenStmtFn {
    const tests = s.branches.map((b) => this.c.test(b.test));
    const bodies = s.branches.map((b) => this.block(b.body));
    const orelse = s.orelse.length > 0 ? this.block(s.orelse) : null;
    const lines = s.branches.map((b) => b.test.line);
    return function* (f) {
      for (let i = 0; i < tests.length; i++) {
        f.line = lines[i]!;
        if (tests[i]!(f)) return yield* bodies[i]!(f);
      }
      return orelse ? yield* orelse(f) : NORMAL;
    };
  }

  private whileStmt(s: A.While): GenStmtFn {
    const vm = this.vm;
    const test = this.c.test(s.test);
    const body = this.block(s.body);
    const orelse = s.orelse.length > 0 ? this.block(s.orelse) : null;
    const line = s.line;
    return function* (f) {
      f.line = line;
      while (test(f)) {
        vm.tick();
        const c = yield* body(f);
        if (c === BREAK) return NORMAL;
        if (c === RETURN) return c;
      }
      return orelse ? yield* orelse(f) : NORMAL;
    };
  }

  private forStmt(s: A.For): GenStmtFn {
    const vm = this.vm;
    const heap = vm.heap;
    const iterable = this.c.expr(s.iter);
    const store = this.c.store(s.target);
    const body = this.block(s.body);
    const orelse = s.orelse.length > 0 ? this.block(s.orelse) : null;
    const line = s.line;
    return function* (f) {
      f.line = line;
      const it = pushIterator(vm, iterable(f));
      const state = vm.data[it] as { next(vm: Vm): ObjId };
      for (;;) {
        vm.tick();
        const v = state.next(vm);
        if (v === NULL_REF) break;
        store(f, v);
        const c = yield* body(f);
        if (c === BREAK || c === RETURN) {
          vm.sp--;
          heap.decref(it);
          return c === BREAK ? NORMAL : c;
        }
      }
      vm.sp--;
      heap.decref(it);
      return orelse ? yield* orelse(f) : NORMAL;
    };
  }

  private tryStmt(s: A.Try): GenStmtFn {
    const vm = this.vm;
    const body = this.block(s.body);
    const clauses = this.c.exceptClauses(s.handlers);
    const bodies = s.handlers.map((h) => this.block(h.body));
    const orelse = s.orelse.length > 0 ? this.block(s.orelse) : null;
    const finalbody = s.finalbody.length > 0 ? this.block(s.finalbody) : null;
    const line = s.line;
    function* handle(f: Frame, e: PyException): Suspending<number> {
      const i = clauses.enter(f, e);
      if (i < 0) throw e;
      try {
        const c = yield* bodies[i]!(f);
        clauses.unbind(f, i);
        return c;
      } finally {
        clauses.leave(e);
      }
    }
    return function* (f) {
      f.line = line;
      const sp = vm.sp;
      let completion = NORMAL;
      let pending: PyException | null = null;
      try {
        completion = yield* body(f);
        if (completion === NORMAL && orelse) completion = yield* orelse(f);
      } catch (e) {
        if (!(e instanceof PyException)) throw e;
        vm.unwindTo(sp);
        addTraceback(vm, e, f);
        if (bodies.length > 0) {
          try {
            completion = yield* handle(f, e);
          } catch (e2) {
            if (!(e2 instanceof PyException) || !finalbody) throw e2;
            pending = e2;
          }
        } else pending = e;
      }
      if (finalbody) {
        let c: number;
        try {
          c = yield* finalbody(f);
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

  private withStmt(s: A.With): GenStmtFn {
    const vm = this.vm;
    if (s.items.length > 1) {
      const [first, ...rest] = s.items;
      return this.withStmt({ ...s, items: [first!], body: [{ ...s, items: rest }] });
    }
    const item = s.items[0]!;
    const mgrFn = this.c.expr(item.expr);
    const store = item.asName ? this.c.nameStore(item.asName) : null;
    const body = this.block(s.body);
    const line = s.line;
    return function* (f) {
      f.line = line;
      const entered = enterContext(vm, mgrFn(f));
      if (store) store(f, entered);
      else vm.decref(entered);
      const sp = vm.sp;
      let completion: number;
      try {
        completion = yield* body(f);
      } catch (e) {
        if (!(e instanceof PyException)) throw e;
        if (!exitContextOnError(vm, e, sp)) throw e;
        return NORMAL;
      }
      exitContext(vm, sp);
      return completion;
    };
  }

  /** A suspending call: as the plain one (compile-expr.ts), through callObjectGen / callFunctionGen. */
  private call(e: A.Call): GenExprFn {
    const vm = this.vm;
    const { pushArgs, kwNames } = this.c.callArguments(e);
    if (e.func.kind === 'Attribute') {
      // obj.method(args): no bound method is made, as in the plain form.
      const objFn = this.c.expr(e.func.value);
      const site = methodSite(vm, e.func.attr);
      return function* (f) {
        const obj = objFn(f);
        vm.push(obj);
        const fn = resolveMethodCall(vm, site, obj);
        const native = fn === NULL_REF ? site.native : null;
        const callee = fn === NULL_REF && native === null ? site.callee : NULL_REF;
        const base = vm.sp;
        const argc = pushArgs(f);
        const r = fn !== NULL_REF ? yield* callFunctionGen(vm, fn, base, argc, kwNames, obj) : native !== null ? native(vm, base, argc, kwNames, obj) : yield* callObjectGen(vm, callee, base, argc, kwNames);
        vm.unwindTo(callee !== NULL_REF ? base - 2 : base - 1);
        return r;
      };
    }
    const fnExpr = this.c.expr(e.func);
    return function* (f) {
      const callee = fnExpr(f);
      vm.push(callee);
      const base = vm.sp;
      const argc = pushArgs(f);
      const r = yield* callObjectGen(vm, callee, base, argc, kwNames);
      vm.unwindTo(base - 1);
      return r;
    };
  }
}


// Expressions compiled to closures: each node becomes `(frame) => ObjId`, returning a
// new reference. Temporaries that must survive the evaluation of a sibling are parked
// on the VM's value stack, so that an exception anywhere releases them (the handler
// unwinds the stack), exactly as CPython's value stack does.

import { NULL_REF, type ObjId } from '../../memory/index.js';
import type * as A from '../syntax/ast.js';
import type { DictTable } from '../runtime/dict-table.js';
import { dictEntries, dictGetStr, dictSet, mergeKeys, newDict, newSet, presizeDisplay, setAdd } from '../runtime/dicts.js';
import type { ExprFn, Frame } from '../runtime/frame.js';
import { callFunction, callObject, cellGet, newCell } from '../runtime/objects.js';
import { binaryOp, contains, equals, isSmallIntOp, notEquals, orderCompare, smallIntArith, truthy, unaryOp, type SmallIntOp } from '../runtime/ops.js';
import { getItem, getIter, getSlice, iterNext, type SliceSpec } from '../runtime/sequences.js';
import { formatValue } from '../runtime/formatting.js';
import { strOf, reprOf } from '../runtime/text.js';
import type { FunctionInfo, KwArgs, Vm } from '../runtime/vm.js';
import type { Scope } from './scope.js';
import { makeFunction } from '../runtime/functions.js';
import { wrapsCode } from '../runtime/descriptors.js';
import type { CodeFactory } from './code-factory.js';
import { attributeSite, loadAttribute, methodSite, resolveMethodCall } from '../runtime/call-sites.js';

export interface CompileOptions {
  file: string;
  /** `/` is true division (Python 3, or `from __future__ import division`). */
  trueDivision: boolean;
  /** The >>> prompt: module-level expression statements print their value's repr. */
  interactive?: boolean;
  /** Closures only, no emitted JavaScript (compile-js.ts): tests compare the two forms. */
  closuresOnly?: boolean;
}

export class ExprCompiler {
  constructor(
    readonly vm: Vm,
    readonly scope: Scope,
    readonly options: CompileOptions,
    readonly codes: CodeFactory,
  ) {}

  expr(e: A.Expr): ExprFn {
    switch (e.kind) {
      case 'Name': return this.name(e);
      case 'None': return this.constant(this.vm.None);
      case 'Bool': return this.constant(e.value ? this.vm.True : this.vm.False);
      case 'Int':
      case 'Float':
      case 'Str':
        return this.constant(this.constObject(e));
      case 'JoinedStr': return this.joinedStr(e);
      case 'List': return this.listDisplay(e.elts);
      case 'Tuple': return this.tupleDisplay(e);
      case 'Set': return this.setDisplay(e.elts);
      case 'Dict': return this.dictDisplay(e);
      case 'ListComp':
      case 'SetComp':
      case 'DictComp':
        return this.comprehension(e);
      case 'BinOp': return this.binOp(e);
      case 'UnaryOp': return this.unary(e);
      case 'BoolOp': return this.boolOp(e);
      case 'Compare': return this.compare(e);
      case 'IfExp': return this.ifExp(e);
      case 'Lambda': return this.lambda(e);
      case 'Call': return this.call(e);
      case 'Attribute': return this.attribute(e);
      case 'Subscript': return this.subscript(e);
    }
  }

  // ---- constants ----

  /** A constant is created once, when the code is compiled, and held by the code (co_consts). */
  constObject(e: A.Int | A.Float | A.Str | A.NoneLiteral | A.Bool | A.Tuple): ObjId {
    const cached = this.codes.constCache.get(e);
    if (cached !== undefined) return cached;
    const o = this.makeConstant(e);
    this.codes.constCache.set(e, o);
    return o;
  }

  private makeConstant(e: A.Int | A.Float | A.Str | A.NoneLiteral | A.Bool | A.Tuple): ObjId {
    const vm = this.vm;
    switch (e.kind) {
      case 'None': return vm.None;
      case 'Bool': return e.value ? vm.True : vm.False;
      case 'Int': {
        const o = e.long ? vm.newLong(e.value) : vm.newBigInt(e.value);
        return this.keep(o);
      }
      case 'Float': return this.keep(vm.newFloat(e.value));
      case 'Str': return this.keep(e.isBytes ? vm.newBytes(e.value) : vm.newStr(e.value, true));
      case 'Tuple': return this.keep(vm.newTupleOwned(e.elts.map((x) => {
        const o = this.constObject(x as A.Int);
        vm.incref(o);
        return o;
      })));
    }
  }

  private keep(o: ObjId): ObjId {
    this.codes.constants.push(o);
    return o;
  }

  private isConstant(e: A.Expr): boolean {
    if (e.kind === 'Int' || e.kind === 'Float' || e.kind === 'Str' || e.kind === 'None' || e.kind === 'Bool') return true;
    return e.kind === 'Tuple' && e.elts.every((x) => this.isConstant(x));
  }

  constant(o: ObjId): ExprFn {
    const heap = this.vm.heap;
    return () => {
      heap.refcnt[o]!++;
      return o;
    };
  }

  // ---- names ----

  private name(e: A.Name): ExprFn {
    const vm = this.vm;
    const heap = vm.heap;
    const id = e.id;
    const r = this.scope.resolve(id);
    switch (r.kind) {
      case 'fast': {
        const slot = r.slot;
        return (f) => {
          const v = f.locals[slot]!;
          if (v === NULL_REF) unboundLocal(vm, id);
          heap.refcnt[v]!++;
          return v;
        };
      }
      case 'cell': {
        const slot = r.slot;
        return (f) => {
          const v = cellGet(vm, f.locals[slot]!);
          if (v === NULL_REF) unboundLocal(vm, id);
          heap.refcnt[v]!++;
          return v;
        };
      }
      case 'free': {
        const index = r.index;
        return (f) => {
          const v = cellGet(vm, f.closure[index]!);
          if (v === NULL_REF) vm.raise('NameError', `free variable '${id}' referenced before assignment in enclosing scope`);
          heap.refcnt[v]!++;
          return v;
        };
      }
      case 'global':
        return (f) => {
          let v = dictGetStr(vm, f.globals, f.globalsTable, id);
          if (v === NULL_REF) v = builtinOrRaise(vm, id, true);
          heap.refcnt[v]!++;
          return v;
        };
      case 'name':
        return (f) => {
          let v = NULL_REF;
          if (f.namespaceTable) v = dictGetStr(vm, f.namespace, f.namespaceTable, id);
          if (v === NULL_REF) v = dictGetStr(vm, f.globals, f.globalsTable, id);
          if (v === NULL_REF) v = builtinOrRaise(vm, id, false);
          heap.refcnt[v]!++;
          return v;
        };
    }
  }

  // ---- displays ----

  private listDisplay(elts: A.Expr[]): ExprFn {
    const vm = this.vm;
    const items = elts.map((x) => this.expr(x));
    return (f) => {
      const list = vm.newList();
      vm.push(list);
      for (let i = 0; i < items.length; i++) {
        const v = items[i]!(f);
        vm.push(v);
        vm.listAppend(list, v);
        vm.sp--;
        vm.decref(v);
      }
      vm.sp--;
      return list;
    };
  }

  private tupleDisplay(e: A.Tuple): ExprFn {
    if (this.isConstant(e)) return this.constant(this.constObject(e));
    const vm = this.vm;
    const items = e.elts.map((x) => this.expr(x));
    return (f) => {
      const base = vm.sp;
      for (let i = 0; i < items.length; i++) vm.push(items[i]!(f));
      const owned = vm.stack.slice(base, vm.sp);
      vm.sp = base;
      return vm.newTupleOwned(owned);
    };
  }

  /** What CPython 3's compiler folds to a constant (literals, and operators over them). */
  private foldable(e: A.Expr): boolean {
    if (this.isConstant(e)) return true;
    if (e.kind === 'UnaryOp') return e.op !== 'not' && this.foldable(e.operand);
    if (e.kind === 'BinOp') return this.foldable(e.left) && this.foldable(e.right);
    if (e.kind === 'Tuple') return e.elts.every((x) => this.foldable(x));
    return false;
  }

  private setDisplay(elts: A.Expr[]): ExprFn {
    const vm = this.vm;
    const items = elts.map((x) => this.expr(x));
    // Python 3 compiles a display of three or more constants to a frozenset constant (built
    // from the items, then rebuilt in that set's order when the code's constants are merged)
    // that the new set is updated from: the set's table order is that one's.
    const viaConstant = !vm.py2 && elts.length > 2 && elts.every((x) => this.foldable(x));
    return (f) => {
      const set = newSet(vm);
      vm.push(set);
      const target = viaConstant ? newSet(vm, true) : set;
      if (viaConstant) vm.push(target);
      for (let i = 0; i < items.length; i++) {
        const v = items[i]!(f);
        vm.push(v);
        setAdd(vm, target, v);
        vm.sp--;
        vm.decref(v);
      }
      if (viaConstant) {
        const merged = newSet(vm, true);
        vm.push(merged);
        for (const k of dictEntries(vm, target, 1)) setAdd(vm, merged, k);
        mergeKeys(vm, set, merged);
        vm.sp -= 2;
        vm.decref(merged);
        vm.decref(target);
      }
      vm.sp--;
      return set;
    };
  }

  private dictDisplay(e: A.Dict): ExprFn {
    const vm = this.vm;
    const keys = e.keys.map((x) => this.expr(x));
    const values = e.values.map((x) => this.expr(x));
    const n = keys.length;
    return (f) => {
      const d = newDict(vm);
      vm.push(d);
      presizeDisplay(vm, d, n);
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i]!(f);
        vm.push(k);
        const v = values[i]!(f);
        vm.push(v);
        dictSet(vm, d, k, v);
        vm.sp -= 2;
        vm.decref(k);
        vm.decref(v);
      }
      vm.sp--;
      return d;
    };
  }

  // ---- operators ----

  private binOp(e: A.BinOp): ExprFn {
    const vm = this.vm;
    const heap = vm.heap;
    const left = this.expr(e.left);
    const right = this.expr(e.right);
    const op = e.op;
    const trueDiv = this.options.trueDivision;
    const intType = vm.t.int;
    const data = vm.data;
    if (isSmallIntOp(op)) {
      if (e.right.kind === 'Int' && !e.right.long) {
        const c = this.constObject(e.right);
        if (heap.typeOf[c] === intType && typeof data[c] === 'number') return this.binOpIntConstant(op, left, c);
      }
      // Small ints stay numbers: the exact result is known without bigints.
      return (f) => {
        const a = left(f);
        vm.stack[vm.sp++] = a;
        const b = right(f);
        vm.stack[vm.sp++] = b;
        let r = smallIntArith(vm, op, a, b);
        if (r === NULL_REF) r = binaryOp(vm, op, a, b, trueDiv);
        vm.sp -= 2;
        heap.decref(a);
        heap.decref(b);
        return r;
      };
    }
    return (f) => {
      const a = left(f);
      vm.stack[vm.sp++] = a;
      const b = right(f);
      vm.stack[vm.sp++] = b;
      const r = binaryOp(vm, op, a, b, trueDiv);
      vm.sp -= 2;
      heap.decref(a);
      heap.decref(b);
      return r;
    };
  }

  /**
   * `x OP n` with a small int constant `n` (`i + 1`, `t % 25000`, `v // 16`): the constant is
   * read in place (no call, no reference taken) and small ints stay numbers; anything else
   * goes through binaryOp as in the general form.
   */
  private binOpIntConstant(op: SmallIntOp, left: ExprFn, c: ObjId): ExprFn {
    const vm = this.vm;
    const heap = vm.heap;
    const trueDiv = this.options.trueDivision;
    return (f) => {
      const a = left(f);
      vm.stack[vm.sp++] = a;
      let r = smallIntArith(vm, op, a, c);
      if (r === NULL_REF) r = binaryOp(vm, op, a, c, trueDiv);
      vm.sp--;
      heap.decref(a);
      return r;
    };
  }

  private unary(e: A.UnaryOp): ExprFn {
    const vm = this.vm;
    const operand = this.expr(e.operand);
    if (e.op === 'not') {
      return (f) => {
        const v = operand(f);
        vm.push(v);
        const t = truthy(vm, v);
        vm.sp--;
        vm.decref(v);
        return vm.bool(!t);
      };
    }
    const op = e.op;
    return (f) => {
      const v = operand(f);
      vm.push(v);
      const r = unaryOp(vm, op, v);
      vm.sp--;
      vm.decref(v);
      return r;
    };
  }

  private boolOp(e: A.BoolOp): ExprFn {
    const vm = this.vm;
    const values = e.values.map((x) => this.expr(x));
    const isAnd = e.op === 'and';
    return (f) => {
      let v = NULL_REF;
      for (let i = 0; i < values.length; i++) {
        v = values[i]!(f);
        if (i === values.length - 1) return v;
        vm.push(v);
        const t = truthy(vm, v);
        vm.sp--;
        if (t !== isAnd) return v;
        vm.decref(v);
      }
      return v;
    };
  }

  /** A comparison of one operator as a boolean (the `if`/`while` test, or compare() boxes it). */
  private compareTest(e: A.Compare): (f: Frame) => boolean {
    const vm = this.vm;
    const heap = vm.heap;
    const intType = vm.t.int;
    const data = vm.data;
    const op = e.ops[0]!;
    const left = this.expr(e.left);
    const right = this.expr(e.comparators[0]!);
    const slow = (a: ObjId, b: ObjId): boolean => compareObjects(vm, op, a, b);
    const ints = (x: number, y: number): boolean => {
      switch (op) {
        case '<': return x < y;
        case '<=': return x <= y;
        case '>': return x > y;
        case '>=': return x >= y;
        case '==': return x === y;
        default: return x !== y; // '!=' (only the six numeric operators come here)
      }
    };
    const numeric = op === '<' || op === '<=' || op === '>' || op === '>=' || op === '==' || op === '!=';
    const rc = e.comparators[0]!;
    if (numeric && rc.kind === 'Int' && !rc.long) {
      // `x < n` with a small int constant: read in place, as binOpIntConstant does.
      const c = this.constObject(rc);
      const y = data[c];
      if (heap.typeOf[c] === intType && typeof y === 'number') {
        return (f) => {
          const a = left(f);
          vm.stack[vm.sp++] = a;
          const x = data[a];
          const r = heap.typeOf[a] === intType && typeof x === 'number' ? ints(x, y) : slow(a, c);
          vm.sp--;
          heap.decref(a);
          return r;
        };
      }
    }
    return (f) => {
      const a = left(f);
      vm.stack[vm.sp++] = a;
      const b = right(f);
      vm.stack[vm.sp++] = b;
      let r: boolean;
      if (numeric && heap.typeOf[a] === intType && heap.typeOf[b] === intType && typeof data[a] === 'number' && typeof data[b] === 'number') {
        r = ints(data[a] as number, data[b] as number);
      } else r = slow(a, b);
      vm.sp -= 2;
      heap.decref(a);
      heap.decref(b);
      return r;
    };
  }

  private compare(e: A.Compare): ExprFn {
    const vm = this.vm;
    if (e.ops.length === 1) {
      const t = this.compareTest(e);
      return (f) => vm.bool(t(f));
    }
    const operands = [this.expr(e.left), ...e.comparators.map((c) => this.expr(c))];
    const ops = e.ops;
    const test = (op: A.CompareOperator, a: ObjId, b: ObjId): boolean => compareObjects(vm, op, a, b);
    return (f) => {
      let a = operands[0]!(f);
      vm.push(a);
      for (let i = 0; i < ops.length; i++) {
        const b = operands[i + 1]!(f);
        vm.push(b);
        const r = test(ops[i]!, a, b);
        vm.sp -= 2;
        vm.decref(a);
        if (!r) {
          vm.decref(b);
          return vm.bool(false);
        }
        a = b;
        vm.push(a);
      }
      vm.sp--;
      vm.decref(a);
      return vm.bool(true);
    };
  }

  private ifExp(e: A.IfExp): ExprFn {
    const test = this.test(e.test);
    const body = this.expr(e.body);
    const orelse = this.expr(e.orelse);
    return (f) => (test(f) ? body(f) : orelse(f));
  }

  /** Compiles a condition to a JS boolean. */
  test(e: A.Expr): (f: Frame) => boolean {
    const vm = this.vm;
    if (e.kind === 'UnaryOp' && e.op === 'not') {
      const inner = this.test(e.operand);
      return (f) => !inner(f);
    }
    if (e.kind === 'Compare' && e.ops.length === 1) return this.compareTest(e);
    const v = this.expr(e);
    const T = vm.True;
    const F = vm.False;
    const heap = vm.heap;
    return (f) => {
      const o = v(f);
      if (o === T) {
        heap.refcnt[o]!--;
        return true;
      }
      if (o === F) {
        heap.refcnt[o]!--;
        return false;
      }
      vm.push(o);
      const r = truthy(vm, o);
      vm.sp--;
      heap.decref(o);
      return r;
    };
  }

  // ---- functions ----

  private lambda(e: A.Lambda): ExprFn {
    const code = this.codes.lambda(e, this.scope);
    return this.functionMaker(code.code, e.params, code.freeNames, '<lambda>');
  }

  /** Creates the function object at run time: defaults evaluated now, closure cells from this frame. */
  functionMaker(code: FunctionInfo['code'], params: A.Param[], freeNames: string[], name: string): ExprFn {
    const vm = this.vm;
    const defaultExprs = params.filter((p) => p.default).map((p) => p.default!);
    const cellSources = freeNames.map((n) => this.cellSource(n));
    // 3.x folds defaults that are all constants (-1 included) into one constant tuple;
    // 2.x builds the defaults tuple at every def.
    const folded = !vm.py2 && defaultExprs.length > 0 ? defaultExprs.map((e) => this.foldedConstant(e)) : null;
    if (folded && folded.every((e) => e !== null)) {
      let tuple = this.codes.constCache.get(params);
      if (tuple === undefined) {
        tuple = this.keep(vm.newTupleOwned(folded.map((e) => {
          const o = this.constObject(e!);
          vm.incref(o);
          return o;
        })));
        this.codes.constCache.set(params, tuple);
      }
      return (f) => makeFunction(vm, code, f.globals, [], cellSources.map((src) => src(f)), name, tuple);
    }
    const defaults = defaultExprs.map((e) => this.expr(e));
    return (f) => {
      const base = vm.sp;
      for (const d of defaults) vm.push(d(f));
      const cells = cellSources.map((src) => src(f));
      const defs = vm.stack.slice(base, vm.sp);
      vm.sp = base;
      return makeFunction(vm, code, f.globals, defs, cells, name);
    };
  }

  /** A default value CPython's compiler folds into a constant: a literal, a tuple of them, or a negated number. */
  private foldedConstant(e: A.Expr): A.Int | A.Float | A.Str | A.NoneLiteral | A.Bool | A.Tuple | null {
    if (this.isConstant(e)) return e as A.Int;
    if (e.kind === 'UnaryOp' && e.op === '-' && (e.operand.kind === 'Int' || e.operand.kind === 'Float')) {
      return { ...e.operand, value: -e.operand.value } as A.Int | A.Float;
    }
    return null;
  }

  /** Where this frame finds the cell for `name` to pass into an inner function. */
  private cellSource(name: string): (f: Frame) => ObjId {
    const r = this.scope.resolve(name);
    if (r.kind === 'cell') return (f) => f.locals[r.slot]!;
    if (r.kind === 'free') return (f) => f.closure[r.index]!;
    throw new Error(`compiler: '${name}' is not a cell in ${this.scope.name}`);
  }

  // ---- calls ----

  /**
   * A call's arguments: `pushArgs` evaluates them onto the value stack (positional, `*args`
   * spread, then keyword values) and returns the positional count; `kwNames` names the rest.
   */
  callArguments(e: A.Call): { pushArgs: (f: Frame) => number; kwNames: KwArgs | null } {
    const vm = this.vm;
    const args = e.args.map((a) => this.expr(a));
    const kwNames: KwArgs | null = e.keywords.length > 0 ? e.keywords.map((k) => k.name) : null;
    const kwValues = e.keywords.map((k) => this.expr(k.value));
    const star = e.starArgs ? this.expr(e.starArgs) : null;
    const pushArgs = (f: Frame): number => {
      const base = vm.sp;
      for (let i = 0; i < args.length; i++) vm.push(args[i]!(f));
      if (star) {
        const s = star(f);
        vm.push(s);
        const items = iterateSequence(vm, s);
        vm.sp--;
        vm.decref(s);
        for (const it of items) vm.push(it);
      }
      const argc = vm.sp - base;
      for (let i = 0; i < kwValues.length; i++) vm.push(kwValues[i]!(f));
      return argc;
    };
    return { pushArgs, kwNames };
  }

  private call(e: A.Call): ExprFn {
    const vm = this.vm;
    const { pushArgs, kwNames } = this.callArguments(e);
    // super() without arguments: the class that defines the running method, and its first argument.
    if (e.func.kind === 'Name' && e.func.id === 'super' && e.args.length === 0 && !kwNames && this.scope.kind === 'function') {
      const self = this.firstParam();
      const sup = this.expr(e.func);
      return (f) => {
        const fn = sup(f);
        vm.push(fn);
        const selfObj = self ? self(f) : vm.none();
        vm.push(selfObj);
        const cls = definingClass(vm, selfObj, f.code);
        const base = vm.sp;
        vm.incref(cls);
        vm.push(cls);
        vm.incref(selfObj);
        vm.push(selfObj);
        try {
          return callObject(vm, fn, base, 2, null);
        } finally {
          vm.unwindTo(base - 2);
        }
      };
    }
    if (e.func.kind === 'Attribute') {
      // obj.method(args): no bound method object is made (CPython 3.7+'s LOAD_METHOD;
      // 2.x makes one from a free list, which nets to nothing after the first call).
      const objFn = this.expr(e.func.value);
      const site = methodSite(vm, e.func.attr);
      return (f) => {
        const obj = objFn(f);
        vm.push(obj);
        const fn = resolveMethodCall(vm, site, obj);
        const native = fn === NULL_REF ? site.native : null;
        const callee = fn === NULL_REF && native === null ? site.callee : NULL_REF;
        const base = vm.sp;
        const argc = pushArgs(f);
        const r = fn !== NULL_REF ? callFunction(vm, fn, base, argc, kwNames, obj) : native !== null ? native(vm, base, argc, kwNames, obj) : callObject(vm, callee, base, argc, kwNames);
        vm.unwindTo(callee !== NULL_REF ? base - 2 : base - 1);
        return r;
      };
    }
    const fnExpr = this.expr(e.func);
    return (f) => {
      const callee = fnExpr(f);
      vm.push(callee);
      const base = vm.sp;
      const argc = pushArgs(f);
      const r = callObject(vm, callee, base, argc, kwNames);
      vm.unwindTo(base - 1);
      return r;
    };
  }

  private firstParam(): ExprFn | null {
    const node = this.scope.node as A.FunctionDef;
    const first = node.params?.[0]?.name;
    return first ? this.name({ kind: 'Name', id: first, line: node.line, col: node.col }) : null;
  }

  // ---- attributes and subscripts ----

  private attribute(e: A.Attribute): ExprFn {
    const heap = this.vm.heap;
    const vm = this.vm;
    const obj = this.expr(e.value);
    const site = attributeSite(e.attr);
    return (f) => {
      const o = obj(f);
      const r = loadAttribute(vm, site, o);
      heap.decref(o);
      return r;
    };
  }

  private subscript(e: A.Subscript): ExprFn {
    const vm = this.vm;
    const heap = vm.heap;
    const obj = this.expr(e.value);
    if (e.index.kind === 'Slice') {
      const slice = this.slice(e.index);
      return (f) => {
        const o = obj(f);
        vm.push(o);
        const base = vm.sp;
        const s = slice(f);
        const r = getSlice(vm, o, s);
        vm.unwindTo(base - 1);
        return r;
      };
    }
    const index = this.expr(e.index);
    const listT = vm.t.list;
    const intT = vm.t.int;
    return (f) => {
      const o = obj(f);
      vm.stack[vm.sp++] = o;
      const k = index(f);
      vm.stack[vm.sp++] = k;
      let r: ObjId;
      if (heap.typeOf[o] === listT && heap.typeOf[k] === intT) {
        let i = vm.data[k] as number;
        const n = heap.edgeLen[o]!;
        if (i < 0) i += n;
        if (i >= 0 && i < n) {
          r = heap.edges.data[heap.edgeStart[o]! + i]!;
          heap.refcnt[r]!++;
        } else r = getItem(vm, o, k);
      } else r = getItem(vm, o, k);
      vm.sp -= 2;
      heap.decref(o);
      heap.decref(k);
      return r;
    };
  }

  /** Evaluates a slice's parts onto the stack (the caller unwinds them). */
  slice(s: A.Slice): (f: Frame) => SliceSpec {
    const vm = this.vm;
    const lower = s.lower ? this.expr(s.lower) : null;
    const upper = s.upper ? this.expr(s.upper) : null;
    const step = s.step ? this.expr(s.step) : null;
    return (f) => {
      const l = lower ? lower(f) : NULL_REF;
      if (l) vm.push(l);
      const u = upper ? upper(f) : NULL_REF;
      if (u) vm.push(u);
      const st = step ? step(f) : NULL_REF;
      if (st) vm.push(st);
      return { lower: l, upper: u, step: st };
    };
  }

  // ---- f-strings ----

  private joinedStr(e: A.JoinedStr): ExprFn {
    const vm = this.vm;
    const parts = e.parts.map((p) => (p.kind === 'Str' ? p.value : this.formatted(p)));
    return (f) => {
      let s = '';
      for (const p of parts) s += typeof p === 'string' ? p : p(f);
      return vm.newStr(s, true);
    };
  }

  private formatted(p: A.FormattedValue): (f: Frame) => string {
    const vm = this.vm;
    const value = this.expr(p.value);
    const spec = p.formatSpec ? this.joinedStr(p.formatSpec) : null;
    const conversion = p.conversion;
    return (f) => {
      const v = value(f);
      vm.push(v);
      let specText = '';
      if (spec) {
        const so = spec(f);
        specText = vm.data[so] as string;
        vm.decref(so);
      }
      let out: string;
      if (conversion === 'r' || conversion === 'a') out = formatStringValue(vm, reprOf(vm, v), specText);
      else if (conversion === 's') out = formatStringValue(vm, strOf(vm, v), specText);
      else out = formatValue(vm, v, specText);
      vm.sp--;
      vm.decref(v);
      return out;
    };
  }

  // ---- comprehensions ----

  private comprehension(e: A.ListComp | A.SetComp | A.DictComp): ExprFn {
    return this.codes.comprehension(e, this);
  }
}

function formatStringValue(vm: Vm, s: string, spec: string): string {
  if (spec === '') return s;
  const o = vm.newStr(s, true);
  try {
    return formatValue(vm, o, spec);
  } finally {
    vm.decref(o);
  }
}

/** The items of a `*args` value as new references. */
function iterateSequence(vm: Vm, s: ObjId): ObjId[] {
  const it = getIter(vm, s);
  const out: ObjId[] = [];
  try {
    for (let v = iterNext(vm, it); v !== NULL_REF; v = iterNext(vm, it)) out.push(v);
  } catch (e) {
    for (const v of out) vm.decref(v);
    throw e;
  } finally {
    vm.decref(it);
  }
  return out;
}

export function unboundLocal(vm: Vm, id: string): never {
  if (!vm.py2 && vm.version.minor >= 11) {
    return vm.raise('UnboundLocalError', `cannot access local variable '${id}' where it is not associated with a value`);
  }
  return vm.raise('UnboundLocalError', `local variable '${id}' referenced before assignment`);
}

function builtinOrRaise(vm: Vm, id: string, global: boolean): ObjId {
  const b = vm.builtins.get(id);
  if (b !== undefined) return b;
  return vm.raise('NameError', vm.py2 && global ? `global name '${id}' is not defined` : `name '${id}' is not defined`);
}

/** The class whose namespace holds the function running `code` (for zero-argument super()). */
function definingClass(vm: Vm, self: ObjId, code: Frame['code']): ObjId {
  const t = vm.heap.typeOf[self]!;
  const start = t === vm.t.class ? self : vm.classOf(self);
  for (const cls of vm.classInfo(start).mro) {
    const info = vm.classInfo(cls);
    const table = vm.data[info.dict] as DictTable;
    for (const entry of table.strIndex.values()) {
      const fn = vm.item(info.dict, entry * 2 + 1);
      // The function itself, or one a staticmethod, classmethod or property holds.
      if (vm.heap.typeOf[fn] === vm.t.function ? (vm.data[fn] as FunctionInfo).code === code : wrapsCode(vm, fn, code)) return cls;
    }
  }
  return vm.raise('RuntimeError', 'super(): __class__ cell not found');
}

export { newCell };

/** `a OP b` for a comparison operator, on borrowed objects. */
export function compareObjects(vm: Vm, op: A.CompareOperator, a: ObjId, b: ObjId): boolean {
  switch (op) {
    case '==': return equals(vm, a, b);
    case '!=': return notEquals(vm, a, b);
    case '<':
    case '<=':
    case '>':
    case '>=':
      return orderCompare(vm, op, a, b);
    case 'is': return a === b;
    case 'is not': return a !== b;
    case 'in': return contains(vm, b, a);
    case 'not in': return !contains(vm, b, a);
  }
}

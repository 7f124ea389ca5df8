// Function bodies compiled to JavaScript source: one JS function per Python function (and
// module), which V8 compiles and optimises on its own. Closures (compile-expr.ts,
// compile-stmt.ts) share one JS function per kind of node, so every call between them is
// megamorphic and nothing inlines; here the statements, loops, locals, int arithmetic,
// comparisons, attributes, subscripts and calls of the body are written out in the body's
// own function, and the rest (slices, displays, comprehensions, try, with, class and def
// statements...) is the closure of that node, called from a call site of its own.
//
// The emitted code does what the closures do, step for step: the same references taken and
// released in the same order, temporaries parked on the VM's value stack while a sibling is
// evaluated (an exception anywhere is unwound by the caller), the same line bookkeeping and
// the same ticks; test/firmware/python/compiled-forms.test.ts holds the forms equal on the
// whole corpus.

import { NULL_REF, type ObjId } from '../../memory/index.js';
import type * as A from '../syntax/ast.js';
import type { StmtFn } from '../runtime/frame.js';
import { callFunction, callObject } from '../runtime/objects.js';
import { binaryOp, truthy } from '../runtime/ops.js';
import { getItem, pushIterator } from '../runtime/sequences.js';
import { attributeSite, loadAttribute, methodSite, resolveMethodCall, storeAttribute } from '../runtime/call-sites.js';
import { compareObjects, unboundLocal } from './compile-expr.js';
import type { StmtCompiler } from './compile-stmt.js';

/** What the emitted code calls (passed in, as the firmware has no module loader at run time). */
const HELPERS = { binaryOp, truthy, getItem, pushIterator, callFunction, callObject, compareObjects, unboundLocal, resolveMethodCall, loadAttribute, storeAttribute };

/** Statement kinds that end their body early (break, continue, return) when they are closures. */
const COMPOUND = new Set<A.Stmt['kind']>(['If', 'While', 'For', 'Try', 'With']);

const INT_OPS = new Set(['+', '-', '*', '//', '%']);
const NUMERIC_COMPARE: Record<string, string> = { '<': '<', '<=': '<=', '>': '>', '>=': '>=', '==': '===', '!=': '!==' };

/**
 * The body as one JS function. Every statement and expression has a form here (its own, or
 * its closure's), so a failure is memsim's bug and surfaces as one; a MemoryError making the
 * code's constants propagates, as from the closure compiler.
 */
export function emitBody(c: StmtCompiler, body: A.Stmt[], name: string): StmtFn {
  return new Emitter(c).function(body, name);
}

class Emitter {
  private readonly ks: unknown[] = [];
  private n = 0;
  /** The emitted loops around the statement being emitted: what leaving each on `return` releases. */
  private readonly loops: string[] = [];

  constructor(private readonly c: StmtCompiler) {}

  function(body: A.Stmt[], name: string): StmtFn {
    const out: string[] = [];
    for (const s of body) this.stmt(s, out);
    const vm = this.c.vm;
    const prelude = [
      `"use strict";`,
      `const heap = vm.heap, data = vm.data;`,
      `const { ${Object.keys(HELPERS).join(', ')} } = H;`,
      `const INT = ${vm.t.int}, LIST = ${vm.t.list}, LIMIT = ${vm.maxShortInt}, TRUE = ${vm.True}, FALSE = ${vm.False}, NONE = ${vm.None};`,
      ...this.ks.map((_, i) => `const k${i} = K[${i}];`),
    ];
    const fname = `py_${name.replace(/[^A-Za-z0-9_]/g, '_')}`;
    const src = `${prelude.join('\n')}\nreturn function ${fname}(f) {\n${out.join('\n')}\nreturn 0;\n};`;
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    return new Function('vm', 'K', 'H', src)(vm, this.ks, HELPERS) as StmtFn;
  }

  private k(v: unknown): string {
    this.ks.push(v);
    return `k${this.ks.length - 1}`;
  }

  private t(): string {
    return `t${this.n++}`;
  }

  // ---- statements ----

  private stmt(s: A.Stmt, out: string[]): void {
    try {
      this.stmtBody(s, out);
    } catch (e) {
      throw this.c.compileErrorAt(e, s);
    }
  }

  private stmtBody(s: A.Stmt, out: string[]): void {
    switch (s.kind) {
      case 'ExprStmt':
        out.push(`f.line = ${s.line};`);
        out.push(`heap.decref(${this.val(s.value, out)});`);
        return;
      case 'Assign': {
        if (s.targets.length !== 1) break;
        out.push(`f.line = ${s.line};`);
        const v = this.val(s.value, out);
        this.store(s.targets[0]!, v, out);
        return;
      }
      case 'AugAssign': {
        if (s.target.kind === 'Attribute') {
          this.augAssignAttribute(s, s.target, out);
          return;
        }
        const r = s.target.kind === 'Name' ? this.c.scope.resolve(s.target.id) : null;
        if (!r || r.kind !== 'fast') break;
        this.augAssignFast(s, r.slot, out);
        return;
      }
      case 'Return': {
        out.push(`f.line = ${s.line};`);
        const v = s.value ? this.val(s.value, out) : this.none(out);
        out.push(`{ const old = f.retval; f.retval = ${v}; if (old !== 0) heap.decref(old); }`);
        out.push(`${this.loops.slice().reverse().join(' ')} return 3;`);
        return;
      }
      case 'If': return this.ifStmt(s, out);
      case 'While':
        if (s.orelse.length > 0) break;
        return this.whileStmt(s, out);
      case 'For':
        if (s.orelse.length > 0) break;
        return this.forStmt(s, out);
      case 'Pass':
      case 'Global':
      case 'Nonlocal':
        return;
      case 'Break':
      case 'Continue':
        if (this.loops.length === 0) break;
        out.push(s.kind === 'Break' ? 'break;' : 'continue;');
        return;
    }
    // Anything else: the statement's closure, at a call site of its own.
    const fn = this.k(this.c.stmt(s));
    const c = this.t();
    out.push(`const ${c} = ${fn}(f);`);
    if (COMPOUND.has(s.kind) || s.kind === 'Break' || s.kind === 'Continue') out.push(`if (${c} !== 0) { ${this.leave(c)} }`);
  }

  /** Leaves the current code on a closure's completion `c` (BREAK 1, CONTINUE 2, RETURN 3). */
  private leave(c: string): string {
    if (this.loops.length === 0) return `return ${c};`;
    return `if (${c} === 1) break; if (${c} === 2) continue; ${this.loops.slice().reverse().join(' ')} return ${c};`;
  }

  private store(t: A.Target, v: string, out: string[]): void {
    if (t.kind === 'Name') {
      const r = this.c.scope.resolve(t.id);
      if (r.kind === 'fast') {
        out.push(`{ const old = f.locals[${r.slot}]; f.locals[${r.slot}] = ${v}; if (old !== 0) heap.decref(old); }`);
        return;
      }
    }
    if (t.kind === 'Attribute') {
      const site = this.k(attributeSite(t.attr));
      out.push(`vm.stack[vm.sp++] = ${v};`);
      const o = this.val(t.value, out);
      out.push(`vm.stack[vm.sp++] = ${o}; storeAttribute(vm, ${site}, ${o}, ${v});`);
      return;
    }
    out.push(`${this.k(this.c.store(t))}(f, ${v});`);
  }

  private augAssignFast(s: A.AugAssign, slot: number, out: string[]): void {
    const id = (s.target as A.Name).id;
    out.push(`f.line = ${s.line};`);
    const a = this.t();
    out.push(`const ${a} = f.locals[${slot}]; if (${a} === 0) unboundLocal(vm, ${JSON.stringify(id)}); heap.refcnt[${a}]++; vm.stack[vm.sp++] = ${a};`);
    const r = this.inplace(s, a, out);
    out.push(`{ const old = f.locals[${slot}]; f.locals[${slot}] = ${r}; if (old !== 0) heap.decref(old); }`);
  }

  /** `obj.name OP= value`, as compile-stmt.ts's: load, operate, store, then release (value, old value, object). */
  private augAssignAttribute(s: A.AugAssign, t: A.Attribute, out: string[]): void {
    const load = this.k(attributeSite(t.attr));
    const store = this.k(attributeSite(t.attr));
    out.push(`f.line = ${s.line};`);
    const o = this.val(t.value, out);
    const a = this.t();
    // (loadAttribute leaves the object on the value stack itself if it raises)
    out.push(`const ${a} = loadAttribute(vm, ${load}, ${o}); vm.stack[vm.sp++] = ${o};`);
    const r = this.inplace(s, a, out, false);
    // storeAttribute consumes a pushed value and object: the object is pushed again (a reference of its own).
    out.push(`vm.stack[vm.sp++] = ${r}; heap.refcnt[${o}]++; vm.stack[vm.sp++] = ${o}; storeAttribute(vm, ${store}, ${o}, ${r});`);
    out.push(`vm.sp -= 3; heap.decref(vm.stack[vm.sp + 2]); heap.decref(${a}); heap.decref(${o});`);
  }

  /**
   * The in-place operation of an augmented assignment on `a` (already pushed with `release`,
   * pushed here without) and the statement's value: the result's name. With `release`, a and
   * the value are popped and released after it, as for a local target.
   */
  private inplace(s: A.AugAssign, a: string, out: string[], release = true): string {
    const fn = this.k(this.c.inplaceOperation(s.op));
    if (!release) out.push(`vm.stack[vm.sp++] = ${a};`);
    const b = this.val(s.value, out);
    out.push(`vm.stack[vm.sp++] = ${b};`);
    const r = this.t();
    if (s.op === '+' || s.op === '-' || s.op === '*') {
      out.push(`let ${r} = 0; if (heap.typeOf[${a}] === INT && heap.typeOf[${b}] === INT) { const x = data[${a}], y = data[${b}]; if (typeof x === 'number' && typeof y === 'number') { const s = x ${s.op} y; if (s <= LIMIT && s >= -LIMIT - 1 && Number.isSafeInteger(s)) ${r} = vm.newInt(s); } }`);
      out.push(`if (${r} === 0) ${r} = ${fn}(${a}, ${b});`);
    } else out.push(`const ${r} = ${fn}(${a}, ${b});`);
    if (release) out.push(`vm.sp -= 2; heap.decref(${a}); heap.decref(${b});`);
    return r;
  }

  private ifStmt(s: A.If, out: string[]): void {
    const single = s.branches.length === 1;
    const emitFrom = (i: number, o: string[]): void => {
      const b = s.branches[i]!;
      o.push(`f.line = ${single ? s.line : b.test.line};`);
      const t = this.test(b.test, o);
      o.push(`if (${t}) {`);
      for (const x of b.body) this.stmt(x, o);
      o.push('} else {');
      if (i + 1 < s.branches.length) emitFrom(i + 1, o);
      else for (const x of s.orelse) this.stmt(x, o);
      o.push('}');
    };
    out.push('{');
    emitFrom(0, out);
    out.push('}');
  }

  private whileStmt(s: A.While, out: string[]): void {
    out.push(`f.line = ${s.line};`);
    out.push('for (;;) {');
    const t = this.test(s.test, out);
    out.push(`if (!${t}) break;`, 'vm.tick();');
    this.loops.push('');
    for (const x of s.body) this.stmt(x, out);
    this.loops.pop();
    out.push('}');
  }

  private forStmt(s: A.For, out: string[]): void {
    out.push(`f.line = ${s.line};`, '{');
    const seq = this.val(s.iter, out);
    const it = this.t();
    const st = this.t();
    out.push(`const ${it} = pushIterator(vm, ${seq});`);
    out.push(`const ${st} = data[${it}];`);
    const v = this.t();
    out.push('for (;;) {', `vm.tick(); const ${v} = ${st}.next(vm); if (${v} === 0) break;`);
    this.store(s.target, v, out);
    this.loops.push(`vm.sp--; heap.decref(${it});`);
    for (const x of s.body) this.stmt(x, out);
    this.loops.pop();
    out.push('}', `vm.sp--; heap.decref(${it});`, '}');
  }

  // ---- expressions: each returns the name of a const holding a new reference ----

  private val(e: A.Expr, out: string[]): string {
    const vm = this.c.vm;
    switch (e.kind) {
      case 'Name': {
        const r = this.c.scope.resolve(e.id);
        if (r.kind !== 'fast') break;
        const t = this.t();
        out.push(`const ${t} = f.locals[${r.slot}]; if (${t} === 0) unboundLocal(vm, ${JSON.stringify(e.id)}); heap.refcnt[${t}]++;`);
        return t;
      }
      case 'None': return this.none(out);
      case 'Bool':
      case 'Int':
      case 'Float':
      case 'Str': {
        const o = e.kind === 'Bool' ? (e.value ? vm.True : vm.False) : this.c.constObject(e);
        const t = this.t();
        out.push(`const ${t} = ${o}; heap.refcnt[${o}]++;`);
        return t;
      }
      case 'BinOp': return this.binOp(e, out);
      case 'Compare': {
        if (e.ops.length !== 1) break;
        const b = this.test(e, out);
        const t = this.t();
        out.push(`const ${t} = vm.bool(${b});`);
        return t;
      }
      case 'Call': {
        const r = this.call(e, out);
        if (r !== null) return r;
        break;
      }
      case 'Subscript': {
        if (e.index.kind === 'Slice') break;
        // As compile-expr.ts's subscript: a list indexed by a small int reads the item in place.
        const o = this.val(e.value, out);
        out.push(`vm.stack[vm.sp++] = ${o};`);
        const k = this.val(e.index, out);
        const t = this.t();
        out.push(`vm.stack[vm.sp++] = ${k}; let ${t};`);
        out.push(`if (heap.typeOf[${o}] === LIST && heap.typeOf[${k}] === INT) { let i = data[${k}]; const n = heap.edgeLen[${o}]; if (i < 0) i += n; if (i >= 0 && i < n) { ${t} = heap.edges.data[heap.edgeStart[${o}] + i]; heap.refcnt[${t}]++; } else ${t} = getItem(vm, ${o}, ${k}); } else ${t} = getItem(vm, ${o}, ${k});`);
        out.push(`vm.sp -= 2; heap.decref(${o}); heap.decref(${k});`);
        return t;
      }
      case 'Attribute': {
        const site = this.k(attributeSite(e.attr));
        const o = this.val(e.value, out);
        const t = this.t();
        out.push(`const ${t} = loadAttribute(vm, ${site}, ${o}); heap.decref(${o});`);
        return t;
      }
    }
    const fn = this.k(this.c.expr(e));
    const t = this.t();
    out.push(`const ${t} = ${fn}(f);`);
    return t;
  }

  private none(out: string[]): string {
    const t = this.t();
    out.push(`const ${t} = NONE; heap.refcnt[NONE]++;`);
    return t;
  }

  /** A small int constant to read in place (`x + 1`, `n < 10`), or null. */
  private intConstant(e: A.Expr): string | null {
    if (e.kind !== 'Int' || e.long) return null;
    const vm = this.c.vm;
    const o = this.c.constObject(e);
    return vm.heap.typeOf[o] === vm.t.int && typeof vm.data[o] === 'number' ? String(o) : null;
  }

  private binOp(e: A.BinOp, out: string[]): string {
    const op = e.op;
    const fast = INT_OPS.has(op);
    const a = this.val(e.left, out);
    out.push(`vm.stack[vm.sp++] = ${a};`);
    let b = fast ? this.intConstant(e.right) : null;
    const inPlace = b !== null;
    if (b === null) {
      b = this.val(e.right, out);
      out.push(`vm.stack[vm.sp++] = ${b};`);
    }
    const r = this.t();
    const call = `binaryOp(vm, ${JSON.stringify(op)}, ${a}, ${b}, ${this.c.options.trueDivision})`;
    if (fast) {
      const expr = op === '+' ? 'x + y' : op === '-' ? 'x - y' : op === '*' ? 'x * y' : op === '//' ? '(y === 0 ? NaN : Math.floor(x / y))' : '(y === 0 ? NaN : ((x % y) + y) % y)';
      out.push(`let ${r} = 0; if (heap.typeOf[${a}] === INT && heap.typeOf[${b}] === INT) { const x = data[${a}], y = data[${b}]; if (typeof x === 'number' && typeof y === 'number') { const s = ${expr}; if (s <= LIMIT && s >= -LIMIT - 1 && Number.isSafeInteger(s)) ${r} = vm.newInt(s); } }`);
      out.push(`if (${r} === 0) ${r} = ${call};`);
    } else out.push(`const ${r} = ${call};`);
    out.push(inPlace ? `vm.sp--; heap.decref(${a});` : `vm.sp -= 2; heap.decref(${a}); heap.decref(${b});`);
    return r;
  }

  /** A condition: the name of a const holding a JS boolean. */
  private test(e: A.Expr, out: string[]): string {
    if (e.kind === 'UnaryOp' && e.op === 'not') {
      const inner = this.test(e.operand, out);
      const r = this.t();
      out.push(`const ${r} = !${inner};`);
      return r;
    }
    if (e.kind === 'Compare' && e.ops.length === 1) return this.compare(e, out);
    if (e.kind === 'BoolOp') {
      const r = this.t();
      const isAnd = e.op === 'and';
      const emitFrom = (i: number, o: string[]): void => {
        const ti = this.test(e.values[i]!, o);
        o.push(`${r} = ${ti};`);
        if (i + 1 < e.values.length) {
          o.push(`if (${isAnd ? '' : '!'}${r}) {`);
          emitFrom(i + 1, o);
          o.push('}');
        }
      };
      out.push(`let ${r};`);
      emitFrom(0, out);
      return r;
    }
    const v = this.val(e, out);
    const r = this.t();
    out.push(`let ${r}; if (${v} === TRUE) { heap.refcnt[${v}]--; ${r} = true; } else if (${v} === FALSE) { heap.refcnt[${v}]--; ${r} = false; } else { vm.stack[vm.sp++] = ${v}; ${r} = truthy(vm, ${v}); vm.sp--; heap.decref(${v}); }`);
    return r;
  }

  private compare(e: A.Compare, out: string[]): string {
    const op = e.ops[0]!;
    const jsOp = NUMERIC_COMPARE[op];
    const a = this.val(e.left, out);
    out.push(`vm.stack[vm.sp++] = ${a};`);
    let b = jsOp ? this.intConstant(e.comparators[0]!) : null;
    const inPlace = b !== null;
    if (b === null) {
      b = this.val(e.comparators[0]!, out);
      out.push(`vm.stack[vm.sp++] = ${b};`);
    }
    const r = this.t();
    const slow = `compareObjects(vm, ${JSON.stringify(op)}, ${a}, ${b})`;
    if (jsOp) out.push(`let ${r}; { const x = data[${a}], y = data[${b}]; ${r} = heap.typeOf[${a}] === INT && heap.typeOf[${b}] === INT && typeof x === 'number' && typeof y === 'number' ? x ${jsOp} y : ${slow}; }`);
    else out.push(`const ${r} = ${slow};`);
    out.push(inPlace ? `vm.sp--; heap.decref(${a});` : `vm.sp -= 2; heap.decref(${a}); heap.decref(${b});`);
    return r;
  }

  /** A call with positional and keyword arguments (else null: the closure does it). */
  private call(e: A.Call, out: string[]): string | null {
    if (e.starArgs) return null;
    if (e.func.kind === 'Name' && e.func.id === 'super') return null;
    const kw = e.keywords.length > 0 ? this.k(e.keywords.map((k) => k.name)) : 'null';
    const argc = e.args.length;
    const pushArgs = (o: string[]): void => {
      for (const a of e.args) o.push(`vm.stack[vm.sp++] = ${this.val(a, o)};`);
      for (const k of e.keywords) o.push(`vm.stack[vm.sp++] = ${this.val(k.value, o)};`);
    };
    const r = this.t();
    if (e.func.kind === 'Attribute') {
      // obj.method(args): as CPython 3.7+'s LOAD_METHOD, no bound method is made.
      const site = this.k(methodSite(this.c.vm, e.func.attr));
      const o = this.val(e.func.value, out);
      const fn = this.t();
      const native = this.t();
      const callee = this.t();
      out.push(`vm.stack[vm.sp++] = ${o};`);
      out.push(`const ${fn} = resolveMethodCall(vm, ${site}, ${o}), ${native} = ${fn} === 0 ? ${site}.native : null, ${callee} = ${fn} === 0 && ${native} === null ? ${site}.callee : 0;`);
      const base = this.t();
      out.push(`const ${base} = vm.sp;`);
      pushArgs(out);
      out.push(`const ${r} = ${fn} !== 0 ? callFunction(vm, ${fn}, ${base}, ${argc}, ${kw}, ${o}) : ${native} !== null ? ${native}(vm, ${base}, ${argc}, ${kw}, ${o}) : callObject(vm, ${callee}, ${base}, ${argc}, ${kw});`);
      out.push(`vm.unwindTo(${callee} !== 0 ? ${base} - 2 : ${base} - 1);`);
      return r;
    }
    const fnv = this.val(e.func, out);
    const base = this.t();
    out.push(`vm.stack[vm.sp++] = ${fnv}; const ${base} = vm.sp;`);
    pushArgs(out);
    out.push(`const ${r} = callObject(vm, ${fnv}, ${base}, ${argc}, ${kw});`, `vm.unwindTo(${base} - 1);`);
    return r;
  }
}

export { NULL_REF, type ObjId };

// Scope analysis (CPython's symtable): for every function, lambda, class body and
// (Python 3) comprehension, which names are locals, which are cells captured by inner
// functions, which are free (read from an enclosing function's cell) and which are
// global. The compiler turns the answer into frame slots and closure indices.

import type * as A from '../syntax/ast.js';

export type ScopeKind = 'module' | 'function' | 'class' | 'comprehension';

export class Scope {
  /** Names bound in this scope (assignment, def, class, import, for, except-as, parameters). */
  readonly bound = new Set<string>();
  readonly used = new Set<string>();
  readonly declaredGlobal = new Set<string>();
  readonly declaredNonlocal = new Set<string>();
  readonly children: Scope[] = [];
  /** Local slots of a function-like scope: parameters first, in order. */
  readonly slots = new Map<string, number>();
  /** Own variables captured by inner scopes. */
  readonly cells = new Set<string>();
  /** Variables read from enclosing function scopes, in closure order. */
  readonly free: string[] = [];

  constructor(
    readonly kind: ScopeKind,
    readonly name: string,
    readonly parent: Scope | null,
    readonly node: A.Module | A.FunctionDef | A.Lambda | A.ClassDef | A.ListComp | A.SetComp | A.DictComp,
  ) {
    parent?.children.push(this);
  }

  get isFunctionLike(): boolean {
    return this.kind === 'function' || this.kind === 'comprehension';
  }

  slotOf(name: string): number {
    let s = this.slots.get(name);
    if (s === undefined) {
      s = this.slots.size;
      this.slots.set(name, s);
    }
    return s;
  }

  /** How a name is reached from code in this scope. */
  resolve(name: string): Resolution {
    if (this.declaredGlobal.has(name)) return { kind: 'global' };
    if (this.isFunctionLike) {
      if (this.free.includes(name) && !this.bound.has(name)) return { kind: 'free', index: this.free.indexOf(name) };
      if (this.bound.has(name)) {
        const slot = this.slots.get(name)!;
        return this.cells.has(name) ? { kind: 'cell', slot } : { kind: 'fast', slot };
      }
      return { kind: 'global' };
    }
    if (this.kind === 'class' && this.free.includes(name) && !this.bound.has(name)) return { kind: 'free', index: this.free.indexOf(name) };
    return { kind: 'name' };
  }
}

export type Resolution =
  | { kind: 'fast'; slot: number }
  | { kind: 'cell'; slot: number }
  | { kind: 'free'; index: number }
  | { kind: 'global' }
  | { kind: 'name' };

/** Builds the scope tree of a module and resolves free variables. */
export function analyzeModule(module: A.Module): { root: Scope; scopes: Map<A.Module | A.FunctionDef | A.Lambda | A.ClassDef | A.ListComp | A.SetComp | A.DictComp, Scope> } {
  const scopes = new Map<Scope['node'], Scope>();
  const root = new Scope('module', '<module>', null, module);
  scopes.set(module, root);
  const py3 = module.pythonMajor === 3;
  const b = new Binder(scopes, py3);
  b.stmts(module.body, root);
  resolveFree(root);
  assignSlots(root);
  return { root, scopes };
}

function resolveFree(scope: Scope): void {
  for (const child of scope.children) resolveFree(child);
  if (scope.kind === 'module') return;
  for (const name of [...scope.used, ...scope.declaredNonlocal]) {
    if (scope.declaredGlobal.has(name)) continue;
    if (scope.isFunctionLike && scope.bound.has(name) && !scope.declaredNonlocal.has(name)) continue;
    if (scope.kind === 'class' && scope.bound.has(name)) continue;
    // Find the nearest enclosing function scope that binds it (class scopes are skipped).
    const path: Scope[] = [];
    let s = scope.parent;
    let owner: Scope | null = null;
    while (s && s.kind !== 'module') {
      if (s.isFunctionLike && s.bound.has(name) && !s.declaredGlobal.has(name) && !s.declaredNonlocal.has(name)) {
        owner = s;
        break;
      }
      path.push(s);
      s = s.parent;
    }
    if (!owner) continue;
    owner.cells.add(name);
    for (const mid of [scope, ...path]) {
      if (!mid.free.includes(name)) mid.free.push(name);
      if (mid.declaredNonlocal.has(name)) mid.bound.delete(name);
    }
  }
}

function assignSlots(scope: Scope): void {
  if (scope.isFunctionLike) {
    for (const name of scope.bound) if (!scope.declaredGlobal.has(name)) scope.slotOf(name);
  }
  for (const child of scope.children) assignSlots(child);
}

class Binder {
  constructor(
    private readonly scopes: Map<Scope['node'], Scope>,
    private readonly py3: boolean,
  ) {}

  private bind(scope: Scope, name: string): void {
    scope.bound.add(name);
  }

  stmts(body: A.Stmt[], scope: Scope): void {
    for (const s of body) this.stmt(s, scope);
  }

  private stmt(s: A.Stmt, scope: Scope): void {
    switch (s.kind) {
      case 'ExprStmt':
        this.expr(s.value, scope);
        break;
      case 'Assign':
        this.expr(s.value, scope);
        for (const t of s.targets) this.target(t, scope);
        break;
      case 'AugAssign':
        this.expr(s.value, scope);
        if (s.target.kind === 'Name') scope.used.add(s.target.id);
        this.target(s.target, scope);
        break;
      case 'Delete':
        for (const t of s.targets) this.target(t, scope);
        break;
      case 'Return':
        if (s.value) this.expr(s.value, scope);
        break;
      case 'Global':
        for (const n of s.names) scope.declaredGlobal.add(n);
        break;
      case 'Nonlocal':
        for (const n of s.names) scope.declaredNonlocal.add(n);
        break;
      case 'If':
        for (const br of s.branches) {
          this.expr(br.test, scope);
          this.stmts(br.body, scope);
        }
        this.stmts(s.orelse, scope);
        break;
      case 'While':
        this.expr(s.test, scope);
        this.stmts(s.body, scope);
        this.stmts(s.orelse, scope);
        break;
      case 'For':
        this.expr(s.iter, scope);
        this.target(s.target, scope);
        this.stmts(s.body, scope);
        this.stmts(s.orelse, scope);
        break;
      case 'FunctionDef': {
        for (const p of s.params) if (p.default) this.expr(p.default, scope);
        this.bind(scope, s.name);
        const fs = new Scope('function', s.name, scope, s);
        this.scopes.set(s, fs);
        for (const p of s.params) this.bind(fs, p.name);
        for (const p of s.params) fs.slotOf(p.name);
        if (s.vararg) {
          this.bind(fs, s.vararg.name);
          fs.slotOf(s.vararg.name);
        }
        this.stmts(s.body, fs);
        break;
      }
      case 'ClassDef': {
        for (const base of s.bases) this.expr(base, scope);
        this.bind(scope, s.name);
        const cs = new Scope('class', s.name, scope, s);
        this.scopes.set(s, cs);
        this.stmts(s.body, cs);
        break;
      }
      case 'Try':
        this.stmts(s.body, scope);
        for (const h of s.handlers) {
          if (h.type) this.expr(h.type, scope);
          if (h.name) this.bind(scope, h.name);
          this.stmts(h.body, scope);
        }
        this.stmts(s.orelse, scope);
        this.stmts(s.finalbody, scope);
        break;
      case 'Raise':
        if (s.exc) this.expr(s.exc, scope);
        if (s.cause) this.expr(s.cause, scope);
        if (s.legacyValue) this.expr(s.legacyValue, scope);
        break;
      case 'Import':
        for (const a of s.names) this.bind(scope, a.asName ?? a.name.split('.')[0]!);
        break;
      case 'ImportFrom':
        for (const a of s.names) this.bind(scope, a.asName ?? a.name);
        break;
      case 'Assert':
        this.expr(s.test, scope);
        if (s.msg) this.expr(s.msg, scope);
        break;
      case 'With':
        for (const item of s.items) {
          this.expr(item.expr, scope);
          if (item.asName) this.bind(scope, item.asName);
        }
        this.stmts(s.body, scope);
        break;
      case 'Print':
        if (s.dest) this.expr(s.dest, scope);
        for (const v of s.values) this.expr(v, scope);
        break;
      case 'Pass':
      case 'Break':
      case 'Continue':
        break;
    }
  }

  private target(t: A.Target, scope: Scope): void {
    switch (t.kind) {
      case 'Name':
        this.bind(scope, t.id);
        break;
      case 'Attribute':
        this.expr(t.value, scope);
        break;
      case 'Subscript':
        this.expr(t.value, scope);
        this.index(t.index, scope);
        break;
      case 'Unpack':
        for (const e of t.elts) this.target(e, scope);
        break;
    }
  }

  private index(i: A.Expr | A.Slice, scope: Scope): void {
    if (i.kind === 'Slice') {
      if (i.lower) this.expr(i.lower, scope);
      if (i.upper) this.expr(i.upper, scope);
      if (i.step) this.expr(i.step, scope);
    } else this.expr(i, scope);
  }

  expr(e: A.Expr, scope: Scope): void {
    switch (e.kind) {
      case 'Name':
        scope.used.add(e.id);
        break;
      case 'None':
      case 'Bool':
      case 'Int':
      case 'Float':
      case 'Str':
        break;
      case 'JoinedStr':
        for (const p of e.parts) if (p.kind === 'FormattedValue') this.formatted(p, scope);
        break;
      case 'List':
      case 'Tuple':
      case 'Set':
        for (const x of e.elts) this.expr(x, scope);
        break;
      case 'Dict':
        e.keys.forEach((k, i) => {
          this.expr(k, scope);
          this.expr(e.values[i]!, scope);
        });
        break;
      case 'ListComp':
      case 'SetComp':
      case 'DictComp':
        this.comprehension(e, scope);
        break;
      case 'BinOp':
        this.expr(e.left, scope);
        this.expr(e.right, scope);
        break;
      case 'UnaryOp':
        this.expr(e.operand, scope);
        break;
      case 'BoolOp':
        for (const v of e.values) this.expr(v, scope);
        break;
      case 'Compare':
        this.expr(e.left, scope);
        for (const c of e.comparators) this.expr(c, scope);
        break;
      case 'IfExp':
        this.expr(e.test, scope);
        this.expr(e.body, scope);
        this.expr(e.orelse, scope);
        break;
      case 'Lambda': {
        for (const p of e.params) if (p.default) this.expr(p.default, scope);
        const ls = new Scope('function', '<lambda>', scope, e);
        this.scopes.set(e, ls);
        for (const p of e.params) {
          this.bind(ls, p.name);
          ls.slotOf(p.name);
        }
        if (e.vararg) {
          this.bind(ls, e.vararg.name);
          ls.slotOf(e.vararg.name);
        }
        this.expr(e.body, ls);
        break;
      }
      case 'Call':
        this.expr(e.func, scope);
        for (const a of e.args) this.expr(a, scope);
        for (const k of e.keywords) this.expr(k.value, scope);
        if (e.starArgs) this.expr(e.starArgs, scope);
        break;
      case 'Attribute':
        this.expr(e.value, scope);
        break;
      case 'Subscript':
        this.expr(e.value, scope);
        this.index(e.index, scope);
        break;
    }
  }

  private formatted(p: A.FormattedValue, scope: Scope): void {
    this.expr(p.value, scope);
    if (p.formatSpec) for (const q of p.formatSpec.parts) if (q.kind === 'FormattedValue') this.formatted(q, scope);
  }

  private comprehension(e: A.ListComp | A.SetComp | A.DictComp, scope: Scope): void {
    const gens = e.generators;
    // The first iterable is evaluated in the enclosing scope (in both Pythons).
    this.expr(gens[0]!.iter, scope);
    let inner = scope;
    if (this.py3) {
      inner = new Scope('comprehension', e.kind === 'ListComp' ? '<listcomp>' : e.kind === 'SetComp' ? '<setcomp>' : '<dictcomp>', scope, e);
      this.scopes.set(e, inner);
      this.bind(inner, '.0');
      inner.slotOf('.0');
    }
    gens.forEach((g, i) => {
      if (i > 0) this.expr(g.iter, inner);
      this.target(g.target, inner);
      for (const cond of g.ifs) this.expr(cond, inner);
    });
    if (e.kind === 'DictComp') {
      this.expr(e.key, inner);
      this.expr(e.value, inner);
    } else this.expr(e.elt, inner);
  }
}

// Turns a parsed module into code objects: the module body, and one code object per
// function, lambda, class body and (Python 3) comprehension, each compiled once. The
// constants the code holds (co_consts) are allocated here, before the script runs.

import { NULL_REF, type ObjId } from '../../memory/index.js';
import type * as A from '../syntax/ast.js';
import { newDict, dictSet, newSet, setAdd } from '../runtime/dicts.js';
import { PyException } from '../runtime/errors.js';
import { Frame, NORMAL, RETURN, type CodeObject, type ExprFn, type StmtFn } from '../runtime/frame.js';
import { getIter, pushIterator } from '../runtime/sequences.js';
import type { Vm } from '../runtime/vm.js';
import { ExprCompiler, type CompileOptions } from './compile-expr.js';
import { StmtCompiler } from './compile-stmt.js';
import { analyzeModule, type Scope } from './scope.js';
import { SuspendingCompiler } from './compile-suspending.js';
import { emitBody } from './compile-js.js';
import { planSuspension, type SuspensionPlan } from './suspension.js';

export interface CodeFactory {
  constants: ObjId[];
  /**
   * Constants by the AST node they come from: code compiled twice (the suspending form of
   * compile-suspending.ts) holds the same constants, as CPython's one code object does.
   */
  constCache: Map<object, ObjId>;
  function(s: A.FunctionDef, parent: Scope): { code: CodeObject; freeNames: string[] };
  lambda(e: A.Lambda, parent: Scope): { code: CodeObject; freeNames: string[] };
  classBody(s: A.ClassDef, parent: Scope): { code: CodeObject; freeNames: string[] };
  comprehension(e: A.ListComp | A.SetComp | A.DictComp, at: ExprCompiler): ExprFn;
}

/** Compiles a module; its code runs with `namespace` = globals. */
/**
 * `suspending`: the module runs as an app's task, so the code that may reach time.sleep gets
 * its suspending form too (compile-suspending.ts).
 */
export function compileModule(vm: Vm, module: A.Module, opts: { interactive?: boolean; suspending?: boolean | 'everywhere'; closuresOnly?: boolean } = {}): { code: CodeObject; constants: ObjId[] } {
  const { root, scopes } = analyzeModule(module);
  const plan = opts.suspending ? planSuspension(module, opts.suspending === 'everywhere') : null;
  const options: CompileOptions = {
    file: module.file,
    trueDivision: module.pythonMajor === 3 || module.futureFeatures.includes('division'),
    interactive: opts.interactive ?? false,
    closuresOnly: opts.closuresOnly ?? false,
  };
  const factory = new ModuleCodeFactory(vm, scopes, options, plan);
  const compiler = new StmtCompiler(vm, root, options, factory);
  let body: StmtFn;
  let genBody: CodeObject['genBody'];
  try {
    body = !options.interactive && !options.closuresOnly ? emitBody(compiler, module.body, '<module>') : compiler.block(module.body);
    if (plan?.scopes.has(module)) genBody = new SuspendingCompiler(compiler, plan).block(module.body);
  } catch (e) {
    // A module that does not compile (a MemoryError making its constants) gives back the
    // constants made so far: an app restarted after it must find the pool as before.
    for (const c of factory.constants) vm.decref(c);
    factory.constants.length = 0;
    throw e;
  }
  const code: CodeObject = {
    name: '<module>',
    file: module.file,
    firstLine: 1,
    kind: 'module',
    params: [],
    varargSlot: -1,
    nlocals: 0,
    localNames: [],
    cellSlots: [],
    body,
    genBody,
    stackSize: 0,
  };
  return { code, constants: factory.constants };
}

type ScopeNode = Scope['node'];

class ModuleCodeFactory implements CodeFactory {
  readonly constants: ObjId[] = [];
  readonly constCache = new Map<object, ObjId>();
  /** Code objects by their node: a def compiled twice makes one code object. */
  private readonly made = new Map<ScopeNode, { code: CodeObject; freeNames: string[] }>();

  constructor(
    private readonly vm: Vm,
    private readonly scopes: Map<ScopeNode, Scope>,
    private readonly options: CompileOptions,
    private readonly plan: SuspensionPlan | null,
  ) {}

  private scopeOf(node: ScopeNode): Scope {
    const s = this.scopes.get(node);
    if (!s) throw new Error(`compiler: no scope for ${node.kind} at line ${node.line}`);
    return s;
  }

  private codeFor(scope: Scope, name: string, line: number, kind: CodeObject['kind'], params: string[], vararg: string | undefined, body: StmtFn): CodeObject {
    const localNames = [...scope.slots.keys()];
    return {
      name,
      file: this.options.file,
      firstLine: line,
      kind,
      params,
      varargSlot: vararg !== undefined ? scope.slots.get(vararg)! : -1,
      nlocals: scope.slots.size,
      localNames,
      cellSlots: [...scope.cells].map((n) => scope.slots.get(n)!).filter((s) => s !== undefined),
      body,
      stackSize: 8,
    };
  }

  function(s: A.FunctionDef, parent: Scope): { code: CodeObject; freeNames: string[] } {
    return this.once(s, () => this.makeFunction(s, parent));
  }

  lambda(e: A.Lambda, parent: Scope): { code: CodeObject; freeNames: string[] } {
    return this.once(e, () => this.makeLambda(e, parent));
  }

  classBody(s: A.ClassDef, parent: Scope): { code: CodeObject; freeNames: string[] } {
    return this.once(s, () => this.makeClassBody(s, parent));
  }

  private once(node: ScopeNode, make: () => { code: CodeObject; freeNames: string[] }): { code: CodeObject; freeNames: string[] } {
    let r = this.made.get(node);
    if (!r) this.made.set(node, (r = make()));
    return r;
  }

  private makeFunction(s: A.FunctionDef, _parent: Scope): { code: CodeObject; freeNames: string[] } {
    const scope = this.scopeOf(s);
    const compiler = new StmtCompiler(this.vm, scope, this.options, this);
    const body = this.options.closuresOnly ? compiler.block(s.body) : emitBody(compiler, s.body, s.name);
    const code = this.codeFor(scope, s.name, s.line, 'function', s.params.map((p) => p.name), s.vararg?.name, body);
    if (this.plan?.scopes.has(s)) code.genBody = new SuspendingCompiler(compiler, this.plan).block(s.body);
    const first = s.body[0];
    if (first?.kind === 'ExprStmt' && first.value.kind === 'Str') code.doc = first.value.value;
    code.qualname = qualifiedName(scope);
    return { code, freeNames: scope.free };
  }

  private makeLambda(e: A.Lambda, _parent: Scope): { code: CodeObject; freeNames: string[] } {
    const scope = this.scopeOf(e);
    const compiler = new StmtCompiler(this.vm, scope, this.options, this);
    const value = compiler.expr(e.body);
    const body: StmtFn = (f) => {
      f.retval = value(f);
      return RETURN;
    };
    const code = this.codeFor(scope, '<lambda>', e.line, 'lambda', e.params.map((p) => p.name), e.vararg?.name, body);
    return { code, freeNames: scope.free };
  }

  private makeClassBody(s: A.ClassDef, _parent: Scope): { code: CodeObject; freeNames: string[] } {
    const scope = this.scopeOf(s);
    const compiler = new StmtCompiler(this.vm, scope, this.options, this);
    const body = compiler.block(s.body);
    const code = this.codeFor(scope, s.name, s.line, 'class', [], undefined, body);
    return { code, freeNames: scope.free };
  }

  comprehension(e: A.ListComp | A.SetComp | A.DictComp, at: ExprCompiler): ExprFn {
    const vm = this.vm;
    const py3Scope = this.scopes.get(e);
    const firstIter = at.expr(e.generators[0]!.iter);
    if (!py3Scope) {
      // Python 2: the loop runs inline; its variables are the enclosing scope's.
      const build = this.builder(e, at as StmtCompiler, null);
      return (f) => {
        const it = pushIterator(vm, firstIter(f));
        try {
          return build(f, it);
        } finally {
          vm.sp--;
          vm.decref(it);
        }
      };
    }
    const scope = py3Scope;
    const compiler = new StmtCompiler(vm, scope, this.options, this);
    const build = this.builder(e, compiler, 0);
    const code = this.codeFor(scope, scope.name, e.line, 'comprehension', ['.0'], undefined, () => NORMAL);
    const cellSources = scope.free.map((n) => {
      const r = at.scope.resolve(n);
      return (f: Frame) => (r.kind === 'cell' ? f.locals[r.slot]! : r.kind === 'free' ? f.closure[r.index]! : NULL_REF);
    });
    // 3.11 makes and calls a function object for every comprehension; 3.12 inlines them (PEP 709).
    const makesFunction = vm.version.minor < 12;
    return (f) => {
      const seq = firstIter(f);
      vm.push(seq);
      const it = getIter(vm, seq);
      vm.sp--;
      vm.decref(seq);
      let fn = NULL_REF;
      if (makesFunction) {
        vm.push(it);
        fn = vm.alloc(vm.t.function, vm.memory.sizes.function.basic);
        vm.sp--;
      }
      const cf = new Frame(code, f.globals, f.globalsTable, cellSources.map((c) => c(f)), f);
      cf.locals[0] = it;
      for (const s of code.cellSlots) if (s !== 0) cf.locals[s] = newCellEmpty(vm);
      const sp = vm.sp;
      const outer = vm.frame;
      vm.frame = cf;
      try {
        return build(cf, it);
      } catch (err) {
        if (err instanceof PyException) err.traceback.push({ file: code.file, line: cf.line, name: code.name });
        vm.unwindTo(sp);
        throw err;
      } finally {
        vm.frame = outer;
        for (let i = 0; i < cf.locals.length; i++) {
          const v = cf.locals[i]!;
          cf.locals[i] = NULL_REF;
          if (v !== NULL_REF) vm.decref(v);
        }
        if (fn !== NULL_REF) vm.decref(fn);
      }
    };
  }

  /** The loops of a comprehension; `it` is the first generator's iterator. */
  private builder(e: A.ListComp | A.SetComp | A.DictComp, c: StmtCompiler, _iterSlot: number | null): (f: Frame, it: ObjId) => ObjId {
    const vm = this.vm;
    const gens = e.generators;
    const kind = e.kind;
    const elt = kind === 'DictComp' ? null : c.expr(e.elt);
    const key = kind === 'DictComp' ? c.expr(e.key) : null;
    const value = kind === 'DictComp' ? c.expr(e.value) : null;
    type Level = (f: Frame, acc: ObjId, it: ObjId) => void;
    const emit: (f: Frame, acc: ObjId) => void =
      kind === 'ListComp'
        ? (f, acc) => {
            const v = elt!(f);
            vm.push(v);
            vm.listAppend(acc, v);
            vm.sp--;
            vm.decref(v);
          }
        : kind === 'SetComp'
          ? (f, acc) => {
              const v = elt!(f);
              vm.push(v);
              setAdd(vm, acc, v);
              vm.sp--;
              vm.decref(v);
            }
          : (f, acc) => {
              const k = key!(f);
              vm.push(k);
              const v = value!(f);
              vm.push(v);
              dictSet(vm, acc, k, v);
              vm.sp -= 2;
              vm.decref(k);
              vm.decref(v);
            };
    let next: Level | null = null;
    for (let i = gens.length - 1; i >= 0; i--) {
      const g = gens[i]!;
      const store = c.store(g.target);
      const ifs = g.ifs.map((x) => c.test(x));
      const iterExpr = i > 0 ? c.expr(g.iter) : null;
      const inner = next;
      const level: Level = (f, acc, it0) => {
        let it = it0;
        if (iterExpr) {
          it = pushIterator(vm, iterExpr(f));
        }
        const state = vm.data[it] as { next(vm: Vm): ObjId };
        for (;;) {
          vm.tick();
          const v = state.next(vm);
          if (v === NULL_REF) break;
          store(f, v);
          let ok = true;
          for (const t of ifs) if (!t(f)) {
            ok = false;
            break;
          }
          if (!ok) continue;
          if (inner) inner(f, acc, NULL_REF);
          else emit(f, acc);
        }
        if (iterExpr) {
          vm.sp--;
          vm.decref(it);
        }
      };
      next = level;
    }
    const first = next!;
    return (f, it) => {
      const acc = kind === 'ListComp' ? vm.newList() : kind === 'SetComp' ? newSet(vm) : newDict(vm);
      vm.push(acc);
      first(f, acc, it);
      vm.sp--;
      return acc;
    };
  }
}

/** CPython's __qualname__: enclosing classes and functions joined by dots (used in 3.x messages). */
function qualifiedName(scope: Scope): string {
  const parts: string[] = [];
  for (let s: Scope | null = scope; s && s.kind !== 'module'; s = s.parent) {
    parts.unshift(s.kind === 'function' && s !== scope ? `${s.name}.<locals>` : s.name);
  }
  return parts.join('.');
}

function newCellEmpty(vm: Vm): ObjId {
  const c = vm.alloc(vm.t.cell, vm.memory.sizes.cell.basic);
  if (!vm.heap.pushRef(c, NULL_REF)) {
    vm.decref(c);
    vm.raiseMemoryError();
  }
  return c;
}

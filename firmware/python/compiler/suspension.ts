// Where an app's code may wait: the calls through which it can reach time.sleep, so that
// the compiler gives exactly that code a suspending form (runtime/suspend.ts) and leaves
// the rest as plain closures.
//
// The analysis is by name, over one module: a call may suspend when the name it calls
// (`sleep`, `time.sleep`, `self.wait_for_data`...) is `sleep` or the name of a function or
// method of the module that has such a call at statement level, to a fixed point. A call
// is only a suspension point at statement level (`f(...)`, `x = f(...)`, `return f(...)`,
// in any compound statement); one nested in an expression, or a sleep reached through a
// name the module does not define, still sleeps, but blocks the device meanwhile instead
// of letting the other apps run.

import type * as A from '../syntax/ast.js';

export interface SuspensionPlan {
  /** The module and the functions that get a suspending form. */
  scopes: Set<A.Module | A.FunctionDef>;
  /** The calls at statement level, in those scopes, that may suspend. */
  calls: Set<A.Call>;
}

/** The names through which code waits in the device's modules. */
const WAITING_NAMES = ['sleep'];

/**
 * `everywhere`: every function and every call at statement level gets the suspending form
 * (tests check that form against the plain one on whole programs).
 */
export function planSuspension(module: A.Module, everywhere = false): SuspensionPlan {
  const defs: A.FunctionDef[] = [];
  collectDefs(module.body, defs);
  const sites = new Map<A.Module | A.FunctionDef, A.Call[]>();
  sites.set(module, statementCalls(module.body));
  for (const d of defs) sites.set(d, statementCalls(d.body));
  if (everywhere) return { scopes: new Set(sites.keys()), calls: new Set([...sites.values()].flat()) };
  const waiting = new Set(WAITING_NAMES);
  const scopes = new Set<A.Module | A.FunctionDef>();
  for (let changed = true; changed; ) {
    changed = false;
    for (const d of defs) {
      if (scopes.has(d) || !sites.get(d)!.some((c) => waiting.has(calleeName(c)))) continue;
      scopes.add(d);
      waiting.add(d.name);
      changed = true;
    }
  }
  if (sites.get(module)!.some((c) => waiting.has(calleeName(c)))) scopes.add(module);
  const calls = new Set<A.Call>();
  for (const s of scopes) for (const c of sites.get(s)!) if (waiting.has(calleeName(c))) calls.add(c);
  return { scopes, calls };
}

/** The name a call calls: `f` of `f(...)`, `m` of `obj.m(...)`; '' for anything else. */
function calleeName(c: A.Call): string {
  return c.func.kind === 'Name' ? c.func.id : c.func.kind === 'Attribute' ? c.func.attr : '';
}

/** Every function and method defined in `body`, at any depth. */
function collectDefs(body: A.Stmt[], out: A.FunctionDef[]): void {
  for (const s of body) {
    if (s.kind === 'FunctionDef') out.push(s);
    for (const b of childBlocks(s)) collectDefs(b, out);
  }
}

/** The calls at statement level in a scope's own body (not in the functions and classes it defines). */
function statementCalls(body: A.Stmt[], out: A.Call[] = []): A.Call[] {
  for (const s of body) {
    const call = statementCall(s);
    if (call) out.push(call);
    if (s.kind !== 'FunctionDef' && s.kind !== 'ClassDef') for (const b of childBlocks(s)) statementCalls(b, out);
  }
  return out;
}

/** The call a simple statement makes at its top: `f()`, `x = f()`, `return f()`. */
export function statementCall(s: A.Stmt): A.Call | null {
  if ((s.kind === 'ExprStmt' || s.kind === 'Assign' || s.kind === 'Return') && s.value?.kind === 'Call') return s.value;
  return null;
}

/** The statement lists a statement contains. */
export function childBlocks(s: A.Stmt): A.Stmt[][] {
  switch (s.kind) {
    case 'If': return [...s.branches.map((b) => b.body), s.orelse];
    case 'While':
    case 'For':
      return [s.body, s.orelse];
    case 'Try': return [s.body, ...s.handlers.map((h) => h.body), s.orelse, s.finalbody];
    case 'With':
    case 'FunctionDef':
    case 'ClassDef':
      return [s.body];
    default: return [];
  }
}

// Shared helpers for the syntax tests: parse-or-fail wrappers that print every diagnostic on failure.
import { expect } from 'vitest';
import {
  formatDiagnostic,
  parseModule,
  type Expr,
  type Module,
  type ParseOptions,
  type Stmt,
} from '../../../../firmware/python/syntax/index.js';

export type Major = 2 | 3;

export function parseOk(source: string, pythonMajor: Major = 3, extra: Partial<ParseOptions> = {}): Module {
  const result = parseModule(source, { file: 'gw.py', pythonMajor, ...extra });
  if (!result.ok) expect.fail(`expected ${JSON.stringify(source)} to parse:\n${result.errors.map(formatDiagnostic).join('\n')}`);
  return result.module;
}

/** Every diagnostic of a source that must fail, formatted as `file:line:col: message`. */
export function parseErrors(source: string, pythonMajor: Major = 3, extra: Partial<ParseOptions> = {}): string[] {
  const result = parseModule(source, { file: 'gw.py', pythonMajor, ...extra });
  if (result.ok) expect.fail(`expected ${JSON.stringify(source)} to be rejected`);
  return result.errors.map(formatDiagnostic);
}

export function firstStatement(source: string, pythonMajor: Major = 3): Stmt {
  return parseOk(source, pythonMajor).body[0]!;
}

/** The expression of `x = <expr>` or of an expression statement. */
export function expressionOf(source: string, pythonMajor: Major = 3): Expr {
  const s = firstStatement(source, pythonMajor);
  if (s.kind === 'Assign') return s.value;
  if (s.kind === 'ExprStmt') return s.value;
  return expect.fail(`no expression in a ${s.kind} statement`);
}

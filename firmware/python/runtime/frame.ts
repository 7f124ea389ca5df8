// Compiled code and its activation records. A code object is what the compiler makes
// of a module, function or class body: closures over the frame, plus the layout of
// the frame's local slots. Frames are plain JS objects: CPython 3.11+ keeps frames off
// the heap too; the 2.x frame objects the memory model needs are accounted separately.

import type { ObjId } from '../../memory/index.js';
import type { DictTable } from './dict-table.js';

/** Completion of a statement: how control leaves it. */
export const NORMAL = 0;
export const BREAK = 1;
export const CONTINUE = 2;
export const RETURN = 3;

export type StmtFn = (f: Frame) => number;
/** Evaluates an expression and returns a new reference. */
export type ExprFn = (f: Frame) => ObjId;

export interface CodeObject {
  name: string;
  file: string;
  firstLine: number;
  kind: 'module' | 'function' | 'class' | 'lambda' | 'comprehension';
  /** Positional parameter names (the first `paramCount` local slots). */
  params: string[];
  /** Slot of the `*args` tuple, or -1. */
  varargSlot: number;
  /** Local slots: parameters first, then other locals. */
  nlocals: number;
  localNames: string[];
  /** Local slots that hold cells (variables captured by inner functions). */
  cellSlots: number[];
  body: StmtFn;
  /** The generator form of the body, for code that may reach time.sleep in an app's task (runtime/suspend.ts). */
  genBody?: (f: Frame) => Generator<number, number, void>;
  /** Dotted name through enclosing classes and functions (3.x error messages). */
  qualname?: string;
  /** The docstring (a first statement that is a string literal). */
  doc?: string;
  /** For 2.x frame accounting: the value stack depth the frame reserves (estimate). */
  stackSize: number;
  /**
   * Python 2: the code object's "zombie" frame, kept after the first call for the next one
   * (frameobject.c), and whether a call is using it now. Recursive calls take other frames.
   */
  zombieFrame?: ObjId;
  zombieBusy?: boolean;
}

export class Frame {
  /** Local slots (ObjIds; 0 = unbound). Cell slots hold the cell object. */
  readonly locals: ObjId[];
  /** The current line, kept up to date by statements for tracebacks. */
  line: number;
  /** The value returned by a `return` statement (owned). */
  retval: ObjId = 0;
  /** Class bodies and module code: the namespace dict receiving name stores. */
  namespace: ObjId = 0;
  namespaceTable: DictTable | null = null;
  /**
   * The heap frame object, once a traceback needed one (3.x): it owns the frame's locals
   * after the function returns, so that cycles through tracebacks hold them as CPython's do.
   */
  frameObject: ObjId = 0;

  constructor(
    readonly code: CodeObject,
    readonly globals: ObjId,
    readonly globalsTable: DictTable,
    /** Cells this code reads from enclosing scopes. */
    readonly closure: ObjId[],
    readonly back: Frame | null,
  ) {
    // Built by push: a packed array of small ints (new Array(n).fill(0) stays holey in V8).
    const locals: ObjId[] = [];
    for (let i = code.nlocals; i > 0; i--) locals.push(0);
    this.locals = locals;
    this.line = code.firstLine;
  }
}

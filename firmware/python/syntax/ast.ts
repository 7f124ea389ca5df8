// The typed AST of device Python, shaped for a compiler to closures: names stay
// unresolved (scopes are the compiler's job), literals are already decoded, and
// every list is flat where CPython's AST would nest (elif chains are one If), so
// the tree's depth is bounded by the parser's nesting limits.
//
// Invariant: every node's `line` and `col` (1-based) are those of its first token.
// Invariant: nothing outside the supported subset appears here; a module that used
// an unsupported construct is reported as errors and never returned.

export interface Position {
  line: number;
  col: number;
}

// ---------------------------------------------------------------- expressions

export interface Name extends Position {
  kind: 'Name';
  id: string;
}

export interface NoneLiteral extends Position {
  kind: 'None';
}

/** Python 3 only: in Python 2 `True` and `False` are ordinary (rebindable) names. */
export interface Bool extends Position {
  kind: 'Bool';
  value: boolean;
}

export interface Int extends Position {
  kind: 'Int';
  value: bigint;
  /** Written with the Python 2 `L` suffix: the value is a `long` whatever its size. */
  long: boolean;
}

export interface Float extends Position {
  kind: 'Float';
  value: number;
}

/**
 * A string literal after escape decoding and adjacent-literal concatenation.
 * `isBytes` marks a byte string (Python 3 `b''`, Python 2 `''` without
 * `unicode_literals`); its `value` holds one character per byte (U+0000..U+00FF).
 */
export interface Str extends Position {
  kind: 'Str';
  value: string;
  isBytes: boolean;
}

/** An f-string: literal parts and formatted values, in order. */
export interface JoinedStr extends Position {
  kind: 'JoinedStr';
  parts: (Str | FormattedValue)[];
}

export interface FormattedValue extends Position {
  kind: 'FormattedValue';
  value: Expr;
  conversion?: 'r' | 's' | 'a';
  formatSpec?: JoinedStr;
}

export interface List extends Position {
  kind: 'List';
  elts: Expr[];
}

export interface Tuple extends Position {
  kind: 'Tuple';
  elts: Expr[];
}

export interface SetLiteral extends Position {
  kind: 'Set';
  elts: Expr[];
}

/** `keys[i]` maps to `values[i]`; evaluation order is key, value, next key... */
export interface Dict extends Position {
  kind: 'Dict';
  keys: Expr[];
  values: Expr[];
}

/** One `for target in iter if cond...` clause of a comprehension. */
export interface Comprehension extends Position {
  target: Target;
  iter: Expr;
  ifs: Expr[];
}

export interface ListComp extends Position {
  kind: 'ListComp';
  elt: Expr;
  generators: Comprehension[];
}

export interface SetComp extends Position {
  kind: 'SetComp';
  elt: Expr;
  generators: Comprehension[];
}

export interface DictComp extends Position {
  kind: 'DictComp';
  key: Expr;
  value: Expr;
  generators: Comprehension[];
}

export type BinaryOperator = '+' | '-' | '*' | '/' | '//' | '%' | '**' | '<<' | '>>' | '&' | '|' | '^';
export type UnaryOperator = '-' | '+' | '~' | 'not';
/** Python 2's `<>` is reported as `!=`. */
export type CompareOperator = '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'not in' | 'is' | 'is not';

export interface BinOp extends Position {
  kind: 'BinOp';
  op: BinaryOperator;
  left: Expr;
  right: Expr;
}

export interface UnaryOp extends Position {
  kind: 'UnaryOp';
  op: UnaryOperator;
  operand: Expr;
}

/** Short-circuit `and` / `or` over two or more values. */
export interface BoolOp extends Position {
  kind: 'BoolOp';
  op: 'and' | 'or';
  values: Expr[];
}

/** A chain `a < b <= c`: `ops[i]` compares the previous operand with `comparators[i]`. */
export interface Compare extends Position {
  kind: 'Compare';
  left: Expr;
  ops: CompareOperator[];
  comparators: Expr[];
}

/** `body if test else orelse` */
export interface IfExp extends Position {
  kind: 'IfExp';
  test: Expr;
  body: Expr;
  orelse: Expr;
}

export interface Param extends Position {
  name: string;
  default?: Expr;
}

/** The `*args` parameter. */
export interface VarArg extends Position {
  name: string;
}

export interface Lambda extends Position {
  kind: 'Lambda';
  params: Param[];
  vararg?: VarArg;
  body: Expr;
}

export interface Keyword extends Position {
  name: string;
  value: Expr;
}

/** Arguments are evaluated as written; `*starArgs` extends the positional ones. */
export interface Call extends Position {
  kind: 'Call';
  func: Expr;
  args: Expr[];
  keywords: Keyword[];
  starArgs?: Expr;
}

export interface Attribute extends Position {
  kind: 'Attribute';
  value: Expr;
  attr: string;
}

/** `lower:upper:step` inside a subscript; any part may be absent. */
export interface Slice extends Position {
  kind: 'Slice';
  lower?: Expr;
  upper?: Expr;
  step?: Expr;
}

/** `value[index]`; `a[i, j]` has a Tuple index, `a[i:j]` a Slice. */
export interface Subscript extends Position {
  kind: 'Subscript';
  value: Expr;
  index: Expr | Slice;
}

export type Expr =
  | Name
  | NoneLiteral
  | Bool
  | Int
  | Float
  | Str
  | JoinedStr
  | List
  | Tuple
  | SetLiteral
  | Dict
  | ListComp
  | SetComp
  | DictComp
  | BinOp
  | UnaryOp
  | BoolOp
  | Compare
  | IfExp
  | Lambda
  | Call
  | Attribute
  | Subscript;

// -------------------------------------------------------------------- targets

/** `a, b` or `[a, (b, c)]` on the left of `=`, after `for`, or after `del`. */
export interface Unpack extends Position {
  kind: 'Unpack';
  elts: Target[];
}

/** What can be assigned to, iterated into, or deleted. */
export type Target = Name | Attribute | Subscript | Unpack;

// ----------------------------------------------------------------- statements

export interface ExprStmt extends Position {
  kind: 'ExprStmt';
  value: Expr;
}

/** `a = b = value`: targets are assigned left to right, value evaluated once. */
export interface Assign extends Position {
  kind: 'Assign';
  targets: Target[];
  value: Expr;
}

export interface AugAssign extends Position {
  kind: 'AugAssign';
  target: Name | Attribute | Subscript;
  op: BinaryOperator;
  value: Expr;
}

export interface Delete extends Position {
  kind: 'Delete';
  targets: Target[];
}

export interface Pass extends Position {
  kind: 'Pass';
}

export interface Break extends Position {
  kind: 'Break';
}

export interface Continue extends Position {
  kind: 'Continue';
}

export interface Return extends Position {
  kind: 'Return';
  value?: Expr;
}

export interface Global extends Position {
  kind: 'Global';
  names: string[];
}

export interface Nonlocal extends Position {
  kind: 'Nonlocal';
  names: string[];
}

/** One `if`/`elif` clause. */
export interface IfBranch extends Position {
  test: Expr;
  body: Stmt[];
}

/** `if`, any `elif`s and an optional `else`, flat: the first true branch runs. */
export interface If extends Position {
  kind: 'If';
  branches: IfBranch[];
  orelse: Stmt[];
}

export interface While extends Position {
  kind: 'While';
  test: Expr;
  body: Stmt[];
  orelse: Stmt[];
}

export interface For extends Position {
  kind: 'For';
  target: Target;
  iter: Expr;
  body: Stmt[];
  orelse: Stmt[];
}

export interface FunctionDef extends Position {
  kind: 'FunctionDef';
  name: string;
  params: Param[];
  vararg?: VarArg;
  body: Stmt[];
}

export interface ClassDef extends Position {
  kind: 'ClassDef';
  name: string;
  /** Empty or one base: the device has single inheritance only. */
  bases: Expr[];
  body: Stmt[];
}

export interface ExceptHandler extends Position {
  /** Absent for a bare `except:`. */
  type?: Expr;
  name?: string;
  body: Stmt[];
}

export interface Try extends Position {
  kind: 'Try';
  body: Stmt[];
  handlers: ExceptHandler[];
  orelse: Stmt[];
  finalbody: Stmt[];
}

export interface Raise extends Position {
  kind: 'Raise';
  /** Absent for a bare re-raise. */
  exc?: Expr;
  /** Python 3 `raise E from cause`. */
  cause?: Expr;
  /** Python 2 `raise E, value`: the value (or args tuple) E is instantiated with. */
  legacyValue?: Expr;
}

/** `import a.b as c` is { name: 'a.b', asName: 'c' }. */
export interface ImportAlias extends Position {
  name: string;
  asName?: string;
}

export interface Import extends Position {
  kind: 'Import';
  names: ImportAlias[];
}

export interface ImportFrom extends Position {
  kind: 'ImportFrom';
  /** Dotted module name; empty for `from . import x`. */
  module: string;
  /** Number of leading dots (relative import); 0 for an absolute import. */
  level: number;
  /** Empty when `star`. */
  names: ImportAlias[];
  star: boolean;
}

export interface Assert extends Position {
  kind: 'Assert';
  test: Expr;
  msg?: Expr;
}

export interface WithItem extends Position {
  expr: Expr;
  asName?: string;
}

/** `with a as x, b:` is one statement with two items, entered left to right. */
export interface With extends Position {
  kind: 'With';
  items: WithItem[];
  body: Stmt[];
}

/**
 * The Python 2 print statement. `print (a, b)` in Python 2 prints a tuple, so
 * `values` then holds one Tuple. `trailingComma` suppresses the newline.
 */
export interface Print extends Position {
  kind: 'Print';
  dest?: Expr;
  values: Expr[];
  trailingComma: boolean;
}

export type Stmt =
  | ExprStmt
  | Assign
  | AugAssign
  | Delete
  | Pass
  | Break
  | Continue
  | Return
  | Global
  | Nonlocal
  | If
  | While
  | For
  | FunctionDef
  | ClassDef
  | Try
  | Raise
  | Import
  | ImportFrom
  | Assert
  | With
  | Print;

export interface Module extends Position {
  kind: 'Module';
  file: string;
  pythonMajor: 2 | 3;
  /** Features named in `from __future__ import ...` (e.g. `division`, `print_function`). */
  futureFeatures: string[];
  body: Stmt[];
}

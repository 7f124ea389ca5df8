// Statements and blocks. Besides the grammar, this half checks what CPython's
// compiler rejects before running anything (`return` outside a function, a late
// `from __future__`, ...), so such a script fails at load time here too.

import type { Expr, ExceptHandler, ImportAlias, Stmt, Target, WithItem } from './ast.js';
import { BLOCK_UNITS } from './parser-core.js';
import { describeExpression } from './parser-bindings.js';
import { ExpressionParser } from './parser-expressions.js';
import type { Token } from './tokenizer.js';

const AUGMENTED = new Set(['+=', '-=', '*=', '/=', '//=', '%=', '**=', '<<=', '>>=', '&=', '|=', '^=', '@=']);

const FUTURE_FEATURES: Record<2 | 3, Set<string>> = {
  2: new Set(['nested_scopes', 'generators', 'division', 'absolute_import', 'with_statement', 'print_function', 'unicode_literals']),
  3: new Set([
    'nested_scopes', 'generators', 'division', 'absolute_import', 'with_statement', 'print_function',
    'unicode_literals', 'barry_as_FLUFL', 'generator_stop', 'annotations',
  ]),
};

/** What the enclosing blocks allow. */
interface BlockContext {
  /** Directly in a function body (a class body in between resets it): `return` is allowed. */
  inFunction: boolean;
  /** Anywhere inside a def, even through a class: `nonlocal` is allowed. */
  insideDef: boolean;
  inClass: boolean;
  inLoop: boolean;
  /** In a `finally` clause of the innermost loop (Python 2 forbids `continue` there). */
  inFinally: boolean;
}

export class StatementParser extends ExpressionParser {
  private block: BlockContext = { inFunction: false, insideDef: false, inClass: false, inLoop: false, inFinally: false };
  /** Suites entered, whether indented or on the header's line. */
  private blockDepth = 0;
  /** No statement other than a docstring or `from __future__` has been seen yet. */
  private futureAllowed = true;
  readonly futureFeatures: string[] = [];

  parseFile(): Stmt[] {
    const body: Stmt[] = [];
    while (this.tok.kind !== 'end') this.parseStatementInto(body);
    return body;
  }

  private parseStatementInto(body: Stmt[]): void {
    const t = this.tok;
    if (t.kind === 'indent') this.unexpected();
    if (t.kind === 'newline') {
      this.advance();
      return;
    }
    let compound: Stmt | undefined;
    let handled = true;
    if (t.kind === 'op' && t.text === '@') {
      compound = this.parseDecorated();
    } else if (t.kind === 'name' && this.isReserved(t.text)) {
      switch (t.text) {
        case 'if':
          compound = this.parseIf();
          break;
        case 'while':
          compound = this.parseWhile();
          break;
        case 'for':
          compound = this.parseFor();
          break;
        case 'try':
          compound = this.parseTry();
          break;
        case 'with':
          compound = this.parseWith();
          break;
        case 'def':
          compound = this.parseDef();
          break;
        case 'class':
          compound = this.parseClass();
          break;
        case 'async':
          compound = this.parseAsync();
          break;
        default:
          handled = false;
      }
    } else if (this.py3 && t.kind === 'name' && t.text === 'match' && this.looksLikeMatchStatement()) {
      this.skipMatchStatement();
    } else {
      handled = false;
    }
    if (!handled) {
      this.parseSimpleStatements(body);
      return;
    }
    this.noteTopLevel(compound, body);
    if (compound) body.push(compound);
  }

  /** Keeps `futureAllowed` true only while the module holds a docstring and future imports. */
  private noteTopLevel(stmt: Stmt | undefined, body: Stmt[]): void {
    if (this.blockDepth > 0 || !this.futureAllowed) return;
    const docstring = body.length === 0 && stmt?.kind === 'ExprStmt' && stmt.value.kind === 'Str';
    const future = stmt?.kind === 'ImportFrom' && stmt.module === '__future__' && stmt.level === 0;
    if (!docstring && !future) this.futureAllowed = false;
  }

  /** `stmt; stmt; ...` up to and including the NEWLINE. */
  private parseSimpleStatements(body: Stmt[]): void {
    do {
      if (this.tok.kind === 'newline') break;
      const stmt = this.parseSmallStatement();
      this.noteTopLevel(stmt, body);
      if (stmt) body.push(stmt);
    } while (this.eatOp(';'));
    if (this.tok.kind !== 'newline') this.unexpected();
    this.advance();
  }

  private parseSmallStatement(): Stmt | undefined {
    const t = this.tok;
    const at = { line: t.line, col: t.col };
    if (t.kind === 'name' && this.isReserved(t.text)) {
      switch (t.text) {
        case 'pass':
          this.advance();
          return { kind: 'Pass', ...at };
        case 'break':
          if (!this.block.inLoop) this.fail("'break' outside loop", t);
          this.advance();
          return { kind: 'Break', ...at };
        case 'continue':
          if (!this.block.inLoop) this.fail("'continue' not properly in loop", t);
          if (!this.py3 && this.block.inFinally) this.fail("'continue' not supported inside 'finally' clause", t);
          this.advance();
          return { kind: 'Continue', ...at };
        case 'return': {
          if (!this.block.inFunction) this.fail("'return' outside function", t);
          this.advance();
          if (!this.canStartExpression()) return { kind: 'Return', ...at };
          return { kind: 'Return', value: this.parseTestList(), ...at };
        }
        case 'global':
        case 'nonlocal': {
          if (t.text === 'nonlocal' && !this.block.insideDef) this.fail('nonlocal declaration not allowed at module level', t);
          this.advance();
          const names = [this.expectIdentifier().text];
          while (this.eatOp(',')) names.push(this.expectIdentifier().text);
          return t.text === 'global' ? { kind: 'Global', names, ...at } : { kind: 'Nonlocal', names, ...at };
        }
        case 'del':
          return this.parseDel();
        case 'import':
          return this.parseImport();
        case 'from':
          return this.parseFromImport();
        case 'raise':
          return this.parseRaise();
        case 'assert': {
          this.advance();
          const test = this.parseTest();
          if (!this.eatOp(',')) return { kind: 'Assert', test, ...at };
          return { kind: 'Assert', test, msg: this.parseTest(), ...at };
        }
        case 'print':
          return this.parsePrint();
        case 'exec':
          this.parseExecStatement();
          return undefined;
      }
    }
    if (this.py3 && t.kind === 'name' && (t.text === 'print' || t.text === 'exec')) {
      const next = this.peek();
      const argument = next.kind === 'string' || next.kind === 'number' || this.isIdentifier(next);
      if (argument && t.text === 'print') this.fail("Missing parentheses in call to 'print'. Did you mean print(...)?", t);
      if (argument) {
        this.parseExecStatement();
        return undefined;
      }
    }
    return this.parseExpressionStatement();
  }

  private parseRhs(): Expr {
    return this.isKeyword('yield') ? this.parseYield() : this.parseTestList();
  }

  private parseExpressionStatement(): Stmt | undefined {
    const start = this.tok;
    const at = { line: start.line, col: start.col };
    const first = this.parseRhs();
    if (this.isOp('=')) {
      const exprs = [first];
      while (this.eatOp('=')) exprs.push(this.parseRhs());
      const value = exprs.pop()!;
      const targets = exprs.map((e) => this.toTarget(e, 'assign'));
      return { kind: 'Assign', targets, value, ...at };
    }
    const t = this.tok;
    if (t.kind === 'op' && AUGMENTED.has(t.text)) {
      if (first.kind !== 'Name' && first.kind !== 'Attribute' && first.kind !== 'Subscript') {
        const what = first.kind === 'Tuple' ? 'tuple' : first.kind === 'List' ? 'list' : describeExpression(first, this.py3);
        this.fail(this.py3 ? `'${what}' is an illegal expression for augmented assignment` : 'illegal expression for augmented assignment', first);
      }
      this.advance();
      const value = this.parseRhs();
      if (t.text === '@=') {
        this.unsupported('the @ operator is', '@=', t);
        return undefined;
      }
      return { kind: 'AugAssign', target: first, op: t.text.slice(0, -1) as '+', value, ...at };
    }
    if (this.isOp(':')) {
      if (first.kind !== 'Name' && first.kind !== 'Attribute' && first.kind !== 'Subscript') {
        this.fail(this.py3 ? `only single target (not ${first.kind === 'Tuple' ? 'tuple' : 'list'}) can be annotated` : 'invalid syntax', first);
      }
      this.advance();
      const at = this.tok;
      this.parseTest();
      this.unsupported('type annotations are', this.quote(start), at);
      if (this.eatOp('=')) this.parseRhs();
      return undefined;
    }
    return { kind: 'ExprStmt', value: first, ...at };
  }

  private parseDel(): Stmt {
    const t = this.advance();
    const targets: Target[] = [];
    do {
      if (targets.length > 0 && !this.canStartExpression()) break;
      targets.push(this.toTarget(this.parseBinary(1), 'delete'));
    } while (this.eatOp(','));
    return { kind: 'Delete', targets, line: t.line, col: t.col };
  }

  private parseDottedName(): string {
    let name = this.expectIdentifier().text;
    while (this.eatOp('.')) name += '.' + this.expectIdentifier().text;
    return name;
  }

  private parseImport(): Stmt {
    const t = this.advance();
    const names: ImportAlias[] = [];
    do {
      const start = this.tok;
      const alias: ImportAlias = { name: this.parseDottedName(), line: start.line, col: start.col };
      if (this.eatKeyword('as')) alias.asName = this.expectIdentifier().text;
      this.checkBindable(alias.asName ?? alias.name.split('.')[0]!, alias);
      names.push(alias);
    } while (this.eatOp(','));
    return { kind: 'Import', names, line: t.line, col: t.col };
  }

  private parseFromImport(): Stmt {
    const t = this.advance();
    let level = 0;
    while (this.isOp('.') || this.isOp('...')) level += this.advance().text.length;
    const module = level > 0 && this.isKeyword('import') ? '' : this.parseDottedName();
    this.expectKeyword('import');
    const names: ImportAlias[] = [];
    let star = false;
    if (this.isOp('*')) {
      const s = this.advance();
      if (this.py3 && (this.block.inFunction || this.block.inClass)) this.fail('import * only allowed at module level', s);
      star = true;
    } else {
      const parenthesized = this.eatOp('(');
      do {
        if (parenthesized && names.length > 0 && this.isOp(')')) break;
        const nameTok = this.expectIdentifier();
        const alias: ImportAlias = { name: nameTok.text, line: nameTok.line, col: nameTok.col };
        if (this.eatKeyword('as')) alias.asName = this.expectIdentifier().text;
        this.checkBindable(alias.asName ?? alias.name, alias);
        names.push(alias);
      } while (this.eatOp(','));
      if (parenthesized) this.expectOp(')');
    }
    if (module === '__future__' && level === 0) this.applyFuture(t, names, star);
    return { kind: 'ImportFrom', module, level, names, star, line: t.line, col: t.col };
  }

  private applyFuture(t: Token, names: ImportAlias[], star: boolean): void {
    if (!this.futureAllowed || this.blockDepth > 0) this.fail('from __future__ imports must occur at the beginning of the file', t);
    if (star) this.fail('future feature * is not defined', t);
    for (const alias of names) {
      if (alias.name === 'braces') this.fail('not a chance', alias);
      if (!FUTURE_FEATURES[this.ctx.pythonMajor].has(alias.name)) this.fail(`future feature ${alias.name} is not defined`, alias);
      if (alias.name === 'print_function') this.ctx.printIsFunction = true;
      if (alias.name === 'unicode_literals') this.ctx.unicodeLiterals = true;
      if (!this.futureFeatures.includes(alias.name)) this.futureFeatures.push(alias.name);
    }
  }

  private parseRaise(): Stmt {
    const t = this.advance();
    const at = { line: t.line, col: t.col };
    if (!this.canStartExpression()) return { kind: 'Raise', ...at };
    const exc = this.parseTest();
    if (this.py3) {
      if (!this.eatKeyword('from')) return { kind: 'Raise', exc, ...at };
      return { kind: 'Raise', exc, cause: this.parseTest(), ...at };
    }
    if (!this.eatOp(',')) return { kind: 'Raise', exc, ...at };
    const legacyValue = this.parseTest();
    if (this.isOp(',')) {
      const comma = this.advance();
      this.unsupported('three-argument raise is', 'traceback', comma);
      this.parseTest();
    }
    return { kind: 'Raise', exc, legacyValue, ...at };
  }

  /** Python 2's print statement: `print`, `print x, y,`, `print >>f, x`. */
  private parsePrint(): Stmt {
    const t = this.advance();
    const values: Expr[] = [];
    let dest: Expr | undefined;
    let trailingComma = false;
    if (this.isOp('>>')) {
      this.advance();
      dest = this.parseTest();
      if (this.eatOp(',') && !this.canStartExpression()) this.unexpected();
    }
    if ((dest === undefined || this.tok.kind !== 'newline') && this.canStartExpression()) {
      values.push(this.parseTest());
      while (this.eatOp(',')) {
        if (!this.canStartExpression()) {
          trailingComma = true;
          break;
        }
        values.push(this.parseTest());
      }
    }
    const node: Stmt = { kind: 'Print', values, trailingComma, line: t.line, col: t.col };
    if (dest) node.dest = dest;
    return node;
  }

  /** `exec code [in globals[, locals]]`: reported and parsed past. */
  private parseExecStatement(): void {
    const t = this.advance();
    this.unsupported('the exec statement is', 'exec', t);
    this.parseBinary(1);
    if (this.eatKeyword('in')) {
      this.parseTest();
      if (this.eatOp(',')) this.parseTest();
    }
  }

  // ------------------------------------------------------------ compound

  /** `: simple; statements` on the same line, or NEWLINE INDENT statements DEDENT. */
  private parseSuite(label: string, header: Token): Stmt[] {
    this.expectOp(':');
    const body: Stmt[] = [];
    if (this.tok.kind !== 'newline') {
      this.blockDepth++;
      this.parseSimpleStatements(body);
      this.blockDepth--;
      return body;
    }
    this.advance();
    if (this.kindNow() !== 'indent') {
      this.fail(this.py3 ? `expected an indented block after ${label} on line ${header.line}` : 'expected an indented block', this.tok);
    }
    const indent = this.advance();
    this.enter(indent, BLOCK_UNITS);
    this.blockDepth++;
    while (this.kindNow() !== 'dedent' && this.kindNow() !== 'end') this.parseStatementInto(body);
    if (this.kindNow() === 'dedent') this.advance();
    this.blockDepth--;
    this.leave(BLOCK_UNITS);
    return body;
  }

  private withBlock<T>(context: BlockContext, parse: () => T): T {
    const saved = this.block;
    this.block = context;
    try {
      return parse();
    } finally {
      this.block = saved;
    }
  }

  private loopBody(label: string, header: Token): Stmt[] {
    return this.withBlock({ ...this.block, inLoop: true, inFinally: false }, () => this.parseSuite(label, header));
  }

  private parseIf(): Stmt {
    const t = this.advance();
    const test = this.parseTest();
    const branches = [{ test, body: this.parseSuite("'if' statement", t), line: t.line, col: t.col }];
    while (this.isKeyword('elif')) {
      const e = this.advance();
      const elifTest = this.parseTest();
      branches.push({ test: elifTest, body: this.parseSuite("'elif' statement", e), line: e.line, col: e.col });
    }
    const orelse = this.isKeyword('else') ? this.parseSuite("'else' statement", this.advance()) : [];
    return { kind: 'If', branches, orelse, line: t.line, col: t.col };
  }

  private parseWhile(): Stmt {
    const t = this.advance();
    const test = this.parseTest();
    const body = this.loopBody("'while' statement", t);
    const orelse = this.isKeyword('else') ? this.parseSuite("'else' statement", this.advance()) : [];
    return { kind: 'While', test, body, orelse, line: t.line, col: t.col };
  }

  private parseFor(): Stmt {
    const t = this.advance();
    const target = this.parseTargetList();
    this.expectKeyword('in');
    const iter = this.parseTestList();
    const body = this.loopBody("'for' statement", t);
    const orelse = this.isKeyword('else') ? this.parseSuite("'else' statement", this.advance()) : [];
    return { kind: 'For', target, iter, body, orelse, line: t.line, col: t.col };
  }

  private parseTry(): Stmt {
    const t = this.advance();
    const body = this.parseSuite("'try' statement", t);
    const handlers: ExceptHandler[] = [];
    while (this.isKeyword('except')) {
      const e = this.advance();
      const previous = handlers[handlers.length - 1];
      if (previous && previous.type === undefined) this.fail("default 'except:' must be last", previous);
      if (this.py3 && this.isOp('*')) this.unsupported('exception groups are', 'except*', this.advance());
      const handler: ExceptHandler = { body: [], line: e.line, col: e.col };
      if (!this.isOp(':')) {
        handler.type = this.parseTest();
        if (this.eatKeyword('as')) {
          const nameTok = this.expectIdentifier();
          this.checkBindable(nameTok.text, nameTok);
          handler.name = nameTok.text;
        } else if (this.isOp(',')) {
          if (this.py3) this.fail('multiple exception types must be parenthesized', handler.type);
          this.advance();
          const target = this.parseTest();
          if (target.kind === 'Name') {
            this.checkBindable(target.id, target);
            handler.name = target.id;
          }
          else this.unsupported('except targets other than a name are', 'except E, target', target);
        }
      }
      handler.body = this.parseSuite("'except' statement", e);
      handlers.push(handler);
    }
    let orelse: Stmt[] = [];
    if (handlers.length > 0 && this.isKeyword('else')) orelse = this.parseSuite("'else' statement", this.advance());
    let finalbody: Stmt[] = [];
    if (this.isKeyword('finally')) {
      const f = this.advance();
      finalbody = this.withBlock({ ...this.block, inFinally: this.block.inLoop }, () => this.parseSuite("'finally' statement", f));
    } else if (handlers.length === 0) {
      this.fail(this.py3 ? "expected 'except' or 'finally' block" : 'invalid syntax', this.tok);
    }
    return { kind: 'Try', body, handlers, orelse, finalbody, line: t.line, col: t.col };
  }

  private parseWith(): Stmt {
    const t = this.advance();
    const items: WithItem[] = [];
    if (this.py3 && this.isOp('(') && this.parenthesizedWithItems()) {
      // Python 3.9+: `with (a as b, c as d):`
      this.advance();
      do {
        if (items.length > 0 && this.isOp(')')) break;
        items.push(this.parseWithItem());
      } while (this.eatOp(','));
      this.expectOp(')');
      return { kind: 'With', items, body: this.parseSuite("'with' statement", t), line: t.line, col: t.col };
    }
    do items.push(this.parseWithItem());
    while (this.eatOp(','));
    const body = this.parseSuite("'with' statement", t);
    return { kind: 'With', items, body, line: t.line, col: t.col };
  }

  /** Whether the `(` after `with` closes right before the colon, enclosing the items themselves. */
  private parenthesizedWithItems(): boolean {
    let depth = 1;
    for (let k = 1; ; k++) {
      const tok = this.peek(k);
      if (tok.kind === 'newline' || tok.kind === 'end') return false;
      if (tok.kind !== 'op') continue;
      if (tok.text === '(' || tok.text === '[' || tok.text === '{') depth++;
      else if (tok.text === ')' || tok.text === ']' || tok.text === '}') {
        if (--depth === 0) {
          const after = this.peek(k + 1);
          return after.kind === 'op' && after.text === ':';
        }
      }
    }
  }

  private parseWithItem(): WithItem {
    const start = this.tok;
    const expr = this.isKeyword('yield') ? this.parseYield() : this.parseTest();
    const item: WithItem = { expr, line: start.line, col: start.col };
    if (this.eatKeyword('as')) {
      const targetStart = this.tok;
      const target = this.toTarget(this.parseBinary(1), 'assign');
      if (target.kind === 'Name') item.asName = target.id;
      else this.unsupported('with-statement targets other than a name are', 'as target', targetStart);
    }
    return item;
  }

  private parseDef(): Stmt {
    const t = this.advance();
    const name = this.expectIdentifier();
    this.checkBindable(name.text, name);
    this.expectOp('(');
    const { params, vararg } = this.parseParameters(')', true);
    this.expectOp(')');
    if (this.isOp('->')) {
      const arrow = this.advance();
      const at = this.tok;
      this.parseTest();
      this.unsupported('type annotations are', this.quote(arrow), at);
    }
    const body = this.withBlock({ inFunction: true, insideDef: true, inClass: false, inLoop: false, inFinally: false }, () =>
      this.parseSuite('function definition', t),
    );
    const node: Stmt = { kind: 'FunctionDef', name: name.text, params, body, line: t.line, col: t.col };
    if (vararg) node.vararg = vararg;
    return node;
  }

  private parseClass(): Stmt {
    const t = this.advance();
    const name = this.expectIdentifier();
    this.checkBindable(name.text, name);
    const bases: Expr[] = [];
    if (this.eatOp('(')) {
      while (!this.isOp(')')) {
        const arg = this.tok;
        if (this.isIdentifier() && this.peek().kind === 'op' && this.peek().text === '=') {
          this.advance();
          this.advance();
          this.parseTest();
          if (arg.text === 'metaclass') this.unsupported('metaclasses are', 'metaclass=', arg);
          else this.unsupported('class keyword arguments are', `${arg.text}=`, arg);
        } else if (this.isOp('*') || this.isOp('**')) {
          this.advance();
          this.parseTest();
          this.unsupported('unpacking in a class bases list is', arg.text, arg);
        } else {
          bases.push(this.parseTest());
        }
        if (!this.eatOp(',')) break;
      }
      this.expectOp(')');
      if (bases.length > 1) this.unsupported('multiple inheritance is', this.quote(t), bases[1]!);
    }
    const context = { inFunction: false, insideDef: this.block.insideDef, inClass: true, inLoop: false, inFinally: false };
    const body = this.withBlock(context, () =>
      this.parseSuite('class definition', t),
    );
    return { kind: 'ClassDef', name: name.text, bases: bases.slice(0, 1), body, line: t.line, col: t.col };
  }

  private parseDecorated(): Stmt | undefined {
    while (this.isOp('@')) {
      const t = this.advance();
      this.unsupported('decorators are', '@', t);
      this.parseTest();
      if (this.tok.kind !== 'newline') this.unexpected();
      this.advance();
    }
    if (this.isKeyword('def')) return this.parseDef();
    if (this.isKeyword('class')) return this.parseClass();
    if (this.isKeyword('async')) return this.parseAsync();
    return this.unexpected();
  }

  private parseAsync(): Stmt | undefined {
    const t = this.advance();
    const next = this.tok;
    if (!this.isKeyword('def') && !this.isKeyword('for') && !this.isKeyword('with')) this.unexpected();
    this.unsupported('async/await is', `async ${next.text}`, t);
    if (next.text === 'def') return this.parseDef();
    if (next.text === 'for') return this.parseFor();
    return this.parseWith();
  }

  /**
   * `match` is a soft keyword: `match x:` opens a match statement while
   * `match(x)` or `match = 1` use a name. As CPython effectively does, look at
   * whether the logical line ends with a colon.
   */
  private looksLikeMatchStatement(): boolean {
    const next = this.peek();
    if (next.kind === 'newline' || next.kind === 'end') return false;
    if (next.kind === 'op' && !['(', '[', '{', '-', '~', '*', '...'].includes(next.text)) return false;
    let previous = next;
    for (let k = 2; ; k++) {
      const tok = this.peek(k);
      if (tok.kind === 'newline' || tok.kind === 'end') return previous.kind === 'op' && previous.text === ':';
      previous = tok;
    }
  }

  private skipMatchStatement(): void {
    const t = this.advance();
    this.unsupported('the match statement is', 'match', t);
    while (this.tok.kind !== 'newline') this.advance();
    this.advance();
    if (this.kindNow() !== 'indent') {
      this.fail("expected an indented block after 'match' statement on line " + t.line, this.tok);
    }
    let depth = 0;
    do {
      const k = this.advance().kind;
      if (k === 'indent') depth++;
      else if (k === 'dedent') depth--;
      else if (k === 'end') break;
    } while (depth > 0);
  }
}

// What binds names: assignment and loop targets, comprehension clauses, and
// the parameters of defs and lambdas. A base of the expression parser, which
// supplies the expression productions these need.

import type { Comprehension, Expr, Param, Target, VarArg } from './ast.js';
import { ParserBase } from './parser-core.js';
import type { Token } from './tokenizer.js';

export interface Parameters {
  params: Param[];
  vararg?: VarArg;
}

export abstract class BindingParser extends ParserBase {
  protected abstract parseTest(): Expr;
  protected abstract parseTestNoCond(): Expr;
  protected abstract parseTestOrStar(): Expr;
  protected abstract parseOr(): Expr;
  protected abstract parseBinary(minLevel: number): Expr;
  protected abstract parseParenthesized(): Expr;
  protected abstract canStartExpression(): boolean;

  /**
   * One or more `for target in iter [if cond]...` clauses. A Python 2 list
   * comprehension also takes an unparenthesised tuple as iter (`for x in 1, 2`).
   */
  protected parseComprehensionClauses(python2List = false): Comprehension[] {
    const generators: Comprehension[] = [];
    while (this.startsComprehension()) {
      if (this.isKeyword('async')) this.unsupported('async/await is', 'async for', this.advance());
      const forTok = this.advance();
      const target = this.parseTargetList();
      this.expectKeyword('in');
      const iter = python2List && !this.py3 ? this.parseOldTestList() : this.parseOr();
      const ifs: Expr[] = [];
      while (this.eatKeyword('if')) ifs.push(this.parseTestNoCond());
      generators.push({ target, iter, ifs, line: forTok.line, col: forTok.col });
    }
    return generators;
  }

  protected startsComprehension(): boolean {
    return this.isKeyword('for') || (this.py3 && this.isKeyword('async') && this.peek().text === 'for');
  }

  /** Python 2's `testlist_safe`: old_test, optionally continued into a tuple. */
  private parseOldTestList(): Expr {
    const start = this.tok;
    const first = this.parseTestNoCond();
    if (!this.isOp(',')) return first;
    const elts = [first];
    while (this.eatOp(',')) {
      if (!this.canStartExpression()) break;
      elts.push(this.parseTestNoCond());
    }
    return { kind: 'Tuple', elts, line: start.line, col: start.col };
  }

  /** The targets after `for` (an exprlist): `i`, `i, x`, `(a, b), c`. */
  protected parseTargetList(): Target {
    const start = this.tok;
    const first = this.parseStarOrBinary();
    if (!this.isOp(',')) return this.toTarget(first, 'assign');
    const elts = [first];
    while (this.eatOp(',')) {
      if (!this.canStartExpression() || this.isKeyword('not') || this.isKeyword('lambda')) break;
      elts.push(this.parseStarOrBinary());
    }
    return this.toTarget({ kind: 'Tuple', elts, line: start.line, col: start.col }, 'assign');
  }

  private parseStarOrBinary(): Expr {
    if (!this.isOp('*')) return this.parseBinary(1);
    return this.parseTestOrStar();
  }

  /** Checks that an expression can be assigned to (or deleted) and narrows its type. */
  protected toTarget(e: Expr, use: 'assign' | 'delete'): Target {
    switch (e.kind) {
      case 'Name':
        this.checkBindable(e.id, e, use);
        return e;
      case 'Attribute':
        this.checkBindable(e.attr, e, use);
        if (!this.py3 && e.attr === 'None') this.fail('cannot assign to None', e);
        return e;
      case 'Subscript':
        return e;
      case 'Tuple':
      case 'List':
        return { kind: 'Unpack', elts: e.elts.map((x) => this.toTarget(x, use)), line: e.line, col: e.col };
      default: {
        const verb = use === 'assign' ? 'assign to' : 'delete';
        return this.fail(`${this.py3 ? 'cannot' : "can't"} ${verb} ${describeExpression(e, this.py3)}`, e);
      }
    }
  }

  protected parseLambda(noCond: boolean): Expr {
    const t = this.advance();
    this.enter(t);
    const { params, vararg } = this.parseParameters(':', false);
    this.expectOp(':');
    const body = noCond ? this.parseTestNoCond() : this.parseTest();
    this.leave();
    const node: Expr = { kind: 'Lambda', params, body, line: t.line, col: t.col };
    if (vararg) node.vararg = vararg;
    return node;
  }

  /** Parameters of a def (closed by ')') or a lambda (closed by ':'). */
  protected parseParameters(closer: string, annotations: boolean): Parameters {
    const params: Param[] = [];
    let vararg: VarArg | undefined;
    let sawStar = false;
    let sawDefault = false;
    let sawDoubleStar = false;
    const names = new Set<string>();
    const declare = (tok: { text: string; line: number; col: number }) => {
      this.checkBindable(tok.text, tok);
      if (names.has(tok.text)) this.fail(`duplicate argument '${tok.text}' in function definition`, tok);
      names.add(tok.text);
    };
    const annotation = (param: Token) => {
      if (annotations && this.isOp(':')) {
        this.advance();
        const at = this.tok;
        this.eatOp('*'); // `*args: *Ts` (3.11)
        this.parseTest();
        this.unsupported('type annotations are', this.quote(param), at);
      }
    };
    while (!this.isOp(closer)) {
      if (sawDoubleStar) this.unexpected();
      const t = this.tok;
      if (this.isOp('*')) {
        this.advance();
        if (sawStar) this.fail(this.py3 ? '* argument may appear only once' : 'invalid syntax', t);
        sawStar = true;
        if (this.isIdentifier()) {
          const name = this.advance();
          declare(name);
          annotation(name);
          vararg = { name: name.text, line: t.line, col: t.col };
        } else if (this.py3) {
          // A bare `*`: the keyword-only parameters after it are reported one by one.
          if (!this.isOp(',') || this.peek().kind !== 'name') this.fail('named arguments must follow bare *', t);
        } else {
          this.unexpected();
        }
      } else if (this.isOp('**')) {
        this.advance();
        const name = this.expectIdentifier();
        declare(name);
        annotation(name);
        sawDoubleStar = true;
        this.unsupported('**kwargs parameters are', `**${name.text}`, t);
      } else if (this.py3 && this.isOp('/')) {
        this.advance();
        this.unsupported('positional-only parameters are', '/', t);
      } else if (!this.py3 && this.isOp('(')) {
        this.unsupported('tuple parameters are', '(...)', t);
        this.parseParenthesized();
        if (this.eatOp('=')) this.parseTest();
      } else {
        const name = this.expectIdentifier();
        declare(name);
        annotation(name);
        const param: Param = { name: name.text, line: name.line, col: name.col };
        if (this.eatOp('=')) {
          param.default = this.parseTest();
          if (!sawStar) sawDefault = true;
        } else if (sawDefault && !sawStar) {
          this.fail('non-default argument follows default argument', name);
        }
        if (sawStar) this.unsupported('keyword-only parameters are', name.text, name);
        else params.push(param);
      }
      if (!this.eatOp(',')) break;
      // Python 2 allows no trailing comma after *args or **kwargs.
      if (!this.py3 && (sawStar || sawDoubleStar) && this.isOp(closer)) this.unexpected();
    }
    const result: Parameters = { params };
    if (vararg) result.vararg = vararg;
    return result;
  }
}

/** How CPython names an expression that cannot be a target. */
export function describeExpression(e: Expr, py3: boolean): string {
  switch (e.kind) {
    case 'None':
      return 'None';
    case 'Bool':
      return e.value ? 'True' : 'False';
    case 'Int':
    case 'Float':
    case 'Str':
      return 'literal';
    case 'JoinedStr':
      return 'f-string expression';
    case 'Call':
      return 'function call';
    case 'BinOp':
    case 'UnaryOp':
      return py3 ? 'expression' : 'operator';
    case 'BoolOp':
      return py3 ? 'expression' : 'operator';
    case 'Compare':
      return 'comparison';
    case 'IfExp':
      return 'conditional expression';
    case 'Lambda':
      return 'lambda';
    case 'Dict':
      return py3 ? 'dict literal' : 'literal';
    case 'Set':
      return py3 ? 'set display' : 'literal';
    case 'ListComp':
      return 'list comprehension';
    case 'SetComp':
      return 'set comprehension';
    case 'DictComp':
      return 'dict comprehension';
    default:
      return 'expression';
  }
}

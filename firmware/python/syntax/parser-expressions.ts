// Expressions: precedence climbing for the binary operators, recursive descent
// for the rest. Every recursive step takes a unit of the nesting budget
// (ParserBase.enter), and left-folded chains (`a+b+c`, `x.a.b.c`) take one per
// fold, so both the parse and the tree it returns stay shallow enough for JS.

import type { BinaryOperator, CompareOperator, Expr, Keyword, Slice } from './ast.js';
import { BRACKET_UNITS } from './parser-core.js';
import { BindingParser } from './parser-bindings.js';
import { FieldSource, StringHost, parseStringLiterals } from './strings.js';
import { Tokenizer } from './tokenizer.js';

const BINARY_LEVEL: Record<string, number> = {
  '|': 1,
  '^': 2,
  '&': 3,
  '<<': 4,
  '>>': 4,
  '+': 5,
  '-': 5,
  '*': 6,
  '/': 6,
  '//': 6,
  '%': 6,
  '@': 6,
};

const COMPARE_OPS = new Set(['<', '>', '==', '>=', '<=', '!=', '<>']);

/** Names that are keywords yet begin an expression. */
const EXPRESSION_KEYWORDS = new Set(['lambda', 'not', 'None', 'True', 'False', 'await']);

type At = { line: number; col: number };

export class ExpressionParser extends BindingParser {
  /**
   * Stands in for an unsupported construct that has been reported, so parsing can
   * go on and find the next one. The module is never returned in that case.
   */
  protected placeholder(at: At): Expr {
    return { kind: 'None', line: at.line, col: at.col };
  }

  protected canStartExpression(): boolean {
    const t = this.tok;
    if (t.kind === 'number' || t.kind === 'string') return true;
    if (t.kind === 'name') return !this.isReserved(t.text) || EXPRESSION_KEYWORDS.has(t.text);
    return t.kind === 'op' && ['(', '[', '{', '-', '+', '~', '`', '...', '*'].includes(t.text);
  }

  /** `a, b, c` (a Tuple when a comma is present, trailing comma allowed). */
  protected parseTestList(): Expr {
    const start = this.tok;
    const first = this.parseTestOrStar();
    if (!this.isOp(',')) return first;
    const elts = [first];
    while (this.eatOp(',')) {
      if (!this.canStartExpression()) break;
      elts.push(this.parseTestOrStar());
    }
    return { kind: 'Tuple', elts, line: start.line, col: start.col };
  }

  /** An element of a display: the star check inlined, as displays nest deepest. */
  private parseElement(): Expr {
    return this.isOp('*') ? this.parseTestOrStar() : this.parseTest();
  }

  /** A test, or `*x` (unpacking), which the device lacks. */
  protected parseTestOrStar(): Expr {
    if (!this.isOp('*')) return this.parseTest();
    const star = this.advance();
    const inner = this.parseBinary(1);
    const shown = inner.kind === 'Name' ? `*${inner.id}` : '*';
    this.unsupported('star-unpacking is', shown, star);
    return inner;
  }

  protected parseTest(): Expr {
    if (this.isKeyword('lambda')) return this.parseLambda(false);
    const start = this.tok;
    const body = this.parseOr();
    if (this.isKeyword('if')) {
      this.advance();
      const test = this.parseOr();
      if (!this.isKeyword('else')) this.fail(this.py3 ? "expected 'else' after 'if' expression" : 'invalid syntax', this.tok);
      const elseTok = this.advance();
      this.enter(elseTok);
      const orelse = this.parseTest();
      this.leave();
      return { kind: 'IfExp', test, body, orelse, line: start.line, col: start.col };
    }
    if (this.isOp(':=')) {
      this.unsupported('assignment expressions are', ':=', start);
      const op = this.advance();
      this.enter(op);
      this.parseTest();
      this.leave();
    }
    return body;
  }

  /** The condition of a comprehension `if`: no unparenthesised conditional expression. */
  protected parseTestNoCond(): Expr {
    return this.isKeyword('lambda') ? this.parseLambda(true) : this.parseOr();
  }

  /** `a or b and c`: or-chains of and-chains, each flat (one BoolOp per chain). */
  protected parseOr(): Expr {
    const start = this.tok;
    let orValues: Expr[] | undefined;
    for (;;) {
      const andStart = this.tok;
      let node = this.parseNot();
      if (this.isKeyword('and')) {
        const values = [node];
        while (this.eatKeyword('and')) values.push(this.parseNot());
        node = { kind: 'BoolOp', op: 'and', values, line: andStart.line, col: andStart.col };
      }
      if (!this.isKeyword('or')) {
        if (!orValues) return node;
        orValues.push(node);
        return { kind: 'BoolOp', op: 'or', values: orValues, line: start.line, col: start.col };
      }
      (orValues ??= []).push(node);
      this.advance();
    }
  }

  /** `not x`, or a comparison chain (merged into one function to save a stack frame per nesting level). */
  private parseNot(): Expr {
    const start = this.tok;
    if (this.isKeyword('not')) {
      this.advance();
      this.enter(start);
      const operand = this.parseNot();
      this.leave();
      return { kind: 'UnaryOp', op: 'not', operand, line: start.line, col: start.col };
    }
    const left = this.parseBinary(1);
    let op = this.compareOperator();
    if (op === undefined) return left;
    const ops: CompareOperator[] = [];
    const comparators: Expr[] = [];
    while (op !== undefined) {
      ops.push(op);
      comparators.push(this.parseBinary(1));
      op = this.compareOperator();
    }
    return { kind: 'Compare', left, ops, comparators, line: start.line, col: start.col };
  }

  private compareOperator(): CompareOperator | undefined {
    const t = this.tok;
    if (t.kind === 'op' && COMPARE_OPS.has(t.text)) {
      this.advance();
      return t.text === '<>' ? '!=' : (t.text as CompareOperator);
    }
    if (this.isKeyword('in')) {
      this.advance();
      return 'in';
    }
    if (this.isKeyword('is')) {
      this.advance();
      return this.eatKeyword('not') ? 'is not' : 'is';
    }
    if (this.isKeyword('not') && this.peek().kind === 'name' && this.peek().text === 'in') {
      this.advance();
      this.advance();
      return 'not in';
    }
    return undefined;
  }

  /** Precedence climbing over `| ^ & << >> + - * / // % @`, all left-associative. */
  protected parseBinary(minLevel: number): Expr {
    const start = this.tok;
    let left = this.parseUnary();
    let folds = 0;
    for (;;) {
      const t = this.tok;
      if (t.kind !== 'op') break;
      const level = BINARY_LEVEL[t.text];
      if (level === undefined || level < minLevel) break;
      this.advance();
      const right = this.parseBinary(level + 1);
      if (t.text === '@') {
        this.unsupported('the @ operator is', '@', t);
      } else {
        left = { kind: 'BinOp', op: t.text as BinaryOperator, left, right, line: start.line, col: start.col };
        this.enter(t);
        folds++;
      }
    }
    this.leave(folds);
    return left;
  }

  /**
   * Unary operators, `await` and `**` (one function, to save stack frames). `**`
   * binds tighter than a unary minus on its left and looser on its right:
   * -2**-1 is -(2**(-1)).
   */
  private parseUnary(): Expr {
    const t = this.tok;
    if (t.kind === 'op' && (t.text === '-' || t.text === '+' || t.text === '~')) {
      this.advance();
      this.enter(t);
      const operand = this.parseUnary();
      this.leave();
      return { kind: 'UnaryOp', op: t.text, operand, line: t.line, col: t.col };
    }
    if (this.py3 && this.isKeyword('await')) {
      this.advance();
      this.unsupported('async/await is', 'await', t);
      this.enter(t);
      const operand = this.parseUnary();
      this.leave();
      return operand;
    }
    const base = this.parseAtomWithTrailers();
    if (!this.isOp('**')) return base;
    const op = this.advance();
    this.enter(op);
    const exponent = this.parseUnary();
    this.leave();
    return { kind: 'BinOp', op: '**', left: base, right: exponent, line: t.line, col: t.col };
  }

  private parseAtomWithTrailers(): Expr {
    const start = this.tok;
    let node = this.parseAtom();
    let units = 0;
    for (;;) {
      const t = this.tok;
      if (t.kind !== 'op' || (t.text !== '(' && t.text !== '[' && t.text !== '.')) break;
      const cost = t.text === '.' ? 1 : BRACKET_UNITS;
      this.enter(t, cost);
      units += cost;
      if (t.text === '(') node = this.parseCall(node, start);
      else if (t.text === '[') node = this.parseSubscript(node, start);
      else {
        this.advance();
        const attr = this.expectIdentifier();
        node = { kind: 'Attribute', value: node, attr: attr.text, line: start.line, col: start.col };
      }
    }
    this.leave(units);
    return node;
  }

  private parseCall(func: Expr, start: At): Expr {
    this.advance();
    const args: Expr[] = [];
    const keywords: Keyword[] = [];
    let starArgs: Expr | undefined;
    let sawDoubleStar = false;
    while (!this.isOp(')')) {
      const argTok = this.tok;
      if (this.isOp('*')) {
        this.advance();
        if (sawDoubleStar && this.py3) this.fail('iterable argument unpacking follows keyword argument unpacking', argTok);
        const value = this.parseTest();
        if (starArgs) this.unsupported('several *-unpackings in one call are', '*', argTok);
        else starArgs = value;
      } else if (this.isOp('**')) {
        this.advance();
        const value = this.parseTest();
        sawDoubleStar = true;
        this.unsupported('keyword argument unpacking is', value.kind === 'Name' ? `**${value.id}` : '**', argTok);
      } else if (this.isIdentifier() && this.peek().kind === 'op' && this.peek().text === '=') {
        this.advance();
        this.advance();
        this.checkBindable(argTok.text, argTok);
        const value = this.parseTest();
        if (keywords.some((k) => k.name === argTok.text)) {
          this.fail(this.py3 ? `keyword argument repeated: ${argTok.text}` : 'keyword argument repeated', argTok);
        }
        keywords.push({ name: argTok.text, value, line: argTok.line, col: argTok.col });
      } else {
        const value = this.parseTest();
        if (this.startsComprehension()) {
          this.unsupported('generator expressions are', 'use a list comprehension', argTok);
          this.parseComprehensionClauses();
          if (!this.eatOp(',')) break;
          continue;
        }
        if (this.isOp('=') && !this.py3 && value.kind === 'Name' && !starArgs && !sawDoubleStar) {
          // Python 2 takes `f((a)=1)` as a keyword argument.
          this.advance();
          keywords.push({ name: value.id, value: this.parseTest(), line: argTok.line, col: argTok.col });
          if (!this.eatOp(',')) break;
          continue;
        }
        if (this.isOp('=')) {
          this.fail(this.py3 ? 'expression cannot contain assignment, perhaps you meant "=="?' : "keyword can't be an expression", argTok);
        }
        if (sawDoubleStar && this.py3) this.fail('positional argument follows keyword argument unpacking', argTok);
        if (keywords.length > 0 || sawDoubleStar) {
          this.fail(this.py3 ? 'positional argument follows keyword argument' : 'non-keyword arg after keyword arg', argTok);
        }
        if (starArgs) {
          if (!this.py3) this.fail('only named arguments may follow *expression', argTok);
          this.unsupported('positional arguments after *args are', '*', argTok);
        }
        args.push(value);
      }
      if (!this.eatOp(',')) break;
      if (!this.py3 && (starArgs || sawDoubleStar) && this.isOp(')')) this.unexpected();
    }
    this.expectOp(')');
    const call: Expr = { kind: 'Call', func, args, keywords, line: start.line, col: start.col };
    if (starArgs) call.starArgs = starArgs;
    return call;
  }

  private parseSubscript(value: Expr, start: At): Expr {
    this.advance();
    const first = this.parseSubscriptItem();
    let index: Expr | Slice = first;
    if (this.isOp(',')) {
      const items = [first];
      while (this.eatOp(',')) {
        if (this.isOp(']')) break;
        items.push(this.parseSubscriptItem());
      }
      const elts: Expr[] = [];
      for (const item of items) {
        if (item.kind === 'Slice') this.unsupported('extended slices are', 'a[i:j, k]', item);
        else elts.push(item);
      }
      index = { kind: 'Tuple', elts, line: first.line, col: first.col };
    }
    this.expectOp(']');
    return { kind: 'Subscript', value, index, line: start.line, col: start.col };
  }

  private parseSubscriptItem(): Expr | Slice {
    const start = this.tok;
    if (this.isOp('*')) return this.parseTestOrStar();
    const lower = this.isOp(':') ? undefined : this.parseTest();
    if (!this.isOp(':')) return lower!;
    this.advance();
    const ends = () => this.isOp(']') || this.isOp(',') || this.isOp(':');
    const slice: Slice = { kind: 'Slice', line: start.line, col: start.col };
    if (lower) slice.lower = lower;
    if (!ends()) slice.upper = this.parseTest();
    if (this.eatOp(':') && !ends()) slice.step = this.parseTest();
    return slice;
  }

  private parseAtom(): Expr {
    const t = this.tok;
    switch (t.kind) {
      case 'number': {
        this.advance();
        const lit = t.number!;
        if (lit.kind === 'int') return { kind: 'Int', value: lit.value, long: lit.long, line: t.line, col: t.col };
        if (lit.kind === 'float') return { kind: 'Float', value: lit.value, line: t.line, col: t.col };
        this.unsupported('complex numbers are', t.text, t);
        return this.placeholder(t);
      }
      case 'string':
        return parseStringLiterals(this.stringHost());
      case 'name': {
        if (t.text === 'None') {
          this.advance();
          return { kind: 'None', line: t.line, col: t.col };
        }
        if (this.py3 && (t.text === 'True' || t.text === 'False')) {
          this.advance();
          return { kind: 'Bool', value: t.text === 'True', line: t.line, col: t.col };
        }
        if (this.isReserved(t.text)) this.unexpected();
        this.advance();
        return { kind: 'Name', id: t.text, line: t.line, col: t.col };
      }
      case 'op':
        switch (t.text) {
          case '(':
            return this.parseParenthesized();
          case '[':
            return this.parseListDisplay();
          case '{':
            return this.parseBraceDisplay();
          case '`': {
            this.advance();
            this.unsupported('backticks are', 'use repr()', t);
            this.enter(t, BRACKET_UNITS);
            this.parseTestList();
            this.leave(BRACKET_UNITS);
            this.expectOp('`');
            return this.placeholder(t);
          }
          case '...':
            this.advance();
            this.unsupported('the Ellipsis literal is', '...', t);
            return this.placeholder(t);
        }
    }
    return this.unexpected();
  }

  /** What the string-literal parser needs from this parser (kept narrow on purpose). */
  private stringHost(): StringHost {
    return {
      ctx: this.ctx,
      current: () => this.tok,
      advance: () => this.advance(),
      enter: (at: At) => this.enter(at, BRACKET_UNITS),
      leave: () => this.leave(BRACKET_UNITS),
      parseField: (field: FieldSource) => {
        const tokens = new Tokenizer(this.ctx.source, {
          pythonMajor: this.ctx.pythonMajor,
          sink: this.ctx.sink,
          start: field.start,
          end: field.end,
          line: field.line,
          lineStart: field.lineStart,
          expressionOnly: true,
        });
        return new ExpressionParser(tokens, this.ctx).parseFieldExpression();
      },
    };
  }

  /** The whole of an f-string replacement field's expression. */
  private parseFieldExpression(): Expr {
    const value = this.isKeyword('yield') ? this.parseYield() : this.parseTestList();
    if (this.tok.kind !== 'end') this.unexpected();
    return value;
  }

  /** `yield`, `yield x`, `yield from x`: reported as unsupported and parsed past. */
  protected parseYield(): Expr {
    const t = this.advance();
    this.unsupported('generators are', 'yield', t);
    if (this.py3 && this.isKeyword('from')) {
      this.advance();
      this.parseTest();
    } else if (this.canStartExpression()) {
      this.parseTestList();
    }
    return this.placeholder(t);
  }

  protected parseParenthesized(): Expr {
    const open = this.advance();
    this.enter(open, BRACKET_UNITS);
    let result: Expr;
    if (this.isOp(')')) {
      result = { kind: 'Tuple', elts: [], line: open.line, col: open.col };
    } else if (this.isKeyword('yield')) {
      result = this.parseYield();
    } else {
      const first = this.parseElement();
      if (this.startsComprehension()) {
        this.unsupported('generator expressions are', 'use a list comprehension', open);
        this.parseComprehensionClauses();
        result = this.placeholder(open);
      } else if (this.isOp(',')) {
        const elts = [first];
        while (this.eatOp(',')) {
          if (this.isOp(')')) break;
          elts.push(this.parseElement());
        }
        result = { kind: 'Tuple', elts, line: open.line, col: open.col };
      } else {
        result = first;
      }
    }
    this.expectOp(')');
    this.leave(BRACKET_UNITS);
    return result;
  }

  private parseListDisplay(): Expr {
    const open = this.advance();
    this.enter(open, BRACKET_UNITS);
    const elts: Expr[] = [];
    let result: Expr = { kind: 'List', elts, line: open.line, col: open.col };
    if (!this.isOp(']')) {
      const first = this.parseElement();
      if (this.startsComprehension()) {
        const generators = this.parseComprehensionClauses(true);
        result = { kind: 'ListComp', elt: first, generators, line: open.line, col: open.col };
      } else {
        elts.push(first);
        while (this.eatOp(',')) {
          if (this.isOp(']')) break;
          elts.push(this.parseElement());
        }
      }
    }
    this.expectOp(']');
    this.leave(BRACKET_UNITS);
    return result;
  }

  private parseBraceDisplay(): Expr {
    const open = this.advance();
    this.enter(open, BRACKET_UNITS);
    const at = { line: open.line, col: open.col };
    let result: Expr;
    if (this.isOp('}')) {
      result = { kind: 'Dict', keys: [], values: [], ...at };
    } else if (this.isOp('**')) {
      result = this.parseDictRest(at, undefined);
    } else {
      const first = this.parseElement();
      result = this.isOp(':') ? this.parseDictRest(at, first) : this.parseSetRest(at, first);
    }
    this.expectOp('}');
    this.leave(BRACKET_UNITS);
    return result;
  }

  /** A dict display or comprehension whose first key, if already parsed, is `firstKey`. */
  private parseDictRest(at: At, firstKey: Expr | undefined): Expr {
    const keys: Expr[] = [];
    const values: Expr[] = [];
    let pendingKey = firstKey;
    let index = 0;
    do {
      if (index > 0 && this.isOp('}')) break;
      index++;
      if (pendingKey === undefined && this.isOp('**')) {
        const t = this.advance();
        this.unsupported('dict unpacking in a literal is', '**', t);
        this.parseBinary(1);
        continue;
      }
      const key = pendingKey ?? this.parseTest();
      pendingKey = undefined;
      this.expectOp(':');
      const value = this.parseTest();
      if (index === 1 && this.startsComprehension()) {
        const generators = this.parseComprehensionClauses();
        return { kind: 'DictComp', key, value, generators, ...at };
      }
      keys.push(key);
      values.push(value);
    } while (this.eatOp(','));
    return { kind: 'Dict', keys, values, ...at };
  }

  private parseSetRest(at: At, first: Expr): Expr {
    if (this.startsComprehension()) {
      const generators = this.parseComprehensionClauses();
      return { kind: 'SetComp', elt: first, generators, ...at };
    }
    const elts = [first];
    while (this.eatOp(',')) {
      if (this.isOp('}')) break;
      elts.push(this.parseElement());
    }
    return { kind: 'Set', elts, ...at };
  }
}

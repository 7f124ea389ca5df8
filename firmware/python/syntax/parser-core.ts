// The token cursor and shared state under both halves of the parser: one-token
// lookahead (more only for the `match` probe), keyword sets per Python version,
// error helpers, and the nesting budget that keeps recursion off the JS stack's edge.

import { DiagnosticSink, unsupportedMessage } from './diagnostics.js';
import type { SourceCharset } from './source-encoding.js';
import { Token, Tokenizer } from './tokenizer.js';

/**
 * Bound on nesting, in units: a bracket (with its call or subscript) costs
 * BRACKET_UNITS, an indented block BLOCK_UNITS, and one unit each a unary or
 * `not` operand, `**` exponent, lambda body, conditional-expression tail, and
 * each fold of a left-associative operator or attribute chain. Units follow the
 * JS stack frames each step takes, so the worst input stays far from the stack's
 * end; CPython's own AST construction stops near the same depth.
 * Invariant: no AST the parser returns is deeper than this plus a small constant,
 * so a recursive compiler over it is safe too.
 */
export const MAX_NESTING_DEPTH = 1000;
export const BRACKET_UNITS = 3;
export const BLOCK_UNITS = 2;

/** State shared by the module parser and the sub-parsers of f-string fields. */
export interface ParserContext {
  readonly sink: DiagnosticSink;
  readonly pythonMajor: 2 | 3;
  readonly source: string;
  depth: number;
  /** Python 2 after `from __future__ import print_function`. */
  printIsFunction: boolean;
  /** Python 2 after `from __future__ import unicode_literals`. */
  unicodeLiterals: boolean;
  /** How the source text maps back to the file's bytes (Python 2 str literals). */
  sourceCharset: SourceCharset;
  /** The text holds characters standing for bytes the source decoding could not place. */
  sourceMarked: boolean;
}

const COMMON_KEYWORDS = [
  'and', 'as', 'assert', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else', 'except',
  'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'not', 'or', 'pass',
  'raise', 'return', 'try', 'while', 'with', 'yield',
];
const KEYWORDS: Record<2 | 3, Set<string>> = {
  2: new Set([...COMMON_KEYWORDS, 'exec', 'print']),
  3: new Set([...COMMON_KEYWORDS, 'False', 'None', 'True', 'nonlocal', 'async', 'await']),
};

export class ParserBase {
  protected tok: Token;
  private readonly ahead: Token[] = [];
  private aheadHead = 0;
  protected readonly py3: boolean;
  /** End offset of the last token consumed, to quote constructs in messages. */
  private lastEnd = 0;

  constructor(
    protected readonly tokens: Tokenizer,
    protected readonly ctx: ParserContext,
  ) {
    this.py3 = ctx.pythonMajor === 3;
    this.tok = tokens.next();
  }

  protected advance(): Token {
    const t = this.tok;
    this.lastEnd = t.end;
    if (this.aheadHead < this.ahead.length) {
      this.tok = this.ahead[this.aheadHead++]!;
      if (this.aheadHead === this.ahead.length) {
        this.ahead.length = 0;
        this.aheadHead = 0;
      }
    } else {
      this.tok = this.tokens.next();
    }
    return t;
  }

  /** The token `n` places after the current one (n >= 1). */
  protected peek(n = 1): Token {
    while (this.ahead.length - this.aheadHead < n) this.ahead.push(this.tokens.next());
    return this.ahead[this.aheadHead + n - 1]!;
  }

  /** The current token's kind, read afresh (TypeScript keeps narrowings of `this.tok` across advance()). */
  protected kindNow(): Token['kind'] {
    return this.tok.kind;
  }

  protected isOp(text: string): boolean {
    return this.tok.kind === 'op' && this.tok.text === text;
  }

  protected eatOp(text: string): boolean {
    if (!this.isOp(text)) return false;
    this.advance();
    return true;
  }

  protected expectOp(text: string): Token {
    if (!this.isOp(text)) {
      if (text === ':' && this.py3 && this.tok.kind !== 'end') this.fail("expected ':'", this.tok);
      this.unexpected();
    }
    return this.advance();
  }

  protected isReserved(word: string): boolean {
    if (word === 'print' && !this.py3) return !this.ctx.printIsFunction;
    return KEYWORDS[this.ctx.pythonMajor].has(word);
  }

  /** The current token is the keyword `word` (not merely a name spelled so in another version). */
  protected isKeyword(word: string): boolean {
    return this.tok.kind === 'name' && this.tok.text === word && this.isReserved(word);
  }

  protected eatKeyword(word: string): boolean {
    if (!this.isKeyword(word)) return false;
    this.advance();
    return true;
  }

  protected expectKeyword(word: string): Token {
    if (!this.isKeyword(word)) this.unexpected();
    return this.advance();
  }

  /** An identifier that is not a keyword: a variable, attribute, parameter or module name. */
  protected isIdentifier(tok: Token = this.tok): boolean {
    return tok.kind === 'name' && !this.isReserved(tok.text);
  }

  protected expectIdentifier(): Token {
    if (!this.isIdentifier()) this.unexpected();
    return this.advance();
  }

  /** CPython refuses to bind `__debug__` anywhere (and, in Python 3, to delete it). */
  protected checkBindable(name: string, at: { line: number; col: number }, use: 'assign' | 'delete' = 'assign'): void {
    if (name === '__debug__' && (use === 'assign' || this.py3)) {
      this.fail(`cannot ${use === 'assign' ? 'assign to' : 'delete'} __debug__`, at);
    }
  }

  /** The source text from `start` up to the last consumed token, shortened for a message. */
  protected quote(start: Token): string {
    const text = this.ctx.source.slice(start.start, Math.max(start.end, this.lastEnd)).replace(/\s+/g, ' ');
    return text.length > 40 ? `${text.slice(0, 37)}...` : text;
  }

  protected fail(message: string, at: { line: number; col: number }): never {
    return this.ctx.sink.abort(message, at.line, at.col);
  }

  protected unsupported(what: string, construct: string, at: { line: number; col: number }): void {
    this.ctx.sink.report(unsupportedMessage(what, construct), at.line, at.col);
  }

  /** CPython's wording for a token that cannot appear where it stands. */
  protected unexpected(tok: Token = this.tok): never {
    if (tok.kind === 'indent') this.fail('unexpected indent', tok);
    if (tok.kind === 'end' || (tok.kind === 'dedent' && tok.start >= this.ctx.source.length)) {
      this.fail('unexpected EOF while parsing', tok);
    }
    if (tok.kind === 'dedent') this.fail('unindent does not match any outer indentation level', tok);
    return this.fail('invalid syntax', tok);
  }

  /** Takes one unit of the nesting budget; pair with `leave`. */
  protected enter(at: { line: number; col: number }, units = 1): void {
    this.ctx.depth += units;
    if (this.ctx.depth > MAX_NESTING_DEPTH) {
      this.fail(`too many nested expressions or blocks (the device parser allows ${MAX_NESTING_DEPTH})`, at);
    }
  }

  protected leave(units = 1): void {
    this.ctx.depth -= units;
  }
}

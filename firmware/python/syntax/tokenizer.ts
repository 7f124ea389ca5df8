// A pull tokenizer: the parser asks for one token at a time, so a 10 MB source
// never exists as a token array and an early syntax error stops the scan there.
// Layout (NEWLINE, INDENT, DEDENT) follows CPython's tokenizer, including its
// limits: 200 nested brackets and 100 indentation levels.

import { DiagnosticSink, describeInvalidCharacter } from './diagnostics.js';
import { NumberLiteral, isIdentifierPartAscii, isIdentifierStartAscii, scanNumber } from './literals.js';

export const MAX_BRACKET_DEPTH = 200;
/** Counting the module's own level, as CPython does: 99 nested blocks at most. */
export const MAX_INDENT_LEVELS = 100;

export type TokenKind = 'name' | 'number' | 'string' | 'op' | 'newline' | 'indent' | 'dedent' | 'end';

export interface StringInfo {
  /** Lower-cased prefix letters, e.g. '', 'b', 'rb', 'f'. */
  prefix: string;
  bodyStart: number;
  bodyEnd: number;
  /** Line and line-start offset of the body's first character, to place errors inside it. */
  bodyLine: number;
  bodyLineStart: number;
}

export interface Token {
  kind: TokenKind;
  /** Identifier, operator or literal text as written; '' for layout tokens. */
  text: string;
  line: number;
  col: number;
  /** Offsets into the source; `end` is exclusive. */
  start: number;
  end: number;
  number: NumberLiteral | undefined;
  string: StringInfo | undefined;
}

export interface TokenizerOptions {
  pythonMajor: 2 | 3;
  sink: DiagnosticSink;
  /** Scan only source[start, end): an f-string's replacement field. */
  start?: number;
  end?: number;
  line?: number;
  lineStart?: number;
  /**
   * An expression inside an f-string: newlines are whitespace (as inside
   * brackets) and there is no NEWLINE/INDENT/DEDENT layout.
   */
  expressionOnly?: boolean;
}

const OPERATORS3 = new Set(['**=', '//=', '>>=', '<<=', '...']);
const OPERATORS2 = new Set([
  '**', '//', '<<', '>>', '<=', '>=', '==', '!=', '->', ':=',
  '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '@=',
]);
const OPERATORS1 = '+-*/%&|^~<>()[]{},:.;@=`';
/** Operators that never begin a longer one: the common case skips the longer lookups. */
const SINGLE_ONLY = '()[]{},;~`';
const CLOSERS: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

const STRING_PREFIXES: Record<2 | 3, Set<string>> = {
  2: new Set(['r', 'u', 'b', 'br', 'ur']),
  3: new Set(['r', 'u', 'b', 'br', 'rb', 'f', 'fr', 'rf']),
};

interface OpenBracket {
  char: string;
  line: number;
  col: number;
}

/** Expects text with `\n` line endings only (parseModule normalises CRLF and CR first). */
export class Tokenizer {
  private readonly src: string;
  private readonly end: number;
  private readonly py3: boolean;
  private readonly sink: DiagnosticSink;
  private readonly layout: boolean;
  private pos: number;
  private line: number;
  private lineStart: number;
  /** True until the current logical line has produced a token. */
  private lineEmpty = true;
  private readonly brackets: OpenBracket[] = [];
  /** Indentation columns with tabs to multiples of 8, and (for TabError) with tabs as 1. */
  private readonly indents: number[] = [0];
  private readonly altIndents: number[] = [0];
  private readonly queued: Token[] = [];
  private finished = false;

  constructor(source: string, options: TokenizerOptions) {
    this.src = source;
    this.pos = options.start ?? 0;
    this.end = options.end ?? source.length;
    this.line = options.line ?? 1;
    this.lineStart = options.lineStart ?? 0;
    this.py3 = options.pythonMajor === 3;
    this.sink = options.sink;
    this.layout = !options.expressionOnly;
  }

  next(): Token {
    if (this.queued.length > 0) return this.queued.shift()!;
    for (;;) {
      if (this.lineEmpty && this.layout && this.brackets.length === 0) {
        const layoutToken = this.startLine();
        if (layoutToken) return layoutToken;
      }
      this.skipBlanks();
      if (this.pos >= this.end) return this.atEnd();
      const c = this.src.charCodeAt(this.pos);
      if (c === 35 /* # */) {
        const nl = this.src.indexOf('\n', this.pos);
        this.pos = nl < 0 || nl > this.end ? this.end : nl;
        continue;
      }
      if (c === 10) {
        const tok = this.layout && this.brackets.length === 0 && !this.lineEmpty ? this.make('newline', this.pos, this.pos + 1, '') : undefined;
        this.newLine(this.pos + 1);
        if (tok) {
          this.lineEmpty = true;
          return tok;
        }
        continue;
      }
      if (c === 92 /* \ */) {
        this.continuation();
        continue;
      }
      this.lineEmpty = false;
      if (isIdentifierStartAscii(c) || c >= 128) return this.identifierOrString();
      if ((c >= 48 && c <= 57) || (c === 46 && this.isDigitAt(this.pos + 1))) return this.number();
      if (c === 39 || c === 34) return this.string(this.pos, '');
      return this.operator();
    }
  }

  private make(kind: TokenKind, start: number, end: number, text: string): Token {
    return {
      kind,
      text,
      line: this.line,
      col: start - this.lineStart + 1,
      start,
      end,
      number: undefined,
      string: undefined,
    };
  }

  private fail(message: string, offset: number): never {
    return this.sink.abort(message, this.line, offset - this.lineStart + 1);
  }

  private newLine(afterNewline: number): void {
    this.pos = afterNewline;
    this.line++;
    this.lineStart = afterNewline;
  }

  private isDigitAt(i: number): boolean {
    if (i >= this.end) return false;
    const c = this.src.charCodeAt(i);
    return c >= 48 && c <= 57;
  }

  private skipBlanks(): void {
    const src = this.src;
    while (this.pos < this.end) {
      const c = src.charCodeAt(this.pos);
      if (c === 32 || c === 9 || c === 12 || (!this.layout && c === 10 && this.brackets.length === 0)) {
        if (c === 10) this.newLine(this.pos + 1);
        else this.pos++;
      } else break;
    }
  }

  private continuation(): void {
    const next = this.pos + 1;
    if (next >= this.end) this.fail('unexpected EOF while parsing', this.pos);
    if (this.src.charCodeAt(next) !== 10) this.fail('unexpected character after line continuation character', this.pos);
    this.newLine(next + 1);
    // Python 3 wants a line after the joined one; Python 2 lets the file end there.
    if (this.py3 && this.pos >= this.end && this.layout) this.fail('unexpected EOF while parsing', this.pos);
  }

  /**
   * At the start of a physical line that begins a logical line: measures the
   * indentation and returns INDENT or the first DEDENT (queuing the rest), or
   * nothing when the line is blank or keeps the current level.
   */
  private startLine(): Token | undefined {
    const src = this.src;
    let col = 0;
    let altCol = 0;
    let i = this.pos;
    for (; i < this.end; i++) {
      const c = src.charCodeAt(i);
      if (c === 32) {
        col++;
        altCol++;
      } else if (c === 9) {
        col = (Math.floor(col / 8) + 1) * 8;
        altCol++;
      } else if (c === 12) {
        col = altCol = 0;
      } else break;
    }
    this.pos = i;
    if (i >= this.end) return undefined;
    const c = src.charCodeAt(i);
    // Blank and comment-only lines do not take part in indentation.
    if (c === 35 || c === 10 || (c === 92 && i + 1 < this.end && src.charCodeAt(i + 1) === 10)) return undefined;
    this.lineEmpty = false;
    const top = this.indents[this.indents.length - 1]!;
    const altTop = this.altIndents[this.altIndents.length - 1]!;
    if (col === top) {
      if (altCol !== altTop) this.tabError(i);
      return undefined;
    }
    if (col > top) {
      if (altCol <= altTop) this.tabError(i);
      if (this.indents.length >= MAX_INDENT_LEVELS) this.fail('too many levels of indentation', i);
      this.indents.push(col);
      this.altIndents.push(altCol);
      return this.make('indent', i, i, '');
    }
    while (col < this.indents[this.indents.length - 1]!) {
      this.indents.pop();
      this.altIndents.pop();
      this.queued.push(this.make('dedent', i, i, ''));
    }
    if (col !== this.indents[this.indents.length - 1]) this.fail('unindent does not match any outer indentation level', i);
    if (altCol !== this.altIndents[this.altIndents.length - 1]) this.tabError(i);
    return this.queued.shift();
  }

  private tabError(offset: number): void {
    // Python 2 (without -t) accepts indentation that only agrees with 8-column tabs.
    if (this.py3) this.fail('inconsistent use of tabs and spaces in indentation', offset);
  }

  private atEnd(): Token {
    if (this.finished) return this.make('end', this.end, this.end, '');
    const open = this.brackets[this.brackets.length - 1];
    if (open) {
      if (this.py3) this.sink.abort(`'${open.char}' was never closed`, open.line, open.col);
      this.fail('unexpected EOF while parsing', this.end);
    }
    this.finished = true;
    if (this.layout) {
      if (!this.lineEmpty) this.queued.push(this.make('newline', this.end, this.end, ''));
      this.lineEmpty = true;
      for (let k = this.indents.length - 1; k > 0; k--) this.queued.push(this.make('dedent', this.end, this.end, ''));
      this.indents.length = 1;
    }
    this.queued.push(this.make('end', this.end, this.end, ''));
    return this.queued.shift()!;
  }

  private identifierOrString(): Token {
    const src = this.src;
    const start = this.pos;
    let i = start;
    while (i < this.end && isIdentifierPartAscii(src.charCodeAt(i))) i++;
    if (i < this.end && src.charCodeAt(i) >= 128) return this.unicodeIdentifier(start);
    const q = i < this.end ? src.charCodeAt(i) : 0;
    if ((q === 39 || q === 34) && i - start <= 2) {
      const prefix = src.slice(start, i).toLowerCase();
      if (STRING_PREFIXES[this.py3 ? 3 : 2].has(prefix)) return this.string(start, prefix);
    }
    this.pos = i;
    return this.make('name', start, i, src.slice(start, i));
  }

  /** Python 3 identifiers may use Unicode letters; they are NFKC-normalised as CPython does. */
  private unicodeIdentifier(start: number): Token {
    const src = this.src;
    let i = start;
    while (i < this.end) {
      const cp = src.codePointAt(i)!;
      const size = cp > 0xffff ? 2 : 1;
      const ch = src.slice(i, i + size);
      const ok = cp < 128 ? isIdentifierPartAscii(cp) : this.py3 && (i === start ? /\p{XID_Start}/u : /\p{XID_Continue}/u).test(ch);
      if (!ok) break;
      i += size;
    }
    if (i === start) this.fail(describeInvalidCharacter(src.codePointAt(start)!), start);
    this.pos = i;
    return this.make('name', start, i, src.slice(start, i).normalize('NFKC'));
  }

  private number(): Token {
    const start = this.pos;
    const scan = scanNumber(this.src, start, this.end, this.py3 ? 3 : 2);
    if (!scan.ok) this.fail(scan.message, scan.at);
    this.pos = scan.end;
    const tok = this.make('number', start, scan.end, this.src.slice(start, scan.end));
    tok.number = scan.literal;
    return tok;
  }

  /** Scans a string literal whose prefix starts at `start` and whose quote is at this.pos + prefix length. */
  private string(start: number, prefix: string): Token {
    const src = this.src;
    const line = this.line;
    const col = start - this.lineStart + 1;
    const quotePos = start + prefix.length;
    const quote = src.charCodeAt(quotePos);
    const triple = quotePos + 2 < this.end && src.charCodeAt(quotePos + 1) === quote && src.charCodeAt(quotePos + 2) === quote;
    const bodyStart = quotePos + (triple ? 3 : 1);
    const bodyLine = this.line;
    const bodyLineStart = this.lineStart;
    let i = bodyStart;
    let bodyEnd = -1;
    while (i < this.end) {
      const c = src.charCodeAt(i);
      if (c === 92) {
        if (i + 1 < this.end && src.charCodeAt(i + 1) === 10) {
          this.newLine(i + 2);
          i += 2;
        } else i += 2;
      } else if (c === 10) {
        if (!triple) break;
        this.newLine(i + 1);
        i++;
      } else if (c === quote && (!triple || (src.charCodeAt(i + 1) === quote && src.charCodeAt(i + 2) === quote && i + 2 < this.end))) {
        bodyEnd = i;
        break;
      } else i++;
    }
    if (bodyEnd < 0) {
      const detected = ` (detected at line ${this.line})`;
      const message = triple
        ? this.py3 ? `unterminated triple-quoted string literal${detected}` : 'EOF while scanning triple-quoted string literal'
        : this.py3 ? `unterminated string literal${detected}` : 'EOL while scanning string literal';
      this.sink.abort(message, line, col);
    }
    this.pos = bodyEnd + (triple ? 3 : 1);
    const tok: Token = {
      kind: 'string',
      text: '',
      line,
      col,
      start,
      end: this.pos,
      number: undefined,
      string: { prefix, bodyStart, bodyEnd, bodyLine, bodyLineStart },
    };
    return tok;
  }

  private operator(): Token {
    const src = this.src;
    const start = this.pos;
    const c = src[start]!;
    let text: string | undefined;
    if (SINGLE_ONLY.includes(c)) {
      text = c;
    } else {
      const three = src.slice(start, start + 3);
      const two = three.slice(0, 2);
      if (OPERATORS3.has(three)) text = three;
      else if (OPERATORS2.has(two) || (two === '<>' && !this.py3)) text = two;
      else if (OPERATORS1.includes(c)) text = c;
    }
    if (text === undefined) this.fail(describeInvalidCharacter(src.codePointAt(start)!), start);
    const tok = this.make('op', start, start + text.length, text);
    this.pos = start + text.length;
    if (text === '(' || text === '[' || text === '{') {
      if (this.brackets.length >= MAX_BRACKET_DEPTH) this.fail('too many nested parentheses', start);
      this.brackets.push({ char: text, line: tok.line, col: tok.col });
    } else if (text === ')' || text === ']' || text === '}') {
      const open = this.brackets.pop();
      if (!open) this.fail(`unmatched '${text}'`, start);
      if (open.char !== CLOSERS[text]) {
        if (!this.py3) this.fail('invalid syntax', start);
        const where = open.line !== tok.line ? ` on line ${open.line}` : '';
        this.fail(`closing parenthesis '${text}' does not match opening parenthesis '${open.char}'${where}`, start);
      }
    }
    return tok;
  }
}

// String literal expressions: adjacent-literal concatenation, the bytes/text
// rules of each Python version, and f-strings, whose replacement fields are
// handed back to an expression parser over the same source (so their nodes
// carry true line:col positions).

import type { Expr, FormattedValue, JoinedStr, Str } from './ast.js';
import { decodeStringBody } from './literals.js';
import type { ParserContext } from './parser-core.js';
import type { Token } from './tokenizer.js';

type At = { line: number; col: number };

/** An f-string field's expression text: source[start, end), starting at `line`. */
export interface FieldSource {
  start: number;
  end: number;
  line: number;
  lineStart: number;
}

export interface StringHost {
  ctx: ParserContext;
  current(): Token;
  advance(): Token;
  parseField(field: FieldSource): Expr;
  /** Takes (and `leave` returns) a bracket's share of the nesting budget. */
  enter(at: At): void;
  leave(): void;
}

/** CPython's limit: a format spec may hold fields, whose specs may not. */
const MAX_SPEC_NESTING = 2;

type Part = Str | FormattedValue;

/** Parses one or more adjacent string tokens into a Str or (with any f-string) a JoinedStr. */
export function parseStringLiterals(host: StringHost): Expr {
  const { ctx } = host;
  const py3 = ctx.pythonMajor === 3;
  const first = host.current();
  const tokens: Token[] = [];
  while (host.current().kind === 'string') tokens.push(host.advance());

  const isBytes = (t: Token) => {
    const p = t.string!.prefix;
    return p.includes('b') || (!py3 && !p.includes('u') && !ctx.unicodeLiterals);
  };
  if (py3) {
    const bytes = isBytes(tokens[0]!);
    const mixed = tokens.find((t) => isBytes(t) !== bytes);
    if (mixed) ctx.sink.abort('cannot mix bytes and nonbytes literals', mixed.line, mixed.col);
  }
  // Python 2 concatenates str and unicode literals into unicode.
  const resultBytes = tokens.every(isBytes);

  const parts: Part[] = [];
  let formatted = false;
  for (const tok of tokens) {
    const info = tok.string!;
    const raw = info.prefix.includes('r');
    if (info.prefix.includes('f')) {
      formatted = true;
      scanFString(host, info.bodyStart, info.bodyEnd, raw, parts, 0, tok);
      continue;
    }
    const value = decode(host, info.bodyStart, info.bodyEnd, raw, resultBytes, !isBytes(tok), tok);
    pushLiteral(parts, value, resultBytes, tok);
  }
  if (!formatted) {
    const value = parts.length === 1 ? (parts[0] as Str).value : parts.map((p) => (p as Str).value).join('');
    return { kind: 'Str', value, isBytes: resultBytes, line: first.line, col: first.col };
  }
  return { kind: 'JoinedStr', parts, line: first.line, col: first.col };
}

function pushLiteral(parts: Part[], value: string, isBytes: boolean, at: At): void {
  if (value === '' && parts.length > 0) return;
  const last = parts[parts.length - 1];
  if (last && last.kind === 'Str') last.value += value;
  else parts.push({ kind: 'Str', value, isBytes, line: at.line, col: at.col });
}

/** Line and column of `offset`, counting from a known position `from` on line `line`. */
function positionOf(source: string, from: number, line: number, lineStart: number, offset: number): At & { lineStart: number } {
  let nl = source.indexOf('\n', from);
  while (nl >= 0 && nl < offset) {
    line++;
    lineStart = nl + 1;
    nl = source.indexOf('\n', nl + 1);
  }
  return { line, col: offset - lineStart + 1, lineStart };
}

function decode(host: StringHost, start: number, end: number, raw: boolean, bytes: boolean, unicodeEscapes: boolean, tok: Token): string {
  const { ctx } = host;
  const info = tok.string!;
  return decodeStringBody(
    ctx.source.slice(start, end),
    { raw, bytes, unicodeEscapes, pythonMajor: ctx.pythonMajor, charset: ctx.sourceCharset, marked: ctx.sourceMarked },
    (message, offset, fatal) => {
      const at = positionOf(ctx.source, info.bodyStart, info.bodyLine, info.bodyLineStart, start + offset);
      if (fatal) ctx.sink.abort(message, at.line, at.col);
      ctx.sink.report(message, at.line, at.col);
    },
  );
}

/**
 * Splits source[from, to) of an f-string into literal parts and fields. Inside a
 * format spec (`specDepth` > 0) it stops at the first single `}` and returns its
 * offset; otherwise it returns `to`.
 */
function scanFString(host: StringHost, from: number, to: number, raw: boolean, parts: Part[], specDepth: number, tok: Token): number {
  const src = host.ctx.source;
  const fail = (message: string, offset: number): never => {
    const info = tok.string!;
    const at = positionOf(src, info.bodyStart, info.bodyLine, info.bodyLineStart, offset);
    return host.ctx.sink.abort(message, at.line, at.col);
  };
  let literalStart = from;
  const flush = (upTo: number) => {
    if (upTo > literalStart) pushLiteral(parts, decode(host, literalStart, upTo, raw, false, true, tok), false, tok);
  };
  let i = from;
  while (i < to) {
    const c = src.charCodeAt(i);
    if (c === 92 /* \ */ && !raw) {
      const next = src[i + 1];
      if (next === 'N' && src[i + 2] === '{') {
        const close = src.indexOf('}', i);
        i = close < 0 || close >= to ? to : close + 1;
      } else {
        i += next === '{' || next === '}' ? 1 : 2;
      }
      continue;
    }
    if (c === 123 /* { */) {
      if (src.charCodeAt(i + 1) === 123 && i + 1 < to && specDepth === 0) {
        flush(i + 1);
        i += 2;
        literalStart = i;
        continue;
      }
      flush(i);
      i = scanField(host, i, to, raw, parts, specDepth, tok, fail);
      literalStart = i;
      continue;
    }
    if (c === 125 /* } */) {
      if (specDepth > 0) {
        flush(i);
        return i;
      }
      if (src.charCodeAt(i + 1) === 125 && i + 1 < to) {
        flush(i + 1);
        i += 2;
        literalStart = i;
        continue;
      }
      fail("f-string: single '}' is not allowed", i);
    }
    i++;
  }
  if (specDepth > 0) fail("f-string: expecting '}'", to);
  flush(to);
  return to;
}

/** Parses the field whose `{` is at `open`; returns the offset after its `}`. */
function scanField(
  host: StringHost,
  open: number,
  to: number,
  raw: boolean,
  parts: Part[],
  specDepth: number,
  tok: Token,
  fail: (message: string, offset: number) => never,
): number {
  const src = host.ctx.source;
  if (specDepth >= MAX_SPEC_NESTING) fail('f-string: expressions nested too deeply', open);
  const exprStart = open + 1;
  const exprEnd = findFieldEnd(src, exprStart, to, fail);
  if (src.slice(exprStart, exprEnd).trim() === '') fail('f-string: empty expression not allowed', open);
  const info = tok.string!;
  const at = positionOf(src, info.bodyStart, info.bodyLine, info.bodyLineStart, open);
  const exprAt = positionOf(src, open, at.line, at.lineStart, exprStart);

  host.enter(at);
  const value = host.parseField({ start: exprStart, end: exprEnd, line: exprAt.line, lineStart: exprAt.lineStart });
  host.leave();

  let i = exprEnd;
  const field: FormattedValue = { kind: 'FormattedValue', value, line: at.line, col: at.col };
  if (src[i] === '=') {
    // `{x=}` shows the expression's text, then its repr unless told otherwise.
    i++;
    while (i < to && (src[i] === ' ' || src[i] === '\t')) i++;
    pushLiteral(parts, src.slice(exprStart, i), false, at);
    if (src[i] !== '!' && src[i] !== ':') field.conversion = 'r';
  }
  if (src[i] === '!') {
    const conv = src[i + 1];
    if (conv !== 'r' && conv !== 's' && conv !== 'a') {
      fail("f-string: invalid conversion character: expected 's', 'r', or 'a'", i + 1);
    }
    field.conversion = conv;
    i += 2;
  }
  if (src[i] === ':') {
    const specParts: Part[] = [];
    const specAt = positionOf(src, open, at.line, at.lineStart, i + 1);
    i = scanFString(host, i + 1, to, raw, specParts, specDepth + 1, tok);
    const spec: JoinedStr = { kind: 'JoinedStr', parts: specParts, line: specAt.line, col: specAt.col };
    field.formatSpec = spec;
  }
  if (i >= to || src[i] !== '}') fail("f-string: expecting '}'", i);
  parts.push(field);
  return i + 1;
}

/**
 * Finds where a field's expression ends: at `}`, `!` (not `!=`), `:` or a
 * self-documenting `=`, outside any brackets or nested string.
 */
function findFieldEnd(src: string, from: number, to: number, fail: (message: string, offset: number) => never): number {
  let depth = 0;
  let i = from;
  while (i < to) {
    const c = src[i]!;
    if (c === '\\') fail('f-string expression part cannot include a backslash', i);
    if (c === '#') fail("f-string expression part cannot include '#'", i);
    if (c === "'" || c === '"') {
      const triple = src[i + 1] === c && src[i + 2] === c;
      const quote = triple ? c.repeat(3) : c;
      const close = src.indexOf(quote, i + quote.length);
      if (close < 0 || close + quote.length > to) fail("f-string: expecting '}'", i);
      i = close + quote.length;
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (depth === 0) {
        if (c === '}') return i;
        fail(`f-string: unmatched '${c}'`, i);
      }
      depth--;
    } else if (depth === 0) {
      const next = src[i + 1];
      if (c === '!' && next !== '=') return i;
      if (c === ':') return i;
      if (c === '=' && next !== '=' && !'=!<>'.includes(src[i - 1]!)) return i;
      if ((c === '=' || c === '!' || c === '<' || c === '>') && next === '=') {
        i += 2;
        continue;
      }
    }
    i++;
  }
  return fail("f-string: expecting '}'", to);
}

// Entry point of device-Python syntax: source text in, a typed AST or every
// diagnostic out. Never throws: hostile input yields diagnostics, and a parser
// bug becomes a diagnostic too (tests check that this last resort stays unused).

import type { Module } from './ast.js';
import { DiagnosticSink, INTERNAL_ERROR_PREFIX, SyntaxAbort, SyntaxDiagnostic } from './diagnostics.js';
import { ParserContext } from './parser-core.js';
import { StatementParser } from './parser-statements.js';
import { decodeSource } from './source-encoding.js';
import { Tokenizer } from './tokenizer.js';

export * from './ast.js';
export { formatDiagnostic, INTERNAL_ERROR_PREFIX } from './diagnostics.js';
export type { SyntaxDiagnostic } from './diagnostics.js';
export { MAX_NESTING_DEPTH } from './parser-core.js';
export { MAX_BRACKET_DEPTH, MAX_INDENT_LEVELS } from './tokenizer.js';

export const DEFAULT_MAX_SOURCE_BYTES = 16 * 1024 * 1024;

export interface ParseOptions {
  /** Named in every diagnostic. */
  file: string;
  pythonMajor: 2 | 3;
  /**
   * The minor version, for the source-encoding rules (syntax/source-encoding.ts): Python
   * 2.5+ refuses non-ASCII bytes without a coding declaration, 2.4 reads them as Latin-1.
   * Not given: such a Python 2 source is read as UTF-8.
   */
  pythonMinor?: number;
  /** Sources larger than this (in UTF-8 bytes) are refused unparsed. */
  maxSourceBytes?: number;
}

/** `source`: the script's text as parsed (decoded, BOM removed, line endings as `\n`). */
export type ParseResult = { ok: true; module: Module; source: string } | { ok: false; errors: SyntaxDiagnostic[] };

/**
 * Parses a script given as its bytes (decoded by its coding declaration, PEP 263) or as text
 * the host decoded as UTF-8 (exact for UTF-8 and ASCII files; see source-encoding.ts).
 */
export function parseModule(source: string | Uint8Array, options: ParseOptions): ParseResult {
  const file = String(options.file);
  const sink = new DiagnosticSink(file);
  const refuse = (message: string, line = 1, col = 1): ParseResult => ({ ok: false, errors: [{ file, line, col, message }] });
  if (typeof source !== 'string' && !(source instanceof Uint8Array)) return refuse('source must be a string or bytes');
  if (options.pythonMajor !== 2 && options.pythonMajor !== 3) return refuse('pythonMajor must be 2 or 3');
  const limit = options.maxSourceBytes ?? DEFAULT_MAX_SOURCE_BYTES;
  const sizeBytes = typeof source === 'string' ? utf8Length(source, limit) : source.length;
  if (sizeBytes > limit) return refuse(`source is larger than the ${limit}-byte limit`);

  // The coding declaration decides the text; CPython drops a UTF-8 BOM and reads source
  // with universal newlines.
  const decoded = decodeSource(source, { file, pythonMajor: options.pythonMajor, pythonMinor: options.pythonMinor });
  if (!decoded.ok) return refuse(decoded.message, decoded.line, decoded.col);
  let text = decoded.text;
  if (text.indexOf('\r') >= 0) text = text.replace(/\r\n?/g, '\n');
  const nul = text.indexOf('\0');
  if (nul >= 0) {
    const { line, col } = lineAndColumn(text, nul);
    return refuse('source contains a NUL byte', line, col);
  }

  let parser: StatementParser | undefined;
  try {
    const ctx: ParserContext = {
      sink,
      pythonMajor: options.pythonMajor,
      source: text,
      depth: 0,
      printIsFunction: false,
      unicodeLiterals: false,
      sourceCharset: decoded.charset,
      sourceMarked: decoded.marked,
    };
    parser = new StatementParser(new Tokenizer(text, { pythonMajor: options.pythonMajor, sink }), ctx);
    const body = parser.parseFile();
    if (sink.collected.length > 0) return { ok: false, errors: inSourceOrder(sink.collected) };
    return {
      ok: true,
      source: text,
      module: {
        kind: 'Module',
        file,
        pythonMajor: options.pythonMajor,
        futureFeatures: [...parser.futureFeatures],
        body,
        line: 1,
        col: 1,
      },
    };
  } catch (e) {
    if (e instanceof SyntaxAbort) return { ok: false, errors: inSourceOrder([...sink.collected, e.diagnostic]) };
    const what = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    const internal: SyntaxDiagnostic = { file, line: 1, col: 1, message: `${INTERNAL_ERROR_PREFIX}: ${what} (a memsim bug)` };
    return { ok: false, errors: [...inSourceOrder(sink.collected), internal] };
  }
}

function inSourceOrder(diagnostics: SyntaxDiagnostic[]): SyntaxDiagnostic[] {
  return diagnostics
    .map((d, i) => ({ d, i }))
    .sort((a, b) => a.d.line - b.d.line || a.d.col - b.d.col || a.i - b.i)
    .map(({ d }) => d);
}

/** UTF-8 length of `s`, stopping early once it exceeds `limit`. */
function utf8Length(s: string, limit: number): number {
  if (s.length > limit || !/[^\x00-\x7f]/.test(s)) return s.length;
  let bytes = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
    if (bytes > limit) break;
  }
  return bytes;
}

function lineAndColumn(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let nl = text.indexOf('\n'); nl >= 0 && nl < offset; nl = text.indexOf('\n', nl + 1)) {
    line++;
    lineStart = nl + 1;
  }
  return { line, col: offset - lineStart + 1 };
}

// Syntax diagnostics and the two ways the parser reports a problem: an
// unsupported construct is collected and parsing goes on (so a script's author
// sees every construct the device lacks in one pass), while a real syntax error
// aborts the parse, as CPython's would.

export interface SyntaxDiagnostic {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units of the line (a tab counts as one column). */
  col: number;
  message: string;
}

export function formatDiagnostic(d: SyntaxDiagnostic): string {
  return `${d.file}:${d.line}:${d.col}: ${d.message}`;
}

/**
 * Thrown inside the parser to unwind after a real syntax error; caught by
 * parseModule. Anything else thrown inside the parser is a bug.
 */
export class SyntaxAbort {
  constructor(readonly diagnostic: SyntaxDiagnostic) {}
}

/** Prefix of the diagnostic that reports a parser bug; tests check it never appears. */
export const INTERNAL_ERROR_PREFIX = 'internal parser error';

export class DiagnosticSink {
  readonly collected: SyntaxDiagnostic[] = [];

  constructor(readonly file: string) {}

  /** Records a problem and lets parsing continue. */
  report(message: string, line: number, col: number): void {
    this.collected.push({ file: this.file, line, col, message });
  }

  /** Reports a real syntax error: parsing cannot continue past it. */
  abort(message: string, line: number, col: number): never {
    throw new SyntaxAbort({ file: this.file, line, col, message });
  }
}

/** The wording every unsupported construct shares, so users learn to recognise it. */
export function unsupportedMessage(what: string, construct: string): string {
  return `${what} not supported on the device (${construct})`;
}

/**
 * CPython's rendering of a character that cannot start a token: control
 * characters are shown escaped so the message itself stays printable.
 */
export function describeInvalidCharacter(codePoint: number): string {
  const hex = codePoint.toString(16).toUpperCase().padStart(4, '0');
  const printable =
    codePoint >= 0x20 &&
    !(codePoint >= 0x7f && codePoint <= 0x9f) &&
    !(codePoint >= 0xd800 && codePoint <= 0xdfff) &&
    codePoint !== 0x2028 &&
    codePoint !== 0x2029;
  const shown = printable
    ? String.fromCodePoint(codePoint)
    : codePoint <= 0xff
      ? `\\x${codePoint.toString(16).padStart(2, '0')}`
      : `\\u${codePoint.toString(16).padStart(4, '0')}`;
  return `invalid character '${shown}' (U+${hex})`;
}

// Number and string literals: where a literal ends, whether it is well formed in
// the given Python version, and its value. Pure functions over the source text,
// shared by the tokenizer (extent and validity) and the parser (values).

import type { SourceCharset } from './source-encoding.js';

export type NumberLiteral =
  | { kind: 'int'; value: bigint; long: boolean }
  | { kind: 'float'; value: number }
  | { kind: 'imaginary' };

export type NumberScan =
  | { ok: true; end: number; literal: NumberLiteral }
  | { ok: false; message: string; at: number };

const ch0 = 48;
const ch9 = 57;

function isDec(c: number): boolean {
  return c >= ch0 && c <= ch9;
}
function isHex(c: number): boolean {
  return isDec(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}
function isOct(c: number): boolean {
  return c >= ch0 && c <= 55;
}
function isBin(c: number): boolean {
  return c === ch0 || c === 49;
}

export function isIdentifierStartAscii(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}
export function isIdentifierPartAscii(c: number): boolean {
  return isIdentifierStartAscii(c) || isDec(c);
}

/** Keywords CPython lets a number run straight into (`1if x else 2`). */
const KEYWORDS_AFTER_NUMBER = new Set(['and', 'else', 'for', 'if', 'in', 'is', 'not', 'or']);

/**
 * Scans digits of one kind; in Python 3 a single `_` may sit between two digits
 * (and right after a base prefix). Returns the end offset, or -1 for a misplaced `_`.
 */
function scanDigits(src: string, i: number, end: number, digit: (c: number) => boolean, underscores: boolean, afterPrefix: boolean): number {
  let sawDigit = afterPrefix;
  while (i < end) {
    const c = src.charCodeAt(i);
    if (digit(c)) {
      i++;
      sawDigit = true;
    } else if (c === 95 && underscores && sawDigit) {
      if (i + 1 < end && digit(src.charCodeAt(i + 1))) i += 2;
      else return -1;
    } else break;
  }
  return i;
}

/** Scans the number literal starting at `start` (a digit, or `.` followed by a digit). */
export function scanNumber(src: string, start: number, end: number, pythonMajor: 2 | 3): NumberScan {
  const py3 = pythonMajor === 3;
  const c0 = src.charCodeAt(start);
  const c1 = start + 1 < end ? src.charCodeAt(start + 1) | 0x20 : 0;
  if (c0 === ch0 && (c1 === 0x78 || c1 === 0x6f || c1 === 0x62)) {
    const [digit, name, radix] =
      c1 === 0x78 ? [isHex, 'hexadecimal', '0x'] : c1 === 0x6f ? [isOct, 'octal', '0o'] : [isBin, 'binary', '0b'];
    const digitsStart = start + 2;
    let i = scanDigits(src, digitsStart, end, digit, py3, true);
    const bad = (): NumberScan => ({ ok: false, message: py3 ? `invalid ${name} literal` : 'invalid token', at: start });
    if (i < 0 || i === digitsStart || (i === digitsStart + 1 && src.charCodeAt(digitsStart) === 95)) return bad();
    const digits = src.slice(digitsStart, i).replace(/_/g, '');
    let long = false;
    if (!py3 && i < end && (src.charCodeAt(i) | 0x20) === 0x6c) {
      long = true;
      i++;
    }
    if (i < end && isDec(src.charCodeAt(i))) {
      return { ok: false, message: py3 ? `invalid digit '${src[i]}' in ${name} literal` : 'invalid token', at: i };
    }
    if (!followedOk(src, i, end)) return bad();
    return { ok: true, end: i, literal: { kind: 'int', value: BigInt(radix + digits), long } };
  }

  const badDecimal = (at: number): NumberScan => ({ ok: false, message: py3 ? 'invalid decimal literal' : 'invalid syntax', at });
  let i = scanDigits(src, start, end, isDec, py3, false);
  if (i < 0) return badDecimal(start);
  const intEnd = i;
  let isFloat = false;
  if (i < end && src.charCodeAt(i) === 46) {
    isFloat = true;
    i = i + 1 < end && isDec(src.charCodeAt(i + 1)) ? scanDigits(src, i + 1, end, isDec, py3, false) : i + 1;
    if (i < 0) return badDecimal(start);
  }
  if (i < end && (src.charCodeAt(i) | 0x20) === 0x65) {
    let j = i + 1;
    if (j < end && (src.charCodeAt(j) === 43 || src.charCodeAt(j) === 45)) j++;
    if (j < end && isDec(src.charCodeAt(j))) {
      i = scanDigits(src, j, end, isDec, py3, false);
      if (i < 0) return badDecimal(start);
      isFloat = true;
    }
  }
  const written = src.slice(start, i);
  const text = written.indexOf('_') < 0 ? written : written.replace(/_/g, '');
  if (i < end && (src.charCodeAt(i) | 0x20) === 0x6a) {
    if (!followedOk(src, i + 1, end)) return badDecimal(start);
    return { ok: true, end: i + 1, literal: { kind: 'imaginary' } };
  }
  if (isFloat) {
    if (!followedOk(src, i, end)) return badDecimal(start);
    return { ok: true, end: i, literal: { kind: 'float', value: Number(text) } };
  }
  let long = false;
  if (!py3 && i < end && (src.charCodeAt(i) | 0x20) === 0x6c) {
    long = true;
    i++;
  }
  if (!followedOk(src, i, end)) return badDecimal(start);
  if (text.charCodeAt(0) === ch0 && text.length > 1 && intEnd - start > 1) {
    if (/^0+$/.test(text)) return { ok: true, end: i, literal: { kind: 'int', value: 0n, long } };
    if (py3) {
      return {
        ok: false,
        message: 'leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers',
        at: start,
      };
    }
    if (!/^[0-7]+$/.test(text)) return { ok: false, message: 'invalid token', at: start };
    return { ok: true, end: i, literal: { kind: 'int', value: BigInt('0o' + text.slice(1)), long } };
  }
  return { ok: true, end: i, literal: { kind: 'int', value: BigInt(text), long } };
}

/** A number may be followed by anything but an identifier, except the keywords CPython allows. */
function followedOk(src: string, i: number, end: number): boolean {
  if (i >= end) return true;
  const c = src.charCodeAt(i);
  if (isDec(c) || c === 46) return c === 46;
  if (c < 128 && !isIdentifierStartAscii(c)) return true;
  if (c >= 128) return !/^[\p{L}\p{Nl}]/u.test(src.slice(i, i + 2));
  let j = i;
  while (j < end && isIdentifierPartAscii(src.charCodeAt(j))) j++;
  return KEYWORDS_AFTER_NUMBER.has(src.slice(i, j));
}

// -------------------------------------------------------------------- strings

export interface StringDecodeOptions {
  raw: boolean;
  /** A byte string: the result holds one char per byte. */
  bytes: boolean;
  /** Backslash-u, -U and -N{} are escapes (text literals only). */
  unicodeEscapes: boolean;
  pythonMajor: 2 | 3;
  /** How the source text maps back to its bytes (syntax/source-encoding.ts); utf-8 when not given. */
  charset?: SourceCharset;
  /** The source text holds marks for bytes its decoding could not place (source-encoding.ts). */
  marked?: boolean;
}

/** Why a literal of a Latin-1 source cannot be built from a string the host decoded as UTF-8. */
export const LOST_BYTE_MESSAGE =
  'a byte of this literal did not reach memsim: the latin-1 source was read as UTF-8 by the host (memsim needs the script as bytes)';

/** How the decoder reports a problem at `offset` within the body; fatal ones do not return. */
export type StringProblem = (message: string, offset: number, fatal: boolean) => void;

function hexValue(body: string, i: number, count: number): number {
  if (i + count > body.length) return -1;
  let v = 0;
  for (let k = 0; k < count; k++) {
    const c = body.charCodeAt(i + k);
    if (!isHex(c)) return -1;
    v = v * 16 + parseInt(body[i + k]!, 16);
  }
  return v;
}

/** Appends the UTF-8 bytes of a non-ASCII code point, as Python 2 stores source text in a str. */
function utf8Bytes(codePoint: number): string {
  const b: number[] = [];
  if (codePoint < 0x800) b.push(0xc0 | (codePoint >> 6), 0x80 | (codePoint & 63));
  else if (codePoint < 0x10000) b.push(0xe0 | (codePoint >> 12), 0x80 | ((codePoint >> 6) & 63), 0x80 | (codePoint & 63));
  else
    b.push(
      0xf0 | (codePoint >> 18),
      0x80 | ((codePoint >> 12) & 63),
      0x80 | ((codePoint >> 6) & 63),
      0x80 | (codePoint & 63),
    );
  return String.fromCharCode(...b);
}

/**
 * Handles a non-ASCII source character inside a byte string (an error in Python 3): Python 2
 * stores the source's own bytes for it, the character encoded back in the source's encoding.
 */
function nonAsciiInBytes(body: string, i: number, opts: StringDecodeOptions, problem: StringProblem): { text: string; next: number } {
  if (opts.pythonMajor === 3) problem('bytes can only contain ASCII literal characters', i, true);
  const cp = body.codePointAt(i)!;
  if (opts.charset === 'latin-1') {
    if (cp > 0xff) problem(LOST_BYTE_MESSAGE, i, true);
    return { text: body[i]!, next: i + 1 };
  }
  // A byte of a UTF-8 source that is not UTF-8 (kept as a surrogate escape): the byte itself.
  if (opts.marked && cp >= 0xdc80 && cp <= 0xdcff) return { text: String.fromCharCode(cp & 0xff), next: i + 1 };
  return { text: utf8Bytes(cp), next: i + (cp > 0xffff ? 2 : 1) };
}

/** A text literal cannot hold a byte its source's decoding could not place. */
function checkMarks(body: string, opts: StringDecodeOptions, problem: StringProblem): void {
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (opts.charset === 'latin-1' && c === 0xfffd) problem(LOST_BYTE_MESSAGE, i, true);
    if (opts.charset !== 'latin-1' && c >= 0xdc80 && c <= 0xdcff) {
      problem(`(unicode error) 'utf8' codec can't decode byte 0x${(c & 0xff).toString(16).padStart(2, '0')} in position ${i}`, i, true);
    }
  }
}

/** Decodes a string literal's body (between the quotes) into its value. */
export function decodeStringBody(body: string, opts: StringDecodeOptions, problem: StringProblem): string {
  if (opts.marked && !opts.bytes) checkMarks(body, opts, problem);
  // Fast path: most literals (and huge data literals) need no work.
  if (body.indexOf('\\') < 0 || opts.raw) {
    if (!opts.bytes || /^[\x00-\x7f]*$/.test(body)) return body;
  }
  const out: string[] = [];
  let chunkStart = 0;
  let i = 0;
  const flush = (upTo: number) => {
    if (upTo > chunkStart) out.push(body.slice(chunkStart, upTo));
  };
  while (i < body.length) {
    const c = body.charCodeAt(i);
    if (c >= 128 && opts.bytes) {
      flush(i);
      const r = nonAsciiInBytes(body, i, opts, problem);
      out.push(r.text);
      i = chunkStart = r.next;
      continue;
    }
    if (c !== 92 || opts.raw) {
      i++;
      continue;
    }
    flush(i);
    const escStart = i;
    const e = body[i + 1];
    i += 2;
    switch (e) {
      case '\n':
        break;
      case '\\':
      case "'":
      case '"':
        out.push(e);
        break;
      case 'a':
        out.push('\x07');
        break;
      case 'b':
        out.push('\b');
        break;
      case 'f':
        out.push('\f');
        break;
      case 'n':
        out.push('\n');
        break;
      case 'r':
        out.push('\r');
        break;
      case 't':
        out.push('\t');
        break;
      case 'v':
        out.push('\v');
        break;
      case 'x': {
        const v = hexValue(body, i, 2);
        if (v < 0) problem('truncated \\xXX escape', escStart, true);
        out.push(String.fromCharCode(v));
        i += 2;
        break;
      }
      case 'u':
      case 'U': {
        if (!opts.unicodeEscapes) {
          out.push('\\' + e);
          break;
        }
        const n = e === 'u' ? 4 : 8;
        const v = hexValue(body, i, n);
        if (v < 0) problem(`truncated \\${e}${'X'.repeat(n)} escape`, escStart, true);
        if (v > 0x10ffff) problem('illegal Unicode character', escStart, true);
        out.push(String.fromCodePoint(v));
        i += n;
        break;
      }
      case 'N': {
        if (!opts.unicodeEscapes) {
          out.push('\\N');
          break;
        }
        const close = body[i] === '{' ? body.indexOf('}', i) : -1;
        if (close < 0) problem('malformed \\N character escape', escStart, true);
        problem('\\N{...} escapes are not supported on the device (\\N)', escStart, false);
        i = close + 1;
        break;
      }
      default: {
        if (e !== undefined && e >= '0' && e <= '7') {
          let v = 0;
          let k = i - 1;
          while (k < body.length && k < i + 2 && body[k]! >= '0' && body[k]! <= '7') v = v * 8 + (body.charCodeAt(k++) - ch0);
          out.push(String.fromCharCode(opts.bytes ? v & 0xff : v));
          i = k;
        } else {
          // Unknown escapes keep their backslash, as CPython does.
          i = escStart + 1;
          chunkStart = escStart;
          continue;
        }
      }
    }
    chunkStart = i;
  }
  flush(body.length);
  return out.join('');
}

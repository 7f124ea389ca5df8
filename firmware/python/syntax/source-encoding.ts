// Source encodings (PEP 263): which encoding a script's bytes are in, and its text.
//
// A `# -*- coding: NAME -*-` comment on line 1, or on line 2 after a comment or blank line
// 1, declares the encoding; a UTF-8 BOM declares UTF-8. Without either, Python 3 reads
// UTF-8; Python 2.5+ refuses any non-ASCII byte ("Non-ASCII character ... but no encoding
// declared"); Python 2.4 (PEP 263's first phase) accepts them, str literals keeping the raw
// bytes and unicode literals reading them as Latin-1.
//
// memsim decodes UTF-8, Latin-1 and ASCII sources. Another encoding CPython knows (cp1252,
// iso-8859-15, ...) is accepted while the source is ASCII, where every such encoding reads
// the same, and is an unsupported construct otherwise; a name no codec has is CPython's
// "encoding problem: NAME".
//
// The source arrives as bytes (exact) or as a JS string the host decoded as UTF-8. From a
// string, the file's bytes are taken to be that text's UTF-8, which is exact for a file in
// UTF-8 (or ASCII); a byte that was not valid UTF-8 reached memsim as U+FFFD and is lost.
// Python 2 str literals are bytes: the literal decoder turns the decoded text back into the
// source's bytes (`charset`), and reports a literal that holds a lost byte.

import { unsupportedMessage } from './diagnostics.js';

/** How text decoded from the source maps back to its bytes (for Python 2 str literals). */
export type SourceCharset = 'utf-8' | 'latin-1';

export type DecodedSource =
  | {
      ok: true;
      /** The source text, BOM removed (line endings untouched). */
      text: string;
      charset: SourceCharset;
      /**
       * The text holds characters that stand for bytes the decoding could not place:
       * U+FFFD for a byte lost before memsim saw it (a string source read as Latin-1), or
       * U+DC80-U+DCFF for a byte that is not UTF-8 (a Python 2 UTF-8 source given as bytes).
       */
      marked: boolean;
    }
  | { ok: false; line: number; col: number; message: string };

export interface SourceDecodeOptions {
  file: string;
  pythonMajor: 2 | 3;
  /** Python 2's minor version: 5+ refuses undeclared non-ASCII bytes. Unknown: read as UTF-8. */
  pythonMinor?: number;
}

const ASCII = /^[\x00-\x7f]*$/;
const PEP_263_URL = (o: SourceDecodeOptions) =>
  o.pythonMajor === 3 && (o.pythonMinor ?? 11) >= 11 ? 'https://peps.python.org/pep-0263/' : 'http://python.org/dev/peps/pep-0263/';

/** Decodes a script's source (bytes, or text the host decoded as UTF-8). Never throws. */
export function decodeSource(source: string | Uint8Array, options: SourceDecodeOptions): DecodedSource {
  const fromBytes = typeof source !== 'string';
  // A byte view of the head, enough to find the declaration (which is ASCII).
  let bom: boolean;
  let body: string | Uint8Array;
  if (fromBytes) {
    bom = source.length >= 3 && source[0] === 0xef && source[1] === 0xbb && source[2] === 0xbf;
    body = bom ? source.subarray(3) : source;
  } else {
    bom = source.charCodeAt(0) === 0xfeff;
    body = bom ? source.slice(1) : source;
  }
  const head = headLines(body);
  const decl = declaration(head);
  const ascii = typeof body === 'string' ? ASCII.test(body) : body.every((b) => b < 0x80);
  const asText = (): string => (typeof body === 'string' ? body : latin1Of(body));

  let charset: SourceCharset | 'ascii';
  if (decl) {
    const normal = normalName(decl.name);
    const at = { line: decl.line, col: decl.col };
    if (bom && normal !== 'utf-8') return { ok: false, ...at, message: `encoding problem: ${normal} with BOM` };
    const family = encodingFamily(normal);
    if (family === 'wide' && options.pythonMajor === 2 && /^(utf_?16|u16)$/i.test(normal.replace(/-/g, '_'))) {
      return { ok: false, ...at, message: 'UTF-16 stream does not start with BOM' };
    }
    if (family === 'unknown' || family === 'wide') return { ok: false, ...at, message: `encoding problem: ${normal}` };
    if (family === 'other') {
      if (ascii) return { ok: true, text: asText(), charset: 'utf-8', marked: false };
      return { ok: false, ...at, message: unsupportedMessage(`source encoding ${decl.name}`, 'memsim reads utf-8, latin-1 and ascii sources') };
    }
    if (family === 'ascii' && !ascii) {
      if (options.pythonMajor === 3) return { ok: false, ...at, message: 'encoding problem: ascii' };
      const bad = firstNonAscii(body);
      return { ok: false, line: bad.line, col: bad.col, message: `'ascii' codec can't decode byte 0x${hex2(bad.byte)} in position ${bad.col - 1}: ordinal not in range(128)` };
    }
    charset = family;
  } else if (bom || options.pythonMajor === 3) {
    charset = 'utf-8';
  } else if (options.pythonMinor === undefined) {
    charset = 'utf-8'; // the version is not known: as a UTF-8 declaration would read it
  } else if (options.pythonMinor <= 4) {
    charset = 'latin-1';
  } else {
    if (!ascii) {
      const bad = firstNonAscii(body);
      return {
        ok: false,
        line: bad.line,
        col: bad.col,
        message: `Non-ASCII character '\\x${hex2(bad.byte)}' in file ${options.file} on line ${bad.line}, but no encoding declared; see ${PEP_263_URL(options)} for details`,
      };
    }
    charset = 'ascii';
  }

  if (ascii || charset === 'ascii') return { ok: true, text: asText(), charset: 'utf-8', marked: false };
  if (charset === 'latin-1') {
    if (typeof body !== 'string') return { ok: true, text: latin1Of(body), charset, marked: false };
    // The host's UTF-8 reading of the file, undone: each character back to its bytes, one
    // char per byte. A U+FFFD stays, marking a byte that did not survive that reading.
    const text = body.replace(/[^\x00-\x7f]+/g, (run) => run.replace(/[^\ufffd]+/g, utf8AsLatin1));
    return { ok: true, text, charset, marked: text.includes('\ufffd') };
  }
  if (typeof body === 'string') return { ok: true, text: body, charset, marked: false };
  return decodeUtf8(body, options, decl !== null);
}

/** The first two lines of the source (as chars, one per byte for bytes). */
function headLines(body: string | Uint8Array): string[] {
  const n = Math.min(body.length, 4096);
  const head = typeof body === 'string' ? body.slice(0, n) : latin1Of(body.subarray(0, n));
  return head.split(/\r\n?|\n/, 2);
}

/** The coding declaration of line 1, or of line 2 when line 1 is blank or a comment. */
function declaration(lines: string[]): { name: string; line: number; col: number } | null {
  for (let i = 0; i < lines.length && i < 2; i++) {
    const line = lines[i]!;
    const m = /^([ \t\f]*#.*?coding[:=][ \t]*)([-\w.]+)/.exec(line);
    if (m) return { name: m[2]!, line: i + 1, col: m[1]!.length + 1 };
    if (!/^[ \t\f]*(#.*)?$/.test(line)) break;
  }
  return null;
}

/** CPython's get_normal_name: the UTF-8 and Latin-1 spellings folded, any other name as written. */
function normalName(name: string): string {
  const s = name.slice(0, 12).toLowerCase().replace(/_/g, '-');
  if (s === 'utf-8' || s.startsWith('utf-8-')) return 'utf-8';
  if (/^(latin-1|iso-8859-1|iso-latin-1)(-|$)/.test(s)) return 'iso-8859-1';
  return name;
}

const UTF8_NAMES = new Set(['utf_8', 'utf8', 'u8', 'utf', 'utf8_ucs2', 'utf8_ucs4', 'cp65001', 'utf_8_sig']);
const LATIN1_NAMES = new Set(['latin_1', 'latin1', 'latin', 'l1', 'iso_8859_1', 'iso8859_1', 'iso_8859_1_1987', 'iso_ir_100', '8859', 'cp819', 'ibm819', 'csisolatin1']);
const ASCII_NAMES = new Set([
  'ascii', 'us_ascii', 'us', '646', 'ansi_x3.4_1968', 'ansi_x3_4_1968', 'ansi_x3.4_1986', 'cp367', 'csascii', 'ibm367',
  'iso646_us', 'iso_646.irv_1991', 'iso_ir_6',
]);
/** Encodings CPython has that memsim does not decode: the families of its codec names. */
const OTHER_CODECS = new RegExp(
  '^(' +
    [
      '(cp|ibm|ms|windows|csibm)_?\\d{3,5}', 'csibm\\w*', '(iso_?)?8859_?\\d{1,2}(_\\d+)?', 'iso_ir_\\d+', 'latin_?\\d{1,2}', 'l\\d{1,2}',
      'koi8_?[rtu]', 'kz_?1048', 'rk1048', 'strk1048_2002', 'mac_?\\w+', 'macintosh', 'x_mac_\\w+', 'hp_?roman8', 'roman8', 'r8',
      'euc_?\\w+', 'ujis', 'u_jis', 'shift_?jis\\w*', 'sjis\\w*', 's_jis\\w*', 'ms_?kanji', 'big5\\w*', 'gb\\w*', 'chinese', 'hz\\w*',
      'johab', 'uhc', 'korean', 'ks_?[cx]\\w*', 'iso_?2022\\w*', 'csiso\\w*', 'tis_?620\\w*', 'thai', 'ptcp154', 'pt154', 'cp154',
      'csptcp154', 'cyrillic\\w*', 'greek\\w*', 'hebrew', 'arabic', 'ecma_\\d+', 'elot_928', 'asmo_708', 'cs\\w+', 'ebcdic\\w*',
      'palmos', 'utf_?7', 'u7', 'unicode_1_1_utf_7', 'unicode_escape', 'raw_unicode_escape', 'punycode', 'idna', 'charmap',
    ].join('|') +
    ')$',
);
const WIDE_CODECS = /^(utf_?(16|32)(_?(be|le))?|u(16|32)|unicodebigunmarked|unicodelittleunmarked)$/;

/** Which of memsim's readings a declared (normalised) name gets. */
function encodingFamily(normal: string): SourceCharset | 'ascii' | 'other' | 'wide' | 'unknown' {
  if (normal === 'utf-8') return 'utf-8';
  if (normal === 'iso-8859-1') return 'latin-1';
  // Codec lookup's normalisation: lower case, other runs than letters, digits and dots as '_'.
  const key = normal.toLowerCase().replace(/[^a-z0-9.]+/g, '_').replace(/^_+|_+$/g, '');
  if (UTF8_NAMES.has(key)) return 'utf-8';
  if (LATIN1_NAMES.has(key)) return 'latin-1';
  if (ASCII_NAMES.has(key)) return 'ascii';
  if (WIDE_CODECS.test(key)) return 'wide';
  if (OTHER_CODECS.test(key)) return 'other';
  return 'unknown';
}

function hex2(b: number): string {
  return b.toString(16).padStart(2, '0');
}

/** Where the first non-ASCII byte is: its line, 1-based column, and the byte (a char's first UTF-8 byte). */
function firstNonAscii(body: string | Uint8Array): { line: number; col: number; byte: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < body.length; i++) {
    const c = typeof body === 'string' ? body.charCodeAt(i) : body[i]!;
    if (c === 10 || (c === 13 && (typeof body === 'string' ? body.charCodeAt(i + 1) : body[i + 1]) !== 10)) {
      line++;
      lineStart = i + 1;
    } else if (c >= 0x80) {
      const byte = typeof body === 'string' ? utf8AsLatin1(String.fromCodePoint(body.codePointAt(i)!)).charCodeAt(0) : c;
      return { line, col: i - lineStart + 1, byte };
    }
  }
  return { line, col: 1, byte: 0 };
}

/**
 * UTF-8 bytes to text. Python 3 refuses a byte that is not UTF-8; Python 2 keeps it (its
 * str literals are the raw bytes) as a surrogate escape U+DC80-U+DCFF, and refuses it only in
 * a unicode literal (the literal decoder's job).
 */
function decodeUtf8(bytes: Uint8Array, options: SourceDecodeOptions, declared: boolean): DecodedSource {
  let out = '';
  let marked = false;
  let line = 1;
  let lineStart = 0;
  let i = 0;
  const cont = (k: number) => k < bytes.length && bytes[k]! >= 0x80 && bytes[k]! <= 0xbf;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      let j = i + 1;
      while (j < bytes.length && bytes[j]! < 0x80) j++;
      for (let k = i; k < j; k++) {
        if (bytes[k] === 10) {
          line++;
          lineStart = k + 1;
        }
      }
      out += latin1Of(bytes.subarray(i, j));
      i = j;
      continue;
    }
    const b1 = i + 1 < bytes.length ? bytes[i + 1]! : -1;
    let len = 0;
    if (b >= 0xc2 && b <= 0xdf) len = cont(i + 1) ? 2 : 0;
    else if (b >= 0xe0 && b <= 0xef) len = cont(i + 1) && cont(i + 2) && !(b === 0xe0 && b1 < 0xa0) && !(b === 0xed && b1 > 0x9f) ? 3 : 0;
    else if (b >= 0xf0 && b <= 0xf4) len = cont(i + 1) && cont(i + 2) && cont(i + 3) && !(b === 0xf0 && b1 < 0x90) && !(b === 0xf4 && b1 > 0x8f) ? 4 : 0;
    if (len > 0) {
      const lead = len === 2 ? b & 0x1f : len === 3 ? b & 0x0f : b & 0x07;
      let cp = lead;
      for (let k = 1; k < len; k++) cp = (cp << 6) | (bytes[i + k]! & 0x3f);
      out += String.fromCodePoint(cp);
      i += len;
      continue;
    }
    if (options.pythonMajor === 3) {
      const col = i - lineStart + 1;
      const reason = b < 0xc2 || b > 0xf4 ? 'invalid start byte' : i + 1 >= bytes.length ? 'unexpected end of data' : 'invalid continuation byte';
      const message = declared
        ? `(unicode error) 'utf-8' codec can't decode byte 0x${hex2(b)} in position ${col - 1}: ${reason}`
        : `Non-UTF-8 code starting with '\\x${hex2(b)}' in file ${options.file} on line ${line}, but no encoding declared; see ${PEP_263_URL(options)} for details`;
      return { ok: false, line, col, message };
    }
    out += String.fromCharCode(0xdc00 | b);
    marked = true;
    i++;
  }
  return { ok: true, text: out, charset: 'utf-8', marked };
}

/** Bytes as a string of one char per byte. */
function latin1Of(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) out += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return out;
}

/** Text's UTF-8 bytes as a string of one char per byte. */
function utf8AsLatin1(text: string): string {
  let out = '';
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out += ch;
    else if (c < 0x800) out += String.fromCharCode(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out += String.fromCharCode(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out += String.fromCharCode(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return out;
}

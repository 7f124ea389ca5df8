// Text conversions of device Python, faithful to CPython: repr/str of floats, integer bases,
// string repr quoting, the `%` operator, the format-spec mini-language and str.format.
//
// Each function takes a Dialect:
//   py24 – CPython 2.4 (also used for 2.5/2.6): floats go through the C library's printf
//          (`%.17g` repr, `%.12g` str), str.format/format() modelled as 2.6 (no auto-numbering,
//          no ',' option; not verifiable here, there is no 2.6 interpreter).
//   py27 – CPython 2.7: David Gay's shortest repr, str() is 'g' with 12 digits.
//   py3  – CPython 3.11–3.13. (Older 3.x differ in details: before 3.10 '%d' says "a number is
//          required", format('a', '05') is an error and '%5%' gives '%'; 'z' is 3.11+.)
//
// Not covered: py3 `bytes % args`, and py2 `str % args` turning unicode when an argument is
// unicode (the caller decides the result type). Limits of C types are those of the 64-bit hosts
// the tests compare with; a 32-bit device build has a 32-bit C long.
//
// Pure: no host modules, no clock, no randomness. Errors that Python code can see are thrown as
// FormatError carrying the Python exception type; the interpreter turns them into exceptions.

export type Dialect = 'py24' | 'py27' | 'py3';

export type FormatErrorType = 'TypeError' | 'ValueError' | 'KeyError' | 'IndexError' | 'OverflowError' | 'MemoryError';

/**
 * A Python-level error. For KeyError the message is the missing key itself (the exception's
 * argument, so `str(e)` is its repr); for every other type it is the exception's message.
 */
export class FormatError extends Error {
  constructor(
    readonly pyType: FormatErrorType,
    message: string,
  ) {
    super(message);
    this.name = 'FormatError';
  }
}

// Any width or precision above this would need a string far larger than any device pool (and
// than a JS string may be); CPython would fail to allocate it, so we raise MemoryError up front.
const MAX_FIELD = 1 << 26;

// Limits of C types that CPython converts numbers to, as on the 64-bit hosts where this was
// checked (C int; Py_ssize_t and long, the former as a double, which is only compared against).
const INT_MAX = 2147483647;
const SSIZE_MAX = 9223372036854775807;
const LONG_MAX = 9223372036854775807n;
const TOO_MANY_DIGITS = 'Too many decimal digits in format string';

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * The decimal number at text[pos...] and the position after it; -1 when there are no digits.
 * Past `limit` it raises CPython's ValueError, digit by digit as CPython checks.
 */
function decimalAt(text: string, pos: number, limit: number, tooBig: string): [number, number] {
  const start = pos;
  let n = 0;
  for (; pos < text.length; pos++) {
    const c = text.charCodeAt(pos);
    if (!isDigit(c)) break;
    if (n > (limit - (c - 48)) / 10) throw new FormatError('ValueError', tooBig);
    n = n * 10 + (c - 48);
  }
  return [pos === start ? -1 : n, pos];
}

// ---------------------------------------------------------------------------------------------
// Code points: Python 3 str lengths count code points, JS strings count UTF-16 units.

function hasSurrogate(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) return true;
  }
  return false;
}

/** len() of a Python string held as a JS string (a surrogate pair is one code point). */
export function pyLength(s: string): number {
  if (!hasSurrogate(s)) return s.length;
  let n = 0;
  for (let i = 0; i < s.length; i++, n++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
  }
  return n;
}

/** The first `n` code points of `s`. */
function pyTruncate(s: string, n: number): string {
  if (!hasSurrogate(s)) return s.length <= n ? s : s.slice(0, n);
  let i = 0;
  for (let k = 0; k < n && i < s.length; k++) {
    const c = s.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
  }
  return s.slice(0, i);
}

function pad(fill: string, n: number): string {
  return n > 0 ? fill.repeat(n) : '';
}

function hex2(n: number): string {
  return (n < 16 ? '0' : '') + n.toString(16);
}

// ---------------------------------------------------------------------------------------------
// Decimal digits of doubles.
//
// A positive double is described as 0.DIGITS × 10^decpt with no trailing zeros in DIGITS (zero
// itself is '0' with decpt 1). Three sources produce them:
//  - shortest round-trip digits: JS's Number#toString already computes them, we only re-read;
//  - correctly rounded to n significant digits / n digits after the point: JS's toExponential
//    and toFixed round the exact binary value correctly except on an exact tie, where they round
//    half up and CPython (and glibc) round half to even. A tie needs the exact binary value to
//    end exactly on the digit after the cut, which we can tell from its binary exponent; only
//    then (and for inputs JS cannot handle) do we expand the exact value with BigInt.

interface Digits {
  digits: string;
  decpt: number;
}

const ZERO_DIGITS: Digits = { digits: '0', decpt: 1 };
const LOG10_5 = Math.log10(5);
const MIN_NORMAL = 2.2250738585072014e-308;

/** Re-reads a JS number string (toString/toExponential/toFixed of a positive number). */
function digitsFromJs(s: string): Digits {
  let exp = 0;
  let mant = s;
  const e = s.indexOf('e');
  if (e >= 0) {
    exp = Number(s.slice(e + 1));
    mant = s.slice(0, e);
  }
  const dot = mant.indexOf('.');
  const intLen = dot < 0 ? mant.length : dot;
  const all = dot < 0 ? mant : mant.slice(0, dot) + mant.slice(dot + 1);
  let i = 0;
  while (i < all.length && all.charCodeAt(i) === 48) i++;
  if (i === all.length) return ZERO_DIGITS;
  let j = all.length;
  while (all.charCodeAt(j - 1) === 48) j--;
  return { digits: all.slice(i, j), decpt: intLen - i + exp };
}

// The binary form of the last double given to splitBinary: x = binM × 2^binE with binM odd.
const bits = new DataView(new ArrayBuffer(8));
let binM = 0;
let binE = 0;

function splitBinary(x: number): void {
  bits.setFloat64(0, x);
  const hi = bits.getUint32(0);
  const lo = bits.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let m = (hi & 0xfffff) * 4294967296 + lo;
  let e = -1074;
  if (biased !== 0) {
    m += 4503599627370496; // the implicit leading bit, 2^52
    e = biased - 1075;
  }
  while (m % 2 === 0) {
    m /= 2;
    e++;
  }
  binM = m;
  binE = e;
}

/** Every digit of a positive finite double (up to 767 of them). */
function exactDigits(x: number): Digits {
  splitBinary(x);
  if (binE >= 0) {
    const s = (BigInt(binM) << BigInt(binE)).toString();
    let j = s.length;
    while (s.charCodeAt(j - 1) === 48) j--;
    return { digits: s.slice(0, j), decpt: s.length };
  }
  // m / 2^k = m·5^k / 10^k; an odd m times a power of five never ends in 0.
  const s = (BigInt(binM) * 5n ** BigInt(-binE)).toString();
  return { digits: s, decpt: s.length + binE };
}

/** Keeps the first `keep` digits (keep may be <= 0), rounding half to even. */
function roundDigits(d: Digits, keep: number): Digits {
  const { digits, decpt } = d;
  if (keep >= digits.length) return d;
  if (keep < 0) return ZERO_DIGITS;
  const next = digits.charCodeAt(keep) - 48;
  let up: boolean;
  if (next !== 5) up = next > 5;
  else if (digits.length > keep + 1) up = true; // more non-zero digits follow the 5
  else up = keep > 0 && (digits.charCodeAt(keep - 1) - 48) % 2 === 1; // an exact tie: to even
  if (keep === 0) return up ? { digits: '1', decpt: decpt + 1 } : ZERO_DIGITS;
  let kept = digits.slice(0, keep);
  if (up) {
    let i = keep - 1;
    while (i >= 0 && kept.charCodeAt(i) === 57) i--;
    if (i < 0) return { digits: '1', decpt: decpt + 1 };
    kept = kept.slice(0, i) + String.fromCharCode(kept.charCodeAt(i) + 1);
  }
  let j = kept.length;
  while (j > 1 && kept.charCodeAt(j - 1) === 48) j--;
  if (j === 1 && kept === '0') return ZERO_DIGITS;
  return { digits: kept.slice(0, j), decpt };
}

function shortestDigits(x: number): Digits {
  return digitsFromJs(String(x));
}

/** |x| (positive, finite) correctly rounded to n >= 1 significant digits. */
function significantDigits(x: number, n: number): Digits {
  const sh = shortestDigits(x);
  // With at most 15 digits, two n-digit decimals are farther apart than one unit in the last
  // place of a normal x, so the shortest digits, when they fit, are also the nearest n-digit
  // decimal. (Not for subnormals: 5e-324 is shortest, '%.12g' shows 4.94065645841e-324.)
  if (n <= 15 && sh.digits.length <= n && x >= MIN_NORMAL) return sh;
  if (n <= 100) {
    splitBinary(x);
    if (binE < 0) {
      // The exact value has about log10(m) + k·log10(5) digits; a tie needs exactly n + 1.
      const approx = Math.floor(Math.log10(binM) + -binE * LOG10_5) + 1;
      if (Math.abs(approx - (n + 1)) > 1) return digitsFromJs(x.toExponential(n - 1));
    }
  }
  return roundDigits(exactDigits(x), n);
}

/** |x| (positive, finite) correctly rounded to n >= 0 digits after the decimal point. */
function fixedDigits(x: number, n: number): Digits {
  const sh = shortestDigits(x);
  if (sh.decpt + n <= 15 && sh.digits.length - sh.decpt <= n && x >= MIN_NORMAL) return sh;
  if (x < 1e21 && n <= 100) {
    splitBinary(x);
    // m / 2^k has exactly k digits after the point, the last a 5: a tie only when k = n + 1.
    if (binE >= 0 || -binE !== n + 1) return digitsFromJs(x.toFixed(n));
  }
  const exact = exactDigits(x);
  return roundDigits(exact, exact.decpt + n);
}

export interface FloatFormatFlags {
  /** '#': keep the decimal point, and trailing zeros for 'g'. */
  alt?: boolean;
  /** Python's repr/str rule: make an integral-looking result end in '.0'. */
  addDot0?: boolean;
  /** 'E', 'F', 'G': upper-case exponent letter, INF and NAN. */
  upper?: boolean;
  /** The 'z' option (3.11+): a result that rounds to zero loses its minus sign. */
  noNeg0?: boolean;
}

/**
 * A double in the layout of CPython's PyOS_double_to_string: 'e', 'f', 'g' with a precision,
 * or 'r' (shortest round-trip digits, exponent when the decimal exponent is < -4 or >= 16).
 * Includes a leading '-' for negative values (and -0.0).
 */
export function formatFloat(x: number, type: 'e' | 'f' | 'g' | 'r', precision: number, flags: FloatFormatFlags = {}): string {
  const upper = flags.upper === true;
  if (x !== x) return upper ? 'NAN' : 'nan';
  let neg = x < 0 || (x === 0 && 1 / x < 0);
  if (x === Infinity || x === -Infinity) return (neg ? '-' : '') + (upper ? 'INF' : 'inf');
  const a = neg ? -x : x;
  let p = precision;
  let d: Digits;
  switch (type) {
    case 'r':
      d = a === 0 ? ZERO_DIGITS : shortestDigits(a);
      break;
    case 'e':
      d = a === 0 ? ZERO_DIGITS : significantDigits(a, p + 1);
      break;
    case 'g':
      if (p === 0) p = 1;
      d = a === 0 ? ZERO_DIGITS : significantDigits(a, p);
      break;
    default:
      d = a === 0 ? ZERO_DIGITS : fixedDigits(a, p);
  }
  if (neg && flags.noNeg0 && d === ZERO_DIGITS) neg = false;
  const alt = flags.alt === true;
  const addDot0 = flags.addDot0 === true;
  const digits = d.digits;
  const n = digits.length;
  let decpt = d.decpt;
  let useExp = false;
  let end = n; // how many digits (counted from the first) the output shows, zero padded
  switch (type) {
    case 'e':
      useExp = true;
      end = p + 1;
      break;
    case 'f':
      end = decpt + p;
      break;
    case 'g':
      // With addDot0 the switch comes one digit earlier, so that '.0' never shows more digits
      // than the precision allows (format(100.0, '.3') is '1e+02', not '100.0').
      if (decpt <= -4 || decpt > (addDot0 ? p - 1 : p)) useExp = true;
      if (alt) end = p;
      break;
    default:
      if (decpt <= -4 || decpt > 16) useExp = true;
  }
  let exp = 0;
  if (useExp) {
    exp = decpt - 1;
    decpt = 1;
  }
  if (!useExp && addDot0) end = Math.max(end, decpt + 1);
  else end = Math.max(end, decpt);
  let intPart: string;
  let frac: string;
  if (decpt <= 0) {
    intPart = '0';
    frac = pad('0', -decpt) + digits + pad('0', end - n);
  } else if (decpt <= n) {
    intPart = decpt === n ? digits : digits.slice(0, decpt);
    frac = decpt === n ? pad('0', end - n) : digits.slice(decpt) + pad('0', end - n);
  } else {
    intPart = digits + pad('0', decpt - n);
    frac = pad('0', end - decpt);
  }
  let s = frac.length > 0 || alt ? intPart + '.' + frac : intPart;
  if (useExp) {
    const ae = exp < 0 ? -exp : exp;
    s += (upper ? 'E' : 'e') + (exp < 0 ? '-' : '+') + (ae < 10 ? '0' : '') + ae;
  }
  return neg ? '-' + s : s;
}

/** C's rule used by 2.4–2.6 repr/str: a result of only digits gets '.0' appended. */
function withDot0IfIntegral(s: string): string {
  for (let i = s.charCodeAt(0) === 45 ? 1 : 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return s;
  }
  return s + '.0';
}

/** repr(float). */
export function floatRepr(x: number, dialect: Dialect): string {
  if (dialect === 'py24') return withDot0IfIntegral(formatFloat(x, 'g', 17));
  // JS prints fixed notation for 1e-7 <= |x| < 1e21 with the same shortest digits; Python's
  // fixed range is 1e-4 <= |x| < 1e16, where only a missing '.0' differs.
  const a = x < 0 ? -x : x;
  if (a >= 1e-4 && a < 1e16) {
    const s = String(x);
    return s.indexOf('.') >= 0 ? s : s + '.0';
  }
  return formatFloat(x, 'r', 0, { addDot0: true });
}

/** str(float). */
export function floatStr(x: number, dialect: Dialect): string {
  switch (dialect) {
    case 'py3':
      return floatRepr(x, dialect);
    case 'py27':
      // 2.7 is 'g' with 12 digits under the '.0' rule, which switches to an exponent one digit
      // earlier than '%.12g' does: str(1e11) is '1e+11' in 2.7 but '100000000000.0' in 2.6.
      return formatFloat(x, 'g', 12, { addDot0: true });
    default:
      return withDot0IfIntegral(formatFloat(x, 'g', 12));
  }
}

// ---------------------------------------------------------------------------------------------
// Integers in a base.

export interface IntToStringOptions {
  /** Python's base prefix: 0b, 0x, and 0o (py3) or a leading 0 (py2; none for zero). */
  prefix?: boolean;
  /** Upper-case digits and prefix letter (%X, format 'X'). */
  upper?: boolean;
  /** Chooses the octal prefix and whether `long` adds 'L'. Default py3. */
  dialect?: Dialect;
  /** A Python 2 long: append 'L' (repr, hex, oct; never bin, never in py3). */
  long?: boolean;
}

/** `v` written in `base`, with a '-' sign and optionally Python's prefix and 'L'. */
export function intToString(v: bigint | number, base: 2 | 8 | 10 | 16, options: IntToStringOptions = {}): string {
  let neg: boolean;
  let body: string;
  let zero: boolean;
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) throw new RangeError(`intToString: ${v} is not an integer`);
    if (Number.isSafeInteger(v)) {
      neg = v < 0;
      zero = v === 0;
      body = (neg ? -v : v).toString(base);
    } else {
      return intToString(BigInt(v), base, options);
    }
  } else {
    neg = v < 0n;
    zero = v === 0n;
    body = (neg ? -v : v).toString(base);
  }
  const dialect = options.dialect ?? 'py3';
  if (options.upper) body = body.toUpperCase();
  let prefix = '';
  if (options.prefix) {
    if (base === 16) prefix = options.upper ? '0X' : '0x';
    else if (base === 2) prefix = options.upper ? '0B' : '0b';
    else if (base === 8) prefix = dialect === 'py3' ? (options.upper ? '0O' : '0o') : zero ? '' : '0';
  }
  const suffix = options.long && dialect !== 'py3' && base !== 2 ? 'L' : '';
  return (neg ? '-' : '') + prefix + body + suffix;
}

/** hex(v). In 2.4 a long's hex digits are upper case ('0xFFL'), as its long_format wrote them. */
export function pyHex(v: bigint | number, dialect: Dialect, isLong = false): string {
  const s = intToString(v, 16, { prefix: true, dialect, long: isLong });
  return dialect === 'py24' && isLong ? s.slice(0, s.indexOf('x') + 1) + s.slice(s.indexOf('x') + 1).toUpperCase() : s;
}

/** oct(v): '0o10' in py3, '010' (and '0' for zero) in py2. */
export function pyOct(v: bigint | number, dialect: Dialect, isLong = false): string {
  return intToString(v, 8, { prefix: true, dialect, long: isLong });
}

/** bin(v) (2.6+). */
export function pyBin(v: bigint | number): string {
  return intToString(v, 2, { prefix: true });
}

/** repr(int): a py2 long gets 'L'. */
export function intRepr(v: bigint | number, dialect: Dialect, isLong = false): string {
  return intToString(v, 10, { dialect, long: isLong });
}

// ---------------------------------------------------------------------------------------------
// String repr.

export interface StrReprOptions {
  dialect: Dialect;
  /**
   * 'str': a py3 str, or a py2 str (bytes); 'bytes': py3 bytes (b'...'), same as str in py2;
   * 'unicode': a py2 unicode (u'...'), same as str in py3. For bytes and py2 str every char of
   * the JS string is one byte, U+0000..U+00FF.
   */
  kind: 'str' | 'bytes' | 'unicode';
}

// Python's str.isprintable() is false for categories Cc Cf Cs Co Cn Zl Zp Zs (but not ' ').
const NON_PRINTABLE = /^[\p{C}\p{Z}]$/u;

function escapeCodePoint(c: number): string {
  if (c < 0x100) return '\\x' + hex2(c);
  if (c < 0x10000) return '\\u' + c.toString(16).padStart(4, '0');
  return '\\U' + c.toString(16).padStart(8, '0');
}

/** repr() of a str / bytes / unicode value. */
export function strRepr(s: string, options: StrReprOptions): string {
  const py3 = options.dialect === 'py3';
  const bytes = options.kind === 'bytes' || (!py3 && options.kind === 'str');
  const prefix = py3 ? (options.kind === 'bytes' ? 'b' : '') : options.kind === 'unicode' ? 'u' : '';
  // Single quotes unless the text has a ' and no "; then double quotes and no escaping of '.
  const quote = s.indexOf("'") >= 0 && s.indexOf('"') < 0 ? '"' : "'";
  const q = quote.charCodeAt(0);
  let plain = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c >= 0x7f || c === 92 || c === q) {
      plain = false;
      break;
    }
  }
  if (plain) return prefix + quote + s + quote;
  let out = prefix + quote;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0x20 && c < 0x7f) {
      out += c === 92 ? '\\\\' : c === q ? '\\' + quote : s[i];
      continue;
    }
    if (c === 9) out += '\\t';
    else if (c === 10) out += '\\n';
    else if (c === 13) out += '\\r';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + hex2(c);
    else if (bytes) {
      if (c > 0xff) throw new RangeError(`strRepr: byte string holds U+${c.toString(16)}`);
      out += '\\x' + hex2(c);
    } else {
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
        const d = s.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          i++;
        }
      }
      if (py3 && !NON_PRINTABLE.test(String.fromCodePoint(c))) out += String.fromCodePoint(c);
      else out += escapeCodePoint(c);
    }
  }
  return out + quote;
}

/** ascii(): a repr with every non-ASCII code point escaped (\xNN, \uNNNN, \UNNNNNNNN). */
export function asciiEscape(repr: string): string {
  let out = '';
  let start = 0;
  for (let i = 0; i < repr.length; i++) {
    let c = repr.charCodeAt(i);
    if (c < 0x80) continue;
    out += repr.slice(start, i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < repr.length) {
      const d = repr.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    out += escapeCodePoint(c);
    start = i + 1;
  }
  return start === 0 ? repr : out + repr.slice(start);
}

// ---------------------------------------------------------------------------------------------
// The % operator.

export interface PercentHost<V> {
  /** args is a tuple → its items; otherwise null (a single argument). */
  tupleItems(v: V): V[] | null;
  /**
   * Whether a single non-tuple argument serves %(key)s lookups. CPython's test is "its type
   * supports subscription and it is not a tuple or a str": true for dict, but also for list
   * (and py3 bytes), which is why `'' % []` is not an error.
   */
  isMapping(v: V): boolean;
  /** mapping[key]; may throw whatever the interpreter throws (propagated). */
  getItem(mapping: V, key: string): V;
  str(v: V): string;
  repr(v: V): string;
  /** ascii(v) for %a (py3); defaults to the repr with non-ASCII escaped. */
  ascii?(v: V): string;
  /**
   * The integer value of v for conversion d i u o x X c, or '*' (a width or precision taken
   * from the arguments); null when v does not qualify, and this module raises CPython's
   * TypeError. CPython's rules, which the host applies:
   *  - ints and bools always qualify;
   *  - d i u: floats are truncated (py3: inf/nan raise OverflowError/ValueError — see
   *    floatToIntegerForPercent; py2: they give null);
   *  - o x X: py3 needs an int (floats give null); py2 truncates floats like d;
   *  - c and '*': only ints (py2 '*': plain ints, not longs; c: py2 unicode formats truncate floats).
   */
  toInteger(v: V, conversion: string): bigint | null;
  /**
   * The float value for e E f F g G (ints converted); null when not a number. An int too
   * large for a double: py3 raises OverflowError('int too large to convert to float') —
   * throw that FormatError — and py2 reports it as a TypeError, so return null.
   */
  toFloat(v: V): number | null;
  /** Python type name for error messages ('str', 'NoneType', ...). */
  typeName(v: V): string;
  /** The character for %c when v is a one-character string, else null. */
  charOf(v: V): string | null;
  /** py2 only: whether an integer is a long (no precision limit, no '*'), not a plain int. */
  isLong?(v: V): boolean;
}

export interface PercentOptions {
  /** py2: the format string is unicode (u'...' % args), whose %c, %f messages differ. */
  unicode?: boolean;
}

const F_LJUST = 1;
const F_SIGN = 2;
const F_BLANK = 4;
const F_ALT = 8;
const F_ZERO = 16;

/** What CPython does with a float given to %d/%i/%u: truncation, with py3's errors for inf/nan. */
export function floatToIntegerForPercent(x: number, dialect: Dialect): bigint | null {
  if (x !== x) {
    if (dialect === 'py3') throw new FormatError('ValueError', 'cannot convert float NaN to integer');
    return null;
  }
  if (x === Infinity || x === -Infinity) {
    if (dialect === 'py3') throw new FormatError('OverflowError', 'cannot convert float infinity to integer');
    return null;
  }
  return BigInt(Math.trunc(x));
}

/** The `%` operator on a str: `format % args`. */
export function percentFormat<V>(format: string, args: V, host: PercentHost<V>, dialect: Dialect, options: PercentOptions = {}): string {
  const py3 = dialect === 'py3';
  const unicode = py3 || options.unicode === true;
  // CPython's argument cursor: a tuple is walked by index; a single argument (or the value a
  // %(key) looked up) is "arglen -1, argidx -2" and can be taken exactly once.
  const items = host.tupleItems(args);
  let current: V = args;
  let arglen = items ? items.length : -1;
  let argidx = items ? 0 : -2;
  const dict = items === null && host.isMapping(args) ? args : null;
  const nextArg = (): V => {
    if (argidx < arglen) {
      const i = argidx++;
      return arglen < 0 ? current : items![i]!;
    }
    throw new FormatError('TypeError', 'not enough arguments for format string');
  };

  const len = format.length;
  let out = '';
  let i = 0;
  while (i < len) {
    const pct = format.indexOf('%', i);
    if (pct < 0) {
      out += i === 0 ? format : format.slice(i);
      break;
    }
    out += format.slice(i, pct);
    i = pct + 1;
    if (py3 && i < len && format.charCodeAt(i) === 37) {
      // Python 3 only takes '%%' as a literal when nothing stands between the two signs.
      out += '%';
      i++;
      continue;
    }
    if (i < len && format.charCodeAt(i) === 40) {
      // %(key): the key runs to the matching ')', nested parentheses allowed.
      if (dict === null) throw new FormatError('TypeError', 'format requires a mapping');
      let depth = 1;
      const keyStart = ++i;
      while (i < len && depth > 0) {
        const c = format.charCodeAt(i++);
        if (c === 41) depth--;
        else if (c === 40) depth++;
      }
      if (depth > 0) throw new FormatError('ValueError', 'incomplete format key');
      current = host.getItem(dict, format.slice(keyStart, i - 1));
      arglen = -1;
      argidx = -2;
    }
    let flags = 0;
    for (; i < len; i++) {
      const c = format.charCodeAt(i);
      if (c === 45) flags |= F_LJUST;
      else if (c === 43) flags |= F_SIGN;
      else if (c === 32) flags |= F_BLANK;
      else if (c === 35) flags |= F_ALT;
      else if (c === 48) flags |= F_ZERO;
      else break;
    }
    let width = -1;
    let prec = -1;
    if (i < len && format.charCodeAt(i) === 42) {
      width = starArgument(nextArg(), host, dialect, false);
      if (width < 0) {
        flags |= F_LJUST;
        width = -width;
      }
      i++;
    } else {
      [width, i] = decimalAt(format, i, py3 ? SSIZE_MAX : INT_MAX, 'width too big');
    }
    if (i < len && format.charCodeAt(i) === 46) {
      i++;
      if (i < len && format.charCodeAt(i) === 42) {
        prec = starArgument(nextArg(), host, dialect, true);
        if (prec < 0) prec = 0;
        i++;
      } else {
        [prec, i] = decimalAt(format, i, INT_MAX, py3 ? 'precision too big' : 'prec too big');
        if (prec < 0) prec = 0; // '%.f': a bare point means precision 0, as in C
      }
    }
    if (i < len) {
      const c = format.charCodeAt(i);
      if (c === 104 || c === 108 || c === 76) i++; // C length modifiers h l L are ignored
    }
    if (i >= len) throw new FormatError('ValueError', 'incomplete format');
    const convAt = i;
    const code = format.codePointAt(i)!;
    const conv = format[i]!;
    i += code > 0xffff ? 2 : 1;

    // py2 takes no argument for '%' (whatever its flags); py3 reaches here only for '%5%'
    // and the like, which take an argument and then fail as an unknown conversion.
    if (!py3 && conv === '%') {
      out += assemble('%', false, flags, width, conv, py3);
      continue;
    }
    const v = nextArg();
    let text: string;
    let numeric = false;
    switch (conv) {
      case 's':
        text = host.str(v);
        if (prec >= 0) text = pyTruncate(text, prec);
        break;
      case 'r':
        text = host.repr(v);
        if (prec >= 0) text = pyTruncate(text, prec);
        break;
      case 'a':
        if (!py3) throw unsupportedPercent(format, convAt, code, unicode);
        text = host.ascii ? host.ascii(v) : asciiEscape(host.repr(v));
        if (prec >= 0) text = pyTruncate(text, prec);
        break;
      case 'd':
      case 'i':
      case 'u':
      case 'o':
      case 'x':
      case 'X':
        text = percentInteger(v, conv, flags, prec, host, dialect);
        numeric = true;
        break;
      case 'e':
      case 'E':
      case 'f':
      case 'F':
      case 'g':
      case 'G':
        text = percentFloat(v, conv, flags, prec, host, dialect, unicode);
        numeric = true;
        break;
      case 'c':
        text = percentChar(v, host, dialect, unicode);
        break;
      default:
        throw unsupportedPercent(format, convAt, code, unicode);
    }
    out += assemble(text, numeric, flags, width, conv, py3);
  }
  if (argidx < arglen && dict === null) {
    throw new FormatError('TypeError', 'not all arguments converted during string formatting');
  }
  return out;
}

function starArgument<V>(v: V, host: PercentHost<V>, dialect: Dialect, precision: boolean): number {
  const n = host.toInteger(v, '*');
  if (n === null || (dialect !== 'py3' && host.isLong?.(v))) throw new FormatError('TypeError', '* wants int');
  if (precision && (n > 2147483647n || n < -2147483648n)) {
    throw new FormatError('OverflowError', 'Python int too large to convert to C int');
  }
  if (n > LONG_MAX || n < -LONG_MAX - 1n) {
    throw new FormatError('OverflowError', 'Python int too large to convert to C ssize_t');
  }
  return Number(n);
}

function unsupportedPercent(format: string, at: number, code: number, unicode: boolean): FormatError {
  let shown: string;
  let hex: string;
  let index = at;
  if (unicode) {
    // Python 3 and py2 unicode show printable ASCII, '?' for anything else; the index counts
    // code points.
    shown = code >= 31 && code <= 126 ? String.fromCharCode(code) : '?';
    hex = code.toString(16);
    index = pyLength(format.slice(0, at));
  } else {
    // A py2 byte string prints the raw byte, and its hex as a sign-extended C char.
    shown = String.fromCharCode(code);
    hex = (code >= 0x80 ? (0xffffff00 | code) >>> 0 : code).toString(16);
  }
  return new FormatError('ValueError', `unsupported format character '${shown}' (0x${hex}) at index ${index}`);
}

function percentInteger<V>(v: V, conv: string, flags: number, prec: number, host: PercentHost<V>, dialect: Dialect): string {
  const n = host.toInteger(v, conv);
  if (n === null) {
    const type = host.typeName(v);
    if (dialect === 'py3') {
      const what = conv === 'o' || conv === 'x' || conv === 'X' ? 'an integer is required' : 'a real number is required';
      throw new FormatError('TypeError', `%${conv} format: ${what}, not ${type}`);
    }
    if (dialect === 'py27') throw new FormatError('TypeError', `%${conv === 'i' ? 'd' : conv} format: a number is required, not ${type}`);
    throw new FormatError('TypeError', 'int argument required');
  }
  const neg = n < 0n;
  const mag = neg ? -n : n;
  const base = conv === 'o' ? 8 : conv === 'x' || conv === 'X' ? 16 : 10;
  let body = mag.toString(base);
  if (conv === 'X') body = body.toUpperCase();
  const alt = (flags & F_ALT) !== 0;
  if (dialect === 'py3') {
    if (prec > MAX_FIELD) throw new FormatError('MemoryError', '');
    if (body.length < prec) body = pad('0', prec - body.length) + body;
    const prefix = alt && base !== 10 ? (conv === 'o' ? '0o' : conv === 'x' ? '0x' : '0X') : '';
    return (neg ? '-' : '') + prefix + body;
  }
  // Python 2 hands plain ints to C's printf (a 120-byte buffer, and printf's quirks) and longs
  // to its own long formatting.
  const plain = !host.isLong?.(v);
  if (plain && prec >= 117) {
    throw new FormatError('OverflowError', 'formatted integer is too long (precision too large?)');
  }
  if (prec > MAX_FIELD) throw new FormatError('MemoryError', '');
  if (plain && prec === 0 && mag === 0n) body = ''; // printf: zero precision, zero value, no digits
  if (body.length < prec) body = pad('0', prec - body.length) + body;
  // '#o' makes the first digit a zero (C's rule, and what oct() of a long gives).
  if (alt && conv === 'o' && body.charCodeAt(0) !== 48) body = '0' + body;
  const prefix = alt && base === 16 ? (conv === 'x' ? '0x' : '0X') : '';
  return (neg ? '-' : '') + prefix + body;
}

function percentFloat<V>(v: V, conv: string, flags: number, prec: number, host: PercentHost<V>, dialect: Dialect, unicode: boolean): string {
  const x = host.toFloat(v);
  if (x === null) {
    if (dialect === 'py3') throw new FormatError('TypeError', `must be real number, not ${host.typeName(v)}`);
    if (unicode) throw new FormatError('TypeError', 'a float is required');
    if (dialect === 'py27') throw new FormatError('TypeError', `float argument required, not ${host.typeName(v)}`);
    throw new FormatError('TypeError', 'float argument required');
  }
  if (prec < 0) prec = 6;
  let c = conv;
  if (dialect === 'py24') {
    // 2.4 passes the conversion to printf after two adjustments, and guards its buffer.
    if (c === 'F') c = 'f';
    if (c === 'f' && Math.abs(x) / 1e25 >= 1e25) c = 'g';
    if ((c === 'g' && prec >= 110) || (c === 'f' && prec >= 67)) {
      throw new FormatError('OverflowError', 'formatted float is too long (precision too large?)');
    }
  }
  if (prec > MAX_FIELD) throw new FormatError('MemoryError', '');
  const type = c.toLowerCase() as 'e' | 'f' | 'g';
  return formatFloat(x, type, prec, { alt: (flags & F_ALT) !== 0, upper: c !== type });
}

function percentChar<V>(v: V, host: PercentHost<V>, dialect: Dialect, unicode: boolean): string {
  const ch = host.charOf(v);
  if (ch !== null) return ch;
  if (dialect === 'py3' || unicode) {
    let n = host.toInteger(v, 'c');
    if (n === null && dialect !== 'py3') {
      const x = host.toFloat(v);
      if (x !== null && Number.isFinite(x)) n = BigInt(Math.trunc(x)); // 2.7 unicode truncates floats
    }
    if (n === null) throw new FormatError('TypeError', '%c requires int or char');
    if (n < 0n || n > 0x10ffffn) {
      const why = dialect === 'py3' ? '' : ' (wide Python build)';
      throw new FormatError('OverflowError', `%c arg not in range(0x110000)${why}`);
    }
    return String.fromCodePoint(Number(n));
  }
  // A py2 byte string: PyArg_Parse's 'b' (unsigned byte) conversion and its messages.
  if (host.typeName(v) === 'str') throw new FormatError('TypeError', '%c requires int or char');
  const n = host.toInteger(v, 'c');
  if (n === null) {
    if (host.toFloat(v) !== null) throw new FormatError('TypeError', `integer argument expected, got ${host.typeName(v)}`);
    throw new FormatError('TypeError', 'an integer is required');
  }
  if (n > LONG_MAX || n < -LONG_MAX - 1n) throw new FormatError('OverflowError', 'Python int too large to convert to C long');
  if (n < 0n) throw new FormatError('OverflowError', 'unsigned byte integer is less than minimum');
  if (n > 255n) throw new FormatError('OverflowError', 'unsigned byte integer is greater than maximum');
  return String.fromCharCode(Number(n));
}

/** Places a converted value in its field: sign, '0x' prefix, fill, width, as CPython does. */
function assemble(text: string, numeric: boolean, flags: number, width: number, conv: string, py3: boolean): string {
  if (!numeric && width <= 0) return text;
  let len = pyLength(text);
  if (width > MAX_FIELD) throw new FormatError('MemoryError', '');
  const fill = numeric && (flags & F_ZERO) !== 0 ? '0' : ' ';
  let sign = '';
  let body = text;
  if (numeric) {
    const c = text.charCodeAt(0);
    if (c === 45 || c === 43) {
      sign = text[0]!;
      body = text.slice(1);
      len--;
    } else if (flags & F_SIGN) sign = '+';
    else if (flags & F_BLANK) sign = ' ';
  }
  if (width < len) width = len;
  if (sign && width > len) width--;
  let prefix = '';
  // The '0x' (py3 also '0o') of the alternate form stays in front of zero padding.
  if ((flags & F_ALT) !== 0 && (conv === 'x' || conv === 'X' || (py3 && conv === 'o'))) {
    prefix = body.slice(0, 2);
    body = body.slice(2);
    width = Math.max(0, width - 2);
    len -= 2;
  }
  let out = '';
  if (fill !== ' ') out += sign + prefix;
  if (width > len && (flags & F_LJUST) === 0) {
    out += pad(fill, width - len);
    width = len;
  }
  if (fill === ' ') out += sign + prefix;
  out += body;
  if (width > len) out += pad(' ', width - len);
  return out;
}

// ---------------------------------------------------------------------------------------------
// The format-spec mini-language: format(value, spec), str.format fields, f-string fields.

export type FormatValue =
  | { kind: 'int'; value: bigint; typeName?: string }
  | { kind: 'float'; value: number; typeName?: string }
  | { kind: 'str'; value: string; typeName?: string };

interface ParsedSpec {
  fill: string;
  align: string; // '<' '>' '^' '=' or '' (the type's default)
  sign: string; // '+' '-' ' ' or ''
  noNeg0: boolean;
  alt: boolean;
  width: number; // -1: none
  grouping: string; // ',' '_' or ''
  precision: number; // -1: none
  type: string; // '' for none
}

function isAlign(c: string | undefined): boolean {
  return c === '<' || c === '>' || c === '^' || c === '=';
}

/** Parses a spec; `defaultType` is the type's implicit presentation ('s' for str, 'd' for int). */
function parseSpec(spec: string, dialect: Dialect, typeName: string, defaultAlign: string, defaultType: string): ParsedSpec {
  const py3 = dialect === 'py3';
  const p: ParsedSpec = { fill: ' ', align: '', sign: '', noNeg0: false, alt: false, width: -1, grouping: '', precision: -1, type: '' };
  const end = spec.length;
  let pos = 0;
  let fillSpecified = false;
  // The fill may be any character, an astral one included.
  const firstLen = end > 0 && spec.codePointAt(0)! > 0xffff ? 2 : 1;
  if (end > firstLen && isAlign(spec[firstLen])) {
    p.fill = spec.slice(0, firstLen);
    p.align = spec[firstLen]!;
    pos = firstLen + 1;
    fillSpecified = true;
  } else if (end > 0 && isAlign(spec[0])) {
    p.align = spec[0]!;
    pos = 1;
  }
  const alignSpecified = p.align !== '';
  if (pos < end && (spec[pos] === '+' || spec[pos] === '-' || spec[pos] === ' ')) p.sign = spec[pos++]!;
  if (py3 && pos < end && spec[pos] === 'z') {
    p.noNeg0 = true;
    pos++;
  }
  if (pos < end && spec[pos] === '#') {
    p.alt = true;
    pos++;
  }
  // A '0' before the width means zero padding: '=' alignment for numbers. Python 3.10+ keeps
  // a string's left alignment (format('a', '05') is 'a0000'); older ones force '=' and fail.
  if (!fillSpecified && pos < end && spec[pos] === '0') {
    p.fill = '0';
    if (!alignSpecified && (!py3 || defaultAlign === '>')) p.align = '=';
    pos++;
  }
  [p.width, pos] = decimalAt(spec, pos, SSIZE_MAX, TOO_MANY_DIGITS);
  if (dialect !== 'py24' && pos < end && spec[pos] === ',') {
    p.grouping = ',';
    pos++;
  }
  if (py3 && pos < end && spec[pos] === '_') {
    if (p.grouping) throw new FormatError('ValueError', "Cannot specify both ',' and '_'.");
    p.grouping = '_';
    pos++;
  }
  if (py3 && pos < end && spec[pos] === ',' && p.grouping === '_') throw new FormatError('ValueError', "Cannot specify both ',' and '_'.");
  if (pos < end && spec[pos] === '.') {
    pos++;
    [p.precision, pos] = decimalAt(spec, pos, SSIZE_MAX, TOO_MANY_DIGITS);
    if (p.precision < 0) throw new FormatError('ValueError', 'Format specifier missing precision');
  }
  const rest = spec.slice(pos);
  if (pyLength(rest) > 1) {
    const message = py3 ? `Invalid format specifier '${spec}' for object of type '${typeName}'` : 'Invalid conversion specification';
    throw new FormatError('ValueError', message);
  }
  p.type = rest;
  if (p.grouping) {
    const t = rest || defaultType;
    const ok = t === '' || 'defgEGF%'.includes(t) || (p.grouping === '_' && 'boxX'.includes(t));
    if (!ok) throw new FormatError('ValueError', `Cannot specify '${p.grouping}' with '${showCode(t)}'.`);
  }
  return p;
}

/** A presentation type as CPython's messages show it: printable ASCII, else \xNN. */
function showCode(t: string): string {
  const c = t.codePointAt(0)!;
  return c > 32 && c < 128 ? t : '\\x' + c.toString(16);
}

function unknownCode(type: string, typeName: string): FormatError {
  return new FormatError('ValueError', `Unknown format code '${showCode(type)}' for object of type '${typeName}'`);
}

/**
 * Groups a run of digits from the right (every 3, or every `size`), zero-padding it to
 * `minWidth` characters when the field is zero-filled — the zeros are grouped as well, which
 * is why format(1234, '08,') is '0,001,234', nine characters.
 */
function groupDigits(digits: string, sep: string, size: number, minWidth: number): string {
  if (digits === '') return '';
  if (sep === '') return minWidth > digits.length ? pad('0', minWidth - digits.length) + digits : digits;
  let out = '';
  let remaining = digits.length;
  let mw = minWidth;
  for (;;) {
    const l = Math.min(size, Math.max(remaining, mw, 1));
    const take = Math.min(remaining, l);
    const piece = pad('0', l - take) + digits.slice(remaining - take, remaining);
    out = out === '' ? piece : piece + sep + out;
    remaining -= take;
    mw -= l;
    if (remaining <= 0 && mw <= 0) return out;
    mw -= sep.length;
  }
}

/** Lays out sign, prefix, digits (grouped, maybe zero-filled) and the rest in the field. */
function layoutNumber(sign: string, prefix: string, digits: string, rest: string, p: ParsedSpec, groupSize: number): string {
  const align = p.align || '>';
  const restLen = pyLength(rest);
  const nonDigits = sign.length + prefix.length + restLen;
  const minDigits = p.fill === '0' && align === '=' ? p.width - nonDigits : 0;
  if (minDigits > MAX_FIELD) throw new FormatError('MemoryError', '');
  const grouped = groupDigits(digits, p.grouping, groupSize, minDigits);
  return placeInField(sign + prefix, grouped + rest, nonDigits + grouped.length, p, align);
}

/** Pads `head + body` (`length` code points; the head is sign and prefix, which stay left of
 * '=' padding) to the field width. */
function placeInField(head: string, body: string, length: number, p: ParsedSpec, align: string): string {
  const padding = p.width - length;
  if (padding <= 0) return head + body;
  if (p.width > MAX_FIELD) throw new FormatError('MemoryError', '');
  switch (align) {
    case '<':
      return head + body + pad(p.fill, padding);
    case '^': {
      const left = padding >> 1;
      return pad(p.fill, left) + head + body + pad(p.fill, padding - left);
    }
    case '=':
      return head + pad(p.fill, padding) + body;
    default:
      return pad(p.fill, padding) + head + body;
  }
}

/** format(value, spec) for int, float and str, as their __format__ methods do it. */
export function formatSpec(value: FormatValue, spec: string, dialect: Dialect): string {
  const typeName = value.typeName ?? value.kind;
  if (spec === '') {
    // An empty spec is str(value) (so format(True, '') is 'True').
    if (value.kind === 'str') return value.value;
    if (value.kind === 'int') return typeName === 'bool' ? (value.value ? 'True' : 'False') : value.value.toString();
    return floatStr(value.value, dialect);
  }
  const p = parseSpec(spec, dialect, typeName, value.kind === 'str' ? '<' : '>', value.kind === 'str' ? 's' : value.kind === 'int' ? 'd' : '');
  switch (value.kind) {
    case 'str':
      if (p.type !== '' && p.type !== 's') throw unknownCode(p.type, typeName);
      return formatStrSpec(value.value, p, dialect);
    case 'int':
      if (p.type === '' || 'bcdoxXn'.includes(p.type)) return formatIntSpec(value.value, p, dialect);
      if ('eEfFgG%'.includes(p.type)) {
        const x = Number(value.value);
        if (!Number.isFinite(x)) {
          throw new FormatError('OverflowError', dialect === 'py3' ? 'int too large to convert to float' : 'long int too large to convert to float');
        }
        return formatFloatSpec(x, p, dialect);
      }
      throw unknownCode(p.type, typeName);
    default:
      if (p.type === '' || 'eEfFgGn%'.includes(p.type)) return formatFloatSpec(value.value, p, dialect);
      throw unknownCode(p.type, typeName);
  }
}

function formatStrSpec(s: string, p: ParsedSpec, dialect: Dialect): string {
  const py3 = dialect === 'py3';
  if (p.sign) {
    const what = py3 && p.sign === ' ' ? 'Space' : 'Sign';
    throw new FormatError('ValueError', `${what} not allowed in string format specifier`);
  }
  if (p.noNeg0) throw new FormatError('ValueError', 'Negative zero coercion (z) not allowed in string format specifier');
  if (p.alt) throw new FormatError('ValueError', 'Alternate form (#) not allowed in string format specifier');
  if (p.align === '=') throw new FormatError('ValueError', "'=' alignment not allowed in string format specifier");
  let text = s;
  let len = pyLength(text);
  if (p.precision >= 0 && len > p.precision) {
    text = pyTruncate(text, p.precision);
    len = p.precision;
  }
  return placeInField('', text, len, p, p.align || '<');
}

function formatIntSpec(n: bigint, p: ParsedSpec, dialect: Dialect): string {
  const py3 = dialect === 'py3';
  if (p.precision >= 0) throw new FormatError('ValueError', 'Precision not allowed in integer format specifier');
  if (p.noNeg0) throw new FormatError('ValueError', 'Negative zero coercion (z) not allowed in integer format specifier');
  const neg = n < 0n;
  const mag = neg ? -n : n;
  const sign = neg ? '-' : p.sign === '+' ? '+' : p.sign === ' ' ? ' ' : '';
  if (p.type === 'c') {
    if (p.sign) throw new FormatError('ValueError', "Sign not allowed with integer format specifier 'c'");
    if (py3 && p.alt) throw new FormatError('ValueError', "Alternate form (#) not allowed with integer format specifier 'c'");
    if (n > LONG_MAX || n < -LONG_MAX - 1n) throw new FormatError('OverflowError', 'Python int too large to convert to C long');
    const limit = py3 ? 0x10ffffn : 0xffn;
    if (neg || mag > limit) throw new FormatError('OverflowError', `%c arg not in range(${py3 ? '0x110000' : '0x100'})`);
    // The character is "remainder": never zero padded or grouped, only placed in the field.
    return layoutNumber('', '', '', String.fromCodePoint(Number(mag)), p, 3);
  }
  let base = 10;
  let prefix = '';
  switch (p.type) {
    case 'b':
      base = 2;
      prefix = '0b';
      break;
    case 'o':
      base = 8;
      prefix = '0o';
      break;
    case 'x':
      base = 16;
      prefix = '0x';
      break;
    case 'X':
      base = 16;
      prefix = '0X';
      break;
  }
  let digits = mag.toString(base);
  if (p.type === 'X') digits = digits.toUpperCase();
  return layoutNumber(sign, p.alt ? prefix : '', digits, '', p, base === 10 ? 3 : 4);
}

function formatFloatSpec(x: number, p: ParsedSpec, dialect: Dialect): string {
  const py3 = dialect === 'py3';
  if (!py3 && p.alt) throw new FormatError('ValueError', 'Alternate form (#) not allowed in float format specifier');
  let type = p.type;
  let precision = p.precision;
  let addDot0 = false;
  let pct = false;
  if (type === '') {
    // No type: like repr (py3) or str (py2, 12 digits), or 'g' when a precision is given,
    // always showing a '.0' on integral values.
    addDot0 = true;
    if (py3) type = precision < 0 ? 'r' : 'g';
    else {
      type = 'g';
      if (precision < 0) precision = 12;
    }
  } else if (type === 'n') type = 'g';
  else if (type === '%') {
    type = 'f';
    x *= 100;
    pct = true;
  }
  if (precision < 0) precision = 6;
  if (precision > MAX_FIELD) throw new FormatError('MemoryError', '');
  const lower = type.toLowerCase() as 'e' | 'f' | 'g' | 'r';
  let s = formatFloat(x, lower, precision, { alt: p.alt, addDot0, upper: lower !== type, noNeg0: p.noNeg0 });
  if (pct) s += '%';
  let sign = '';
  if (s.charCodeAt(0) === 45) {
    sign = '-';
    s = s.slice(1);
  } else if (p.sign === '+') sign = '+';
  else if (p.sign === ' ') sign = ' ';
  let k = 0;
  while (k < s.length && isDigit(s.charCodeAt(k))) k++;
  return layoutNumber(sign, '', s.slice(0, k), s.slice(k), p, 3);
}

// ---------------------------------------------------------------------------------------------
// str.format.

export interface StrFormatHost<V> {
  getAttr(v: V, name: string): V;
  /** v[key]: an int key when the text was all digits ('{0[1]}'), else the text ('{0[a]}'). */
  getItem(v: V, key: string | number): V;
  str(v: V): string;
  repr(v: V): string;
  ascii?(v: V): string;
  /** format(v, spec): for numbers and strings the host calls formatSpec; instances __format__. */
  format(v: V, spec: string): string;
}

interface AutoNumbering {
  state: 'init' | 'auto' | 'manual';
  next: number;
}

/** template.format(*args, **kwargs). */
export function strFormat<V>(template: string, args: V[], kwargs: Map<string, V>, host: StrFormatHost<V>, dialect: Dialect): string {
  return buildFormatted(template, 2, args, kwargs, host, dialect, { state: 'init', next: 0 });
}

interface Field {
  name: string;
  conversion: string | null;
  spec: string;
  expand: boolean; // the spec holds nested fields
  end: number;
}

function buildFormatted<V>(
  s: string,
  depth: number,
  args: V[],
  kwargs: Map<string, V>,
  host: StrFormatHost<V>,
  dialect: Dialect,
  auto: AutoNumbering,
): string {
  if (depth <= 0) throw new FormatError('ValueError', 'Max string recursion exceeded');
  const len = s.length;
  let out = '';
  let pos = 0;
  while (pos < len) {
    let i = pos;
    while (i < len) {
      const c = s.charCodeAt(i);
      if (c === 123 || c === 125) break;
      i++;
    }
    if (i >= len) {
      out += pos === 0 ? s : s.slice(pos);
      break;
    }
    const brace = s[i];
    const doubled = i + 1 < len && s[i + 1] === brace;
    if (brace === '}' && !doubled) throw new FormatError('ValueError', "Single '}' encountered in format string");
    if (brace === '{' && i + 1 >= len) throw new FormatError('ValueError', "Single '{' encountered in format string");
    if (doubled) {
      out += s.slice(pos, i + 1);
      pos = i + 2;
      continue;
    }
    out += s.slice(pos, i);
    const field = dialect === 'py3' ? parseField3(s, i + 1) : parseField2(s, i + 1);
    pos = field.end;
    const obj = fieldObject(field.name, args, kwargs, host, dialect, auto);
    let converted: string | null = null;
    if (field.conversion !== null) converted = convertField(obj, field.conversion, host, dialect);
    const spec = field.expand ? buildFormatted(field.spec, depth - 1, args, kwargs, host, dialect, auto) : field.spec;
    out += converted !== null ? formatSpec({ kind: 'str', value: converted }, spec, dialect) : host.format(obj, spec);
  }
  return out;
}

/** Python 3: the field is parsed straight from the template ('[...]' may hold ':', '!', '{'). */
function parseField3(s: string, start: number): Field {
  const len = s.length;
  let p = start;
  let c = '';
  let stop = false;
  while (p < len) {
    c = s[p++]!;
    if (c === '{') throw new FormatError('ValueError', "unexpected '{' in field name");
    if (c === '[') {
      while (p < len && s[p] !== ']') p++;
      continue;
    }
    if (c === '}' || c === ':' || c === '!') {
      stop = true;
      break;
    }
  }
  const name = s.slice(start, stop ? p - 1 : p);
  if (!stop) throw new FormatError('ValueError', "expected '}' before end of string");
  if (c === '}') return { name, conversion: null, spec: '', expand: false, end: p };
  let conversion: string | null = null;
  if (c === '!') {
    if (p >= len) throw new FormatError('ValueError', 'end of string while looking for conversion specifier');
    const cp = s.codePointAt(p)!;
    conversion = String.fromCodePoint(cp);
    p += cp > 0xffff ? 2 : 1;
    if (p < len) {
      const after = s[p++];
      if (after === '}') return { name, conversion, spec: '', expand: false, end: p };
      if (after !== ':') throw new FormatError('ValueError', "expected ':' after conversion specifier");
    }
  }
  const specStart = p;
  let depth = 1;
  let expand = false;
  while (p < len) {
    const ch = s.charCodeAt(p++);
    if (ch === 123) {
      expand = true;
      depth++;
    } else if (ch === 125 && --depth === 0) {
      return { name, conversion, spec: s.slice(specStart, p - 1), expand, end: p };
    }
  }
  throw new FormatError('ValueError', "unmatched '{' in format spec");
}

/** Python 2: the field runs to the matching '}', then splits at the first ':' or '!'. */
function parseField2(s: string, start: number): Field {
  const len = s.length;
  let p = start;
  let depth = 1;
  let expand = false;
  for (;;) {
    if (p >= len) throw new FormatError('ValueError', "unmatched '{' in format");
    const ch = s.charCodeAt(p++);
    if (ch === 123) {
      expand = true;
      depth++;
    } else if (ch === 125 && --depth === 0) break;
  }
  const end = p;
  const body = s.slice(start, end - 1);
  let k = 0;
  while (k < body.length && body[k] !== ':' && body[k] !== '!') k++;
  if (k >= body.length) return { name: body, conversion: null, spec: '', expand: false, end };
  const name = body.slice(0, k);
  let rest = k + 1;
  let conversion: string | null = null;
  if (body[k] === '!') {
    if (rest >= body.length) throw new FormatError('ValueError', 'end of format while looking for conversion specifier');
    conversion = body[rest++]!;
    if (rest < body.length && body[rest++] !== ':') throw new FormatError('ValueError', "expected ':' after format specifier");
  }
  return { name, conversion, spec: body.slice(rest), expand, end };
}

/** A decimal index, or -1 when `s` is empty or not all digits (CPython's overflow error first). */
function fieldIndex(s: string): number {
  const [n, end] = decimalAt(s, 0, SSIZE_MAX, TOO_MANY_DIGITS);
  return end === s.length ? n : -1;
}

function fieldObject<V>(name: string, args: V[], kwargs: Map<string, V>, host: StrFormatHost<V>, dialect: Dialect, auto: AutoNumbering): V {
  let i = 0;
  while (i < name.length && name[i] !== '.' && name[i] !== '[') i++;
  const first = name.slice(0, i);
  let index = fieldIndex(first);
  if (first === '') {
    if (dialect === 'py24') throw new FormatError('ValueError', 'zero length field name in format');
  }
  if (first === '' || index >= 0) {
    if (auto.state === 'init') auto.state = first === '' ? 'auto' : 'manual';
    if (auto.state === 'manual' && first === '') {
      throw new FormatError('ValueError', 'cannot switch from manual field specification to automatic field numbering');
    }
    if (auto.state === 'auto' && first !== '') {
      throw new FormatError('ValueError', 'cannot switch from automatic field numbering to manual field specification');
    }
    if (first === '') index = auto.next++;
  }
  let obj: V;
  if (index < 0) {
    if (!kwargs.has(first)) throw new FormatError('KeyError', first);
    obj = kwargs.get(first)!;
  } else {
    if (index >= args.length) {
      const message = dialect === 'py3' ? `Replacement index ${index} out of range for positional args tuple` : 'tuple index out of range';
      throw new FormatError('IndexError', message);
    }
    obj = args[index]!;
  }
  // The rest is parsed piece by piece as it is looked up, so a failing lookup comes before a
  // syntax error further right ('{0.a[}' is an AttributeError in 2.7).
  while (i < name.length) {
    const c = name[i++];
    let part: string;
    let isAttr: boolean;
    if (c === '.') {
      const s0 = i;
      while (i < name.length && name[i] !== '.' && name[i] !== '[') i++;
      part = name.slice(s0, i);
      isAttr = true;
    } else if (c === '[') {
      const close = name.indexOf(']', i);
      if (close < 0) throw new FormatError('ValueError', "Missing ']' in format string");
      part = name.slice(i, close);
      i = close + 1;
      isAttr = false;
    } else {
      throw new FormatError('ValueError', "Only '.' or '[' may follow ']' in format field specifier");
    }
    const key = isAttr ? -1 : fieldIndex(part);
    if (part === '') throw new FormatError('ValueError', 'Empty attribute in format string');
    obj = isAttr ? host.getAttr(obj, part) : host.getItem(obj, key >= 0 ? key : part);
  }
  return obj;
}

function convertField<V>(obj: V, conversion: string, host: StrFormatHost<V>, dialect: Dialect): string {
  switch (conversion) {
    case 'r':
      return host.repr(obj);
    case 's':
      return host.str(obj);
    case 'a':
      if (dialect === 'py3') return host.ascii ? host.ascii(obj) : asciiEscape(host.repr(obj));
  }
  const c = conversion.codePointAt(0)!;
  // Python 2 reads the character as a (signed) C char of the byte string: 0xe9 is 0xffffffe9.
  const hex = dialect !== 'py3' && c >= 0x80 && c <= 0xff ? (0xffffff00 | c) >>> 0 : c;
  const shown = c > 32 && c < 127 ? conversion : '\\x' + hex.toString(16);
  throw new FormatError('ValueError', `Unknown conversion specifier ${shown}`);
}

/** Bytes as a string of one char per byte, in chunks (a spread of a long array overflows the call stack). */
export function charsOfBytes(bytes: ArrayLike<number>): string {
  let out = '';
  const CHUNK = 8192;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    out += String.fromCharCode.apply(null, Array.prototype.slice.call(bytes, i, i + CHUNK) as number[]);
  }
  return out;
}

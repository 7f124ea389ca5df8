// What the device writes, as the host receives it. PythonHost.write and writeError take
// text: a JS string of Unicode characters. Python 3 writes text. Python 2 writes bytes (a
// `str` is bytes; the runtime holds one as a JS string with one char per byte, U+0000-U+00FF):
// they are decoded here as UTF-8, and each byte that is not part of a valid UTF-8 sequence
// becomes a lone surrogate U+DC80-U+DCFF (Python's 'surrogateescape'). Nothing is lost:
//   - a host that encodes the text as UTF-8 (Node's default) writes exactly CPython 2's bytes
//     whenever they are valid UTF-8 (a script in UTF-8 printing its literals);
//   - a host that must be byte-exact for any output encodes with encodeOutput(), which turns
//     each escape back into its byte.
// Each write is decoded on its own: a multi-byte character split across two writes (one
// byte per sys.stdout.write call) arrives as two escapes, which encodeOutput() still turns
// back into the right bytes.

const ASCII_ONLY = /^[\x00-\x7f]*$/;

/** The text of a Python 2 byte string (one char per byte) for the host, as described above. */
export function bytesToText(bytes: string): string {
  if (ASCII_ONLY.test(bytes)) return bytes;
  let out = '';
  let i = 0;
  const n = bytes.length;
  const at = (k: number) => (k < n ? bytes.charCodeAt(k) : -1);
  const cont = (c: number) => c >= 0x80 && c <= 0xbf;
  while (i < n) {
    const b = bytes.charCodeAt(i);
    if (b < 0x80) {
      let j = i + 1;
      while (j < n && bytes.charCodeAt(j) < 0x80) j++;
      out += bytes.slice(i, j);
      i = j;
      continue;
    }
    if (b > 0xff) {
      // Not a byte: text that reached a byte stream (a unicode object written by a path that
      // kept no type). Passed on as the character it is.
      out += bytes[i];
      i++;
      continue;
    }
    const b1 = at(i + 1);
    const b2 = at(i + 2);
    const b3 = at(i + 3);
    let cp = -1;
    let len = 1;
    if (b >= 0xc2 && b <= 0xdf && cont(b1)) {
      cp = ((b & 0x1f) << 6) | (b1 & 0x3f);
      len = 2;
    } else if (b >= 0xe0 && b <= 0xef && cont(b1) && cont(b2) && !(b === 0xe0 && b1 < 0xa0) && !(b === 0xed && b1 > 0x9f)) {
      cp = ((b & 0x0f) << 12) | ((b1 & 0x3f) << 6) | (b2 & 0x3f);
      len = 3;
    } else if (b >= 0xf0 && b <= 0xf4 && cont(b1) && cont(b2) && cont(b3) && !(b === 0xf0 && b1 < 0x90) && !(b === 0xf4 && b1 > 0x8f)) {
      cp = ((b & 0x07) << 18) | ((b1 & 0x3f) << 12) | ((b2 & 0x3f) << 6) | (b3 & 0x3f);
      len = 4;
    }
    out += cp < 0 ? String.fromCharCode(0xdc00 | b) : String.fromCodePoint(cp);
    i += len;
  }
  return out;
}

/**
 * The bytes of device output text: UTF-8, except that each lone surrogate U+DC80-U+DCFF is
 * the byte it escapes (see above). Any other lone surrogate becomes U+FFFD's bytes.
 */
export function encodeOutput(text: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      out.push(c);
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        i++;
        out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 0x3f), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
        continue;
      }
      if (c >= 0xdc80 && c <= 0xdcff) {
        out.push(c & 0xff);
        continue;
      }
      c = 0xfffd;
    }
    if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
    else out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
  }
  return Uint8Array.from(out);
}

// The serial console's line discipline: bytes in, complete lines and echo out. Lines end
// with CR, LF or CRLF; backspace and DEL erase; Ctrl-C cancels the line; telnet commands
// (IAC …) are skipped; the escape sequences of arrow and function keys are ignored; other
// control bytes and non-ASCII garbage are dropped; a line longer than the limit is discarded
// whole and reported when it ends. Each layer keeps its state between calls, so the result
// does not depend on how the input is split into chunks.

export const MAX_LINE = 1024;

export type LineEvent = { kind: 'line'; text: string } | { kind: 'cancel' } | { kind: 'eof' } | { kind: 'too-long'; length: number };
/** What to send back, in order: echo of typed characters interleaved with completed lines. */
export type LineOutput = LineEvent | { kind: 'echo'; text: string };

const CR = 0x0d;
const LF = 0x0a;
const BS = 0x08;
const DEL = 0x7f;
const ETX = 0x03; // Ctrl-C
const EOT = 0x04; // Ctrl-D
const ESC = 0x1b;

// Telnet (RFC 854): IAC starts a command only when a command byte (0xF0-0xFF) follows.
const IAC = 0xff;
const SE = 0xf0; // end of a subnegotiation
const SB = 0xfa; // start of a subnegotiation (IAC SB … IAC SE)
const WILL = 0xfb; // WILL, WONT, DO, DONT (0xFB-0xFE) take one option byte
const DONT = 0xfe;
const TELNET_COMMAND = 0xf0;

const enum Telnet {
  Data,
  /** After an IAC in data. */
  Iac,
  /** After IAC WILL/WONT/DO/DONT: the option byte comes. */
  Option,
  /** Inside IAC SB …. */
  Sub,
  /** After an IAC inside a subnegotiation. */
  SubIac,
}

// ANSI/ECMA-48 escape sequences (what arrow, function and editing keys send):
// ESC [ params intermediates final (CSI), ESC O final (SS3), ESC intermediates final.
const enum Escape {
  None,
  /** After ESC. */
  Esc,
  /** After ESC followed by intermediate bytes (0x20-0x2F), e.g. ESC ( B. */
  EscIntermediate,
  /** After ESC [, before any other byte (the Linux console's F1-F5 are ESC [ [ A-E). */
  CsiStart,
  /** Inside ESC [ …: parameter and intermediate bytes until a final byte (0x40-0x7E). */
  Csi,
  /** After ESC [ [: one more byte ends it. */
  CsiLinux,
  /** After ESC O: parameter bytes, then a final byte. */
  Ss3,
}

export class LineDiscipline {
  echo = true;
  private buf: number[] = [];
  private overflow = 0;
  private lastWasCR = false;
  private telnet = Telnet.Data;
  private escape = Escape.None;

  /** Feeds bytes; returns the echo and the completed lines, in the order they happened. */
  feed(bytes: Uint8Array): { events: LineEvent[]; echo: string; items: LineOutput[] } {
    const events: LineEvent[] = [];
    const items: LineOutput[] = [];
    let echo = '';
    let pending = '';
    const flushEcho = () => {
      if (pending) items.push({ kind: 'echo', text: pending });
      pending = '';
    };
    const push = (e: LineEvent) => {
      flushEcho();
      events.push(e);
      items.push(e);
    };
    const echoText = (t: string) => {
      if (!this.echo) return;
      echo += t;
      pending += t;
    };
    /** One byte of the data stream (telnet commands already taken out). */
    const data = (b: number) => {
      if (this.escape !== Escape.None && this.escapeByte(b)) return;
      if (b === ESC) {
        this.escape = Escape.Esc;
        this.lastWasCR = false;
        return;
      }
      if (b === LF && this.lastWasCR) {
        this.lastWasCR = false;
        return;
      }
      this.lastWasCR = b === CR;
      if (b === CR || b === LF) {
        echoText('\r\n');
        if (this.overflow > 0) push({ kind: 'too-long', length: this.overflow });
        else push({ kind: 'line', text: String.fromCharCode(...this.buf) });
        this.buf = [];
        this.overflow = 0;
        return;
      }
      if (b === BS || b === DEL) {
        if (this.overflow > 0) this.overflow--;
        else if (this.buf.length > 0) {
          this.buf.pop();
          echoText('\b \b');
        }
        return;
      }
      if (b === ETX) {
        this.buf = [];
        this.overflow = 0;
        echoText('^C\r\n');
        push({ kind: 'cancel' });
        return;
      }
      if (b === EOT) {
        if (this.buf.length === 0 && this.overflow === 0) push({ kind: 'eof' });
        return;
      }
      if (b < 0x20 && b !== 0x09) return; // other control bytes
      if (b > 0x7e) return; // not ASCII: dropped, the console is 7-bit
      if (this.overflow > 0 || this.buf.length >= MAX_LINE) {
        if (this.overflow === 0) this.overflow = this.buf.length;
        this.overflow++;
        this.buf = [];
        return;
      }
      this.buf.push(b);
      echoText(String.fromCharCode(b));
    };
    for (const b of bytes) {
      const d = this.telnetByte(b);
      if (d >= 0) data(d);
      // A lone IAC before a byte that is no telnet command: the IAC is dropped, the byte kept.
      if (d === LONE_IAC) data(b);
    }
    flushEcho();
    return { events, echo, items };
  }

  /**
   * The telnet layer: returns the data byte `b` stands for, NONE when it is part of a telnet
   * command, or LONE_IAC when the IAC before it was no command (then `b` is data itself).
   */
  private telnetByte(b: number): number {
    switch (this.telnet) {
      case Telnet.Data:
        if (b === IAC) {
          this.telnet = Telnet.Iac;
          return NONE;
        }
        return b;
      case Telnet.Iac:
        this.telnet = Telnet.Data;
        if (b === IAC) return IAC; // IAC IAC: a literal 0xFF data byte
        if (b >= WILL && b <= DONT) this.telnet = Telnet.Option;
        else if (b === SB) this.telnet = Telnet.Sub;
        else if (b < TELNET_COMMAND) return LONE_IAC;
        return NONE; // a two-byte command (NOP, GA, …), or the start of a longer one
      case Telnet.Option:
        this.telnet = Telnet.Data;
        return NONE;
      case Telnet.Sub:
        if (b === IAC) this.telnet = Telnet.SubIac;
        return NONE;
      case Telnet.SubIac:
        this.telnet = b === SE ? Telnet.Data : Telnet.Sub; // IAC IAC inside is subnegotiation data
        return NONE;
    }
  }

  /**
   * The escape-sequence layer: whether `b` belongs to the sequence in progress (and is
   * ignored). A control or non-ASCII byte abandons the sequence and is handled as usual, so
   * that Escape followed by Enter still ends the line.
   */
  private escapeByte(b: number): boolean {
    if (b < 0x20 || b > 0x7e) {
      this.escape = Escape.None;
      return false;
    }
    switch (this.escape) {
      case Escape.Esc:
        if (b === 0x5b) this.escape = Escape.CsiStart; // [
        else if (b === 0x4f) this.escape = Escape.Ss3; // O
        else if (b < 0x30) this.escape = Escape.EscIntermediate;
        else this.escape = Escape.None; // ESC + one byte (Alt-key, ESC c, …)
        return true;
      case Escape.EscIntermediate:
        if (b >= 0x30) this.escape = Escape.None;
        return true;
      case Escape.CsiStart:
        if (b === 0x5b) {
          this.escape = Escape.CsiLinux;
          return true;
        }
        this.escape = Escape.Csi;
        return this.escapeByte(b);
      case Escape.Csi:
      case Escape.Ss3:
        if (b >= 0x40) this.escape = Escape.None; // the final byte
        return true;
      case Escape.CsiLinux:
        this.escape = Escape.None;
        return true;
      case Escape.None:
        return false;
    }
  }
}

/** telnetByte: the byte was part of a telnet command. */
const NONE = -1;
/** telnetByte: an IAC followed by a byte that is no telnet command; the byte is data. */
const LONE_IAC = -2;

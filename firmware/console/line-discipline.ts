// The serial console's line discipline: bytes in, complete lines and echo out. Lines end
// with CR, LF or CRLF; backspace and DEL erase; Ctrl-C cancels the line; telnet IAC
// negotiation is skipped; other control bytes and non-ASCII garbage are dropped; a line
// longer than the limit is discarded whole and reported when it ends. The result does
// not depend on how the input is split into chunks.

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
const IAC = 0xff;
const SB = 250;
const SE = 240;

export class LineDiscipline {
  echo = true;
  private buf: number[] = [];
  private overflow = 0;
  private lastWasCR = false;
  /** Telnet state: 0 none, 1 after IAC, 2 after IAC WILL/WONT/DO/DONT, 3 in a subnegotiation, 4 IAC inside it. */
  private telnet = 0;

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
    for (const b of bytes) {
      if (this.telnet !== 0) {
        this.telnetByte(b);
        continue;
      }
      if (b === IAC) {
        this.telnet = 1;
        continue;
      }
      if (b === LF && this.lastWasCR) {
        this.lastWasCR = false;
        continue;
      }
      this.lastWasCR = b === CR;
      if (b === CR || b === LF) {
        if (this.echo) {
          echo += '\r\n';
          pending += '\r\n';
        }
        if (this.overflow > 0) push({ kind: 'too-long', length: this.overflow });
        else push({ kind: 'line', text: String.fromCharCode(...this.buf) });
        this.buf = [];
        this.overflow = 0;
        continue;
      }
      if (b === BS || b === DEL) {
        if (this.overflow > 0) this.overflow--;
        else if (this.buf.length > 0) {
          this.buf.pop();
          if (this.echo) {
            echo += '\b \b';
            pending += '\b \b';
          }
        }
        continue;
      }
      if (b === ETX) {
        this.buf = [];
        this.overflow = 0;
        if (this.echo) {
          echo += '^C\r\n';
          pending += '^C\r\n';
        }
        push({ kind: 'cancel' });
        continue;
      }
      if (b === EOT) {
        if (this.buf.length === 0 && this.overflow === 0) push({ kind: 'eof' });
        continue;
      }
      if (b < 0x20 && b !== 0x09) continue; // other control bytes
      if (b > 0x7e) continue; // not ASCII: dropped, the console is 7-bit
      if (this.overflow > 0 || this.buf.length >= MAX_LINE) {
        if (this.overflow === 0) this.overflow = this.buf.length;
        this.overflow++;
        this.buf = [];
        continue;
      }
      this.buf.push(b);
      if (this.echo) {
        echo += String.fromCharCode(b);
        pending += String.fromCharCode(b);
      }
    }
    flushEcho();
    return { events, echo, items };
  }

  private telnetByte(b: number): void {
    switch (this.telnet) {
      case 1:
        if (b >= 251 && b <= 254) this.telnet = 2;
        else if (b === SB) this.telnet = 3;
        else this.telnet = 0; // IAC IAC (a literal 255, dropped as non-ASCII) or a 2-byte command
        break;
      case 2:
        this.telnet = 0;
        break;
      case 3:
        if (b === IAC) this.telnet = 4;
        break;
      case 4:
        this.telnet = b === SE ? 0 : 3;
        break;
    }
  }
}

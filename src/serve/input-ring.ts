// Console input from the host's transports to the device's worker thread. The device
// blocks (Atomics.wait) while it paces virtual time, so input cannot arrive as messages:
// it goes through a ring buffer in shared memory, and a notify wakes the device. The
// host also marks the end of input there (stdin's EOF), after the last byte.

const HEAD = 0; // next byte the reader takes
const TAIL = 1; // next byte the writer puts
const SIGNAL = 2; // bumped on every write (what the reader waits on)
const CLOSED = 3; // 1 once the writer has put its last byte
const CONTROL_BYTES = 16;

export class InputRing {
  readonly shared: SharedArrayBuffer;
  private readonly ctl: Int32Array;
  private readonly data: Uint8Array;

  constructor(shared: SharedArrayBuffer | number = 1 << 16) {
    this.shared = typeof shared === 'number' ? new SharedArrayBuffer(CONTROL_BYTES + shared) : shared;
    this.ctl = new Int32Array(this.shared, 0, CONTROL_BYTES / 4);
    this.data = new Uint8Array(this.shared, CONTROL_BYTES);
  }

  /** Writes bytes (the host side); bytes that do not fit are dropped and counted. */
  write(bytes: Uint8Array): number {
    const n = this.data.length;
    let tail = Atomics.load(this.ctl, TAIL);
    const head = Atomics.load(this.ctl, HEAD);
    let written = 0;
    for (const b of bytes) {
      const next = (tail + 1) % n;
      if (next === head) break;
      this.data[tail] = b;
      tail = next;
      written++;
    }
    Atomics.store(this.ctl, TAIL, tail);
    Atomics.add(this.ctl, SIGNAL, 1);
    Atomics.notify(this.ctl, SIGNAL);
    return bytes.length - written;
  }

  /** Takes every byte available (the device side). */
  read(): Uint8Array {
    const head = Atomics.load(this.ctl, HEAD);
    const tail = Atomics.load(this.ctl, TAIL);
    if (head === tail) return new Uint8Array(0);
    const out = head < tail ? this.data.slice(head, tail) : new Uint8Array([...this.data.subarray(head), ...this.data.subarray(0, tail)]);
    Atomics.store(this.ctl, HEAD, tail);
    return out;
  }

  /** Marks the end of input (the host side): no byte is written after this. */
  close(): void {
    Atomics.store(this.ctl, CLOSED, 1);
    Atomics.add(this.ctl, SIGNAL, 1);
    Atomics.notify(this.ctl, SIGNAL);
  }

  /** Whether input has ended and every byte of it has been read (the device side). */
  drained(): boolean {
    // CLOSED is stored after the last write, so once it reads 1, TAIL is final.
    return Atomics.load(this.ctl, CLOSED) === 1 && Atomics.load(this.ctl, HEAD) === Atomics.load(this.ctl, TAIL);
  }

  /** Waits up to `ms` for a write (the device side); returns at once when input has ended. */
  wait(ms: number): void {
    const seen = Atomics.load(this.ctl, SIGNAL);
    if (Atomics.load(this.ctl, CLOSED) === 1) return;
    if (Atomics.load(this.ctl, HEAD) !== Atomics.load(this.ctl, TAIL)) return;
    Atomics.wait(this.ctl, SIGNAL, seen, Math.max(0, ms));
  }
}

/** A transport's readable side, as far as back-pressure needs it. */
export interface Pausable {
  pause(): unknown;
  resume(): unknown;
}

/** A transport's 'data' handler into the ring; `end()` marks the end of input once every byte is in. */
export interface RingFeeder {
  (chunk: Uint8Array): void;
  end(): void;
}

/**
 * Console input from a transport into the device's ring. When the ring is full (the device is
 * busy, or fast-forwarding, and a rig sends faster than it reads), the transport is paused
 * until the rest fits: bytes are never dropped on the way in. Returns the 'data' handler;
 * its `end()` closes the ring after the last pending byte (stdin's EOF).
 */
export function feedRing(ring: InputRing, source: Pausable, retryMs = 5): RingFeeder {
  const pending: Uint8Array[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  let ended = false;
  const drain = () => {
    timer = null;
    while (pending.length > 0) {
      const chunk = pending[0]!;
      const dropped = ring.write(chunk);
      if (dropped === 0) pending.shift();
      else {
        pending[0] = chunk.subarray(chunk.length - dropped);
        timer = setTimeout(drain, retryMs);
        return;
      }
    }
    if (ended) ring.close();
    else source.resume();
  };
  const feed = (chunk: Uint8Array) => {
    pending.push(new Uint8Array(chunk));
    if (timer === null && pending.length === 1) drain();
    if (pending.length > 0) source.pause();
  };
  return Object.assign(feed, {
    end: () => {
      ended = true;
      if (pending.length === 0) ring.close();
    },
  });
}

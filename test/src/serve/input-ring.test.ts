// Proves console input's back-pressure: a transport sending faster than the device reads is
// paused while the ring is full and resumed when it drains, and every byte arrives, in order.
import { describe, expect, it } from 'vitest';
import { feedRing, InputRing } from '../../../src/serve/input-ring.js';

describe('console input into the device ring', () => {
  it('pauses the transport instead of dropping bytes, and resumes it when the ring drains', async () => {
    const ring = new InputRing(16);
    const log: string[] = [];
    const source = { paused: false, pause() { this.paused = true; log.push('pause'); }, resume() { if (this.paused) log.push('resume'); this.paused = false; } };
    const feed = feedRing(ring, source, 1);
    const sent = Uint8Array.from({ length: 100 }, (_, i) => i);
    feed(sent.subarray(0, 60));
    expect(source.paused).toBe(true);
    feed(sent.subarray(60)); // a chunk already on its way when the transport was paused
    const got: number[] = [];
    while (got.length < 100) {
      got.push(...ring.read()); // the device reads at its own pace
      await new Promise((r) => setTimeout(r, 2));
    }
    await new Promise((r) => setTimeout(r, 5));
    expect(got).toEqual([...sent]);
    expect(source.paused).toBe(false);
    expect(log[0]).toBe('pause');
    expect(log.at(-1)).toBe('resume');
  });

  it('marks the end of input only after the last pending byte is in the ring', async () => {
    const ring = new InputRing(16);
    const source = { pause: () => undefined, resume: () => undefined };
    const feed = feedRing(ring, source, 1);
    const sent = Uint8Array.from({ length: 40 }, (_, i) => i);
    feed(sent);
    feed.end(); // stdin's EOF while 25 bytes still wait for room
    const got: number[] = [];
    expect(ring.drained()).toBe(false);
    while (!ring.drained()) {
      got.push(...ring.read());
      await new Promise((r) => setTimeout(r, 2));
    }
    expect(got).toEqual([...sent]);
    const t0 = Date.now();
    ring.wait(5000); // the device never waits for input that cannot come
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  it('passes input straight through while there is room', () => {
    const ring = new InputRing(64);
    const source = { pause: () => { throw new Error('paused without need'); }, resume: () => undefined };
    feedRing(ring, source)(new TextEncoder().encode('gc count\r\n'));
    expect(new TextDecoder().decode(ring.read())).toBe('gc count\r\n');
  });
});

// Proves the seed article's claims through the memory manager on the device profiles:
// make_cycle() gives "collected 0" then "collected 10"; a few large objects in cycles
// exhaust the pool with zero automatic collections (counts, not bytes, trigger them;
// nothing collects on failure); a manual collection every 10 iterations avoids it.
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { renderDemo, runDemo, runLargeObjects } from '../../src/demo/collector-demo.js';
import { loadProfile } from '../../src/profiles/profiles.js';

describe('the seed demo', () => {
  it.each(['connectport-x2', 'connectport-x4', 'connectport-x8', 'xbee-gateway', 'host-cpython-2.7', 'host-cpython-3.13'])('make_cycle on %s: 0 then 10', (id) => {
    const r = runDemo(loadProfile(id));
    expect(r.makeCycle).toEqual({ before: 0, after: 10 });
  });

  it.each(['connectport-x2', 'connectport-x4', 'connectport-x8'])('%s: large objects exhaust the pool and automatic GC never ran', (id) => {
    const profile = loadProfile(id);
    const auto = runLargeObjects(profile, {}, null);
    expect(auto.memoryErrorAt).not.toBeNull();
    expect(auto.automaticCollections).toBe(0);
    expect(auto.gcCountAtEnd[0]).toBeLessThan(700);
    // The pool really was full: the failure came within one buffer of the pool's size.
    expect(auto.peakUsedBytes).toBeGreaterThan(profile.poolBytes - 2 * 65536);
    const manual = runLargeObjects(profile, {}, 10);
    expect(manual.memoryErrorAt).toBeNull();
    expect(manual.collectedByManual).toBe(2 * 1000);
    expect(manual.peakUsedBytes).toBeLessThan(profile.poolBytes / 1.5);
  });

  it('collectOnAllocFailure (MicroPython\'s behaviour) survives where CPython fails', () => {
    const profile = { ...loadProfile('connectport-x4'), collectOnAllocFailure: true };
    const run = runLargeObjects(profile, {}, null);
    expect(run.memoryErrorAt).toBeNull();
  });

  it('renders the article\'s lines', () => {
    const text = renderDemo(runDemo(loadProfile('connectport-x4')));
    expect(text).toContain('Garbage collection thresholds: (700, 10, 10)');
    expect(text).toContain('Garbage collector: collected 0 objects.\n   Creating cycles...\n   Garbage collector: collected 10 objects.');
    expect(text).toMatch(/automatic collection only: MemoryError at message \d+ with 0 automatic collections/);
    expect(text).toMatch(/gc.collect\(\) every 10 messages: 1000 messages, no MemoryError/);
  });
});

describe('memsim CLI', () => {
  const run = (...args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = main(args, (s) => out.push(s), (s) => err.push(s));
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  it('demo runs on the default profile', () => {
    const r = run('demo');
    expect(r.code).toBe(0);
    expect(r.out).toContain('connectport-x4');
  });

  it('profiles lists every profile', () => {
    const r = run('profiles');
    expect(r.code).toBe(0);
    for (const id of ['connectport-x2', 'connectport-x4', 'connectport-x8', 'connectport-x2e', 'xbee-gateway', 'transport-wr44', 'host-cpython-2.7', 'host-cpython-3.11', 'host-cpython-3.12', 'host-cpython-3.13']) {
      expect(r.out).toContain(id);
    }
  });

  it.each([
    [['demo', '--profile', 'nope'], /unknown profile "nope" \(expected one of: connectport-x2,/],
    [['demo', '--profile'], /--profile needs a value/],
    [['demo', 'extra'], /unexpected argument: extra/],
    [['frobnicate'], /unknown command "frobnicate"/],
  ])('bad input %j exits 2 with a clear message', (args, message) => {
    const r = run(...args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });
});

// Proves that the auto-start apps run side by side, as on the device: an app that loops
// forever with time.sleep (every gateway app) no longer keeps the next from starting; each
// sleeps in its own task while the others, the script's timers and the scenario's events
// run; one app's crash, restart or reboot affects the others as the device's would; and a
// sleep the suspending form cannot reach (inside a builtin calling back into Python) still
// sleeps, blocking meanwhile as before.
import { describe, expect, it } from 'vitest';
import { Device } from '../../../firmware/device/device.js';
import { assertHeapInvariants } from '../../../firmware/memory/index.js';
import { app, deviceConfig } from '../../support/device-config.js';

function run(apps: ReturnType<typeof app>[], durationS: number) {
  let out = '';
  const c = deviceConfig(apps, durationS);
  c.onOutput = (t) => (out += t);
  const report = new Device(c).run();
  return { report, lines: out.split('\n').filter((l) => l !== '') };
}

const loop = (name: string, periodS: number) => `import time\nn = 0\nwhile True:\n    n += 1\n    print "${name} %d %d" % (n, int(time.time()) % 1000)\n    time.sleep(${periodS})\n`;

describe('apps that loop with time.sleep run side by side', () => {
  it('two loops at the module level interleave by virtual time', () => {
    const { lines, report } = run([app('a.py', loop('a', 10)), app('b.py', loop('b', 15))], 40);
    // The boot epoch's seconds end in ...000 (2009-01-01): the printed time is the virtual second.
    expect(lines).toEqual(['a 1 0', 'b 1 0', 'a 2 10', 'b 2 15', 'a 3 20', 'a 4 30', 'b 3 30']);
    expect(report.crashes).toEqual([]);
    expect(report.bootMs).toBeLessThan(50); // start-up ends once every app has started (and slept)
  });

  it('sleeps inside functions, methods, try/finally, with and for loops suspend too', () => {
    const b = [
      'import time',
      'class Ctx(object):',
      '    def __enter__(self):',
      '        return self',
      '    def __exit__(self, t, v, tb):',
      '        print "exit"',
      'class Poller(object):',
      '    def wait(self, s):',
      '        for i in range(2):',
      '            time.sleep(s / 2.0)',
      '        return s',
      'def main():',
      '    p = Poller()',
      '    try:',
      '        with Ctx():',
      '            r = p.wait(10)',
      '            print "waited", r',
      '    finally:',
      '        print "done at", int(time.time()) % 1000',
      'main()',
    ].join('\n');
    const { lines } = run([app('b.py', b), app('a.py', loop('a', 3))], 11);
    expect(lines).toEqual(['a 1 0', 'a 2 3', 'a 3 6', 'a 4 9', 'waited 10', 'exit', 'done at 10']);
  });

  it("one app's crash does not stop the other; its restart comes back beside it", () => {
    const bad = 'import time\ntime.sleep(5)\nraise ValueError("boom")\n';
    const { lines, report } = run([app('bad.py', bad, 'restart'), app('a.py', loop('a', 4))], 14);
    expect(report.crashes.map((c) => [Math.round(c.atS), c.kind, c.app])).toEqual([[5, 'ValueError', 'bad.py'], [11, 'ValueError', 'bad.py']]);
    expect(lines.filter((l) => l.startsWith('a '))).toEqual(['a 1 0', 'a 2 4', 'a 3 8', 'a 4 12']);
    expect(report.boots).toBe(1);
  });

  it('an app ending with onexit=reboot reboots the device: the sleeping apps start again with it', () => {
    const quit = 'import time\ntime.sleep(7)\n';
    const { lines, report } = run([app('a.py', loop('a', 5)), app('q.py', quit, 'reboot')], 12);
    expect(report.boots).toBe(2);
    expect(lines).toEqual(['a 1 0', 'a 2 5', 'a 1 7']);
  });

  it("the script's timers and the apps' loops share the clock", () => {
    const timer = 'import device\ndef tick():\n    print "tick"\ndevice.every(6, tick)\n';
    const { lines } = run([app('t.py', timer), app('a.py', loop('a', 4))], 13);
    expect(lines).toEqual(['a 1 0', 'a 2 4', 'tick', 'a 3 8', 'tick', 'a 4 12']);
  });

  it('a sleep inside a callback of a builtin still sleeps (blocking meanwhile)', () => {
    const b = 'import time\ndef key(x):\n    time.sleep(5)\n    return -x\nprint sorted([1, 2], key=key), int(time.time()) % 1000\n';
    const { lines, report } = run([app('a.py', loop('a', 3)), app('b.py', b)], 12);
    expect(report.crashes).toEqual([]);
    // b blocks 2 x 5 s inside sorted(); a's task runs meanwhile, as do the device's events.
    expect(lines).toEqual(['a 1 0', 'a 2 3', 'a 3 6', 'a 4 9', '[2, 1] 10']);
  });

  it("a handler's crash while an app blocks in its sleep leaves that app's values alone", () => {
    const timer = 'import device\ndef tick():\n    raise ValueError("tick failed")\ndevice.every(3, tick)\n';
    // [10, 20] is a temporary on b's value stack while it sleeps (the left operand of +).
    const b = 'import time\ndef key(x):\n    time.sleep(5)\n    return -x\ndef slow():\n    return sorted([1, 2], key=key)\nprint [10, 20] + slow(), int(time.time()) % 1000\n';
    const c = deviceConfig([app('t.py', timer), app('b.py', b)], 12);
    const device = new Device(c);
    const report = device.run();
    assertHeapInvariants(device.consoleSource().memory());
    expect(report.stdout).toBe('[10, 20, 2, 1] 10\n');
    expect(report.crashes.map((c) => [Math.round(c.atS), c.kind])).toEqual([[3, 'ValueError']]);
    expect(report.stderr).not.toMatch(/internal error/);
  });

  it('the same scenario gives the same run', () => {
    const apps = [app('a.py', loop('a', 0.25)), app('b.py', loop('b', 0.4))];
    const one = run(apps, 60);
    const two = run(apps, 60);
    expect(two.lines).toEqual(one.lines);
    expect(JSON.stringify(two.report)).toBe(JSON.stringify(one.report));
    expect(one.lines.length).toBe(240 + 150);
  });
});

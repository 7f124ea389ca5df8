// Proves the device modules of device Python: device.every timers run while the script
// sleeps, device.on handlers receive emitted events, critical sections are recorded, and
// an unstroked digiwdog watchdog resets the device at its deadline.
import { describe, expect, it } from 'vitest';
import { loadProfile } from '../../../src/profiles/profiles.js';
import { runScript } from '../../../src/run/run-script.js';

const run = (source: string) => runScript({ profile: loadProfile('connectport-x2e'), source, file: 'app.py' });

describe('device modules', () => {
  it('every() timers run at their virtual times during sleeps', () => {
    const r = run('import device, time\nt = []\ndef tick():\n    t.append(time.time() - 1230768000)\ndevice.every(10, tick)\ntime.sleep(35)\nprint(t)\n');
    expect(r.outcome).toBe('ok');
    expect(r.stdout).toEqual(['[10.0, 20.0, 30.0]']);
  });

  it('on() handlers get emitted events, with the event name when they take an argument', () => {
    const r = run("import device\nseen = []\ndef h(name):\n    seen.append(name)\ndef g():\n    seen.append('g')\ndevice.on('disconnect', h)\ndevice.on('idle', g)\ndevice.emit('disconnect')\ndevice.idle()\nprint(seen)\n");
    expect(r.stdout).toEqual(["['disconnect', 'g']"]);
  });

  it('critical sections are recorded as a context and as a call pair', () => {
    const r = run("import device\nwith device.critical('adjust', 50):\n    x = 1\ndevice.critical('report', 10)\ndevice.critical_end()\n");
    expect(r.critical.map((c) => [c.name, c.deadlineMs, c.missed])).toEqual([['adjust', 50, false], ['report', 10, false]]);
  });

  it('a stroked watchdog keeps the device up; an unstroked one resets it at its deadline', () => {
    const ok = run('import digiwdog, time\nwd = digiwdog.Watchdog(30, "loop")\nfor i in range(10):\n    time.sleep(20)\n    wd.stroke()\nprint("up")\n');
    expect(ok.outcome).toBe('ok');
    const reset = run('import digiwdog, time\nwd = digiwdog.Watchdog(30, "loop stuck")\ntime.sleep(5)\nwd.stroke()\ntime.sleep(100)\n');
    expect(reset.outcome).toBe('crash');
    expect(reset.crashes[0]).toMatchObject({ kind: 'watchdog', atS: 35 });
    expect(reset.crashes[0]!.message).toMatch(/loop stuck/);
  });

  it('digicli answers with (ok, lines) in the serial console\'s language', () => {
    const r = run("import digicli\nok, lines = digicli.digicli('nosuch command')\nprint(ok, len(lines))\nl = {}\nl[0] = l\nl = None\nprint(digicli.digicli('gc collect'))\nprint(digicli.digicli('gc threshold'))\n");
    expect(r.stdout).toEqual(['(False, 1)', "(True, ['Garbage collector: collected 1 objects.'])", "(True, ['(700, 10, 10)'])"]);
  });

  it('mem_free() is the pool\'s free bytes', () => {
    const r = run('import device\nprint(device.mem_free() > 20 * 1024 * 1024)\n');
    expect(r.stdout).toEqual(['True']);
  });
});

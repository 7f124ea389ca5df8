// Proves the auto-start entries' exit actions: a script that ends (returns, exits or crashes)
// gets its entry's onexit action; one that returns but left handlers or timers lives on in
// them; restarts of an app that keeps ending quickly back off (1 s doubling to 10 min), so a
// script failing at once for 30 days costs a few restarts an hour and the run stays fast; the
// crash list is bounded and counts the rest; a reboot loop stops at the reboot limit.
import { describe, expect, it } from 'vitest';
import { Device, MAX_CRASH_RECORDS } from '../../../firmware/device/device.js';
import { app, deviceConfig } from '../../support/device-config.js';

describe('onexit', () => {
  it('restart: a script failing at once restarts with a back-off, and 30 days stay fast', () => {
    const started = Date.now();
    const report = new Device(deviceConfig([app('bad.py', 'raise ValueError("boom")\n', 'restart')], 30 * 86400)).run();
    expect(Date.now() - started).toBeLessThan(20_000);
    const times = report.crashes.map((c) => c.atS);
    const gaps = times.slice(1).map((t, i) => Math.round(t - times[i]!));
    expect(gaps.slice(0, 11)).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 600]);
    expect(gaps.slice(11).every((g) => g === 600)).toBe(true);
    expect(report.crashes.length).toBe(Math.min(MAX_CRASH_RECORDS, report.crashes.length));
    expect(report.crashes.length + report.crashesOmitted).toBeGreaterThan(4000); // ~6 an hour for 30 days
    expect(report.crashesOmitted).toBeGreaterThan(0);
    expect(report.boots).toBe(1);
  }, 30_000);

  it('restart: an app that ran a while before failing restarts after 1 s', () => {
    const src = 'import time\ntime.sleep(120)\nraise ValueError("late")\n';
    const report = new Device(deviceConfig([app('late.py', src, 'restart')], 1000)).run();
    const times = report.crashes.map((c) => Math.round(c.atS));
    expect(times.slice(0, 3)).toEqual([120, 241, 362]);
  });

  it('a script that returns leaving nothing behind has exited: restart runs it again', () => {
    let out = '';
    const c = deviceConfig([app('once.py', 'print "run"\n', 'restart')], 10);
    c.onOutput = (t) => (out += t);
    const report = new Device(c).run();
    expect(report.crashes).toEqual([]);
    expect(out).toBe('run\n'.repeat(4)); // at 0, 1, 3 and 7 s
  });

  it('a script that returns leaving a timer lives on in it: no restart', () => {
    let out = '';
    const c = deviceConfig([app('timer.py', 'import device\ndef tick():\n    print "tick"\ndevice.every(4, tick)\nprint "started"\n', 'restart')], 10);
    c.onOutput = (t) => (out += t);
    new Device(c).run();
    expect(out).toBe('started\ntick\ntick\n');
  });

  it('reboot: a script that ends at once reboots the device until the reboot limit', () => {
    const report = new Device(deviceConfig([app('r.py', 'x = 1\n', 'reboot')], 3600)).run();
    expect(report.boots).toBe(11); // the first boot and maxReboots (10) more
    expect(report.crashes).toEqual([]);
  });
});

// Proves two things a console relies on: auto-start entries changed on a running device take
// effect at its next boot (and not before), and busy work (an app computing without sleeping)
// is offered to the host's pacing hook slice by slice, so that the console is served and
// virtual time can be paced while an app is busy.
import { describe, expect, it } from 'vitest';
import { Device } from '../../../firmware/device/device.js';
import { DeviceStop } from '../../../firmware/python/index.js';
import { app, deviceConfig as config } from '../../support/device-config.js';

describe('auto-start entries set on a running device', () => {
  it('take effect at the next boot, in entry order, and entries that are off do not start', () => {
    let out = '';
    const c = config([app('a.py', 'import time\nprint "a"\ntime.sleep(200)\n')], 500);
    c.onOutput = (t) => (out += t);
    let step = 0;
    let device: Device;
    c.onAdvance = (fromS, toS) => {
      if (fromS >= 100 && step === 0) {
        step = 1;
        expect(device.setAutostart(3, { command: { file: 'c.py', source: 'print "c"\n', args: [] } })).toBeNull();
        expect(device.setAutostart(2, { command: { file: 'b.py', source: 'print "b"\n', args: [] }, state: 'off' })).toBeNull();
        expect(device.setAutostart(1, { onexit: 'restart' })).toBeNull();
        expect(device.setAutostart(4, { state: 'on' })).toMatch(/entry 4 is empty/);
        expect(device.setAutostart(5, { state: 'on' })).toMatch(/does not exist/);
        expect(out).toBe('a\n'); // nothing starts before the reboot
        throw new DeviceStop('reset', 'reboot from the console');
      }
      return toS;
    };
    device = new Device(c);
    const report = device.run();
    expect(report.crashes.map((cr) => cr.message)).toEqual(['reboot from the console']);
    expect(report.boots).toBe(2);
    // Boot 2 at 200 s: a, then c when a returns at 400 s, then a again (its new onexit) at 401 s.
    expect(out).toBe('a\na\nc\na\n');
    expect(device.autostart()).toEqual([
      { index: 1, file: 'a.py', args: [], onexit: 'restart', state: 'on' },
      { index: 2, file: 'b.py', args: [], onexit: 'none', state: 'off' },
      { index: 3, file: 'c.py', args: [], onexit: 'none', state: 'on' },
    ]);
    expect(device.clearAutostart(2)).toBeNull();
    expect(device.autostart().map((e) => e.index)).toEqual([1, 3]);
  });
});

describe('an app busy without sleeping', () => {
  it('hands every slice of its work to the pacing hook, which may serve the console and reboot', () => {
    const c = config([app('busy.py', 'x = 0\nwhile True:\n    x = x + 1\n')], 150);
    const slices: [number, number][] = [];
    let device: Device;
    let consoleAnswer = '';
    c.onAdvance = (fromS, toS) => {
      slices.push([fromS, toS]);
      if (slices.length === 20) {
        // A console command at a safe point inside the loop: the heap is consistent.
        consoleAnswer = `${device.consoleSource().memory().pool.stats().usedBytes}`;
        throw new DeviceStop('reset', 'reboot from the console');
      }
      return toS;
    };
    device = new Device(c);
    const report = device.run();
    expect(Number(consoleAnswer)).toBeGreaterThan(0);
    // The slices cover the busy time contiguously, about 0.1 s of virtual work each.
    for (let i = 1; i < 19; i++) expect(slices[i]![0]).toBeCloseTo(slices[i - 1]![1], 9);
    expect(slices[5]![1] - slices[5]![0]).toBeGreaterThan(0.09);
    // After the console's reboot the app is busy again until its watchdog resets the device.
    expect(report.crashes[0]).toMatchObject({ kind: 'reset' });
    expect(report.crashes.slice(1).every((cr) => cr.kind === 'watchdog')).toBe(true);
    expect(report.boots).toBeGreaterThan(2);
  });
});

// Proves scenarios end to end: the seed's claims as shipped scenarios pass their
// expectations, bad files get every problem at once with line:col, runs are
// deterministic, and crashes follow the app's onexit action (none, restart, reboot).
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.js';
import { evaluate, parseExpectation } from '../../../src/scenario/expectations.js';
import { runScenario } from '../../../src/scenario/run-scenario.js';
import { loadScenario, parseScenario, ScenarioError } from '../../../src/scenario/scenario.js';
import { parseDuration, parseRate, parseSizeText } from '../../../src/scenario/units.js';

const SEED = fileURLToPath(new URL('../../../scripts/seed/', import.meta.url));

function tempScenario(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'memsim-scenario-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return join(dir, 'scenario.yaml');
}

const SCRIPTS = fileURLToPath(new URL('../../../scripts/', import.meta.url));
const shipped = readdirSync(SCRIPTS, { recursive: true })
  .map(String)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

describe('shipped scenarios', () => {
  it.each(shipped)('%s passes its expectations', (name) => {
    const s = runScenario(loadScenario(join(SCRIPTS, name)));
    expect(s.expectations.filter((e) => !e.pass)).toEqual([]);
    expect(s.outcome).toBe('ok');
  }, 120_000);

  it('collecting between every start-up step makes boot about 20 times slower', () => {
    const plain = runScenario(loadScenario(join(SEED, 'boot-plain.yaml')));
    const each = runScenario(loadScenario(join(SEED, 'boot-collect-each-step.yaml')));
    const ratio = each.time.bootMs / plain.time.bootMs;
    expect(ratio).toBeGreaterThan(15);
    expect(ratio).toBeLessThan(30);
  });

  it('large objects: MemoryError with zero automatic collections; event-based collection survives', () => {
    const auto = runScenario(loadScenario(join(SEED, 'large-objects.yaml')));
    expect(auto.crashes[0]!.kind).toBe('MemoryError');
    expect(auto.gc.automatic).toBe(0);
    expect(auto.crashes[0]!.topTypes![0]!.type).toBe('str');
    const managed = runScenario(loadScenario(join(SEED, 'large-objects-event-gc.yaml')));
    expect(managed.crashes).toEqual([]);
    expect(managed.gc.manual).toBeGreaterThanOrEqual(300);
  });

  it('is deterministic: the same scenario and seed give byte-identical JSON', () => {
    const file = join(SEED, 'large-objects-event-gc.yaml');
    expect(JSON.stringify(runScenario(loadScenario(file), { seed: 3 }))).toBe(JSON.stringify(runScenario(loadScenario(file), { seed: 3 })));
  });
});

describe('bad scenario files', () => {
  it('reports every problem at once, each with line:col, and runs nothing', () => {
    const file = tempScenario({
      'scenario.yaml': [
        'name: broken',
        'profile: connectport-x4',
        'colour: blue',
        'apps: [missing.py, { path: app.py, onexit: explode }]',
        'duration: 5 fortnights',
        'events:',
        '  - { at: 10s }',
        '  - { every: -1s, event: tick }',
        '  - { poisson: often, event: req }',
        'overrides: { poolBytes: 64GiB }',
        'expect: ["gc.pauseMs.max <", "no banana"]',
        '',
      ].join('\n'),
      'app.py': 'pass\n',
    });
    let problems: string[] = [];
    try {
      loadScenario(file);
    } catch (e) {
      problems = (e as ScenarioError).problems;
    }
    const text = problems.join('\n');
    expect(text).toMatch(/scenario\.yaml:3:1: unknown field "colour"/);
    expect(text).toMatch(/scenario\.yaml:4:\d+: "apps\[0\]": missing\.py does not exist/);
    expect(text).toMatch(/scenario\.yaml:4:\d+: "apps\[1\]\.onexit": expected none, restart or reboot/);
    expect(text).toMatch(/scenario\.yaml:5:\d+: "duration": expected a duration/);
    expect(text).toMatch(/scenario\.yaml:7:\d+: "events\[0\]\.event": expected an event name/);
    expect(text).toMatch(/"events\[1\]\.every": expected a duration|"events\[1\]\.every": expected a positive/);
    expect(text).toMatch(/scenario\.yaml:9:\d+: "events\[2\]\.poisson": expected a rate/);
    expect(text).toMatch(/scenario\.yaml:10:\d+: "overrides\.poolBytes": .*more than the device's RAM/);
    expect(text).toMatch(/scenario\.yaml:11:\d+: "expect\[0\]"/);
    expect(text).toMatch(/scenario\.yaml:11:\d+: "expect\[1\]": "no" must be followed by/);
    expect(problems.length).toBeGreaterThanOrEqual(10);
  });

  it('YAML syntax errors and missing required fields are reported with positions', () => {
    expect(() => parseScenario('name: [unclosed\n', 's.yaml')).toThrow(/s\.yaml:\d+:\d+:/);
    const err = (() => {
      try {
        parseScenario('name: x\n', 's.yaml');
      } catch (e) {
        return (e as ScenarioError).problems.join('\n');
      }
      return '';
    })();
    expect(err).toMatch(/missing "profile"/);
    expect(err).toMatch(/missing "apps"/);
    expect(err).toMatch(/missing "duration"/);
  });

  it('memsim validate and memsim run exit 2 on a bad file, printing every problem', () => {
    const file = tempScenario({ 'scenario.yaml': 'name: x\nprofile: nope\napps: [a.py]\nduration: 1s\n' });
    let err = '';
    const code = main(['validate', file], () => {}, (s) => (err += `${s}\n`));
    expect(code).toBe(2);
    expect(err).toMatch(/unknown profile "nope"/);
    expect(err).toMatch(/a\.py does not exist/);
    expect(main(['run', file], () => {}, () => {})).toBe(2);
  });
});

describe('crashes and onexit', () => {
  const crashing = 'import time\ntime.sleep(5)\nraise ValueError("boom")\n';
  it('onexit=reboot boots the device again with a fresh pool', () => {
    const file = tempScenario({ 'scenario.yaml': 'name: r\nprofile: connectport-x2e\napps: [{ path: app.py, onexit: reboot }]\nduration: 30s\n', 'app.py': crashing });
    const s = runScenario(loadScenario(file));
    // Crashes about every 5 s (each boot takes a few ms); the sixth boot is still sleeping when the run ends.
    expect(s.boots).toBe(6);
    expect(s.crashes.map((c) => Math.round(c.atS))).toEqual([5, 10, 15, 20, 25]);
    expect(s.crashes[1]!.atS).toBeGreaterThan(10); // boots take virtual time
    expect(s.crashes[0]!.traceback).toMatch(/ValueError: boom$/);
  });

  it('onexit=none leaves the app stopped and the device running', () => {
    const file = tempScenario({ 'scenario.yaml': 'name: n\nprofile: connectport-x2e\napps: [app.py]\nduration: 30s\n', 'app.py': crashing });
    const s = runScenario(loadScenario(file));
    expect(s.boots).toBe(1);
    expect(s.crashes).toHaveLength(1);
    expect(s.time.endS).toBe(30);
  });

  it('onexit=restart runs the app again in the same pool', () => {
    const file = tempScenario({ 'scenario.yaml': 'name: n\nprofile: connectport-x2e\napps: [{ path: app.py, onexit: restart }]\nduration: 12s\n', 'app.py': crashing });
    const s = runScenario(loadScenario(file));
    expect(s.boots).toBe(1);
    expect(s.crashes.length).toBe(2);
  });
});

describe('units and expectations', () => {
  it.each([
    ['30d', 2592000], ['1h', 3600], ['10m', 600], ['2.5s', 2.5], ['500ms', 0.5], [45, 45], ['soon', null], ['-1s', null],
  ])('duration %j is %j s', (text, s) => expect(parseDuration(text as string)).toBe(s));
  it('sizes and rates', () => {
    expect(parseSizeText('4MiB')).toBe(4194304);
    expect(parseSizeText('512KiB')).toBe(524288);
    expect(parseSizeText('lots')).toBeNull();
    expect(parseRate('5/min')).toBeCloseTo(5 / 60);
    expect(parseRate('1/h')).toBeCloseTo(1 / 3600);
  });
  it('evaluates over the summary', () => {
    const summary = { gc: { pauseMs: { max: 12 }, collections: [3, 1, 0] }, memory: { peakBytes: 100, poolBytes: 1000 }, crashes: [], stdout: ['a', 'collected 10 objects'] };
    const ok = (e: string) => evaluate(parseExpectation(e), summary);
    expect(ok('gc.pauseMs.max < 50')).toBe(true);
    expect(ok('memory.peakBytes < 0.8 * memory.poolBytes')).toBe(true);
    expect(ok('gc.collections[0] == 3 and gc.collections[2] == 0')).toBe(true);
    expect(ok('no MemoryError')).toBe(true);
    expect(ok('stdout contains "collected 10"')).toBe(true);
    expect(ok('memory.peakBytes > 1KiB')).toBe(false);
    expect(() => ok('gc.nosuch > 1')).toThrow(/no such value/);
    expect(() => parseExpectation('gc.pauseMs.max <')).toThrow();
  });
  it.each([
    ['foo.bar > 1', /foo\.bar: no such value in the run summary/],
    ['memory.peakBytez != 5', /memory\.peakBytez: no such value .*memory has poolBytes, peakBytes/],
    ['gc.collections[7] == 0', /gc\.collections has 3 entries/],
    ['memory.peakBytes < 50ms', /between a size and a duration/],
    ['time.bootMs > 1MiB', /between a duration and a size/],
    ['stdout > 3', /needs numbers/],
    ['memory.peakBytes * memory.poolBytes > 1', /of two quantities/],
  ])('%j is refused when the scenario is loaded', (text, message) => {
    expect(() => parseExpectation(text)).toThrow(message);
  });
  it('duration literals meet values in seconds in seconds, and values in ms in ms', () => {
    const summary = { time: { endS: 5400, bootMs: 1500 } };
    const ok = (e: string) => evaluate(parseExpectation(e), summary);
    expect(ok('time.endS > 1h')).toBe(true);
    expect(ok('time.endS < 2h')).toBe(true);
    expect(ok('time.endS < 1h + 20min')).toBe(false);
    expect(ok('time.bootMs < 2s and time.bootMs > 1000ms')).toBe(true);
    expect(ok('2h > time.endS')).toBe(true);
  });
});

describe('several apps', () => {
  it('event-driven apps interleave: each registers timers and returns, and all of them run', () => {
    const file = tempScenario({
      'scenario.yaml': 'name: t\nprofile: connectport-x4\napps: [a.py, b.py]\nduration: 9min\nexpect: [no crash]\n',
      'a.py': 'import device\nn = [0]\ndef tick():\n    n[0] += 1\n    print("a %d" % n[0])\ndevice.every(120, tick)\n',
      'b.py': 'import device\nn = [0]\ndef tock():\n    n[0] += 1\n    print("b %d" % n[0])\ndevice.every(150, tock)\n',
    });
    const s = runScenario(loadScenario(file));
    expect(s.outcome).toBe('ok');
    // a every 120 s, b every 150 s: 120 a, 150 b, 240 a, 300 b, 360 a, 450 b, 480 a
    expect(s.stdout).toEqual(['a 1', 'b 1', 'a 2', 'b 2', 'a 3', 'b 3', 'a 4']);
  });
});

describe('the summary for people', () => {
  it('shows pauses, boot time, the first crash\'s traceback and what filled the heap', () => {
    let err = '';
    expect(main(['run', join(SEED, 'large-objects.yaml')], () => {}, (t) => (err += `${t}\n`))).toBe(0);
    expect(err).toMatch(/memsim run: ok \(large-objects-automatic-only\) on connectport-x4/);
    expect(err).toMatch(/pauses: none \(no collection ran\)/);
    expect(err).toMatch(/boot: [\d.]+ ms/);
    expect(err).toMatch(/crash at 88\.004 s: MemoryError at large_objects\.py:10 \(onexit none\)/);
    expect(err).toMatch(/first crash:\n {4}Traceback \(most recent call last\):\n {6}File "large_objects\.py", line 19, in on_message/);
    expect(err).toMatch(/largest types: str [\d.]+ MiB/);
    let irrigation = '';
    main(['run', join(SEED, 'irrigation.yaml')], () => {}, (t) => (irrigation += `${t}\n`));
    expect(irrigation).toMatch(/pauses: p50 [\d.]+ ms, p99 [\d.]+ ms, max [\d.]+ ms, total [\d.]+ ms/);
    expect(irrigation).toMatch(/critical sections: 143, 1 missed their deadline/);
  }, 60_000);
});

describe('problems found before anything runs', () => {
  it('an app that does not parse under the profile\'s Python is the scenario\'s problem, at file:line:col', () => {
    const file = tempScenario({
      'scenario.yaml': 'name: t\nprofile: connectport-x4\napps: [syn.py, gen.py, ok.py]\nduration: 1h\n',
      'syn.py': 'x = 1\n)\n',
      'gen.py': 'def g():\n    yield 1\n',
      'ok.py': 'print "fine"\n',
    });
    const problems = (() => {
      try {
        loadScenario(file);
        return [];
      } catch (e) {
        return (e as ScenarioError).problems;
      }
    })();
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/syn\.py:2:1: unmatched '\)' \(under Python 2\.4, profile connectport-x4\)/);
    expect(problems[1]).toMatch(/gen\.py:2:5: .*generators are not supported/);
    let err = '';
    expect(main(['validate', file], () => {}, (t) => (err += t))).toBe(2);
    expect(err).toMatch(/syn\.py:2:1/);
  });

  it('--profile runs a scenario on another device, and its apps are checked under that Python', () => {
    const file = tempScenario({
      'scenario.yaml': 'name: t\nprofile: connectport-x4\napps: [app.py]\nduration: 10s\n',
      'app.py': 'import sys\nprint(sys.version_info[0])\n',
    });
    let out = '';
    expect(main(['run', file, '--json', '--profile', 'host-cpython-3.11'], (t) => (out += t), () => {})).toBe(0);
    const j = JSON.parse(out);
    expect(j.profile).toBe('host-cpython-3.11');
    expect(j.stdout).toEqual(['3']);
    const py2 = tempScenario({ 'scenario.yaml': 'name: t\nprofile: connectport-x4\napps: [app.py]\nduration: 10s\n', 'app.py': 'print "two"\n' });
    let err = '';
    expect(main(['run', py2, '--profile', 'host-cpython-3.11'], () => {}, (t) => (err += t))).toBe(2);
    expect(err).toMatch(/app\.py:1:.*\(under Python 3\.11, profile host-cpython-3\.11\)/);
  });

  it.each([
    ['duration: 99999999999999999999d\n', /"duration": at most 3650d/],
    ['duration: 1h\nseed: 1e400\n', /"seed": expected a non-negative integer, got 1e400/],
    ['duration: 1h\n---\nname: again\n', /a scenario file holds one YAML document/],
  ])('%j is refused clearly', (tail, message) => {
    const file = tempScenario({ 'scenario.yaml': `name: t\nprofile: connectport-x4\napps: [a.py]\n${tail}`, 'a.py': 'x = 1\n' });
    expect(() => loadScenario(file)).toThrow(ScenarioError);
    try {
      loadScenario(file);
    } catch (e) {
      expect((e as ScenarioError).problems.join('\n')).toMatch(message);
    }
  });
});

describe('the published JSON Schema', () => {
  it('names exactly the fields the loader accepts', async () => {
    const { readFileSync } = await import('node:fs');
    const schema = JSON.parse(readFileSync(fileURLToPath(new URL('../../../src/scenario/scenario.schema.json', import.meta.url)), 'utf8'));
    expect(Object.keys(schema.properties).sort()).toEqual(['apps', 'description', 'duration', 'events', 'expect', 'name', 'overrides', 'policy', 'profile', 'seed', 'watchdog']);
    expect(Object.keys(schema.properties.policy.properties).sort()).toEqual(['afterStartup', 'disable', 'every', 'on']);
    expect(schema.required).toEqual(['name', 'profile', 'apps', 'duration']);
  });
});

describe('boot needs, logs and flags', () => {
  it('a low-memory threshold in the profile reboots the device', async () => {
    const { loadProfile } = await import('../../../src/profiles/profiles.js');
    const file = tempScenario({ 'scenario.yaml': 'name: lm\nprofile: connectport-x4\napps: [app.py]\nduration: 1min\n', 'app.py': "import time\nkeep = []\nwhile True:\n    keep.append('x' * 4096)\n    time.sleep(0.01)\n" });
    const scenario = loadScenario(file);
    scenario.profile = { ...loadProfile('connectport-x4'), lowMemoryRebootBytes: 4 * 1048576 };
    const s = runScenario(scenario);
    expect(s.crashes[0]!.kind).toBe('reset');
    expect(s.crashes[0]!.message).toMatch(/low-memory reboot/);
    expect(s.boots).toBeGreaterThan(1);
  });

  it('a pool smaller than the interpreter\'s start-up is an error before anything runs', () => {
    const file = tempScenario({ 'scenario.yaml': 'name: s\nprofile: connectport-x2\noverrides: { poolBytes: 100KiB }\napps: [app.py]\nduration: 1s\n', 'app.py': 'print "hi"\n' });
    let problems: string[] = [];
    try {
      loadScenario(file);
    } catch (e) {
      problems = (e as ScenarioError).problems;
    }
    expect(problems.join('\n')).toMatch(/scenario\.yaml:3:\d+: the device cannot boot: the pool \(102400 bytes\) is too small/);
  });

  it('--log-level must be a pino level', () => {
    let err = '';
    expect(main(['run', join(SEED, 'make-cycle.yaml'), '--log-level', 'chatty'], () => {}, (s) => (err += s))).toBe(2);
    expect(err).toMatch(/--log-level expects one of fatal, error, warn, info, debug, trace, silent/);
  });

  it('reports device events to an observer (boots, crashes, collections) without changing the run', () => {
    const events: string[] = [];
    const file = join(SEED, 'large-objects.yaml');
    const observed = runScenario(loadScenario(file), {}, { onEvent: (e) => events.push(e.kind) });
    const plain = runScenario(loadScenario(file));
    expect(events).toContain('boot');
    expect(events).toContain('crash');
    expect(JSON.stringify(observed)).toBe(JSON.stringify(plain));
  });
});

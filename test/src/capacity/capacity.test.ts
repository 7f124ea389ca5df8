// Proves capacity sweeps: worker threads give exactly the single-threaded results, two
// shards merged give exactly the unsharded report, the recommendation picks a passing
// strategy (or says why nothing fits), the minimum pool is found by bisection, and bad
// sweep arguments are errors before any work starts.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { capacity, checkSweep } from '../../../src/capacity/capacity.js';
import { runCells } from '../../../src/capacity/pool.js';
import { recommend, renderCsv, renderMarkdown, renderTable, summarise } from '../../../src/capacity/report.js';
import { cellsOf, parsePolicy, type SweepSpec } from '../../../src/capacity/sweep.js';
import { main, mergeShards } from '../../../src/cli/main.js';
import { spawnSync } from 'node:child_process';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SCENARIO = join(ROOT, 'scripts/seed/large-objects-event-gc.yaml');

const spec: SweepSpec = {
  scenario: SCENARIO,
  profiles: ['connectport-x2', 'connectport-x4'],
  pools: [null],
  thresholds: [null],
  policies: ['scenario', 'auto'],
  seeds: 2,
  firstSeed: 1,
};

describe('capacity sweeps', () => {
  it('gives the same results on 2 worker threads as on one', async () => {
    const cells = cellsOf(spec);
    expect(cells).toHaveLength(8);
    const one = await runCells(SCENARIO, cells, { jobs: 1 });
    const two = await runCells(SCENARIO, cells, { jobs: 2 });
    expect(JSON.stringify(two)).toBe(JSON.stringify(one));
  }, 60_000);

  it('recommends the strategy that passes, and says why nothing fits where nothing does', async () => {
    const report = await capacity(spec, { jobs: 2 });
    const x4 = report.recommendations.find((r) => r.profile === 'connectport-x4')!;
    expect(x4.choice?.policy).toBe('scenario');
    const x2 = report.recommendations.find((r) => r.profile === 'connectport-x2')!;
    expect(x2.choice).toBeNull();
    expect(x2.reason).toMatch(/^nothing tried fits/);
    const auto = report.configs.find((c) => c.profile === 'connectport-x4' && c.policy === 'auto')!;
    expect(auto.oomProbability).toBe(1);
    expect(renderTable(report)).toMatch(/connectport-x4: policy scenario/);
    expect(renderCsv(report).split('\n')[0]).toMatch(/^profile,pool,thresholds,policy/);
    expect(renderMarkdown(report)).toMatch(/^# Capacity/);
  }, 60_000);

  it('two shards merged give exactly the unsharded report', () => {
    const out = mkdtempSync(join(tmpdir(), 'memsim-shards-'));
    const args = ['capacity', SCENARIO, '--profiles', 'connectport-x2,connectport-x4', '--policies', 'scenario,auto', '--seeds', '2', '--jobs', '1', '--out', out];
    // Shard 0 as a person runs it; shard 1 as a Kubernetes Indexed Job's pod does.
    const r0 = spawnSync(process.execPath, [join(ROOT, 'bin/memsim.js'), ...args, '--shard', '0/2'], { encoding: 'utf8' });
    expect(r0.status, r0.stderr).toBe(0);
    const r1 = spawnSync(process.execPath, [join(ROOT, 'bin/memsim.js'), ...args, '--shards', '2'], { encoding: 'utf8', env: { ...process.env, JOB_COMPLETION_INDEX: '1' } });
    expect(r1.status, r1.stderr).toBe(0);
    const files = readdirSync(out).map((f) => join(out, f));
    expect(files).toHaveLength(2);
    const merged = mergeShards(files);
    const html = spawnSync(process.execPath, [join(ROOT, 'bin/memsim.js'), 'merge', '--format', 'html', ...files], { encoding: 'utf8' });
    expect(html.status, html.stderr).toBe(0);
    expect(html.stdout).toMatch(/^<!doctype html>/);
    expect(html.stdout).toMatch(/connectport-x4 [\d.]+ MiB auto/);
    const bad = spawnSync(process.execPath, [join(ROOT, 'bin/memsim.js'), 'merge', '--format', 'pdf', ...files], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--format expects table, json, csv, md or html, got "pdf"/);
    // Files that are JSON but not shards are refused by name, before any report.
    const shard = JSON.parse(readFileSync(files[0]!, 'utf8'));
    const broken = mkdtempSync(join(tmpdir(), 'memsim-broken-'));
    const variants: [string, unknown, RegExp][] = [
      ['empty.json', {}, /"spec" is missing or incomplete/],
      ['result.json', { ...shard, results: [{}, ...shard.results.slice(1)] }, /results\[0\] is not a run's result/],
      ['short.json', { ...shard, results: shard.results.slice(1) }, /cells but \d+ results/],
    ];
    for (const [name, content, message] of variants) {
      writeFileSync(join(broken, name), JSON.stringify(content));
      const r = spawnSync(process.execPath, [join(ROOT, 'bin/memsim.js'), 'merge', join(broken, name), files[1]!], { encoding: 'utf8' });
      expect(r.status, name).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`${name}: not a shard file`));
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
    }
    const cells = cellsOf(spec);
    return runCells(SCENARIO, cells, { jobs: 1 }).then((results) => {
      const configs = summarise(cells, results);
      expect(JSON.stringify(merged)).toBe(JSON.stringify({ scenario: SCENARIO, cells: 8, configs, recommendations: recommend(configs), minPools: [] }));
    });
  }, 90_000);

  it('finds the minimum pool by bisection, with the profile\'s headroom', async () => {
    const report = await capacity({ ...spec, profiles: ['connectport-x4'], policies: ['scenario'], seeds: 1 }, { jobs: 2, minPool: true });
    const m = report.minPools[0]!;
    expect(m.minPoolBytes).not.toBeNull();
    expect(m.minPoolBytes!).toBeGreaterThan(1 << 20);
    expect(m.minPoolBytes!).toBeLessThan(m.profilePoolBytes);
    expect(m.headroom!).toBeGreaterThan(0);
  }, 120_000);

  it('keeps finished runs on disk and resumes an interrupted sweep without running them again', async () => {
    const out = mkdtempSync(join(tmpdir(), 'memsim-resume-'));
    const first = await capacity(spec, { jobs: 1, outDir: out });
    expect(readdirSync(join(out, 'cells'))).toHaveLength(8);
    // Pretend the sweep was interrupted after five runs: the other three are run again.
    for (const f of ['5.json', '6.json']) rmSync(join(out, 'cells', f));
    // A result file that is JSON but not a result (edited, or another tool's) is run again too.
    writeFileSync(join(out, 'cells', '7.json'), '{}');
    let ran = 0;
    const resumed = await capacity(spec, { jobs: 1, outDir: out, onProgress: () => ran++ });
    expect(ran).toBe(3);
    expect(JSON.stringify(resumed)).toBe(JSON.stringify(first));
    await expect(capacity({ ...spec, seeds: 3 }, { jobs: 1, outDir: out })).rejects.toThrow(/a different sweep/);
  }, 60_000);

  it('rejects bad sweep arguments before any work starts', () => {
    expect(() => checkSweep({ ...spec, profiles: [] })).toThrow(/--profiles: no profile given/);
    expect(() => checkSweep({ ...spec, profiles: ['nope'] })).toThrow(/unknown profile "nope"/);
    expect(() => checkSweep({ ...spec, pools: [64 << 20] })).toThrow(/more than connectport-x2's RAM/);
    expect(() => checkSweep({ ...spec, policies: ['sometimes'] })).toThrow(/unknown policy "sometimes"/);
    expect(() => checkSweep({ ...spec, seeds: 0 })).toThrow(/--seeds/);
    let err = '';
    expect(main(['capacity', SCENARIO, '--shard', '3/2', '--out', '/tmp/x'], () => {}, (s) => (err += s))).toBe(2);
    expect(err).toMatch(/--shard expects I\/N with 0 <= I < N/);
  });

  it('parses strategies', () => {
    const base = { afterStartup: false, everyS: null, on: [], disableAutomatic: false };
    expect(parsePolicy('startup+every:1h+on:disconnect/idle', base)).toEqual({ afterStartup: true, everyS: 3600, on: ['disconnect', 'idle'], disableAutomatic: false });
    expect(parsePolicy('none', base).disableAutomatic).toBe(true);
  });
});

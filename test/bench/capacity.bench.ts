// A 40-cell capacity sweep on 1 and on 2 worker threads: the speed-up (target: at least
// 1.8x on this 2-core machine) and that both give the same results.
import { mkdtempSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { runCells } from '../../src/capacity/pool.js';
import { cellsOf } from '../../src/capacity/sweep.js';

const GATEWAY = fileURLToPath(new URL('../../../scripts/gateway/', import.meta.url));

/** The Dia-like gateway for 2 days: cells of about a second, as real sweeps have. */
function twoDayScenario(): string {
  const dir = mkdtempSync(join(tmpdir(), 'memsim-capbench-'));
  copyFileSync(join(GATEWAY, 'dia_gateway.py'), join(dir, 'dia_gateway.py'));
  const yaml = readFileSync(join(GATEWAY, 'dia-gateway-30d.yaml'), 'utf8').replace(/^duration: .*$/m, 'duration: 2d').replace(/^expect:[\s\S]*$/m, 'expect:\n  - no MemoryError\n');
  writeFileSync(join(dir, 'dia-2d.yaml'), yaml);
  return join(dir, 'dia-2d.yaml');
}

export async function benchCapacity(): Promise<{ cells: number; oneS: number; twoS: number; speedup: number; identical: boolean }> {
  const SCENARIO = twoDayScenario();
  const cells = cellsOf({
    scenario: SCENARIO,
    profiles: ['connectport-x4', 'connectport-x8'],
    pools: [null],
    thresholds: [null, [100, 10, 10]],
    policies: ['scenario', 'every:1h'],
    seeds: 5,
    firstSeed: 1,
  });
  const t0 = performance.now();
  const one = await runCells(SCENARIO, cells, { jobs: 1 });
  const t1 = performance.now();
  const two = await runCells(SCENARIO, cells, { jobs: 2 });
  const t2 = performance.now();
  const oneS = (t1 - t0) / 1000;
  const twoS = (t2 - t1) / 1000;
  return { cells: cells.length, oneS, twoS, speedup: oneS / twoS, identical: JSON.stringify(one) === JSON.stringify(two) };
}

// Runs sweep cells on worker threads (all cores by default). Results come back in cell
// order whatever the scheduling, so N threads give exactly what one thread gives.

import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { runCell, type Cell, type CellResult } from './sweep.js';

export interface RunOptions {
  jobs?: number;
  /** Called after each finished cell (progress bars, writing results to disk for resume). */
  onResult?: (result: CellResult, done: number, total: number) => void;
}

/** The compiled worker (when running from TypeScript sources, as tests do, the build's copy). */
function workerUrl(): URL {
  const here = new URL('./cell-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  return new URL('../../dist/src/capacity/cell-worker.js', import.meta.url);
}

export async function runCells(scenario: string, cells: Cell[], options: RunOptions = {}): Promise<CellResult[]> {
  const jobs = Math.max(1, Math.min(options.jobs ?? availableParallelism(), cells.length));
  const results: CellResult[] = new Array(cells.length);
  const position = new Map(cells.map((c, i) => [c.index, i]));
  let done = 0;
  if (jobs === 1) {
    cells.forEach((cell, i) => {
      results[i] = runCell(scenario, cell);
      options.onResult?.(results[i]!, ++done, cells.length);
    });
    return results;
  }
  const queue = [...cells];
  const workers = Array.from({ length: jobs }, () => new Worker(workerUrl(), { resourceLimits: { stackSizeMb: 16 } }));
  try {
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            const next = () => {
              const cell = queue.shift();
              if (!cell) return resolve();
              w.postMessage({ scenario, cell });
            };
            w.on('message', (m: { ok: true; result: CellResult } | { ok: false; index: number; error: string }) => {
              if (!m.ok) return reject(new Error(`cell ${m.index}: ${m.error}`));
              results[position.get(m.result.index)!] = m.result;
              options.onResult?.(m.result, ++done, cells.length);
              next();
            });
            w.on('error', reject);
            next();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}

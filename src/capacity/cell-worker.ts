// A capacity-sweep worker thread: runs the cells it is sent and posts their results.
import { parentPort } from 'node:worker_threads';
import { runCell, type Cell } from './sweep.js';

parentPort!.on('message', (m: { scenario: string; cell: Cell }) => {
  try {
    parentPort!.postMessage({ ok: true, result: runCell(m.scenario, m.cell) });
  } catch (e) {
    parentPort!.postMessage({ ok: false, index: m.cell.index, error: e instanceof Error ? e.message : String(e) });
  }
});

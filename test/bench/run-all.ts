// `npm run bench`: every hot path, each against its baseline measured in the same run.
// Figures are medians; the machine has 2 noisy cores.
import { benchAllocFree } from './alloc-free.bench.js';
import { benchFullCollection } from './full-collection.bench.js';
import { formatRate, machineLine, type BenchResult } from './harness.js';
import { benchPythonScripts } from './python-scripts.bench.js';
import { benchScenarios } from './scenarios.bench.js';
import { benchConsole } from './console.bench.js';
import { benchCapacity } from './capacity.bench.js';

const benches: (() => BenchResult)[] = [benchAllocFree, benchFullCollection];

console.log(machineLine());
for (const bench of benches) {
  const r = bench();
  console.log(`\n${r.name}`);
  console.log(`  memsim:   ${formatRate(r.rate)} ${r.unit}${r.target ? `  (target ${r.target})` : ''}`);
  console.log(`  baseline: ${formatRate(r.baselineRate)}  (${r.baseline})`);
  console.log(`  ratio memsim/baseline: ${(r.rate / r.baselineRate).toFixed(2)}`);
  if (r.notes) console.log(`  ${r.notes}`);
}

console.log('\ndevice Python vs CPython 3.11 (wall time of a whole run, median of 3; target ratio <= 1.0)');
for (const t of benchPythonScripts()) {
  const cpy = t.cpythonMs === null ? 'python3.11 not installed' : `${t.cpythonMs.toFixed(0)} ms`;
  console.log(`  ${t.script.padEnd(22)} memsim ${t.memsimMs.toFixed(0)} ms   CPython ${cpy}   ratio ${t.ratio === null ? '-' : t.ratio.toFixed(2)}`);
}

console.log('\n30-day gateway scenarios (target: under 60 s each)');
for (const t of benchScenarios()) {
  console.log(`  ${t.scenario.padEnd(22)} ${t.wallS.toFixed(1)} s wall for ${(t.simulatedS / 86400).toFixed(0)} simulated days (x${Math.round(t.simulatedS / t.wallS).toLocaleString('en-US')} real time), outcome ${t.outcome}`);
}

console.log('\nconsole round trips of `gc count` at --speed max (target: p99 under 2 ms)');
for (const r of await benchConsole()) {
  console.log(`  ${r.transport.padEnd(36)} p50 ${r.p50Ms.toFixed(3)} ms  p99 ${r.p99Ms.toFixed(3)} ms  ${Math.round(r.perSecond).toLocaleString('en-US')} round trips/s`);
}
const cap = await benchCapacity();
console.log(`\ncapacity sweep of ${cap.cells} cells (target: 2 workers at least 1.8x faster than 1)`);
console.log(`  1 worker ${cap.oneS.toFixed(1)} s, 2 workers ${cap.twoS.toFixed(1)} s: speed-up x${cap.speedup.toFixed(2)}, results identical: ${cap.identical}`);
process.exit(0);

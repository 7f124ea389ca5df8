// `npm run bench`: every hot path, each against its baseline measured in the same run.
// Figures are medians; the machine has 2 noisy cores.
import { benchAllocFree } from './alloc-free.bench.js';
import { benchFullCollection } from './full-collection.bench.js';
import { formatRate, machineLine, type BenchResult } from './harness.js';

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

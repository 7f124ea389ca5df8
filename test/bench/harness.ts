// Shared benchmark plumbing: medians of repeated timings, and the machine line.
import { cpus, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';

export interface BenchResult {
  name: string;
  unit: string;
  /** Median rate of memsim's hot path. */
  rate: number;
  /** Median rate of the baseline measured in the same run. */
  baselineRate: number;
  baseline: string;
  target?: string;
  notes?: string;
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Runs `fn` (which does `work` units) `rounds` times after a warm-up; returns the median rate per second. */
export function rate(fn: () => void, work: number, rounds = 7): number {
  fn();
  const rates: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    fn();
    const t1 = performance.now();
    rates.push(work / ((t1 - t0) / 1000));
  }
  return median(rates);
}

export function machineLine(): string {
  const c = cpus();
  return `machine: ${c[0]?.model ?? 'unknown cpu'} x ${c.length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; node ${process.version}`;
}

export function formatRate(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)} M/s`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)} k/s`;
  return `${n.toFixed(1)} /s`;
}

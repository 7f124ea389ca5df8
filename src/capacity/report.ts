// What a capacity planner reads: each configuration over its seeds (pass rate, MemoryError
// probability and when, memory peak and floor, pauses, boot time), a recommendation per
// profile, and the minimum pools found — as a terminal table, JSON, CSV or Markdown.

import type { Cell, CellResult } from './sweep.js';

export interface ConfigSummary {
  profile: string;
  poolBytes: number;
  thresholds: string;
  policy: string;
  seeds: number;
  passRate: number;
  oomProbability: number;
  /** Earliest MemoryError over the seeds, in days. */
  firstOomDay: number | null;
  peakBytesMax: number;
  minFreeBytesMin: number;
  pauseMaxMs: number;
  pauseP99Ms: number;
  gcTotalMs: number;
  bootMs: number;
  failed: string[];
}

export interface Recommendation {
  profile: string;
  /** The configuration to use, or null when nothing tried fits. */
  choice: ConfigSummary | null;
  reason: string;
}

export interface MinPool {
  profile: string;
  policy: string;
  /** Smallest pool (bytes) on which every seed met the expectations; null when even the largest tried failed. */
  minPoolBytes: number | null;
  /** The profile's own pool, and the margin it has over the minimum. */
  profilePoolBytes: number;
  headroom: number | null;
}

export interface CapacityReport {
  scenario: string;
  cells: number;
  configs: ConfigSummary[];
  recommendations: Recommendation[];
  minPools: MinPool[];
}

export function summarise(cells: Cell[], results: CellResult[]): ConfigSummary[] {
  const groups = new Map<string, { cell: Cell; results: CellResult[] }>();
  cells.forEach((cell, i) => {
    const key = JSON.stringify([cell.profile, cell.poolBytes, cell.thresholds, cell.policy]);
    const g = groups.get(key) ?? { cell, results: [] };
    g.results.push(results[i]!);
    groups.set(key, g);
  });
  return [...groups.values()].map(({ cell, results: rs }) => {
    const ooms = rs.filter((r) => r.memoryErrorAtS !== null);
    const failed = [...new Set(rs.flatMap((r) => r.failed))];
    return {
      profile: cell.profile,
      poolBytes: rs[0]!.poolBytes,
      thresholds: cell.thresholds ? cell.thresholds.join(',') : 'default',
      policy: cell.policy,
      seeds: rs.length,
      passRate: rs.filter((r) => r.passed).length / rs.length,
      oomProbability: ooms.length / rs.length,
      firstOomDay: ooms.length ? Math.min(...ooms.map((r) => r.memoryErrorAtS!)) / 86400 : null,
      peakBytesMax: Math.max(...rs.map((r) => r.peakBytes)),
      minFreeBytesMin: Math.min(...rs.map((r) => r.minFreeBytes)),
      pauseMaxMs: Math.max(...rs.map((r) => r.pauseMaxMs)),
      pauseP99Ms: Math.max(...rs.map((r) => r.pauseP99Ms)),
      gcTotalMs: rs.reduce((a, r) => a + r.gcTotalMs, 0) / rs.length,
      bootMs: Math.max(...rs.map((r) => r.bootMs)),
      failed,
    };
  });
}

/** Per profile: among configurations that pass on every seed, the least GC time, then the shortest pause. */
export function recommend(configs: ConfigSummary[]): Recommendation[] {
  const profiles = [...new Set(configs.map((c) => c.profile))];
  return profiles.map((profile) => {
    const mine = configs.filter((c) => c.profile === profile);
    const fits = mine.filter((c) => c.passRate === 1).sort((a, b) => a.gcTotalMs - b.gcTotalMs || a.pauseMaxMs - b.pauseMaxMs || a.poolBytes - b.poolBytes);
    if (fits.length > 0) {
      const c = fits[0]!;
      return { profile, choice: c, reason: `policy ${c.policy}, thresholds ${c.thresholds}, pool ${mib(c.poolBytes)}: every seed passes, ${c.gcTotalMs.toFixed(1)} ms of GC, longest pause ${c.pauseMaxMs.toFixed(1)} ms` };
    }
    // Nothing fits: say why, from the closest attempt.
    const best = [...mine].sort((a, b) => b.passRate - a.passRate || a.oomProbability - b.oomProbability)[0]!;
    let why = `expectations not met: ${best.failed.join('; ') || 'the run did not finish'}`;
    if (best.oomProbability > 0) why = `MemoryError on ${(best.oomProbability * 100).toFixed(0)} % of seeds, first after ${whenText(best.firstOomDay! * 86400)}`;
    return { profile, choice: null, reason: `nothing tried fits (${why}; best: policy ${best.policy}, pool ${mib(best.poolBytes)})` };
  });
}

/** A virtual time as a planner reads it: 92 s, 12.5 min, 3.2 h, 12.4 d. */
export function whenText(s: number): string {
  if (s < 120) return `${s.toFixed(0)} s`;
  if (s < 7200) return `${(s / 60).toFixed(1)} min`;
  if (s < 172800) return `${(s / 3600).toFixed(1)} h`;
  return `${(s / 86400).toFixed(1)} d`;
}

export function mib(bytes: number): string {
  return `${(bytes / 1048576).toFixed(2)} MiB`;
}

const COLUMNS: [string, (c: ConfigSummary) => string][] = [
  ['profile', (c) => c.profile],
  ['pool', (c) => mib(c.poolBytes)],
  ['thresholds', (c) => c.thresholds],
  ['policy', (c) => c.policy],
  ['seeds', (c) => String(c.seeds)],
  ['pass', (c) => `${(c.passRate * 100).toFixed(0)}%`],
  ['P(OOM)', (c) => `${(c.oomProbability * 100).toFixed(0)}%`],
  ['first OOM', (c) => (c.firstOomDay === null ? '-' : whenText(c.firstOomDay * 86400))],
  ['peak', (c) => mib(c.peakBytesMax)],
  ['min free', (c) => mib(c.minFreeBytesMin)],
  ['max pause ms', (c) => c.pauseMaxMs.toFixed(2)],
  ['GC ms', (c) => c.gcTotalMs.toFixed(1)],
  ['boot ms', (c) => c.bootMs.toFixed(1)],
];

export function renderTable(r: CapacityReport): string {
  const rows = r.configs.map((c) => COLUMNS.map(([, f]) => f(c)));
  const head = COLUMNS.map(([h]) => h);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const fmt = (row: string[]) => row.map((v, i) => v.padEnd(widths[i]!)).join('  ').trimEnd();
  const lines = [`capacity: ${r.scenario} (${r.cells} runs)`, '', fmt(head), fmt(widths.map((w) => '-'.repeat(w))), ...rows.map(fmt), '', 'recommendations:'];
  for (const rec of r.recommendations) lines.push(`  ${rec.profile}: ${rec.reason}`);
  if (r.minPools.length) {
    lines.push('', 'minimum pool (every seed passes, bisection to 1 %):');
    for (const m of r.minPools) lines.push(`  ${m.profile} / ${m.policy}: ${m.minPoolBytes === null ? 'none found up to the device RAM' : `${mib(m.minPoolBytes)} (the profile's ${mib(m.profilePoolBytes)} leaves ${((m.headroom ?? 0) * 100).toFixed(0)} % headroom)`}`);
  }
  return lines.join('\n');
}

export function renderCsv(r: CapacityReport): string {
  const esc = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [COLUMNS.map(([h]) => h).join(','), ...r.configs.map((c) => COLUMNS.map(([, f]) => esc(f(c))).join(','))].join('\n');
}

export function renderMarkdown(r: CapacityReport): string {
  const lines = [`# Capacity: ${r.scenario}`, '', `${r.cells} simulated runs.`, '', `| ${COLUMNS.map(([h]) => h).join(' | ')} |`, `|${COLUMNS.map(() => '---').join('|')}|`];
  for (const c of r.configs) lines.push(`| ${COLUMNS.map(([, f]) => f(c)).join(' | ')} |`);
  lines.push('', '## Recommendations', '');
  for (const rec of r.recommendations) lines.push(`- **${rec.profile}**: ${rec.reason}`);
  if (r.minPools.length) {
    lines.push('', '## Minimum pool', '');
    for (const m of r.minPools) lines.push(`- ${m.profile} / ${m.policy}: ${m.minPoolBytes === null ? 'none found' : `${mib(m.minPoolBytes)}, headroom ${((m.headroom ?? 0) * 100).toFixed(0)} % at ${mib(m.profilePoolBytes)}`}`);
  }
  return lines.join('\n');
}

// The capacity report as one self-contained HTML file that opens offline: the tables and
// recommendations, and charts drawn by Chart.js (inlined): memory over virtual time for each
// configuration with its collections marked, pause distributions, and minimum pools.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { mib, renderMarkdown, whenText, type CapacityReport } from './report.js';

export interface ChartSeries {
  label: string;
  series: [number, number][];
  collectionTimes: number[];
  pauseHistogram: { upToMs: number[]; counts: number[] };
}

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

export function renderHtml(report: CapacityReport, charts: ChartSeries[]): string {
  // The browser build sits beside the package's main entry (its exports map does not list it).
  const chartJs = readFileSync(join(dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.js'), 'utf8');
  const rows = report.configs
    .map((c) => `<tr><td>${esc(c.profile)}</td><td>${mib(c.poolBytes)}</td><td>${esc(c.thresholds)}</td><td>${esc(c.policy)}</td><td>${c.seeds}</td><td>${(c.passRate * 100).toFixed(0)}%</td><td>${(c.oomProbability * 100).toFixed(0)}%</td><td>${c.firstOomDay === null ? '-' : whenText(c.firstOomDay * 86400)}</td><td>${mib(c.peakBytesMax)}</td><td>${mib(c.minFreeBytesMin)}</td><td>${c.pauseMaxMs.toFixed(2)}</td><td>${c.gcTotalMs.toFixed(1)}</td><td>${c.bootMs.toFixed(1)}</td></tr>`)
    .join('\n');
  const recs = report.recommendations.map((r) => `<li><b>${esc(r.profile)}</b>: ${esc(r.reason)}</li>`).join('\n');
  const data = {
    charts: charts.map((c) => ({ ...c, pauseHistogram: c.pauseHistogram })),
    minPools: report.minPools.filter((m) => m.minPoolBytes !== null).map((m) => ({ label: `${m.profile} / ${m.policy}`, minMiB: m.minPoolBytes! / 1048576, poolMiB: m.profilePoolBytes / 1048576 })),
  };
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>memsim capacity: ${esc(report.scenario)}</title>
<style>body{font-family:sans-serif;margin:2em;max-width:1200px}table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;padding:3px 6px;text-align:right}td:nth-child(-n+4){text-align:left}.grid{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:1.5em}canvas{max-height:260px}</style>
</head><body>
<h1>Capacity: ${esc(report.scenario)}</h1>
<p>${report.cells} simulated runs.</p>
<table><tr><th>profile</th><th>pool</th><th>thresholds</th><th>policy</th><th>seeds</th><th>pass</th><th>P(OOM)</th><th>first OOM</th><th>peak</th><th>min free</th><th>max pause ms</th><th>GC ms</th><th>boot ms</th></tr>
${rows}</table>
<h2>Recommendations</h2><ul>${recs}</ul>
<h2>Memory over virtual time (collections marked)</h2><div class="grid" id="memory"></div>
<h2>Collection pauses</h2><div class="grid" id="pauses"></div>
<h2>Minimum pool</h2><div id="minpool"></div>
<script>
// Counts what the page reports as errors (uncaught exceptions, console.error) so that a test can
// check that the report loads cleanly.
let errors = 0;
const mark = () => { document.documentElement.dataset.errors = String(errors); };
mark();
addEventListener('error', () => { errors++; mark(); });
const consoleError = console.error.bind(console);
console.error = (...args) => { errors++; mark(); consoleError(...args); };
</script>
<script>${chartJs}</script>
<script>
const DATA = ${JSON.stringify(data)};
let drawn = 0;
Chart.defaults.animation = false;
function canvas(parent) { const c = document.createElement('canvas'); document.getElementById(parent).appendChild(c); return c; }
for (const c of DATA.charts) {
  const maxY = Math.max(1, ...c.series.map((p) => p[1])) / 1048576;
  new Chart(canvas('memory'), { type: 'line', data: { datasets: [
    { label: c.label + ' (MiB used)', data: c.series.map((p) => ({ x: p[0] / 3600, y: p[1] / 1048576 })), pointRadius: 0, borderWidth: 1.5 },
    { label: 'collections', type: 'scatter', data: c.collectionTimes.map((t) => ({ x: t / 3600, y: maxY * 1.02 })), pointRadius: 1.5 },
  ] }, options: { parsing: false, scales: { x: { type: 'linear', title: { display: true, text: 'hours' } }, y: { title: { display: true, text: 'MiB' } } } } });
  drawn++;
  const h = c.pauseHistogram;
  new Chart(canvas('pauses'), { type: 'bar', data: { labels: h.upToMs.map((b, i) => b < 0 ? '> ' + h.upToMs[i - 1] + ' ms' : '<= ' + b + ' ms'), datasets: [{ label: c.label + ' (collections)', data: h.counts }] } });
  drawn++;
}
if (DATA.minPools.length) {
  new Chart(canvas('minpool'), { type: 'bar', data: { labels: DATA.minPools.map((m) => m.label), datasets: [
    { label: 'minimum pool (MiB)', data: DATA.minPools.map((m) => m.minMiB) },
    { label: 'profile pool (MiB)', data: DATA.minPools.map((m) => m.poolMiB) },
  ] }, options: { indexAxis: 'y' } });
  drawn++;
}
document.body.dataset.charts = String(drawn);
// A chart counts as painted when its canvas holds pixels that are not transparent.
let painted = 0;
for (const c of document.querySelectorAll('canvas')) {
  const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  for (let i = 3; i < px.length; i += 4) if (px[i] !== 0) { painted++; break; }
}
document.body.dataset.painted = String(painted);
</script>
<!-- The same report as Markdown, for readers without a browser:
${esc(renderMarkdown(report)).replace(/--/g, '- -')}
-->
</body></html>
`;
}

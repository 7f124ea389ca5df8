// Proves the capacity report's HTML in a real browser: headless Chromium opens the single
// file offline, the inlined charting library runs, and every chart is drawn.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CHROMIUM = ['chromium', 'chromium-browser', 'google-chrome'].find((b) => spawnSync(b, ['--version'], { encoding: 'utf8' }).status === 0);
if (!CHROMIUM) console.warn('report-html: Chromium is not installed; the HTML report is not checked in a browser');

describe.skipIf(!CHROMIUM)(CHROMIUM ? 'the capacity report in headless Chromium' : 'skipped: chromium not installed', () => {
  it('opens offline and draws every chart', () => {
    const out = mkdtempSync(join(tmpdir(), 'memsim-report-'));
    const run = spawnSync(process.execPath, [join(ROOT, 'bin/memsim.js'), 'capacity', join(ROOT, 'scripts/seed/large-objects-event-gc.yaml'), '--profiles', 'connectport-x2,connectport-x4', '--policies', 'scenario,auto', '--seeds', '2', '--min-pool', '--out', out], { encoding: 'utf8', timeout: 120_000 });
    expect(run.status, run.stderr).toBe(0);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).not.toMatch(/<script src=|<link [^>]*href="http/); // nothing fetched: opens offline
    const dom = spawnSync(CHROMIUM!, ['--headless', '--no-sandbox', '--disable-gpu', '--enable-logging=stderr', '--v=0', '--dump-dom', `file://${join(out, 'report.html')}`], { encoding: 'utf8', timeout: 60_000 });
    expect(dom.status).toBe(0);
    // 4 configurations × (memory + pauses) + the minimum-pool bars.
    expect(dom.stdout).toMatch(/data-charts="9"/);
    expect(dom.stdout).toMatch(/data-painted="9"/);
    // No uncaught exception and no console.error in the page, as counted by the page itself and
    // as logged by Chromium.
    expect(dom.stdout).toMatch(/data-errors="0"/);
    expect(dom.stderr).not.toMatch(/CONSOLE[^\]]*\].*(Uncaught|[Ee]rror)/);
    expect(dom.stdout).toMatch(/connectport-x4<\/b>: policy scenario/);
  }, 150_000);
});

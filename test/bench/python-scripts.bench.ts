// Device Python against CPython 3.11 on the shipped benchmark scripts: memsim's wall time
// for the whole run (boot, parse, compile, run, every object accounted in the pool) versus
// `python3.11 -S` on the same file, both measured in this run. Medians of 3.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { loadProfile } from '../../src/profiles/profiles.js';
import { runScript } from '../../src/run/run-script.js';
import { median } from './harness.js';

const SCRIPTS = fileURLToPath(new URL('../../../scripts/bench/', import.meta.url));

export interface ScriptTiming {
  script: string;
  memsimMs: number;
  cpythonMs: number | null;
  /** memsim time / CPython time: 1.0 or less means memsim is at least as fast. */
  ratio: number | null;
}

function findPython311(): string | null {
  const root = process.env.PYENV_ROOT ?? join(process.env.HOME ?? '', '.pyenv');
  try {
    const v = readdirSync(join(root, 'versions')).filter((d) => d.startsWith('3.11')).sort().pop();
    if (v) return join(root, 'versions', v, 'bin', 'python');
  } catch {
    /* no pyenv */
  }
  const probe = spawnSync('python3.11', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' });
  return probe.status === 0 ? probe.stdout.trim() : null;
}

export function benchPythonScripts(rounds = 3): ScriptTiming[] {
  const python = findPython311();
  const profile = loadProfile('host-cpython-3.11');
  return readdirSync(SCRIPTS)
    .filter((f) => f.endsWith('.py'))
    .sort()
    .map((script) => {
      const path = join(SCRIPTS, script);
      const source = readFileSync(path, 'utf8');
      const memsim: number[] = [];
      const cpython: number[] = [];
      for (let i = 0; i < rounds; i++) {
        const t0 = performance.now();
        const r = runScript({ profile, source, file: script });
        memsim.push(performance.now() - t0);
        if (r.outcome !== 'ok') throw new Error(`${script} did not run under memsim: ${r.crashes[0]?.traceback ?? r.outcome}`);
        if (python) {
          const t1 = performance.now();
          const p = spawnSync(python, ['-S', path], { encoding: 'utf8' });
          cpython.push(performance.now() - t1);
          if (p.status !== 0) throw new Error(`${script} failed under CPython: ${p.stderr}`);
        }
      }
      const memsimMs = median(memsim);
      const cpythonMs = python ? median(cpython) : null;
      return { script, memsimMs, cpythonMs, ratio: cpythonMs ? memsimMs / cpythonMs : null };
    });
}

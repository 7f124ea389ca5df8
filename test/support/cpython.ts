// Finds the real CPython interpreters installed on this machine (pyenv builds, or
// pythonX.Y on PATH), so tests can use them as the oracle for the collector.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

const cache = new Map<string, string | null>();

/** Path of a CPython `major.minor` interpreter, or null when none is installed. */
export function findPython(version: string): string | null {
  if (cache.has(version)) return cache.get(version)!;
  let found: string | null = null;
  const root = process.env.PYENV_ROOT ?? join(homedir(), '.pyenv');
  const versions = join(root, 'versions');
  if (existsSync(versions)) {
    const match = readdirSync(versions)
      .filter((v) => v === version || v.startsWith(`${version}.`))
      .sort()
      .pop();
    if (match) {
      const bin = join(versions, match, 'bin', 'python');
      if (existsSync(bin)) found = bin;
    }
  }
  if (!found) {
    const probe = spawnSync(`python${version}`, ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' });
    if (probe.status === 0) found = probe.stdout.trim();
  }
  cache.set(version, found);
  return found;
}

/** Runs `source` under the interpreter and returns stdout and stderr. */
export function runPython(python: string, source: string): { stdout: string; stderr: string } {
  const result = spawnSync(python, ['-'], { input: source, encoding: 'utf8', timeout: 120_000 });
  if (result.status !== 0) {
    throw new Error(`${python} failed (${result.status}): ${result.stderr}`);
  }
  return { stdout: result.stdout, stderr: result.stderr };
}

export function pythonVersion(python: string): string {
  return execFileSync(python, ['-c', 'import sys; print("%d.%d.%d" % sys.version_info[:3])'], { encoding: 'utf8' }).trim();
}

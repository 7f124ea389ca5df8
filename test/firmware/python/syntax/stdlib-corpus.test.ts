// Proves the parser copes with real-world Python at scale: over CPython 2.7's and 3.11's own standard libraries it never crashes, and it accepts or rejects each file as CPython does (apart from constructs the device lacks).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INTERNAL_ERROR_PREFIX, parseModule } from '../../../../firmware/python/syntax/index.js';

const INSTALLS = {
  2: { python: join(homedir(), '.pyenv/versions/2.7.18/bin/python'), lib: join(homedir(), '.pyenv/versions/2.7.18/lib/python2.7') },
  3: { python: join(homedir(), '.pyenv/versions/3.11.7/bin/python3'), lib: join(homedir(), '.pyenv/versions/3.11.7/lib/python3.11') },
} as const;

const ORACLE = `
import json, sys, warnings
warnings.simplefilter('ignore')
out = []
for path in json.loads(sys.stdin.read()):
    try:
        compile(open(path, 'rb').read(), path, 'exec', 0, True)
        out.append(None)
    except Exception as e:
        out.append('%s: %s' % (type(e).__name__, e))
sys.stdout.write(json.dumps(out))
`;

function pythonFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'site-packages') found.push(...pythonFiles(path));
    else if (entry.isFile() && entry.name.endsWith('.py')) found.push(path);
  }
  return found;
}

describe.each([2, 3] as const)('the Python %i standard library', (major) => {
  const { python, lib } = INSTALLS[major];
  const missing = !existsSync(python) || !existsSync(lib);
  if (missing) console.warn(`skipping the Python ${major} standard-library corpus: ${lib} is not installed`);

  it.skipIf(missing)('parses every file without a crash and agrees with CPython on validity', () => {
    const accepted: string[] = [];
    const rejected: { path: string; error: string }[] = [];
    const files = pythonFiles(lib);
    for (const path of files) {
      // The file's bytes: the parser decodes them by their coding declaration, as CPython does.
      const result = parseModule(readFileSync(path), { file: path, pythonMajor: major, pythonMinor: major === 2 ? 7 : 11 });
      if (result.ok) {
        accepted.push(path);
        continue;
      }
      for (const e of result.errors) expect(e.message.startsWith(INTERNAL_ERROR_PREFIX), `${path}: ${e.message}`).toBe(false);
      const real = result.errors.find((e) => !e.message.includes('not supported on the device'));
      if (real) rejected.push({ path, error: `${real.line}:${real.col}: ${real.message}` });
    }
    expect(files.length).toBeGreaterThan(1000);

    const checked = [...accepted, ...rejected.map((r) => r.path)];
    const r = spawnSync(python, ['-c', ORACLE], { input: JSON.stringify(checked), encoding: 'utf8', timeout: 120_000, maxBuffer: 64 << 20 });
    expect(r.status, r.stderr).toBe(0);
    const verdicts = JSON.parse(r.stdout) as (string | null)[];
    const disagreements = checked.flatMap((path, i) => {
      const ours = i < accepted.length ? null : rejected[i - accepted.length]!.error;
      return (ours === null) === (verdicts[i] === null) ? [] : [`${path}\n  memsim: ${ours ?? 'accepted'}\n  CPython: ${verdicts[i] ?? 'accepted'}`];
    });
    expect(disagreements).toEqual([]);
  });
});

// Proves firmware/ stays a pure, deterministic device: no host modules, no wall clock,
// no unseeded randomness, no timers, no printing — and that it never imports src/.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const firmware = join(root, 'firmware');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

/** Strips comments and string contents so that words in them do not count. */
function code(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/\/\/[^\n]*/g, ' ');
}

const forbidden: [RegExp, string][] = [
  [/from\s+['"](node:[^'"]+|fs|path|os|net|tty|child_process|worker_threads|crypto|util|events|stream)['"]/, 'imports a Node.js module'],
  [/from\s+['"](serialport|@serialport\/[^'"]+|pino[^'"]*)['"]/, 'imports a host library'],
  [/\bimport\s*\(/, 'uses a dynamic import'],
  [/\brequire\s*\(/, 'uses require'],
  [/\bDate\b/, 'uses Date (the wall clock)'],
  [/\bperformance\s*\./, 'uses performance (the wall clock)'],
  [/\bMath\.random\b/, 'uses Math.random (unseeded randomness)'],
  [/\b(setTimeout|setInterval|setImmediate|queueMicrotask)\b/, 'uses a host timer'],
  [/\bconsole\s*\./, 'uses console'],
  [/\bprocess\s*\./, 'uses process'],
  [/from\s+['"](\.\.\/)+src\//, 'imports from src/ (dependencies point inward)'],
];

describe('firmware purity', () => {
  const files = sources(firmware);

  it('has firmware sources to check', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it.each(files.map((f) => [relative(root, f), f]))('%s is pure', (_name, file) => {
    const text = code(readFileSync(file, 'utf8'));
    const problems = forbidden.filter(([re]) => re.test(text)).map(([, why]) => why);
    expect(problems).toEqual([]);
  });

  it('firmware/memory knows nothing of the device-Python layer above it', () => {
    for (const file of sources(join(firmware, 'memory'))) {
      const text = readFileSync(file, 'utf8');
      expect(text, relative(root, file)).not.toMatch(/from\s+['"][^'"]*\/(python|device|console)\//);
    }
  });
});

// Proves that property, staticmethod, classmethod and slice objects cost the pool what they
// cost CPython: sys.getsizeof and gc.is_tracked agree with the real interpreter on the host
// profiles (the semantics corpus may not print sizes), and the 32-bit devices get each
// version's struct (2.4's property without getter_doc, 2.4/2.6 slices not GC-tracked).
import { describe, expect, it } from 'vitest';
import { loadProfile } from '../../../../src/profiles/profiles.js';
import { runScript } from '../../../../src/run/run-script.js';
import { findPython, runPython } from '../../../support/cpython.js';

const SCRIPT = [
  'from __future__ import print_function',
  'import sys, gc',
  'def f(self):',
  '    return 1',
  'objects = [property(f), property(f, f, f, "doc"), staticmethod(f), classmethod(f), slice(1, 2, 3), slice(None)]',
  'for o in objects:',
  '    print(type(o).__name__, sys.getsizeof(o), gc.is_tracked(o))',
  '',
].join('\n');

function memsim(profile: string, source: string): string[] {
  const r = runScript({ profile: loadProfile(profile), source, file: 'sizes.py', checkInvariants: true });
  expect(r.outcome).toBe('ok');
  return r.stdout;
}

describe('descriptor and slice objects against CPython', () => {
  for (const version of ['2.7', '3.11', '3.12']) {
    const python = findPython(version);
    it.skipIf(!python)(`sys.getsizeof and gc.is_tracked agree with CPython ${version}`, () => {
      const expected = runPython(python!, SCRIPT).stdout.trimEnd().split('\n');
      expect(memsim(`host-cpython-${version}`, SCRIPT)).toEqual(expected);
    });
  }
});

describe('descriptor and slice objects on the 32-bit devices', () => {
  // Struct sizes without the GC head: property (4 pointers, 2.5+ getter_doc), staticmethod
  // and classmethod (one pointer), slice (three pointers); the GC head is what a list adds
  // to its 20-byte struct.
  const cases: [string, number, boolean][] = [
    ['connectport-x4', 24, false], // 2.4
    ['transport-wr44', 28, false], // 2.6
    ['connectport-x2e', 28, true], // 2.7
  ];
  it.each(cases)('%s: property %i bytes, slices GC-tracked: %s', (profile, propertyBytes, sliceGc) => {
    const out = memsim(profile, 'import sys\ndef f(self):\n    return 1\nprint sys.getsizeof([]) - 20\nprint sys.getsizeof(property(f)), sys.getsizeof(staticmethod(f)), sys.getsizeof(classmethod(f)), sys.getsizeof(slice(1))\n');
    const head = Number(out[0]);
    expect(head).toBeGreaterThan(0);
    expect(out[1]).toBe(`${propertyBytes + head} ${12 + head} ${12 + head} ${20 + (sliceGc ? head : 0)}`);
  });
});

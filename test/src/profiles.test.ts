// Proves every shipped device profile is well-formed and that a bad profile gets every
// problem reported at once, naming the file and the field.
import { describe, expect, it } from 'vitest';
import { Memory } from '../../firmware/memory/index.js';
import { checkProfile, listProfiles } from '../../src/profiles/profiles.js';

describe('device profiles', () => {
  it.each(listProfiles().map((p) => [p.id, p]))('%s builds a memory manager', (_id, p) => {
    const m = new Memory({ gcModel: p.gcModel, wordBytes: p.wordBytes, poolBytes: p.poolBytes });
    expect(m.stats().poolBytes).toBe(p.poolBytes);
  });

  it('reports all problems of a bad profile at once', () => {
    expect(() => checkProfile({ id: 'x', gcModel: '2.5', wordBytes: 3, poolBytes: -1, ramBytes: 10, colour: 'red' }, 'bad.json')).toThrow(
      /bad.json: "name": expected a non-empty string[\s\S]*"gcModel": expected one of[\s\S]*"wordBytes": expected 4 or 8[\s\S]*"poolBytes": expected a positive integer[\s\S]*"colour": unknown field/,
    );
  });

  it('rejects a pool larger than the device RAM', () => {
    const p = { ...listProfiles()[0]!, poolBytes: 2 ** 30, ramBytes: 2 ** 20 };
    expect(() => checkProfile(p, 'p.json')).toThrow(/"poolBytes": 1073741824 is larger than the device's RAM/);
  });
});

describe('the published profile JSON Schema', () => {
  it('names exactly the fields the profile checker accepts, and every shipped profile has its required ones', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { listProfiles, profilesDir } = await import('../../src/profiles/profiles.js');
    const schema = JSON.parse(readFileSync(join(profilesDir(), 'profile.schema.json'), 'utf8'));
    const fields = Object.keys(schema.properties).sort();
    expect(fields).toEqual(['allocCostNs', 'collectOnAllocFailure', 'estimates', 'family', 'gcCostNs', 'gcModel', 'id', 'lowMemoryRebootBytes', 'name', 'poolBytes', 'python', 'ramBytes', 'startupTrackedObjects', 'ticksPerSecond', 'wordBytes']);
    for (const p of listProfiles()) {
      for (const r of schema.required) expect(p).toHaveProperty(r);
      for (const k of Object.keys(p)) expect(fields).toContain(k);
    }
  });
});

// The shipped Kubernetes manifests (deploy/kubernetes/*.yaml) agree with the CLI: the Indexed
// Job's completions equal its --shards, each pod writes where the merge Job reads, the scenario
// and profiles it names exist, and the merge Job's file pattern matches the shard files memsim
// writes.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const docs = (f: string) => parseAllDocuments(readFileSync(join(ROOT, 'deploy/kubernetes', f), 'utf8')).map((d) => d.toJSON());

describe('the Kubernetes Indexed Job for a sharded sweep', () => {
  const [pvc, job] = docs('study-job.yaml');
  const [merge] = docs('study-merge.yaml');
  const container = job.spec.template.spec.containers[0];
  const args: string[] = container.args;
  const opt = (flag: string) => args[args.indexOf(flag) + 1]!;

  it('runs one slice per completion index', () => {
    expect(job.kind).toBe('Job');
    expect(job.spec.completionMode).toBe('Indexed');
    expect(String(job.spec.completions)).toBe(opt('--shards'));
    expect(args[0]).toBe('capacity');
    expect(existsSync(join(ROOT, args[1]!))).toBe(true);
    for (const p of opt('--profiles').split(',')) expect(existsSync(join(ROOT, 'device-profiles', `${p}.json`)), p).toBe(true);
  });

  it('shares one volume between the slices and the merge', () => {
    expect(pvc.kind).toBe('PersistentVolumeClaim');
    for (const spec of [job.spec.template.spec, merge.spec.template.spec]) {
      expect(spec.volumes[0].persistentVolumeClaim.claimName).toBe(pvc.metadata.name);
      expect(opt('--out').startsWith(spec.containers[0].volumeMounts[0].mountPath + '/')).toBe(true);
    }
    const line: string = merge.spec.template.spec.containers[0].args[0];
    const pattern = new RegExp(line.match(/(\S+shard-\S+\.json)/)![1]!.replace(/\*/g, '\\d+').replace(/\./g, '\\.'));
    expect(`${opt('--out')}/shard-3-of-${opt('--shards')}.json`).toMatch(pattern);
    expect(line).toMatch(/^node bin\/memsim\.js merge /);
  });
});

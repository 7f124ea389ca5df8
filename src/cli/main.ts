// The memsim command line.
import { renderDemo, runDemo } from '../demo/collector-demo.js';
import { DEFAULT_PROFILE, listProfiles, loadProfile, ProfileError } from '../profiles/profiles.js';

const USAGE = `usage: memsim <command> [options]

commands:
  demo [--profile ID]   the seed article's collector examples on a device profile
  profiles              list the device profiles

(run, serve, capacity and validate are coming; see the README)`;

export class UsageError extends Error {}

function takeOption(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i === -1) return undefined;
  const value = args[i + 1];
  if (value === undefined || value.startsWith('--')) throw new UsageError(`${name} needs a value`);
  args.splice(i, 2);
  return value;
}

function rejectLeftovers(args: string[]): void {
  if (args.length > 0) throw new UsageError(`unexpected argument: ${args[0]}`);
}

export function main(argv: string[], out: (s: string) => void, err: (s: string) => void): number {
  const args = [...argv];
  const command = args.shift();
  try {
    switch (command) {
      case 'demo': {
        const profile = loadProfile(takeOption(args, '--profile') ?? DEFAULT_PROFILE);
        rejectLeftovers(args);
        out(renderDemo(runDemo(profile)));
        return 0;
      }
      case 'profiles': {
        rejectLeftovers(args);
        const rows = listProfiles().map((p) => [p.id, p.name, p.python, p.gcModel, `${(p.poolBytes / 1048576).toFixed(1)} MiB`]);
        const header = ['id', 'device', 'python', 'gc model', 'pool'];
        const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
        const fmt = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
        out([fmt(header), fmt(widths.map((w) => '-'.repeat(w))), ...rows.map(fmt)].join('\n'));
        return 0;
      }
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        out(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (e) {
    if (e instanceof UsageError || e instanceof ProfileError) {
      err(`memsim: ${e.message}`);
      if (e instanceof UsageError) err(USAGE);
      return 2;
    }
    throw e;
  }
}

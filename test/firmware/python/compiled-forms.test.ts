// Device Python code has three compiled forms, and each must behave as the others on whole
// programs: the emitted JavaScript (compile-js.ts, the default), the closures alone
// (compile-expr.ts, compile-stmt.ts), and the suspending form an app's task runs
// (compile-suspending.ts). Every program of the semantics corpus runs in each, and everything
// observable must be equal: output, outcome, sleeps, collections per generation, memory in use,
// peak, live objects and allocations at the end. The corpus's CPython agreement
// (semantics.test.ts) then holds for every form. Then the planner: which calls of a real app
// get the suspending form.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Memory } from '../../../firmware/memory/index.js';
import { DevicePython, pythonVersionOf, type RunOutcome } from '../../../firmware/python/index.js';
import { planSuspension } from '../../../firmware/python/compiler/suspension.js';
import { parseModule } from '../../../firmware/python/syntax/index.js';
import type * as A from '../../../firmware/python/syntax/ast.js';
import { loadProfile } from '../../../src/profiles/profiles.js';

const PROGRAMS_DIR = fileURLToPath(new URL('./programs/', import.meta.url));
const PROGRAMS = readdirSync(PROGRAMS_DIR).filter((n) => n.endsWith('.py')).sort();
const VERSION_OF: Record<string, string> = { py2: '2.7', py3: '3.11', both: '3.11' };

interface Observed {
  outcome: string;
  stdout: string;
  stderr: string;
  sleeps: number[];
  stats: unknown;
}

type Form = 'emitted' | 'closures' | 'task';

function runOnce(version: string, file: string, source: Uint8Array, form: Form): Observed {
  const profile = loadProfile(`host-cpython-${version}`);
  const memory = new Memory({ gcModel: profile.gcModel, wordBytes: profile.wordBytes, poolBytes: profile.poolBytes, collectOnAllocFailure: profile.collectOnAllocFailure });
  let stdout = '';
  let stderr = '';
  let now = 0;
  const sleeps: number[] = [];
  const python = new DevicePython({
    memory,
    version: pythonVersionOf(profile.python),
    startupTrackedObjects: profile.startupTrackedObjects,
    closuresOnly: form === 'closures',
    host: {
      write: (t) => (stdout += t),
      writeError: (t) => (stderr += t),
      now: () => now,
      sleep: (s) => {
        sleeps.push(s);
        now += s;
      },
      random: () => 0.5,
    },
  });
  python.vm.fuel = 1e12;
  let outcome: RunOutcome;
  if (form !== 'task') outcome = python.run(source, file);
  else {
    const task = python.startTask(source, file, [], { suspendEverywhere: true });
    for (;;) {
      const step = task.resume();
      if (step.kind === 'done') {
        outcome = step.outcome;
        break;
      }
      sleeps.push(step.seconds);
      now += step.seconds;
    }
  }
  const s = memory.stats();
  return {
    outcome: outcome.kind === 'exception' ? `${outcome.kind} ${outcome.type}: ${outcome.message} at ${outcome.where}` : outcome.kind,
    stdout,
    stderr,
    sleeps,
    stats: { collections: s.collections, used: s.usedBytes, peak: s.peakUsedBytes, live: memory.heap.liveObjects, allocations: memory.heap.allocations },
  };
}

describe('every corpus program behaves the same in each compiled form', () => {
  for (const program of PROGRAMS) {
    const version = VERSION_OF[program.slice(0, program.indexOf('_'))]!;
    it(`${program} (${version})`, () => {
      const source = readFileSync(join(PROGRAMS_DIR, program));
      const emitted = runOnce(version, program, source, 'emitted');
      for (const form of ['closures', 'task'] as const) {
        const other = runOnce(version, program, source, form);
        expect({ form, ...other }).toEqual({ form, ...emitted });
      }
    });
  }
});

/** The calls planSuspension marks, as `line:callee`. */
function planned(source: string): string[] {
  const r = parseModule(source, { file: 'app.py', pythonMajor: 3, pythonMinor: 11 });
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  const name = (c: A.Call) => (c.func.kind === 'Name' ? c.func.id : c.func.kind === 'Attribute' ? c.func.attr : '?');
  return [...planSuspension(r.module).calls].map((c) => `${c.line}:${name(c)}`).sort();
}

describe('which calls may suspend', () => {
  it('follows sleep through the functions and methods of the module, by name, to a fixed point', () => {
    const src = [
      'import time', //                              1
      'class Poller(object):', //                    2
      '    def wait(self, s):', //                   3
      '        time.sleep(s)', //                    4
      '    def poll(self):', //                      5
      '        x = compute()', //                    6
      '        self.wait(1)', //                     7
      '        return x', //                         8
      'def compute():', //                           9
      '    return [i for i in range(3)]', //         10
      'def main():', //                              11
      '    p = Poller()', //                         12
      '    while True:', //                          13
      '        try:', //                             14
      '            r = p.poll()', //                 15
      '        except ValueError:', //               16
      '            pass', //                         17
      '        print(r)', //                         18
      'main()', //                                   19
    ].join('\n');
    expect(planned(src)).toEqual(['15:poll', '19:main', '4:sleep', '7:wait']);
  });

  it('a module without sleep has nothing to suspend', () => {
    expect(planned('def f():\n    return 1\nprint(f())\n')).toEqual([]);
  });
});

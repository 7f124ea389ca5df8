#!/usr/bin/env node
// Entry point: runs the compiled CLI (npm install builds it into dist/).
//
// Device Python runs a script's calls on the host's stack. Node's default stack (under
// 1 MB) holds about 900 Python frames; CPython's recursion limit is 1000. So the CLI runs
// itself once more with a 3.9 MB stack, well inside Linux's usual 8 MB main-thread stack.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const STACK_FLAG = '--stack-size=3900';

if (!process.execArgv.some((a) => a.startsWith('--stack-size'))) {
  const child = spawn(process.execPath, [...process.execArgv, STACK_FLAG, fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  // Signals sent to this process reach the real one (a rig killing `memsim serve` stops it).
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('error', (e) => {
    process.stderr.write(`memsim: cannot start: ${e.message}\n`);
    process.exit(2);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  const { main } = await import('../dist/src/cli/main.js');
  const code = main(process.argv.slice(2), (s) => process.stdout.write(s + '\n'), (s) => process.stderr.write(s + '\n'));
  // A negative code: the command keeps running (serve) and exits by itself.
  if (code >= 0) process.exitCode = code;
}

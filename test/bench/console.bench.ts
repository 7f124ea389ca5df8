// Console round trips through `memsim serve` at --speed max: `gc count` answered over TCP
// and over a socat pseudo-terminal, p50/p99 latency and round trips per second (target:
// p99 under 2 ms). The baseline is a bare TCP echo server measured in the same run. Each is
// measured twice: with a pyserial rig (test/bench/console_latency.py, what test rigs use) and
// with a Node client (serialport for the pseudo-terminal), which adds its own hops.
import { spawn, spawnSync } from 'node:child_process';
import { connect, createServer, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { SerialPort } from 'serialport';

const BIN = fileURLToPath(new URL('../../../bin/memsim.js', import.meta.url));
const ROUNDS = 2000;

export interface LatencyResult {
  transport: string;
  p50Ms: number;
  p99Ms: number;
  perSecond: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}

/** Sends `command` ROUNDS times, each after the previous answer's prompt. */
async function roundTrips(write: (s: string) => void, onData: (f: (chunk: Buffer) => void) => void, command: string, prompt: string): Promise<LatencyResult & { transport: '' }> {
  const times: number[] = [];
  let buf = '';
  let waiter: (() => void) | null = null;
  onData((chunk) => {
    buf += chunk.toString('latin1');
    if (waiter && buf.endsWith(prompt)) {
      const w = waiter;
      waiter = null;
      w();
    }
  });
  const ask = () =>
    new Promise<void>((resolve) => {
      buf = '';
      waiter = resolve;
      write(`${command}\r\n`);
    });
  for (let i = 0; i < 50; i++) await ask(); // warm-up
  const t0 = performance.now();
  for (let i = 0; i < ROUNDS; i++) {
    const s = performance.now();
    await ask();
    times.push(performance.now() - s);
  }
  const total = (performance.now() - t0) / 1000;
  times.sort((a, b) => a - b);
  return { transport: '', p50Ms: percentile(times, 0.5), p99Ms: percentile(times, 0.99), perSecond: ROUNDS / total };
}

function startServe(args: string[], pattern: RegExp): Promise<{ stop: () => void; match: RegExpExecArray }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--speed', 'max', '--profile', 'connectport-x2e', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const m = pattern.exec(err);
      if (m) resolve({ stop: () => child.kill('SIGTERM'), match: m });
    });
    child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
  });
}

async function waitPrompt(onData: (f: (c: Buffer) => void) => void, write: (s: string) => void): Promise<void> {
  await new Promise<void>((resolve) => {
    let buf = '';
    onData((c) => {
      buf += c.toString('latin1');
      if (buf.endsWith('#> ')) resolve();
    });
    write('\r\n');
  });
}

const PY_CLIENT = fileURLToPath(new URL('../../../test/bench/console_latency.py', import.meta.url));
// Debian's python3-serial goes with the system python3, which a pyenv shim may hide.
const PYTHON = ['python3', '/usr/bin/python3'].find((p) => spawnSync(p, ['-c', 'import serial'], { encoding: 'utf8' }).status === 0);

/** Round trips as a pyserial rig sees them (null when pyserial is not installed). */
function pyRig(url: string): Promise<Omit<LatencyResult, 'transport'> | null> {
  if (!PYTHON) return Promise.resolve(null);
  const child = spawn(PYTHON, [PY_CLIENT, url, 'gc count', String(ROUNDS)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`pyserial rig failed: ${err}`)))));
}

export async function benchConsole(): Promise<LatencyResult[]> {
  const results: LatencyResult[] = [];
  if (!PYTHON) console.log('  (python3-serial is not installed: the pyserial rig lines are skipped)');
  // Baseline: a bare TCP server answering each line with a fixed reply and a prompt.
  const echo = createServer((s) => s.on('data', () => s.write('(0, 0, 0)\r\n#> ')));
  await new Promise<void>((r) => echo.listen(0, '127.0.0.1', () => r()));
  const ep = (echo.address() as { port: number }).port;
  const es: Socket = connect(ep, '127.0.0.1');
  await new Promise<void>((r) => es.once('connect', () => r()));
  es.setNoDelay(true);
  let handler: (c: Buffer) => void = () => {};
  es.on('data', (c) => handler(c));
  results.push({ ...(await roundTrips((s) => es.write(s), (f) => (handler = f), 'gc count', '#> ')), transport: 'baseline: bare TCP echo, Node' });
  es.destroy();
  const pyEcho = await pyRig(`socket://127.0.0.1:${ep}`);
  if (pyEcho) results.push({ ...pyEcho, transport: 'baseline: bare TCP echo, pyserial' });
  echo.close();

  const tcp = await startServe(['--tcp', '127.0.0.1:0'], /listening on ([\d.]+):(\d+)/);
  const sock: Socket = connect(Number(tcp.match[2]), tcp.match[1]);
  await new Promise<void>((r) => sock.once('connect', () => r()));
  sock.setNoDelay(true);
  let th: (c: Buffer) => void = () => {};
  sock.on('data', (c) => th(c));
  await waitPrompt((f) => (th = f), (s) => sock.write(s));
  results.push({ ...(await roundTrips((s) => sock.write(s), (f) => (th = f), 'gc count', '#> ')), transport: 'memsim serve --tcp, Node' });
  sock.destroy();
  const pyTcp = await pyRig(`socket://${tcp.match[1]}:${tcp.match[2]}`);
  if (pyTcp) results.push({ ...pyTcp, transport: 'memsim serve --tcp, pyserial' });
  tcp.stop();

  const pty = await startServe(['--pty'], /pseudo-terminal: (\S+)/);
  const port = await new Promise<SerialPort>((resolve, reject) => {
    const p = new SerialPort({ path: pty.match[1]!, baudRate: 115200 }, (e) => (e ? reject(e) : resolve(p)));
  });
  let ph: (c: Buffer) => void = () => {};
  port.on('data', (c: Buffer) => ph(c));
  await waitPrompt((f) => (ph = f), (s) => port.write(s));
  results.push({ ...(await roundTrips((s) => port.write(s), (f) => (ph = f), 'gc count', '#> ')), transport: 'memsim serve --pty, serialport' });
  await new Promise<void>((r) => port.close(() => r()));
  const pyPty = await pyRig(pty.match[1]!);
  if (pyPty) results.push({ ...pyPty, transport: 'memsim serve --pty, pyserial' });
  pty.stop();
  return results;
}

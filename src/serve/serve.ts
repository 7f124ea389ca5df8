// `memsim serve`: the device stands in for a gateway on a line a test rig already talks
// to. The device runs on a worker thread (it blocks while it paces virtual time); the
// transports here move console bytes: stdin/stdout, or a TCP port (pyserial's socket://).

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { Worker } from 'node:worker_threads';
import { feedRing, InputRing, type Pausable } from './input-ring.js';
import type { ServeWorkerData } from './device-worker.js';

export interface ServeOptions {
  source: ServeWorkerData['source'];
  speed: number | 'max';
  stateDir?: string | null;
  transport: { kind: 'stdio' } | { kind: 'tcp'; host: string; port: number } | { kind: 'serial'; path: string; baud: number } | { kind: 'pty'; baud: number };
  log: (line: string) => void;
}

export interface Serving {
  /** The TCP port actually bound (when --tcp asked for port 0). */
  port: number | null;
  /** --pty: the pseudo-terminal a rig opens. */
  rigPath: string | null;
  done: Promise<void>;
  stop(): Promise<void>;
}

/** Output a sink has not taken yet beyond which more is dropped (a line nobody reads loses bytes). */
const OUTPUT_BACKLOG_BYTES = 1 << 20;

export async function serve(options: ServeOptions): Promise<Serving> {
  const ring = new InputRing();
  const feeder = (source: Pausable) => feedRing(ring, source);
  /** Writes device output to a sink unless its backlog is over the limit (then drops, once noted). */
  const bounded = (name: string, sink: { writableLength: number; write(b: Buffer): unknown }) => {
    let dropping = false;
    return (text: string) => {
      if (sink.writableLength > OUTPUT_BACKLOG_BYTES) {
        if (!dropping) options.log(`memsim serve: ${name} is not reading; console output is dropped until it does`);
        dropping = true;
        return;
      }
      dropping = false;
      sink.write(Buffer.from(text, 'latin1'));
    };
  };
  const worker = new Worker(new URL('./device-worker.js', import.meta.url), {
    workerData: { ring: ring.shared, source: options.source, speed: options.speed, stateDir: options.stateDir ?? null } satisfies ServeWorkerData,
    // Script calls run on the worker's stack: give it room for CPython's 1000 frames.
    resourceLimits: { stackSizeMb: 16 },
  });
  let banner = '';
  const clients = new Set<Socket>();
  const stdoutOpen = options.transport.kind === 'stdio';
  const toStdout = bounded('stdout', process.stdout);
  const toClient = new WeakMap<Socket, (text: string) => void>();
  let send = (text: string) => {
    if (stdoutOpen) toStdout(text);
    for (const c of clients) if (!c.destroyed) toClient.get(c)?.(text);
  };
  let resolveDone!: () => void;
  const done = new Promise<void>((r) => (resolveDone = r));
  worker.on('message', (m: { type: string; text?: string; later?: string; message?: string }) => {
    if (m.type === 'input-ended') {
      // stdin's EOF (--stdio only): every answer was posted before this message; once stdout
      // has taken them, the device stops and `done` resolves (memsim exits 0).
      options.log('memsim serve: end of console input (stdin closed); stopping the device');
      process.stdout.write('', () => void worker.terminate());
    } else if (m.type === 'banner') {
      send(m.text!);
      banner = m.later ?? m.text!; // what a client connecting later sees first
    } else if (m.type === 'out') send(m.text!);
    else if (m.type === 'log') options.log(m.message!);
    else if (m.type === 'error') options.log(`memsim serve: the device stopped: ${m.message}`);
    else if (m.type === 'end') options.log('memsim serve: the scenario ended');
  });
  worker.on('error', (e) => options.log(`memsim serve: device thread failed: ${e.message}`));
  worker.on('exit', () => resolveDone());

  let server: Server | null = null;
  let port: number | null = null;
  let rigPath: string | null = null;
  let serial: SerialPort | null = null;
  let socat: ChildProcess | null = null;
  const openSerial = (path: string, baud: number) =>
    new Promise<SerialPort>((resolve, reject) => {
      const p = new SerialPort({ path, baudRate: baud }, (e) => (e ? reject(new Error(`${path}: ${e.message}`)) : resolve(p)));
    });
  if (options.transport.kind === 'pty') {
    // A pseudo-terminal pair from socat: socat holds the master and moves its bytes over pipes
    // to and from memsim; the rig opens the slave, as it would open a serial port. (One tty
    // hop each way: relaying between two pseudo-terminals cost a millisecond more at p99.)
    const dir = mkdtempSync(join(tmpdir(), 'memsim-pty-'));
    const rig = join(dir, 'rig');
    rigPath = rig;
    socat = spawn('socat', [`pty,raw,echo=0,link=${rig}`, 'stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const started = socat;
    process.on('exit', () => started.kill()); // the pair never outlives memsim
    await new Promise<void>((resolve, reject) => {
      started.on('error', (e) => reject(new Error(`cannot start socat (install it: apt-get install socat): ${e.message}`)));
      started.on('exit', (code) => reject(new Error(`socat exited with ${code}`)));
      const poll = setInterval(() => {
        if (existsSync(rig)) {
          clearInterval(poll);
          resolve();
        }
      }, 20);
    });
    started.removeAllListeners('exit');
    started.on('exit', (code) => options.log(`memsim serve: socat (the pseudo-terminal) exited with ${code}`));
    started.stdout!.on('data', feeder(started.stdout!));
    started.stdin!.on('error', (e) => options.log(`memsim serve: pseudo-terminal: ${e.message}`));
    const toPty = bounded('the pseudo-terminal', started.stdin!);
    const previous = send;
    send = (text: string) => {
      previous(text);
      if (started.stdin!.writable) toPty(text);
    };
    if (banner) toPty(banner);
    options.log(`memsim serve: rig side of the pseudo-terminal: ${rigPath}`);
  } else if (options.transport.kind === 'serial') {
    const devicePath = options.transport.path;
    serial = await openSerial(devicePath, options.transport.baud);
    serial.on('data', feeder(serial));
    serial.on('error', (e) => options.log(`memsim serve: serial line: ${e.message}`));
    const toLine = bounded(devicePath, serial);
    const previous = send;
    send = (text: string) => {
      previous(text);
      toLine(text);
    };
    if (banner) toLine(banner);
  } else if (options.transport.kind === 'stdio') {
    // Only stdin's EOF ends memsim: the device answers what came before it, then stops.
    // (A TCP client, serial line or pseudo-terminal going away never stops the device.)
    const feed = feeder(process.stdin);
    process.stdin.on('data', feed);
    process.stdin.on('end', () => feed.end());
  } else {
    const { host, port: wanted } = options.transport;
    server = createServer((socket) => {
      clients.add(socket);
      socket.setNoDelay(true);
      const toSocket = bounded(`client ${socket.remoteAddress}:${socket.remotePort}`, socket);
      toClient.set(socket, toSocket);
      if (banner) toSocket(banner);
      socket.on('data', feeder(socket));
      socket.on('close', () => clients.delete(socket));
      socket.on('error', () => clients.delete(socket)); // a client going away never stops the device
    });
    port = await new Promise<number>((resolve, reject) => {
      server!.once('error', reject);
      server!.listen(wanted, host, () => resolve((server!.address() as { port: number }).port));
    });
    options.log(`memsim serve: listening on ${host}:${port}`);
  }
  const stop = async () => {
    for (const c of clients) c.destroy();
    server?.close();
    if (serial?.isOpen) await new Promise<void>((r) => serial!.close(() => r()));
    socat?.kill();
    await worker.terminate();
  };
  return { port, rigPath, done, stop };
}

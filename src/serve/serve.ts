// `memsim serve`: the device stands in for a gateway on a line a test rig already talks
// to. The device runs on a worker thread (it blocks while it paces virtual time); the
// transports here move console bytes: stdin/stdout, or a TCP port (pyserial's socket://).

import { createServer, type Server, type Socket } from 'node:net';
import { Worker } from 'node:worker_threads';
import { InputRing } from './input-ring.js';
import type { ServeWorkerData } from './device-worker.js';

export interface ServeOptions {
  source: ServeWorkerData['source'];
  speed: number | 'max';
  transport: { kind: 'stdio' } | { kind: 'tcp'; host: string; port: number };
  log: (line: string) => void;
}

export interface Serving {
  /** The TCP port actually bound (when --tcp asked for port 0). */
  port: number | null;
  done: Promise<void>;
  stop(): Promise<void>;
}

export async function serve(options: ServeOptions): Promise<Serving> {
  const ring = new InputRing();
  const worker = new Worker(new URL('./device-worker.js', import.meta.url), {
    workerData: { ring: ring.shared, source: options.source, speed: options.speed } satisfies ServeWorkerData,
    // Script calls run on the worker's stack: give it room for CPython's 1000 frames.
    resourceLimits: { stackSizeMb: 16 },
  });
  let banner = '';
  const clients = new Set<Socket>();
  let stdoutOpen = options.transport.kind === 'stdio';
  const send = (text: string) => {
    if (stdoutOpen) process.stdout.write(text);
    for (const c of clients) if (!c.destroyed) c.write(text, 'latin1');
  };
  let resolveDone!: () => void;
  const done = new Promise<void>((r) => (resolveDone = r));
  worker.on('message', (m: { type: string; text?: string; message?: string }) => {
    if (m.type === 'banner') {
      banner = m.text!;
      send(banner);
    } else if (m.type === 'out') send(m.text!);
    else if (m.type === 'error') options.log(`memsim serve: the device stopped: ${m.message}`);
    else if (m.type === 'end') options.log('memsim serve: the scenario ended');
  });
  worker.on('error', (e) => options.log(`memsim serve: device thread failed: ${e.message}`));
  worker.on('exit', () => resolveDone());

  let server: Server | null = null;
  let port: number | null = null;
  if (options.transport.kind === 'stdio') {
    process.stdin.on('data', (chunk: Buffer) => ring.write(new Uint8Array(chunk)));
    process.stdin.on('end', () => {
      stdoutOpen = true;
    });
  } else {
    const { host, port: wanted } = options.transport;
    server = createServer((socket) => {
      clients.add(socket);
      socket.setNoDelay(true);
      if (banner) socket.write(banner, 'latin1');
      socket.on('data', (chunk) => ring.write(new Uint8Array(chunk)));
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
    await worker.terminate();
  };
  return { port, done, stop };
}

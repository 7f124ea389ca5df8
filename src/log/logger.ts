// The host's one logger (pino): JSON lines on stderr, pretty when stderr is a terminal.
// Lines about the device carry its virtual time (`t`, seconds), not the wall clock.
import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export function createLogger(level: LogLevel, options: { pretty?: boolean } = {}): Logger {
  const usePretty = options.pretty ?? Boolean(process.stderr.isTTY);
  const stream = usePretty
    ? pretty({ destination: 2, sync: true, ignore: 'pid,hostname', translateTime: false })
    : pino.destination({ dest: 2, sync: true });
  return pino({ level, base: undefined, timestamp: false }, stream);
}

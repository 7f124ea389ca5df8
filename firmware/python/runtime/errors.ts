// How a Python exception travels through the interpreter: a JS throw of PyException,
// carrying the exception object (a heap reference the throw owns) and the traceback
// entries gathered as it leaves each frame. JS `Error` is avoided on purpose: it
// captures a host stack trace on every raise, which Python code raises often.

import type { ObjId } from '../../memory/index.js';

export interface TracebackEntry {
  file: string;
  line: number;
  /** `<module>` or the function's name. */
  name: string;
}

export class PyException {
  /** Innermost frame first; the printer reverses them. */
  readonly traceback: TracebackEntry[] = [];
  /** The last frame a heap traceback object was added for (one per frame, as PyTraceBack_Here). */
  lastFrame: unknown = null;

  constructor(
    /** The exception instance; the PyException owns one reference to it. */
    public exc: ObjId,
  ) {}
}

/**
 * Stops the script whatever it catches: a watchdog reset, an exhausted instruction budget,
 * a SystemExit on its way out. Not a Python exception: `except:` never sees it.
 */
export class DeviceStop {
  constructor(
    readonly reason: 'watchdog' | 'fuel' | 'exit' | 'reset' | 'end',
    readonly message: string,
    readonly exitCode = 0,
  ) {}
}

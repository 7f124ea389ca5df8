// The device's flash (`memsim serve --state DIR`): crash records, console settings and the
// auto-start entries set from the console, that
// survive reboots and restarts of memsim. Every write goes to a temporary file that is
// flushed and renamed over the old one, so a record is either fully written or absent.

import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export interface CrashEntry {
  atS: number;
  kind: string;
  where: string;
  message: string;
  /** Which run of memsim recorded it (1 for the first start with this state directory). */
  run: number;
}

export interface Settings {
  format: 'text' | 'json';
  echo: boolean;
  runs: number;
  /** Auto-start entries changed from the console (`set python`); absent: the scenario's apps. */
  autostart?: { index: number; file: string; args: string[]; onexit: 'none' | 'restart' | 'reboot'; state: 'on' | 'off' }[];
}

export class Flash {
  private readonly crashFile: string;
  private readonly settingsFile: string;
  crashes: CrashEntry[];
  settings: Settings;

  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
    this.crashFile = join(dir, 'crashlog.jsonl');
    this.settingsFile = join(dir, 'settings.json');
    this.crashes = readLines<CrashEntry>(this.crashFile);
    // A line torn by a power cut is dropped now, so that the next record starts a line of its own.
    if (existsSync(this.crashFile)) {
      const text = readFileSync(this.crashFile, 'utf8');
      if (text !== '' && !text.endsWith('\n')) writeAtomically(this.crashFile, this.crashes.map((c) => `${JSON.stringify(c)}\n`).join(''));
    }
    this.settings = { format: 'text', echo: true, runs: 0, ...readJson<Partial<Settings>>(this.settingsFile, {}) };
    this.settings.runs++;
    this.saveSettings();
  }

  /**
   * Appends one record as one line, written with one write and flushed: a crash loop costs a
   * line per crash, not a rewrite of the whole log, and a power cut can tear only the last
   * line, which reads as absent.
   */
  addCrash(entry: Omit<CrashEntry, 'run'>): void {
    const record = { ...entry, run: this.settings.runs };
    this.crashes.push(record);
    const fd = openSync(this.crashFile, 'a');
    try {
      writeSync(fd, `${JSON.stringify(record)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  clearCrashes(): void {
    this.crashes = [];
    writeAtomically(this.crashFile, '');
  }

  saveSettings(): void {
    writeAtomically(this.settingsFile, JSON.stringify(this.settings, null, 1));
  }
}

function readJson<T>(file: string, fallback: T): T {
  if (!existsSync(file)) return fallback;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return fallback; // a file memsim did not write whole is treated as absent
  }
}

/** The records of a JSON-lines file; a line that is not whole JSON (torn by a power cut) is skipped. */
function readLines<T>(file: string): T[] {
  if (!existsSync(file)) return [];
  const out: T[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    try {
      out.push(JSON.parse(line) as T);
    } catch {
      // torn: absent
    }
  }
  return out;
}

function writeAtomically(file: string, text: string): void {
  const tmp = `${file}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}

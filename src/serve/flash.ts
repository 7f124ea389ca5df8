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

/** Writes a warning about the flash (default: to stderr). */
export type FlashWarn = (message: string) => void;

const toStderr: FlashWarn = (message) => void process.stderr.write(`memsim: ${message}\n`);

export class Flash {
  private readonly crashFile: string;
  private readonly settingsFile: string;
  crashes: CrashEntry[];
  /** Whole lines of the crash log that are not crash records (kept in the file, left out of `crashes`). */
  skippedCrashRecords = 0;
  settings: Settings;

  constructor(readonly dir: string, warn: FlashWarn = toStderr) {
    mkdirSync(dir, { recursive: true });
    this.crashFile = join(dir, 'crashlog.jsonl');
    this.settingsFile = join(dir, 'settings.json');
    this.crashes = [];
    if (existsSync(this.crashFile)) {
      let text = readFileSync(this.crashFile, 'utf8');
      // A last line torn by a power cut (no newline: its write never finished) is dropped now,
      // so that the next record starts a line of its own. Whole lines are all kept.
      if (text !== '' && !text.endsWith('\n')) {
        const torn = text.slice(text.lastIndexOf('\n') + 1);
        text = text.slice(0, text.length - torn.length);
        writeAtomically(this.crashFile, text);
        warn(`${this.crashFile}: dropped a torn last line (${torn.length} characters, an unfinished write)`);
      }
      const { records, skipped } = readCrashRecords(text);
      this.crashes = records;
      this.skippedCrashRecords = skipped;
      if (skipped > 0) warn(`${this.crashFile}: ${skipped} unreadable crash record${skipped === 1 ? '' : 's'} skipped (left in the file)`);
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
    this.skippedCrashRecords = 0;
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

/** Whether a parsed line has the shape of a crash record memsim writes. */
function isCrashEntry(v: unknown): v is CrashEntry {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const r = v as Record<string, unknown>;
  return typeof r.atS === 'number' && Number.isFinite(r.atS) && r.atS >= 0
    && typeof r.kind === 'string' && r.kind !== ''
    && typeof r.where === 'string'
    && typeof r.message === 'string'
    && typeof r.run === 'number' && Number.isSafeInteger(r.run) && r.run >= 1;
}

/**
 * The crash records of the log's text, one JSON object a line; a line that is not JSON or not a
 * crash record's shape is counted in `skipped` instead.
 */
function readCrashRecords(text: string): { records: CrashEntry[]; skipped: number } {
  const records: CrashEntry[] = [];
  let skipped = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      skipped++;
      continue;
    }
    if (!isCrashEntry(value)) {
      skipped++;
      continue;
    }
    records.push({ atS: value.atS, kind: value.kind, where: value.where, message: value.message, run: value.run });
  }
  return { records, skipped };
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

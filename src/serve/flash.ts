// The device's flash (`memsim serve --state DIR`): crash records, console settings and the
// auto-start entries set from the console, that
// survive reboots and restarts of memsim. Every write goes to a temporary file that is
// flushed and renamed over the old one, so a record is either fully written or absent.

import { closeSync, constants, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { AUTOSTART_ENTRIES } from '../../firmware/device/device.js';

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
    this.settings = this.loadSettings(warn);
    // The run counter goes on from the newest record, even when the settings were lost.
    this.settings.runs = this.crashes.reduce((m, c) => Math.max(m, c.run), this.settings.runs) + 1;
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

  /**
   * The settings file, each field checked: a bad field falls back to its default and a file
   * that is not settings at all to the defaults, each with a warning naming the file (and
   * field). The file is about to be written again, so a file not read whole is first kept
   * aside as settings.json.corrupt-N: nothing recorded is lost.
   */
  private loadSettings(warn: FlashWarn): Settings {
    const defaults = (): Settings => ({ format: 'text', echo: true, runs: 0 });
    let text: string;
    try {
      text = readFileSync(this.settingsFile, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return defaults();
      text = '';
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      value = undefined;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      const aside = this.keepAside();
      warn(`${this.settingsFile}: not readable settings (${text === '' ? 'empty' : 'not a JSON object'}); using the defaults; the file is kept as ${aside}`);
      return defaults();
    }
    const raw = value as Record<string, unknown>;
    const settings: Settings = { ...raw, ...defaults() } as Settings; // fields memsim does not know are kept
    const bad: string[] = [];
    const field = (name: string, ok: (v: unknown) => boolean, expected: string, fallback: string, set: (v: never) => void) => {
      if (!(name in raw)) return;
      if (ok(raw[name])) set(raw[name] as never);
      else bad.push(`field "${name}" is ${JSON.stringify(raw[name]) ?? String(raw[name])} (expected ${expected}); using ${fallback}`);
    };
    field('format', (v) => v === 'text' || v === 'json', '"text" or "json"', '"text"', (v: Settings['format']) => (settings.format = v));
    field('echo', (v) => typeof v === 'boolean', 'true or false', 'true', (v: boolean) => (settings.echo = v));
    field('runs', (v) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0, 'a whole number, 0 or more', 'the crash log\'s newest run', (v: number) => (settings.runs = v));
    delete settings.autostart;
    field('autostart', isAutostartList, `a list of entries {index 1-${AUTOSTART_ENTRIES}, file, args, onexit none|restart|reboot, state on|off}`, 'the scenario\'s apps',
      (v: NonNullable<Settings['autostart']>) => (settings.autostart = v));
    if (bad.length > 0) {
      const aside = this.keepAside();
      for (const b of bad) warn(`${this.settingsFile}: ${b}`);
      warn(`${this.settingsFile}: the file as it was is kept as ${aside}`);
    }
    return settings;
  }

  /** Copies the settings file to the first free settings.json.corrupt-N; returns that path. */
  private keepAside(): string {
    let n = 1;
    while (existsSync(`${this.settingsFile}.corrupt-${n}`)) n++;
    const aside = `${this.settingsFile}.corrupt-${n}`;
    copyFileSync(this.settingsFile, aside, constants.COPYFILE_EXCL);
    return aside;
  }

  saveSettings(): void {
    writeAtomically(this.settingsFile, JSON.stringify(this.settings, null, 1));
  }
}

function isAutostartList(v: unknown): v is NonNullable<Settings['autostart']> {
  if (!Array.isArray(v)) return false;
  const seen = new Set<number>();
  return v.every((e: unknown) => {
    if (typeof e !== 'object' || e === null) return false;
    const r = e as Record<string, unknown>;
    const ok = typeof r.index === 'number' && Number.isInteger(r.index) && r.index >= 1 && r.index <= AUTOSTART_ENTRIES && !seen.has(r.index)
      && typeof r.file === 'string' && r.file !== ''
      && Array.isArray(r.args) && r.args.every((a) => typeof a === 'string')
      && (r.onexit === 'none' || r.onexit === 'restart' || r.onexit === 'reboot')
      && (r.state === 'on' || r.state === 'off');
    if (ok) seen.add(r.index as number);
    return ok;
  });
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

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
    this.crashFile = join(dir, 'crashlog.json');
    this.settingsFile = join(dir, 'settings.json');
    this.crashes = readJson<CrashEntry[]>(this.crashFile, []);
    this.settings = { format: 'text', echo: true, runs: 0, ...readJson<Partial<Settings>>(this.settingsFile, {}) };
    this.settings.runs++;
    this.saveSettings();
  }

  addCrash(entry: Omit<CrashEntry, 'run'>): void {
    this.crashes.push({ ...entry, run: this.settings.runs });
    writeAtomically(this.crashFile, JSON.stringify(this.crashes, null, 1));
  }

  clearCrashes(): void {
    this.crashes = [];
    writeAtomically(this.crashFile, '[]');
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

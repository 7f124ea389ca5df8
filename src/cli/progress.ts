// A progress bar for long runs: stderr only, and only when stderr is a terminal.
export class ProgressBar {
  private lastDrawMs = 0;
  private drawn = false;

  constructor(
    private readonly label: string,
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly enabled = Boolean(process.stderr.isTTY),
  ) {}

  /** Redraws at most five times a second. */
  update(nowS: number, durationS: number, startedMs: number): void {
    if (!this.enabled) return;
    const wall = Date.now();
    if (wall - this.lastDrawMs < 200) return;
    this.lastDrawMs = wall;
    const frac = Math.min(1, durationS > 0 ? nowS / durationS : 1);
    const width = 30;
    const filled = Math.round(frac * width);
    const elapsed = (wall - startedMs) / 1000;
    const eta = frac > 0 ? elapsed * (1 - frac) / frac : 0;
    this.stream.write(`\r${this.label} [${'='.repeat(filled)}${' '.repeat(width - filled)}] ${(frac * 100).toFixed(0).padStart(3)}%  ${formatDays(nowS)} of ${formatDays(durationS)}  ETA ${eta.toFixed(0)} s `);
    this.drawn = true;
  }

  done(): void {
    if (this.drawn) this.stream.write('\r\x1b[K');
  }
}

function formatDays(s: number): string {
  if (s >= 86400) return `${(s / 86400).toFixed(1)} d`;
  if (s >= 3600) return `${(s / 3600).toFixed(1)} h`;
  return `${s.toFixed(0)} s`;
}

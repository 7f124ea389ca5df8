// Durations and sizes with units, as scenario files and command-line flags write them.

const DURATION_UNITS: Record<string, number> = { ms: 0.001, s: 1, sec: 1, m: 60, min: 60, h: 3600, d: 86400 };
const SIZE_UNITS: Record<string, number> = { '': 1, b: 1, k: 1000, kb: 1000, kib: 1024, m: 1e6, mb: 1e6, mib: 1048576, g: 1e9, gb: 1e9, gib: 1073741824 };

/** Seconds from `30d`, `1h`, `10m`, `2.5s`, `500ms` or a bare number of seconds; null when malformed. */
export function parseDuration(text: string | number): number | null {
  if (typeof text === 'number') return Number.isFinite(text) && text >= 0 ? text : null;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  if (!m) return null;
  const unit = m[2]!.toLowerCase();
  const scale = unit === '' ? 1 : DURATION_UNITS[unit];
  return scale === undefined ? null : Number(m[1]) * scale;
}

/** Bytes from `4MiB`, `512KiB`, `1.5MB` or a bare number; null when malformed. */
export function parseSizeText(text: string | number): number | null {
  if (typeof text === 'number') return Number.isSafeInteger(text) && text >= 0 ? text : null;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  if (!m) return null;
  const scale = SIZE_UNITS[m[2]!.toLowerCase()];
  return scale === undefined ? null : Math.round(Number(m[1]) * scale);
}

/** A rate such as `5/min`, `1/h`, `0.5/s`, as events per second; null when malformed. */
export function parseRate(text: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*\/\s*([a-z]+)\s*$/i.exec(text);
  if (!m) return null;
  const per = DURATION_UNITS[m[2]!.toLowerCase()];
  return per === undefined ? null : Number(m[1]) / per;
}

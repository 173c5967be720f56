/** Parses durations: a number is milliseconds; a string carries a unit (us, µs, ms, s). Returns microseconds. */
export function parseDuration(value: unknown): number | string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return `expected a finite duration, got ${value}`;
    return value * 1000;
  }
  if (typeof value !== 'string') return `expected a duration (number of ms, or a string such as "5ms", "200us", "2s"), got ${typeof value}`;
  const m = /^\s*(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)\s*(us|µs|ms|s)\s*$/i.exec(value);
  if (!m) return `"${value}" is not a duration (use a number of ms, or a string such as "5ms", "200us", "2s")`;
  const n = Number(m[1]);
  const unit = m[2]!.toLowerCase();
  const scale = unit === 's' ? 1e6 : unit === 'ms' ? 1e3 : 1;
  return n * scale;
}

/** Formats microseconds for humans ("850us", "12.5ms", "3s"). */
export function formatDuration(us: number): string {
  if (!Number.isFinite(us)) return String(us);
  if (Math.abs(us) >= 1e6) return `${+(us / 1e6).toPrecision(4)}s`;
  if (Math.abs(us) >= 1e3) return `${+(us / 1e3).toPrecision(4)}ms`;
  return `${+us.toPrecision(4)}us`;
}

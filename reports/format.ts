/** Number formatting shared by the terminal table, the HTML, markdown and comparison outputs. */

/** What every human-readable output shows for a value that was not measured (never `0`, never blank). */
export const NOT_MEASURED = '–';

/** `format(value)` when the value was measured, NOT_MEASURED otherwise. */
export function ifMeasured<T>(measured: boolean, value: T, format: (v: T) => string): string {
  return measured ? format(value) : NOT_MEASURED;
}

/** Microseconds as milliseconds with about three significant digits (`1.23`, `12.3`, `123`). */
export function fmtMs(us: number): string {
  if (!Number.isFinite(us)) return NOT_MEASURED;
  const ms = us / 1000;
  if (ms === 0) return '0';
  const a = Math.abs(ms);
  return a >= 100 ? ms.toFixed(0) : a >= 10 ? ms.toFixed(1) : a >= 0.01 ? ms.toFixed(2) : ms.toFixed(3);
}

/** A fraction as a percentage (`26.41`, `<0.01`, `0`). */
export function fmtPct(f: number): string {
  if (!Number.isFinite(f)) return NOT_MEASURED;
  if (f === 0) return '0';
  if (Math.abs(f) < 0.0001) return '<0.01';
  return (f * 100).toFixed(2);
}

/** A count or rate with thousands separators and no decimals. */
export function fmtInt(x: number): string {
  return Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : NOT_MEASURED;
}

/** A general number with up to `digits` significant digits (integers stay whole). */
export function fmtNum(x: number, digits = 4): string {
  if (!Number.isFinite(x)) return NOT_MEASURED;
  if (Number.isInteger(x)) return String(x);
  return String(+x.toPrecision(digits));
}

/** A ratio such as `2.4×`. */
export function fmtRatio(r: number): string {
  if (!Number.isFinite(r)) return '∞×';
  return `${r >= 10 ? r.toFixed(0) : r >= 1.995 ? r.toFixed(1) : r.toFixed(2)}×`;
}

/**
 * Fitting the simulator's distributions to measured samples (µs): a lognormal by its median and
 * spread (sigma from the 15.9th and 84.1st percentiles, ±1 standard deviation of the log: robust
 * to the rare outliers a shared machine adds), or an empirical distribution of evenly spaced
 * quantiles. Pure functions, no I/O.
 */
import type { DistSpec } from '../../sim/distributions.js';

/** How distributions can be fitted (backend.calibrate.fit, `replbench calibrate --fit`). */
export const CALIBRATION_FITS = ['lognormal', 'empirical'] as const;

/** How a distribution is fitted. */
export type FitKind = (typeof CALIBRATION_FITS)[number];

/** The `q` quantile (0..1) of ascending `sorted` values, by linear interpolation. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const at = Math.min(1, Math.max(0, q)) * (sorted.length - 1);
  const lo = Math.floor(at);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

/** `x` to four significant digits (fitted parameters carry no more precision than that). */
const sig4 = (x: number): number => Number(x.toPrecision(4));

/** Φ(−1) and Φ(1): the share of a normal distribution below −1 and +1 standard deviation. */
const P16 = 0.15865525393145707;
const P84 = 0.8413447460685429;

/** A lognormal with the samples' median and sigma = (ln p84.1 − ln p15.9) / 2. Samples must be positive. */
export function fitLognormal(samples: readonly number[]): DistSpec {
  const s = [...samples].sort((a, b) => a - b);
  if (s.length === 0) throw new Error('no samples to fit');
  const median = Math.max(1e-3, quantile(s, 0.5));
  const lo = Math.max(1e-3, quantile(s, P16));
  const hi = Math.max(lo, quantile(s, P84));
  return { dist: 'lognormal', median: sig4(median), sigma: sig4(Math.log(hi / lo) / 2) };
}

/** An empirical distribution of `points` quantiles, at (i + 0.5) / points. */
export function fitEmpirical(samples: readonly number[], points = 100): DistSpec {
  const s = [...samples].sort((a, b) => a - b);
  if (s.length === 0) throw new Error('no samples to fit');
  const n = Math.min(points, s.length);
  return { dist: 'empirical', values: Array.from({ length: n }, (_, i) => sig4(quantile(s, (i + 0.5) / n))) };
}

/** Fits `samples` with `kind`. */
export function fit(samples: readonly number[], kind: FitKind): DistSpec {
  return kind === 'lognormal' ? fitLognormal(samples) : fitEmpirical(samples);
}

/** A few quantiles of samples (µs), for reports. */
export interface SampleSummary {
  readonly count: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
}

/** Summarises samples. */
export function summarise(samples: readonly number[]): SampleSummary {
  const s = [...samples].sort((a, b) => a - b);
  return { count: s.length, p50: quantile(s, 0.5), p90: quantile(s, 0.9), p99: quantile(s, 0.99) };
}

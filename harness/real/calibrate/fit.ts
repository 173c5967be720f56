/**
 * Fitting the simulator's distributions to measured samples (µs): a lognormal by its median and
 * spread (sigma from the median and the 84.1st percentile, one standard deviation of the log
 * above it: robust to the rare outliers a shared machine adds), or an empirical distribution of
 * evenly spaced quantiles. Pure functions, no I/O.
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

/** Φ(1): the share of a normal distribution below +1 standard deviation. */
const P84 = 0.8413447460685429;

/**
 * A lognormal with the samples' median and sigma = ln(p84.1 / median): it reproduces the median and
 * the upper spread (the side latency tails are on). Below the median a measured service time can
 * pile up at the 1 µs floor (an operation as cheap as the no-work round trip), which a symmetric
 * fit would turn into a spread the operation does not have. Samples must be positive.
 */
export function fitLognormal(samples: readonly number[]): DistSpec {
  const s = [...samples].sort((a, b) => a - b);
  if (s.length === 0) throw new Error('no samples to fit');
  const median = Math.max(1e-3, quantile(s, 0.5));
  const hi = Math.max(median, quantile(s, P84));
  return { dist: 'lognormal', median: sig4(median), sigma: sig4(Math.log(hi / median)) };
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

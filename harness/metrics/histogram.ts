/**
 * Integer-microsecond histograms (3 significant digits) backed by Node's native HDR histogram
 * (perf_hooks). Node's histogram rejects 0, so values are stored shifted by +1 and every
 * read-out shifts back; the +1 is exact and invisible to callers.
 */
import { createHistogram, type RecordableHistogram } from 'node:perf_hooks';

/** Summary of a histogram: counts and percentiles, in the histogram's unit (µs for latencies). */
export interface HistogramSummary {
  readonly count: number;
  readonly mean: number;
  readonly min: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly p999: number;
  readonly max: number;
  /** Percentile curve: [percentile, value] pairs as HDR iterates them (for charts). */
  readonly curve: readonly (readonly [number, number])[];
}

/** A recording histogram of non-negative values, rounded to integers. */
export class Histogram {
  private readonly h: RecordableHistogram = createHistogram({ lowest: 1, highest: 9_007_199_254_740_991, figures: 3 });
  private n = 0;

  /** Records one value (rounded to the nearest integer, clamped at 0). */
  record(value: number): void {
    const v = value > 0 ? Math.round(value) + 1 : 1;
    this.h.record(v);
    this.n++;
  }

  /** Number of recorded values. */
  get count(): number {
    return this.n;
  }

  /** Adds every value recorded in `other`. */
  add(other: Histogram): void {
    if (other.n === 0) return;
    this.h.add(other.h);
    this.n += other.n;
  }

  /** The value at percentile `p` (0–100). */
  percentile(p: number): number {
    return this.n === 0 ? 0 : this.h.percentile(p) - 1;
  }

  /** Count, mean and percentiles. */
  summary(): HistogramSummary {
    if (this.n === 0) return { count: 0, mean: 0, min: 0, p50: 0, p90: 0, p99: 0, p999: 0, max: 0, curve: [] };
    const curve: [number, number][] = [];
    for (const [pct, value] of this.h.percentiles) curve.push([pct, value - 1]);
    return {
      count: this.n,
      mean: this.h.mean - 1,
      min: this.h.min - 1,
      p50: this.percentile(50),
      p90: this.percentile(90),
      p99: this.percentile(99),
      p999: this.percentile(99.9),
      max: this.h.max - 1,
      curve,
    };
  }
}

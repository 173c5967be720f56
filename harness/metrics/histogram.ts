/**
 * Integer-microsecond histograms (3 significant digits) with the read-outs of Node's native HDR
 * histogram (perf_hooks). Node's histogram rejects 0, so values are stored shifted by +1 and
 * every read-out shifts back; the +1 is exact and invisible to callers.
 *
 * Recording is the hot path (every operation, every replicated write), and a call into the
 * native histogram costs several times a plain array increment. So values are counted here, in
 * HDR's own buckets (the same index function: lowest 1, highest 2^53 − 1, 3 figures), and the
 * native histogram is built only when a read-out is asked for. Every read-out of an HDR
 * histogram (count, min, max, mean, percentiles, the percentile curve) depends only on its
 * bucket counts, so the results are those of recording every value natively. The native
 * histogram is filled with each bucket's lowest value (as HDR's own `add` does) in binary
 * powers of its count: a few records per bucket and one doubling per bit, not one per value.
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

/** HDR's layout for 3 significant figures and unit 1: 2048 sub-buckets, half of them (1024) per bucket above the first. */
const SUB_HALF_BITS = 10;
const SUB_HALF = 1 << SUB_HALF_BITS;
const SUB_COUNT = 2 * SUB_HALF;
const TWO_32 = 4294967296;

/** HDR's counts index of `v` (an integer, 1 <= v <= 2^53 − 1). */
export function hdrIndex(v: number): number {
  if (v < SUB_COUNT) return v;
  // bucket = (position of the highest bit) − 10; sub-bucket = v >> bucket, in [1024, 2048).
  const k = v < TWO_32 ? 31 - Math.clz32(v) : 63 - Math.clz32(Math.floor(v / TWO_32));
  const bucket = k - SUB_HALF_BITS;
  const sub = v < TWO_32 ? v >>> bucket : Math.floor(v / 2 ** bucket);
  return ((bucket + 1) << SUB_HALF_BITS) + sub - SUB_HALF;
}

/** The lowest value of HDR counts index `i` (HDR's value_at_index). */
export function hdrValueAt(i: number): number {
  let bucket = (i >> SUB_HALF_BITS) - 1;
  let sub = (i & (SUB_HALF - 1)) + SUB_HALF;
  if (bucket < 0) {
    sub -= SUB_HALF;
    bucket = 0;
  }
  return sub * 2 ** bucket;
}

/** A recording histogram of non-negative values, rounded to integers. */
export class Histogram {
  /** Counts per HDR index (grown to the highest index recorded). */
  private counts = new Float64Array(0);
  private n = 0;
  /** The native histogram holding the same counts, built on demand (null after a change). */
  private native: RecordableHistogram | null = null;

  /** Records one value (rounded to the nearest integer, clamped at 0). */
  record(value: number): void {
    const v = value > 0 ? Math.round(value) + 1 : 1;
    if (!(v <= Number.MAX_SAFE_INTEGER)) throw new RangeError(`histogram value out of range: ${value}`);
    const i = hdrIndex(v);
    if (i >= this.counts.length) this.grow(i);
    this.counts[i]!++;
    this.n++;
    this.native = null;
  }

  private grow(i: number): void {
    const c = new Float64Array(Math.max(i + 1, this.counts.length * 2, 2 * SUB_COUNT));
    c.set(this.counts);
    this.counts = c;
  }

  /** Number of recorded values. */
  get count(): number {
    return this.n;
  }

  /** Adds every value recorded in `other`. */
  add(other: Histogram): void {
    if (other.n === 0) return;
    const oc = other.counts;
    if (oc.length > this.counts.length) this.grow(oc.length - 1);
    const c = this.counts;
    for (let i = 0; i < oc.length; i++) c[i]! += oc[i]!;
    this.n += other.n;
    this.native = null;
  }

  /** The native histogram with these counts. */
  private built(): RecordableHistogram {
    if (this.native) return this.native;
    const c = this.counts;
    let top = 0;
    for (let i = 0; i < c.length; i++) if (c[i]! > top) top = c[i]!;
    let bits = 0;
    while (2 ** bits <= top) bits++;
    // Horner over the bits of the counts, most significant first: h = 2·h + (buckets whose count has this bit).
    const h = createHistogram({ lowest: 1, highest: Number.MAX_SAFE_INTEGER, figures: 3 });
    for (let bit = bits - 1; bit >= 0; bit--) {
      if (h.count > 0) {
        const copy = createHistogram({ lowest: 1, highest: Number.MAX_SAFE_INTEGER, figures: 3 });
        copy.add(h);
        h.add(copy);
      }
      const w = 2 ** bit;
      for (let i = 0; i < c.length; i++) if (Math.floor(c[i]! / w) % 2 === 1) h.record(hdrValueAt(i));
    }
    this.native = h;
    return h;
  }

  /** The value at percentile `p` (0–100). */
  percentile(p: number): number {
    return this.n === 0 ? 0 : this.built().percentile(p) - 1;
  }

  /** Count, mean and percentiles. */
  summary(): HistogramSummary {
    if (this.n === 0) return { count: 0, mean: 0, min: 0, p50: 0, p90: 0, p99: 0, p999: 0, max: 0, curve: [] };
    const h = this.built();
    const curve: [number, number][] = [];
    for (const [pct, value] of h.percentiles) curve.push([pct, value - 1]);
    return {
      count: this.n,
      mean: h.mean - 1,
      min: h.min - 1,
      p50: this.percentile(50),
      p90: this.percentile(90),
      p99: this.percentile(99),
      p999: this.percentile(99.9),
      max: h.max - 1,
      curve,
    };
  }
}

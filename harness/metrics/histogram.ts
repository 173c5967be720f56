/**
 * Integer-microsecond histograms (3 significant digits) with the read-outs of Node's native HDR
 * histogram (perf_hooks `createHistogram`), value for value. HDR rejects 0, so
 * values are stored shifted by +1 and every read-out shifts back; the +1 is exact and invisible
 * to callers.
 *
 * Recording is the hot path (every operation, every replicated write), and a call into the
 * native histogram costs several times a plain array increment. So values are counted here, in
 * HDR's own buckets (its index function for lowest 1, highest 2^53 − 1, 3 figures: 2048
 * sub-buckets, then buckets of 1024 twice as wide each), and the read-outs are HDR's (its C
 * code, HdrHistogram_c as vendored by Node) computed from the counts: every read-out of an HDR
 * histogram depends only on its bucket counts. test/histogram-read-outs-match-node-hdr.test.ts
 * checks them against native recording.
 */
import { grown } from '../typed-arrays.js';

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

/** HDR's counts length for this layout (44 buckets of 1024 sub-buckets cover 2^53). */
const COUNTS_LEN = 44 * SUB_HALF;

/** Width of the bucket holding counts index `i` (HDR's size_of_equivalent_value_range). */
function bucketWidth(i: number): number {
  const bucket = (i >> SUB_HALF_BITS) - 1;
  return bucket < 0 ? 1 : 2 ** bucket;
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
  /** Records one value (rounded to the nearest integer, clamped at 0). */
  record(value: number): void {
    const v = value > 0 ? Math.round(value) + 1 : 1;
    if (!(v <= Number.MAX_SAFE_INTEGER)) throw new RangeError(`histogram value out of range: ${value}`);
    const i = hdrIndex(v);
    if (i >= this.counts.length) this.grow(i);
    this.counts[i]!++;
    this.n++;
  }

  private grow(i: number): void {
    this.counts = grown(this.counts, Math.max(i + 1, this.counts.length * 2, 2 * SUB_COUNT));
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
  }

  /** HDR's highest value equivalent to `v` (the top of its bucket). */
  private static highest(v: number): number {
    const i = hdrIndex(v);
    return hdrValueAt(i) + bucketWidth(i) - 1;
  }

  /** The value at percentile `p` (0–100): HDR's value_at_percentile, −1. */
  percentile(p: number): number {
    if (this.n === 0) return 0;
    const requested = p < 100 ? p : 100;
    let target = Math.trunc((requested / 100) * this.n + 0.5);
    if (target < 1) target = 1;
    const c = this.counts;
    let total = 0;
    for (let i = 0; i < c.length; i++) {
      total += c[i]!;
      if (total >= target) return Histogram.highest(hdrValueAt(i)) - 1;
    }
    return -1;
  }

  /** HDR's mean: each bucket's count times its median-equivalent value (a 64-bit integer sum), over the count; −1. */
  private mean(): number {
    const c = this.counts;
    let sum = 0;
    for (let i = 0; i < c.length; i++) if (c[i]! !== 0) sum += c[i]! * (hdrValueAt(i) + Math.floor(bucketWidth(i) / 2));
    if (sum >= 2 ** 53) {
      // Beyond doubles' exact integers: redo the sum as HDR does, in 64-bit integers (which wrap around).
      let big = 0n;
      for (let i = 0; i < c.length; i++) if (c[i]! !== 0) big = BigInt.asIntN(64, big + BigInt.asIntN(64, BigInt(c[i]!) * BigInt(hdrValueAt(i) + Math.floor(bucketWidth(i) / 2))));
      sum = Number(big);
    }
    return sum / this.n - 1;
  }

  /**
   * The percentile curve as HDR's percentile iterator gives it (one tick per half distance, as
   * Node's `percentiles` asks): [percentile, lowest value of the bucket reached] − 1, keyed by
   * percentile as Node's Map is.
   */
  private curve(): [number, number][] {
    const c = this.counts;
    const total = this.n;
    const out = new Map<number, number>();
    // HdrHistogram_c's percentile_iter_next, step for step (Node calls it until it returns false).
    let index = -1;
    let count = 0;
    let cumulative = 0;
    let value = 0;
    let next = 0;
    let percentile = 0;
    let seenLast = false;
    const basicNext = (): boolean => {
      if (!(cumulative < total) || index >= COUNTS_LEN) return false;
      index++;
      if (index < COUNTS_LEN) {
        count = index < c.length ? c[index]! : 0;
        cumulative += count;
        value = hdrValueAt(index);
      }
      return true;
    };
    const iterNext = (): boolean => {
      if (!(cumulative < total)) {
        if (seenLast) return false;
        seenLast = true;
        percentile = 100;
        return true;
      }
      if (index === -1 && !basicNext()) return false;
      do {
        const current = (100 * cumulative) / total;
        if (count !== 0 && next <= current) {
          percentile = next;
          const temp = Math.trunc(Math.log(100 / (100 - next)) / Math.log(2)) + 1;
          next += 100 / Math.trunc(2 ** temp);
          return true;
        }
      } while (basicNext());
      return true;
    };
    while (iterNext()) out.set(percentile, value - 1);
    return [...out];
  }

  /** Count, mean and percentiles. */
  summary(): HistogramSummary {
    if (this.n === 0) return { count: 0, mean: 0, min: 0, p50: 0, p90: 0, p99: 0, p999: 0, max: 0, curve: [] };
    const c = this.counts;
    let lo = 0;
    while (c[lo] === 0) lo++;
    let hi = c.length - 1;
    while (c[hi] === 0) hi--;
    return {
      count: this.n,
      mean: this.mean(),
      min: hdrValueAt(lo) - 1,
      p50: this.percentile(50),
      p90: this.percentile(90),
      p99: this.percentile(99),
      p999: this.percentile(99.9),
      max: Histogram.highest(hdrValueAt(hi)) - 1,
      curve: this.curve(),
    };
  }
}

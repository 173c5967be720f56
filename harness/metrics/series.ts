/**
 * Time series with a bounded number of points: buckets start one second wide and double (pairs
 * merged) whenever a series would exceed MAX_POINTS, so memory does not grow with a run's
 * virtual duration. All series of a set share one bucket width and stay aligned; each is a fixed
 * run of MAX_POINTS numbers in one typed array (buckets not reached yet hold 0).
 */

/** Most buckets a series holds. */
export const MAX_POINTS = 2048;

const US_PER_S = 1_000_000;

/** How a series combines two buckets when the width doubles. */
export type Merge = 'sum' | 'max';

/** A set of aligned series over time after `origin` (µs), numbered in the order of `merges`. */
export class BucketedSeries {
  /** Seconds per bucket. */
  width = 1;
  /** Series k's bucket i at k·MAX_POINTS + i. */
  private readonly data: Float64Array;

  constructor(
    private readonly origin: number,
    private readonly merges: readonly Merge[],
  ) {
    this.data = new Float64Array(merges.length * MAX_POINTS);
  }

  /** The bucket holding virtual time `t` (µs), coarsening first if it would be past the limit. */
  bucket(t: number): number {
    const s = t > this.origin ? (t - this.origin) / US_PER_S : 0;
    let i = Math.floor(s / this.width);
    while (i >= MAX_POINTS) {
      this.coarsen();
      i = Math.floor(s / this.width);
    }
    return i;
  }

  /** Adds `v` to bucket `i` of series `k`. */
  add(k: number, i: number, v: number): void {
    this.data[k * MAX_POINTS + i]! += v;
  }

  /** Raises bucket `i` of series `k` to at least `v`. */
  max(k: number, i: number, v: number): void {
    const j = k * MAX_POINTS + i;
    if (v > this.data[j]!) this.data[j] = v;
  }

  /** Series `k`'s first `n` buckets (at most MAX_POINTS; see count). */
  values(k: number, n: number): number[] {
    return Array.from(this.data.subarray(k * MAX_POINTS, k * MAX_POINTS + n));
  }

  /** Buckets needed to cover `seconds` after the origin at the current width. */
  count(seconds: number): number {
    while (Math.ceil(seconds / this.width) > MAX_POINTS) this.coarsen();
    return Math.ceil(seconds / this.width - 1e-9);
  }

  private coarsen(): void {
    const d = this.data;
    this.merges.forEach((m, k) => {
      const base = k * MAX_POINTS;
      for (let j = 0; j < MAX_POINTS / 2; j++) {
        const x = d[base + 2 * j]!;
        const y = d[base + 2 * j + 1]!;
        d[base + j] = m === 'sum' ? x + y : Math.max(x, y);
      }
      d.fill(0, base + MAX_POINTS / 2, base + MAX_POINTS);
    });
    this.width *= 2;
  }
}

/**
 * Time series with a bounded number of points: buckets start one second wide and double (pairs
 * merged) whenever a series would exceed MAX_POINTS, so memory does not grow with a run's
 * virtual duration. All series of a recorder share one bucket width and stay aligned.
 */

/** Most buckets a series holds. */
export const MAX_POINTS = 2048;

const US_PER_S = 1_000_000;

/** How a series combines two buckets when the width doubles. */
type Merge = 'sum' | 'max';

/** A set of aligned series over time after `origin` (µs). */
export class BucketedSeries<K extends string> {
  /** Seconds per bucket. */
  width = 1;
  private readonly data: Record<K, number[]>;

  constructor(
    private readonly origin: number,
    private readonly merges: Readonly<Record<K, Merge>>,
  ) {
    this.data = Object.fromEntries(Object.keys(merges).map((k) => [k, [] as number[]])) as Record<K, number[]>;
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
  add(k: K, i: number, v: number): void {
    const a = this.data[k];
    while (a.length <= i) a.push(0);
    a[i]! += v;
  }

  /** Raises bucket `i` of series `k` to at least `v`. */
  max(k: K, i: number, v: number): void {
    const a = this.data[k];
    while (a.length <= i) a.push(0);
    if (v > a[i]!) a[i] = v;
  }

  /** Series `k` padded or cut to `n` buckets. */
  values(k: K, n: number): number[] {
    const a = this.data[k];
    return Array.from({ length: n }, (_, i) => a[i] ?? 0);
  }

  /** Buckets needed to cover `seconds` after the origin at the current width. */
  count(seconds: number): number {
    while (Math.ceil(seconds / this.width) > MAX_POINTS) this.coarsen();
    return Math.ceil(seconds / this.width - 1e-9);
  }

  private coarsen(): void {
    for (const k of Object.keys(this.merges) as K[]) {
      const a = this.data[k];
      const merged: number[] = [];
      for (let i = 0; i < a.length; i += 2) {
        const x = a[i]!;
        const y = a[i + 1] ?? 0;
        merged.push(this.merges[k] === 'sum' ? x + y : Math.max(x, y));
      }
      this.data[k] = merged;
    }
    this.width *= 2;
  }
}

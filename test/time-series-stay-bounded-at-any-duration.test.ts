/**
 * Time series keep at most 2,048 points however long a run's virtual time: buckets start one
 * second wide and double as needed. Doubling loses nothing: every sum series still adds up to what
 * was added, every max series still holds the maximum, and each bucket holds exactly what a series
 * built at the final width from the start would (values at seeded random times over 10^6 s,
 * seed 3). A simulated case of 2·10^5 virtual seconds reports under 2,048 points too.
 */
import { describe, expect, it } from 'vitest';
import { BucketedSeries, MAX_POINTS } from '../harness/metrics/series.js';
import { Rng } from '../harness/sim/rng.js';
import { runOne } from './support/run-suite.js';

describe('time series', () => {
  it('double their buckets without losing what they hold', () => {
    const origin = 5e6;
    const series = new BucketedSeries(origin, ['sum', 'max']);
    const rng = new Rng(3, 'series');
    const added: [number, number][] = [];
    // Random times under a bound that grows over the run, as virtual time does.
    for (let i = 0; i < 20_000; i++) {
      const t = origin + (i / 20_000) * 1e12 * rng.next();
      const v = Math.floor(rng.next() * 1000);
      const b = series.bucket(t);
      series.add(0, b, v);
      series.max(1, b, v);
      added.push([t, v]);
    }
    const n = series.count(1e6);
    expect(n).toBeLessThanOrEqual(MAX_POINTS);
    expect(series.width).toBeGreaterThanOrEqual(512);
    expect(Math.log2(series.width) % 1).toBe(0);
    const sums = new Array<number>(n).fill(0);
    const maxes = new Array<number>(n).fill(0);
    for (const [t, v] of added) {
      const b = Math.floor((t - origin) / 1e6 / series.width);
      sums[b] += v;
      maxes[b] = Math.max(maxes[b]!, v);
    }
    expect(series.values(0, n)).toEqual(sums);
    expect(series.values(1, n)).toEqual(maxes);
  });

  it('of a long simulated run stay under the limit', async () => {
    const run = await runOne({
      seed: 1,
      duration: '200000s',
      cluster: { nodes: 3, partitions: 1, replicationFactor: 3 },
      workload: { records: 100, clients: { model: 'open', rate: 0.05 } },
      strategy: 'async',
    });
    const ts = run.metrics.timeseries;
    expect(ts.ops.length).toBeLessThanOrEqual(MAX_POINTS);
    expect(ts.bucketSeconds).toBeGreaterThanOrEqual(128);
    // ops/s per bucket × bucket width adds up to the operations completed after warm-up.
    const completed = ts.ops.reduce((a, x) => a + x * ts.bucketSeconds, 0);
    expect(completed).toBeCloseTo(run.metrics.throughput * run.metrics.measuredSeconds, 6);
  });
});

// Range split points taken from a key sample's quantiles give each partition an equal share of keys drawn like the sample.
import { describe, expect, it } from 'vitest';
import { equalWidthSplits, quantileSplits, rangePartitioning } from '../strategies/partitioning/range.js';

describe('range split points', () => {
  it('equal width over the key space', () => {
    expect(Array.from(equalWidthSplits(100, 4))).toEqual([25, 50, 75]);
    const s = rangePartitioning({ nodes: 4, keySpace: 100 });
    expect([0, 24, 25, 74, 75, 99, 1000, -5].map((k) => s.partitionOf(k))).toEqual([0, 0, 1, 2, 3, 3, 3, 0]);
  });

  it('quantiles of a skewed sample balance keys drawn from the same distribution', () => {
    // Keys k = ⌊i²/100⌋ (dense near 0). The sample is every 10th of 40 000 such keys; the test keys are all of them.
    // Quantile splits of a 4 000-element sample put each quartile within ≈ 1/4000 of a share of 1/4 (ties aside), so
    // ±1 pp is ample.
    const keys: number[] = [];
    for (let i = 0; i < 40_000; i++) keys.push(Math.floor((i * i) / 100));
    const sample = keys.filter((_, i) => i % 10 === 0);
    const s = rangePartitioning({ nodes: 4, sample });
    const counts = [0, 0, 0, 0];
    for (const k of keys) counts[s.partitionOf(k)]!++;
    for (const c of counts) expect(Math.abs(c / keys.length - 0.25)).toBeLessThan(0.01);
    // Equal-width splits over the same space would leave the first range with half the keys.
    const eq = rangePartitioning({ nodes: 4, keySpace: keys[keys.length - 1]! + 1 });
    let first = 0;
    for (const k of keys) if (eq.partitionOf(k) === 0) first++;
    expect(first / keys.length).toBeGreaterThan(0.45);
  });

  it('a sample with many repeats still yields strictly increasing splits and P partitions', () => {
    const sample = [...new Array<number>(90).fill(7), 8, 9, 10, 11, 12, 13, 14, 15, 16, 17];
    const splits = quantileSplits(sample, 5);
    expect(splits.length).toBe(4);
    for (let i = 1; i < splits.length; i++) expect(splits[i]!).toBeGreaterThan(splits[i - 1]!);
    expect(rangePartitioning({ nodes: 5, sample }).partitions).toBe(5);
  });

  it('per-node mode re-splits the sample on resize; explicit splits stay fixed', () => {
    const sample = Array.from({ length: 1000 }, (_, i) => i);
    expect(rangePartitioning({ nodes: 4, sample }).resize(5).partitions).toBe(5);
    const fixed = rangePartitioning({ nodes: 2, splits: [10, 20, 30] });
    expect(fixed.mode).toBe('fixed');
    expect(fixed.resize(3).partitions).toBe(4);
    expect(Array.from(fixed.resize(3).splitPoints)).toEqual([10, 20, 30]);
  });
});

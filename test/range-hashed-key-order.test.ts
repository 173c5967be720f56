/**
 * Range partitioning over YCSB's hashed key names (keyOrder: hashed, YCSB's default insertorder):
 * a key's place is fnvhash64(key)/2^63 scaled to the key space, so equal-width ranges hold equal
 * shares of the keys, new records spread over every range, and a short scan stays in one or two
 * ranges.
 */
import { describe, expect, it } from 'vitest';
import { fnvhash64, fnvhash64Fraction } from '../workloads/fnv.js';
import { rangePartitioning } from '../strategies/partitioning/range.js';

const KEYS = 100_000;
const P = 10;

describe('range partitioning with hashed key order', () => {
  it("places a key at YCSB's fnvhash64 as a fraction of 2^63 (checked against the BigInt hash)", () => {
    for (const k of [0, 1, 2, 999, 123_456, 2 ** 31, 2 ** 40 + 7]) {
      const exact = Number(fnvhash64(k)) / 2 ** 63;
      expect(exact).toBeGreaterThanOrEqual(0);
      expect(fnvhash64Fraction(k)).toBeCloseTo(exact, 12);
    }
  });

  it('gives equal-width ranges equal key shares, and puts new records in every range', () => {
    const scheme = rangePartitioning({ nodes: P, replicationFactor: 3, keySpace: KEYS, keyOrder: 'hashed' });
    const loaded = new Array<number>(P).fill(0);
    for (let k = 0; k < KEYS; k++) loaded[scheme.partitionOf(k)]!++;
    // Each share is Binomial(1e5, 0.1)/1e5 if the hash is uniform: σ = √(0.1·0.9/1e5) ≈ 0.095 pp;
    // 0.6 pp is more than 6σ.
    for (const n of loaded) expect(Math.abs(n / KEYS - 1 / P)).toBeLessThan(0.006);
    // 10,000 inserts (keys past the loaded ones): ordered, all go to the last range; hashed, σ ≈ 0.3 pp, bound 2 pp.
    const inserted = new Array<number>(P).fill(0);
    for (let k = KEYS; k < KEYS + 10_000; k++) inserted[scheme.partitionOf(k)]!++;
    for (const n of inserted) expect(Math.abs(n / 10_000 - 1 / P)).toBeLessThan(0.02);
    const ordered = rangePartitioning({ nodes: P, replicationFactor: 3, keySpace: KEYS });
    for (let k = KEYS; k < KEYS + 100; k++) expect(ordered.partitionOf(k)).toBe(P - 1);
  });

  it('keeps a scan of n records in the range of its first key unless it crosses a split (probability ≈ (n − 1)/width)', () => {
    const scheme = rangePartitioning({ nodes: P, replicationFactor: 3, keySpace: KEYS, keyOrder: 'hashed' });
    const n = 100;
    let visits = 0;
    for (let start = 0; start < KEYS; start++) {
      const parts = scheme.partitionsForScan(start, start + n - 1);
      expect(parts[0]).toBe(scheme.partitionOf(start));
      expect(parts.length).toBeLessThanOrEqual(2);
      visits += parts.length;
    }
    // A range is 10,000 places wide and the scan spans 99: it crosses with probability 99/10,000
    // (1 − 1/P of the crossings exist: the last range has no successor). Expected mean visits
    // 1 + 0.0099·0.9 = 1.0089; the count of crossings over 1e5 starts has σ ≈ 30 (3e-4 on the mean).
    expect(visits / KEYS).toBeCloseTo(1 + (99 / 10_000) * 0.9, 2);
  });
});

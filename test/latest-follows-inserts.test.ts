// The `latest` (and `exponential`) key choosers follow a growing keyspace: the newest records are the
// most popular, and a record becomes a target only once its insert is acknowledged.
import { describe, expect, it } from 'vitest';
import { KeySpace, createKeyChooser, zeta } from '../workloads/generators.js';
import { Rng } from '../harness/sim/rng.js';

describe('latest follows inserts', () => {
  it('draws last − zipfian(last): the newest record is the most popular', () => {
    const keys = new KeySpace(1000);
    const latest = createKeyChooser({ distribution: 'latest', recordCount: 1000 }, new Rng(5, 'latest'), keys);
    const draws = 500_000;
    let newest = 0;
    let max = -1;
    for (let i = 0; i < draws; i++) {
      const k = latest.next();
      if (k > max) max = k;
      if (k === 999) newest++;
    }
    expect(max).toBe(999);
    // last = 999, so zipfian over 999 items: P(newest) = 1/ζ(999, 0.99) ≈ 12.94%.
    // ±0.3 pp is > 6 binomial standard errors (0.047 pp at 500k draws).
    expect(Math.abs(newest / draws - 1 / zeta(999, 0.99))).toBeLessThan(0.003);
  });

  it('moves to newly inserted records once they are acknowledged', () => {
    const keys = new KeySpace(100);
    const latest = createKeyChooser({ distribution: 'latest', recordCount: 100 }, new Rng(6, 'latest'), keys);
    const a = keys.allocate(); // 100
    const b = keys.allocate(); // 101
    expect([a, b]).toEqual([100, 101]);
    keys.acknowledge(b); // 100 still in flight: 101 must stay invisible
    expect(keys.last).toBe(99);
    let max = -1;
    for (let i = 0; i < 10_000; i++) max = Math.max(max, latest.next());
    expect(max).toBe(99);
    keys.acknowledge(a);
    expect(keys.last).toBe(101);
    for (let i = 0; i < 50; i++) keys.insert();
    expect(keys.last).toBe(151);
    let atNewest = 0;
    max = -1;
    for (let i = 0; i < 10_000; i++) {
      const k = latest.next();
      if (k > max) max = k;
      if (k === 151) atNewest++;
    }
    expect(max).toBe(151);
    // 1/ζ(151, 0.99) ≈ 17.6%; 10k draws have SE ≈ 0.4 pp, so > 10% is a loose, safe floor.
    expect(atNewest / 10_000).toBeGreaterThan(0.1);
  });

  it('exponential counts back from the last record and follows inserts too', () => {
    const keys = new KeySpace(1000);
    const exp = createKeyChooser({ distribution: 'exponential', recordCount: 1000 }, new Rng(8, 'exp'), keys);
    for (let i = 0; i < 1000; i++) keys.insert();
    let recent = 0;
    const draws = 100_000;
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < draws; i++) {
      const k = exp.next();
      lo = Math.min(lo, k);
      hi = Math.max(hi, k);
      if (k > 1999 - 857) recent++;
    }
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBe(1999);
    // 95% of draws fall within the newest 0.857·recordcount records (YCSB exponential.percentile/frac);
    // SE at 100k draws ≈ 0.07 pp, tolerance ±0.5 pp.
    expect(Math.abs(recent / draws - 0.95)).toBeLessThan(0.005);
  });

  it('rejects acknowledging an unallocated or already acknowledged record', () => {
    const keys = new KeySpace(10);
    expect(() => keys.acknowledge(10)).toThrow(RangeError);
    const k = keys.allocate();
    keys.acknowledge(k);
    expect(() => keys.acknowledge(k)).toThrow(RangeError);
  });
});

// Every key chooser stays within its records, never targets a record not yet inserted, and is
// reproducible from its seed.
import { describe, expect, it } from 'vitest';
import { KEY_DISTRIBUTION_NAMES, KeySpace, SequentialGenerator, UniformKeyGenerator, createKeyChooser } from '../workloads/generators.js';
import { Rng } from '../harness/sim/rng.js';

describe('key chooser ranges', () => {
  it('stay in [insertStart, last] and repeat with the same seed', () => {
    for (const distribution of KEY_DISTRIBUTION_NAMES) {
      const spec = { distribution, recordCount: 500, insertStart: 100, insertCount: 300 };
      const a = createKeyChooser(spec, new Rng(3, distribution));
      const b = createKeyChooser(spec, new Rng(3, distribution));
      let lo = Infinity;
      let hi = -Infinity;
      let mismatches = 0;
      let nonIntegers = 0;
      for (let i = 0; i < 20_000; i++) {
        const k = a.next();
        if (b.next() !== k) mismatches++;
        if (!Number.isInteger(k)) nonIntegers++;
        lo = Math.min(lo, k);
        hi = Math.max(hi, k);
      }
      expect({ distribution, mismatches, nonIntegers }).toEqual({ distribution, mismatches: 0, nonIntegers: 0 });
      // latest and exponential count back from the last record (499), as in YCSB; scrambled-zipfian
      // uses YCSB's inclusive bound insertstart + insertcount (400); the rest stay in 100…399.
      const fromLast = distribution === 'latest' || distribution === 'exponential';
      expect(lo).toBeGreaterThanOrEqual(fromLast ? 0 : 100);
      expect(hi).toBeLessThanOrEqual(fromLast ? 499 : distribution === 'scrambled-zipfian' ? 400 : 399);
    }
  });

  it('scrambled-zipfian leaves room for inserts but only returns inserted records', () => {
    const keys = new KeySpace(100);
    const c = createKeyChooser({ distribution: 'scrambled-zipfian', recordCount: 100, expectedNewKeys: 100 }, new Rng(4, 's'), keys);
    let hi = -1;
    for (let i = 0; i < 20_000; i++) hi = Math.max(hi, c.next());
    expect(hi).toBe(99);
    for (let i = 0; i < 100; i++) keys.insert();
    let above = 0;
    hi = -1;
    for (let i = 0; i < 20_000; i++) {
      const k = c.next();
      hi = Math.max(hi, k);
      if (k > 99) above++;
    }
    expect(hi).toBeLessThanOrEqual(199);
    expect(above).toBeGreaterThan(0);
  });

  it('zipfian, scrambled-zipfian and latest accept other θ (ζ for 10^10 items computed once, not per draw)', () => {
    for (const theta of [0.5, 0.8, 1.5]) {
      for (const distribution of ['zipfian', 'scrambled-zipfian', 'latest'] as const) {
        const c = createKeyChooser({ distribution, recordCount: 1000, theta }, new Rng(10, `${distribution}/${theta}`));
        let lo = Infinity;
        let hi = -Infinity;
        for (let i = 0; i < 10_000; i++) {
          const k = c.next();
          lo = Math.min(lo, k);
          hi = Math.max(hi, k);
        }
        expect(lo).toBeGreaterThanOrEqual(0);
        expect(hi).toBeLessThanOrEqual(999);
      }
    }
  });

  it('uniform is flat and sequential wraps', () => {
    const u = new UniformKeyGenerator(0, 9, new Rng(9, 'u'));
    const counts = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) counts[u.next()]++;
    // 10 000 expected per key, SE ≈ 95: ±5% is > 5 SE.
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500);
    const s = new SequentialGenerator(5, 7);
    expect([s.next(), s.next(), s.next(), s.next(), s.next()]).toEqual([5, 6, 7, 5, 6]);
  });
});

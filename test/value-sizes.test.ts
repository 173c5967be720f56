// Value sizes follow YCSB's fieldlengthdistribution: constant, uniform in [minfieldlength, fieldlength], or zipfian (short fields most common).
import { describe, expect, it } from 'vitest';
import { ValueSizeGenerator, createFieldLengthGenerator } from '../workloads/generators.js';
import { Rng } from '../harness/sim/rng.js';

describe('value sizes', () => {
  it('constant: every field is fieldlength, a record fieldcount × fieldlength', () => {
    const v = new ValueSizeGenerator({}, new Rng(1, 'v'));
    expect(v.fieldCount).toBe(10);
    expect(v.fieldLength()).toBe(100);
    expect(v.recordLength()).toBe(1000);
  });

  it('uniform: fields in [min, max] with the mid-point as mean', () => {
    const g = createFieldLengthGenerator({ fieldLength: 200, minFieldLength: 10, distribution: 'uniform' }, new Rng(2, 'v'));
    let sum = 0;
    const n = 100_000;
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < n; i++) {
      const x = g.next();
      lo = Math.min(lo, x);
      hi = Math.max(hi, x);
      sum += x;
    }
    expect([lo, hi]).toEqual([10, 200]);
    // Mean 105, SD ≈ 55, SE of the mean ≈ 0.17: ±1 is ~6 SE.
    expect(Math.abs(sum / n - 105)).toBeLessThan(1);
  });

  it('zipfian: the shortest length is the most common, none outside [min, max]', () => {
    const g = createFieldLengthGenerator({ fieldLength: 100, minFieldLength: 1, distribution: 'zipfian' }, new Rng(3, 'v'));
    const counts = new Array<number>(101).fill(0);
    for (let i = 0; i < 100_000; i++) counts[g.next()]++;
    expect(counts.length).toBe(101); // nothing above 100
    expect(counts[0]).toBe(0);
    expect(counts.indexOf(Math.max(...counts))).toBe(1);
    // 1/ζ(100, 0.99) ≈ 19.3%; ±1 pp is > 7 SE at 100k draws.
    expect(Math.abs(counts[1]! / 100_000 - 0.193)).toBeLessThan(0.01);
  });

  it('rejects minfieldlength above fieldlength', () => {
    expect(() => createFieldLengthGenerator({ fieldLength: 5, minFieldLength: 6, distribution: 'uniform' }, new Rng(1, 'v'))).toThrow(RangeError);
  });
});

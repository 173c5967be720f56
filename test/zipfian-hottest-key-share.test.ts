// Zipf(0.99) over 1000 keys: the hottest key (key 0) gets 1/ζ(1000, 0.99) = 12.94% of draws.
import { describe, expect, it } from 'vitest';
import { ZipfianGenerator, zeta } from '../workloads/generators.js';
import { Rng } from '../harness/sim/rng.js';

describe('zipfian hottest key', () => {
  it('key 0 gets ≈ 1/ζ(1000, 0.99) = 12.94% of 1M draws', () => {
    const n = 1000;
    const draws = 1_000_000;
    const g = new ZipfianGenerator(n, new Rng(42, 'zipf-hot'));
    const counts = new Float64Array(n);
    for (let i = 0; i < draws; i++) counts[g.next()]++;
    const expected = 1 / zeta(n, 0.99);
    expect(expected).toBeCloseTo(0.1294, 4);
    // Tolerance ±0.2 pp: the binomial standard error is sqrt(p(1−p)/1e6) ≈ 0.034 pp, so this is ~6 SE.
    expect(Math.abs(counts[0]! / draws - expected)).toBeLessThan(0.002);
    // Key 1 is second: (1/2)^θ / ζ ≈ 6.5%, same tolerance argument.
    expect(Math.abs(counts[1]! / draws - 0.5 ** 0.99 * expected)).toBeLessThan(0.002);
    expect(Math.max(...counts)).toBe(counts[0]);
  });
});

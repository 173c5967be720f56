// Sequential record numbers hash uniformly: hash mod 1024 over 1e6 consecutive keys passes a chi-square test.
import { describe, expect, it } from 'vitest';
import { Hasher64 } from '../strategies/partitioning/hash.js';

describe('hash64 uniformity', () => {
  it.each([1, 2, 99])('seed %i: chi-square of 1e6 sequential keys in 1024 buckets is within 6σ of its mean', (seed) => {
    // Under uniformity χ² has mean df = 1023 and σ = √(2·1023) ≈ 45.2; 6σ above the mean is ≈ 1294, below ≈ 752
    // (too-regular spreads would show up as a χ² far below its mean).
    const B = 1024;
    const n = 1_000_000;
    const counts = new Float64Array(B);
    const h = new Hasher64(seed);
    for (let k = 0; k < n; k++) counts[h.hash53(k) % B]!++;
    const e = n / B;
    let chi2 = 0;
    for (const c of counts) chi2 += (c - e) ** 2 / e;
    const sigma = Math.sqrt(2 * (B - 1));
    expect(Math.abs(chi2 - (B - 1))).toBeLessThan(6 * sigma);
  });
});

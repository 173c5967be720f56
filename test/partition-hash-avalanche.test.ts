// The key hash avalanches: flipping any one of the key's low 40 bits flips each of the 64 output bits with p ≈ 1/2.
import { describe, expect, it } from 'vitest';
import { Hasher64 } from '../strategies/partitioning/hash.js';

describe('hash64 avalanche', () => {
  it('every (input bit, output bit) flip rate is within 0.5 ± 0.05 over 4096 keys', () => {
    // Tolerance: each cell is a binomial proportion over T = 4096 trials, σ = 0.5/√4096 ≈ 0.0078. Over 40 × 64 = 2560
    // cells the largest deviation of a good hash is ≈ 3.9σ ≈ 0.03; 0.05 is 6.4σ, so this fails only for real bias
    // (a weak mixer such as a single multiply shows rates near 0 or 1 in the low output bits).
    const T = 4096;
    const h = new Hasher64(12345);
    const flips = new Float64Array(40 * 64);
    for (let t = 0; t < T; t++) {
      const key = t * 7919; // sequential-ish record numbers: the case that matters
      h.hash(key);
      const hi0 = h.hi;
      const lo0 = h.lo;
      for (let bit = 0; bit < 40; bit++) {
        const flipped = bit < 32 ? key + ((key >>> bit) & 1 ? -1 : 1) * 2 ** bit : key + 2 ** bit; // key ^ (1 << bit)
        h.hash(flipped);
        const dHi = (h.hi ^ hi0) >>> 0;
        const dLo = (h.lo ^ lo0) >>> 0;
        for (let o = 0; o < 32; o++) {
          flips[bit * 64 + o]! += (dLo >>> o) & 1;
          flips[bit * 64 + 32 + o]! += (dHi >>> o) & 1;
        }
      }
    }
    let worst = 0;
    for (const f of flips) worst = Math.max(worst, Math.abs(f / T - 0.5));
    expect(worst).toBeLessThan(0.05);
  });
});

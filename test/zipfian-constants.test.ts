// Gray et al.'s constants as YCSB's ZipfianGenerator computes them: ζ(n, θ), ζ(2, θ), η, α.
import { describe, expect, it } from 'vitest';
import { SCRAMBLED_ITEM_COUNT, SCRAMBLED_ZETAN, ZipfianGenerator, zeta, zetaDirect, zetaEulerMaclaurin, zipfEta } from '../workloads/generators.js';
import { Rng } from '../harness/sim/rng.js';

describe('zipfian constants', () => {
  it('ζ(1000, 0.99) = 7.728953…, ζ(2, 0.99) = 1.503478…', () => {
    // Sums of at most 1000 positive doubles: rounding error is ~1e-13, far inside 1e-6.
    expect(zeta(1000, 0.99)).toBeCloseTo(7.728953, 6);
    expect(zeta(2, 0.99)).toBeCloseTo(1.503478, 6);
  });

  it('η for n = 1000 is (1 − (2/n)^(1−θ)) / (1 − ζ(2,θ)/ζ(n,θ))', () => {
    const theta = 0.99;
    const z1000 = zetaDirect(1000, theta);
    const z2 = 1 + 1 / 2 ** theta;
    const eta = (1 - (2 / 1000) ** (1 - theta)) / (1 - z2 / z1000);
    expect(eta).toBeCloseTo(0.0748061, 6);
    expect(zipfEta(1000, theta, z1000)).toBeCloseTo(eta, 12);
    const g = new ZipfianGenerator(1000, new Rng(1, 'zc'));
    expect(g.zetan).toBe(z1000);
    expect(g.zeta2theta).toBeCloseTo(z2, 14);
    expect(g.eta).toBeCloseTo(eta, 12);
    expect(g.alpha).toBeCloseTo(100, 9); // 1/(1−0.99), up to the rounding of 1 − 0.99
  });

  it('Euler–Maclaurin ζ agrees with term-by-term summation and with YCSB’s ZETAN for 10^10 items', () => {
    // Relative 1e-12: the Bernoulli terms left out are < 1e-15; summing 10^6 terms loses ~1e-13.
    for (const theta of [0.5, 0.8, 0.99, 1.2]) {
      for (const n of [1000, 100_000, 1_000_000]) {
        const d = zetaDirect(n, theta);
        expect(Math.abs(zetaEulerMaclaurin(n, theta) - d) / d).toBeLessThan(1e-12);
      }
    }
    // YCSB's constant is a 10^10-term sum in doubles, itself off by ~1e-12 relative.
    expect(Math.abs(zetaEulerMaclaurin(SCRAMBLED_ITEM_COUNT, 0.99) - SCRAMBLED_ZETAN) / SCRAMBLED_ZETAN).toBeLessThan(1e-11);
  });
});

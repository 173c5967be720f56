/**
 * Welch's t-test and the Student t tail behind it match reference values: the two-sided tail at
 * tabulated critical values (t.975 with 4 and 8 df, t.995 with 10 df, t.9995 with 8 df, the
 * Cauchy case df = 1, the normal limit), and scipy.stats.ttest_ind(x, y, equal_var=False) for two
 * worked examples.
 */
import { describe, expect, it } from 'vitest';
import { logGamma, studentTTwoSided, welchT } from '../reports/stats.js';

describe("Welch's t-test", () => {
  it('gives the tabulated two-sided tail probabilities of Student t', () => {
    const table: [number, number, number][] = [
      [2.776445, 4, 0.05],
      [2.306004, 8, 0.05],
      [3.169273, 10, 0.01],
      [5.041305, 8, 0.001],
      [12.7062, 1, 0.05],
      [1.959964, 1e7, 0.05],
    ];
    for (const [t, df, p] of table) expect(studentTTwoSided(t, df), `t=${t} df=${df}`).toBeCloseTo(p, 5);
    expect(studentTTwoSided(0, 5)).toBe(1);
    expect(studentTTwoSided(-2.776445, 4)).toBeCloseTo(0.05, 5);
    // Γ(5) = 24, Γ(0.5) = √π
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
  });

  it('matches scipy.stats.ttest_ind(equal_var=False) for worked examples', () => {
    // scipy.stats.ttest_ind([2,4,6,8,10], [1,2,3,4,5], equal_var=False): t = 1.897367, df = 5.882353, p = 0.107531
    const r = welchT([1, 2, 3, 4, 5], [2, 4, 6, 8, 10]);
    expect(r.difference).toBe(3);
    expect(r.t).toBeCloseTo(1.897367, 6);
    expect(r.df).toBeCloseTo(5.882353, 6);
    expect(r.p).toBeCloseTo(0.107531, 6);
    // scipy: ttest_ind([10.2,11.5,9.8,10.9,10.4], [11.3,12.1,11.8,12.6,11.0], equal_var=False) → t = −2.934696, df = 7.989711, p = 0.018889
    const s = welchT([11.3, 12.1, 11.8, 12.6, 11.0], [10.2, 11.5, 9.8, 10.9, 10.4]);
    expect(s.t).toBeCloseTo(-2.934696, 6);
    expect(s.df).toBeCloseTo(7.989711, 6);
    expect(s.p).toBeCloseTo(0.018889, 6);
  });

  it('treats constant samples as exactly equal or certainly different', () => {
    expect(welchT([3, 3, 3], [3, 3, 3]).p).toBe(1);
    expect(welchT([3, 3, 3], [4, 4, 4]).p).toBe(0);
    // one constant side: df is the other side's n − 1
    const r = welchT([5, 5, 5, 5, 5], [6, 7, 8, 9, 10]);
    expect(r.df).toBeCloseTo(4, 12);
    expect(r.p).toBeCloseTo(studentTTwoSided(3 / Math.sqrt(0.5), 4), 12);
  });
});

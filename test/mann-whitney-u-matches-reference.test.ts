/**
 * The Mann–Whitney U test matches reference values (SciPy 1.17 `mannwhitneyu`, two-sided):
 * the exact permutation distribution for small samples without ties, checked also against a
 * brute-force enumeration, and the normal approximation with tie and continuity correction.
 */
import { describe, expect, it } from 'vitest';
import { exactUDistribution, mannWhitneyU, minimumP } from '../reports/stats.js';

/** All C(m+n, m) splits of m+n distinct ranks: the exact distribution by enumeration. */
function bruteForce(m: number, n: number): number[] {
  const counts = new Array<number>(m * n + 1).fill(0);
  const N = m + n;
  for (let mask = 0; mask < 1 << N; mask++) {
    let bits = 0;
    for (let i = 0; i < N; i++) if (mask & (1 << i)) bits++;
    if (bits !== m) continue;
    let u = 0;
    let ysBelow = 0;
    for (let i = 0; i < N; i++) {
      if (mask & (1 << i)) u += ysBelow;
      else ysBelow++;
    }
    counts[u]!++;
  }
  return counts;
}

describe('Mann–Whitney U', () => {
  it('exact distribution equals enumeration', () => {
    for (const [m, n] of [[3, 4], [5, 5], [6, 7], [2, 9]] as const) expect([...exactUDistribution(m, n)]).toEqual(bruteForce(m, n));
  });

  it('exact p-values match SciPy', () => {
    expect(mannWhitneyU([1, 2, 3, 4, 5], [6, 7, 8, 9, 10])).toMatchObject({ u: 0, method: 'exact' });
    expect(mannWhitneyU([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]).p).toBeCloseTo(0.007936507936507936, 12);
    expect(mannWhitneyU([1, 3, 5, 7, 9], [2, 4, 6, 8, 10]).p).toBeCloseTo(0.6904761904761905, 12);
    const x = [10.1, 11.3, 9.8, 12.0, 10.7, 11.1, 10.4, 9.9, 10.0, 12.5, 11.8, 10.9];
    const y = [11.5, 12.2, 13.0, 11.9, 12.8, 13.4, 12.1, 11.7, 12.6, 13.1, 12.4, 11.6];
    expect(mannWhitneyU(x, y)).toMatchObject({ u: 14, method: 'exact' });
    expect(mannWhitneyU(x, y).p).toBeCloseTo(0.0003712803551274409, 10);
    expect(minimumP(5, 5)).toBeCloseTo(2 / 252, 12);
  });

  it('with ties, the normal approximation matches SciPy (tie and continuity corrections)', () => {
    const r = mannWhitneyU([1, 2, 2, 3, 7, 8], [2, 3, 4, 5, 5, 9, 10]);
    expect(r.method).toBe('normal');
    expect(r.u).toBe(12.5);
    // erfc approximation: fractional error < 1.2e-7.
    expect(r.p).toBeCloseTo(0.24915905606273037, 6);
  });

  it('identical samples give p = 1', () => {
    expect(mannWhitneyU([5, 5, 5], [5, 5, 5]).p).toBe(1);
    expect(mannWhitneyU([1, 2, 3], [1, 2, 3]).p).toBe(1);
  });
});

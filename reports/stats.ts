/** Statistics for comparisons: Welch's t-test, the Mann–Whitney U test and Holm's step-down correction. */

/** Outcome of a two-sided Mann–Whitney U test. */
export interface MannWhitneyResult {
  /** U of the first sample: the number of (x, y) pairs with x > y, ties counting one half. */
  readonly u: number;
  /** Two-sided p-value. */
  readonly p: number;
  /** `exact` (no ties, small samples: the permutation distribution) or `normal` (approximation with tie and continuity correction). */
  readonly method: 'exact' | 'normal';
}

/** Samples up to this size (each) without ties get the exact distribution. */
export const EXACT_MAX_N = 50;

/** The complementary error function (Numerical Recipes' erfc Chebyshev fit, fractional error < 1.2e-7). */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** P(Z > z) for a standard normal Z. */
export function normalUpperTail(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

/**
 * The exact null distribution of U for sample sizes m and n (no ties): counts[u] / total is
 * P(U = u). Uses the recurrence f(m, n, u) = f(m − 1, n, u − n) + f(m, n − 1, u).
 */
export function exactUDistribution(m: number, n: number): Float64Array {
  const key = `${m},${n}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const dist = computeExact(m, n);
  cache.set(key, dist);
  return dist;
}

const cache = new Map<string, Float64Array>();

function computeExact(m: number, n: number): Float64Array {
  // prev[j] holds the distribution for (i − 1, j); cur[j] for (i, j).
  const size = m * n + 1;
  let prev: Float64Array[] = Array.from({ length: n + 1 }, () => {
    const a = new Float64Array(size);
    a[0] = 1;
    return a;
  });
  for (let i = 1; i <= m; i++) {
    const cur: Float64Array[] = [];
    const first = new Float64Array(size);
    first[0] = 1; // (i, 0): one arrangement, U = 0
    cur.push(first);
    for (let j = 1; j <= n; j++) {
      const a = new Float64Array(size);
      const left = prev[j]!; // last element is an x: it exceeds all j y's
      const down = cur[j - 1]!; // last element is a y
      for (let u = 0; u < size; u++) a[u] = down[u]! + (u >= j ? left[u - j]! : 0);
      cur.push(a);
    }
    prev = cur;
  }
  return prev[n]!;
}

/** Smallest two-sided p-value the exact test can reach with sample sizes m and n: 2 / C(m + n, m). */
export function minimumP(m: number, n: number): number {
  if (m === 0 || n === 0) return 1;
  let logC = 0;
  for (let i = 1; i <= m; i++) logC += Math.log(n + i) - Math.log(i);
  return Math.min(1, 2 * Math.exp(-logC));
}

/** Two-sided Mann–Whitney U test of x against y. */
export function mannWhitneyU(x: readonly number[], y: readonly number[]): MannWhitneyResult {
  const m = x.length;
  const n = y.length;
  if (m === 0 || n === 0) return { u: NaN, p: 1, method: 'normal' };
  const all = [...x.map((v) => ({ v, s: 0 })), ...y.map((v) => ({ v, s: 1 }))].sort((a, b) => a.v - b.v);
  const N = m + n;
  let rankSumX = 0;
  let tieTerm = 0;
  for (let i = 0; i < N; ) {
    let j = i;
    while (j + 1 < N && all[j + 1]!.v === all[i]!.v) j++;
    const t = j - i + 1;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) if (all[k]!.s === 0) rankSumX += rank;
    if (t > 1) tieTerm += t * t * t - t;
    i = j + 1;
  }
  const u = rankSumX - (m * (m + 1)) / 2;
  const mean = (m * n) / 2;
  if (tieTerm === 0 && m <= EXACT_MAX_N && n <= EXACT_MAX_N) {
    const dist = exactUDistribution(m, n);
    let total = 0;
    for (const c of dist) total += c;
    const lo = Math.min(u, m * n - u);
    let tail = 0;
    for (let k = 0; k <= lo; k++) tail += dist[k]!;
    return { u, p: Math.min(1, (2 * tail) / total), method: 'exact' };
  }
  const variance = ((m * n) / 12) * (N + 1 - tieTerm / (N * (N - 1)));
  if (!(variance > 0)) return { u, p: 1, method: 'normal' };
  const z = Math.max(0, Math.abs(u - mean) - 0.5) / Math.sqrt(variance);
  return { u, p: Math.min(1, 2 * normalUpperTail(z)), method: 'normal' };
}

/** Holm's step-down adjusted p-values (family-wise error control for the given p-values, same order). */
export function holmAdjust(ps: readonly number[]): number[] {
  const m = ps.length;
  const order = ps.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p);
  const out = new Array<number>(m);
  let running = 0;
  order.forEach(({ p, i }, k) => {
    running = Math.max(running, Math.min(1, (m - k) * p));
    out[i] = running;
  });
  return out;
}

/** The median of a sample (NaN when empty). */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n === 0 ? NaN : n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
}

/** The mean of a sample (NaN when empty). */
export function mean(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return xs.length ? s / xs.length : NaN;
}

/** The unbiased sample variance (0 for fewer than two values). */
export function variance(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  let s = 0;
  for (const x of xs) s += (x - m) * (x - m);
  return s / (xs.length - 1);
}

/** ln Γ(x) for x > 0 (Lanczos approximation, g = 7, n = 9; relative error below 1e-13). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  const z = x - 1;
  let a = c[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += c[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Continued fraction of the incomplete beta function (modified Lentz, as in Numerical Recipes' betacf). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) break;
  }
  return h;
}

/** The regularized incomplete beta function I_x(a, b). */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  return x < (a + 1) / (a + b + 2) ? (front * betaContinuedFraction(a, b, x)) / a : 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b;
}

/** Two-sided tail probability of Student's t distribution with `df` degrees of freedom: P(|T| ≥ |t|). */
export function studentTTwoSided(t: number, df: number): number {
  if (!Number.isFinite(t)) return 0;
  return Math.min(1, incompleteBeta(df / (df + t * t), df / 2, 0.5));
}

/** Outcome of Welch's two-sample t-test. */
export interface WelchResult {
  /** mean(y) − mean(x). */
  readonly difference: number;
  /** Standard error of the difference. */
  readonly se: number;
  readonly t: number;
  /** Welch–Satterthwaite degrees of freedom. */
  readonly df: number;
  /** Two-sided p-value: 0 when both samples are constant and differ, 1 when they are equal constants. */
  readonly p: number;
}

/** Welch's two-sided t-test of y against x (unequal variances); each sample needs two or more values. */
export function welchT(x: readonly number[], y: readonly number[]): WelchResult {
  if (x.length < 2 || y.length < 2) throw new Error('Welch\'s t-test needs at least two values per sample');
  const difference = mean(y) - mean(x);
  const vx = variance(x) / x.length;
  const vy = variance(y) / y.length;
  const se = Math.sqrt(vx + vy);
  if (se === 0) return { difference, se, t: difference === 0 ? 0 : Math.sign(difference) * Infinity, df: x.length + y.length - 2, p: difference === 0 ? 1 : 0 };
  const df = (vx + vy) ** 2 / ((vx * vx) / (x.length - 1) + (vy * vy) / (y.length - 1));
  const t = difference / se;
  return { difference, se, t, df, p: studentTTwoSided(t, df) };
}

/**
 * Zipfian item generators after Gray et al., "Quickly Generating Billion-Record Synthetic
 * Databases" (SIGMOD 1994), as YCSB's ZipfianGenerator and ScrambledZipfianGenerator use them.
 *
 * All constants (ζ(n,θ), ζ(2,θ), η, α) are computed once at construction; a draw costs one
 * uniform, one multiplication and (for items ≥ 2) one exp and one log. When the item count grows (the
 * `latest` distribution follows inserts) ζ is extended incrementally by the new terms only.
 */
import { fnvhash64Mod } from '../fnv.js';
import type { UniformSource } from './source.js';

/** YCSB's default zipfian constant θ (ZipfianGenerator.ZIPFIAN_CONSTANT). */
export const ZIPFIAN_CONSTANT = 0.99;

/** Items of the hidden Zipf distribution behind scrambled-zipfian (YCSB ScrambledZipfianGenerator.ITEM_COUNT = 10^10). */
export const SCRAMBLED_ITEM_COUNT = 10_000_000_000;

/** YCSB's precomputed ζ(10^10, 0.99) (ScrambledZipfianGenerator.ZETAN). */
export const SCRAMBLED_ZETAN = 26.46902820178302;

/** Above this many items ζ is computed by Euler–Maclaurin summation instead of term by term. */
export const ZETA_DIRECT_LIMIT = 1_000_000;

/** Throws unless θ is a usable zipfian constant (finite, > 0, ≠ 1). */
export function checkTheta(theta: number): void {
  if (!Number.isFinite(theta) || theta <= 0 || theta === 1) {
    throw new RangeError(`zipfian constant must be a finite number > 0 and ≠ 1, got ${theta}`);
  }
}

/**
 * ζ(n, θ) = Σ_{i=1..n} 1/i^θ, continued from a previous sum over the first `from` terms, summed
 * term by term in YCSB's order (ZipfianGenerator.zetastatic).
 */
export function zetaDirect(n: number, theta: number, from = 0, initialSum = 0): number {
  let sum = initialSum;
  for (let i = from; i < n; i++) sum += 1 / Math.pow(i + 1, theta);
  return sum;
}

/**
 * ζ(n, θ) by Euler–Maclaurin: the first M−1 terms directly, the rest as an integral plus
 * end-point and Bernoulli corrections (B2, B4, B6); relative error far below 1e-12 for M = 64.
 */
export function zetaEulerMaclaurin(n: number, theta: number): number {
  const M = 64;
  if (n < M) return zetaDirect(n, theta);
  const head = zetaDirect(M - 1, theta);
  const f = (x: number): number => Math.pow(x, -theta);
  // Derivatives of x^-θ: f' = -θ x^(-θ-1), f''' = -θ(θ+1)(θ+2) x^(-θ-3), f5 = -θ…(θ+4) x^(-θ-5).
  const d1 = (x: number): number => -theta * Math.pow(x, -theta - 1);
  const c3 = -theta * (theta + 1) * (theta + 2);
  const d3 = (x: number): number => c3 * Math.pow(x, -theta - 3);
  const c5 = c3 * (theta + 3) * (theta + 4);
  const d5 = (x: number): number => c5 * Math.pow(x, -theta - 5);
  const oneMinus = 1 - theta;
  // ∫_M^n x^-θ dx = (n^(1-θ) − M^(1-θ)) / (1−θ), written with expm1 to keep digits when θ ≈ 1.
  const integral = (Math.pow(M, oneMinus) * Math.expm1(oneMinus * Math.log(n / M))) / oneMinus;
  const ends = (f(M) + f(n)) / 2;
  const corr = (d1(n) - d1(M)) / 12 - (d3(n) - d3(M)) / 720 + (d5(n) - d5(M)) / 30240;
  return head + integral + ends + corr;
}

/** ζ(n, θ): term by term (as YCSB) up to ZETA_DIRECT_LIMIT items, Euler–Maclaurin above. */
export function zeta(n: number, theta: number): number {
  return n <= ZETA_DIRECT_LIMIT ? zetaDirect(n, theta) : zetaEulerMaclaurin(n, theta);
}

/** Gray et al.'s η = (1 − (2/n)^(1−θ)) / (1 − ζ(2,θ)/ζ(n,θ)). */
export function zipfEta(n: number, theta: number, zetan: number, zeta2theta = zetaDirect(2, theta)): number {
  return (1 - Math.pow(2 / n, 1 - theta)) / (1 - zeta2theta / zetan);
}

/** Options of a Zipfian generator. */
export interface ZipfianOptions {
  /** Smallest (and most popular) item; default 0. */
  min?: number;
  /** Zipfian constant θ; default 0.99. */
  theta?: number;
  /** A precomputed ζ(items, θ) to skip the summation (as YCSB does for scrambled-zipfian). */
  zetan?: number;
}

/**
 * YCSB's ZipfianGenerator: items min … min+items−1, item min the most popular (probability
 * 1/ζ(n,θ)), then min+1, and so on. `next()` draws over the construction-time count;
 * `nextFor(count)` draws over a different count (ζ is extended incrementally when it grows).
 */
export class ZipfianGenerator {
  /** Number of items at construction. */
  readonly items: number;
  /** Smallest item. */
  readonly base: number;
  /** Zipfian constant θ. */
  readonly theta: number;
  /** α = 1/(1−θ). */
  readonly alpha: number;
  /** ζ(2, θ). */
  readonly zeta2theta: number;
  private readonly src: UniformSource;
  private readonly twoThreshold: number;
  private zetanValue: number;
  private etaValue: number;
  private countForZeta: number;

  constructor(items: number, src: UniformSource, options: ZipfianOptions = {}) {
    const theta = options.theta ?? ZIPFIAN_CONSTANT;
    checkTheta(theta);
    if (!Number.isSafeInteger(items) || items < 1) throw new RangeError(`zipfian: item count must be a positive integer, got ${items}`);
    this.items = items;
    this.base = options.min ?? 0;
    this.theta = theta;
    this.src = src;
    this.alpha = 1 / (1 - theta);
    this.zeta2theta = zetaDirect(2, theta);
    this.twoThreshold = 1 + Math.pow(0.5, theta);
    this.zetanValue = options.zetan ?? zeta(items, theta);
    this.countForZeta = items;
    this.etaValue = zipfEta(items, theta, this.zetanValue, this.zeta2theta);
  }

  /** ζ(n, θ) for the item count of the latest draw. */
  get zetan(): number {
    return this.zetanValue;
  }

  /** η for the item count of the latest draw. */
  get eta(): number {
    return this.etaValue;
  }

  /** Draws an item in [min, min+items). */
  next(): number {
    return this.sample(this.src.next(), this.items);
  }

  /**
   * Draws an item in [min, min+count) (YCSB nextLong(itemcount)). A larger count extends ζ by the
   * new terms and recomputes η for it; a smaller count keeps ζ, as YCSB does by default.
   */
  nextFor(count: number): number {
    if (count > this.countForZeta) {
      this.zetanValue = count - this.countForZeta > ZETA_DIRECT_LIMIT
        ? zeta(count, this.theta)
        : zetaDirect(count, this.theta, this.countForZeta, this.zetanValue);
      this.countForZeta = count;
      this.etaValue = zipfEta(count, this.theta, this.zetanValue, this.zeta2theta);
    }
    return this.sample(this.src.next(), count);
  }

  /** Maps a uniform u in [0, 1) to an item in [min, min+count) with the current constants. */
  sample(u: number, count: number): number {
    const uz = u * this.zetanValue;
    if (uz < 1) return this.base;
    if (uz < this.twoThreshold) return this.base + 1;
    // count · (ηu − η + 1)^α, with the power as exp(α·ln x): about twice as fast as Math.pow for a
    // non-integer α in V8, and within ~1e-14 relative of it (it moves an item boundary for ~1e-4 of
    // draws at 10^10 items, by one item; the distribution is unchanged).
    const r = Math.floor(count * Math.exp(this.alpha * Math.log(this.etaValue * u - this.etaValue + 1)));
    // u < 1 keeps r < count in exact arithmetic; clamp the last-ulp case.
    return this.base + (r < count ? r : count - 1);
  }
}

/**
 * YCSB's ScrambledZipfianGenerator over items min … max: a Zipf(θ) draw over 0 … 10^10
 * (YCSB constructs ZipfianGenerator(0, ITEM_COUNT), i.e. 10^10 + 1 items) with the precomputed
 * ζ for θ = 0.99, then min + fnvhash64(draw) mod (max − min + 1), so popular items are spread
 * over the range. Other θ values get ζ by Euler–Maclaurin, once, at construction.
 */
export class ScrambledZipfianGenerator {
  /** Smallest item. */
  readonly min: number;
  /** Number of items (max − min + 1). */
  readonly itemCount: number;
  private readonly gen: ZipfianGenerator;

  constructor(min: number, max: number, src: UniformSource, theta = ZIPFIAN_CONSTANT) {
    checkTheta(theta);
    if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || max < min) {
      throw new RangeError(`scrambled-zipfian: need integers min ≤ max, got ${min}…${max}`);
    }
    this.min = min;
    this.itemCount = max - min + 1;
    const items = SCRAMBLED_ITEM_COUNT + 1;
    this.gen = new ZipfianGenerator(items, src, {
      theta,
      zetan: theta === ZIPFIAN_CONSTANT ? SCRAMBLED_ZETAN : zetaEulerMaclaurin(items, theta),
    });
  }

  /** Draws an item in [min, max]. */
  next(): number {
    return this.min + fnvhash64Mod(this.gen.next(), this.itemCount);
  }
}

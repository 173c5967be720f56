/**
 * Latency and service-time distributions. Every value is in microseconds of virtual time.
 * Specs are plain data (so they can sit in results.json); `compileDist` turns one into a sampler.
 */
import type { Rng } from './rng.js';

/** A distribution in its resolved form (all durations in microseconds). */
export type DistSpec =
  | { readonly dist: 'constant'; readonly value: number }
  | { readonly dist: 'uniform'; readonly min: number; readonly max: number }
  | { readonly dist: 'exponential'; readonly mean: number }
  | { readonly dist: 'normal'; readonly mean: number; readonly stddev: number }
  | { readonly dist: 'lognormal'; readonly median: number; readonly sigma: number }
  | { readonly dist: 'pareto'; readonly scale: number; readonly shape: number }
  | { readonly dist: 'empirical'; readonly values: readonly number[] }
  | { readonly dist: 'mixture'; readonly components: readonly { readonly weight: number; readonly spec: DistSpec }[] };

/** Names of the distribution kinds, for messages and `replbench list`. */
export const DIST_KINDS = ['constant', 'uniform', 'exponential', 'normal', 'lognormal', 'pareto', 'empirical', 'mixture'] as const;

/** Draws one value (µs, never negative). */
export type Sampler = () => number;

/** Standard normal deviate by Box–Muller (one value per call; simplicity over speed here). */
function gaussian(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(rng.next())) * Math.cos(2 * Math.PI * rng.next());
}

/** Builds a sampler for `spec` that draws from `rng`. */
export function compileDist(spec: DistSpec, rng: Rng): Sampler {
  switch (spec.dist) {
    case 'constant': {
      const v = spec.value;
      return () => v;
    }
    case 'uniform': {
      const { min } = spec;
      const span = spec.max - spec.min;
      return () => min + span * rng.next();
    }
    case 'exponential': {
      const m = spec.mean;
      return () => -m * Math.log(rng.next());
    }
    case 'normal': {
      // Truncated at 0 by rejection (the schema keeps mean >= 0, so acceptance >= 1/2).
      const { mean, stddev } = spec;
      return () => {
        for (;;) {
          const x = mean + stddev * gaussian(rng);
          if (x >= 0) return x;
        }
      };
    }
    case 'lognormal': {
      const mu = Math.log(spec.median);
      const { sigma } = spec;
      return () => Math.exp(mu + sigma * gaussian(rng));
    }
    case 'pareto': {
      // Inverse CDF: x_m / U^(1/alpha).
      const { scale, shape } = spec;
      const inv = 1 / shape;
      return () => scale / Math.pow(rng.next(), inv);
    }
    case 'empirical': {
      const values = spec.values;
      return () => values[rng.int(values.length)]!;
    }
    case 'mixture': {
      const total = spec.components.reduce((s, c) => s + c.weight, 0);
      const cum: number[] = [];
      let acc = 0;
      for (const c of spec.components) cum.push((acc += c.weight / total));
      const parts = spec.components.map((c) => compileDist(c.spec, rng));
      return () => {
        const u = rng.next();
        for (let i = 0; i < cum.length - 1; i++) if (u < cum[i]!) return parts[i]!();
        return parts[parts.length - 1]!();
      };
    }
  }
}

/** The distribution's mean in µs (Infinity for a Pareto with shape <= 1; normal is the truncated mean). */
export function distMean(spec: DistSpec): number {
  switch (spec.dist) {
    case 'constant':
      return spec.value;
    case 'uniform':
      return (spec.min + spec.max) / 2;
    case 'exponential':
      return spec.mean;
    case 'normal': {
      if (spec.stddev === 0) return spec.mean;
      // Mean of N(mu, s^2) truncated to [0, inf): mu + s * phi(a) / (1 - Phi(a)), a = -mu/s.
      const a = -spec.mean / spec.stddev;
      const phi = Math.exp(-a * a / 2) / Math.sqrt(2 * Math.PI);
      return spec.mean + spec.stddev * phi / (1 - normalCdf(a));
    }
    case 'lognormal':
      return spec.median * Math.exp(spec.sigma * spec.sigma / 2);
    case 'pareto':
      return spec.shape <= 1 ? Infinity : (spec.shape * spec.scale) / (spec.shape - 1);
    case 'empirical':
      return spec.values.reduce((s, v) => s + v, 0) / spec.values.length;
    case 'mixture': {
      const total = spec.components.reduce((s, c) => s + c.weight, 0);
      return spec.components.reduce((s, c) => s + (c.weight / total) * distMean(c.spec), 0);
    }
  }
}

/** Standard normal CDF (Abramowitz & Stegun 7.1.26 erf approximation, |error| < 1.5e-7). */
export function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-z * z);
  return x >= 0 ? (1 + y) / 2 : (1 - y) / 2;
}

/** Scales every duration in a spec by `factor` (slow nodes and links). */
export function scaleDist(spec: DistSpec, factor: number): DistSpec {
  switch (spec.dist) {
    case 'constant':
      return { dist: 'constant', value: spec.value * factor };
    case 'uniform':
      return { dist: 'uniform', min: spec.min * factor, max: spec.max * factor };
    case 'exponential':
      return { dist: 'exponential', mean: spec.mean * factor };
    case 'normal':
      return { dist: 'normal', mean: spec.mean * factor, stddev: spec.stddev * factor };
    case 'lognormal':
      return { dist: 'lognormal', median: spec.median * factor, sigma: spec.sigma };
    case 'pareto':
      return { dist: 'pareto', scale: spec.scale * factor, shape: spec.shape };
    case 'empirical':
      return { dist: 'empirical', values: spec.values.map((v) => v * factor) };
    case 'mixture':
      return { dist: 'mixture', components: spec.components.map((c) => ({ weight: c.weight, spec: scaleDist(c.spec, factor) })) };
  }
}

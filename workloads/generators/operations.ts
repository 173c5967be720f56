/**
 * Operation mix and scan lengths (YCSB `readproportion` … `readmodifywriteproportion`,
 * `minscanlength`, `maxscanlength`, `scanlengthdistribution`).
 */
import { UniformKeyGenerator } from './keys.js';
import { ZipfianGenerator } from './zipfian.js';
import type { NumberGenerator, UniformSource } from './source.js';

/** Operation kinds, in YCSB's order. */
export const OPERATION_KINDS = ['read', 'update', 'insert', 'scan', 'read-modify-write'] as const;

/** An operation kind. */
export type OperationKind = (typeof OPERATION_KINDS)[number];

/** A weight (proportion) per operation kind. */
export type OperationMix = Readonly<Record<OperationKind, number>>;

/** Checks that every weight is finite and ≥ 0 and that they are not all 0; returns them divided by their sum. */
export function normaliseMix(mix: OperationMix): OperationMix {
  let sum = 0;
  for (const k of OPERATION_KINDS) {
    const w = mix[k];
    if (!Number.isFinite(w) || w < 0) throw new RangeError(`${k} proportion must be a finite number ≥ 0, got ${w}`);
    sum += w;
  }
  if (!(sum > 0)) throw new RangeError('operation proportions are all 0: at least one must be positive');
  const out = {} as Record<OperationKind, number>;
  for (const k of OPERATION_KINDS) out[k] = mix[k] / sum;
  return out;
}

/** Draws operation kinds in the given proportions (YCSB DiscreteGenerator; the weights are normalised by their sum). */
export class OperationChooser {
  /** The normalised proportions. */
  readonly mix: OperationMix;
  private readonly kinds: OperationKind[] = [];
  private readonly bounds: number[] = [];

  constructor(mix: OperationMix, private readonly src: UniformSource) {
    this.mix = normaliseMix(mix);
    let acc = 0;
    for (const k of OPERATION_KINDS) {
      const w = this.mix[k];
      if (w > 0) {
        acc += w;
        this.kinds.push(k);
        this.bounds.push(acc);
      }
    }
    this.bounds[this.bounds.length - 1] = Infinity; // rounding can leave the sum a hair below 1
  }

  /** Draws the next operation kind. */
  next(): OperationKind {
    const u = this.src.next();
    const b = this.bounds;
    let i = 0;
    while (u >= b[i]!) i++;
    return this.kinds[i]!;
  }
}

/** Scan-length distribution names. */
export const SCAN_LENGTH_DISTRIBUTIONS = ['uniform', 'zipfian'] as const;

/** A scan-length distribution name. */
export type ScanLengthDistribution = (typeof SCAN_LENGTH_DISTRIBUTIONS)[number];

/** The scan part of a workload; absent fields take YCSB CoreWorkload's defaults. */
export interface ScanLengthSpec {
  /** Shortest scan in records; default 1. */
  minScanLength?: number;
  /** Longest scan in records; default 1000. */
  maxScanLength?: number;
  /** uniform (default) or zipfian (short scans most common). */
  distribution?: ScanLengthDistribution;
}

/** Builds YCSB's scan-length generator: an integer in [minScanLength, maxScanLength], uniform or Zipf(0.99). */
export function createScanLengthGenerator(spec: ScanLengthSpec, src: UniformSource): NumberGenerator {
  const min = spec.minScanLength ?? 1;
  const max = spec.maxScanLength ?? 1000;
  if (!Number.isSafeInteger(min) || min < 1) throw new RangeError(`minscanlength must be an integer ≥ 1, got ${min}`);
  if (!Number.isSafeInteger(max) || max < min) throw new RangeError(`maxscanlength must be an integer ≥ minscanlength (${min}), got ${max}`);
  return (spec.distribution ?? 'uniform') === 'uniform'
    ? new UniformKeyGenerator(min, max, src)
    : new ZipfianGenerator(max - min + 1, src, { min });
}

/**
 * Value sizes (YCSB `fieldcount`, `fieldlength`, `minfieldlength`, `fieldlengthdistribution`):
 * a record is `fieldCount` fields whose lengths are drawn independently.
 */
import { UniformKeyGenerator } from './keys.js';
import { ZipfianGenerator } from './zipfian.js';
import type { NumberGenerator, UniformSource } from './source.js';

/** Field-length distribution names (YCSB's `histogram` needs a file and is not supported). */
export const FIELD_LENGTH_DISTRIBUTIONS = ['constant', 'uniform', 'zipfian'] as const;

/** A field-length distribution name. */
export type FieldLengthDistribution = (typeof FIELD_LENGTH_DISTRIBUTIONS)[number];

/** The value-size part of a workload; absent fields take YCSB CoreWorkload's defaults. */
export interface ValueSizeSpec {
  /** Fields per record; default 10. */
  fieldCount?: number;
  /** Field length in bytes (the maximum for uniform and zipfian); default 100. */
  fieldLength?: number;
  /** Smallest field length for uniform and zipfian; default 1. */
  minFieldLength?: number;
  /** How field lengths vary; default constant. */
  distribution?: FieldLengthDistribution;
}

function checkCount(what: string, v: number, min: number): void {
  if (!Number.isSafeInteger(v) || v < min) throw new RangeError(`${what} must be an integer ≥ ${min}, got ${v}`);
}

/**
 * Builds YCSB's field-length generator: constant → fieldLength; uniform → an integer in
 * [minFieldLength, fieldLength]; zipfian → Zipf(0.99) over the same range, short fields most common.
 */
export function createFieldLengthGenerator(spec: ValueSizeSpec, src: UniformSource): NumberGenerator {
  const len = spec.fieldLength ?? 100;
  const min = spec.minFieldLength ?? 1;
  checkCount('fieldlength', len, 0);
  const dist = spec.distribution ?? 'constant';
  if (dist === 'constant') return { next: () => len };
  checkCount('minfieldlength', min, 0);
  if (min > len) throw new RangeError(`minfieldlength (${min}) must not exceed fieldlength (${len})`);
  if (dist === 'uniform') return new UniformKeyGenerator(min, len, src);
  return new ZipfianGenerator(len - min + 1, src, { min });
}

/** Draws field and record sizes in bytes. */
export class ValueSizeGenerator {
  /** Fields per record. */
  readonly fieldCount: number;
  private readonly field: NumberGenerator;

  constructor(spec: ValueSizeSpec, src: UniformSource) {
    this.fieldCount = spec.fieldCount ?? 10;
    checkCount('fieldcount', this.fieldCount, 1);
    this.field = createFieldLengthGenerator(spec, src);
  }

  /** Length of one field (an update of a single field writes this much). */
  fieldLength(): number {
    return this.field.next();
  }

  /** Total length of a whole record: fieldCount independent field lengths (an insert writes this much). */
  recordLength(): number {
    let total = 0;
    for (let i = 0; i < this.fieldCount; i++) total += this.field.next();
    return total;
  }
}

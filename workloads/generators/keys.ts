/**
 * Request key choosers (YCSB `requestdistribution`): which record number an operation touches.
 *
 * Each generator reproduces the YCSB class named in its comment, drawing from the uniform source
 * it is given. `createKeyChooser` assembles one the way YCSB's CoreWorkload does, including
 * `nextKeynum()`'s rule that a read never targets a record that has not been inserted yet
 * (draws above the keyspace's last acknowledged record are redrawn).
 */
import { ScrambledZipfianGenerator, ZipfianGenerator, ZIPFIAN_CONSTANT, checkTheta } from './zipfian.js';
import type { NumberGenerator, UniformSource } from './source.js';

function checkRange(what: string, min: number, max: number): void {
  if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || max < min) {
    throw new RangeError(`${what}: need integers min ≤ max, got ${min}…${max}`);
  }
}

/** YCSB UniformLongGenerator: integers in [min, max], each equally likely. */
export class UniformKeyGenerator implements NumberGenerator {
  private readonly interval: number;
  constructor(readonly min: number, readonly max: number, private readonly src: UniformSource) {
    checkRange('uniform', min, max);
    this.interval = max - min + 1;
  }

  /** Draws an integer in [min, max]. */
  next(): number {
    return this.min + Math.floor(this.src.next() * this.interval);
  }
}

/**
 * YCSB HotspotIntegerGenerator: the first ⌊n·hotsetFraction⌋ integers of [min, max] form the hot
 * set and receive a hotOpnFraction share of draws, uniformly; the rest share the remainder.
 * (Where one of the sets is empty every draw goes to the other; YCSB would divide by zero.)
 */
export class HotspotGenerator implements NumberGenerator {
  /** Size of the hot set (the lowest numbers). */
  readonly hotInterval: number;
  /** Size of the cold set. */
  readonly coldInterval: number;
  private readonly hotOpn: number;

  constructor(
    readonly min: number,
    readonly max: number,
    private readonly src: UniformSource,
    readonly hotsetFraction = 0.2,
    readonly hotOpnFraction = 0.8,
  ) {
    checkRange('hotspot', min, max);
    if (!(hotsetFraction >= 0 && hotsetFraction <= 1)) throw new RangeError(`hotspot: hot-set fraction must be in [0, 1], got ${hotsetFraction}`);
    if (!(hotOpnFraction >= 0 && hotOpnFraction <= 1)) throw new RangeError(`hotspot: hot-operation fraction must be in [0, 1], got ${hotOpnFraction}`);
    const interval = max - min + 1;
    this.hotInterval = Math.trunc(interval * hotsetFraction);
    this.coldInterval = interval - this.hotInterval;
    this.hotOpn = this.hotInterval === 0 ? 0 : this.coldInterval === 0 ? 1 : hotOpnFraction;
  }

  /** Draws an integer in [min, max]. */
  next(): number {
    if (this.src.next() < this.hotOpn) return this.min + Math.floor(this.src.next() * this.hotInterval);
    return this.min + this.hotInterval + Math.floor(this.src.next() * this.coldInterval);
  }
}

/**
 * YCSB ExponentialGenerator(percentile, range): exponential values with rate
 * γ = −ln(1 − percentile/100) / range, so `percentile`% of draws fall below `range`.
 */
export class ExponentialGenerator implements NumberGenerator {
  /** The rate γ. */
  readonly gamma: number;
  constructor(percentile: number, range: number, private readonly src: UniformSource) {
    if (!(percentile > 0 && percentile < 100)) throw new RangeError(`exponential: percentile must be in (0, 100), got ${percentile}`);
    if (!(range > 0) || !Number.isFinite(range)) throw new RangeError(`exponential: range must be > 0, got ${range}`);
    this.gamma = -Math.log(1 - percentile / 100) / range;
  }

  /** Draws a non-negative real (usually truncated to an offset by the caller). */
  next(): number {
    return -Math.log(this.src.next()) / this.gamma;
  }
}

/** YCSB SequentialGenerator: min, min+1, …, max, min, … (wraps around). */
export class SequentialGenerator implements NumberGenerator {
  private readonly interval: number;
  private counter = 0;
  constructor(readonly min: number, readonly max: number) {
    checkRange('sequential', min, max);
    this.interval = max - min + 1;
  }

  /** The next integer in sequence. */
  next(): number {
    const v = this.min + (this.counter % this.interval);
    this.counter++;
    return v;
  }
}

/**
 * The growing set of record numbers (YCSB's AcknowledgedCounterGenerator): records
 * 0 … recordCount−1 exist at the start; an insert `allocate()`s the next number and
 * `acknowledge()`s it when it completes (success or failure, as YCSB does). `last` is the highest
 * number below which every insert has been acknowledged — the newest record readers may target.
 */
export class KeySpace {
  private nextKey: number;
  private limit: number;
  private readonly pending = new Set<number>();

  constructor(recordCount: number) {
    if (!Number.isSafeInteger(recordCount) || recordCount < 0) throw new RangeError(`keyspace: record count must be a non-negative integer, got ${recordCount}`);
    this.nextKey = recordCount;
    this.limit = recordCount - 1;
  }

  /** Highest record number readers may target (−1 when there is none). */
  get last(): number {
    return this.limit;
  }

  /** Number of records readers may target (last + 1). */
  get count(): number {
    return this.limit + 1;
  }

  /** Number of record numbers handed out so far, acknowledged or not. */
  get allocated(): number {
    return this.nextKey;
  }

  /** Hands out the record number for a new insert. */
  allocate(): number {
    return this.nextKey++;
  }

  /** Marks an allocated insert as finished; `last` advances over every contiguous finished number. */
  acknowledge(key: number): void {
    if (!(key > this.limit && key < this.nextKey) || this.pending.has(key)) {
      throw new RangeError(`keyspace: ${key} was not allocated or is already acknowledged`);
    }
    this.pending.add(key);
    while (this.pending.delete(this.limit + 1)) this.limit++;
  }

  /** Allocates and immediately acknowledges a record number (an insert that completes at once). */
  insert(): number {
    const k = this.allocate();
    this.acknowledge(k);
    return k;
  }
}

/**
 * YCSB SkewedLatestGenerator: `last − zipfian(last)` over the keyspace's current last record, so
 * the newest records are the most popular and popularity follows inserts. (As in YCSB, record 0
 * is drawn only while it is the last one: zipfian(last) is in [0, last).)
 */
export class SkewedLatestGenerator implements NumberGenerator {
  private readonly zipf: ZipfianGenerator;
  constructor(private readonly keys: KeySpace, src: UniformSource, theta = ZIPFIAN_CONSTANT) {
    checkTheta(theta);
    this.zipf = new ZipfianGenerator(Math.max(1, keys.last), src, { theta });
  }

  /** Draws a record number in [0, keys.last]. */
  next(): number {
    const max = this.keys.last;
    if (max <= 0) {
      if (max < 0) throw new RangeError('latest: the keyspace is empty');
      return 0;
    }
    return max - this.zipf.nextFor(max);
  }
}

/** Key distribution names (YCSB's `zipfian` request distribution is `scrambled-zipfian` here). */
export const KEY_DISTRIBUTION_NAMES = ['uniform', 'zipfian', 'scrambled-zipfian', 'latest', 'hotspot', 'exponential', 'sequential'] as const;

/** A key distribution name. */
export type KeyDistributionName = (typeof KEY_DISTRIBUTION_NAMES)[number];

/** Everything needed to build a key chooser; absent fields take YCSB CoreWorkload's defaults. */
export interface KeyChooserSpec {
  distribution: KeyDistributionName;
  /** Records that exist at the start (YCSB recordcount). */
  recordCount: number;
  /** First record this client targets (YCSB insertstart); default 0. */
  insertStart?: number;
  /** Records this client targets (YCSB insertcount); default recordCount − insertStart. */
  insertCount?: number;
  /** Zipfian constant θ for zipfian, scrambled-zipfian and latest; default 0.99. */
  theta?: number;
  /** scrambled-zipfian: extra keyspace for inserts (YCSB: ⌊2 · operationcount · insertproportion⌋); default 0. */
  expectedNewKeys?: number;
  /** hotspot: fraction of records in the hot set; default 0.2. */
  hotsetFraction?: number;
  /** hotspot: fraction of operations on the hot set; default 0.8. */
  hotOpnFraction?: number;
  /** exponential: percentage of draws within the newest `exponentialFrac` of records; default 95. */
  exponentialPercentile?: number;
  /** exponential: that fraction of records; default 0.8571428571. */
  exponentialFrac?: number;
}

/** Redraws allowed before a chooser gives up on finding a record at or below keys.last. */
const MAX_REDRAWS = 1_000_000;

/**
 * Builds the key chooser CoreWorkload would: uniform, hotspot and sequential over
 * [insertStart, insertStart+insertCount−1]; zipfian (unscrambled, replbench's own) over the same
 * range; scrambled-zipfian over [insertStart, insertStart+insertCount+expectedNewKeys] (YCSB's
 * inclusive bound); latest and exponential counting back from `keys.last`. Every draw is at most
 * `keys.last`; pass the KeySpace your inserts advance so latest/exponential follow them.
 */
export function createKeyChooser(spec: KeyChooserSpec, src: UniformSource, keys = new KeySpace(spec.recordCount)): NumberGenerator {
  const start = spec.insertStart ?? 0;
  const count = spec.insertCount ?? spec.recordCount - start;
  const end = start + count - 1;
  const theta = spec.theta ?? ZIPFIAN_CONSTANT;
  switch (spec.distribution) {
    case 'exponential': {
      const exp = new ExponentialGenerator(
        spec.exponentialPercentile ?? 95,
        spec.recordCount * (spec.exponentialFrac ?? 0.8571428571),
        src,
      );
      return {
        next(): number {
          const last = keys.last;
          if (last < 0) throw new RangeError('exponential: the keyspace is empty');
          for (;;) {
            const k = last - Math.floor(exp.next());
            if (k >= 0) return k;
          }
        },
      };
    }
    case 'latest':
      return new SkewedLatestGenerator(keys, src, theta);
    case 'uniform':
      return belowLast(new UniformKeyGenerator(start, end, src), start, keys);
    case 'zipfian':
      return belowLast(new ZipfianGenerator(count, src, { min: start, theta }), start, keys);
    case 'scrambled-zipfian':
      return belowLast(new ScrambledZipfianGenerator(start, end + 1 + (spec.expectedNewKeys ?? 0), src, theta), start, keys);
    case 'hotspot':
      return belowLast(new HotspotGenerator(start, end, src, spec.hotsetFraction ?? 0.2, spec.hotOpnFraction ?? 0.8), start, keys);
    case 'sequential':
      return belowLast(new SequentialGenerator(start, end), start, keys);
  }
}

/** Wraps `gen` so that draws above keys.last are redrawn (CoreWorkload.nextKeynum). */
function belowLast(gen: NumberGenerator, min: number, keys: KeySpace): NumberGenerator {
  return {
    next(): number {
      const last = keys.last;
      let k = gen.next();
      if (k <= last) return k;
      if (min > last) throw new RangeError(`key chooser: no record at or below ${last} in a range starting at ${min}`);
      for (let i = 0; i < MAX_REDRAWS; i++) {
        k = gen.next();
        if (k <= last) return k;
      }
      throw new RangeError(`key chooser: ${MAX_REDRAWS} draws all above the last record ${last}`);
    },
  };
}

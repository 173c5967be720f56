/**
 * Jump consistent hash (Lamping & Veach 2014, "A Fast, Minimal Memory, Consistent Hash Algorithm").
 *
 * Implemented exactly as the paper's reference code: the 64-bit linear congruential step
 * key = key × 2862933555777941757 + 1 (mod 2^64) and j = ⌊(b + 1) · 2^31 / ((key >>> 33) + 1)⌋ in doubles. The 64-bit
 * step runs on 32-bit halves (`jumpConsistentHash`), about 10× faster than BigInt (`jumpConsistentHashBigInt`, the
 * reference the tests compare it to; measured in bench/partitioners.ts). It needs no memory and O(ln buckets) steps per lookup, and moves exactly the
 * keys that land in the new bucket when the bucket count grows — but buckets can only be added or removed at the end.
 *
 * As a scheme: buckets are nodes and partition p is "the keys in bucket p" (partitions = nodes), led by node p, with
 * followers p+1, p+2, … (mod nodes) or spread over regions. The key fed to jump is the seeded hash64 of the record number.
 */
import { Hasher64 } from './hash.js';
import { normalizeOptions, resizedOptions, throwIfProblems } from './options.js';
import { type ReplicaTable, allPartitions, successorTable } from './placement.js';
import type { PartitionProblem } from './errors.js';
import type { NormalizedPartitionOptions, PartitionOptions, PartitionScheme, ResizeChanges } from './types.js';

// 2862933555777941757 = 0x27bb2ee6_87b0b0fd
const LCG_HI = 0x27bb2ee6;
const LCG_LO = 0x87b0b0fd;
const LCG_LO0 = LCG_LO & 0xffff;
const LCG_LO1 = LCG_LO >>> 16;

/** The bucket in [0, buckets) of the 64-bit key (keyHi, keyLo), computed with 32-bit halves; -1 if buckets < 1 (as the reference returns). */
export function jumpConsistentHash(keyHi: number, keyLo: number, buckets: number): number {
  let hi = keyHi | 0;
  let lo = keyLo | 0;
  let b = -1;
  let j = 0;
  while (j < buckets) {
    b = j;
    // key = key * LCG + 1 (mod 2^64); the high word needs the upper half of lo * LCG_LO (16-bit limbs).
    const a0 = lo & 0xffff;
    const a1 = lo >>> 16;
    const t = Math.imul(a0, LCG_LO0) >>> 0;
    const m1 = a1 * LCG_LO0 + (t >>> 16);
    const m2 = a0 * LCG_LO1 + (m1 & 0xffff);
    const carryHi = a1 * LCG_LO1 + (m1 >>> 16) + (m2 >>> 16);
    const h = carryHi + Math.imul(hi, LCG_LO) + Math.imul(lo, LCG_HI);
    lo = (Math.imul(lo, LCG_LO) + 1) | 0;
    hi = (h + (lo === 0 ? 1 : 0)) | 0;
    j = Math.floor((b + 1) * (2147483648 / ((hi >>> 1) + 1)));
  }
  return b;
}

/** Jump consistent hash of a 64-bit BigInt key: the slow, literal transcription of the paper's code (reference for tests). */
export function jumpConsistentHashBigInt(key: bigint, buckets: number): number {
  const mask = (1n << 64n) - 1n;
  let k = BigInt.asUintN(64, key);
  let b = -1;
  let j = 0;
  while (j < buckets) {
    b = j;
    k = (k * 2862933555777941757n + 1n) & mask;
    j = Math.floor((b + 1) * (2147483648 / (Number(k >> 33n) + 1)));
  }
  return b;
}

/** The jump scheme (see the module comment); build it with `jumpHash`. */
export class JumpScheme implements PartitionScheme {
  /** Always `jump`. */
  readonly name = 'jump';
  /** One partition (bucket) per node. */
  readonly partitions: number;
  private readonly keyHasher: Hasher64;
  private readonly table: ReplicaTable;
  private scanAll: readonly number[] | undefined;

  /** Use `jumpHash(options)`; this constructor trusts already validated options. */
  constructor(readonly options: NormalizedPartitionOptions) {
    this.partitions = options.nodes;
    this.keyHasher = new Hasher64(options.seed, 'jump-key');
    this.table = successorTable(this.partitions, (p) => p, options);
  }

  /** Number of nodes. */
  get nodes(): number {
    return this.options.nodes;
  }

  /** Replicas per partition. */
  get replicationFactor(): number {
    return this.options.replicationFactor;
  }

  /** jump(hash64(key), nodes): O(ln nodes) LCG steps. */
  partitionOf(key: number): number {
    const h = this.keyHasher;
    h.hash(key);
    return jumpConsistentHash(h.hi, h.lo, this.partitions);
  }

  /** Bucket p's node, then its successors. */
  replicasOf(partition: number): readonly number[] {
    return this.table.get(partition);
  }

  /** Every partition: hashing scatters neighbouring keys. */
  partitionsForScan(_startKey: number, _endKey: number): readonly number[] {
    return (this.scanAll ??= allPartitions(this.partitions));
  }

  /** Jump with `nodes` buckets: growing moves only keys into the new buckets, shrinking only the removed buckets' keys. */
  resize(nodes: number, changes?: ResizeChanges): JumpScheme {
    return jumpHash(resizedOptions(this.options, nodes, changes));
  }
}

/** Builds the jump scheme (validating `options`; throws `PartitionConfigError`). */
export function jumpHash(options: PartitionOptions): JumpScheme {
  const problems: PartitionProblem[] = [];
  const o = normalizeOptions(options, problems);
  throwIfProblems(problems);
  return new JumpScheme({ ...o, partitions: o.nodes });
}

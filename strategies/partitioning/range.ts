/**
 * Range partitioning: contiguous key ranges. Partition i holds keys in [split[i-1], split[i]) (partition 0 everything
 * below split[0], the last one everything from the last split up), found by binary search over the split points.
 *
 * Split points come from, in order of precedence: an explicit strictly increasing `splits` list (P = splits + 1);
 * the quantiles of a key `sample` (P partitions of about equal sample share); or equal widths over `keySpace`
 * (keys 0..keySpace-1). Sequential inserts therefore all land in the last partition, and a scan touches only the
 * partitions covering its range. Leaders and resizing work as in hash-mod: `per-node` re-splits into N ranges
 * (growing 10→11 moves about half the keys), `fixed` (the default for explicit splits) moves whole ranges.
 *
 * With `keyOrder: hashed` (YCSB's default insertorder) keys sort by their hashed names: a key's place is
 * fnvhash64(key)/2^63 · keySpace (numeric hash order, standing in for the names' string order), split points and
 * samples are read on that scale, new records spread over every range, and a scan of n records covers places
 * [place(start), place(start) + n − 1] (the next n names in order are about one place apart).
 */
import { fnvhash64Fraction } from '../../workloads/fnv.js';
import { normalizeOptions, resizedOptions, resolveMode, throwIfProblems } from './options.js';
import { PartitionAssignment, type ReplicaTable, successorTable } from './placement.js';
import type { PartitionProblem } from './errors.js';
import type { NormalizedPartitionOptions, PartitionMode, PartitionOptions, PartitionScheme, ResizeChanges } from './types.js';

/** Where a key sorts under hashed key order: its YCSB hash as a fraction of 2^63, scaled to 0..scale. */
function hashedPlace(key: number, scale: number): number {
  return fnvhash64Fraction(key) * scale;
}

/** Equal-width split points dividing keys 0..keySpace-1 into `partitions` ranges: i·keySpace/P for i = 1..P-1. */
export function equalWidthSplits(keySpace: number, partitions: number): Float64Array {
  const out = new Float64Array(partitions - 1);
  for (let i = 1; i < partitions; i++) out[i - 1] = (i * keySpace) / partitions;
  return out;
}

/**
 * Split points at the quantiles of `sample` (the sorted sample's element at ⌊i·m/P⌋ for i = 1..P-1). Repeated
 * quantiles (a skewed sample) are nudged to the previous split + 1 so the list stays strictly increasing and the
 * partition count stays P; some ranges may then be empty.
 */
export function quantileSplits(sample: readonly number[], partitions: number): Float64Array {
  const sorted = Float64Array.from(sample).sort();
  const m = sorted.length;
  const out = new Float64Array(partitions - 1);
  for (let i = 1; i < partitions; i++) {
    let s = sorted[Math.min(m - 1, Math.floor((i * m) / partitions))]!;
    if (i > 1 && s <= out[i - 2]!) s = out[i - 2]! + 1;
    out[i - 1] = s;
  }
  return out;
}

/** The range scheme (see the module comment); build it with `rangePartitioning`. */
export class RangeScheme implements PartitionScheme {
  /** Always `range`. */
  readonly name = 'range';
  /** Number of partitions (split points + 1). */
  readonly partitions: number;
  /** Split points, strictly increasing; partition i starts at splitPoints[i-1]. */
  readonly splitPoints: Float64Array;
  /** Resize behaviour in effect. */
  readonly mode: PartitionMode;
  /** Partition→leader assignment (fixed mode; in per-node mode partition p is led by node p). */
  readonly assignment: PartitionAssignment | null;
  private readonly table: ReplicaTable;
  private readonly hashed: boolean;
  private readonly scale: number;

  /** Use `rangePartitioning(options)`; this constructor trusts already validated options. */
  constructor(
    readonly options: NormalizedPartitionOptions,
    splitPoints: Float64Array,
    mode: PartitionMode,
    assignment: PartitionAssignment | null,
  ) {
    this.splitPoints = splitPoints;
    this.partitions = splitPoints.length + 1;
    this.mode = mode;
    this.assignment = assignment;
    const leader = assignment ? assignment.leader : null;
    this.table = successorTable(this.partitions, leader ? (p) => leader[p]! : (p) => p, options);
    this.hashed = options.keyOrder === 'hashed';
    this.scale = options.keySpace ?? 1;
  }

  /** Where `key` sorts: the key itself (ordered), or its hash scaled to 0..keySpace (hashed). */
  place(key: number): number {
    return this.hashed ? hashedPlace(key, this.scale) : key;
  }

  /** Number of nodes. */
  get nodes(): number {
    return this.options.nodes;
  }

  /** Replicas per partition. */
  get replicationFactor(): number {
    return this.options.replicationFactor;
  }

  /** The partition holding `key`: the number of split points ≤ its place (binary search, O(log P)). */
  partitionOf(key: number): number {
    return this.partitionAt(this.place(key));
  }

  private partitionAt(place: number): number {
    const s = this.splitPoints;
    let lo = 0;
    let hi = s.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (s[mid]! <= place) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Leader first, then successors. */
  replicasOf(partition: number): readonly number[] {
    return this.table.get(partition);
  }

  /** The contiguous partitions covering a scan of the records startKey..endKey (in key order: see the module comment). */
  partitionsForScan(startKey: number, endKey: number): readonly number[] {
    const first = Math.min(startKey, endKey);
    const from = this.place(first);
    const a = this.partitionAt(from);
    const b = this.partitionAt(this.hashed ? from + Math.abs(endKey - startKey) : Math.max(startKey, endKey));
    const out: number[] = [];
    for (let p = a; p <= b; p++) out.push(p);
    return out;
  }

  /** Per-node mode re-splits into `nodes` ranges; fixed mode moves whole ranges. */
  resize(nodes: number, changes?: ResizeChanges): RangeScheme {
    const next = resizedOptions(this.options, nodes, changes);
    if (this.mode === 'per-node') return buildRange({ ...next, partitions: nodes, mode: 'per-node' }, null);
    return buildRange({ ...next, mode: 'fixed' }, this.assignment!);
  }
}

function buildRange(options: PartitionOptions, previous: PartitionAssignment | null): RangeScheme {
  const problems: PartitionProblem[] = [];
  let o = normalizeOptions(options, problems);
  const explicit = options.splits !== undefined;
  if (explicit && options.sample !== undefined) problems.push({ path: 'partitioning.sample', message: 'give either split points or a key sample, not both' });
  if (!explicit && options.sample === undefined && options.keySpace === undefined) {
    problems.push({ path: 'partitioning.keySpace', message: 'range partitioning needs the key space size (number of keys), split points or a key sample' });
  }
  if (explicit && o.splits !== undefined) {
    const p = o.splits.length + 1;
    if (o.partitions !== undefined && o.partitions !== p) {
      problems.push({ path: 'partitioning.splits', message: `${o.splits.length} split points make ${p} partitions, but cluster.partitions is ${o.partitions}` });
    }
    if (o.mode === 'per-node') problems.push({ path: 'partitioning.mode', message: "explicit split points fix the partition count; use mode 'fixed'" });
    o = { ...o, partitions: p, mode: o.mode ?? 'fixed' };
  }
  const mode = resolveMode(o, problems, previous !== null);
  throwIfProblems(problems);
  const partitions = mode === 'per-node' ? o.nodes : o.partitions!;
  const sample = o.sample !== undefined && o.keyOrder === 'hashed' ? o.sample.map((k) => hashedPlace(k, o.keySpace ?? 1)) : o.sample;
  const splits = o.splits !== undefined ? Float64Array.from(o.splits) : sample !== undefined ? quantileSplits(sample, partitions) : equalWidthSplits(o.keySpace!, partitions);
  const norm: NormalizedPartitionOptions = { ...o, partitions, mode };
  if (mode === 'per-node') return new RangeScheme(norm, splits, mode, null);
  const assignment = previous ? previous.resized(o.nodes) : PartitionAssignment.roundRobin(partitions, o.nodes);
  return new RangeScheme(norm, splits, mode, assignment);
}

/** Builds the range scheme (validating `options`; throws `PartitionConfigError`). */
export function rangePartitioning(options: PartitionOptions): RangeScheme {
  return buildRange(options, null);
}

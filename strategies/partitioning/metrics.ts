/**
 * Pure metrics over a partitioning scheme and a keyspace: resize cost, load balance and the hottest partition.
 *
 * A keyspace is either a count K (keys 0..K-1, the simulator's record numbers) or an explicit list of keys.
 * Op counts are given per key as an array indexed by key (`opsPerKey[key]`), as a workload's access histogram.
 * "Owner" means a key's primary: the leader of its partition.
 */
import type { PartitionScheme } from './types.js';

/** Keys 0..K-1 (a number) or an explicit list of keys. */
export type KeySpace = number | ArrayLike<number>;

/** Spread of a count vector: total, mean, max, max/mean and coefficient of variation (population σ / mean). All 0 when the total is 0. */
export interface CountStats {
  /** The counts themselves (one per node or partition). */
  readonly counts: Float64Array;
  /** Sum of the counts. */
  readonly total: number;
  /** total / number of entries. */
  readonly mean: number;
  /** Smallest count. */
  readonly min: number;
  /** Largest count. */
  readonly max: number;
  /** max / mean: 1 is perfect balance. */
  readonly maxOverMean: number;
  /** Population standard deviation / mean. */
  readonly cv: number;
}

/** Fraction of keys whose owner differs between two schemes. */
export interface MovedKeys {
  /** Keys whose owner changed. */
  readonly moved: number;
  /** Keys examined. */
  readonly total: number;
  /** moved / total. */
  readonly fraction: number;
}

/** Resize cost of a scheme: keys moved when growing to N+1 nodes and shrinking to N−1 (null when N = 1). */
export interface ResizeCost {
  /** Node count N of the scheme measured. */
  readonly nodes: number;
  /** Keys moved going to N+1 nodes. */
  readonly grow: MovedKeys & { readonly to: number };
  /** Keys moved going to N−1 nodes (null when N = 1). */
  readonly shrink: (MovedKeys & { readonly to: number }) | null;
}

/** The partition with the most operations and its share of all operations. */
export interface HottestPartition {
  /** The partition with the most operations (lowest id on ties). */
  readonly partition: number;
  /** Its operations. */
  readonly ops: number;
  /** Operations over all partitions. */
  readonly totalOps: number;
  /** ops / totalOps (0 when there are no operations). */
  readonly share: number;
}

/** Key and op counts per partition and per node, for leaders only and for every replica. */
export interface LoadBalance {
  /** Keys per partition. */
  readonly keysPerPartition: CountStats;
  /** Keys per node, counting each key at its leader. */
  readonly keysPerLeader: CountStats;
  /** Keys per node, counting each key at every replica. */
  readonly keysPerReplica: CountStats;
  /** Ops per partition (present when op counts were given). */
  readonly opsPerPartition?: CountStats;
  /** Ops per node counted at the key's leader (writes and leader reads land there). */
  readonly opsPerLeader?: CountStats;
  /** Ops per node counted at every replica of the key (what replication makes each node apply). */
  readonly opsPerReplica?: CountStats;
  /** The partition with the most ops (present when op counts were given). */
  readonly hottestPartition?: HottestPartition;
}

function keyCount(keys: KeySpace): number {
  return typeof keys === 'number' ? keys : keys.length;
}

function keyAt(keys: KeySpace, i: number): number {
  return typeof keys === 'number' ? i : keys[i]!;
}

/** Summary statistics of `counts` (see `CountStats`). */
export function countStats(counts: ArrayLike<number>): CountStats {
  const c = Float64Array.from(counts);
  const n = c.length;
  let total = 0;
  let min = n > 0 ? Infinity : 0;
  let max = 0;
  for (let i = 0; i < n; i++) {
    total += c[i]!;
    if (c[i]! < min) min = c[i]!;
    if (c[i]! > max) max = c[i]!;
  }
  const mean = n > 0 ? total / n : 0;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (c[i]! - mean) ** 2;
  const sd = n > 0 ? Math.sqrt(ss / n) : 0;
  return { counts: c, total, mean, min, max, maxOverMean: mean > 0 ? max / mean : 0, cv: mean > 0 ? sd / mean : 0 };
}

/** The owner (leader of the partition) of `key`. */
export function ownerOf(scheme: PartitionScheme, key: number): number {
  return scheme.replicasOf(scheme.partitionOf(key))[0]!;
}

/** Owner of every key in `keys`, in keyspace order. */
export function owners(scheme: PartitionScheme, keys: KeySpace): Int32Array {
  const n = keyCount(keys);
  const out = new Int32Array(n);
  const leaders = new Int32Array(scheme.partitions).fill(-1);
  for (let i = 0; i < n; i++) {
    const p = scheme.partitionOf(keyAt(keys, i));
    let l = leaders[p]!;
    if (l < 0) {
      l = scheme.replicasOf(p)[0]!;
      leaders[p] = l;
    }
    out[i] = l;
  }
  return out;
}

/** How many keys of `keys` have a different owner under `after` than under `before`. */
export function movedKeys(before: PartitionScheme, after: PartitionScheme, keys: KeySpace): MovedKeys {
  return compareOwners(owners(before, keys), owners(after, keys));
}

function compareOwners(a: Int32Array, b: Int32Array): MovedKeys {
  let moved = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) moved++;
  return { moved, total: a.length, fraction: a.length > 0 ? moved / a.length : 0 };
}

/**
 * Resize cost over `keys`: the fraction of keys whose owner changes when the cluster grows from N to N+1 nodes and
 * when it shrinks to N−1 (via `scheme.resize`, replication factor capped at the new node count).
 */
export function resizeCost(scheme: PartitionScheme, keys: KeySpace): ResizeCost {
  const n = scheme.nodes;
  const base = owners(scheme, keys);
  const grown = scheme.resize(n + 1);
  const grow = { to: n + 1, ...compareOwners(base, owners(grown, keys)) };
  let shrink: ResizeCost['shrink'] = null;
  if (n > 1) {
    const shrunk = scheme.resize(n - 1, { replicationFactor: Math.min(scheme.replicationFactor, n - 1) });
    shrink = { to: n - 1, ...compareOwners(base, owners(shrunk, keys)) };
  }
  return { nodes: n, grow, shrink };
}

/** Ops per partition from a per-key op-count array (index = key). */
function opsPerPartition(scheme: PartitionScheme, opsPerKey: ArrayLike<number>, keys: KeySpace): Float64Array {
  const out = new Float64Array(scheme.partitions);
  const n = keyCount(keys);
  for (let i = 0; i < n; i++) {
    const k = keyAt(keys, i);
    const ops = opsPerKey[k] ?? 0;
    if (ops !== 0) out[scheme.partitionOf(k)]! += ops;
  }
  return out;
}

function hottestOf(perPartition: Float64Array): HottestPartition {
  let best = 0;
  let total = 0;
  for (let p = 0; p < perPartition.length; p++) {
    total += perPartition[p]!;
    if (perPartition[p]! > perPartition[best]!) best = p;
  }
  const ops = perPartition.length > 0 ? perPartition[best]! : 0;
  return { partition: best, ops, totalOps: total, share: total > 0 ? ops / total : 0 };
}

/** The partition with the most operations given `opsPerKey[key]` (keys 0..length-1), and its share of all operations. */
export function hottestPartition(scheme: PartitionScheme, opsPerKey: ArrayLike<number>): HottestPartition {
  return hottestOf(opsPerPartition(scheme, opsPerKey, opsPerKey.length));
}

/** Spreads per-partition counts onto nodes: at the leader only, and at every replica. */
function perNode(scheme: PartitionScheme, perPartition: Float64Array): { leaders: Float64Array; replicas: Float64Array } {
  const leaders = new Float64Array(scheme.nodes);
  const replicas = new Float64Array(scheme.nodes);
  for (let p = 0; p < perPartition.length; p++) {
    const c = perPartition[p]!;
    if (c === 0) continue;
    const reps = scheme.replicasOf(p);
    leaders[reps[0]!]! += c;
    for (const node of reps) replicas[node]! += c;
  }
  return { leaders, replicas };
}

/**
 * Load balance of `scheme` over `keys`: key counts (and, given `opsPerKey[key]`, op counts) per partition and per
 * node — at leaders and at all replicas — with max/mean and CV, plus the hottest partition.
 */
export function loadBalance(scheme: PartitionScheme, keys: KeySpace, opsPerKey?: ArrayLike<number>): LoadBalance {
  const keysPerPart = new Float64Array(scheme.partitions);
  const n = keyCount(keys);
  for (let i = 0; i < n; i++) keysPerPart[scheme.partitionOf(keyAt(keys, i))]!++;
  const kn = perNode(scheme, keysPerPart);
  const base = { keysPerPartition: countStats(keysPerPart), keysPerLeader: countStats(kn.leaders), keysPerReplica: countStats(kn.replicas) };
  if (opsPerKey === undefined) return base;
  const opsPart = opsPerPartition(scheme, opsPerKey, keys);
  const on = perNode(scheme, opsPart);
  return {
    ...base,
    opsPerPartition: countStats(opsPart),
    opsPerLeader: countStats(on.leaders),
    opsPerReplica: countStats(on.replicas),
    hottestPartition: hottestOf(opsPart),
  };
}

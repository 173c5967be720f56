/** The partitioning contract: which partition holds a key, and which nodes hold a partition. */

/** Built-in scheme names as used in suites. */
export type PartitionSchemeName = 'hash-mod' | 'range' | 'consistent-hash' | 'rendezvous' | 'jump';

/**
 * How `hash-mod` and `range` react to a change of node count: `per-node` keeps one partition per
 * node and re-partitions (for hash-mod this is the naive `hash mod N`); `fixed` keeps the partition
 * count and moves whole partitions between nodes.
 */
export type PartitionMode = 'per-node' | 'fixed';

/** How `range` sorts keys: by record number, or by YCSB's hashed key name. */
export type KeyOrder = 'ordered' | 'hashed';

/** Replica placement: `simple` takes the scheme's preference order as is; `spread-regions` puts each partition's replicas in as many distinct regions as possible. */
export type PlacementPolicy = 'simple' | 'spread-regions';

/** Maps keys to partitions and partitions to replica nodes (leader first). */
export interface PartitionScheme {
  /** Scheme name as used in suites. */
  readonly name: string;
  /** Number of partitions. */
  readonly partitions: number;
  /** Number of nodes (node ids are 0..nodes-1). */
  readonly nodes: number;
  /** Replicas per partition. */
  readonly replicationFactor: number;
  /** The normalised options the scheme was built from (defaults filled in). */
  readonly options: NormalizedPartitionOptions;
  /** The partition that holds `key`. */
  partitionOf(key: number): number;
  /** The nodes holding `partition`, leader first; `replicationFactor` distinct nodes. */
  replicasOf(partition: number): readonly number[];
  /** The partitions a scan over keys `startKey..endKey` (inclusive) must visit: the covering ranges for `range`, every partition for hash schemes. */
  partitionsForScan(startKey: number, endKey: number): readonly number[];
  /**
   * The same scheme with `nodes` nodes (growing adds the highest ids, shrinking removes them), moving as little as the
   * scheme allows; state such as a fixed partition→node assignment carries over.
   */
  resize(nodes: number, changes?: ResizeChanges): PartitionScheme;
}

/** What may change besides the node count when resizing. */
export interface ResizeChanges {
  /** Region of every node after resizing; by default added nodes join the region with the fewest nodes. */
  readonly regions?: readonly string[];
  /** Replication factor after resizing (defaults to the current one, capped at the node count). */
  readonly replicationFactor?: number;
}

/** What a scheme is built from (the minimal form the simulator passes). */
export interface PartitionSetup {
  /** Number of nodes. */
  readonly nodes: number;
  /** Number of partitions (hash-mod: per-node mode when equal to nodes, else fixed). */
  readonly partitions: number;
  /** Replicas per partition. */
  readonly replicationFactor: number;
  /** Hash seed. */
  readonly seed: number;
}

/** Options for building any scheme; fields a scheme does not use are ignored, so one option set can be swept over all schemes. */
export interface PartitionOptions {
  /** Number of nodes (≥ 1). */
  readonly nodes: number;
  /** Replicas per partition, 1..nodes (default 1). */
  readonly replicationFactor?: number;
  /** Seed for every hash (integer in [0, 2^53); default 0). */
  readonly seed?: number;
  /** Partition count for `hash-mod` and `range` (default: one per node); the other schemes derive theirs and ignore this. */
  readonly partitions?: number;
  /** `hash-mod`/`range` resize behaviour (default `per-node` when partitions = nodes, else `fixed`). */
  readonly mode?: PartitionMode;
  /** Virtual nodes per node for `consistent-hash` (≥ 1; default 16). */
  readonly vnodes?: number;
  /** `range`: number of keys; keys are 0..keySpace-1 and the default split points divide that space into equal widths. */
  readonly keySpace?: number;
  /**
   * `range`: how keys sort. `ordered` (the default): by record number, so new records go to the
   * last range. `hashed`: by YCSB's hashed key name (insertorder=hashed: "user" + FNV-64 of the
   * record number), so records spread evenly; a key's place is its hash scaled to 0..keySpace.
   */
  readonly keyOrder?: KeyOrder;
  /** `range`: explicit split points, strictly increasing; partition i holds keys in [splits[i-1], splits[i]). */
  readonly splits?: readonly number[];
  /** `range`: a sample of keys; split points are its quantiles. */
  readonly sample?: ArrayLike<number>;
  /** Region name of each node (index = node id); optional. */
  readonly regions?: readonly string[];
  /** Replica placement policy (default `simple`; `spread-regions` needs `regions`). */
  readonly placement?: PlacementPolicy;
}

/** Options after validation, with defaults filled in (field meanings as in `PartitionOptions`). */
export interface NormalizedPartitionOptions {
  /** Number of nodes. */
  readonly nodes: number;
  /** Replicas per partition. */
  readonly replicationFactor: number;
  /** Hash seed. */
  readonly seed: number;
  /** Partition count in effect once a scheme is built (derived for consistent-hash, rendezvous and jump). */
  readonly partitions: number | undefined;
  /** hash-mod/range mode in effect once built (undefined for the other schemes). */
  readonly mode: PartitionMode | undefined;
  /** Virtual nodes per node (consistent-hash). */
  readonly vnodes: number;
  /** Key space size (range). */
  readonly keySpace: number | undefined;
  /** How keys sort (range). */
  readonly keyOrder: KeyOrder;
  /** Explicit split points (range). */
  readonly splits: readonly number[] | undefined;
  /** Key sample, copied (range). */
  readonly sample: readonly number[] | undefined;
  /** Region per node. */
  readonly regions: readonly string[] | undefined;
  /** Placement policy. */
  readonly placement: PlacementPolicy;
}

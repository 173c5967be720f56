/** The partitioning contract: which partition holds a key, and which nodes hold a partition. */

/** Maps keys to partitions and partitions to replica nodes (leader first). */
export interface PartitionScheme {
  /** Scheme name as used in suites. */
  readonly name: string;
  /** Number of partitions. */
  readonly partitions: number;
  /** The partition that holds `key`. */
  partitionOf(key: number): number;
  /** The nodes holding `partition`, leader first; `replicationFactor` distinct nodes. */
  replicasOf(partition: number): readonly number[];
}

/** What a scheme is built from. */
export interface PartitionSetup {
  readonly nodes: number;
  readonly partitions: number;
  readonly replicationFactor: number;
  readonly seed: number;
}

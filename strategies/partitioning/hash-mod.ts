/**
 * hash-mod partitioning: partition = hash(key) mod P. Partition p is led by node p mod N and
 * replicated on the next RF-1 nodes, so leaders spread evenly across nodes.
 */
import { hashKey32 } from './hash.js';
import type { PartitionScheme, PartitionSetup } from './types.js';

/** Builds the hash-mod scheme. */
export function hashMod(setup: PartitionSetup): PartitionScheme {
  const { nodes, partitions, replicationFactor, seed } = setup;
  const placement: number[][] = [];
  for (let p = 0; p < partitions; p++) {
    const replicas: number[] = [];
    for (let r = 0; r < replicationFactor; r++) replicas.push((p + r) % nodes);
    placement.push(replicas);
  }
  const hashSeed = seed >>> 0;
  return {
    name: 'hash-mod',
    partitions,
    partitionOf: partitions === 1 ? () => 0 : (key) => hashKey32(key, hashSeed) % partitions,
    replicasOf: (p) => placement[p]!,
  };
}

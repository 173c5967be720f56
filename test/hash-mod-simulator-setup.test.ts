// hashMod keeps accepting the simulator's { nodes, partitions, replicationFactor, seed } setup, including P < N.
import { describe, expect, it } from 'vitest';
import { hashMod } from '../strategies/partitioning/hash-mod.js';
import { createPartitionScheme } from '../strategies/partitioning/registry.js';
import type { PartitionSetup } from '../strategies/partitioning/types.js';

describe('hashMod(setup)', () => {
  it('one partition on three nodes: every key in partition 0, replicated on nodes 0, 1, 2', () => {
    const setup: PartitionSetup = { nodes: 3, partitions: 1, replicationFactor: 3, seed: 1 };
    const s = hashMod(setup);
    expect(s.partitions).toBe(1);
    for (let k = 0; k < 100; k++) expect(s.partitionOf(k)).toBe(0);
    expect(s.replicasOf(0)).toEqual([0, 1, 2]);
  });

  it('P partitions: partition p led by node p mod N with successors as followers', () => {
    const s = hashMod({ nodes: 5, partitions: 8, replicationFactor: 3, seed: 1 });
    for (let p = 0; p < 8; p++) expect(s.replicasOf(p)).toEqual([p % 5, (p + 1) % 5, (p + 2) % 5]);
  });

  it('is the registry\'s hash-mod', () => {
    const a = hashMod({ nodes: 4, partitions: 16, replicationFactor: 2, seed: 3 });
    const b = createPartitionScheme('hash-mod', { nodes: 4, partitions: 16, replicationFactor: 2, seed: 3 });
    for (let k = 0; k < 1000; k++) expect(b.partitionOf(k)).toBe(a.partitionOf(k));
  });
});

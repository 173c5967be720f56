// Every key is owned by exactly replicationFactor distinct nodes, and leaders are spread across nodes.
import { describe, expect, it } from 'vitest';
import { PARTITION_SCHEME_NAMES, createPartitionScheme } from '../strategies/partitioning/registry.js';
import { loadBalance } from '../strategies/partitioning/metrics.js';
import type { PartitionOptions } from '../strategies/partitioning/types.js';

const configs: Array<Omit<PartitionOptions, 'keySpace'>> = [
  { nodes: 1, replicationFactor: 1 },
  { nodes: 3, replicationFactor: 3 },
  { nodes: 7, replicationFactor: 3 },
  { nodes: 7, replicationFactor: 3, partitions: 40 },
  { nodes: 12, replicationFactor: 5, vnodes: 8 },
];

describe.each(PARTITION_SCHEME_NAMES.map((n) => [n]))('%s', (name) => {
  it.each(configs)('%j: every partition has RF distinct valid nodes; every key maps to a valid partition', (cfg) => {
    const s = createPartitionScheme(name, { ...cfg, seed: 9, keySpace: 10_000 });
    const rf = cfg.replicationFactor!;
    expect(s.replicationFactor).toBe(rf);
    for (let p = 0; p < s.partitions; p++) {
      const reps = s.replicasOf(p);
      expect(reps.length).toBe(rf);
      expect(new Set(reps).size).toBe(rf);
      for (const n of reps) expect(Number.isInteger(n) && n >= 0 && n < cfg.nodes).toBe(true);
    }
    for (let k = 0; k < 10_000; k++) {
      const p = s.partitionOf(k);
      if (!(Number.isInteger(p) && p >= 0 && p < s.partitions)) throw new Error(`key ${k} → partition ${p}`);
    }
    // Each key counted at each of its replicas: total = RF × keys.
    const lb = loadBalance(s, 10_000);
    expect(lb.keysPerReplica.total).toBe(rf * 10_000);
  });

  it('leaders are spread: every node leads partitions, within one of an even split of partitions (ring: exactly v arcs)', () => {
    const s = createPartitionScheme(name, { nodes: 7, replicationFactor: 3, seed: 9, keySpace: 10_000, vnodes: 8 });
    const led = new Array<number>(7).fill(0);
    for (let p = 0; p < s.partitions; p++) led[s.replicasOf(p)[0]!]!++;
    expect(Math.min(...led)).toBeGreaterThan(0);
    expect(Math.max(...led) - Math.min(...led)).toBeLessThanOrEqual(1);
  });
});

describe('replica lookup guards', () => {
  it('throws on a partition that does not exist', () => {
    const s = createPartitionScheme('jump', { nodes: 3 });
    expect(() => s.replicasOf(3)).toThrow(RangeError);
    expect(() => s.replicasOf(-1)).toThrow(RangeError);
  });
});

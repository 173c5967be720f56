// A scan visits only the partitions covering its key range under range partitioning, and every partition under hashing.
import { describe, expect, it } from 'vitest';
import { createPartitionScheme } from '../strategies/partitioning/registry.js';

describe('partitionsForScan', () => {
  it('range: the contiguous partitions covering [start, end]', () => {
    const range = createPartitionScheme('range', { nodes: 4, partitions: 10, keySpace: 1000 });
    expect(range.partitionsForScan(0, 99)).toEqual([0]);
    expect(range.partitionsForScan(95, 205)).toEqual([0, 1, 2]);
    expect(range.partitionsForScan(205, 95)).toEqual([0, 1, 2]);
    expect(range.partitionsForScan(990, 5000)).toEqual([9]);
    // Every key of the scan is in one of the listed partitions.
    const listed = new Set(range.partitionsForScan(123, 456));
    for (let k = 123; k <= 456; k++) expect(listed.has(range.partitionOf(k))).toBe(true);
  });

  it.each(['hash-mod', 'consistent-hash', 'rendezvous', 'jump'])('%s: every partition', (name) => {
    const s = createPartitionScheme(name, { nodes: 4, vnodes: 4 });
    const all = Array.from({ length: s.partitions }, (_, i) => i);
    expect(s.partitionsForScan(10, 20)).toEqual(all);
  });
});

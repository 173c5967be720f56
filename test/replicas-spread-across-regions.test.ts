// With the spread-regions placement every partition's replicas sit in as many distinct regions as possible.
import { describe, expect, it } from 'vitest';
import { PARTITION_SCHEME_NAMES, createPartitionScheme } from '../strategies/partitioning/registry.js';
import { resizeRegions } from '../strategies/partitioning/options.js';

// Nine nodes in three regions, laid out in blocks so that "successor" placement alone would keep replicas together.
const regions = ['eu', 'eu', 'eu', 'us', 'us', 'us', 'ap', 'ap', 'ap'];

function regionsOf(reps: readonly number[]): Set<string> {
  return new Set(reps.map((n) => regions[n]!));
}

describe.each(PARTITION_SCHEME_NAMES.map((n) => [n]))('%s', (name) => {
  const base = { nodes: 9, regions, seed: 21, keySpace: 9000, vnodes: 16 };

  it('RF 3 over 3 regions: each partition has one replica per region, leader first', () => {
    const s = createPartitionScheme(name, { ...base, replicationFactor: 3, placement: 'spread-regions' });
    const simple = createPartitionScheme(name, { ...base, replicationFactor: 3 });
    for (let p = 0; p < s.partitions; p++) {
      const reps = s.replicasOf(p);
      expect(regionsOf(reps).size).toBe(3);
      expect(reps[0]).toBe(simple.replicasOf(p)[0]); // spreading never changes the leader
    }
  });

  it('RF 5 over 3 regions: all 3 regions present, 5 distinct nodes', () => {
    const s = createPartitionScheme(name, { ...base, replicationFactor: 5, placement: 'spread-regions' });
    for (let p = 0; p < s.partitions; p++) {
      const reps = s.replicasOf(p);
      expect(new Set(reps).size).toBe(5);
      expect(regionsOf(reps).size).toBe(3);
    }
  });
});

describe('simple placement on blocked regions', () => {
  it('keeps successor replicas in the leader\'s region (what spread-regions fixes)', () => {
    const s = createPartitionScheme('hash-mod', { nodes: 9, regions, replicationFactor: 3 });
    expect(regionsOf(s.replicasOf(0)).size).toBe(1); // nodes 0, 1, 2 — all in eu
  });
});

describe('regions on resize', () => {
  it('an added node joins the region with the fewest nodes; a removed node takes its region with it', () => {
    expect(resizeRegions(['a', 'a', 'b'], 5, undefined)).toEqual(['a', 'a', 'b', 'b', 'a']);
    expect(resizeRegions(['a', 'b', 'c'], 2, undefined)).toEqual(['a', 'b']);
    const s = createPartitionScheme('jump', { nodes: 9, regions, replicationFactor: 3, placement: 'spread-regions' });
    const grown = s.resize(10);
    expect(grown.options.regions).toEqual([...regions, 'eu']);
    for (let p = 0; p < grown.partitions; p++) expect(new Set(grown.replicasOf(p).map((n) => grown.options.regions![n])).size).toBe(3);
  });
});

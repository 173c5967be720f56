// Load-balance helpers: counts per partition and per node (leaders and all replicas), max/mean, CV and hottest partition.
import { describe, expect, it } from 'vitest';
import { countStats, hottestPartition, loadBalance, ownerOf } from '../strategies/partitioning/metrics.js';
import { rangePartitioning } from '../strategies/partitioning/range.js';

describe('countStats', () => {
  it('computes mean, max/mean and population CV', () => {
    const s = countStats([1, 2, 3, 6]);
    expect(s.total).toBe(12);
    expect(s.mean).toBe(3);
    expect(s.min).toBe(1);
    expect(s.max).toBe(6);
    expect(s.maxOverMean).toBe(2);
    expect(s.cv).toBeCloseTo(Math.sqrt((4 + 1 + 0 + 9) / 4) / 3, 12);
  });

  it('is all zeros for an empty or all-zero vector', () => {
    expect(countStats([0, 0]).cv).toBe(0);
    expect(countStats([]).maxOverMean).toBe(0);
  });
});

describe('loadBalance and hottestPartition', () => {
  // 4 ranges of 25 keys over 4 nodes, RF 2: partition p led by node p, follower p+1.
  const s = rangePartitioning({ nodes: 4, replicationFactor: 2, keySpace: 100 });

  it('counts keys per partition, per leader and per replica', () => {
    const lb = loadBalance(s, 100);
    expect(Array.from(lb.keysPerPartition.counts)).toEqual([25, 25, 25, 25]);
    expect(Array.from(lb.keysPerLeader.counts)).toEqual([25, 25, 25, 25]);
    expect(Array.from(lb.keysPerReplica.counts)).toEqual([50, 50, 50, 50]);
    expect(lb.keysPerLeader.cv).toBe(0);
    expect(lb.opsPerLeader).toBeUndefined();
  });

  it('counts ops per partition and node and finds the hottest partition', () => {
    const ops = new Float64Array(100).fill(1);
    ops[60] = 101; // partition 2 gets 25 + 100 ops of 200
    const lb = loadBalance(s, 100, ops);
    expect(Array.from(lb.opsPerPartition!.counts)).toEqual([25, 25, 125, 25]);
    expect(Array.from(lb.opsPerLeader!.counts)).toEqual([25, 25, 125, 25]);
    expect(Array.from(lb.opsPerReplica!.counts)).toEqual([50, 50, 150, 150]); // node 3 follows partition 2
    expect(lb.opsPerLeader!.maxOverMean).toBe(2.5);
    expect(lb.hottestPartition).toEqual({ partition: 2, ops: 125, totalOps: 200, share: 0.625 });
    expect(hottestPartition(s, ops)).toEqual(lb.hottestPartition);
  });

  it('accepts an explicit key list', () => {
    const lb = loadBalance(s, [0, 1, 99]);
    expect(Array.from(lb.keysPerPartition.counts)).toEqual([2, 0, 0, 1]);
    expect(ownerOf(s, 99)).toBe(3);
  });
});

// resizeCost reports the moved-key fraction for N→N+1 and N→N−1, and no shrink for a single node.
import { describe, expect, it } from 'vitest';
import { createPartitionScheme } from '../strategies/partitioning/registry.js';
import { resizeCost } from '../strategies/partitioning/metrics.js';

describe('resizeCost', () => {
  it('has grow and shrink entries with counts that match the fractions', () => {
    const c = resizeCost(createPartitionScheme('rendezvous', { nodes: 5, replicationFactor: 3, seed: 1 }), 10_000);
    expect(c.nodes).toBe(5);
    expect(c.grow.to).toBe(6);
    expect(c.grow.total).toBe(10_000);
    expect(c.grow.fraction).toBe(c.grow.moved / 10_000);
    expect(c.shrink!.to).toBe(4);
  });

  it('shrinks below the replication factor by capping it (only owners are compared)', () => {
    const c = resizeCost(createPartitionScheme('jump', { nodes: 3, replicationFactor: 3 }), 1000);
    expect(c.shrink!.to).toBe(2);
  });

  it('has no shrink for one node, and growing from one node moves ≈ half the keys for consistent schemes', () => {
    // 1 → 2 nodes: the new node takes 1/2 in expectation; binomial σ over 1e4 keys is 0.5 pp, so ±3 pp is 6σ.
    const c = resizeCost(createPartitionScheme('jump', { nodes: 1 }), 10_000);
    expect(c.shrink).toBeNull();
    expect(Math.abs(c.grow.fraction - 0.5)).toBeLessThan(0.03);
  });

  it('range per-node re-splitting moves half the keys from 10 to 11 nodes', () => {
    // Equal-width ranges i/10 vs i/11: keys stay in the overlap of [i/10,(i+1)/10) and [i/11,(i+1)/11), Σ (10−i)/110 = 1/2.
    const c = resizeCost(createPartitionScheme('range', { nodes: 10, keySpace: 110_000 }), 110_000);
    expect(c.grow.fraction).toBeCloseTo(0.5, 3);
  });
});

// Range partitioning puts a sequential-insert stream (the newest keys) on one partition; hash schemes spread it.
import { describe, expect, it } from 'vitest';
import { createPartitionScheme } from '../strategies/partitioning/registry.js';
import { hottestPartition, loadBalance } from '../strategies/partitioning/metrics.js';

const RECORDS = 100_000;
const INSERTS = 2_000;

/** One op on each of the newest INSERTS keys: what an insert-heavy / YCSB `latest`-style stream hits. */
function newestKeysOps(): Float64Array {
  const ops = new Float64Array(RECORDS);
  for (let k = RECORDS - INSERTS; k < RECORDS; k++) ops[k] = 1;
  return ops;
}

describe('sequential inserts', () => {
  const ops = newestKeysOps();

  it('range: one partition (the last) takes every insert', () => {
    const range = createPartitionScheme('range', { nodes: 10, replicationFactor: 3, keySpace: RECORDS, seed: 5 });
    const hot = hottestPartition(range, ops);
    expect(hot.partition).toBe(9);
    expect(hot.share).toBe(1);
    // …and so one node leads all of them.
    expect(loadBalance(range, RECORDS, ops).opsPerLeader!.maxOverMean).toBeCloseTo(10, 10);
  });

  it.each([
    ['hash-mod', {}],
    ['hash-mod', { partitions: 64 }],
    ['consistent-hash', { vnodes: 16 }],
    ['rendezvous', {}],
    ['jump', {}],
  ])('%s %j: no partition takes more than 15 % of the inserts', (name, extra) => {
    // 2000 inserts over 10 near-equal partitions: a partition's share is binomial with σ = √(0.1·0.9/2000) ≈ 0.67 pp;
    // the largest of 10 is ≈ 0.1 + 2.5σ ≈ 11.7 %; 15 % is 7σ above the mean. With more partitions (64, or 160 ring
    // arcs whose largest is ≈ ln(160)/160 ≈ 3 % of the ring) shares are smaller still.
    const scheme = createPartitionScheme(name, { nodes: 10, replicationFactor: 3, seed: 5, ...extra });
    const hot = hottestPartition(scheme, ops);
    expect(hot.totalOps).toBe(INSERTS);
    expect(hot.share).toBeLessThan(0.15);
  });
});

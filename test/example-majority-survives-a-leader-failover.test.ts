/**
 * The README's example strategy (examples/strategies/majority.js, loaded from its file) keeps its
 * throughput after a leader failover. It used to stall: a promoted follower resent nothing, so
 * followers stuck at a gap acknowledged nothing and majority commits stopped (9–33 ops/s for the
 * rest of the run). Now a new leader asks its followers where their logs end and ships the rest.
 *
 * Set-up (seed 8): 5 nodes, one partition, RF 5; 1 ms links; 16 closed-loop clients, half
 * writes; the leader crashes at 3 s for good; detection 300 ms. Throughput in the two seconds
 * after the failover settles is at least 80% of the two seconds before the crash (measured: the
 * same within a few percent; the new cluster has 4 live replicas of 5, and a majority is still 2
 * follower acks).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/cli.js';
import { runOne } from './support/run-suite.js';
import { importStrategyFile } from '../harness/config/strategies.js';

describe('the example majority strategy', () => {
  it('keeps its throughput after a leader failover', async () => {
    const def = await importStrategyFile(path.join(ROOT, 'examples', 'strategies', 'majority.js'));
    const { metrics: m } = await runOne(
      {
        seed: 8,
        duration: '8s',
        warmup: '1s',
        cluster: { nodes: 5, partitions: 1, replicationFactor: 5 },
        network: { nodeToNode: '1ms', clientToNode: '100us' },
        workload: { records: 1000, readProportion: 0.5, clients: { model: 'closed', count: 16 }, timeout: '500ms' },
        failover: { heartbeat: '50ms', timeout: '300ms' },
        faults: [{ kind: 'crash', node: { 'leader-of': 0 }, at: '3s' }],
        strategy: 'majority',
      },
      new Map([['majority', def]]),
    );
    expect(m.faults.failovers).toHaveLength(1);
    const ops = m.timeseries.ops; // per second after the 1 s warm-up
    const before = (ops[0]! + ops[1]!) / 2;
    const after = (ops[4]! + ops[5]!) / 2;
    expect(before).toBeGreaterThan(1000);
    expect(after).toBeGreaterThan(0.8 * before);
    expect(m.durability.lostWrites).toBe(0);
  });
});

/**
 * A follower that comes back after the writes have stopped still catches up at full speed: no new
 * appends reach it, so it cannot tell how far behind it is, and the leader's own log end drives
 * the catch-up window. (Before, only the retransmission timer moved it on, about 1024 entries per
 * two 100 ms intervals: 7,500 entries took well over a second.)
 *
 * Set-up (seed 71): 3 nodes, one partition, RF 3, async, node↔node Exp(mean 1 ms), 20 µs per
 * write and apply; writes only, open loop Poisson 5000/s, stopped after 17,500 operations (≈ 3.5 s).
 * Follower node 2 is cut off from 2 s to 4 s, so it returns about 7,500 entries behind with no
 * write arriving any more; the run ends 1 s after the partition heals. Caught up means: the same
 * log end and data as the leader, and every committed write applied everywhere. (Node 2 applies
 * 7,500 entries in 0.15 s of service time.)
 */
import { describe, expect, it } from 'vitest';
import { divergentVersions, runOne } from './support/run-suite.js';

describe('a follower returning after the writes stopped', () => {
  it('catches up within a second of the partition healing', async () => {
    const run = await runOne({
      name: 'catch-up-without-new-writes',
      seed: 71,
      duration: '5s',
      warmup: '500ms',
      operations: 17_500,
      cluster: { nodes: 3, partitions: 1, replicationFactor: 3 },
      network: { nodeToNode: { dist: 'exponential', mean: '1ms' }, clientToNode: '100us' },
      service: { write: '20us', apply: '20us' },
      workload: { readProportion: 0, records: 10_000, clients: { model: 'open', rate: 5000 }, timeout: '1s' },
      failover: { heartbeat: '50ms', timeout: '500ms' },
      strategy: 'async',
      faults: [{ kind: 'partition', groups: [[2], [0, 1]], at: '2s', for: '2s' }],
    });
    const p = run.final.partitions[0]!;
    expect(run.metrics.faults.failovers).toHaveLength(0);
    const node2 = p.replicas.find((r) => r.node === 2)!;
    const leader = p.replicas.find((r) => r.node === p.leader)!;
    expect(leader.lastApplied).toBe(17_500);
    expect(node2.lastApplied).toBe(leader.lastApplied);
    expect(divergentVersions(run.final, 0)).toBe(0);
    expect(run.metrics.replicationLag.unappliedAtEnd).toBe(0);
  });
});

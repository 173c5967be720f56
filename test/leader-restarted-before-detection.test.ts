/**
 * A leader that crashes and restarts before the failure detector notices stays leader; it does
 * not know where its followers' logs end, so it asks them (probes) instead of resending from the
 * start of a log it has long trimmed, and a follower it cannot reach yet catches up once it can.
 *
 * Set-up (seed 61): 3 nodes, one partition, RF 3, async; node↔node Exp(mean 1 ms); writes only,
 * open loop Poisson 2000/s. Follower node 1 is cut off from 2 s to 4 s (the leader, node 0, and
 * the controller stay in the majority, so nothing fails over), and node 0 crashes at 2.5 s for
 * 100 ms, far shorter than the 500 ms detection timeout. Arrivals stop at about 7 s (operation
 * limit), 2 s before the end.
 */
import { describe, expect, it } from 'vitest';
import { divergentVersions, runOne } from './support/run-suite.js';

describe('a leader restarted before its crash is detected', () => {
  it('probes its followers and brings the unreachable one up to date after the partition heals', async () => {
    const run = await runOne({
      name: 'leader-restarted-before-detection',
      seed: 61,
      duration: '9s',
      warmup: '1s',
      operations: 14_000,
      cluster: { nodes: 3, partitions: 1, replicationFactor: 3 },
      network: { nodeToNode: { dist: 'exponential', mean: '1ms' }, clientToNode: '100us' },
      service: { write: '20us', apply: '20us' },
      workload: { readProportion: 0, records: 10_000, clients: { model: 'open', rate: 2000 }, timeout: '1s' },
      failover: { heartbeat: '50ms', timeout: '500ms' },
      strategy: 'async',
      faults: [
        { kind: 'partition', groups: [[1], [0, 2]], at: '2s', for: '2s' },
        { kind: 'crash', node: 0, at: '2500ms', for: '100ms' },
      ],
    });
    const { metrics: m, final } = run;
    const p = final.partitions[0]!;
    // Node 0 led throughout: no failover, so nothing could be lost.
    expect(m.faults.failovers).toHaveLength(0);
    expect(p.leader).toBe(0);
    expect(m.durability.lostWrites).toBe(0);
    // Every replica ends with the leader's log and data (before, the restarted leader resent
    // from entry 1, which it had trimmed, and the case failed).
    for (const r of p.replicas) expect(r.lastApplied).toBe(p.replicas[0]!.lastApplied);
    expect(divergentVersions(final, 0)).toBe(0);
    expect(m.replicationLag.unappliedAtEnd).toBe(0);
  });
});

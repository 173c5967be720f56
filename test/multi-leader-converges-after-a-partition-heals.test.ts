/**
 * Multi-leader replicas converge once a network partition heals: each replica keeps, per peer,
 * the newest of its own writes to each key that the peer has not acknowledged and resends them
 * on a retransmission timer, so the writes each side accepted during the partition reach the
 * other side afterwards, and last-writer-wins settles every key the same way everywhere.
 *
 * Set-up (seed 13): 3 nodes, RF 3, exponential 1 ms links; node 0 is cut off from nodes 1 and 2
 * from 300 ms to 1.3 s while clients keep writing through all three; 8 closed-loop clients, 500
 * keys, half reads, 8,000 operations (they end about 1.2 s in), 3 s run. At the end every replica
 * holds the same write for every key and nothing stays unapplied. Control: with a 10 s
 * retransmission interval nothing is resent within the run, and 1,000 (key, replica) pairs still
 * differ at the end.
 */
import { describe, expect, it } from 'vitest';
import { divergentVersions, runOne } from './support/run-suite.js';

const run = (retransmit: string) =>
  runOne({
    seed: 13,
    duration: '3s',
    operations: 8000,
    cluster: { nodes: 3, partitions: 1, replicationFactor: 3 },
    network: { nodeToNode: { dist: 'exponential', mean: '1ms' }, clientToNode: '100us' },
    workload: { records: 500, readProportion: 0.5, clients: { model: 'closed', count: 8, thinkTime: { dist: 'exponential', mean: '1ms' } } },
    faults: [{ kind: 'partition', groups: [[0], [1, 2]], at: '300ms', for: '1s' }],
    strategy: { name: 'multi-leader', retransmit },
  });


describe('multi-leader after a partition', () => {
  it('converges once the partition heals', async () => {
    const healed = await run('100ms');
    expect(healed.metrics.ops.write.count).toBeGreaterThan(3000);
    expect(healed.metrics.counters['retransmits']).toBeGreaterThan(0);
    expect(divergentVersions(healed.final, 0)).toBe(0);
    expect(healed.metrics.replicationLag.unappliedAtEnd).toBe(0);
    expect(healed.metrics.durability.lostWrites).toBe(0);

    const never = await run('10s');
    expect(divergentVersions(never.final, 0)).toBeGreaterThan(500);
  });
});

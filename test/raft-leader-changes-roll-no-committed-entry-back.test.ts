/**
 * Raft never rolls a committed entry back across leader changes: no two replicas ever apply
 * different entries at the same log index (State Machine Safety), and once writes have stopped
 * every replica holds the same write for every key.
 *
 * Set-up (seed 23): 5 nodes, one partition, replicationFactor 5; node↔node Exp(mean 1 ms), client
 * link 100 µs; 20 records (many writes per key), open loop, Poisson 3,000 ops/s (half writes),
 * timeout 500 ms, 22,000 operations (the last issued at about 7.3 s; the run ends at 9 s). Faults:
 * the leader (node 0) crashes at 2 s (back at 3 s); nodes 3 and 4 (node 4 leads by then) are cut
 * off from the rest from 3.5 s to 4.5 s; the leader crashes again at 5 s (back at 5.5 s); a loss
 * burst (30%) from 6 s to 6.5 s.
 * The strategy is wrapped (test/support/raft-recorder.ts) to record every entry every replica
 * applies.
 */
import { describe, expect, it } from 'vitest';
import { recordingRaft, termsCommittedByTwo, termsWithTwoLeaders } from './support/raft-recorder.js';
import { runOne } from './support/run-suite.js';

describe('raft: leader changes', () => {
  it('roll no committed entry back: replicas apply the same entry at every index and end with the same data', async () => {
    const { strategy, record } = recordingRaft();
    const { metrics: m, final } = await runOne(
      {
        seed: 23,
        duration: '9s',
        warmup: '1s',
        operations: 22_000,
        cluster: { nodes: 5, partitions: 1, replicationFactor: 5 },
        network: { nodeToNode: { dist: 'exponential', mean: '1ms' }, clientToNode: '100us' },
        workload: { records: 20, readProportion: 0.5, clients: { model: 'open', rate: 3000 }, timeout: '500ms' },
        strategy: 'raft',
        faults: [
          { kind: 'crash', node: { 'leader-of': 0 }, at: '2s', for: '1s' },
          { kind: 'partition', groups: [[3, 4], [0, 1, 2]], at: '3500ms', for: '1s' },
          { kind: 'crash', node: { 'leader-of': 0 }, at: '5s', for: '500ms' },
          { kind: 'loss', probability: 0.3, at: '6s', for: '500ms' },
        ],
      },
      new Map([['raft', strategy]]),
    );
    // The leader changed at each of the three faults that struck it (measured: 0 → 4 at 2.21 s,
    // 4 → 2 at 3.74 s, 2 → 4 at 5.23 s).
    expect(m.faults.failovers).toHaveLength(3);
    expect(termsWithTwoLeaders(record)).toEqual([]);
    expect(termsCommittedByTwo(record)).toEqual([]);
    // Every index applied anywhere was applied with the same entry everywhere (measured: the
    // 9,884 entries of the run, each applied by all five replicas).
    expect(record.applied.size).toBeGreaterThan(9_000);
    expect(record.conflictingApplies).toBe(0);
    // Writes have stopped: every replica applied the same log and holds the same write per key.
    const p = final.partitions[0]!;
    expect(new Set(p.replicas.map((r) => r.lastApplied)).size).toBe(1);
    for (let key = 0; key < final.keys; key++) {
      const ids = p.replicas.map((r) => final.writeId(r.node, key));
      expect(new Set(ids).size, `key ${key}: ${ids.join(', ')}`).toBe(1);
    }
    expect(m.durability.lostWrites).toBe(0);
  });
});

/**
 * Raft elects a new leader by itself when its leader crashes, writes resume on it, and no
 * acknowledged write is lost.
 *
 * Set-up (seed 7): 3 nodes, one partition, replicationFactor 3; node↔node Exp(mean 1 ms),
 * client link 100 µs; open loop, Poisson 2,000 ops/s (half reads, half writes), timeout 1 s;
 * raft with its defaults (election timeout 150 ms, heartbeat 50 ms, read-index reads). Node 0
 * leads from the start (it campaigns at once); it crashes at 3 s and returns at 5 s.
 *
 * Why the bounds hold: the followers hear from the leader until the crash (a write reaches them
 * every 0.5 ms on average), so each one's randomized election timer fires between 150 and 300 ms
 * after the crash; a pre-vote and a vote round take two round trips (a few ms). The election is
 * therefore in [3.15 s, 3.31 s]; we allow up to 3 election timeouts (3.45 s). Until the view
 * changes, clients still send to the dead node, and those operations time out; afterwards every
 * operation reaches the new leader.
 */
import { describe, expect, it } from 'vitest';
import { runOne } from './support/run-suite.js';

const RATE = 2000;
const WARMUP_S = 1;
const CRASH_S = 3;
const ELECTION_TIMEOUT_S = 0.15;

describe('raft: a leader crash', () => {
  it('elects a new leader within a few election timeouts; writes resume there; no acknowledged write is lost', async () => {
    const { metrics: m, final } = await runOne({
      seed: 7,
      duration: '8s',
      warmup: `${WARMUP_S}s`,
      cluster: { nodes: 3, partitions: 1, replicationFactor: 3 },
      network: { nodeToNode: { dist: 'exponential', mean: '1ms' }, clientToNode: '100us' },
      workload: { records: 1000, readProportion: 0.5, clients: { model: 'open', rate: RATE }, timeout: '1s' },
      strategy: 'raft',
      faults: [{ kind: 'crash', node: { 'leader-of': 0 }, at: `${CRASH_S}s`, for: '2s' }],
    });
    // One view change, made by the strategy: node 0 to one of the survivors.
    const changes = m.faults.failovers;
    expect(changes).toHaveLength(1);
    const f = changes[0]!;
    expect(f.by).toBe('strategy');
    expect(f.from).toBe(0);
    expect([1, 2]).toContain(f.to);
    const electedAt = f.at_s + WARMUP_S;
    expect(electedAt).toBeGreaterThanOrEqual(CRASH_S + ELECTION_TIMEOUT_S);
    expect(electedAt).toBeLessThan(CRASH_S + 3 * ELECTION_TIMEOUT_S);
    // The first write issued after the crash that succeeded was issued after the election
    // (nothing can commit without a leader) and shortly after it (measured: elected at 3.153 s, first
    // write 155 ms after the crash).
    const w = m.faults.windows[0]!;
    expect(w.timeToFirstWriteUs).not.toBeNull();
    expect(w.timeToFirstWriteUs! / 1e6).toBeGreaterThanOrEqual(electedAt - CRASH_S - 0.005);
    expect(w.timeToFirstWriteUs! / 1e6).toBeLessThan(electedAt - CRASH_S + 0.01);
    // Writes resumed: in the second after the election (4–5 s: bucket 3) the cluster serves the
    // offered rate again (a Poisson count of ~2,000: ±10% is > 4 standard deviations; measured 1,961).
    expect(m.timeseries.ops[3]!).toBeGreaterThan(0.9 * RATE);
    // What failed is what clients sent to the dead leader before the view changed: about half the
    // rate times the election delay (measured 169 of an expected ~155), every one a timeout, never
    // an acknowledged write that vanished. ±30% is 4 standard deviations of that Poisson count.
    const sentToDeadLeader = (RATE / 2) * (electedAt - CRASH_S);
    expect(m.ops.write.failed).toBeGreaterThan(0.7 * sentToDeadLeader);
    expect(m.ops.write.failed).toBeLessThan(1.3 * sentToDeadLeader);
    expect(m.ops.write.timedOut).toBe(m.ops.write.failed);
    expect(m.durability.lostWrites).toBe(0);
    // Node 0 came back as a follower of the new term and caught up.
    const p = final.partitions[0]!;
    expect(p.leader).toBe(f.to);
    const back = p.replicas.find((r) => r.node === 0)!;
    expect(back.up).toBe(true);
    expect(back.term).toBe(p.term);
    const leader = p.replicas.find((r) => r.node === f.to)!;
    expect(leader.lastApplied - back.lastApplied).toBeLessThan(50);
  });
});

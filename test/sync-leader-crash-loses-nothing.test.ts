/**
 * Sync replication, leader crash under load: no acknowledged write is lost.
 *
 * Set-up (seed 11): 3 nodes, one partition, replicationFactor 3; node↔node one-way latency
 * Exp(mean 2 ms) — a real replication delay —, client link 100 µs; writes only, open loop
 * (Poisson, 5000/s), client timeout 1 s. The leader of p0 (node 0) crashes at 3 s and comes back
 * at 4 s; the failure detector hears from nodes every 50 ms and replaces a leader unheard of for
 * 500 ms. Sync acknowledges a write only once every follower has applied it, so whichever
 * follower is promoted holds every acknowledged write: the expected count is exactly 0.
 * The same run shows that the scenario could lose writes: when the leader crashed its log
 * reached beyond the promoted follower's (fromLogEnd > base) — those writes had simply not been
 * acknowledged yet (the async test uses the same set-up and does lose them).
 */
import { describe, expect, it } from 'vitest';
import { runOne } from './support/run-suite.js';

const RATE = 5000;
const CRASH_AT_S = 3;
const WARMUP_S = 1;
const HEARTBEAT_S = 0.05;
const DETECTION_S = 0.5;

const suite = {
  name: 'sync-leader-crash',
  seed: 11,
  duration: '6s',
  warmup: `${WARMUP_S}s`,
  cluster: { nodes: 3, partitions: 1, replicationFactor: 3 },
  network: { nodeToNode: { dist: 'exponential', mean: '2ms' }, clientToNode: '100us' },
  service: { write: { dist: 'exponential', mean: '20us' }, apply: { dist: 'exponential', mean: '20us' } },
  workload: { readProportion: 0, clients: { model: 'open', rate: RATE }, timeout: '1s' },
  strategy: 'sync',
  faults: [{ kind: 'crash', node: { 'leader-of': 0 }, at: `${CRASH_AT_S}s`, for: '1s' }],
  failover: { heartbeat: `${HEARTBEAT_S * 1000}ms`, timeout: `${DETECTION_S * 1000}ms` },
};

describe('sync: a leader crash under load loses no acknowledged write', () => {
  it('0 lost writes although the crashed leader held writes the new leader lacks', async () => {
    const { metrics: m } = await runOne(suite);
    // Under load: thousands of writes were acknowledged before the crash.
    expect(m.ops.write.count).toBeGreaterThan(0.9 * RATE * (CRASH_AT_S - WARMUP_S));
    // One failover, away from the crashed leader, once the detector's timeout had passed: the
    // last heartbeat that heard node 0 was at most one interval before the crash.
    expect(m.faults.failovers).toHaveLength(1);
    const f = m.faults.failovers[0]!;
    expect(f.from).toBe(0);
    expect(f.to).not.toBe(0);
    expect(f.at_s).toBeGreaterThanOrEqual(CRASH_AT_S - WARMUP_S + DETECTION_S - HEARTBEAT_S - 1e-9);
    expect(f.at_s).toBeLessThanOrEqual(CRASH_AT_S - WARMUP_S + DETECTION_S + 1e-9);
    // The crash did leave writes behind (measured: 15 entries beyond the new leader's log end)...
    expect(f.fromLogEnd).toBeGreaterThan(f.base!);
    // ...but none of them had been acknowledged.
    expect(f.lostWrites).toBe(0);
    expect(m.durability.lostWrites).toBe(0);
    expect(m.durability.lost).toEqual([]);
  });
});

/**
 * A network partition isolating the leader: the majority side's failure detector promotes a new
 * leader; with async, the writes the isolated leader kept acknowledging are lost and counted;
 * with sync, none are (they were never acknowledged).
 *
 * Set-up (seed 31): 3 nodes, one partition, replicationFactor 3, node 0 leads; node↔node
 * Exp(mean 1 ms), client link 100 µs; writes only, open loop Poisson 2000/s, timeout 1 s. At 3 s
 * the network splits into [0] | [1, 2] for 2 s; clients still reach every node (so they keep
 * writing to the isolated leader until they learn of the new one). The detector (heartbeat
 * 50 ms, timeout 500 ms) sits with the majority.
 */
import { describe, expect, it } from 'vitest';
import { runOne } from './support/run-suite.js';

const RATE = 2000;
const AT_S = 3;
const WARMUP_S = 1;
const DETECTION_S = 0.5;
const HEARTBEAT_S = 0.05;
const suite = (strategy: string) => ({
  name: 'partition-isolating-the-leader',
  seed: 31,
  duration: '7s',
  warmup: `${WARMUP_S}s`,
  cluster: { nodes: 3, partitions: 1, replicationFactor: 3 },
  network: { nodeToNode: { dist: 'exponential', mean: '1ms' }, clientToNode: '100us' },
  service: { write: '20us', apply: '20us' },
  workload: { readProportion: 0, clients: { model: 'open', rate: RATE }, timeout: '1s' },
  strategy,
  faults: [{ kind: 'partition', groups: [[0], [1, 2]], at: `${AT_S}s`, for: '2s' }],
  failover: { heartbeat: `${HEARTBEAT_S * 1000}ms`, timeout: `${DETECTION_S * 1000}ms` },
});

describe('a partition isolating the leader', () => {
  it('async: the majority elects a new leader after detection; the writes acknowledged on the isolated side are lost and counted', async () => {
    const { metrics: m, final } = await runOne(suite('async'));
    // The majority side promoted one of its own once the detector had not heard from node 0 for
    // the timeout (the last heartbeat that heard it was at most one interval before the split).
    expect(m.faults.failovers).toHaveLength(1);
    const f = m.faults.failovers[0]!;
    expect(f.from).toBe(0);
    expect([1, 2]).toContain(f.to);
    const promotedAt = f.at_s + WARMUP_S;
    expect(promotedAt).toBeGreaterThanOrEqual(AT_S + DETECTION_S - HEARTBEAT_S - 1e-9);
    expect(promotedAt).toBeLessThanOrEqual(AT_S + DETECTION_S + 1e-9);
    expect(final.partitions[0]!.leader).toBe(f.to);
    // What the isolated leader held beyond the new leader's log: the writes of the ~0.45 s
    // between the split and the promotion (≈ 900 at 2000/s; ±15% is > 4 standard deviations of
    // a Poisson count), plus the few in flight to the followers when it began. Measured 960.
    const held = f.fromLogEnd! - f.base!;
    expect(held).toBeGreaterThan(0.85 * RATE * (promotedAt - AT_S));
    expect(held).toBeLessThan(1.15 * RATE * (promotedAt - AT_S));
    // Every one of them was acknowledged (the isolated leader answers at once, and its clients
    // still reach it), and so were the writes already on their way to it when clients were
    // redirected (at 2000/s × 100 µs, a fraction of one expected; bound 5). Measured 961.
    expect(m.durability.lostWrites).toBeGreaterThanOrEqual(held);
    expect(m.durability.lostWrites).toBeLessThanOrEqual(held + 5);
    // They were committed on the isolated side: after the split minus the replication delay,
    // and no later than just after the promotion.
    for (const w of m.durability.lost) {
      expect(w.committedAtUs).toBeGreaterThan((AT_S - 0.05) * 1e6);
      expect(w.committedAtUs).toBeLessThan((promotedAt + 0.01) * 1e6);
    }
    // Async clients never noticed: no write failed (which is exactly the danger).
    expect(m.ops.write.failed).toBe(0);
  });

  it('sync: the same split loses nothing — the isolated leader never acknowledged what it could not replicate', async () => {
    const { metrics: m } = await runOne(suite('sync'));
    const f = m.faults.failovers[0]!;
    expect(f.from).toBe(0);
    expect([1, 2]).toContain(f.to);
    // Same arrivals and timing as the async case: the isolated leader held as many writes
    // beyond the new leader's log (measured 960, as with async)...
    expect(f.fromLogEnd! - f.base!).toBeGreaterThan(0.85 * RATE * (f.at_s + WARMUP_S - AT_S));
    // ...but they all timed out at the client instead of being acknowledged.
    expect(m.durability.lostWrites).toBe(0);
    expect(f.lostWrites).toBe(0);
    expect(m.faults.windows[0]!.writesTimedOut).toBeGreaterThan(f.fromLogEnd! - f.base!);
  });
});

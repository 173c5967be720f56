/**
 * Lost replication messages are repaired (fast retransmit on duplicate acks, timer for a lost
 * tail), so under loss the replication lag stays bounded and sync keeps committing. Links are
 * `independent` (a lost message is gone): with `fifo` links a loss is repaired by the link itself.
 */
import { describe, expect, it } from 'vitest';
import { runOne } from './support/run-suite.js';

const base = (strategy: string, loss: number) => ({
  seed: 5,
  duration: '6s',
  warmup: '1s',
  cluster: { nodes: 3, replicationFactor: 3 },
  network: { nodeToNode: { dist: 'exponential', mean: '1ms' }, clientToNode: '100us', loss, ordering: 'independent' },
  workload: { records: 1000, readProportion: 0.5, clients: { model: 'open', rate: 2000 }, reads: 'follower' },
  strategy,
});

describe('message loss is repaired', () => {
  it('async at 5% loss: replication lag stays within tens of ms and followers do not fall behind', async () => {
    const lossy = await runOne(base('async', 0.05));
    const clean = await runOne(base('async', 0));
    const lag = lossy.metrics.replicationLag;
    // ~2500 writes x 2 followers; with 5% loss about 250 appends are lost. A repair costs a few
    // inter-write gaps (about 1 ms each at 1000 writes/s) plus a round trip, so p99 stays far below
    // the 100 ms retransmission timer; without repair the lag grew without bound (about 1 s).
    expect(lag.lag.p99).toBeLessThan(50_000);
    // Only writes committed in the last few ms (still in flight at the end) may be unapplied:
    // 1000 writes/s x 2 followers x ~10 ms is about 20 pairs; a stuck follower would leave thousands.
    expect(lag.unappliedAtEnd).toBeLessThan(40);
    expect(lossy.metrics.counters.retransmits ?? 0).toBeGreaterThan(0);
    // Loss costs something: the lag tail is longer than without loss.
    expect(lag.lag.p99).toBeGreaterThan(clean.metrics.replicationLag.lag.p99);
  });

  it('sync at 5% loss keeps committing every write and never serves a stale follower read', async () => {
    const r = await runOne(base('sync', 0.05));
    expect(r.metrics.ops.write.failed).toBe(0);
    expect(r.metrics.ops.write.count).toBeGreaterThan(4000);
    expect(r.metrics.staleness.stale).toBe(0);
    expect(r.metrics.ops.write.latency.p99).toBeLessThan(50_000);
  });
});

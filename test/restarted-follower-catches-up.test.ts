/**
 * A follower that crashed and restarts catches up from the leader's log: its replication lag
 * returns to normal, and when the writes stop every replica holds every write.
 *
 * Set-up (seed 41): 3 nodes, one partition, RF 3, async; node↔node Exp(mean 1 ms), client link
 * 100 µs, 20 µs per write and per apply (one worker); writes only, open loop Poisson. The first
 * follower of p0 crashes at 3 s. Normal replication lag: ~1–2 ms median, a per-second maximum of
 * ~10 ms. An operation limit stops the arrivals about 2 s before the end so that the end state
 * is quiescent: every committed write should be applied everywhere (unappliedAtEnd exactly 0,
 * and every replica holds the same version of every key).
 */
import { describe, expect, it } from 'vitest';
import { divergentVersions, runOne, type CaseRun } from './support/run-suite.js';

const suite = (rate: number, outage: string, operations: number) => ({
  name: 'restarted-follower-catches-up',
  seed: 41,
  duration: '9s',
  warmup: '1s',
  operations,
  cluster: { nodes: 3, partitions: 1, replicationFactor: 3 },
  network: { nodeToNode: { dist: 'exponential', mean: '1ms' }, clientToNode: '100us' },
  service: { write: '20us', apply: '20us' },
  workload: { readProportion: 0, records: 10_000, clients: { model: 'open', rate }, timeout: '1s' },
  strategy: 'async',
  faults: [{ kind: 'crash', node: { 'a-follower-of': 0 }, at: '3s', for: outage }],
});

/** Every replica applied the same log and holds the same version of every key. */
function converged(run: CaseRun): void {
  const [p] = run.final.partitions;
  const ends = p!.replicas.map((r) => r.lastApplied);
  expect(new Set(ends).size).toBe(1);
  // The leader never failed, so every issued write is in the log, and applied everywhere.
  expect(ends[0]).toBe(run.config.operations);
  expect(divergentVersions(run.final, 0)).toBe(0);
  expect(run.metrics.replicationLag.unappliedAtEnd).toBe(0);
}

describe('a restarted follower catches up', () => {
  it('2000 writes/s, down 2 s (4000 entries behind): lag back to normal in the second after it returns', async () => {
    const run = await runOne(suite(2000, '2s', 14_000));
    const lag = run.metrics.timeseries.maxLagUs;
    // Seconds after warm-up: the crash is at 2, the return at 4. In second 4 the follower applies
    // writes committed right at the crash: their lag is the whole outage (measured 2.019 s).
    expect(lag[4]).toBeGreaterThan(1_900_000);
    // From the next second on, the lag is back to its normal size (measured ≤ 6 ms; bound 50 ms).
    for (let s = 5; s < lag.length; s++) expect(lag[s]).toBeLessThan(50_000);
    converged(run);
  });

  it('20 000 writes/s, down 1 s (20 000 entries behind, follower 40% busy with new writes): caught up within 2 s', async () => {
    // The follower can apply 50 000 entries/s and new writes take 20 000/s of that, so it cannot
    // catch up faster than 20 000 / 30 000/s ≈ 0.7 s; measured: lag normal again from the second
    // second after the return (before the catch-up window existed, resends piled up in its
    // queue and it never caught up).
    const run = await runOne(suite(20_000, '1s', 140_000));
    const lag = run.metrics.timeseries.maxLagUs;
    expect(lag[3]).toBeGreaterThan(900_000); // it did fall a whole outage behind (measured 1.10 s)
    for (let s = 5; s < lag.length; s++) expect(lag[s]).toBeLessThan(50_000);
    converged(run);
  });
});

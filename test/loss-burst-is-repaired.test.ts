/**
 * A message-loss burst (`loss` fault) drops node↔node messages for its window only; the
 * replication protocol repairs the gaps, so nothing is lost for good and everything returns to
 * normal once the burst is over. Client links are not affected: no client operation fails. Links
 * are `independent` (a lost message is gone; `fifo` links would resend it themselves).
 *
 * Set-up (seed 9): 3 nodes, one partition, RF 3; node↔node Exp(mean 1 ms), client link 100 µs;
 * writes only, open loop Poisson 2000/s; 30% loss from 3 s to 4 s (time-series second 2). Each
 * strategy also runs without the burst (same seed, so the same arrivals) for comparison.
 */
import { describe, expect, it } from 'vitest';
import { runOne } from './support/run-suite.js';

const suite = (strategy: string, burst: boolean) => ({
  name: 'loss-burst',
  seed: 9,
  duration: '7s',
  warmup: '1s',
  operations: 11_000, // writes stop at ~5.5 s: the end state is quiescent
  cluster: { nodes: 3, partitions: 1, replicationFactor: 3 },
  network: { nodeToNode: { dist: 'exponential', mean: '1ms' }, clientToNode: '100us', ordering: 'independent' },
  service: { write: '20us', apply: '20us' },
  workload: { readProportion: 0, clients: { model: 'open', rate: 2000 }, timeout: '1s' },
  strategy,
  faults: burst ? [{ kind: 'loss', probability: 0.3, at: '3s', for: '1s' }] : [],
});
const BURST = 2;
const AFTER = 4;

describe('a loss burst is repaired', () => {
  it('async: lag rises during the burst, returns to normal after it; every write reaches every replica', async () => {
    const lossy = (await runOne(suite('async', true))).metrics;
    const clean = (await runOne(suite('async', false))).metrics;
    expect(lossy.faults.windows[0]!.label).toBe('loss 30%');
    // ~2000 writes × 2 followers × 30% ≈ 1200 appends lost (plus acks): many resends, against a
    // few hundred spurious ones from reordering without the burst (measured 7654 vs 135).
    expect(lossy.counters.retransmits).toBeGreaterThan(1000);
    expect(lossy.counters.retransmits).toBeGreaterThan(10 * (clean.counters.retransmits ?? 0));
    // Lag: tens of ms during the burst (each repair waits a retransmission timeout, and a lost
    // resend waits another), normal again after it (measured 113 ms, then ≤ 8 ms).
    expect(lossy.timeseries.maxLagUs[BURST]).toBeGreaterThan(3 * clean.timeseries.maxLagUs[BURST]!);
    expect(lossy.timeseries.maxLagUs[AFTER]).toBeLessThan(50_000);
    expect(lossy.replicationLag.unappliedAtEnd).toBe(0);
    expect(lossy.ops.write.failed).toBe(0);
    expect(lossy.durability.lostWrites).toBe(0);
  });

  it('sync: writes slow down during the burst and recover after it; none fails', async () => {
    const lossy = (await runOne(suite('sync', true))).metrics;
    const clean = (await runOne(suite('sync', false))).metrics;
    const w = lossy.timeseries.writeMeanUs;
    const c = clean.timeseries.writeMeanUs;
    // Measured: ~3.2 ms mean without loss, ~59 ms during the burst, back to ~3.2 ms after it.
    expect(w[BURST]).toBeGreaterThan(5 * c[BURST]!);
    expect(Math.abs(w[AFTER]! - c[AFTER]!)).toBeLessThan(0.2 * c[AFTER]!);
    expect(lossy.ops.write.failed).toBe(0);
    expect(lossy.ops.write.count).toBe(clean.ops.write.count);
  });
});

/**
 * Little's law for a closed loop: with N clients and zero think time every client always has
 * exactly one operation in flight, so the mean number in the system is exactly N and
 *   throughput × mean latency = N.
 *
 * This is not a statistical statement but an accounting identity, up to edge effects.
 * The mean latency is over the S successful operations that *started* after warm-up;
 * `throughput` counts successful completions after warm-up per measured virtual second
 * (T = duration − warm-up): those S plus at most one per client that straddles the warm-up
 * boundary. So
 *   S/T × mean latency = (Σ latencies of those operations) / T.
 * On each client's timeline the measured operations run back to back from its first issue
 * after warm-up to its last completion before the end; what is missing from N·T is, per client,
 * the tail of the operation straddling the warm-up boundary and the head of the one still in
 * flight at the end: each shorter than the longest latency. Hence
 *   N·(1 − 2·max/T) ≤ throughput × mean ≤ N·(1 + N/S),
 * which is asserted directly with the run's own max latency (plus a margin for histogram
 * rounding, below), and implies the 1% bound because max ≪ T and N ≪ S here.
 * The expected shortfall is ≈ N·E[R²]/(E[R]·T) (inspection paradox), ≈ 0.1% for these numbers.
 *
 * Histogram precision: latencies are integer µs in a 3-significant-digit HDR histogram; the
 * mean is from the histogram, off by ≤ 0.5 µs rounding + ≤ 1/2048 relative bucket error
 * (≤ 0.05%), allowed for explicitly.
 *
 * Requirements for the identity: no failed or timed-out operations (they would occupy a client
 * without entering the latency mean) — asserted — and completions only by the time limit, not
 * by an operation limit (that would leave a drain phase with fewer than N clients).
 *
 * The interactive response-time law X·(R + Z) = N with think time Z > 0 is checked too; there
 * the think times are random, so the mean think time is estimated from the number of think
 * periods: its tolerance is statistical (see that test).
 */
import { describe, expect, it } from 'vitest';
import { meanLatency, runOne } from './support/run-suite.js';

const CLIENTS = 16;

/** A workload with random network delays, service times, queueing at nodes and replication. */
function suite(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'littles-law',
    seed: 11,
    duration: '20s',
    warmup: '2s',
    cluster: { nodes: 3, replicationFactor: 3, partitions: 6 },
    network: {
      nodeToNode: { dist: 'exponential', mean: '500us' },
      clientToNode: { dist: 'uniform', min: '50us', max: '250us' },
    },
    service: {
      workers: 1,
      write: { dist: 'exponential', mean: '120us' },
      read: { dist: 'exponential', mean: '60us' },
      apply: { dist: 'exponential', mean: '80us' },
    },
    workload: { records: 10_000, readProportion: 0.5, clients: { model: 'closed', count: CLIENTS, thinkTime: 0 } },
    strategy: { name: 'semi-sync', acks: 1 },
    ...overrides,
  };
}

describe("Little's law in a closed loop", () => {
  it.each(['async', 'sync', 'semi-sync'])('%s: throughput × mean latency = N clients within 1 percent', async (strategy) => {
    const run = await runOne(suite({ strategy }));
    const m = run.metrics;
    const T = m.measuredSeconds;
    expect(T).toBe(18);
    expect(m.ops.read.failed + m.ops.write.failed).toBe(0);
    expect(m.ops.read.count).toBeGreaterThan(10_000);
    expect(m.ops.write.count).toBeGreaterThan(10_000);
    const meanS = meanLatency(m) / 1e6;
    const product = m.throughput * meanS;
    // Histogram error on the mean: ≤ 0.5 µs rounding + 1/2048 relative.
    const histSlack = CLIENTS * (0.5e-6 / meanS + 1 / 2048);
    const maxS = Math.max(m.ops.read.latency.max, m.ops.write.latency.max) / 1e6;
    const measured = m.ops.read.count + m.ops.write.count;
    expect(product).toBeLessThanOrEqual(CLIENTS * (1 + CLIENTS / measured) + histSlack);
    expect(product).toBeGreaterThanOrEqual(CLIENTS * (1 - (2 * maxS) / T) - histSlack);
    expect(Math.abs(product / CLIENTS - 1)).toBeLessThan(0.01);
  });

  it('with a saturated node (queueing dominates latency) the law still holds', async () => {
    // One worker per node and write service 1 ms: the leaders are the bottleneck, latency is
    // mostly queueing; the identity does not care.
    const run = await runOne(suite({ service: { workers: 1, write: { dist: 'exponential', mean: '1ms' }, read: { dist: 'exponential', mean: '200us' } } }));
    const m = run.metrics;
    expect(m.ops.read.failed + m.ops.write.failed).toBe(0);
    const product = m.throughput * (meanLatency(m) / 1e6);
    expect(Math.abs(product / CLIENTS - 1)).toBeLessThan(0.01);
  });

  it('with think time Z: throughput × (mean latency + Z) = N (response-time law)', async () => {
    // Think times are Exp(2 ms); each client thinks once per operation. Tolerance 1.5%: the
    // accounting identity contributes ≤ 2·max/T as above; the statistical part is the sample
    // mean of ~1e5 think times (one per operation; CV 1) vs its expectation Z: relative SE
    // 1/√1e5 ≈ 0.32%, weighted by Z/(R+Z) ≈ 0.7 ⇒ ≈ 0.22% on the product, so 1.5% ≈ 6 SE.
    // (Measured with seed 11: 15.98, i.e. −0.13%.)
    const Z = 2000;
    const run = await runOne(suite({ workload: { records: 10_000, readProportion: 0.5, clients: { model: 'closed', count: CLIENTS, thinkTime: { dist: 'exponential', mean: `${Z}us` } } } }));
    const m = run.metrics;
    expect(m.ops.read.failed + m.ops.write.failed).toBe(0);
    expect(m.ops.read.count + m.ops.write.count).toBeGreaterThan(90_000);
    const cycle = (meanLatency(m) + Z) / 1e6;
    expect(Math.abs((m.throughput * cycle) / CLIENTS - 1)).toBeLessThan(0.015);
  });
});

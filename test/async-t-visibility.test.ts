/**
 * t-visibility of asynchronous replication follows the follower-link delay distribution.
 *
 * Set-up: `async`, node-to-node one-way delay Exp(m) with m = 1 ms, clientToNode 0 and all
 * service times 0. The leader applies a write and acknowledges it at once, and the client
 * receives the ack in the same instant, so commit time = the moment the entry is shipped.
 * Each follower applies it one Exp(m) leg later — provided it has applied every earlier entry,
 * since followers apply in log order. Writes are kept sparse to guarantee that: one closed-loop
 * client thinking a constant 20 m between operations, so a follower is still behind on the
 * previous write with probability < e^−20 ≈ 2e−9. Then the lag of each (write, follower) pair
 * is an independent Exp(m) sample and, with reads going to followers,
 *   p(t) = P(a read t after commit sees the write) = P(lag ≤ t) = 1 − e^(−t/m).
 *
 * Tolerance: 1e5 operations, half of them writes, 2 followers each ⇒ ≈ 1e5 independent
 * (write, follower) samples (legs are drawn independently per message). The estimate of p(t) is
 * a binomial proportion with standard error √(p(1−p)/n) ≤ 0.5/√1e5 = 0.0016; the absolute
 * tolerance 0.01 is ≥ 6 standard errors at every t. p(t) is computed from the exact (floating
 * point) lags, not from the µs histogram, so there is no rounding to account for. Seed fixed (9).
 */
import { describe, expect, it } from 'vitest';
import { runOne } from './support/run-suite.js';

const M_US = 1000;
const T_POINTS_US = [0, 100, 250, 500, 1000, 2000, 3000, 5000];

describe('async t-visibility with exponential follower links', () => {
  it('p(t) ≈ 1 − e^(−t/m) at several t (sparse writes, follower reads)', async () => {
    const run = await runOne({
      name: 'async-t-visibility',
      seed: 9,
      duration: '100000s', // ends at the operation limit (~2000 s of virtual time)
      operations: 100_000,
      cluster: { nodes: 3, replicationFactor: 3, partitions: 1 },
      network: { nodeToNode: { dist: 'exponential', mean: `${M_US}us` }, clientToNode: 0 },
      service: { write: 0, read: 0, apply: 0 },
      workload: { records: 1000, readProportion: 0.5, reads: 'follower', clients: { model: 'closed', count: 1, thinkTime: `${20 * M_US}us` } },
      strategy: 'async',
      metrics: { visibility: T_POINTS_US.map((t) => `${t}us`) },
    });
    const m = run.metrics;
    expect(m.visibility.reads).toBe('follower');
    const samples = 2 * m.ops.write.count;
    expect(samples).toBeGreaterThan(95_000);
    // Every (write, follower) pair was applied before the run ended, and each one is a lag sample.
    expect(m.replicationLag.unappliedAtEnd).toBe(0);
    expect(m.replicationLag.lag.count).toBe(samples);
    // No retransmitted duplicates (they could only make a follower apply earlier).
    expect(m.counters.retransmits ?? 0).toBe(0);
    expect(m.visibility.points.map((p) => p.t_us)).toEqual(T_POINTS_US);
    for (const { t_us, p } of m.visibility.points) {
      const expected = 1 - Math.exp(-t_us / M_US);
      expect(Math.abs(p - expected), `p(${t_us} µs) = ${p}, expected ${expected.toFixed(4)}`).toBeLessThan(0.01);
    }
    // t = 0: a follower can never have applied a write at the instant it commits (the leg is > 0).
    expect(m.visibility.points[0]!.p).toBe(0);
    // The lag distribution itself is Exp(m): mean m (CV 1, SE 1/√1e5 = 0.3%; tolerance 2%) and
    // median m·ln 2 (tolerance 3%: SE of a median of 1e5 exponentials is 0.45%, plus ≤ 0.1% HDR
    // bucket error).
    expect(Math.abs(m.replicationLag.lag.mean / M_US - 1)).toBeLessThan(0.02);
    expect(Math.abs(m.replicationLag.lag.p50 / (M_US * Math.LN2) - 1)).toBeLessThan(0.03);
  });
});

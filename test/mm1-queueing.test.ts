/**
 * A single-worker leader under Poisson arrivals with exponential service is an M/M/1 queue:
 * mean latency (sojourn time, queueing + service) = 1/(μ − λ).
 *
 * Set-up: open loop, Poisson arrivals at λ = 700/s; one node, replicationFactor 1 (no
 * followers, so no replication traffic and no apply work anywhere), `async` (the leader answers
 * right after its own write), one worker, write service Exp(1 ms) ⇒ μ = 1000/s, ρ = 0.7.
 * Network constant 0 both ways, writes only. Latency is measured from the intended start
 * (the arrival instant), so it is exactly the M/M/1 sojourn time: expected 1/(μ−λ) = 3333.3 µs.
 *
 * Tolerance 3%, from the statistics of a correlated sample: successive sojourn times in a queue
 * are strongly autocorrelated, so the variance of their mean over n customers is σ²/n with the
 * asymptotic variance constant σ² (not the marginal variance 1/(μ−λ)²). For the waiting time in
 * queue Daley (1968) gives σ² = ρ(2 + 5ρ − 4ρ² + ρ³)/(μ²(1−ρ)⁴) = 336/μ² at ρ = 0.7; for the
 * sojourn time a batch-means estimate (400 independent stationary M/M/1 runs of 2e5 customers,
 * Lindley recursion) gave σ² ≈ 375/μ². With n = 1e6 customers the standard error of the mean is
 * √(375/1e6)/μ = 19.4 µs = 0.58% of 3333 µs, so 3% is ≈ 5 standard errors. Seed fixed (1).
 *
 * Warm-up 1 s: the queue starts empty and relaxes with time constant ≈ 1/(μ(1−√ρ)²) ≈ 37 ms,
 * so after 1 s the initial transient is gone (and would be worth < 0.1% anyway over ~1400 s).
 * The histogram mean (integer µs, 3 significant digits) is within 0.05% of the exact mean.
 * No request can time out (P(sojourn > 10 s) = e^−3000).
 */
import { describe, expect, it } from 'vitest';
import { runOne } from './support/run-suite.js';

const MU = 1000; // per second: service mean 1 ms
const LAMBDA = 700; // per second
const OPS = 1_000_000;

describe('M/M/1: a single-worker leader with Poisson arrivals and exponential service', () => {
  it('mean latency = 1/(μ − λ) within 3% at ρ = 0.7', async () => {
    const run = await runOne({
      name: 'mm1-queueing',
      seed: 1,
      duration: '100000s', // ends at the operation limit (~1430 s of virtual time)
      warmup: '1s',
      operations: OPS,
      cluster: { nodes: 1, replicationFactor: 1, partitions: 1 },
      network: { nodeToNode: 0, clientToNode: 0 },
      service: { workers: 1, write: { dist: 'exponential', mean: `${1e3 / MU}ms` } },
      workload: { readProportion: 0, clients: { model: 'open', rate: LAMBDA, arrival: 'poisson' } },
      strategy: 'async',
    });
    const m = run.metrics;
    const w = m.ops.write;
    const expectedUs = 1e6 / (MU - LAMBDA);
    expect(w.failed).toBe(0);
    expect(m.ops.read.count).toBe(0);
    expect(w.count).toBeGreaterThan(0.99 * OPS);
    // The offered and achieved rates are λ (a stable queue serves everything that arrives);
    // 1e6 Poisson arrivals give a relative SE of 0.1%, so 1% is 10 SE.
    expect(Math.abs(m.offered / LAMBDA - 1)).toBeLessThan(0.01);
    expect(Math.abs(m.throughput / LAMBDA - 1)).toBeLessThan(0.01);
    expect(Math.abs(w.latency.mean / expectedUs - 1)).toBeLessThan(0.03);
  });
});

/**
 * Open-loop saturation: one node with one worker and a constant 1 ms service time serves at most
 * 1000 operations per second. An open loop offering more is flagged `saturated` and achieves
 * less than it offers; offering less, it is not flagged and achieves what it offers; with an
 * in-flight cap the excess arrivals are dropped and counted, not queued.
 *
 * Tolerances (warm-up 1 s, T = 4 measured seconds, Poisson arrivals):
 * - offered: the number of arrivals in T is Poisson(rate·T); at 1500/s that is 6000 ± 77 (1.3%),
 *   so ±5% is ≈ 4 standard deviations.
 * - achieved above capacity: once a backlog forms the worker never idles, so it completes one
 *   operation per ms: 4000 in T, ±1 at the window edges (throughput counts completions after
 *   warm-up, including those queued during warm-up). Asserted within 1% of 1000/s.
 * - achieved below capacity (ρ = 0.5): every arrival completes within a few ms, so achieved
 *   equals offered up to the handful of operations in flight at the window edges: within 1%.
 * - dropped: with the cap, what is neither completed nor in flight (≤ cap) was dropped, so
 *   dropped/T = offered − achieved up to cap/T at each edge: within 2% of the offered rate.
 */
import { describe, expect, it } from 'vitest';
import { runOne } from './support/run-suite.js';
import type { CaseMetrics } from '../harness/metrics/types.js';

const CAPACITY = 1000; // ops/s: 1 worker × 1 / 1 ms

async function run(clients: Record<string, unknown>): Promise<CaseMetrics> {
  const { metrics } = await runOne({
    name: 'open-loop-saturation',
    seed: 3,
    duration: '5s',
    warmup: '1s',
    cluster: { nodes: 1, partitions: 1, replicationFactor: 1 },
    network: { clientToNode: '100us' },
    service: { workers: 1, read: '1ms', write: '1ms' },
    workload: { records: 1000, readProportion: 1, clients },
    strategy: 'async',
  });
  expect(metrics.measuredSeconds).toBe(4);
  return metrics;
}

describe('open-loop saturation', () => {
  it('offered above capacity (1500/s vs 1000/s): saturated, achieved ≈ capacity < offered', async () => {
    const m = await run({ model: 'open', rate: 1500 });
    // Measured (seed 3): offered 1482.8/s, achieved 1000.0/s, 2443 still queued at the end.
    expect(m.saturated).toBe(true);
    expect(m.offered).toBeGreaterThan(1500 * 0.95);
    expect(m.offered).toBeLessThan(1500 * 1.05);
    expect(m.throughput).toBeLessThan(m.offered);
    expect(Math.abs(m.throughput / CAPACITY - 1)).toBeLessThan(0.01);
    expect(m.dropped).toBe(0); // no cap given (default 100,000): the excess queues instead
    expect(m.inflightAtEnd).toBeGreaterThan(1000); // ≈ (offered − capacity) · 5 s
  });

  it('offered below capacity (500/s): not saturated, achieved ≈ offered', async () => {
    const m = await run({ model: 'open', rate: 500 });
    // Measured (seed 3): offered 491.5/s, achieved 490.8/s.
    expect(m.saturated).toBe(false);
    expect(m.offered).toBeGreaterThan(500 * 0.95);
    expect(m.offered).toBeLessThan(500 * 1.05);
    expect(Math.abs(m.throughput / m.offered - 1)).toBeLessThan(0.01);
    expect(m.dropped).toBe(0);
  });

  it('an in-flight cap drops and counts the excess arrivals, and bounds the queue', async () => {
    const cap = 20;
    const m = await run({ model: 'open', rate: 1500, maxInflight: cap });
    // Measured (seed 3): offered 1482.8/s, achieved 1000.0/s, dropped 1931, read p99 ≈ 20 ms.
    expect(m.saturated).toBe(true);
    expect(m.dropped).toBeGreaterThan(0);
    expect(Math.abs(m.dropped / m.measuredSeconds - (m.offered - m.throughput)) / m.offered).toBeLessThan(0.02);
    expect(Math.abs(m.throughput / CAPACITY - 1)).toBeLessThan(0.01);
    expect(m.ops.read.failed).toBe(0); // dropped arrivals are not failed operations
    expect(m.inflightAtEnd).toBeLessThanOrEqual(cap);
    // At most `cap` requests wait, 1 ms each: no accepted request waits longer than ≈ cap ms.
    expect(m.ops.read.latency.max).toBeLessThanOrEqual((cap + 1) * 1000 + 200);
  });

  it('a paced closed loop above capacity is flagged too and reports its target as the offered rate', async () => {
    const m = await run({ model: 'closed', count: 4, target: 2000 });
    // Measured (seed 3): offered 2000/s (the target), achieved 1000.0/s.
    expect(m.saturated).toBe(true);
    expect(m.offered).toBe(2000);
    expect(Math.abs(m.throughput / CAPACITY - 1)).toBeLessThan(0.01);
    const below = await run({ model: 'closed', count: 4, target: 500 });
    expect(below.saturated).toBe(false);
    expect(Math.abs(below.throughput / 500 - 1)).toBeLessThan(0.01);
  });
});

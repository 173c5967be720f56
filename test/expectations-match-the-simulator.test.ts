/**
 * The analytic expectations the reports show beside measurements (harness/metrics/expectations.ts)
 * match the simulator where their conditions hold:
 * - sync with writes spaced by a 20 ms think time (so no write waits behind another): mean write
 *   latency = client links + the largest of 2 follower round trips (Gamma(2, m) with exponential
 *   legs), within 2% (4e4 writes: the standard error of the mean is 0.5 m / √4e4 ≈ 0.25%; the Monte
 *   Carlo expectation's is 0.2%);
 * - an M/M/1 open loop (ρ = 0.7): mean latency = 1/(μ − λ) within 5% (2e5 operations: the
 *   autocorrelated mean's standard error is about 1.3%; see mm1-queueing.test.ts);
 * - a closed loop: throughput = N / (mean latency + think time) (Little's law) within 1% (the
 *   only slack is the operations in flight at the window's edges);
 * - a partial quorum without propagation (n = 3, w = r = 1, one client alternating writes and
 *   reads on one key): the stale fraction is PBS's 2/3, within 5 binomial standard errors
 *   (about 10,000 reads: SE 0.47%);
 * and the formulas themselves against closed forms.
 */
import { describe, expect, it } from 'vitest';
import { erlangC, expectedOrderStatistic, mmcSojourn, pbsStale } from '../harness/metrics/expectations.js';
import { runOne } from './support/run-suite.js';

const ratio = (m: { expectations: readonly { metric: string; measured: number; expected: number }[] }, metric: string) => {
  const e = m.expectations.find((x) => x.metric === metric);
  if (!e) throw new Error(`no ${metric} expectation`);
  return e.measured / e.expected;
};

describe('expectations beside measurements', () => {
  it('the formulas: order statistics, Erlang C, PBS', () => {
    // Max of two iid Gamma(2, m): E = ∫ 1 − F(x)² dx with F = 1 − e^(−u)(1 + u): 11/4 m.
    expect(expectedOrderStatistic(2, 2, { dist: 'exponential', mean: 1000 }, { dist: 'constant', value: 0 }) / 2750).toBeCloseTo(1, 2);
    expect(expectedOrderStatistic(1, 1, { dist: 'constant', value: 500 }, { dist: 'constant', value: 100 })).toBe(1100);
    expect(erlangC(1, 0.7)).toBeCloseTo(0.7, 12); // M/M/1: P(wait) = ρ
    expect(mmcSojourn(1, 0.0007, 1000)).toBeCloseTo(1000 / 0.3, 6); // 1/(μ − λ)
    expect(pbsStale(3, 1, 1)).toBeCloseTo(2 / 3, 12);
    expect(pbsStale(3, 1, 1, 3)).toBeCloseTo(8 / 27, 12);
    expect(pbsStale(3, 2, 2)).toBe(0);
  });

  it('sync commit latency with spaced writes is the order statistic of the round trips', async () => {
    const { metrics } = await runOne({
      seed: 3,
      duration: '100000s',
      operations: 40_000,
      cluster: { nodes: 3, partitions: 1, replicationFactor: 3 },
      network: { nodeToNode: { dist: 'exponential', mean: '1ms' }, clientToNode: '50us' },
      workload: { records: 100, readProportion: 0, clients: { model: 'closed', count: 1, thinkTime: '20ms' } },
      strategy: { name: 'sync', retransmit: '1000s' },
    });
    expect(Math.abs(ratio(metrics, 'write mean latency') - 1)).toBeLessThan(0.02);
  });

  it('an M/M/1 open loop matches 1/(μ − λ)', async () => {
    const { metrics } = await runOne({
      seed: 1,
      duration: '100000s',
      warmup: '1s',
      operations: 200_000,
      cluster: { nodes: 1, replicationFactor: 1, partitions: 1 },
      network: { nodeToNode: 0, clientToNode: 0 },
      service: { workers: 1, write: { dist: 'exponential', mean: '1ms' } },
      workload: { records: 100, readProportion: 0, clients: { model: 'open', rate: 700 } },
      strategy: 'async',
    });
    expect(Math.abs(ratio(metrics, 'mean latency') - 1)).toBeLessThan(0.05);
  });

  it('a partial quorum without propagation matches PBS', async () => {
    const { metrics } = await runOne({
      seed: 5,
      duration: '20s',
      cluster: { nodes: 3, partitions: 1, replicationFactor: 3 },
      network: { nodeToNode: '1ms', clientToNode: '100us' },
      workload: { records: 1, readProportion: 0.5, clients: { model: 'closed', count: 1 } },
      strategy: { name: 'quorum', w: 1, r: 1, fanout: 'quorum' },
    });
    const e = metrics.expectations.find((x) => x.metric === 'stale read fraction')!;
    expect(e.expected).toBeCloseTo(2 / 3, 12);
    const reads = metrics.staleness.reads;
    expect(reads).toBeGreaterThan(5000);
    expect(Math.abs(e.measured - e.expected)).toBeLessThan(5 * Math.sqrt((e.expected * (1 - e.expected)) / reads));
  });

  it("a closed loop obeys Little's law", async () => {
    const { metrics } = await runOne({
      seed: 2,
      duration: '5s',
      warmup: '500ms',
      cluster: { nodes: 3, partitions: 1, replicationFactor: 3 },
      network: { nodeToNode: { dist: 'exponential', mean: '1ms' }, clientToNode: '100us' },
      workload: { records: 1000, readProportion: 0.5, clients: { model: 'closed', count: 16, thinkTime: '1ms' } },
      strategy: { name: 'semi-sync', acks: 1 },
    });
    expect(Math.abs(ratio(metrics, 'throughput') - 1)).toBeLessThan(0.01);
  });
});

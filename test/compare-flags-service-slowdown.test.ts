/**
 * A +10% service-time slowdown is flagged `regressed` on write latency: once with repetitions
 * (Welch's t-test and the threshold must both agree) and once single-seed (threshold and the
 * measured seed-to-seed spread, marked as having no noise estimate).
 * The writes' latency is dominated by the leader's service time (async: no replication wait;
 * 2 × 50 µs of client link against ~1 ms of service and queueing), so it rises by about 10%,
 * twice the default 5% threshold.
 *
 * Compare matches cases by configuration, and a slowdown in CI comes from the code, not the
 * suite: so the head run is simulated with 10% slower service and then labelled with the
 * base's configuration, as a slower build running the same suite would be.
 */
import { describe, expect, it } from 'vitest';
import { compareResults } from '../reports/compare.js';
import type { RunResults } from '../reports/schema.js';
import { resultsOf } from './support/report-fixture.js';

/** Head results carrying the base's configurations (same suite, slower "code"). */
function asSameSuite(head: RunResults, base: RunResults): RunResults {
  return { ...head, cases: head.cases.map((c, i) => ({ ...c, id: base.cases[i]!.id, config: base.cases[i]!.config })) };
}

async function compareSlowdown(repetitions: number) {
  const base = await resultsOf(suite(1, repetitions));
  const head = asSameSuite(await resultsOf(suite(1.1, repetitions)), base);
  return compareResults(base, head);
}

function suite(serviceMs: number, repetitions: number): Record<string, unknown> {
  return {
    name: 'slowdown',
    seed: 77,
    repetitions,
    duration: '1500ms',
    warmup: '100ms',
    cluster: { nodes: 3, partitions: 1, replicationFactor: 3 },
    network: { nodeToNode: { dist: 'exponential', mean: '1ms' }, clientToNode: '50us' },
    service: { workers: 1, write: { dist: 'exponential', mean: serviceMs }, read: { dist: 'exponential', mean: serviceMs } },
    workload: { records: 200, readProportion: 0.2, clients: { model: 'closed', count: 2 }, reads: 'leader' },
    strategy: 'async',
  };
}

describe('compare', () => {
  it('flags a 10% service-time slowdown as a write-latency regression (repetitions)', async () => {
    const c = await compareSlowdown(10);
    expect(c.matched).toBe(1);
    const verdict = (m: string) => c.rows.find((r) => r.metric === m)!;
    for (const m of ['write_mean_us', 'write_p50_us']) {
      expect(verdict(m).test).toBe('welch-t');
      expect(verdict(m).change!).toBeGreaterThan(0.05);
      expect(verdict(m).verdict, m).toBe('regressed');
      expect(verdict(m).pAdjusted!).toBeLessThan(0.05);
    }
    expect(c.counts.improved).toBe(0);
  });

  it('flags it single-seed too (no noise estimate)', async () => {
    const c = await compareSlowdown(1);
    const mean = c.rows.find((r) => r.metric === 'write_mean_us')!;
    expect(mean.test).toBe('single-seed');
    expect(mean.change!).toBeGreaterThan(mean.spread!);
    expect(mean.verdict).toBe('regressed');
    expect(mean.reason).toContain('no noise estimate');
    expect(c.singleSeed).toBe(true);
  });
});

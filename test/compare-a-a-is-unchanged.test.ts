/**
 * A/A: the same code run twice with different seeds (8 repetitions each) must compare as
 * `unchanged` in at least 95% of metrics, over 20 trials with independent seeds. Seeds differ,
 * so numbers differ: only the two gates (Mann–Whitney U at α = 0.05, Holm-corrected over every
 * test in the comparison, and the practical 5% threshold) keep noise from being called a change.
 * Under the null hypothesis Holm bounds the chance of any false verdict in a trial by 5%, so the
 * expected share of non-unchanged metrics is far below 5%. 8 repetitions rather than 5: with 5
 * vs 5 the smallest attainable p-value (2/252) cannot pass a Holm threshold over ~20 tests, so
 * a noisy metric beyond 5% would be `insufficient data` rather than `unchanged`.
 */
import { describe, expect, it } from 'vitest';
import { compareResults, type Verdict } from '../reports/compare.js';
import { resultsOf } from './support/report-fixture.js';

const TRIALS = 20;
const REPETITIONS = 8;

function suite(seed: number): Record<string, unknown> {
  return {
    name: 'a-a',
    seed,
    repetitions: REPETITIONS,
    duration: '600ms',
    warmup: '100ms',
    cluster: { nodes: 3, partitions: 1, replicationFactor: 3 },
    network: { nodeToNode: { dist: 'exponential', mean: '1ms' }, clientToNode: '100us' },
    service: { write: { dist: 'exponential', mean: '100us' }, read: { dist: 'exponential', mean: '50us' } },
    workload: { records: 200, readProportion: 0.5, clients: { model: 'closed', count: 4 }, reads: 'follower' },
    matrix: { strategy: ['sync', 'async'] },
  };
}

describe('compare, A/A', () => {
  it('calls at least 95% of metrics unchanged across 20 trials of different seeds', async () => {
    const counts: Record<Verdict, number> = { improved: 0, regressed: 0, unchanged: 0, 'insufficient data': 0 };
    for (let t = 0; t < TRIALS; t++) {
      const base = await resultsOf(suite(1000 + t));
      const head = await resultsOf(suite(5000 + t));
      const c = compareResults(base, head);
      expect(c.matched).toBe(2);
      expect(c.tests).toBeGreaterThan(0);
      for (const r of c.rows) counts[r.verdict]++;
    }
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(TRIALS * 2 * 8);
    expect(counts.unchanged / total, JSON.stringify(counts)).toBeGreaterThanOrEqual(0.95);
  });
});

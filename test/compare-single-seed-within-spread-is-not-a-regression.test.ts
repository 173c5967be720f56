/**
 * Without repetitions there is no noise estimate: a single-seed change of a tail metric smaller
 * than the seed-to-seed spread measured for that sort of metric (reports/noise.ts) is not called a
 * regression, even beyond the practical threshold; a larger one is, marked "no noise estimate".
 * A comparison of runs with different seeds says so in its first line (and in the markdown
 * headline); one with the same seeds does not.
 */
import { describe, expect, it } from 'vitest';
import { compareResults } from '../reports/compare.js';
import { comparisonMarkdown, comparisonTable } from '../reports/compare-format.js';
import { SEED_SPREADS } from '../reports/noise.js';
import type { CaseResult, RunResults } from '../reports/schema.js';
import { SMALL_SUITE, resultsOf } from './support/report-fixture.js';

/** Every case's write p999 and replication-lag p99 scaled. */
function scaleTails(results: RunResults, p999: number, lag: number): RunResults {
  const cases = results.cases.map((c): CaseResult => {
    if (c.status !== 'ok') return c;
    const m = c.metrics;
    const w = m.ops.write;
    const l = m.replicationLag.lag;
    return { ...c, metrics: { ...m, ops: { ...m.ops, write: { ...w, latency: { ...w.latency, p999: w.latency.p999 * p999 } } }, replicationLag: { ...m.replicationLag, lag: { ...l, p99: l.p99 * lag } } } };
  });
  return { ...results, cases };
}

describe('single-seed comparisons', () => {
  it('do not call a tail change within the measured seed-to-seed spread a regression', async () => {
    const base = await resultsOf();
    const p999Spread = SEED_SPREADS.op_p999_us!.steady!;
    const lagSpread = SEED_SPREADS.replication_lag_p99_us!.steady!;
    expect(p999Spread).toBeGreaterThan(0.1);
    expect(lagSpread).toBeGreaterThan(0.04);

    // +10% on write p999 (beyond the 5% threshold, within its spread) and +4% on lag p99 with a 1% threshold.
    const small = compareResults(base, scaleTails(base, 1.1, 1.04), { rules: [{ metric: 'replication_lag_p99_us', relative: 0.01 }] });
    const p999 = small.rows.filter((r) => r.metric === 'write_p999_us');
    const lag = small.rows.filter((r) => r.metric === 'replication_lag_p99_us' && r.base! > 0);
    expect(p999.length).toBe(6);
    expect(lag.length).toBeGreaterThan(0);
    for (const r of [...p999, ...lag]) {
      expect(r.test).toBe('single-seed');
      expect(Math.abs(r.change!)).toBeGreaterThan(r.threshold.relative);
      expect(r.verdict, `${r.case} ${r.metric}`).toBe('unchanged');
      expect(r.reason).toContain('within the seed-to-seed spread');
    }
    expect(p999[0]!.spread).toBe(p999Spread);
    expect(small.counts.regressed).toBe(0);

    // Twice the spread on write p999 is beyond it: a regression, without a claim of significance.
    const large = compareResults(base, scaleTails(base, 1 + 2 * p999Spread, 1));
    for (const r of large.rows.filter((x) => x.metric === 'write_p999_us')) {
      expect(r.verdict).toBe('regressed');
      expect(r.reason).toContain('no noise estimate');
    }
    const text = comparisonTable(large);
    expect(text).toContain('regressed (no noise estimate)');
    expect(text).toContain('no noise estimate: one seed per side');
    expect(text.split('\n')[0]).toMatch(/^compared 6 configurations/);
  });

  it('say in their first line when the seeds differ', async () => {
    const base = await resultsOf();
    const other = await resultsOf({ ...SMALL_SUITE, seed: 6 });
    const c = compareResults(base, other);
    expect(c.matched).toBe(6);
    expect(c.seedsDiffer).toBe(true);
    expect(comparisonTable(c).split('\n')[0]).toMatch(/^different seeds: base and head ran with different seeds \(base suite seed 5, head 6\)/);
    expect(comparisonMarkdown(c).split('\n')[0]).toMatch(/^## replbench compare: .*\(different seeds; single seed: no noise estimate\)$/);
    expect(compareResults(base, base).seedsDiffer).toBe(false);
    expect(comparisonTable(compareResults(base, base)).split('\n')[0]).toMatch(/^compared/);
  });
});

/**
 * The markdown headline says what the verdicts say: "no changes" only when every metric is
 * unchanged, never "no regressions" when metrics have insufficient data, the number of
 * regressions first, improvements otherwise. `--only-changed` drops the unchanged rows (and the
 * collapsed table of all metrics).
 */
import { describe, expect, it } from 'vitest';
import { compareResults } from '../reports/compare.js';
import { comparisonMarkdown, comparisonTable } from '../reports/compare-format.js';
import type { CaseResult, RunResults } from '../reports/schema.js';
import { SMALL_SUITE, resultsOf } from './support/report-fixture.js';

/** Keeps the repetition-0 cases and scales the first one's write p99. */
function firstRepScaled(results: RunResults, factor: number): RunResults {
  const cases = results.cases
    .filter((c) => c.config.repetition === 0)
    .map((c, i): CaseResult => {
      if (i !== 0 || c.status !== 'ok') return c;
      const w = c.metrics.ops.write;
      return { ...c, metrics: { ...c.metrics, ops: { ...c.metrics.ops, write: { ...w, latency: { ...w.latency, p99: w.latency.p99 * factor } } } } };
    });
  return { ...results, cases, suite: { ...results.suite, total: cases.length } };
}

const headline = (c: ReturnType<typeof compareResults>) => comparisonMarkdown(c).split('\n')[0];

describe('the markdown headline', () => {
  it('matches the verdicts', async () => {
    const single = await resultsOf();
    expect(headline(compareResults(single, single))).toBe('## replbench compare: no changes (single seed: no noise estimate)');
    expect(headline(compareResults(single, firstRepScaled(single, 1.5)))).toBe('## replbench compare: 🔴 1 regression (single seed: no noise estimate)');
    expect(headline(compareResults(single, firstRepScaled(single, 0.5)))).toBe('## replbench compare: 🟢 no regressions; 1 improvement (single seed: no noise estimate)');

    // Repetitions on the base only: a change beyond the threshold cannot be tested.
    const reps = await resultsOf({ ...SMALL_SUITE, repetitions: 3 });
    const c = compareResults(reps, firstRepScaled(reps, 1.5));
    expect(c.counts['insufficient data']).toBeGreaterThan(0);
    expect(c.counts.regressed).toBe(0);
    const md = comparisonMarkdown(c);
    expect(md.split('\n')[0]).toMatch(/^## replbench compare: ⚪ no regression detected; \d+ metrics? with insufficient data/);
    expect(md).not.toContain('no regressions');
  });

  it('--only-changed shows only what changed', async () => {
    const single = await resultsOf();
    const c = compareResults(single, firstRepScaled(single, 1.5));
    const md = comparisonMarkdown(c, { onlyChanged: true });
    expect(md).not.toContain('All metrics');
    expect(md).not.toMatch(/\| unchanged \|/);
    const table = comparisonTable(c, { onlyChanged: true });
    expect(table.split('\n').filter((l) => l.startsWith('!'))).toHaveLength(1);
    expect(table).not.toMatch(/^ {3}\w.* unchanged$/m);
    expect(comparisonTable(compareResults(single, single), { onlyChanged: true })).toContain('every compared metric is unchanged');
  });
});

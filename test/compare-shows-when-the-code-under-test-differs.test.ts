/**
 * `compare` pairs cases by configuration even when the code under test differs (that is what a CI
 * comparison is for) and says so: strategy files whose recorded content hash differs, and a
 * different replbench code hash.
 */
import { describe, expect, it } from 'vitest';
import { compareResults } from '../reports/compare.js';
import { comparisonTable } from '../reports/compare-format.js';
import type { RunResults } from '../reports/schema.js';
import { resultsOf } from './support/report-fixture.js';

function withCode(results: RunResults, strategyHash: string, code: string): RunResults {
  return { ...results, environment: { ...results.environment, code }, cases: results.cases.map((c) => ({ ...c, strategyFiles: { 'strategies/mine.js': strategyHash, 'strategies/lib.js': 'f'.repeat(64) } })) };
}

describe('compare', () => {
  it('shows when the code under test differs and still pairs the cases', async () => {
    const results = await resultsOf();
    const base = withCode(results, 'a'.repeat(64), '1'.repeat(64));
    const head = withCode(results, 'b'.repeat(64), '2'.repeat(64));
    const c = compareResults(base, head);
    expect(c.matched).toBe(6);
    expect(c.counts.unchanged).toBe(c.rows.length);
    expect(c.code).toEqual(['strategy file strategies/mine.js differs (base aaaaaaaaaaaa, head bbbbbbbbbbbb) in 6 paired cases', 'replbench code differs (base 111111111111, head 222222222222)']);
    expect(comparisonTable(c)).toContain('code under test: strategy file strategies/mine.js differs');
    expect(compareResults(base, base).code).toEqual([]);
  });
});

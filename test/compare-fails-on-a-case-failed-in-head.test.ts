/**
 * A case that ran in the base but failed (or timed out) in the head is `missing`: under the
 * default `--fail-on` the comparison fails (exit 1) and names it, and a `failed_cases` row shows
 * the count; `--fail-on regressed` alone does not look at it.
 */
import { describe, expect, it } from 'vitest';
import type { CaseResult, RunResults } from '../reports/schema.js';
import { resultsOf } from './support/report-fixture.js';
import { runCommand, writeResultsDir } from './support/commands.js';

function failFirst(results: RunResults): RunResults {
  const cases = results.cases.map((c, i): CaseResult => (i === 0 ? { status: 'timed-out', id: c.id, index: c.index, name: c.name, seed: c.seed, config: c.config, error: { message: 'timed out' }, wallMs: 1 } : c));
  return { ...results, cases };
}

describe('compare with a case that failed in head', () => {
  it('fails CI by default and names the case', async () => {
    const results = await resultsOf();
    const base = writeResultsDir(results);
    const head = writeResultsDir(failFirst(results));
    const r = await runCommand(['compare', base, head]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`failed in head: ${results.cases[0]!.name}`);
    expect(r.stdout).toContain('1 case failed in head');
    expect(r.stdout).toMatch(/failed_cases \(cases\) +0 +1 /);
    expect(r.stdout.split('\n')[0]).toMatch(/^compared 6 configurations/);
    expect((await runCommand(['compare', base, head, '--fail-on', 'regressed', '--ignore', 'failed_cases'])).code).toBe(0);
  });
});

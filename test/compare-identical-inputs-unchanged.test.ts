/** `replbench compare` of a result set against itself: every metric `unchanged`, exit code 0. */
import { describe, expect, it } from 'vitest';
import { resultsOf } from './support/report-fixture.js';
import { runCommand, writeResultsDir } from './support/commands.js';

describe('replbench compare', () => {
  it('compares identical inputs as all unchanged and exits 0', async () => {
    const results = await resultsOf({ ...(await import('./support/report-fixture.js')).SMALL_SUITE, repetitions: 3 });
    const base = writeResultsDir(results);
    const head = writeResultsDir(results);
    const out = await runCommand(['compare', base, head, '--format', 'json']);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const json = JSON.parse(out.stdout);
    expect(json.matched).toBe(6);
    expect(json.rows.length).toBeGreaterThan(6 * 8);
    expect(new Set(json.rows.map((r: { verdict: string }) => r.verdict))).toEqual(new Set(['unchanged']));
    // The terminal table says so too.
    const table = await runCommand(['compare', base, `${head}/results.json`]);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('0 regressed, 0 improved, 0 insufficient data');
  });
});

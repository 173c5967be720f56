/** `replbench report DIR` re-renders index.html, summary.md, results.csv and every chart (SVG and spec) from DIR/results.json. */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resultsOf } from './support/report-fixture.js';
import { runCommand, writeResultsDir } from './support/commands.js';

describe('replbench report', () => {
  it('re-renders every report file from results.json', async () => {
    const dir = writeResultsDir(await resultsOf());
    const before = readFileSync(path.join(dir, 'results.json'), 'utf8');
    const r = await runCommand(['report', dir]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    for (const f of ['index.html', 'summary.md', 'results.csv']) expect(existsSync(path.join(dir, f)), f).toBe(true);
    const charts = readdirSync(path.join(dir, 'charts'));
    const svgs = charts.filter((f) => f.endsWith('.svg'));
    expect(svgs.length).toBeGreaterThanOrEqual(7);
    for (const s of svgs) expect(charts).toContain(s.replace(/\.svg$/, '.vl.json'));
    expect(charts.some((f) => f.endsWith('.tmp'))).toBe(false);
    expect(readFileSync(path.join(dir, 'results.json'), 'utf8')).toBe(before);
    // The spec written is valid JSON a user can edit.
    expect(JSON.parse(readFileSync(path.join(dir, 'charts', 'tradeoff.vl.json'), 'utf8')).$schema).toContain('vega-lite');
  });
});

/**
 * A 100-case run (the one `npm run bench` times) renders into one report that lists every case:
 * one CSV row and one details entry each, and every chart as a non-empty SVG. The time it takes is
 * measured by the bench script, not asserted here (timings on a shared machine are noise).
 */
import { describe, expect, it } from 'vitest';
import { BENCH_CASES, syntheticResults } from '../bench/report.js';
import { renderReport } from '../reports/render.js';

describe('report of a large run', () => {
  it('lists every one of 100 cases and renders every chart', async () => {
    const results = await syntheticResults();
    expect(results.cases).toHaveLength(BENCH_CASES);
    const files = new Map((await renderReport(results, { reporters: ['csv', 'html', 'markdown', 'charts'] })).map((f) => [f.name, f.content]));
    const csv = files.get('results.csv')!;
    expect(csv.trim().split('\n')).toHaveLength(BENCH_CASES + 1);
    const html = files.get('index.html')!;
    for (const c of results.cases) expect(html).toContain(c.id);
    const svgs = [...files.keys()].filter((n) => n.endsWith('.svg'));
    expect(svgs.length).toBeGreaterThanOrEqual(5);
    for (const n of svgs) expect(files.get(n)!.length, n).toBeGreaterThan(1000);
    expect(files.get('summary.md')).toContain('|');
  });
});

/**
 * summary.md escapes user-provided names: a pipe cannot split a table cell, HTML stays inert and
 * markdown punctuation cannot open a link or emphasis; the table keeps one cell per column.
 */
import { describe, expect, it } from 'vitest';
import { renderReport } from '../reports/render.js';
import { resultsOf } from './support/report-fixture.js';

describe('summary.md', () => {
  it('escapes pipes, HTML and markdown in case names', async () => {
    const hostile = 'a|b <img src=x onerror=alert(1)> [link](http://x) *em*';
    const results = await resultsOf(undefined, (name, i) => (i === 0 ? hostile : name));
    const md = (await renderReport(results, { reporters: ['markdown'] })).find((f) => f.name === 'summary.md')!.content;
    expect(md).not.toContain('<img');
    expect(md).toContain('a\\|b &lt;img src=x onerror=alert(1)&gt; \\[link\\](http://x) \\*em\\*');
    // Every table (summary, load balance) keeps one cell per column in every row.
    const cells = (l: string) => l.split(/(?<!\\)\|/).length;
    const tables = md.split('\n\n').map((block) => block.split('\n').filter((l) => l.startsWith('| '))).filter((rows) => rows.length > 0);
    expect(tables.length).toBeGreaterThan(0);
    for (const rows of tables) expect(new Set(rows.map(cells)).size).toBe(1);
    expect(md).toMatch(/## Key findings\n\n- Lowest write p99: \*\*/);
  });
});

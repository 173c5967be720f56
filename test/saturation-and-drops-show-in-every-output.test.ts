/**
 * Saturation and dropped arrivals are visible wherever the results are read, not only in
 * results.json: the terminal table, results.csv, summary.md and index.html. An open loop offering
 * 4,000 ops/s to one worker that needs 1 ms per write saturates and, capped at 20 operations in
 * flight, drops arrivals; the same loop at 200 ops/s keeps up.
 */
import { describe, expect, it } from 'vitest';
import { renderReport } from '../reports/render.js';
import { summaryTable } from '../reports/table.js';
import { parseCsv } from './support/csv.js';
import { resultsOf } from './support/report-fixture.js';

describe('saturation and drops', () => {
  it('appear in the terminal table, results.csv, summary.md and index.html', async () => {
    const results = await resultsOf({
      name: 'overload',
      seed: 2,
      duration: '1200ms',
      warmup: '200ms',
      cluster: { nodes: 1, replicationFactor: 1 },
      network: { clientToNode: '100us' },
      service: { workers: 1, write: '1ms', read: '1ms' },
      workload: { records: 100, readProportion: 0, clients: { model: 'open', rate: 200, maxInflight: 20 } },
      strategy: 'async',
      matrix: { 'workload.clients.rate': [200, 4000] },
    });
    const [calm, busy] = results.cases.map((c) => (c.status === 'ok' ? c.metrics : undefined));
    expect(calm!.saturated).toBe(false);
    expect(busy!.saturated).toBe(true);
    expect(busy!.dropped).toBeGreaterThan(1000);
    const dropped = busy!.dropped.toLocaleString('en-US');

    const terminal = summaryTable(results.cases).split('\n');
    expect(terminal[0]).toMatch(/\bsaturated\b.*\bdropped\b/);
    expect(terminal[1]).toMatch(/\bno\s+0\b/);
    expect(terminal[2]).toMatch(new RegExp(`\\byes\\s+${dropped}\\b`));

    const files = await renderReport(results, { reporters: ['csv', 'markdown', 'html'] });
    const { rows } = parseCsv(files.find((f) => f.name === 'results.csv')!.content);
    expect(rows.map((r) => [r.saturated, r.dropped_ops])).toEqual([['false', '0'], ['true', String(busy!.dropped)]]);
    const md = files.find((f) => f.name === 'summary.md')!.content;
    expect(md).toMatch(/\| saturated \| dropped \|/);
    expect(md).toMatch(new RegExp(`\\| yes \\| ${dropped} \\|`));
    const html = files.find((f) => f.name === 'index.html')!.content;
    expect(html).toMatch(/<th scope="col"[^>]*>saturated<\/th><th scope="col"[^>]*>dropped<\/th>/);
    expect(html).toContain(`<td>yes</td><td>${dropped}</td>`);
  });
});

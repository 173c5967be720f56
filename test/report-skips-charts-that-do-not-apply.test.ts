/**
 * Charts that do not apply to a run are skipped, not rendered empty: a closed-loop, write-only
 * run has no read latency, no staleness trade-off, no visibility curve and no offered-load sweep.
 * index.html says which charts were left out and why; no SVG or spec is written for them.
 */
import { describe, expect, it } from 'vitest';
import { renderReport } from '../reports/render.js';
import { SMALL_SUITE, resultsOf } from './support/report-fixture.js';

describe('report', () => {
  it('skips the charts that do not apply', async () => {
    const suite = { ...SMALL_SUITE, workload: { records: 500, readProportion: 0, clients: { model: 'closed', count: 4 }, reads: 'leader' }, matrix: { strategy: ['sync', 'async'] } };
    const files = await renderReport(await resultsOf(suite));
    const charts = files.filter((f) => f.name.endsWith('.svg')).map((f) => f.name);
    expect(charts).toEqual(['charts/overview.svg', 'charts/write-latency-by-strategy.svg', 'charts/write-latency-percentiles.svg', 'charts/replication-lag.svg', 'charts/timeseries.svg', 'charts/load-per-node.svg', 'charts/expectations.svg']);
    const html = files.find((f) => f.name === 'index.html')!.content;
    expect(html).toContain('Not shown: ');
    expect(html).toContain('Throughput vs offered load (the open-loop arrival rate is not swept)');
    expect(html).toContain('Read latency percentiles (no successful reads were measured)');
  });
});

/**
 * A value that was not measured reads "–" in the terminal table, summary.md and index.html alike
 * (never "0" in one and "–" in another): read latency and stale reads of a write-only case, the
 * lag of a case without followers, saturation and drops of a closed loop next to an open one.
 */
import { describe, expect, it } from 'vitest';
import { NOT_MEASURED } from '../reports/format.js';
import { renderReport } from '../reports/render.js';
import { summaryTable } from '../reports/table.js';
import { resultsOf } from './support/report-fixture.js';

const suite = {
  name: 'unmeasured',
  seed: 4,
  duration: '600ms',
  cluster: { nodes: 1, replicationFactor: 1 },
  network: { clientToNode: '100us' },
  service: { write: '100us' },
  workload: { records: 100, readProportion: 0 },
  strategy: 'async',
  matrix: { 'workload.clients': [{ model: 'closed', count: 4 }, { model: 'open', rate: 1000 }] },
};

/** The cells of `column` in a table given as header and rows. */
function column(header: readonly string[], rows: readonly (readonly string[])[], name: string): string[] {
  const i = header.indexOf(name);
  expect(i, name).toBeGreaterThan(0);
  return rows.map((r) => r[i]!);
}

describe('not measured', () => {
  it('is "–" in the terminal table, summary.md and index.html', async () => {
    const results = await resultsOf(suite);
    // The terminal table ends at its first blank line; footnotes on cases that measured too little follow it.
    const terminal = summaryTable(results.cases).split('\n');
    const [h, ...t] = terminal.slice(0, terminal.includes('') ? terminal.indexOf('') : undefined).map((l) => l.split(/ {2,}/));
    const files = await renderReport(results, { reporters: ['markdown', 'html'] });
    // The summary table is the first table of summary.md (an expectations table may follow).
    const md = files.find((f) => f.name === 'summary.md')!.content.split('\n');
    const first = md.findIndex((l) => l.startsWith('| '));
    const mdLines = md.slice(first, md.findIndex((l, i) => i > first && !l.startsWith('| ')));
    const [mh, ...m] = mdLines.filter((l) => !l.startsWith('| --- ')).map((l) => l.slice(2, -2).split(' | '));
    const html = files.find((f) => f.name === 'index.html')!.content;
    const table = html.slice(html.indexOf('<table class="summary">'), html.indexOf('</table>', html.indexOf('<table class="summary">')));
    const hh = [...table.matchAll(/<th scope="col"[^>]*>([^<]*)<\/th>/g)].map((x) => x[1]!);
    const hr = [...table.matchAll(/<tr><th scope="row">[^<]*<\/th>(.*?)<\/tr>/g)].map((x) => ['', ...[...x[1]!.matchAll(/<td>([^<]*)<\/td>/g)].map((y) => y[1]!)]);
    for (const [header, rows] of [[h!, t], [mh!, m], [hh, hr]] as const) {
      expect(rows).toHaveLength(2);
      for (const name of ['read p50 ms', 'read p99 ms', 'stale %', 'lag p99 ms']) expect(column(header, rows, name), name).toEqual([NOT_MEASURED, NOT_MEASURED]);
      // The closed loop cannot saturate or drop arrivals; the open one can (and here does neither).
      expect(column(header, rows, 'saturated')).toEqual([NOT_MEASURED, 'no']);
      expect(column(header, rows, 'dropped')).toEqual([NOT_MEASURED, '0']);
      expect(column(header, rows, 'write p99 ms').every((v) => v !== NOT_MEASURED)).toBe(true);
    }
  });
});

/**
 * A case that measured too little to mean anything (no operations, no measured time, or a p99
 * from fewer than 1,000 operations of a kind) is marked and explained in the terminal table,
 * summary.md and index.html, all by the one rule in reports/sufficiency.ts; the key findings
 * never rank it ("highest throughput", "lowest write p99", ...) and name it as not ranked.
 */
import { describe, expect, it } from 'vitest';
import { MIN_OPS_FOR_P99, measuredEnough, shortfalls } from '../reports/sufficiency.js';
import { summaryTable } from '../reports/table.js';
import { renderReport } from '../reports/render.js';
import type { CaseOk, RunResults } from '../reports/schema.js';
import { resultsOf } from './support/report-fixture.js';

/** Three strategies, 16 closed-loop clients, 1 s measured: thousands of reads and writes each. */
const SUITE = {
  name: 'sufficiency',
  seed: 9,
  duration: '1200ms',
  warmup: '200ms',
  cluster: { nodes: 3, partitions: 1, replicationFactor: 3 },
  network: { nodeToNode: { dist: 'exponential', mean: '500us' }, clientToNode: '100us' },
  workload: { records: 1000, readProportion: 0.5, clients: { model: 'closed', count: 16 } },
  matrix: { strategy: ['sync', { name: 'semi-sync', acks: 1 }, 'async'] },
};

const ok = (r: RunResults) => r.cases as CaseOk[];

/** `results` with the reads of case `i` cut to `reads` successful operations (the rest of its metrics as measured). */
function withReads(results: RunResults, i: number, reads: number): RunResults {
  const copy = structuredClone(results);
  const m = ok(copy)[i]!.metrics as unknown as { ops: { read: { count: number } } };
  m.ops.read.count = reads;
  return copy;
}

async function files(results: RunResults): Promise<{ md: string; html: string }> {
  const out = await renderReport(results, { reporters: ['markdown', 'html'] });
  return { md: out.find((f) => f.name === 'summary.md')!.content, html: out.find((f) => f.name === 'index.html')!.content };
}

describe('cases that measured too little', () => {
  it('the rule: 1,000 operations of every kind with a p99 is enough, 999 is not; nothing measured is not', async () => {
    const results = await resultsOf(SUITE);
    for (const c of ok(results)) {
      expect(c.metrics.ops.read.count).toBeGreaterThan(MIN_OPS_FOR_P99);
      expect(c.metrics.ops.write.count).toBeGreaterThan(MIN_OPS_FOR_P99);
      expect(measuredEnough(c.metrics)).toBe(true);
    }
    expect(measuredEnough(ok(withReads(results, 0, 1000))[0]!.metrics)).toBe(true);
    expect(shortfalls(ok(withReads(results, 0, 999))[0]!.metrics)).toEqual([{ kind: 'few-operations', op: 'read', count: 999 }]);
    // No reads at all: no read p99 is reported, so reads are not a shortfall.
    expect(measuredEnough(ok(withReads(results, 0, 0))[0]!.metrics)).toBe(true);
    // A warm-up that outlasts the operations: nothing measured.
    const empty = await resultsOf({ ...SUITE, name: 'empty', operations: 10, matrix: { strategy: ['async'] } });
    expect(shortfalls(ok(empty)[0]!.metrics)).toEqual([{ kind: 'no-operations' }, { kind: 'no-time' }]);
  });

  it('are marked and explained in the terminal table, summary.md and index.html, and never ranked', async () => {
    const measured = await resultsOf(SUITE);
    const tp = ok(measured).map((c) => c.metrics.throughput);
    expect(tp[2]).toBeGreaterThan(Math.max(tp[0]!, tp[1]!)); // async is the fastest as measured
    const results = withReads(measured, 2, 400);

    const table = summaryTable(results.cases).split('\n');
    const rows = table.slice(1, table.indexOf(''));
    expect(rows.filter((l) => l.includes('†'))).toEqual([expect.stringMatching(/^async †\s/)]);
    expect(table).toContain('  async: too few operations: read p99 from 400 ops');

    const { md, html } = await files(results);
    expect(md).toMatch(/^\| async † \| /m);
    expect(md).toMatch(/^\| sync \| /m);
    expect(md).toContain('- async: too few operations: read p99 from 400 ops');
    expect(md).toMatch(/^- Highest throughput: \*\*semi-sync\(acks=1\)\*\* /m);
    expect(md).toMatch(/^- Not ranked, measured too little \(†\): \*\*async\*\*\.$/m);
    expect(md).not.toMatch(/(Highest|Lowest|Most|Largest)[^\n]*\*\*async\*\*/);
    expect(html).toContain('<th scope="row">async †</th>');
    expect(html).toContain('<li>async: too few operations: read p99 from 400 ops</li>');
    expect(html).toContain('measured too little to compare (not ranked): too few operations: read p99 from 400 ops');
    expect(html).toMatch(/Highest throughput: <strong>semi-sync\(acks=1\)<\/strong>/);
    expect(html).not.toMatch(/(Highest|Lowest|Most|Largest)[^<]*<strong>async<\/strong>/);
  });

  it('when every case measured too little, nothing is ranked', async () => {
    let results = await resultsOf(SUITE);
    for (const i of [0, 1, 2]) results = withReads(results, i, 10);
    const { md, html } = await files(results);
    expect(md).not.toMatch(/Highest throughput|Lowest write p99|Most stale|Never stale|Largest replication lag/);
    expect(md).toContain('- No configuration measured enough to rank (†): **sync**; **semi-sync(acks=1)**; **async**.');
    expect(html).not.toMatch(/Highest throughput|Lowest write p99/);
    expect(summaryTable(results.cases)).toContain('  sync: too few operations: read p99 from 10 ops');
  });
});

/**
 * A real backend does not follow which writes each server holds, so a lost write would go unseen:
 * its cases record lost writes as not measured (null), and every report says so (an empty CSV
 * cell, "–" in summary.md, no lost_writes metric for compare) instead of a 0 that reads as
 * "nothing lost". Simulated cases keep their count. Uses PostgreSQL (always available).
 */
import { describe, expect, it } from 'vitest';
import { buildResults } from '../harness/run-suite.js';
import { renderReport } from '../reports/render.js';
import { csvRow } from '../reports/csv.js';
import { METRICS } from '../reports/compare-metrics.js';
import { NOT_MEASURED } from '../reports/format.js';
import { okMetrics, runReal } from './helpers/real.js';

describe('lost writes of a real case', () => {
  it('are recorded and reported as not measured', async () => {
    const results = await runReal({
      name: 'real-lost',
      duration: '1s',
      warmup: '200ms',
      cluster: { nodes: 2, replicationFactor: 2 },
      workload: { records: 100, readProportion: 0.5, reads: 'follower', clients: { model: 'closed', count: 2 } },
      backend: { kind: 'postgres', mode: 'async' },
    });
    const m = okMetrics(results[0]);
    expect(m.ops.write.count).toBeGreaterThan(0);
    expect(m.durability.lostWrites).toBeNull();
    expect(m.durability.overwrittenWrites).toBe(0);

    expect(csvRow(results[0]!).lost_writes).toBe('');
    const lost = METRICS.find((d) => d.name === 'lost_writes')!;
    expect(lost.extract(m)).toBeUndefined();

    const doc = buildResults({ name: 'real-lost', source: 'test', fingerprint: 'x', total: 1 }, 42, results, new Date(), 'complete');
    const md = (await renderReport(doc, { reporters: ['markdown'] })).find((f) => f.name === 'summary.md')!.content;
    const table = md.split('\n').filter((l) => l.startsWith('|'));
    const header = table[0]!.split('|').map((c) => c.trim());
    const row = table.find((l) => l.includes('postgres'))!.split('|').map((c) => c.trim());
    expect(row[header.indexOf('lost writes')]).toBe(NOT_MEASURED);
  });
});

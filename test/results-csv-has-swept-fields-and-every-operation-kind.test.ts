/**
 * results.csv has a column for every field the matrix sweeps (named by its dotted path, found from
 * the cases' configurations, as the report labels are) and count, failure and latency columns for
 * every operation kind that ran; a latency that was not measured is an empty cell, not 0.
 */
import { describe, expect, it } from 'vitest';
import { toCsv } from '../reports/csv.js';
import { parseCsv } from './support/csv.js';
import { quickScaling, resultsOf } from './support/report-fixture.js';

describe('results.csv columns', () => {
  it('the scaling suite: workers and the key distribution are columns of their own', async () => {
    const { rows } = parseCsv(toCsv((await quickScaling()).cases));
    expect(rows).toHaveLength(18);
    expect(new Set(rows.map((r) => r['service.workers']))).toEqual(new Set(['1', '2', '4']));
    expect(new Set(rows.map((r) => r['workload.keys.distribution']))).toEqual(new Set(['uniform', 'zipfian']));
    expect(new Set(rows.map((r) => r.nodes))).toEqual(new Set(['3', '6', '12']));
    // One row per combination: the swept columns tell every case apart.
    expect(new Set(rows.map((r) => `${r.nodes} ${r['service.workers']} ${r['workload.keys.distribution']}`)).size).toBe(18);
  });

  it('inserts, scans and read-modify-writes get count and latency columns; reads that never ran are empty', async () => {
    const results = await resultsOf({
      name: 'kinds',
      seed: 3,
      duration: '600ms',
      cluster: { nodes: 3, partitions: 3, replicationFactor: 3 },
      network: { nodeToNode: '500us', clientToNode: '100us' },
      workload: { records: 500, readProportion: 0, updateProportion: 0.4, insertProportion: 0.2, scanProportion: 0.2, readModifyWriteProportion: 0.2, clients: { model: 'closed', count: 8 } },
      matrix: { strategy: ['sync', 'async'] },
    });
    const text = toCsv(results.cases);
    const header = text.split('\n')[0]!.split(',');
    for (const kind of ['update', 'insert', 'scan', 'read_modify_write']) {
      for (const col of ['count', 'failed', 'mean_us', 'p50_us', 'p90_us', 'p99_us', 'p999_us', 'max_us']) expect(header).toContain(`${kind}_${col}`);
    }
    const { rows } = parseCsv(text);
    for (const r of rows) {
      for (const kind of ['insert', 'scan', 'read_modify_write']) {
        expect(Number(r[`${kind}_count`])).toBeGreaterThan(0);
        expect(Number(r[`${kind}_p99_us`])).toBeGreaterThan(0);
      }
      expect(r.read_count).toBe('0');
      expect(r.read_p50_us).toBe('');
      expect(r.read_p99_us).toBe('');
      expect(r.stale_read_fraction).toBe('');
    }
  });
});

/**
 * Every operation kind is compared: a head whose scans got five times slower (YCSB E, scan service
 * time 200 µs → 1 ms, the rest unchanged) is flagged on scan latency (`scan_mean_us`, `scan_p99_us`
 * regressed) and `compare` exits 1 (plain reads do not exist in E, so no read rows appear). The
 * head's configuration differs (that is how the slowdown is produced), so the cases are paired by
 * name (`--match name`), and the output says which field differs.
 */
import { describe, expect, it } from 'vitest';
import { resultsOf } from './support/report-fixture.js';
import { runCommand, writeResultsDir } from './support/commands.js';

function suite(scan: string): Record<string, unknown> {
  return {
    name: 'ycsb-e',
    seed: 42,
    duration: '1200ms',
    warmup: '200ms',
    cluster: { nodes: 3, partitions: 3, replicationFactor: 3 },
    network: { nodeToNode: { dist: 'lognormal', median: '1ms', sigma: 0.5 }, clientToNode: '100us' },
    service: { workers: 4, write: { dist: 'exponential', mean: '50us' }, read: { dist: 'exponential', mean: '20us' }, scan: { dist: 'exponential', mean: scan } },
    workload: { ycsb: 'ycsb-e', properties: { recordcount: 2000, operationcount: 0 }, clients: { model: 'closed', count: 8 }, reads: 'follower' },
    matrix: { strategy: ['sync', 'async'] },
  };
}

describe('compare, YCSB E', () => {
  it('flags five times slower scans as a regression', async () => {
    const base = writeResultsDir(await resultsOf(suite('200us')));
    const head = writeResultsDir(await resultsOf(suite('1ms')));
    const r = await runCommand(['compare', base, head, '--match', 'name', '--format', 'json']);
    expect(r.code, r.stderr).toBe(1);
    const doc = JSON.parse(r.stdout) as { configDifferences: string; rows: { case: string; metric: string; verdict: string; change: number }[] };
    expect(doc.configDifferences).toContain('service.scan.mean: 200 → 1000');
    for (const c of ['sync', 'async']) {
      for (const m of ['scan_mean_us', 'scan_p99_us']) {
        const row = doc.rows.find((x) => x.case === c && x.metric === m)!;
        expect(row, `${c} ${m}`).toBeDefined();
        expect(row.verdict, `${c} ${m}`).toBe('regressed');
        expect(row.change).toBeGreaterThan(1);
      }
      expect(doc.rows.some((x) => x.case === c && x.metric.startsWith('read_'))).toBe(false);
    }
    const table = await runCommand(['compare', base, head, '--match', 'name', '--only-changed']);
    expect(table.code).toBe(1);
    expect(table.stdout).toMatch(/! +scan_p99_us \(µs\)/);
    expect(table.stdout).not.toMatch(/^ {3}\w.* unchanged$/m); // --only-changed: no unchanged rows
  });
});

/**
 * Thresholds are relative (`10%`) or absolute (`+0.001`, in the metric's unit), and a change from
 * a zero base gives a finite, readable verdict: a sync case's stale-read fraction going from 0 to
 * 0.0006 shows `+0.0006 from 0` and is a regression under the default relative threshold (any
 * change from nothing exceeds a relative one), but not under `stale_read_fraction=+0.001`. An
 * absolute threshold also holds back a large relative change that is small in the metric's unit,
 * and `--ignore` leaves a metric out.
 */
import { describe, expect, it } from 'vitest';
import type { CaseResult, RunResults } from '../reports/schema.js';
import { resultsOf } from './support/report-fixture.js';
import { runCommand, writeResultsDir } from './support/commands.js';

/** The first sync case with stale fraction `stale` and write p99 scaled by `p99`. */
function edit(results: RunResults, stale: number, p99: number): RunResults {
  let done = false;
  const cases = results.cases.map((c): CaseResult => {
    if (done || c.status !== 'ok' || c.config.strategy.name !== 'sync') return c;
    done = true;
    const m = c.metrics;
    const w = m.ops.write;
    return { ...c, metrics: { ...m, staleness: { ...m.staleness, fraction: stale, stale: Math.round(stale * m.staleness.reads) }, ops: { ...m.ops, write: { ...w, latency: { ...w.latency, p99: Math.round(w.latency.p99 * p99) } } } } };
  });
  return { ...results, cases };
}

interface Row {
  case: string;
  metric: string;
  base: number;
  head: number;
  change: number | null;
  difference: number;
  verdict: string;
}

describe('compare thresholds', () => {
  it('reads absolute thresholds in the metric unit and gives a finite verdict from a zero base', async () => {
    const results = await resultsOf();
    const sync = results.cases.find((c) => c.status === 'ok' && c.config.strategy.name === 'sync')!;
    expect(sync.status === 'ok' && sync.metrics.staleness.fraction).toBe(0);
    const base = writeResultsDir(results);
    const head = writeResultsDir(edit(results, 0.0006, 1.2));
    const row = (rows: Row[], metric: string) => rows.find((r) => r.case === sync.name && r.metric === metric)!;

    const plain = await runCommand(['compare', base, head, '--format', 'json']);
    expect(plain.code).toBe(1);
    const rows = JSON.parse(plain.stdout).rows as Row[];
    expect(row(rows, 'stale_read_fraction')).toMatchObject({ base: 0, head: 0.0006, change: null, verdict: 'regressed' });
    expect(row(rows, 'stale_read_fraction').difference).toBeCloseTo(0.0006, 12);
    expect(row(rows, 'write_p99_us').verdict).toBe('regressed');
    const table = await runCommand(['compare', base, head]);
    expect(table.stdout).toMatch(/stale_read_fraction \(fraction\) +0 +0\.0006 +\+0\.0006 from 0 /);
    expect(table.stdout).not.toContain('∞');

    // Absolute thresholds: 0.0006 is within +0.001; the write p99 rise (+20%) within an absolute threshold just above it.
    const diff = row(rows, 'write_p99_us').difference;
    expect(diff).toBeGreaterThan(50);
    const lenient = await runCommand(['compare', base, head, '--threshold', 'stale_read_fraction=+0.001', '--threshold', `write_p99_us=+${Math.ceil(diff) + 1}`, '--format', 'json']);
    expect(lenient.code, lenient.stdout).toBe(0);
    const lr = JSON.parse(lenient.stdout).rows as Row[];
    expect(row(lr, 'stale_read_fraction').verdict).toBe('unchanged');
    expect(row(lr, 'write_p99_us').verdict).toBe('unchanged');
    const strict = await runCommand(['compare', base, head, '--threshold', 'stale_read_fraction=+0.0001', '--threshold', `write_p99_us=+${Math.floor(diff) - 1}`, '--format', 'json']);
    expect(strict.code).toBe(1);
    const sr = JSON.parse(strict.stdout).rows as Row[];
    expect(row(sr, 'stale_read_fraction').verdict).toBe('regressed');
    expect(row(sr, 'write_p99_us').verdict).toBe('regressed');

    // --ignore leaves metrics out entirely.
    const ignored = await runCommand(['compare', base, head, '--ignore', 'stale_read_fraction', '--ignore', 'write_p*', '--format', 'json']);
    expect(ignored.code).toBe(0);
    const ir = JSON.parse(ignored.stdout).rows as Row[];
    expect(ir.some((r) => r.metric === 'stale_read_fraction' || r.metric.startsWith('write_p'))).toBe(false);
    expect(ir.some((r) => r.metric === 'write_mean_us')).toBe(true);
  });
});

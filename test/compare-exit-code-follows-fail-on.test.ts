/**
 * `replbench compare` exits 1 when a metric regressed (the default `--fail-on` includes
 * `regressed`), also on any change with `--fail-on changed`, on an improvement with `improved`,
 * never with `--fail-on never`; the markdown output
 * lists the regression first, and `--export github-action-benchmark DIR` writes the two files
 * that action reads (`customSmallerIsBetter` / `customBiggerIsBetter`: arrays of {name, unit, value}).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunResults } from '../reports/schema.js';
import { tempDir } from './helpers/cli.js';
import { resultsOf } from './support/report-fixture.js';
import { runCommand, writeResultsDir } from './support/commands.js';

/** The same results with the first case's write p99 scaled by `factor` (a synthetic change). */
function scaleWriteP99(results: RunResults, factor: number): RunResults {
  const cases = results.cases.map((c, i) => {
    if (i !== 0 || c.status !== 'ok') return c;
    const w = c.metrics.ops.write;
    return { ...c, metrics: { ...c.metrics, ops: { ...c.metrics.ops, write: { ...w, latency: { ...w.latency, p99: Math.round(w.latency.p99 * factor) } } } } };
  });
  return { ...results, cases };
}

describe('replbench compare', () => {
  it('sets the exit code from --fail-on and exports github-action-benchmark files', async () => {
    const results = await resultsOf();
    const base = writeResultsDir(results);
    const slower = writeResultsDir(scaleWriteP99(results, 1.5));
    const faster = writeResultsDir(scaleWriteP99(results, 0.5));
    const regressed = await runCommand(['compare', base, slower, '--format', 'markdown']);
    expect(regressed.code).toBe(1);
    expect(regressed.stdout).toMatch(/^## replbench compare: 🔴 1 regression \(single seed: no noise estimate\)/);
    expect(regressed.stdout).toMatch(/\| write_p99_us \(µs\) \| [\d.]+ \| [\d.]+ \| \+50\.0% \| ±5%, spread ±6\.4% \|  \| 🔴 regressed \(no noise estimate\) \|/);
    expect(regressed.stdout).toContain('fails CI (--fail-on regressed,missing,partial): 1 regressed metric');
    expect((await runCommand(['compare', base, slower, '--fail-on', 'never'])).code).toBe(0);
    expect((await runCommand(['compare', base, faster])).code).toBe(0);
    expect((await runCommand(['compare', base, faster, '--fail-on', 'changed'])).code).toBe(1);
    expect((await runCommand(['compare', base, faster, '--fail-on', 'improved'])).code).toBe(1);
    expect((await runCommand(['compare', base, slower, '--fail-on', 'missing,partial'])).code).toBe(0);
    expect((await runCommand(['compare', base, faster, '--fail-on', 'sometimes'])).code).toBe(2);
    expect((await runCommand(['compare', base, faster, '--fail-on', 'never,regressed'])).code).toBe(2);

    const out = tempDir();
    const exported = await runCommand(['compare', base, slower, '--export', 'github-action-benchmark', out]);
    expect(exported.code).toBe(1);
    const smaller = JSON.parse(readFileSync(path.join(out, 'smaller-is-better.json'), 'utf8')) as { name: string; unit: string; value: number }[];
    const bigger = JSON.parse(readFileSync(path.join(out, 'bigger-is-better.json'), 'utf8')) as { name: string; unit: string; value: number }[];
    expect(smaller.length).toBeGreaterThan(0);
    expect(bigger.length).toBeGreaterThan(0);
    for (const e of [...smaller, ...bigger]) {
      expect(typeof e.name).toBe('string');
      expect(typeof e.unit).toBe('string');
      expect(Number.isFinite(e.value)).toBe(true);
    }
    expect(smaller.some((e) => e.name.endsWith(' - write_p99_us') && e.unit === 'µs')).toBe(true);
    expect(bigger.some((e) => e.name.endsWith(' - throughput_ops_s') && e.unit === 'ops/s')).toBe(true);
    expect(smaller.some((e) => e.name.endsWith('throughput_ops_s'))).toBe(false);
  });
});

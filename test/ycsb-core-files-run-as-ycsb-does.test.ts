/**
 * `replbench run --ycsb FILE` with a shipped core workload file as it is runs the way YCSB runs
 * it: operationcount (1000) operations, all measured (no warm-up), from threadcount (1) client,
 * on the default suite's cluster and strategies (sync, semi-sync, async); every operation kind
 * the file asks for is counted and no other; throughput is positive. The output folder, the
 * suite name and the report's title name the workload, never the default suite.
 *
 * Tolerance: the counts are exact for the total (operationcount) and only asserted > 0 per kind
 * the file asks for: the rarest kinds (5% of 1000) are Binomial(1000, 0.05), 50 ± 6.9, so zero is
 * 7 standard deviations away (measured with seed 42: 48 inserts in D, 43 in E, 49 updates in B).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { replbench, tempDir } from './helpers/cli.js';
import type { CaseResult, RunResults } from '../reports/schema.js';

const KINDS = ['read', 'update', 'insert', 'scan', 'read-modify-write'] as const;
/** The kinds each file asks for. */
const ASKS: Record<string, readonly (typeof KINDS)[number][]> = {
  workloada: ['read', 'update'],
  workloadb: ['read', 'update'],
  workloadc: ['read'],
  workloadd: ['read', 'insert'],
  workloade: ['scan', 'insert'],
  workloadf: ['read', 'read-modify-write'],
};

function results(dir: string): RunResults {
  return JSON.parse(readFileSync(path.join(dir, 'results.json'), 'utf8')) as RunResults;
}

describe('the shipped YCSB core files run as YCSB runs them', () => {
  it.each(Object.keys(ASKS))('%s: operationcount operations of every kind it asks for, no warm-up, one client', (file) => {
    const out = path.join(tempDir(), 'out');
    const r = replbench(['run', '--ycsb', `workloads/ycsb/${file}`, '--out', out, '--workers', '1', '--quiet', '--reporter', 'html,markdown']);
    expect(r.code, r.stderr).toBe(0);
    const res = results(out);
    expect(res.suite.name).toBe(`ycsb-${file}`);
    expect(res.suite.description).toBe(`YCSB ${file} (file workloads/ycsb/${file})`);
    expect(res.cases.map((c) => c.name)).toEqual(['sync', 'semi-sync(acks=1,timeout=50ms)', 'async']);
    for (const c of res.cases as CaseResult[]) {
      if (c.status !== 'ok') throw new Error(`${file} ${c.name}: ${c.status}`);
      expect(c.config.suite).toBe(`ycsb-${file}`);
      expect(c.config.warmup).toBe(0);
      expect(c.config.operations).toBe(1000);
      expect(c.config.workload.clients).toMatchObject({ model: 'closed', count: 1 });
      const m = c.metrics;
      const counts = Object.fromEntries(KINDS.map((k) => [k, m.ops.byKind[k]?.count ?? 0]));
      const failed = KINDS.reduce((s, k) => s + (m.ops.byKind[k]?.failed ?? 0), 0);
      expect(failed, `${file} ${c.name}`).toBe(0);
      expect(KINDS.reduce((s, k) => s + counts[k]!, 0), `${file} ${c.name}`).toBe(1000);
      for (const k of KINDS) {
        if (ASKS[file]!.includes(k)) expect(counts[k], `${file} ${c.name} ${k}`).toBeGreaterThan(0);
        else expect(counts[k], `${file} ${c.name} ${k}`).toBe(0);
      }
      expect(m.measuredSeconds).toBeGreaterThan(0);
      expect(m.throughput).toBeGreaterThan(0);
    }
    const md = readFileSync(path.join(out, 'summary.md'), 'utf8');
    expect(md.startsWith(`# replbench: ycsb-${file}\n\nYCSB ${file} (file workloads/ycsb/${file})\n`)).toBe(true);
    expect(md).not.toMatch(/default|sync vs semi-sync vs async/);
    const html = readFileSync(path.join(out, 'index.html'), 'utf8');
    expect(html).toContain(`<title>replbench: ycsb-${file}</title>`);
    expect(html).toContain(`<p class="lead">YCSB ${file} (file workloads/ycsb/${file})</p>`);
  });

  it('by bare name from any folder: the shipped file, written to results/ycsb-<name>/ there', () => {
    const cwd = tempDir();
    const r = replbench(['run', '--ycsb', 'workloadb', '--workers', '1', '--quiet', '--reporter', 'html'], cwd);
    expect(r.code, r.stderr).toBe(0);
    const out = path.join(cwd, 'results', 'ycsb-workloadb');
    expect(existsSync(path.join(out, 'index.html'))).toBe(true);
    const res = results(out);
    expect(res.suite.description).toBe('YCSB workloadb (file workloads/ycsb/workloadb, shipped with replbench)');
    expect(res.suite.source).toBe('--ycsb workloadb');
    expect(res.cases.every((c) => c.status === 'ok' && c.config.workload.mix.read === 0.95)).toBe(true);
  });

  it('a file that does not exist, with a bare name that is not a shipped one, is bad input naming them', () => {
    const cwd = tempDir();
    const r = replbench(['run', '--ycsb', 'workloadz'], cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--ycsb: cannot read YCSB workload file workloadz: no such file');
    expect(r.stderr).toContain('workloada, workloadb, workloadc, workloadd, workloade, workloadf');
    expect(existsSync(path.join(cwd, 'results'))).toBe(false);
  });
});



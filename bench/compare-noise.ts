/**
 * Seed-to-seed spread of every compared metric (`npm run bench -- --only=noise`): the default,
 * YCSB and failover suites are run under several seeds; for each case and metric the spread is
 * the range of its values over the seeds relative to their median, (max − min) / |median|. A
 * family's spread (reports/noise.ts) is the largest over the cases, apart for cases with and
 * without scheduled faults. `--dump=FILE` also writes every value (per case and metric) as JSON.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadSuite, type Case } from '../harness/config/suite.js';
import { resolvePoolOptions, runInPool } from '../harness/pool/runner.js';
import { metricsFor } from '../reports/compare-metrics.js';
import { configKey, groupName } from '../reports/config-key.js';
import { median } from '../reports/stats.js';
import { alignTable } from '../reports/table.js';
import { PACKAGE_ROOT } from '../harness/version.js';
import type { CaseMetrics } from '../harness/metrics/types.js';

/** Spread of one family in one sort of case: the largest relative range over the cases, and where. */
export interface FamilySpread {
  readonly family: string;
  /** `steady` (no scheduled faults) or `faults`. */
  readonly sort: 'steady' | 'faults';
  readonly relative: number;
  /** The case and metric of the largest relative range. */
  readonly where: string;
  /** The median over cases of the relative range (how typical the largest is). */
  readonly typical: number;
  readonly cases: number;
}

/** Runs `suites` under `seeds` seeds each and measures the spread of every metric family, apart for cases with and without faults. */
export async function measureSpreads(suites: readonly string[], seeds: number, workers: number, dump?: string): Promise<FamilySpread[]> {
  const cases: Case[] = [];
  for (const s of suites) for (let seed = 1; seed <= seeds; seed++) cases.push(...(await loadSuite(path.join(PACKAGE_ROOT, 'suites', s), { seed })).cases.map((c) => ({ ...c, name: `${s.replace(/\.yaml$/, '')}: ${c.name}` })));
  const { results } = await runInPool(cases, resolvePoolOptions({ workers }));
  const groups = new Map<string, { name: string; faults: boolean; metrics: CaseMetrics[] }>();
  for (const r of results) {
    if (r.status !== 'ok') throw new Error(`case ${r.name} failed: ${r.error.message}`);
    const key = configKey(r.config);
    const g = groups.get(key) ?? { name: groupName(r.name), faults: r.config.faults.length > 0, metrics: [] };
    g.metrics.push(r.metrics);
    groups.set(key, g);
  }
  if (dump) writeFileSync(dump, JSON.stringify([...groups.values()].map((g) => ({ name: g.name, faults: g.faults, metrics: Object.fromEntries(metricsFor(g.metrics).map((d) => [d.name, g.metrics.map(d.extract)])) }))));
  const byFamily = new Map<string, { v: number; where: string }[]>();
  for (const g of groups.values()) {
    for (const def of metricsFor(g.metrics)) {
      const xs = g.metrics.map(def.extract).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
      const med = median(xs);
      if (xs.length < 2 || med === 0) continue;
      const k = `${g.faults ? 'faults' : 'steady'} ${def.family}`;
      byFamily.set(k, [...(byFamily.get(k) ?? []), { v: (Math.max(...xs) - Math.min(...xs)) / Math.abs(med), where: `${g.name} ${def.name}` }]);
    }
  }
  return [...byFamily.entries()]
    .map(([k, rel]) => {
      const [sort, family] = k.split(' ') as ['steady' | 'faults', string];
      const top = rel.reduce((a, b) => (b.v > a.v ? b : a));
      return { family, sort, relative: top.v, where: top.where, typical: median(rel.map((r) => r.v)), cases: rel.length };
    })
    .sort((a, b) => a.family.localeCompare(b.family) || a.sort.localeCompare(b.sort));
}

/** Prints the spreads as a table and as the lines of reports/noise.ts. */
export function printSpreads(spreads: readonly FamilySpread[], seeds: number): void {
  const rows = [['family', 'case sort', 'spread (largest)', 'median over cases', 'cases', 'largest in']];
  for (const s of spreads) rows.push([s.family, s.sort, `${(s.relative * 100).toFixed(1)}%`, `${(s.typical * 100).toFixed(1)}%`, String(s.cases), s.where]);
  console.log(alignTable(rows));
  console.log(`\nreports/noise.ts lines (${seeds} seeds):`);
  for (const family of [...new Set(spreads.map((s) => s.family))]) {
    const of = (sort: string) => spreads.find((s) => s.family === family && s.sort === sort);
    const cell = (s: FamilySpread | undefined) => (s ? String(+s.relative.toPrecision(2)) : 'null');
    const note = (['steady', 'faults'] as const).flatMap((k) => (of(k) ? [`${k}: largest in ${of(k)!.where}, median over ${of(k)!.cases} cases ${(of(k)!.typical * 100).toFixed(1)}%`] : [])).join('; ');
    console.log(`  ${JSON.stringify(family)}: { steady: ${cell(of('steady'))}, faults: ${cell(of('faults'))} }, // ${note}`);
  }
}

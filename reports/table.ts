/** The terminal summary: one line per case with the numbers that answer "what does it cost, what does it buy". */
import { failedOps } from './model.js';
import type { CaseResult } from './schema.js';
import { footnotes, markedName, shortfalls, type Shortfall } from './sufficiency.js';

const ms = (us: number) => (us >= 100_000 ? (us / 1000).toFixed(0) : us >= 10_000 ? (us / 1000).toFixed(1) : (us / 1000).toFixed(2));
const pct = (f: number) => (f === 0 ? '0' : f < 0.0001 ? '<0.01' : (f * 100).toFixed(2));

/** Pads a table of strings into aligned columns (first column left-aligned, the rest right-aligned). */
export function alignTable(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ').trimEnd()).join('\n');
}

/**
 * The summary table for a set of case results (scan and read-modify-write columns appear when
 * those operations ran); a case that measured too little is marked and explained below the table.
 */
export function summaryTable(cases: readonly CaseResult[]): string {
  const extra = (['scan', 'read-modify-write'] as const).filter((k) => cases.some((c) => c.status === 'ok' && c.metrics.ops.byKind?.[k]));
  const header = ['case', 'ops/s', 'write p50 ms', 'write p99 ms', 'read p50 ms', 'read p99 ms', ...extra.map((k) => `${k === 'scan' ? 'scan' : 'rmw'} p99 ms`), 'stale %', 'lag p99 ms', 'failed', 'lost', 'fallbacks'];
  const rows: string[][] = [header];
  const flagged: { name: string; shortfalls: Shortfall[] }[] = [];
  for (const c of cases) {
    if (c.status !== 'ok') {
      rows.push([c.name, c.status === 'timed-out' ? 'TIMED OUT' : 'FAILED', ...header.slice(2).map(() => '')]);
      continue;
    }
    const m = c.metrics;
    const short = shortfalls(m);
    flagged.push({ name: c.name, shortfalls: short });
    const dash = (n: number, v: number) => (n > 0 ? ms(v) : '-');
    rows.push([
      markedName(c.name, short),
      m.throughput.toFixed(0),
      dash(m.ops.write.count, m.ops.write.latency.p50),
      dash(m.ops.write.count, m.ops.write.latency.p99),
      dash(m.ops.read.count, m.ops.read.latency.p50),
      dash(m.ops.read.count, m.ops.read.latency.p99),
      ...extra.map((k) => {
        const s = m.ops.byKind?.[k];
        return s ? dash(s.count, s.latency.p99) : '-';
      }),
      pct(m.staleness.fraction),
      ms(m.replicationLag.lag.p99),
      String(failedOps(m)),
      String(m.durability?.lostWrites ?? 0),
      String(m.counters.fallbacks ?? 0),
    ]);
  }
  const notes = footnotes(flagged);
  return notes.length ? `${alignTable(rows)}\n\n${notes[0]}\n${notes.slice(1).map((l) => `  ${l}`).join('\n')}` : alignTable(rows);
}

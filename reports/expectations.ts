/**
 * Expectations beside measurements: one row per (case, predicted metric) with the measured value,
 * the analytic expectation, their ratio and where the expectation comes from. The harness
 * computes them (harness/metrics/expectations.ts); every report shows the same rows.
 */
import type { ReportModel } from './model.js';
import type { Expectation } from './schema.js';

/** The column headers of the expectations table. */
export const EXPECTATION_HEADER = ['case', 'metric', 'measured', 'expected', 'measured / expected', 'expectation (holds when)'] as const;

function value(v: number, unit: string): string {
  if (!Number.isFinite(v)) return '–';
  if (unit === 'µs') return `${(v / 1000).toFixed(3)} ms`;
  if (unit === 'fraction') return `${(v * 100).toFixed(v !== 0 && Math.abs(v) < 0.01 ? 3 : 2)}%`;
  if (unit === 'ops/s') return `${Math.round(v).toLocaleString('en-US')} ops/s`;
  return `${+v.toPrecision(4)} ${unit}`;
}

function ratio(e: Expectation): string {
  if (e.expected === 0) return e.measured === 0 ? '= 0' : `${value(e.measured, e.unit)} vs 0`;
  return (e.measured / e.expected).toFixed(3);
}

/** The expectations of every successful case, as table cells (text; callers escape for their format). */
export function expectationRows(model: Pick<ReportModel, 'cases'>): string[][] {
  const rows: string[][] = [];
  for (const c of model.cases) {
    const list = (c.metrics as unknown as { expectations?: readonly Expectation[] }).expectations ?? [];
    for (const e of list) rows.push([c.name, e.metric, value(e.measured, e.unit), value(e.expected, e.unit), ratio(e), `${e.source} (${e.applies})`]);
  }
  return rows;
}

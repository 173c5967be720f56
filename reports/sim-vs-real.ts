/**
 * The "real beside calibrated simulation" table: one row per real case that ran with
 * `calibrate`, each headline number as real / simulated (real ÷ simulated). The simulated side is
 * the case's calibrated simulation (metrics.real.calibration), run right after it with the
 * service times and links measured on the same cluster.
 */
import { NOT_MEASURED, fmtInt, fmtMs, fmtPct, fmtRatio } from './format.js';
import type { ReportModel } from './model.js';
import type { CaseMetrics } from './schema.js';

/** Header of the table (a `fallbacks` column follows when some case fell back, real or simulated). */
export const SIM_VS_REAL_HEADER = ['case', 'calibrated simulation', 'ops/s', 'write p50 ms', 'write p99 ms', 'stale %', 'lag p99 ms'] as const;

/** What the table reads from metrics.real.calibration (a subset; older or foreign results may lack it). */
interface CalibrationView {
  readonly simName?: string;
  readonly simError?: string;
  readonly sim?: { throughput: number; writeP50: number; writeP99: number; staleFraction: number; staleReads: number; lagP99: number; lagSamples: number; fallbacks?: number } | null;
}

function calibrationOf(m: CaseMetrics): CalibrationView | null {
  const c = (m as unknown as { real?: { calibration?: CalibrationView } }).real?.calibration;
  return c && typeof c === 'object' ? c : null;
}

/** `real / sim (ratio)`, each formatted; the ratio only when both are measured and the simulated one is not 0. */
function pair(real: number, sim: number, fmt: (x: number) => string, measured = true): string {
  if (!measured) return NOT_MEASURED;
  const ratio = Number.isFinite(real) && Number.isFinite(sim) && sim !== 0 ? ` (${fmtRatio(real / sim)})` : '';
  return `${fmt(real)} / ${fmt(sim)}${ratio}`;
}

/** The table: its header and rows (display strings, unescaped); no rows when no case was calibrated. */
export function simVsReal(model: Pick<ReportModel, 'cases'>): { header: string[]; rows: string[][] } {
  const found = model.cases.map((c) => ({ c, cal: calibrationOf(c.metrics) })).filter((x) => x.cal !== null);
  const withFallbacks = found.some(({ c, cal }) => (c.metrics.counters.fallbacks ?? 0) > 0 || (cal!.sim?.fallbacks ?? 0) > 0);
  const header = [...SIM_VS_REAL_HEADER, ...(withFallbacks ? ['fallbacks'] : [])];
  const rows: string[][] = [];
  for (const { c, cal } of found) {
    const m = c.metrics;
    const s = cal!.sim;
    if (!s) {
      rows.push([c.name, `${cal!.simName ?? ''} failed: ${cal!.simError ?? 'unknown error'}`, ...header.slice(2).map(() => '')]);
      continue;
    }
    rows.push([
      c.name,
      cal!.simName ?? '',
      pair(m.throughput, s.throughput, fmtInt),
      pair(m.ops.write.latency.p50, s.writeP50, fmtMs, m.ops.write.count > 0),
      pair(m.ops.write.latency.p99, s.writeP99, fmtMs, m.ops.write.count > 0),
      pair(m.staleness.fraction, s.staleFraction, fmtPct, m.staleness.reads > 0 && s.staleReads > 0),
      pair(m.replicationLag.lag.p99, s.lagP99, fmtMs, m.replicationLag.lag.count > 0 && s.lagSamples > 0),
      ...(withFallbacks ? [`${fmtInt(m.counters.fallbacks ?? 0)} / ${fmtInt(s.fallbacks ?? 0)}`] : []),
    ]);
  }
  return { header, rows };
}

/** The note under the table. */
export const SIM_VS_REAL_NOTE =
  'Each cell is real / simulated (real ÷ simulated). The simulated case has the real case\'s shape (workload, clients, cluster, faults) with the service times and links measured on the same cluster by one client (backend.calibrate), and the replication strategy that waits as the database does. fallbacks: writes acknowledged without the replicas they should have waited for (real: WAIT answered with fewer than k, or MariaDB\'s Rpl_semi_sync_master_no_tx; simulated: fallbacks plus async_acks).';

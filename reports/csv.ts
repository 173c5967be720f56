/**
 * results.csv: one row per case, flat columns with units in their names. Text cells are
 * formula-escaped (a case named `=HYPERLINK(...)` stays inert in a spreadsheet); numbers stay numeric.
 */
import { failedOps, timedOutOps } from './model.js';
import { stringify } from 'csv-stringify/sync';
import type { CaseResult } from './schema.js';

type Row = Record<string, string | number>;

const round = (x: number, digits = 6) => (Number.isFinite(x) ? +x.toPrecision(digits) : '');

/** The flat row for one case. */
export function csvRow(c: CaseResult): Row {
  const cfg = c.config;
  const clients = cfg.workload.clients;
  const row: Row = {
    case_id: c.id,
    name: c.name,
    strategy: cfg.strategy.name,
    strategy_params: JSON.stringify(cfg.strategy.params),
    seed: c.seed,
    repetition: cfg.repetition,
    status: c.status,
    nodes: cfg.cluster.nodes,
    partitions: cfg.cluster.partitions,
    replication_factor: cfg.cluster.replicationFactor,
    partitioning: cfg.partitioning.scheme,
    partitioning_options: JSON.stringify(cfg.partitioning),
    read_proportion: cfg.workload.readProportion,
    reads: cfg.workload.reads,
    client_model: clients.model,
    clients: clients.model === 'closed' ? clients.count : '',
    rate_ops_s: clients.model === 'open' ? clients.rate : '',
  };
  if (c.status !== 'ok') {
    row.error = c.error.message;
    return row;
  }
  const m = c.metrics;
  const w = m.ops.write;
  const r = m.ops.read;
  Object.assign(row, {
    throughput_ops_s: round(m.throughput),
    offered_ops_s: round(m.offered),
    write_count: w.count,
    write_mean_us: round(w.latency.mean),
    write_p50_us: w.latency.p50,
    write_p90_us: w.latency.p90,
    write_p99_us: w.latency.p99,
    write_p999_us: w.latency.p999,
    write_max_us: w.latency.max,
    read_count: r.count,
    read_mean_us: round(r.latency.mean),
    read_p50_us: r.latency.p50,
    read_p90_us: r.latency.p90,
    read_p99_us: r.latency.p99,
    read_p999_us: r.latency.p999,
    read_max_us: r.latency.max,
    stale_read_fraction: round(m.staleness.fraction),
    stale_reads: m.staleness.stale,
    stale_version_gap_mean: round(m.staleness.versionGap.mean),
    stale_version_gap_max: m.staleness.versionGap.max,
    stale_time_gap_p99_us: m.staleness.timeGap.p99,
    replication_lag_mean_us: round(m.replicationLag.lag.mean),
    replication_lag_p50_us: m.replicationLag.lag.p50,
    replication_lag_p99_us: m.replicationLag.lag.p99,
    replication_lag_max_us: m.replicationLag.lag.max,
    unapplied_at_end: m.replicationLag.unappliedAtEnd,
    failed_ops: failedOps(m),
    timed_out_ops: timedOutOps(m),
    lost_writes: m.durability?.lostWrites ?? 0,
    availability: round(m.availability?.overall ?? 1),
    inflight_at_end: m.inflightAtEnd,
    fallbacks: m.counters.fallbacks ?? 0,
    error: '',
  });
  return row;
}

/** Renders results.csv for a list of cases (columns: the union, in first-seen order). */
export function toCsv(cases: readonly CaseResult[]): string {
  const rows = cases.map(csvRow);
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const row of rows.filter((r) => r.status === 'ok').concat(rows)) {
    for (const k of Object.keys(row)) if (!seen.has(k)) (seen.add(k), columns.push(k));
  }
  return stringify(rows, { header: true, columns, escape_formulas: true });
}

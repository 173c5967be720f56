/**
 * results.csv: one row per case, flat columns with units in their names. Besides the fixed
 * configuration columns, every field the matrix sweeps gets a column named by its dotted path
 * (`service.workers`, `workload.keys.distribution`, `faults`), and every operation kind that ran
 * gets count, failure and latency columns. A value that was not measured is an empty cell. Text
 * cells are formula-escaped (a case named `=HYPERLINK(...)` stays inert in a spreadsheet);
 * numbers stay numeric.
 */
import { stringify } from 'csv-stringify/sync';
import type { HistogramSummary } from './schema.js';
import type { OpStats } from './schema.js';
import { failedOps, sweptColumns, timedOutOps, type SweptCell } from './model.js';
import type { CaseResult } from './schema.js';

type Row = Record<string, string | number | boolean>;

const round = (x: number, digits = 6) => (Number.isFinite(x) ? +x.toPrecision(digits) : '');

/** Swept paths that already have a fixed column of their own. */
const FIXED_PATHS = new Set([
  'cluster.nodes',
  'cluster.partitions',
  'cluster.replicationFactor',
  'partitioning.scheme',
  'workload.readProportion',
  'workload.reads',
  'workload.clients.model',
  'workload.clients.count',
  'workload.clients.rate',
]);

/** Operation kinds reported separately when they ran (reads are the `read_*` columns; `write_*` sums updates and inserts, so updates get columns of their own only beside inserts). */
const KINDS = ['update', 'insert', 'scan', 'read-modify-write'] as const;

/** Count, failures and latency percentiles of one kind of operation; latencies empty when none succeeded. */
function opColumns(prefix: string, o: OpStats | undefined): Row {
  const x: HistogramSummary | undefined = o?.latency;
  const lat = (v: number | undefined) => (o && o.count > 0 && v !== undefined ? v : '');
  return {
    [`${prefix}_count`]: o?.count ?? 0,
    [`${prefix}_failed`]: o?.failed ?? 0,
    [`${prefix}_mean_us`]: o && o.count > 0 ? round(x!.mean) : '',
    [`${prefix}_p50_us`]: lat(x?.p50),
    [`${prefix}_p90_us`]: lat(x?.p90),
    [`${prefix}_p99_us`]: lat(x?.p99),
    [`${prefix}_p999_us`]: lat(x?.p999),
    [`${prefix}_max_us`]: lat(x?.max),
  };
}

/** The flat row for one case; `swept` are its values of `sweptPaths`, `kinds` the extra operation kinds to report. */
export function csvRow(c: CaseResult, swept: { paths: readonly string[]; values: readonly SweptCell[] } = { paths: [], values: [] }, kinds: readonly string[] = []): Row {
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
  swept.paths.forEach((p, i) => {
    if (!FIXED_PATHS.has(p)) row[p] = swept.values[i] ?? '';
  });
  if (c.status !== 'ok') {
    row.error = c.error.message;
    return row;
  }
  const m = c.metrics;
  const paced = clients.model === 'open' || (clients.model === 'closed' && (clients.target ?? 0) > 0);
  const lag = m.replicationLag.lag;
  Object.assign(row, {
    throughput_ops_s: round(m.throughput),
    offered_ops_s: round(m.offered),
    saturated: paced ? m.saturated : '',
    dropped_ops: clients.model === 'open' ? m.dropped : '',
    ...opColumns('write', m.ops.write),
    ...opColumns('read', m.ops.read),
    ...Object.assign({}, ...kinds.map((k) => opColumns(k.replace(/-/g, '_'), m.ops.byKind?.[k]))),
    stale_read_fraction: m.staleness.reads > 0 ? round(m.staleness.fraction) : '',
    stale_reads: m.staleness.stale,
    stale_version_gap_mean: m.staleness.stale > 0 ? round(m.staleness.versionGap.mean) : '',
    stale_version_gap_max: m.staleness.stale > 0 ? m.staleness.versionGap.max : '',
    stale_time_gap_p99_us: m.staleness.stale > 0 ? m.staleness.timeGap.p99 : '',
    replication_lag_mean_us: lag.count > 0 ? round(lag.mean) : '',
    replication_lag_p50_us: lag.count > 0 ? lag.p50 : '',
    replication_lag_p99_us: lag.count > 0 ? lag.p99 : '',
    replication_lag_max_us: lag.count > 0 ? lag.max : '',
    unapplied_at_end: m.replicationLag.unappliedAtEnd,
    failed_ops: failedOps(m),
    timed_out_ops: timedOutOps(m),
    lost_writes: m.durability.lostWrites ?? '', // null: not measured (a real backend)
    availability: round(m.availability?.overall ?? 1),
    inflight_at_end: m.inflightAtEnd,
    fallbacks: m.counters.fallbacks ?? 0,
    retransmits: m.counters.retransmits ?? 0,
    error: '',
  });
  return row;
}

/** Renders results.csv for a list of cases (columns: the union, in first-seen order). */
export function toCsv(cases: readonly CaseResult[]): string {
  const swept = sweptColumns(cases.map((c) => c.config));
  const ran = KINDS.filter((k) => cases.some((c) => c.status === 'ok' && (c.metrics.ops.byKind?.[k]?.count ?? 0) + (c.metrics.ops.byKind?.[k]?.failed ?? 0) > 0));
  // Without inserts, updates are the writes: their columns would repeat write_*.
  const kinds = ran.includes('insert') ? ran : ran.filter((k) => k !== 'update');
  const rows = cases.map((c, i) => csvRow(c, { paths: swept.paths, values: swept.values[i]! }, kinds));
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const row of rows.filter((r) => r.status === 'ok').concat(rows)) {
    for (const k of Object.keys(row)) if (!seen.has(k)) (seen.add(k), columns.push(k));
  }
  return stringify(rows, { header: true, columns, escape_formulas: true, cast: { boolean: (b) => (b ? 'true' : 'false') } });
}

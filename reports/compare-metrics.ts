/**
 * The metrics `replbench compare` compares, in one table: each metric's name (as `--threshold`
 * and `--ignore` take it), unit, direction (which way is better), kind (how noisy a statistic of
 * that sort is) and how to read it from a case's metrics. Besides the fixed table, every operation
 * kind in `metrics.ops.byKind` (scan, insert, read-modify-write, ...) gets the OP_STATS rows, every
 * strategy counter in `metrics.counters` a `counter.<name>` row, and every fault window its
 * availability and recovery rows. A new metric is one line in METRICS.
 */
import type { CaseMetrics, OpStats } from './schema.js';
import { failedOps, timedOutOps } from './model.js';

/** Which way is better. */
export type Direction = 'lower' | 'higher';

/**
 * What sort of statistic a metric is: it decides how noisy a single-seed value is.
 * `mean` and `median` of many operations; `tail` a high percentile, a maximum or a worst window
 * (a few operations decide it); `rate` a throughput; `fraction` a share of operations; `count` a
 * number of events; `flag` 0 or 1.
 */
export type MetricKind = 'mean' | 'median' | 'tail' | 'rate' | 'fraction' | 'count' | 'flag';

/** One compared metric. */
export interface MetricDef {
  readonly name: string;
  readonly unit: string;
  readonly direction: Direction;
  readonly kind: MetricKind;
  /** The key of its seed-to-seed spread in reports/noise.ts (metrics of one sort share one). */
  readonly family: string;
  /** The value, or undefined when the case did not measure it (e.g. no writes). */
  readonly extract: (m: CaseMetrics) => number | undefined;
}

const finite = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const when = (n: number | undefined, v: number | undefined): number | undefined => (n !== undefined && n > 0 ? finite(v) : undefined);
const get = (m: CaseMetrics, ...path: string[]): unknown => path.reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), m);

/** Statistics compared for every operation kind: `<kind>_<suffix>`, e.g. `scan_p99_us`. */
export const OP_STATS: readonly { readonly suffix: string; readonly unit: string; readonly kind: MetricKind; readonly get: (s: OpStats) => number | undefined }[] = [
  { suffix: 'mean_us', unit: 'µs', kind: 'mean', get: (s) => when(s.count, s.latency.mean) },
  { suffix: 'p50_us', unit: 'µs', kind: 'median', get: (s) => when(s.count, s.latency.p50) },
  { suffix: 'p99_us', unit: 'µs', kind: 'tail', get: (s) => when(s.count, s.latency.p99) },
  { suffix: 'p999_us', unit: 'µs', kind: 'tail', get: (s) => when(s.count, s.latency.p999) },
  { suffix: 'failed', unit: 'ops', kind: 'count', get: (s) => when(s.count + s.failed, s.failed) },
  { suffix: 'timed_out', unit: 'ops', kind: 'count', get: (s) => when(s.count + s.failed, s.timedOut) },
];

function opRows(label: string, pick: (m: CaseMetrics) => OpStats | undefined): MetricDef[] {
  return OP_STATS.map((s) => ({
    name: `${label}_${s.suffix}`,
    unit: s.unit,
    direction: 'lower' as const,
    kind: s.kind,
    family: `op_${s.suffix}`,
    extract: (m: CaseMetrics) => {
      const st = pick(m);
      return st ? s.get(st) : undefined;
    },
  }));
}

/** A session anomaly's share of the sessions' reads (undefined without sessions). */
function session(m: CaseMetrics, k: 'readYourWrites' | 'monotonicReads' | 'consistentPrefix'): number | undefined {
  const reads = finite(get(m, 'sessions', 'reads'));
  const n = finite(get(m, 'sessions', k));
  return reads && n !== undefined ? n / reads : undefined;
}

/** The fixed table: whole-case metrics, then reads and writes (updates and inserts together). */
export const METRICS: readonly MetricDef[] = [
  { name: 'throughput_ops_s', unit: 'ops/s', direction: 'higher', kind: 'rate', family: 'throughput_ops_s', extract: (m) => finite(m.throughput) },
  { name: 'saturated', unit: 'flag', direction: 'lower', kind: 'flag', family: 'saturated', extract: (m) => (typeof m.saturated === 'boolean' ? Number(m.saturated) : undefined) },
  { name: 'dropped_ops', unit: 'ops', direction: 'lower', kind: 'count', family: 'dropped_ops', extract: (m) => finite(m.dropped) },
  { name: 'failed_ops', unit: 'ops', direction: 'lower', kind: 'count', family: 'failed_ops', extract: (m) => failedOps(m) },
  { name: 'timed_out_ops', unit: 'ops', direction: 'lower', kind: 'count', family: 'timed_out_ops', extract: (m) => timedOutOps(m) },
  { name: 'availability', unit: 'fraction', direction: 'higher', kind: 'fraction', family: 'availability', extract: (m) => finite(get(m, 'availability', 'overall')) },
  { name: 'availability_worst_1s', unit: 'fraction', direction: 'higher', kind: 'tail', family: 'availability_worst_1s', extract: (m) => {
    const s = (get(m, 'timeseries', 'availability') as readonly number[] | undefined)?.filter((v) => Number.isFinite(v));
    return s?.length ? Math.min(...s) : undefined;
  } },
  { name: 'longest_write_gap_us', unit: 'µs', direction: 'lower', kind: 'tail', family: 'longest_write_gap_us', extract: (m) => finite(get(m, 'availability', 'longestWriteGapUs')) },
  ...opRows('read', (m) => m.ops.read),
  ...opRows('write', (m) => m.ops.write),
  { name: 'stale_read_fraction', unit: 'fraction', direction: 'lower', kind: 'fraction', family: 'stale_read_fraction', extract: (m) => when(m.staleness.reads, m.staleness.fraction) },
  { name: 'replication_lag_mean_us', unit: 'µs', direction: 'lower', kind: 'mean', family: 'replication_lag_mean_us', extract: (m) => when(m.replicationLag.lag.count, m.replicationLag.lag.mean) },
  { name: 'replication_lag_p99_us', unit: 'µs', direction: 'lower', kind: 'tail', family: 'replication_lag_p99_us', extract: (m) => when(m.replicationLag.lag.count, m.replicationLag.lag.p99) },
  { name: 'lost_writes', unit: 'writes', direction: 'lower', kind: 'count', family: 'lost_writes', extract: (m) => finite(get(m, 'durability', 'lostWrites')) },
  { name: 'overwritten_writes', unit: 'writes', direction: 'lower', kind: 'count', family: 'overwritten_writes', extract: (m) => finite(get(m, 'durability', 'overwrittenWrites')) },
  { name: 'conflicts', unit: 'writes', direction: 'lower', kind: 'count', family: 'overwritten_writes', extract: (m) => finite(get(m, 'durability', 'conflicts')) },
  { name: 'read_your_writes_fraction', unit: 'fraction', direction: 'lower', kind: 'fraction', family: 'session_anomaly_fraction', extract: (m) => session(m, 'readYourWrites') },
  { name: 'monotonic_read_fraction', unit: 'fraction', direction: 'lower', kind: 'fraction', family: 'session_anomaly_fraction', extract: (m) => session(m, 'monotonicReads') },
  { name: 'consistent_prefix_fraction', unit: 'fraction', direction: 'lower', kind: 'fraction', family: 'session_anomaly_fraction', extract: (m) => session(m, 'consistentPrefix') },
];

/**
 * Strategy counters whose bigger values are better. Every other counter (retransmits,
 * fallbacks, resends, ...) counts extra work or a degraded mode: lower is better.
 */
export const COUNTERS_HIGHER_IS_BETTER: ReadonlySet<string> = new Set<string>([]);

/** Operation kinds already compared as `read_*` and `write_*`. */
const AGGREGATED = new Set(['read']);

function sameStats(a: OpStats, b: OpStats): boolean {
  return a.count === b.count && a.failed === b.failed && a.timedOut === b.timedOut && a.latency.mean === b.latency.mean && a.latency.p99 === b.latency.p99;
}

/** A fault window's label made safe for a metric name: `fault1` (first window), `fault2`, ... */
function windowName(i: number): string {
  return `fault${i + 1}`;
}

/**
 * Every metric to compare for a set of cases (one configuration's cases of both runs): the fixed
 * table, `<kind>_*` for each operation kind that occurred (except plain reads, and a write kind
 * identical to `write_*` in every case, e.g. updates when there are no inserts), `counter.<name>`
 * for each strategy counter and `faultN_*` for each fault window.
 */
export function metricsFor(cases: readonly CaseMetrics[]): MetricDef[] {
  const out: MetricDef[] = [...METRICS];
  const kinds = new Set<string>();
  for (const m of cases) for (const k of Object.keys(m.ops.byKind ?? {})) if (!AGGREGATED.has(k)) kinds.add(k);
  for (const k of [...kinds].sort()) {
    const redundant = cases.every((m) => {
      const s = m.ops.byKind?.[k];
      return !s || sameStats(s, m.ops.write);
    });
    if (!redundant) out.push(...opRows(k, (m) => m.ops.byKind?.[k]));
  }
  const counters = new Set<string>();
  for (const m of cases) for (const k of Object.keys(m.counters ?? {})) counters.add(k);
  for (const k of [...counters].sort()) {
    out.push({ name: `counter.${k}`, unit: 'count', direction: COUNTERS_HIGHER_IS_BETTER.has(k) ? 'higher' : 'lower', kind: 'count', family: 'counter', extract: (m) => finite(m.counters?.[k] ?? 0) });
  }
  const windows = Math.max(0, ...cases.map((m) => m.faults?.windows?.length ?? 0));
  for (let i = 0; i < windows; i++) {
    const w = (m: CaseMetrics) => m.faults?.windows?.[i];
    out.push(
      { name: `${windowName(i)}_availability`, unit: 'fraction', direction: 'higher', kind: 'fraction', family: 'fault_availability', extract: (m) => {
        const x = w(m);
        if (!x) return undefined;
        const ok = x.readsOk + x.writesOk;
        const all = ok + x.readsFailed + x.writesFailed;
        return all > 0 ? ok / all : undefined;
      } },
      { name: `${windowName(i)}_time_to_first_write_us`, unit: 'µs', direction: 'lower', kind: 'tail', family: 'fault_time_to_first_write_us', extract: (m) => finite(w(m)?.timeToFirstWriteUs) },
    );
  }
  return out;
}

/** Every metric name that can occur for these cases (operation kinds included even where they repeat `write_*`): what `--threshold` and `--ignore` accept. */
export function knownMetricNames(cases: readonly CaseMetrics[]): string[] {
  const names = new Set(metricsFor(cases).map((m) => m.name));
  for (const m of cases) for (const k of Object.keys(m.ops.byKind ?? {})) if (!AGGREGATED.has(k)) for (const s of OP_STATS) names.add(`${k}_${s.suffix}`);
  return [...names];
}

/** The names of the fixed metrics and of the generated ones as patterns (for `--help` and error messages). */
export const METRIC_NAME_HELP: readonly string[] = [
  ...METRICS.map((m) => m.name),
  ...OP_STATS.map((s) => `<kind>_${s.suffix}`),
  'counter.<name>',
  'faultN_availability',
  'faultN_time_to_first_write_us',
];

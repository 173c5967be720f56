/**
 * Comparing two result sets (`replbench compare BASE HEAD`): cases are matched by configuration
 * (seed, repetition and suite name left out), and each metric gets a verdict. Single-seed cases
 * change when the relative change exceeds a practical threshold; cases with repetitions must
 * also pass a two-sided Mann–Whitney U test at α = 0.05 after Holm's correction over every
 * test made. Pure: no I/O.
 */
import { failedOps } from './model.js';
import type { CaseMetrics } from '../harness/metrics/types.js';
import { configKey, groupName } from './config-key.js';
import type { CaseResult, RunResults } from './schema.js';
import { holmAdjust, mannWhitneyU, median, minimumP } from './stats.js';

/** Which way is better. */
export type Direction = 'lower' | 'higher';

/** The verdict for one case and metric. */
export type Verdict = 'improved' | 'regressed' | 'unchanged' | 'insufficient data';

/** Every verdict, in display order. */
export const VERDICTS: readonly Verdict[] = ['regressed', 'improved', 'insufficient data', 'unchanged'];

/** A compared metric: name (as `--threshold` takes it), unit, direction and how to read it from a case. */
export interface MetricDef {
  readonly name: string;
  readonly unit: string;
  readonly direction: Direction;
  readonly extract: (m: CaseMetrics) => number | undefined;
}


const opsIf = (n: number, v: number) => (n > 0 ? v : undefined);

/** The metrics compared, per case. Lost writes are compared when the results record them. */
export const COMPARE_METRICS: readonly MetricDef[] = [
  { name: 'throughput_ops_s', unit: 'ops/s', direction: 'higher', extract: (m) => m.throughput },
  { name: 'availability', unit: 'fraction', direction: 'higher', extract: (m) => {
    const recorded = (m as unknown as { availability?: { overall?: unknown } }).availability?.overall;
    if (typeof recorded === 'number' && Number.isFinite(recorded)) return recorded;
    const ok = m.ops.read.count + m.ops.write.count;
    const total = ok + failedOps(m);
    return total > 0 ? ok / total : undefined;
  } },
  { name: 'write_mean_us', unit: 'µs', direction: 'lower', extract: (m) => opsIf(m.ops.write.count, m.ops.write.latency.mean) },
  { name: 'write_p50_us', unit: 'µs', direction: 'lower', extract: (m) => opsIf(m.ops.write.count, m.ops.write.latency.p50) },
  { name: 'write_p99_us', unit: 'µs', direction: 'lower', extract: (m) => opsIf(m.ops.write.count, m.ops.write.latency.p99) },
  { name: 'read_mean_us', unit: 'µs', direction: 'lower', extract: (m) => opsIf(m.ops.read.count, m.ops.read.latency.mean) },
  { name: 'read_p50_us', unit: 'µs', direction: 'lower', extract: (m) => opsIf(m.ops.read.count, m.ops.read.latency.p50) },
  { name: 'read_p99_us', unit: 'µs', direction: 'lower', extract: (m) => opsIf(m.ops.read.count, m.ops.read.latency.p99) },
  { name: 'stale_read_fraction', unit: 'fraction', direction: 'lower', extract: (m) => opsIf(m.staleness.reads, m.staleness.fraction) },
  { name: 'replication_lag_p99_us', unit: 'µs', direction: 'lower', extract: (m) => opsIf(m.replicationLag.lag.count, m.replicationLag.lag.p99) },
  { name: 'failed_ops', unit: 'ops', direction: 'lower', extract: failedOps },
  { name: 'lost_writes', unit: 'writes', direction: 'lower', extract: (m) => {
    const v = (m as unknown as { durability?: { lostWrites?: unknown } }).durability?.lostWrites;
    return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
  } },
];

/** The pseudo-metric for cases that failed to run (compared as a count per configuration). */
export const FAILED_CASES_METRIC = 'failed_cases';

/** Every metric name `--threshold` accepts. */
export const METRIC_NAMES: readonly string[] = [...COMPARE_METRICS.map((m) => m.name), FAILED_CASES_METRIC];

/** Comparison settings. */
export interface CompareOptions {
  /** Default relative threshold (0.05 = 5%). */
  readonly threshold?: number;
  /** Per-metric relative thresholds. */
  readonly thresholds?: Readonly<Record<string, number>>;
  /** Significance level before correction (default 0.05). */
  readonly alpha?: number;
}

/** The verdict for one case and metric. */
export interface MetricComparison {
  /** Case name (without `rep=N`), from the base run. */
  readonly case: string;
  /** Config key shared by both runs. */
  readonly key: string;
  readonly metric: string;
  readonly unit: string;
  readonly direction: Direction;
  /** Base and head values (the median over repetitions); null when not measured. */
  readonly base: number | null;
  readonly head: number | null;
  /** (head − base) / |base|; null when base is 0 and head is not (a change from nothing). */
  readonly change: number | null;
  readonly nBase: number;
  readonly nHead: number;
  readonly threshold: number;
  /** Mann–Whitney U p-values (cases with repetitions only). */
  readonly p: number | null;
  readonly pAdjusted: number | null;
  readonly test: 'threshold' | 'mann-whitney-u';
  readonly verdict: Verdict;
  /** Why the verdict is what it is, in a few words. */
  readonly reason: string;
}

/** The whole comparison. */
export interface Comparison {
  readonly base: { readonly suite: string; readonly cases: number };
  readonly head: { readonly suite: string; readonly cases: number };
  readonly alpha: number;
  readonly correction: 'holm';
  /** Number of Mann–Whitney tests the correction is over. */
  readonly tests: number;
  readonly matched: number;
  /** Case names present in one run only. */
  readonly onlyBase: readonly string[];
  readonly onlyHead: readonly string[];
  readonly rows: readonly MetricComparison[];
  readonly counts: Readonly<Record<Verdict, number>>;
}

interface Group {
  readonly key: string;
  readonly name: string;
  readonly cases: CaseResult[];
}

function groups(results: RunResults): Map<string, Group> {
  const out = new Map<string, Group>();
  for (const c of results.cases) {
    const key = configKey(c.config);
    const g = out.get(key) ?? { key, name: groupName(c.name), cases: [] };
    g.cases.push(c);
    out.set(key, g);
  }
  return out;
}

function relChange(base: number, head: number): number | null {
  if (base === head) return 0;
  if (base === 0) return null;
  return (head - base) / Math.abs(base);
}

interface Pending {
  row: Omit<MetricComparison, 'verdict' | 'reason' | 'pAdjusted'>;
  beyond: boolean;
  better: boolean;
}

/** Compares head against base. */
export function compareResults(base: RunResults, head: RunResults, options: CompareOptions = {}): Comparison {
  const alpha = options.alpha ?? 0.05;
  const defaultThreshold = options.threshold ?? 0.05;
  const thresholdOf = (metric: string) => options.thresholds?.[metric] ?? defaultThreshold;
  const b = groups(base);
  const h = groups(head);
  const pending: Pending[] = [];
  const onlyBase = [...b.values()].filter((g) => !h.has(g.key)).map((g) => g.name);
  const onlyHead = [...h.values()].filter((g) => !b.has(g.key)).map((g) => g.name);
  let matched = 0;
  for (const bg of b.values()) {
    const hg = h.get(bg.key);
    if (!hg) continue;
    matched++;
    const okB = bg.cases.flatMap((c) => (c.status === 'ok' ? [c.metrics] : []));
    const okH = hg.cases.flatMap((c) => (c.status === 'ok' ? [c.metrics] : []));
    const push = (metric: string, unit: string, direction: Direction, xs: number[], ys: number[], single: boolean) => {
      const threshold = thresholdOf(metric);
      const bv = xs.length ? median(xs) : null;
      const hv = ys.length ? median(ys) : null;
      const change = bv !== null && hv !== null ? relChange(bv, hv) : null;
      const beyond = bv !== null && hv !== null && (change === null || Math.abs(change) > threshold);
      const better = bv !== null && hv !== null && (direction === 'lower' ? hv < bv : hv > bv);
      const useTest = !single && xs.length >= 2 && ys.length >= 2;
      const p = useTest ? mannWhitneyU(xs, ys).p : null;
      pending.push({
        row: { case: bg.name, key: bg.key, metric, unit, direction, base: bv, head: hv, change, nBase: xs.length, nHead: ys.length, threshold, p, test: useTest ? 'mann-whitney-u' : 'threshold' },
        beyond,
        better,
      });
    };
    const failedB = bg.cases.length - okB.length;
    const failedH = hg.cases.length - okH.length;
    if (failedB || failedH) push(FAILED_CASES_METRIC, 'cases', 'lower', [failedB], [failedH], true);
    for (const def of COMPARE_METRICS) {
      const xs = okB.map(def.extract).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
      const ys = okH.map(def.extract).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
      if (xs.length === 0 && ys.length === 0) continue;
      push(def.name, def.unit, def.direction, xs, ys, false);
    }
  }
  const tested = pending.filter((p) => p.row.p !== null);
  const adjusted = holmAdjust(tested.map((p) => p.row.p!));
  const adjustedOf = new Map(tested.map((p, i) => [p, adjusted[i]!]));
  const familyAlpha = tested.length ? alpha / tested.length : alpha;
  const rows = pending.map((p): MetricComparison => {
    const r = p.row;
    const pAdjusted = adjustedOf.get(p) ?? null;
    const changed = p.better ? 'improved' : 'regressed';
    let verdict: Verdict;
    let reason: string;
    if (r.base === null || r.head === null) {
      verdict = 'insufficient data';
      reason = `not measured in ${r.base === null ? 'base' : 'head'}`;
    } else if (!p.beyond) {
      verdict = 'unchanged';
      reason = `within ±${fmtThreshold(r.threshold)}`;
    } else if (r.test === 'threshold') {
      if (r.nBase === 1 && r.nHead === 1) {
        verdict = changed;
        reason = `beyond ±${fmtThreshold(r.threshold)}`;
      } else {
        verdict = 'insufficient data';
        reason = 'beyond the threshold, but only one side has repetitions to test';
      }
    } else if (pAdjusted! < alpha) {
      verdict = changed;
      reason = `beyond ±${fmtThreshold(r.threshold)} and significant (Holm-adjusted p = ${pAdjusted!.toPrecision(2)})`;
    } else if (minimumP(r.nBase, r.nHead) >= familyAlpha) {
      verdict = 'insufficient data';
      reason = `beyond ±${fmtThreshold(r.threshold)}, but ${r.nBase} vs ${r.nHead} repetitions cannot reach significance over ${tested.length} tests`;
    } else {
      verdict = 'unchanged';
      reason = `beyond ±${fmtThreshold(r.threshold)} but not significant (Holm-adjusted p = ${pAdjusted!.toPrecision(2)})`;
    }
    return { ...r, pAdjusted, verdict, reason };
  });
  const counts = { improved: 0, regressed: 0, unchanged: 0, 'insufficient data': 0 } as Record<Verdict, number>;
  for (const r of rows) counts[r.verdict]++;
  return {
    base: { suite: base.suite.name, cases: base.cases.length },
    head: { suite: head.suite.name, cases: head.cases.length },
    alpha,
    correction: 'holm',
    tests: tested.length,
    matched,
    onlyBase,
    onlyHead,
    rows,
    counts,
  };
}

/** A relative threshold as a percentage string (`5%`). */
export function fmtThreshold(t: number): string {
  return `${+(t * 100).toPrecision(3)}%`;
}

/** Whether the comparison should fail CI under `--fail-on`. */
export function shouldFail(c: Comparison, failOn: 'regressed' | 'changed' | 'never'): boolean {
  if (failOn === 'never') return false;
  if (failOn === 'changed') return c.counts.regressed + c.counts.improved > 0;
  return c.counts.regressed > 0;
}

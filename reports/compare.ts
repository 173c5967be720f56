/**
 * Comparing two result sets (`replbench compare BASE HEAD`). Cases are paired by configuration
 * (seed, repetition and suite name left out) or, with `match: 'name'`, by name; every metric of
 * reports/compare-metrics.ts gets a verdict.
 *
 * - With repetitions on both sides, a metric changed when Welch's t-test on the per-seed values
 *   is significant at α = 0.05 after Holm's correction over every metric whose values vary (a
 *   metric identical in every repetition cannot differ and is not a test), and the change of the
 *   means exceeds the practical threshold (relative, and absolute when given).
 * - A single seed per side gives no noise estimate: a change beyond the threshold and beyond the
 *   seed-to-seed spread measured for that sort of metric (reports/noise.ts) is reported, and the
 *   reason says it is not a significance test.
 *
 * Pure: no I/O.
 */
import type { CaseMetrics } from './schema.js';
import { metricsFor, type Direction, type MetricDef, type MetricKind } from './compare-metrics.js';
import { closestDifferences, configDifferences, describeDifferences } from './config-diff.js';
import { configKey, groupName } from './config-key.js';
import { SEED_SPREADS, seedSpread, type Spread } from './noise.js';
import type { CaseResult, RunResults } from './schema.js';
import { holmAdjust, mean, welchT } from './stats.js';

export type { Direction } from './compare-metrics.js';

/** The verdict for one case and metric. */
export type Verdict = 'improved' | 'regressed' | 'unchanged' | 'insufficient data';

/** Every verdict, in display order. */
export const VERDICTS: readonly Verdict[] = ['regressed', 'improved', 'insufficient data', 'unchanged'];

/** The pseudo-metric for cases that failed to run (compared as a count per configuration). */
export const FAILED_CASES_METRIC = 'failed_cases';

/** A practical threshold: a change counts only beyond both (absolute 0 = none). */
export interface Threshold {
  /** Relative to the base value (0.05 = 5%). */
  readonly relative: number;
  /** In the metric's unit. */
  readonly absolute: number;
}

/** A `--threshold` entry: a metric name or glob (`counter.*`) and what it sets. */
export interface ThresholdRule {
  readonly metric: string;
  readonly relative?: number;
  readonly absolute?: number;
}

/** How cases of the two runs are paired. */
export type MatchBy = 'config' | 'name';

/** Comparison settings. */
export interface CompareOptions {
  /** Default relative threshold (0.05 = 5%). */
  readonly threshold?: number;
  /** Per-metric thresholds, applied in order (a later rule overrides what it sets). */
  readonly rules?: readonly ThresholdRule[];
  /** Metric names or globs left out. */
  readonly ignore?: readonly string[];
  /** Significance level before correction (default 0.05). */
  readonly alpha?: number;
  /** Pair cases by configuration (default) or by name. */
  readonly match?: MatchBy;
  /** Seed-to-seed spreads for single-seed verdicts (default: the measured table). */
  readonly spreads?: Readonly<Record<string, Spread>>;
}

/** The verdict for one case and metric. */
export interface MetricComparison {
  /** Case name (without `rep=N`), from the base run. */
  readonly case: string;
  /** Pairing key (config key, or the name with `match: 'name'`). */
  readonly key: string;
  readonly metric: string;
  readonly unit: string;
  readonly direction: Direction;
  readonly kind: MetricKind | 'cases';
  /** Base and head values (the mean over repetitions); null when not measured. */
  readonly base: number | null;
  readonly head: number | null;
  /** head − base, in the metric's unit. */
  readonly difference: number | null;
  /** (head − base) / |base|; null when not measured or when base is 0 and head is not (see `difference`). */
  readonly change: number | null;
  readonly nBase: number;
  readonly nHead: number;
  readonly threshold: Threshold;
  /** Single seed: the relative seed-to-seed spread that a change must also exceed (null when none applies). */
  readonly spread: number | null;
  /** Welch's t-test p-value (repetitions on both sides) and its Holm-adjusted value. */
  readonly p: number | null;
  readonly pAdjusted: number | null;
  /** `welch-t`: tested; `single-seed`: no noise estimate; `none`: identical values or one side only. */
  readonly test: 'welch-t' | 'single-seed' | 'none';
  readonly verdict: Verdict;
  /** Why the verdict is what it is, in a few words. */
  readonly reason: string;
}

/** One input's summary. */
export interface RunSummary {
  readonly suite: string;
  readonly cases: number;
  readonly status: RunResults['status'];
  /** The suite seed. */
  readonly seed: number;
}

/** The whole comparison. */
export interface Comparison {
  readonly base: RunSummary;
  readonly head: RunSummary;
  readonly match: MatchBy;
  readonly alpha: number;
  readonly correction: 'holm';
  /** Number of t-tests the correction is over (metrics whose values vary). */
  readonly tests: number;
  readonly matched: number;
  /** Case names present in one run only. */
  readonly onlyBase: readonly string[];
  readonly onlyHead: readonly string[];
  /** Names of paired cases that failed or timed out in the head run. */
  readonly failedHead: readonly string[];
  /** Inputs that do not hold their whole suite (partial merge, interrupted run, a shard, a `--case` selection). */
  readonly partial: readonly string[];
  /** The paired cases ran with different seeds: differences include seed-to-seed noise. */
  readonly seedsDiffer: boolean;
  /** Some metrics were compared on a single seed per side (no noise estimate). */
  readonly singleSeed: boolean;
  /** What differs in the code under test: strategy files and the replbench build. */
  readonly code: readonly string[];
  /** With `match: 'name'`: configuration fields that differ between paired cases. */
  readonly configDifferences: string;
  /** When some cases are unpaired: the fields in which the closest unpaired configurations differ. */
  readonly unpairedDifferences: string;
  readonly rows: readonly MetricComparison[];
  readonly counts: Readonly<Record<Verdict, number>>;
}

interface Group {
  readonly key: string;
  readonly name: string;
  readonly cases: CaseResult[];
}

function groups(results: RunResults, match: MatchBy): Map<string, Group> {
  const out = new Map<string, Group>();
  for (const c of results.cases) {
    const name = groupName(c.name);
    const key = match === 'name' ? name : configKey(c.config);
    const g = out.get(key) ?? { key, name, cases: [] };
    g.cases.push(c);
    out.set(key, g);
  }
  return out;
}

/** A glob over metric names: `*` matches any run of characters. */
export function metricPattern(glob: string): RegExp {
  return new RegExp(`^${glob.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
}

function relChange(base: number, head: number): number | null {
  if (base === head) return 0;
  if (base === 0) return null;
  return (head - base) / Math.abs(base);
}

/** Whether a change from `base` to `head` exceeds a threshold (relative and absolute); a change from 0 exceeds any relative one. */
export function beyond(base: number, head: number, t: Threshold): boolean {
  if (base === head) return false;
  const change = relChange(base, head);
  return (change === null || Math.abs(change) > t.relative) && Math.abs(head - base) > t.absolute;
}

/** Whether a change is within a relative spread; from a zero base the change counts as 100% (of the larger value). */
function withinSpread(base: number, head: number, spread: number | undefined): boolean {
  if (spread === undefined) return false;
  return Math.abs(head - base) <= spread * Math.max(Math.abs(base), base === 0 ? Math.abs(head) : 0);
}

/** A relative threshold as a percentage string (`5%`). */
export function fmtThreshold(t: number): string {
  return `${+(t * 100).toPrecision(3)}%`;
}

/** A threshold as text: `±5%`, or `±5% and ±0.001`. */
export function fmtThresholdPair(t: Threshold): string {
  return `±${fmtThreshold(t.relative)}${t.absolute > 0 ? ` and ±${+t.absolute.toPrecision(4)}` : ''}`;
}

interface Pending {
  row: Omit<MetricComparison, 'verdict' | 'reason' | 'pAdjusted'>;
  beyond: boolean;
  better: boolean;
  withinSpread: boolean;
}

const sortedSeeds = (cs: readonly CaseResult[]) => cs.map((c) => c.seed).sort((a, b) => a - b).join(',');

function partialNotes(label: string, r: RunResults): string[] {
  const out: string[] = [];
  if (r.status === 'partial') out.push(`${label} is a partial merge: ${r.cases.length} of ${r.suite.total} cases of suite "${r.suite.name}"`);
  else if (r.status === 'interrupted') out.push(`${label} is an interrupted run: ${r.cases.length} of ${r.suite.total} cases`);
  else if (r.shard && r.shard.count > 1) out.push(`${label} is shard ${r.shard.index}/${r.shard.count} of suite "${r.suite.name}" (${r.cases.length} of ${r.suite.total} cases)`);
  else if (typeof r.suite.total === 'number' && r.cases.length < r.suite.total) out.push(`${label} holds ${r.cases.length} of the ${r.suite.total} cases of suite "${r.suite.name}"`);
  return out;
}

function strategyFilesOf(cs: readonly CaseResult[]): Readonly<Record<string, string>> {
  return cs.find((c) => c.strategyFiles)?.strategyFiles ?? {};
}

function codeNotes(base: RunResults, head: RunResults, pairs: readonly [Group, Group][]): string[] {
  const out: string[] = [];
  const files = new Map<string, { base: string; head: string; cases: number }>();
  for (const [bg, hg] of pairs) {
    const b = strategyFilesOf(bg.cases);
    const h = strategyFilesOf(hg.cases);
    for (const f of new Set([...Object.keys(b), ...Object.keys(h)])) {
      if (b[f] === h[f]) continue;
      const e = files.get(f) ?? { base: b[f] ?? 'absent', head: h[f] ?? 'absent', cases: 0 };
      e.cases++;
      files.set(f, e);
    }
  }
  for (const [f, e] of files) out.push(`strategy file ${f} differs (base ${e.base.slice(0, 12)}, head ${e.head.slice(0, 12)}) in ${e.cases} paired case${e.cases === 1 ? '' : 's'}`);
  const bc = base.environment.code;
  const hc = head.environment.code;
  if (bc && hc && bc !== hc) out.push(`replbench code differs (base ${bc.slice(0, 12)}, head ${hc.slice(0, 12)})`);
  if (base.environment.replbench !== head.environment.replbench) out.push(`replbench version differs (base ${base.environment.replbench}, head ${head.environment.replbench})`);
  return out;
}

/** Compares head against base. */
export function compareResults(base: RunResults, head: RunResults, options: CompareOptions = {}): Comparison {
  const alpha = options.alpha ?? 0.05;
  const match = options.match ?? 'config';
  const spreads = options.spreads ?? SEED_SPREADS;
  const defaults: Threshold = { relative: options.threshold ?? 0.05, absolute: 0 };
  const rules = (options.rules ?? []).map((r) => ({ ...r, re: metricPattern(r.metric) }));
  const thresholdOf = (metric: string): Threshold => {
    let t = defaults;
    for (const r of rules) if (r.re.test(metric)) t = { relative: r.relative ?? t.relative, absolute: r.absolute ?? t.absolute };
    return t;
  };
  const ignored = (options.ignore ?? []).map(metricPattern);
  const isIgnored = (metric: string) => ignored.some((re) => re.test(metric));
  const b = groups(base, match);
  const h = groups(head, match);
  const pending: Pending[] = [];
  const onlyBase = [...b.values()].filter((g) => !h.has(g.key)).map((g) => g.name);
  const onlyHead = [...h.values()].filter((g) => !b.has(g.key)).map((g) => g.name);
  const pairs: [Group, Group][] = [];
  const failedHead: string[] = [];
  let seedsDiffer = false;
  const nameDiffs = new Map<string, string>();
  for (const bg of b.values()) {
    const hg = h.get(bg.key);
    if (!hg) continue;
    pairs.push([bg, hg]);
    if (sortedSeeds(bg.cases) !== sortedSeeds(hg.cases)) seedsDiffer = true;
    if (match === 'name') {
      const d = configDifferences(bg.cases[0]!.config, hg.cases[0]!.config);
      if (d.length) nameDiffs.set(describeDifferences(d), bg.name);
    }
    const okB = bg.cases.flatMap((c) => (c.status === 'ok' ? [c.metrics] : []));
    const okH = hg.cases.flatMap((c) => (c.status === 'ok' ? [c.metrics] : []));
    const faults = (bg.cases[0]!.config.faults?.length ?? 0) > 0;
    const failedB = bg.cases.length - okB.length;
    const failedH = hg.cases.length - okH.length;
    if (failedH) failedHead.push(bg.name);
    const push = (def: Pick<MetricDef, 'name' | 'unit' | 'direction' | 'family'> & { kind: MetricComparison['kind'] }, xs: number[], ys: number[]) => {
      const threshold = thresholdOf(def.name);
      const bv = xs.length ? mean(xs) : null;
      const hv = ys.length ? mean(ys) : null;
      const measured = bv !== null && hv !== null;
      const change = measured ? relChange(bv, hv) : null;
      const single = xs.length === 1 && ys.length === 1;
      const tested = xs.length >= 2 && ys.length >= 2;
      const varies = new Set([...xs, ...ys]).size > 1;
      const p = tested && varies ? welchT(xs, ys).p : null;
      const spread = single ? seedSpread(def.family, faults, spreads) : undefined;
      pending.push({
        row: {
          case: bg.name, key: bg.key, metric: def.name, unit: def.unit, direction: def.direction, kind: def.kind,
          base: bv, head: hv, difference: measured ? hv - bv : null, change, nBase: xs.length, nHead: ys.length, threshold,
          spread: spread ?? null, p, test: p !== null ? 'welch-t' : single && def.name !== FAILED_CASES_METRIC ? 'single-seed' : 'none',
        },
        beyond: measured && beyond(bv, hv, threshold),
        better: measured && (def.direction === 'lower' ? hv < bv : hv > bv),
        withinSpread: measured && withinSpread(bv, hv, spread),
      });
    };
    if (!isIgnored(FAILED_CASES_METRIC) && (failedB || failedH)) push({ name: FAILED_CASES_METRIC, unit: 'cases', direction: 'lower', kind: 'cases', family: FAILED_CASES_METRIC }, [failedB], [failedH]);
    for (const def of metricsFor([...okB, ...okH])) {
      if (isIgnored(def.name)) continue;
      const values = (ms: readonly CaseMetrics[]) => ms.map(def.extract).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
      const xs = values(okB);
      const ys = values(okH);
      if (xs.length === 0 && ys.length === 0) continue;
      push(def, xs, ys);
    }
  }
  const tested = pending.filter((p) => p.row.p !== null);
  const adjusted = holmAdjust(tested.map((p) => p.row.p!));
  const adjustedOf = new Map(tested.map((p, i) => [p, adjusted[i]!]));
  const rows = pending.map((p): MetricComparison => {
    const r = p.row;
    const pAdjusted = adjustedOf.get(p) ?? null;
    const changed: Verdict = p.better ? 'improved' : 'regressed';
    const t = fmtThresholdPair(r.threshold);
    let verdict: Verdict;
    let reason: string;
    if (r.base === null || r.head === null) {
      verdict = 'insufficient data';
      reason = `not measured in ${r.base === null ? 'base' : 'head'}`;
    } else if (!p.beyond) {
      verdict = 'unchanged';
      reason = r.base === r.head && r.test !== 'welch-t' ? 'identical' : `within ${t}`;
    } else if (r.metric === FAILED_CASES_METRIC) {
      verdict = changed;
      reason = `${r.head} case run${r.head === 1 ? '' : 's'} failed or timed out in head, ${r.base} in base`;
    } else if (r.test === 'single-seed') {
      if (p.withinSpread) {
        verdict = 'unchanged';
        reason = `beyond ${t} but within the seed-to-seed spread (±${fmtThreshold(r.spread ?? 0)}) measured for ${r.kind} metrics of this sort; no noise estimate: rerun with repetitions: 5`;
      } else {
        verdict = changed;
        reason = `changed beyond ${t}${r.spread !== null ? ` and the seed-to-seed spread (±${fmtThreshold(r.spread)})` : ''}; no noise estimate (one seed per side): rerun with repetitions: 5`;
      }
    } else if (r.test === 'none') {
      verdict = 'insufficient data';
      reason = `beyond ${t}, but only one side has repetitions to test`;
    } else if (pAdjusted! < alpha) {
      verdict = changed;
      reason = `beyond ${t} and significant (Welch's t, Holm-adjusted p = ${pAdjusted!.toPrecision(2)})`;
    } else {
      verdict = 'unchanged';
      reason = `beyond ${t} but not significant (Holm-adjusted p = ${pAdjusted!.toPrecision(2)})`;
    }
    return { ...r, pAdjusted, verdict, reason };
  });
  const counts = { improved: 0, regressed: 0, unchanged: 0, 'insufficient data': 0 } as Record<Verdict, number>;
  for (const r of rows) counts[r.verdict]++;
  const unpaired = onlyBase.length && onlyHead.length
    ? describeDifferences(closestDifferences([...b.values()].filter((g) => !h.has(g.key)).map((g) => g.cases[0]!.config), [...h.values()].filter((g) => !b.has(g.key)).map((g) => g.cases[0]!.config)))
    : '';
  return {
    base: { suite: base.suite.name, cases: base.cases.length, status: base.status, seed: base.suite.seed },
    head: { suite: head.suite.name, cases: head.cases.length, status: head.status, seed: head.suite.seed },
    match,
    alpha,
    correction: 'holm',
    tests: tested.length,
    matched: pairs.length,
    onlyBase,
    onlyHead,
    failedHead,
    partial: [...partialNotes('base', base), ...partialNotes('head', head)],
    seedsDiffer,
    singleSeed: rows.some((r) => r.test === 'single-seed'),
    code: codeNotes(base, head, pairs),
    configDifferences: [...nameDiffs.keys()].slice(0, 3).join(' | '),
    unpairedDifferences: unpaired,
    rows,
    counts,
  };
}

/** What `--fail-on` can name. */
export const FAIL_ON = ['regressed', 'improved', 'changed', 'missing', 'partial', 'insufficient', 'never'] as const;

/** One `--fail-on` item. */
export type FailOn = (typeof FAIL_ON)[number];

/** The default `--fail-on`: a regression, a missing or failed case, or an incomplete input fails CI. */
export const DEFAULT_FAIL_ON: readonly FailOn[] = ['regressed', 'missing', 'partial'];

/** Why the comparison fails CI under `--fail-on` (empty: it passes). */
export function failures(c: Comparison, failOn: readonly FailOn[] = DEFAULT_FAIL_ON): string[] {
  const on = new Set(failOn);
  if (on.has('never')) return [];
  const out: string[] = [];
  const n = (k: number, what: string) => `${k} ${what}${k === 1 ? '' : 's'}`;
  if ((on.has('regressed') || on.has('changed')) && c.counts.regressed) out.push(`${n(c.counts.regressed, 'regressed metric')}`);
  if ((on.has('improved') || on.has('changed')) && c.counts.improved) out.push(`${n(c.counts.improved, 'improved metric')}`);
  if (on.has('insufficient') && c.counts['insufficient data']) out.push(`${n(c.counts['insufficient data'], 'metric')} with insufficient data`);
  if (on.has('missing') && c.onlyBase.length) out.push(`${n(c.onlyBase.length, 'base case')} missing from head`);
  if (on.has('missing') && c.failedHead.length) out.push(`${n(c.failedHead.length, 'case')} failed in head`);
  if (on.has('partial') && c.partial.length) out.push(...c.partial.map((p) => `incomplete input: ${p}`));
  return out;
}

/** Whether the comparison should fail CI under `--fail-on`. */
export function shouldFail(c: Comparison, failOn: readonly FailOn[] = DEFAULT_FAIL_ON): boolean {
  return failures(c, failOn).length > 0;
}

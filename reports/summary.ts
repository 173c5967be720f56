/**
 * The summary shared by the HTML report and summary.md: one row per configuration (repetitions
 * folded into their median) and the key findings, as plain data that each format escapes itself.
 */
import { failedOps } from './model.js';
import type { CaseView, ReportModel } from './model.js';
import { fmtInt, fmtMs, fmtPct, fmtRatio } from './format.js';
import { median } from './stats.js';
import { INSUFFICIENT_MARK, footnotes, markedName, mergeShortfalls, shortfalls, type Shortfall } from './sufficiency.js';

/** One configuration: its cases (repetitions) and the median of each headline number. */
export interface SummaryRow {
  readonly name: string;
  readonly strategy: string;
  readonly repetitions: number;
  readonly throughput: number;
  readonly writeP50: number;
  readonly writeP99: number;
  readonly readP50: number;
  readonly readP99: number;
  readonly staleFraction: number;
  readonly lagP99: number;
  readonly failedOps: number;
  readonly fallbacks: number;
  /** Acknowledged writes lost (NaN when the results do not record durability). */
  readonly lostWrites: number;
  readonly writes: number;
  readonly reads: number;
  /** Why the configuration measured too little (reports/sufficiency.ts); empty when it measured enough. */
  readonly shortfalls: readonly Shortfall[];
}

/** A piece of a finding: our text, or a (user-provided) name to emphasise. */
export type Segment = string | { readonly name: string };

/** One key finding: a sentence made of segments. */
export type Finding = readonly Segment[];


function lostWrites(c: CaseView): number {
  const v = (c.metrics as unknown as { durability?: { lostWrites?: unknown } }).durability?.lostWrites;
  return typeof v === 'number' ? v : NaN;
}

/** Folds repetitions: one row per configuration, in run order. */
export function summaryRows(model: ReportModel): SummaryRow[] {
  const groups = new Map<string, CaseView[]>();
  for (const c of model.cases) groups.set(c.group, [...(groups.get(c.group) ?? []), c]);
  return [...groups.values()].map((cs) => {
    const med = (f: (c: CaseView) => number) => median(cs.map(f));
    return {
      name: cs[0]!.groupName,
      strategy: cs[0]!.strategy,
      repetitions: cs.length,
      throughput: med((c) => c.metrics.throughput),
      writeP50: med((c) => c.metrics.ops.write.latency.p50),
      writeP99: med((c) => c.metrics.ops.write.latency.p99),
      readP50: med((c) => c.metrics.ops.read.latency.p50),
      readP99: med((c) => c.metrics.ops.read.latency.p99),
      staleFraction: med((c) => c.metrics.staleness.fraction),
      lagP99: med((c) => c.metrics.replicationLag.lag.p99),
      failedOps: med((c) => failedOps(c.metrics)),
      fallbacks: med((c) => c.metrics.counters.fallbacks ?? 0),
      lostWrites: med((c) => lostWrites(c)),
      writes: med((c) => c.metrics.ops.write.count),
      reads: med((c) => c.metrics.ops.read.count),
      shortfalls: mergeShortfalls(cs.map((c) => shortfalls(c.metrics))),
    };
  });
}

/** Column headers of the summary table (units in the names). */
export const SUMMARY_HEADER = ['case', 'ops/s', 'write p50 ms', 'write p99 ms', 'read p50 ms', 'read p99 ms', 'stale %', 'lag p99 ms', 'failed ops', 'lost writes', 'fallbacks'] as const;

/** A summary row as display strings (the first cell is the user-provided case name). */
export function summaryCells(r: SummaryRow): string[] {
  return [
    markedName(r.repetitions > 1 ? `${r.name} (median of ${r.repetitions})` : r.name, r.shortfalls),
    fmtInt(r.throughput),
    r.writes > 0 ? fmtMs(r.writeP50) : '–',
    r.writes > 0 ? fmtMs(r.writeP99) : '–',
    r.reads > 0 ? fmtMs(r.readP50) : '–',
    r.reads > 0 ? fmtMs(r.readP99) : '–',
    r.reads > 0 ? fmtPct(r.staleFraction) : '–',
    fmtMs(r.lagP99),
    fmtInt(r.failedOps),
    fmtInt(r.lostWrites),
    fmtInt(r.fallbacks),
  ];
}

/** The footnote lines under the summary table: what the mark means and why each marked row measured too little. */
export function summaryFootnotes(rows: readonly SummaryRow[]): string[] {
  return footnotes(rows.map((r) => ({ name: r.repetitions > 1 ? `${r.name} (median of ${r.repetitions})` : r.name, shortfalls: r.shortfalls })));
}

/** At most this many "others" are listed in one finding. */
const MAX_LISTED = 8;

function others(rows: readonly SummaryRow[], text: (r: SummaryRow) => string): Segment[] {
  const out: Segment[] = [];
  rows.slice(0, MAX_LISTED).forEach((r, i) => {
    const t = text(r);
    out.push(i ? '; ' : '', { name: r.name }, t ? ` ${t}` : '');
  });
  if (rows.length > MAX_LISTED) out.push(`; and ${rows.length - MAX_LISTED} more`);
  return out;
}

/**
 * The key findings: who is fastest, what the others cost relative to it, who is stale, what failed.
 * Rankings take only configurations that measured enough (reports/sufficiency.ts); the others are
 * named as not ranked. Facts (failures, lost writes, fallbacks) cover every configuration.
 */
export function keyFindings(model: ReportModel): Finding[] {
  const all = summaryRows(model);
  const rows = all.filter((r) => r.shortfalls.length === 0);
  const unranked = all.filter((r) => r.shortfalls.length > 0);
  const out: Finding[] = [];
  const writers = rows.filter((r) => r.writes > 0);
  if (writers.length > 0) {
    const sorted = [...writers].sort((a, b) => a.writeP99 - b.writeP99);
    const best = sorted[0]!;
    const rest = sorted.slice(1);
    out.push([
      'Lowest write p99: ',
      { name: best.name },
      ` (${fmtMs(best.writeP99)} ms).`,
      ...(rest.length ? [' The others, as multiples of it: ', ...others(rest, (r) => (best.writeP99 > 0 ? fmtRatio(r.writeP99 / best.writeP99) : `${fmtMs(r.writeP99)} ms`)), '.'] : []),
    ]);
  }
  if (rows.length > 1) {
    const sorted = [...rows].sort((a, b) => b.throughput - a.throughput);
    const best = sorted[0]!;
    out.push([
      'Highest throughput: ',
      { name: best.name },
      ` (${fmtInt(best.throughput)} ops/s).`,
      ' The others, as a share of it: ',
      ...others(sorted.slice(1), (r) => (best.throughput > 0 ? fmtRatio(r.throughput / best.throughput) : '–')),
      '.',
    ]);
  }
  const readers = rows.filter((r) => r.reads > 0);
  if (readers.length > 0) {
    const sorted = [...readers].sort((a, b) => b.staleFraction - a.staleFraction);
    const worst = sorted[0]!;
    const fresh = readers.filter((r) => r.staleFraction === 0);
    if (worst.staleFraction > 0) out.push(['Most stale reads: ', { name: worst.name }, ` (${fmtPct(worst.staleFraction)}% of reads).`]);
    if (fresh.length > 0) out.push(['Never stale: ', ...others(fresh, () => ''), '.']);
    else out.push(['Every configuration returned some stale reads.']);
  }
  const lagged = rows.filter((r) => r.lagP99 > 0).sort((a, b) => b.lagP99 - a.lagP99);
  if (lagged.length > 0) out.push(['Largest replication lag p99: ', { name: lagged[0]!.name }, ` (${fmtMs(lagged[0]!.lagP99)} ms).`]);
  if (unranked.length > 0) {
    out.push([rows.length ? `Not ranked, measured too little (${INSUFFICIENT_MARK}): ` : `No configuration measured enough to rank (${INSUFFICIENT_MARK}): `, ...others(unranked, () => ''), '.']);
  }
  const failing = all.filter((r) => r.failedOps > 0).sort((a, b) => b.failedOps - a.failedOps);
  if (failing.length > 0) out.push(['Operations failed or timed out in: ', ...others(failing, (r) => `(${fmtInt(r.failedOps)})`), '.']);
  const losing = all.filter((r) => r.lostWrites > 0).sort((a, b) => b.lostWrites - a.lostWrites);
  if (losing.length > 0) out.push(['Acknowledged writes were lost in: ', ...others(losing, (r) => `(${fmtInt(r.lostWrites)})`), '.']);
  const fellBack = all.filter((r) => r.fallbacks > 0);
  if (fellBack.length > 0) out.push(['Semi-synchronous fallbacks to asynchronous acknowledgement: ', ...others(fellBack, (r) => `(${fmtInt(r.fallbacks)})`), '.']);
  if (model.failed.length > 0) {
    out.push([`${model.failed.length} case${model.failed.length === 1 ? '' : 's'} failed: `, ...model.failed.slice(0, MAX_LISTED).flatMap((c, i): Segment[] => [i ? '; ' : '', { name: c.name }, ` (${c.error.message.split('\n')[0]})`]), '.']);
  }
  return out;
}

/** Header of the load-balance table. */
export const LOAD_HEADER = ['case', 'scheme', 'partitions', 'node ops max/mean', 'node ops CV', 'node keys CV (leaders)', 'hottest partition share', 'keys moved N→N+1', 'keys moved N→N−1'];

/**
 * The load-balance table (one row per case): how evenly operations and keys spread over nodes,
 * the hottest partition's share of operations, and the resize cost of the scheme. Empty when
 * the results carry no load metrics or every case is a single node.
 */
export function loadCells(model: ReportModel): string[][] {
  const rows: string[][] = [];
  for (const c of model.cases) {
    const l = c.metrics.load;
    if (!l || l.perNode.ops.length < 2) continue;
    rows.push([
      c.name,
      l.scheme,
      fmtInt(l.partitions),
      l.nodeOps.maxOverMean.toFixed(2),
      l.nodeOps.cv.toFixed(3),
      l.nodeLeaderKeys.cv.toFixed(3),
      `${fmtPct(l.hottestPartition.share)}% (p${l.hottestPartition.partition})`,
      `${fmtPct(l.resize.grow)}%`,
      l.resize.shrink === null ? '-' : `${fmtPct(l.resize.shrink)}%`,
    ]);
  }
  return rows;
}

/**
 * The summary shared by the terminal table, summary.md and the HTML report: one row per
 * configuration (repetitions folded into their median, a row that measured too little marked and
 * footnoted) and the key findings, as plain data that each format escapes itself.
 */
import { failedOps } from './model.js';
import type { CaseView, ReportModel } from './model.js';
import { NOT_MEASURED, fmtInt, fmtMs, fmtPct, fmtRatio, ifMeasured } from './format.js';
import { median } from './stats.js';
import { INSUFFICIENT_MARK, footnotes, markedName, mergeShortfalls, shortfalls, type Shortfall } from './sufficiency.js';

/** One configuration: its cases (repetitions) and the median of each headline number. */
export interface SummaryRow {
  readonly name: string;
  readonly strategy: string;
  readonly repetitions: number;
  readonly throughput: number;
  /** Offered operations per second (open loop: arrivals; paced closed loop: the target). */
  readonly offered: number;
  /** The clients offer a rate (open loop, or a paced closed loop): saturation means something. */
  readonly paced: boolean;
  /** Repetitions that saturated (achieved < 95% of the offered rate). */
  readonly saturatedRuns: number;
  /** Open-loop clients (arrivals can be dropped at the in-flight cap). */
  readonly openLoop: boolean;
  readonly dropped: number;
  readonly writeP50: number;
  readonly writeP99: number;
  readonly readP50: number;
  readonly readP99: number;
  /** p99 latency and count of the other operation kinds that ran (insert, scan, read-modify-write). */
  readonly kinds: Readonly<Record<string, { readonly count: number; readonly p99: number }>>;
  readonly staleFraction: number;
  /** Reads checked for staleness. */
  readonly staleChecked: number;
  readonly lagP99: number;
  /** (write, follower) pairs the lag was measured over (0: no followers or no writes). */
  readonly lagSamples: number;
  readonly failedOps: number;
  readonly fallbacks: number;
  readonly retransmits: number;
  /** Acknowledged writes lost (NaN when the results do not record durability). */
  readonly lostWrites: number;
  /** Acknowledged writes silently overwritten by a concurrent one, and detected conflicts (0 when not recorded). */
  readonly overwritten: number;
  readonly conflicts: number;
  /** Reads by sessions (closed-loop clients) and the share of them with each session anomaly. */
  readonly sessionReads: number;
  readonly ryw: number;
  readonly monotonic: number;
  readonly prefix: number;
  readonly writes: number;
  readonly reads: number;
  /** Why the configuration measured too little (reports/sufficiency.ts); empty when it measured enough. */
  readonly shortfalls: readonly Shortfall[];
}

/** A piece of a finding: our text, or a (user-provided) name to emphasise. */
export type Segment = string | { readonly name: string };

/** One key finding: a sentence made of segments. */
export type Finding = readonly Segment[];

/** A session anomaly's share of the sessions' reads (0 without sessions). */
function sessionShare(c: CaseView, k: 'readYourWrites' | 'monotonicReads' | 'consistentPrefix'): number {
  const s = (c.metrics as unknown as { sessions?: { reads?: number } & Record<string, number | undefined> }).sessions;
  return s && s.reads ? (s[k] ?? 0) / s.reads : 0;
}

function durabilityCount(c: CaseView, k: 'overwrittenWrites' | 'conflicts'): number {
  const v = (c.metrics as unknown as { durability?: Record<string, unknown> }).durability?.[k];
  return typeof v === 'number' ? v : 0;
}

function lostWrites(c: CaseView): number {
  const v = (c.metrics as unknown as { durability?: { lostWrites?: unknown } }).durability?.lostWrites;
  return typeof v === 'number' ? v : NaN;
}

/** Operation kinds with their own latency column when they ran (reads and writes always have theirs). */
export const EXTRA_KINDS = [
  { kind: 'insert', header: 'insert p99 ms' },
  { kind: 'scan', header: 'scan p99 ms' },
  { kind: 'read-modify-write', header: 'rmw p99 ms' },
] as const;

function clientsOf(c: CaseView): { model?: string; target?: number } {
  return ((c.config.workload as { clients?: { model?: string; target?: number } } | undefined)?.clients ?? {});
}

/** Folds repetitions: one row per configuration, in run order. */
export function summaryRows(model: Pick<ReportModel, 'cases'>): SummaryRow[] {
  const groups = new Map<string, CaseView[]>();
  for (const c of model.cases) groups.set(c.group, [...(groups.get(c.group) ?? []), c]);
  return [...groups.values()].map((cs) => {
    const med = (f: (c: CaseView) => number) => median(cs.map(f));
    const clients = clientsOf(cs[0]!);
    const kinds: Record<string, { count: number; p99: number }> = {};
    for (const { kind } of EXTRA_KINDS) {
      if (!cs.some((c) => c.metrics.ops.byKind?.[kind])) continue;
      kinds[kind] = { count: med((c) => c.metrics.ops.byKind?.[kind]?.count ?? 0), p99: med((c) => c.metrics.ops.byKind?.[kind]?.latency.p99 ?? NaN) };
    }
    return {
      name: cs[0]!.groupName,
      strategy: cs[0]!.strategy,
      repetitions: cs.length,
      throughput: med((c) => c.metrics.throughput),
      offered: med((c) => c.metrics.offered),
      paced: clients.model === 'open' || (typeof clients.target === 'number' && clients.target > 0),
      saturatedRuns: cs.filter((c) => c.metrics.saturated).length,
      openLoop: clients.model === 'open',
      dropped: med((c) => c.metrics.dropped ?? 0),
      writeP50: med((c) => c.metrics.ops.write.latency.p50),
      writeP99: med((c) => c.metrics.ops.write.latency.p99),
      readP50: med((c) => c.metrics.ops.read.latency.p50),
      readP99: med((c) => c.metrics.ops.read.latency.p99),
      kinds,
      staleFraction: med((c) => c.metrics.staleness.fraction),
      staleChecked: med((c) => c.metrics.staleness.reads),
      lagP99: med((c) => c.metrics.replicationLag.lag.p99),
      lagSamples: med((c) => c.metrics.replicationLag.lag.count),
      failedOps: med((c) => failedOps(c.metrics)),
      fallbacks: med((c) => c.metrics.counters.fallbacks ?? 0),
      retransmits: med((c) => c.metrics.counters.retransmits ?? 0),
      lostWrites: med((c) => lostWrites(c)),
      overwritten: med((c) => durabilityCount(c, 'overwrittenWrites')),
      conflicts: med((c) => durabilityCount(c, 'conflicts')),
      sessionReads: med((c) => (c.metrics as unknown as { sessions?: { reads?: number } }).sessions?.reads ?? 0),
      ryw: med((c) => sessionShare(c, 'readYourWrites')),
      monotonic: med((c) => sessionShare(c, 'monotonicReads')),
      prefix: med((c) => sessionShare(c, 'consistentPrefix')),
      writes: med((c) => c.metrics.ops.write.count),
      reads: med((c) => c.metrics.ops.read.count),
      shortfalls: mergeShortfalls(cs.map((c) => shortfalls(c.metrics))),
    };
  });
}

/** A column of the summary table: its header (a GLOSSARY term), whether it is shown for these rows, and its cell. */
interface SummaryColumn {
  readonly header: string;
  readonly shown: (rows: readonly SummaryRow[]) => boolean;
  readonly cell: (r: SummaryRow) => string;
}

const always = () => true;
/** The row's name as the case column shows it (before the mark). */
const caseLabel = (r: SummaryRow) => (r.repetitions > 1 ? `${r.name} (median of ${r.repetitions})` : r.name);
const saturation = (r: SummaryRow) => (r.saturatedRuns === 0 ? 'no' : r.saturatedRuns === r.repetitions ? 'yes' : `${r.saturatedRuns} of ${r.repetitions}`);

/** The summary columns in table order; optional ones appear when some row has the quantity. */
const COLUMNS: readonly SummaryColumn[] = [
  { header: 'case', shown: always, cell: (r) => markedName(caseLabel(r), r.shortfalls) },
  { header: 'ops/s', shown: always, cell: (r) => fmtInt(r.throughput) },
  { header: 'offered ops/s', shown: (rows) => rows.some((r) => r.paced), cell: (r) => ifMeasured(r.paced, r.offered, fmtInt) },
  { header: 'saturated', shown: (rows) => rows.some((r) => r.paced), cell: (r) => ifMeasured(r.paced, r, saturation) },
  { header: 'dropped', shown: (rows) => rows.some((r) => r.openLoop), cell: (r) => ifMeasured(r.openLoop, r.dropped, fmtInt) },
  { header: 'write p50 ms', shown: always, cell: (r) => ifMeasured(r.writes > 0, r.writeP50, fmtMs) },
  { header: 'write p99 ms', shown: always, cell: (r) => ifMeasured(r.writes > 0, r.writeP99, fmtMs) },
  { header: 'read p50 ms', shown: always, cell: (r) => ifMeasured(r.reads > 0, r.readP50, fmtMs) },
  { header: 'read p99 ms', shown: always, cell: (r) => ifMeasured(r.reads > 0, r.readP99, fmtMs) },
  ...EXTRA_KINDS.map(({ kind, header }): SummaryColumn => ({
    header,
    shown: (rows) => rows.some((r) => (r.kinds[kind]?.count ?? 0) > 0),
    cell: (r) => ifMeasured((r.kinds[kind]?.count ?? 0) > 0, r.kinds[kind]?.p99 ?? NaN, fmtMs),
  })),
  { header: 'stale %', shown: always, cell: (r) => ifMeasured(r.staleChecked > 0, r.staleFraction, fmtPct) },
  { header: 'ryw %', shown: (rows) => rows.some((r) => r.sessionReads > 0), cell: (r) => ifMeasured(r.sessionReads > 0, r.ryw, fmtPct) },
  { header: 'mono %', shown: (rows) => rows.some((r) => r.sessionReads > 0), cell: (r) => ifMeasured(r.sessionReads > 0, r.monotonic, fmtPct) },
  { header: 'prefix %', shown: (rows) => rows.some((r) => r.sessionReads > 0), cell: (r) => ifMeasured(r.sessionReads > 0, r.prefix, fmtPct) },
  { header: 'lag p99 ms', shown: always, cell: (r) => ifMeasured(r.lagSamples > 0, r.lagP99, fmtMs) },
  { header: 'failed ops', shown: always, cell: (r) => fmtInt(r.failedOps) },
  { header: 'lost writes', shown: always, cell: (r) => fmtInt(r.lostWrites) },
  { header: 'overwritten', shown: (rows) => rows.some((r) => r.overwritten > 0), cell: (r) => fmtInt(r.overwritten) },
  { header: 'conflicts', shown: (rows) => rows.some((r) => r.conflicts > 0), cell: (r) => fmtInt(r.conflicts) },
  { header: 'fallbacks', shown: always, cell: (r) => fmtInt(r.fallbacks) },
  { header: 'retransmits', shown: always, cell: (r) => fmtInt(r.retransmits) },
];

/** Every header the summary table can show (each has a GLOSSARY entry). */
export const SUMMARY_HEADERS: readonly string[] = COLUMNS.map((c) => c.header);

/**
 * A summary table as display strings: the header and one row per configuration, then one per
 * failed case, and the footnotes explaining rows marked as measured too little (user-provided
 * names unescaped).
 */
export interface SummaryGrid {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** What the mark means, then one line per marked row (reports/sufficiency.ts); empty when no row is marked. */
  readonly footnotes: readonly string[];
}

/** The summary table shared by the terminal, summary.md and index.html. */
export function summaryGrid(model: Pick<ReportModel, 'cases' | 'failed'>): SummaryGrid {
  const rows = summaryRows(model);
  const columns = COLUMNS.filter((c) => c.shown(rows));
  const cells = rows.map((r) => columns.map((c) => c.cell(r)));
  for (const f of model.failed) cells.push([f.name, f.status === 'timed-out' ? 'TIMED OUT' : 'FAILED', ...columns.slice(2).map(() => '')]);
  const notes = footnotes(rows.map((r) => ({ name: caseLabel(r), shortfalls: r.shortfalls })));
  return { header: columns.map((c) => c.header), rows: cells, footnotes: notes };
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
      l.resize.shrink === null ? NOT_MEASURED : `${fmtPct(l.resize.shrink)}%`,
    ]);
  }
  return rows;
}

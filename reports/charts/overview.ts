/**
 * What each case costs and what it buys, in one chart: small bar panels side by side with one bar
 * per case (coloured by strategy): write p99, read p99, stale reads, session anomalies (all three
 * kinds summed), availability during the fault windows, and lost plus silently overwritten
 * writes. Shown when at least two strategies ran.
 */
import type { CaseView, ReportModel } from '../model.js';
import { SIZE, r, strategyColor, topLevel } from './common.js';
import type { ChartBuild, ChartModule, VlSpec } from './types.js';

interface Panel {
  readonly title: string;
  readonly value: (c: CaseView) => number | null;
}

const sessions = (c: CaseView): number | null => {
  const s = (c.metrics as unknown as { sessions?: { reads: number; readYourWrites: number; monotonicReads: number; consistentPrefix: number } }).sessions;
  return s && s.reads > 0 ? ((s.readYourWrites + s.monotonicReads + s.consistentPrefix) / s.reads) * 100 : null;
};

const faultAvailability = (c: CaseView): number | null => {
  const ws = c.metrics.faults.windows;
  let ok = 0;
  let all = 0;
  for (const w of ws) {
    ok += w.readsOk + w.writesOk;
    all += w.readsOk + w.writesOk + w.readsFailed + w.writesFailed;
  }
  return all > 0 ? (ok / all) * 100 : null;
};

const durability = (c: CaseView): number | null => {
  const d = c.metrics.durability as { lostWrites: number | null; overwrittenWrites?: number };
  return d.lostWrites === null ? null : d.lostWrites + (d.overwrittenWrites ?? 0);
};

const PANELS: readonly Panel[] = [
  { title: 'write p99 (ms)', value: (c) => (c.metrics.ops.write.count > 0 ? c.metrics.ops.write.latency.p99 / 1000 : null) },
  { title: 'read p99 (ms)', value: (c) => (c.metrics.ops.read.count > 0 ? c.metrics.ops.read.latency.p99 / 1000 : null) },
  { title: 'stale reads (%)', value: (c) => (c.metrics.staleness.reads > 0 ? c.metrics.staleness.fraction * 100 : null) },
  { title: 'session anomalies (% of reads)', value: sessions },
  { title: 'availability in faults (%)', value: faultAvailability },
  { title: 'lost + overwritten writes', value: durability },
];

function build(model: ReportModel): ChartBuild {
  const cases = model.cases;
  if (model.strategies.length < 2) return { skipped: 'fewer than two strategies ran' };
  const names = cases.map((c) => c.name);
  const panels = PANELS.map((p) => ({ p, values: cases.map((c) => ({ case_name: c.name, strategy: c.strategy, value: p.value(c) })) })).filter(({ values }) => values.some((v) => v.value !== null));
  const width = Math.max(120, Math.min(220, names.length * 22));
  const hconcat: VlSpec[] = panels.map(({ p, values }) => ({
    title: { text: p.title, fontSize: 11 },
    width,
    height: SIZE.small.height,
    data: { values: values.filter((v) => v.value !== null).map((v) => ({ ...v, value: r(v.value!) })) },
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'case_name', type: 'nominal', title: null, scale: { domain: names }, sort: null, axis: { labelAngle: -50, labelAlign: 'right', labelLimit: 0 } },
      y: { field: 'value', type: 'quantitative', title: null },
      color: strategyColor(model, false),
      tooltip: [{ field: 'case_name', title: 'case' }, { field: 'value', title: p.title }],
    },
  }));
  // Three panels a row: the cost, then consistency, then availability and durability.
  const rows: VlSpec[] = [];
  for (let i = 0; i < hconcat.length; i += 3) rows.push({ hconcat: hconcat.slice(i, i + 3) });
  return { spec: topLevel('What each strategy costs and what it buys', 'one bar per case; lower is better except availability', { vconcat: rows, resolve: { scale: { color: 'shared' } } }) };
}

/** The overview chart. */
export const overview: ChartModule = {
  name: 'overview',
  title: 'What each strategy costs and what it buys',
  description: 'One panel per question, one bar per case: the write and read p99 (the cost), stale reads and session anomalies (consistency given up), availability while the scheduled faults were active, and acknowledged writes lost or silently overwritten (durability given up).',
  build,
};

/**
 * The trade-off chart: write p99 latency (the cost) against the stale-read fraction (what
 * consistency is given up), one point per case; colour is the strategy, shape the other swept
 * settings (fault schedules, partitioning, …). Scales have explicit domains so that point labels
 * can be placed in pixels where they overlap nothing (label-placement.ts); a label with no free
 * spot is left out, never cut short.
 */
import { variantLabel, type CaseView, type ReportModel } from '../model.js';
import { SIZE, logScale, logTicks, msLog, r, spanScale, strategyColor, topLevel } from './common.js';
import { placeLabels } from './label-placement.js';
import type { ChartBuild, ChartModule, VlSpec } from './types.js';

/** Vega's point shapes: at most this many variants are told apart by shape. */
const SHAPES = ['circle', 'square', 'triangle-up', 'diamond', 'cross', 'triangle-down', 'triangle-right', 'triangle-left'];
const FONT_SIZE = 10;
const POINT_SIZE = 90;

/** Maps a value to [0, 1] along a scale spec with an explicit domain (linear, log or symlog). */
function unit(scale: VlSpec, domain: readonly [number, number]): (v: number) => number {
  const [d0, d1] = domain;
  const f = scale.type === 'log' ? Math.log10 : scale.type === 'symlog' ? (v: number) => Math.sign(v) * Math.log1p(Math.abs(v / (scale.constant as number))) : (v: number) => v;
  const a = f(d0);
  const b = f(d1);
  return (v) => (b === a ? 0 : (f(v) - a) / (b - a));
}

/** The shape legend: the swept settings other than the strategy (their names as the title; values alone when one setting varies). */
function shapes(cases: readonly CaseView[]): { field: string; title: string; of: (c: CaseView) => string } | undefined {
  const paths = new Set(cases.flatMap((c) => c.swept.map((s) => s.path)));
  if (paths.size === 0) return undefined;
  const one = paths.size === 1;
  const of = (c: CaseView) => (one ? (c.swept[0]?.value ?? '') : variantLabel(c));
  const distinct = new Set(cases.map(of));
  if (distinct.size < 2 || distinct.size > SHAPES.length) return undefined;
  return { field: 'variant', title: [...new Set(cases.flatMap((c) => c.swept.map((s) => s.label)))].join(', '), of };
}

function build(model: ReportModel): ChartBuild {
  const cases = model.cases.filter((c) => c.metrics.ops.write.count > 0 && c.metrics.staleness.reads > 0);
  if (cases.length === 0) return { skipped: 'no case measured both writes and reads' };
  const shape = shapes(cases);
  const rows = cases.map((c) => ({
    case_name: c.name,
    strategy: c.strategy,
    variant: shape ? shape.of(c) : '',
    stale_pct: r(c.metrics.staleness.fraction * 100),
    write_p99_ms: r(msLog(c.metrics.ops.write.latency.p99)),
  }));
  const { width, height } = SIZE;
  // x: stale reads; symlog when the values span decades, otherwise linear from 0.
  const span = spanScale(rows.map((v) => v.stale_pct), 0.01);
  const maxStale = Math.max(...rows.map((v) => v.stale_pct));
  const xScale: VlSpec = span.scale.type === 'symlog' ? span.scale : { type: 'linear', domain: [0, maxStale > 0 ? +(maxStale * 1.1).toPrecision(2) : 1], nice: false };
  // y: write p99; log when the values span more than a decade, otherwise linear from 0.
  const p99s = rows.map((v) => v.write_p99_ms);
  const decades = Math.max(...p99s) / Math.min(...p99s) > 10;
  const yScale: VlSpec = decades ? logScale(p99s) : { type: 'linear', domain: [0, +(Math.max(...p99s) * 1.15).toPrecision(2)], nice: false };
  const ux = unit(xScale, xScale.domain as [number, number]);
  const uy = unit(yScale, yScale.domain as [number, number]);
  const placed = placeLabels(
    rows.map((v) => ({ x: ux(v.stale_pct) * width, y: (1 - uy(v.write_p99_ms)) * height, text: v.case_name })),
    { width, height, fontSize: FONT_SIZE, pointRadius: Math.sqrt(POINT_SIZE / Math.PI) + 1 },
  );
  const labels = rows.flatMap((v, i) => {
    const p = placed[i];
    return p ? [{ label: v.case_name, label_x: r(p.x, 6), label_y: r(p.y, 6), label_align: p.align, point_x: r(ux(v.stale_pct) * width, 6), point_y: r((1 - uy(v.write_p99_ms)) * height, 6) }] : [];
  });
  // A label moved up or down from its point gets a thin line back to it.
  const leaders = labels.filter((l) => Math.abs(l.label_y - l.point_y) > 1 && l.label_align !== 'center');
  const x = { field: 'stale_pct', type: 'quantitative', title: `stale reads (% of reads${xScale.type === 'symlog' ? ', symlog scale' : ''})`, scale: xScale, axis: span.axis };
  const yDomain = yScale.domain as [number, number];
  const y = { field: 'write_p99_ms', type: 'quantitative', title: `write latency p99 (ms${decades ? ', log scale' : ''})`, scale: yScale, ...(decades ? { axis: { values: logTicks(yDomain[0], yDomain[1]), format: '~g' } } : {}) };
  const layer: VlSpec[] = [
    {
      data: { values: rows },
      mark: { type: 'point', filled: true, size: POINT_SIZE, opacity: 0.9 },
      encoding: {
        x,
        y,
        color: strategyColor(model),
        ...(shape ? { shape: { field: 'variant', type: 'nominal', title: shape.title, scale: { domain: [...new Set(rows.map((v) => v.variant))], range: SHAPES } } } : {}),
      },
    },
  ];
  if (leaders.length) {
    layer.push({
      data: { values: leaders.map((l) => ({ ...l, end_x: l.label_align === 'left' ? l.label_x - 1 : l.label_x + 1 })) },
      mark: { type: 'rule', color: '#999', strokeWidth: 0.7 },
      encoding: {
        x: { field: 'point_x', type: 'quantitative', scale: null },
        y: { field: 'point_y', type: 'quantitative', scale: null },
        x2: { field: 'end_x' },
        y2: { field: 'label_y' },
      },
    });
  }
  // One text layer per alignment (alignment is a mark property in Vega-Lite, not a channel); pixel positions, no scale.
  for (const align of ['left', 'right', 'center'] as const) {
    if (!labels.some((l) => l.label_align === align)) continue;
    layer.push({
      data: { values: labels.filter((l) => l.label_align === align) },
      mark: { type: 'text', align, baseline: 'middle', fontSize: FONT_SIZE, color: '#333' },
      encoding: {
        x: { field: 'label_x', type: 'quantitative', scale: null },
        y: { field: 'label_y', type: 'quantitative', scale: null },
        text: { field: 'label', type: 'nominal' },
      },
    });
  }
  const left = rows.length - labels.length;
  const subtitle = [
    'one point per case; bottom-left is best (fast writes and fresh reads)',
    shape ? `shape: ${shape.title}` : '',
    left > 0 ? `${left} of ${rows.length} points unlabelled (no free space; see the legend and the summary table)` : '',
  ].filter(Boolean);
  return { spec: topLevel('Cost against benefit: write p99 vs stale reads', subtitle.join('; '), { width, height, layer }) };
}

/** Write p99 against stale-read fraction. */
export const tradeoff: ChartModule = {
  name: 'tradeoff',
  title: 'Trade-off: write p99 latency vs stale-read fraction',
  description: 'What each configuration costs (99th-percentile write latency) against what it gives up (the share of reads that returned stale data). Points near the bottom-left are both fast and fresh. Colour is the strategy, shape the other settings the suite sweeps (fault schedules, partitioning, …).',
  build,
};

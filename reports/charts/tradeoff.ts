/** The trade-off chart: write p99 latency (the cost) against the stale-read fraction (what consistency is given up), one point per case. */
import { variantLabel, type ReportModel } from '../model.js';
import { SIZE, r, spanScale, strategyColor, topLevel } from './common.js';
import type { ChartBuild, ChartModule, VlSpec } from './types.js';

/** Cases are labelled next to their point only up to this many (beyond, the legend and the table say it). */
const MAX_LABELS = 12;

function build(model: ReportModel): ChartBuild {
  const cases = model.cases.filter((c) => c.metrics.ops.write.count > 0 && c.metrics.staleness.reads > 0);
  if (cases.length === 0) return { skipped: 'no case measured both writes and reads' };
  const values = cases.map((c) => ({
    case_name: c.name,
    strategy: c.strategy,
    partitioning: c.partitioning,
    variant: variantLabel(c),
    stale_pct: r(c.metrics.staleness.fraction * 100),
    write_p99_ms: r(c.metrics.ops.write.latency.p99 / 1000),
  }));
  const byPartitioning = new Set(cases.map((c) => c.partitioning)).size > 1;
  const span = spanScale(values.map((v) => v.stale_pct), 0.01);
  const x = { field: 'stale_pct', type: 'quantitative', title: `stale reads (% of reads${span.scale.type === 'symlog' ? ', symlog scale' : ''})`, scale: span.scale, axis: span.axis };
  const y = { field: 'write_p99_ms', type: 'quantitative', title: 'write latency p99 (ms)', scale: { zero: true } };
  const layer: VlSpec[] = [
    {
      mark: { type: 'point', filled: true, size: 90, opacity: 0.9 },
      encoding: {
        x,
        y,
        color: strategyColor(model),
        ...(byPartitioning ? { shape: { field: 'partitioning', type: 'nominal', title: 'partitioning' } } : {}),
      },
    },
  ];
  if (cases.length <= MAX_LABELS) {
    layer.push({
      mark: { type: 'text', align: 'left', baseline: 'middle', dx: 8, fontSize: 10, color: '#333', limit: 220 },
      encoding: { x, y, text: { field: 'case_name', type: 'nominal' } },
    });
  }
  return {
    spec: topLevel('Cost against benefit: write p99 vs stale reads', 'one point per case; bottom-left is best (fast writes and fresh reads)', {
      width: SIZE.width,
      height: SIZE.height,
      data: { values },
      layer,
    }),
  };
}

/** Write p99 against stale-read fraction. */
export const tradeoff: ChartModule = {
  name: 'tradeoff',
  title: 'Trade-off: write p99 latency vs stale-read fraction',
  description: 'What each configuration costs (99th-percentile write latency) against what it gives up (the share of reads that returned stale data). Points near the bottom-left are both fast and fresh.',
  build,
};

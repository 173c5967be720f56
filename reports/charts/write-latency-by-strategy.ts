/** p50 and p99 write latency per strategy, grouped bars; faceted by partitioning scheme (and other swept values) when swept. */
import { variantLabel, type ReportModel } from '../model.js';
import { SIZE, r, strategyColor, topLevel } from './common.js';
import type { ChartModule, ChartBuild, VlSpec } from './types.js';

const STATS = ['p50', 'p99'] as const;

function build(model: ReportModel): ChartBuild {
  const cases = model.cases.filter((c) => c.metrics.ops.write.count > 0);
  if (cases.length === 0) return { skipped: 'no successful writes were measured' };
  const values = cases.flatMap((c) =>
    STATS.map((stat) => ({
      case_name: c.name,
      strategy: c.strategy,
      partitioning: c.partitioning,
      partitioning_rank: model.partitionings.indexOf(c.partitioning),
      variant: variantLabel(c, ['partitioning']) || 'all',
      variant_rank: c.index,
      stat,
      latency_ms: r(c.metrics.ops.write.latency[stat] / 1000),
    })),
  );
  const byPartitioning = new Set(cases.map((c) => c.partitioning)).size > 1;
  const variants = [...new Set(values.map((v) => v.variant))];
  const byVariant = variants.length > 1;
  const strategies = model.strategies.filter((s) => cases.some((c) => c.strategy === s));
  const width = Math.max(120, Math.min(SIZE.width, strategies.length * 80));
  const x = { field: 'strategy', type: 'nominal', title: 'strategy', scale: { domain: strategies }, axis: { labelAngle: strategies.length > 3 || strategies.some((s) => s.length > 10) ? -30 : 0, labelLimit: 180 } };
  const y = { field: 'latency_ms', type: 'quantitative', aggregate: 'mean', title: 'write latency (ms)' };
  const xOffset = { field: 'stat', type: 'nominal', scale: { domain: [...STATS] } };
  const layer: VlSpec[] = [
    {
      mark: { type: 'bar' },
      encoding: {
        x,
        xOffset,
        y,
        color: strategyColor(model),
        opacity: { field: 'stat', type: 'ordinal', title: 'percentile', scale: { domain: [...STATS], range: [0.45, 1] } },
      },
    },
    {
      mark: { type: 'text', dy: -5, fontSize: 9, color: '#333' },
      encoding: { x, xOffset, y, text: { field: 'stat', type: 'nominal' } },
    },
  ];
  const subtitle = 'mean over repetitions; lighter bar p50, darker bar p99; lower is better';
  const title = 'Write latency p50 / p99 by strategy';
  if (!byPartitioning && !byVariant) return { spec: topLevel(title, subtitle, { width, height: SIZE.height, data: { values }, layer }) };
  const facet: VlSpec = {};
  if (byPartitioning) facet.column = { field: 'partitioning', type: 'nominal', title: 'partitioning', sort: { field: 'partitioning_rank', op: 'min' } };
  if (byVariant) facet.row = { field: 'variant', type: 'nominal', title: null, header: { labelAngle: 0, labelAlign: 'left' }, sort: { field: 'variant_rank', op: 'min' } };
  return {
    spec: topLevel(title, subtitle, {
      data: { values },
      facet,
      spec: { width, height: byVariant ? SIZE.small.height : SIZE.height, layer },
      resolve: { scale: { y: 'independent' } },
    }),
  };
}

/** Grouped p50/p99 write latency bars. */
export const writeLatencyByStrategy: ChartModule = {
  name: 'write-latency-by-strategy',
  title: 'Write latency p50 / p99 by strategy',
  description: 'Median and 99th-percentile write latency per strategy (mean over repetitions), split by partitioning scheme and other swept settings when they vary.',
  build,
};

/** p50 and p99 write latency per strategy, grouped bars; faceted by partitioning scheme (and other swept values) when swept. */
import { variantLabel, type ReportModel } from '../model.js';
import { SIZE, r, spanScale, strategyColor, topLevel } from './common.js';
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
  const strategies = model.strategies.filter((s) => cases.some((c) => c.strategy === s));
  let variants = [...new Set(values.map((v) => v.variant))];
  // One strategy: the variants (every swept setting, partitioning included) go along the x axis instead of into facets.
  const alongX = strategies.length === 1 && new Set(cases.map((c) => variantLabel(c) || 'all')).size > 1;
  if (alongX) {
    for (const v of values) v.variant = variantLabel(cases.find((c) => c.name === v.case_name)!) || 'all';
    variants = [...new Set(values.map((v) => v.variant))];
  }
  const byPartitioning = !alongX && new Set(cases.map((c) => c.partitioning)).size > 1;
  const byVariant = !alongX && variants.length > 1;
  const categories = alongX ? variants : strategies;
  const longest = Math.max(...categories.map((s) => s.length));
  const width = Math.max(120, Math.min(alongX ? 900 : SIZE.width, categories.length * (alongX ? 34 : 80)));
  const x = alongX
    ? { field: 'variant', type: 'nominal', title: variantTitle(cases), scale: { domain: variants }, sort: null, axis: { labelAngle: -40, labelAlign: 'right' } }
    : { field: 'strategy', type: 'nominal', title: 'strategy', scale: { domain: strategies }, axis: { labelAngle: strategies.length > 3 || longest > 10 ? -30 : 0 } };
  // Latencies spanning decades (0.2 ms next to 900 ms) get a symlog axis, so the short bars stay visible.
  const latencies = values.map((v) => v.latency_ms);
  const minPos = Math.min(...latencies.filter((l) => l > 0));
  const span = spanScale(latencies, Number.isFinite(minPos) ? 10 ** Math.floor(Math.log10(minPos)) : 1);
  const symlog = span.scale.type === 'symlog';
  const y = { field: 'latency_ms', type: 'quantitative', aggregate: 'mean', title: `write latency (ms${symlog ? ', symlog scale' : ''})`, ...(symlog ? { scale: span.scale, axis: span.axis } : {}) };
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
  ];
  // "p50" / "p99" over each bar while there is room for them (the legend says it too).
  if (categories.length <= 8) layer.push({ mark: { type: 'text', dy: -5, fontSize: 9, color: '#333' }, encoding: { x, xOffset, y, text: { field: 'stat', type: 'nominal' } } });
  const subtitle = 'mean over repetitions; lighter bar p50, darker bar p99; lower is better';
  const title = `Write latency p50 / p99 by ${alongX ? x.title : 'strategy'}`;
  if (!byPartitioning && !byVariant) return { spec: topLevel(title, subtitle, { width, height: SIZE.height, data: { values }, layer }) };
  const facet: VlSpec = {};
  if (byPartitioning) facet.column = { field: 'partitioning', type: 'nominal', title: 'partitioning', sort: { field: 'partitioning_rank', op: 'min' } };
  if (byVariant) facet.row = { field: 'variant', type: 'nominal', title: null, header: { labelAngle: 0, labelAlign: 'left' }, sort: { field: 'variant_rank', op: 'min' } };
  return {
    spec: topLevel(title, subtitle, {
      data: { values },
      facet,
      spec: { width, height: byVariant ? SIZE.small.height : SIZE.height, layer },
      // A shared symlog axis keeps facets comparable; linear axes adapt to each facet.
      resolve: { scale: { y: symlog ? 'shared' : 'independent' } },
    }),
  };
}

/** The swept settings' names, e.g. `keys, nodes, workers`. */
function variantTitle(cases: readonly { swept: readonly { label: string }[] }[]): string {
  return [...new Set(cases.flatMap((c) => c.swept.map((s) => s.label)))].join(', ') || 'variant';
}

/** Grouped p50/p99 write latency bars. */
export const writeLatencyByStrategy: ChartModule = {
  name: 'write-latency-by-strategy',
  title: 'Write latency p50 / p99 by strategy',
  description: 'Median and 99th-percentile write latency per strategy (mean over repetitions), split by partitioning scheme and other swept settings when they vary.',
  build,
};

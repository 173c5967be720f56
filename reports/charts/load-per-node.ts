/** Operations per node for each partitioning scheme (when the run recorded per-node load). */
import type { ReportModel } from '../model.js';
import { r, strategyColor, topLevel } from './common.js';
import { perNodeLoad } from './extras.js';
import type { ChartBuild, ChartModule } from './types.js';

const MEASURES = ['client operations', 'including replicated writes'] as const;

function build(model: ReportModel): ChartBuild {
  const values = model.cases.flatMap((c) => {
    const secs = c.metrics.measuredSeconds > 0 ? c.metrics.measuredSeconds : 1;
    return perNodeLoad(c.metrics).flatMap((n, i) => {
      const base = { strategy: c.strategy, partitioning: c.partitioning, partitioning_rank: model.partitionings.indexOf(c.partitioning), node: n.node, node_rank: i };
      const rows: (typeof base & { measure: string; measure_rank: number; ops_s: number })[] = [{ ...base, measure: MEASURES[0], measure_rank: 0, ops_s: r(n.ops / secs) }];
      if (n.replicaOps !== null) rows.push({ ...base, measure: MEASURES[1], measure_rank: 1, ops_s: r(n.replicaOps / secs) });
      return rows;
    });
  });
  if (values.length === 0) return { skipped: 'per-node load was not recorded' };
  const nodes = new Set(values.map((v) => v.node)).size;
  const strategies = new Set(values.map((v) => v.strategy)).size;
  const measures = new Set(values.map((v) => v.measure)).size;
  return {
    spec: topLevel('Load per node', 'operations per second each node handled (mean over cases), per partitioning scheme; even bars = balanced', {
      data: { values },
      facet: {
        row: { field: 'partitioning', type: 'nominal', title: 'partitioning', sort: { field: 'partitioning_rank', op: 'min' } },
        ...(measures > 1 ? { column: { field: 'measure', type: 'nominal', title: null, sort: { field: 'measure_rank', op: 'min' } } } : {}),
      },
      spec: {
        width: Math.min(720, Math.max(140, nodes * Math.max(22, strategies * 12))),
        height: 140,
        mark: { type: 'bar' },
        encoding: {
          x: { field: 'node', type: 'nominal', title: 'node', sort: { field: 'node_rank', op: 'min' }, axis: { labelAngle: 0 } },
          xOffset: { field: 'strategy', type: 'nominal', scale: { domain: [...model.strategies] } },
          y: { field: 'ops_s', type: 'quantitative', aggregate: 'mean', title: 'operations per second' },
          color: strategyColor(model),
        },
      },
    }),
  };
}

/** Per-node load bars, faceted by partitioning scheme. */
export const loadPerNode: ChartModule = {
  name: 'load-per-node',
  title: 'Load per node',
  description: 'Operations per second handled by each node for each partitioning scheme: client operations (leaders, and followers serving reads) and, beside them, including the replicated writes every replica applies. Uneven bars show hot nodes.',
  build,
};

/** Achieved throughput and write p99 against offered load, when the open-loop arrival rate is swept (the saturation knee). */
import { variantLabel, type ReportModel } from '../model.js';
import { SIZE, logScale, r, strategyColor, topLevel } from './common.js';
import type { ChartBuild, ChartModule } from './types.js';

const RATE_PATH = 'workload.clients.rate';

function build(model: ReportModel): ChartBuild {
  const cases = model.cases.filter((c) => c.rate !== null);
  const rates = new Set(cases.map((c) => c.rate));
  if (rates.size < 2) return { skipped: 'the open-loop arrival rate is not swept' };
  const values = cases.map((c) => {
    const rest = variantLabel(c, [RATE_PATH]);
    return {
      series: `${c.strategy} | ${rest} | rep ${c.repetition}`,
      case_name: c.name,
      strategy: c.strategy,
      offered_ops_s: c.rate!,
      achieved_ops_s: r(c.metrics.throughput),
      write_p99_ms: c.metrics.ops.write.count > 0 ? r(Math.max(c.metrics.ops.write.latency.p99, 1) / 1000) : null,
    };
  });
  const maxRate = Math.max(...values.map((v) => v.offered_ops_s));
  const x = { field: 'offered_ops_s', type: 'quantitative', title: 'offered load (ops/s)' };
  const half = { width: Math.round(SIZE.width * 0.75), height: SIZE.height };
  const lines = { type: 'line', point: true };
  return {
    spec: topLevel('Throughput and latency against offered load', 'open-loop arrivals; where achieved throughput leaves the diagonal and latency climbs, the system saturates', {
      data: { values },
      hconcat: [
        {
          ...half,
          layer: [
            {
              data: { values: [{ offered_ops_s: 0, achieved_ops_s: 0 }, { offered_ops_s: maxRate, achieved_ops_s: maxRate }] },
              mark: { type: 'line', strokeDash: [4, 4], color: '#999', strokeWidth: 1 },
              encoding: { x, y: { field: 'achieved_ops_s', type: 'quantitative' } },
            },
            {
              mark: lines,
              encoding: {
                x,
                y: { field: 'achieved_ops_s', type: 'quantitative', title: 'achieved throughput (ops/s)' },
                color: strategyColor(model),
                detail: { field: 'series', type: 'nominal' },
              },
            },
          ],
        },
        {
          ...half,
          transform: [{ filter: { field: 'write_p99_ms', valid: true } }],
          mark: lines,
          encoding: {
            x,
            y: { field: 'write_p99_ms', type: 'quantitative', title: 'write latency p99 (ms, log scale)', scale: logScale(values.map((v) => v.write_p99_ms ?? 0)) },
            color: strategyColor(model),
            detail: { field: 'series', type: 'nominal' },
          },
        },
      ],
    }),
  };
}

/** Throughput vs offered load (open-loop rate sweeps only). */
export const throughputVsLoad: ChartModule = {
  name: 'throughput-vs-offered-load',
  title: 'Throughput vs offered load',
  description: 'Achieved throughput (left; the dashed diagonal is achieved = offered) and write p99 latency (right) as the open-loop arrival rate grows. The knee is where the strategy saturates.',
  build,
};

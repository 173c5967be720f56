/** t-visibility curves: P(a read issued t after a commit sees that write), one line per case. */
import { variantLabel, type ReportModel } from '../model.js';
import { SIZE, lineStyle, r, symlogTicks, topLevel } from './common.js';
import type { ChartBuild, ChartModule } from './types.js';

function build(model: ReportModel): ChartBuild {
  const cases = model.cases.filter((c) => c.metrics.visibility.points.length > 0 && c.metrics.staleness.reads > 0);
  if (cases.length === 0) return { skipped: 'no reads, so no visibility was measured' };
  const values = cases.flatMap((c) => {
    const variant = variantLabel(c);
    return c.metrics.visibility.points
      .filter((p) => Number.isFinite(p.p))
      .map((p) => ({ case_key: `${c.index}`, case_name: c.name, strategy: c.strategy, variant, t_ms: r(p.t_us / 1000), p_visible: r(p.p) }));
  });
  if (values.length === 0) return { skipped: 'no visibility points were measured' };
  const ticks = symlogTicks(Math.max(...values.map((v) => v.t_ms)), 0.1);
  const style = lineStyle(model, cases.map((c) => variantLabel(c)));
  const encoding = {
    x: { field: 't_ms', type: 'quantitative', title: 'time after commit (ms, symlog scale)', scale: { type: 'symlog', constant: 0.1, domain: [0, ticks[ticks.length - 1]!], nice: false }, axis: { values: ticks, format: '~r' } },
    y: { field: 'p_visible', type: 'quantitative', title: 'P(read sees the write)', scale: { domain: [0, 1] } },
    ...style,
    detail: { field: 'case_key', type: 'nominal' },
  };
  return {
    spec: topLevel('t-visibility', 'probability that a read issued t after a commit observes it (or newer); higher and further left is fresher', {
      width: SIZE.width,
      height: SIZE.height,
      data: { values },
      mark: { type: 'line', point: true },
      encoding,
    }),
  };
}

/** P(read sees write) against time after commit. */
export const visibility: ChartModule = {
  name: 't-visibility',
  title: 't-visibility',
  description: 'Probability that a read issued t after a write was acknowledged observes that write or a newer one, per case. A curve at 1 everywhere never returns stale data.',
  build,
};

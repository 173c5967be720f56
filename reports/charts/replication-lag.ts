/** Replication lag distribution: follower apply time − commit time, as percentile curves per case. */
import { variantLabel, type ReportModel } from '../model.js';
import { SIZE, lineStyle, curvePoints, logScale, msLog, ninesAxis, r, topLevel } from './common.js';
import type { ChartBuild, ChartModule } from './types.js';

function build(model: ReportModel): ChartBuild {
  const cases = model.cases.filter((c) => c.metrics.replicationLag.lag.count > 0 && c.metrics.replicationLag.lag.curve.length > 0);
  if (cases.length === 0) return { skipped: 'no follower applied a write (no followers, or no writes)' };
  const values: Record<string, unknown>[] = [];
  let maxN = 0;
  for (const c of cases) {
    const variant = variantLabel(c);
    const h = c.metrics.replicationLag.lag;
    for (const p of curvePoints(h.curve, h.count, h.max)) {
      maxN = Math.max(maxN, p.nines);
      values.push({ case_key: `${c.index}`, case_name: c.name, strategy: c.strategy, variant, nines: r(p.nines, 4), lag_ms: r(msLog(p.value)) });
    }
  }
  const style = lineStyle(model, cases.map((c) => variantLabel(c)));
  return {
    spec: topLevel('Replication lag distribution', 'per (write, follower): apply time − commit time; lags below 1 µs are drawn at 1 µs', {
      width: SIZE.width,
      height: SIZE.height,
      data: { values },
      mark: { type: 'line', clip: true },
      encoding: {
        x: ninesAxis(maxN),
        y: { field: 'lag_ms', type: 'quantitative', title: 'replication lag (ms, log scale)', scale: logScale(values.map((v) => v.lag_ms as number)) },
        ...style,
        detail: { field: 'case_key', type: 'nominal' },
      },
    }),
  };
}

/** Replication lag percentile curves. */
export const replicationLag: ChartModule = {
  name: 'replication-lag',
  title: 'Replication lag distribution',
  description: 'How long after a write was acknowledged each follower applied it, at each percentile. Synchronous replication has no lag (followers apply before the acknowledgement).',
  build,
};

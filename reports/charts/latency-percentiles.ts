/** Latency percentile curves (HDR style: log scale of the tail), one line per case, coloured by strategy (by variant when every case has the same strategy). */
import { variantLabel, type ReportModel } from '../model.js';
import { SIZE, lineStyle, curvePoints, logScale, msLog, ninesAxis, r, topLevel } from './common.js';
import type { ChartBuild, ChartModule } from './types.js';

function build(model: ReportModel, op: 'write' | 'read'): ChartBuild {
  const cases = model.cases.filter((c) => c.metrics.ops[op].count > 0 && c.metrics.ops[op].latency.curve.length > 0);
  if (cases.length === 0) return { skipped: `no successful ${op}s were measured` };
  const values: Record<string, unknown>[] = [];
  let maxN = 0;
  for (const c of cases) {
    const variant = variantLabel(c);
    const h = c.metrics.ops[op].latency;
    for (const p of curvePoints(h.curve, h.count, h.max)) {
      maxN = Math.max(maxN, p.nines);
      values.push({ case_key: `${c.index}`, case_name: c.name, strategy: c.strategy, variant, nines: r(p.nines, 4), latency_ms: r(msLog(p.value)) });
    }
  }
  const style = lineStyle(model, cases.map((c) => variantLabel(c)));
  return {
    spec: topLevel(`${op === 'write' ? 'Write' : 'Read'} latency percentiles`, 'one line per case; further right = rarer; lower is better', {
      width: SIZE.width,
      height: SIZE.height,
      data: { values },
      mark: { type: 'line', clip: true },
      encoding: {
        x: ninesAxis(maxN),
        y: { field: 'latency_ms', type: 'quantitative', title: `${op} latency (ms, log scale)`, scale: logScale(values.map((v) => v.latency_ms as number)) },
        ...style,
        detail: { field: 'case_key', type: 'nominal' },
      },
    }),
  };
}

/** Write latency against percentile, per case. */
export const writeLatencyPercentiles: ChartModule = {
  name: 'write-latency-percentiles',
  title: 'Write latency percentiles',
  description: 'Write latency (intended start to acknowledgement) at each percentile, on a log scale of the tail: p90, p99 and p99.9 are equally spaced. Lower is better.',
  build: (m) => build(m, 'write'),
};

/** Read latency against percentile, per case. */
export const readLatencyPercentiles: ChartModule = {
  name: 'read-latency-percentiles',
  title: 'Read latency percentiles',
  description: 'Read latency at each percentile, on a log scale of the tail. Lower is better.',
  build: (m) => build(m, 'read'),
};

/**
 * Measured against expected: for every analytic expectation a case has (commit latency as an
 * order statistic of round trips, M/M/c, Little's law, PBS), a marker at measured / expected;
 * the rule at 1 is the theory. Expectations of 0 (no stale read when r + w > n) are drawn at 1
 * when the measurement is 0 too.
 */
import type { ReportModel } from '../model.js';
import type { Expectation } from '../schema.js';
import { SIZE, r, strategyColor, topLevel } from './common.js';
import type { ChartBuild, ChartModule } from './types.js';

function build(model: ReportModel): ChartBuild {
  const values = model.cases.flatMap((c) =>
    ((c.metrics as unknown as { expectations?: readonly Expectation[] }).expectations ?? [])
      .filter((e) => Number.isFinite(e.measured) && Number.isFinite(e.expected) && (e.expected !== 0 || e.measured === 0))
      .map((e) => ({ case_name: c.name, strategy: c.strategy, metric: e.metric, ratio: e.expected === 0 ? 1 : r(e.measured / e.expected), source: e.source })),
  );
  if (values.length === 0) return { skipped: 'no analytic expectation applies to these cases' };
  const cases = [...new Set(values.map((v) => v.case_name))];
  const width = Math.max(160, Math.min(SIZE.width, cases.length * 60));
  return {
    spec: topLevel('Measured / expected', 'one marker per analytic expectation (see the report\'s expectations table for the models); 1 is the theory', {
      width,
      height: SIZE.small.height,
      data: { values },
      layer: [
        { mark: { type: 'rule', color: '#999', strokeDash: [4, 3] }, encoding: { y: { datum: 1 } } },
        {
          mark: { type: 'point', filled: true, size: 70 },
          encoding: {
            x: { field: 'case_name', type: 'nominal', title: null, scale: { domain: cases }, sort: null, axis: { labelAngle: -30, labelAlign: 'right', labelLimit: 0 } },
            y: { field: 'ratio', type: 'quantitative', title: 'measured / expected', scale: { zero: false } },
            color: strategyColor(model),
            shape: { field: 'metric', type: 'nominal', title: 'expectation' },
            tooltip: [{ field: 'case_name', title: 'case' }, { field: 'metric' }, { field: 'ratio', title: 'measured / expected' }, { field: 'source' }],
          },
        },
      ],
    }),
  };
}

/** The measured-against-expected chart. */
export const expectations: ChartModule = {
  name: 'expectations',
  title: 'Measured / expected',
  description: 'Each marker is a measurement divided by its analytic expectation (commit latency as an order statistic of follower round trips, M/M/c queueing, Little\'s law, PBS stale reads): on the dashed line the simulation matches the theory. Latency expectations assume nothing queues, so under load they sit above 1.',
  build,
};

/**
 * The time-series chart runs on the run's clock: the failover suite's crash configured `at: 5s,
 * for: 3s` (after a 2 s warm-up) is shaded from 5 s to 8 s, the per-second samples start at the
 * end of the warm-up, and the warm-up itself is shaded from 0.
 */
import { describe, expect, it } from 'vitest';
import { timeseries } from '../reports/charts/timeseries.js';
import { buildModel } from '../reports/model.js';
import { quickFailover } from './support/report-fixture.js';

type Layer = { data?: { values?: Record<string, unknown>[] }; mark?: { type?: string }; encoding?: Record<string, { field?: string }> };

describe('time-series chart', () => {
  it('draws a fault configured at 5 s at 5 s', async () => {
    const built = timeseries.build(buildModel(await quickFailover()));
    if (!('spec' in built)) throw new Error(built.skipped);
    const spec = built.spec as { data: { values: { t_s: number }[] }; vconcat: { layer: Layer[] }[] };
    const layers = spec.vconcat[0]!.layer;
    const rects = layers.filter((l) => l.mark?.type === 'rect');
    const faults = rects.find((l) => l.encoding?.fill?.field === 'kind')!.data!.values!;
    expect(faults.map((w) => [w.start_s, w.end_s, w.kind])).toEqual([[5, 8, 'crash']]);
    const warmup = rects.find((l) => l.encoding?.fill === undefined)!.data!.values!;
    expect(warmup.map((w) => [w.from_s, w.to_s])).toEqual([[0, 2]]);
    expect(Math.min(...spec.data.values.map((v) => v.t_s))).toBe(2);
    const failovers = layers.find((l) => l.mark?.type === 'rule')!.data!.values!.map((f) => f.at_s as number);
    for (const t of failovers) expect(t).toBeGreaterThan(5); // detected after the 500 ms timeout, in run time
    for (const t of failovers) expect(t).toBeLessThan(6);
  });
});

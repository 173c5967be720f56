/**
 * Every chart module renders a non-empty SVG for a small real run: three strategies, a swept
 * open-loop rate and two partitioning schemes, with a fault window added to the metrics (faults
 * are not simulated yet) so that no chart is skipped.
 */
import { describe, expect, it } from 'vitest';
import { buildModel } from '../reports/model.js';
import { renderCharts } from '../reports/charts/index.js';
import { CHART_NAMES } from '../reports/charts/registry.js';
import { PARTITIONED_SUITE, resultsOf, withFaultWindows } from './support/report-fixture.js';

function checkSvg(svg: string): void {
  expect(svg.startsWith('<svg')).toBe(true);
  const m = /<svg[^>]*\swidth="(\d+(?:\.\d+)?)"[^>]*\sheight="(\d+(?:\.\d+)?)"/.exec(svg);
  expect(m).not.toBeNull();
  expect(Number(m![1])).toBeGreaterThan(100);
  expect(Number(m![2])).toBeGreaterThan(100);
  // Marks were drawn: paths or symbols, not just axes.
  expect((svg.match(/<path /g) ?? []).length).toBeGreaterThan(5);
}

describe('charts', () => {
  it('render every chart to a non-empty SVG when the run has every kind of data', async () => {
    const results = withFaultWindows(await resultsOf(PARTITIONED_SUITE));
    const { rendered, skipped } = await renderCharts(buildModel(results));
    expect(skipped).toEqual([]);
    expect(rendered.map((c) => c.name)).toEqual(CHART_NAMES);
    for (const c of rendered) checkSvg(c.svg);
    // Fault windows are shaded and labelled; per-node load is faceted by partitioning scheme.
    expect(rendered.find((c) => c.name === 'timeseries')!.svg).toContain('crash n1');
    expect(rendered.find((c) => c.name === 'load-per-node')!.svg).toContain('jump');
  });
});

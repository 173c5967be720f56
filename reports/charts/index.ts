/** Builds and renders the charts that apply to a run. */
import type { ReportModel } from '../model.js';
import { CHARTS } from './registry.js';
import type { ChartModule, VlSpec } from './types.js';

/** A chart that applies to the run, with its spec and SVG. */
export interface RenderedChart {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly spec: VlSpec;
  readonly svg: string;
}

/** A chart that does not apply to the run, and why. */
export interface SkippedChart {
  readonly name: string;
  readonly title: string;
  readonly reason: string;
}

/** Builds the specs of `charts` (default: all) and renders the applicable ones concurrently (the chart stack, vega and vega-lite, is loaded only here). */
export async function renderCharts(model: ReportModel, charts: readonly ChartModule[] = CHARTS): Promise<{ rendered: RenderedChart[]; skipped: SkippedChart[] }> {
  const skipped: SkippedChart[] = [];
  const built: { chart: ChartModule; spec: VlSpec }[] = [];
  for (const chart of charts) {
    const b = chart.build(model);
    if ('skipped' in b) skipped.push({ name: chart.name, title: chart.title, reason: b.skipped });
    else built.push({ chart, spec: b.spec });
  }
  if (built.length === 0) return { rendered: [], skipped };
  const { renderSvg } = await import('./svg.js');
  const rendered = await Promise.all(built.map(async ({ chart, spec }) => ({ name: chart.name, title: chart.title, description: chart.description, spec, svg: await renderSvg(spec, chart.name) })));
  return { rendered, skipped };
}

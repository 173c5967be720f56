/** Builds and renders the charts that apply to a run. */
import type { ReportModel } from '../model.js';
import { CHARTS } from './registry.js';
import { renderSvg } from './svg.js';
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

/** Builds the specs of `charts` (default: all) and renders the applicable ones concurrently. */
export async function renderCharts(model: ReportModel, charts: readonly ChartModule[] = CHARTS): Promise<{ rendered: RenderedChart[]; skipped: SkippedChart[] }> {
  const skipped: SkippedChart[] = [];
  const jobs: Promise<RenderedChart>[] = [];
  for (const chart of charts) {
    const built = chart.build(model);
    if ('skipped' in built) {
      skipped.push({ name: chart.name, title: chart.title, reason: built.skipped });
      continue;
    }
    jobs.push(renderSvg(built.spec, chart.name).then((svg) => ({ name: chart.name, title: chart.title, description: chart.description, spec: built.spec, svg })));
  }
  return { rendered: await Promise.all(jobs), skipped };
}

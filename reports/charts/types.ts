/** The chart module contract: a named builder of a Vega-Lite spec from the report model. */
import type { ReportModel } from '../model.js';

/** A Vega-Lite specification as plain JSON (validated against the Vega-Lite schema in the tests). */
export type VlSpec = Record<string, unknown>;

/** What a chart builder returns: a spec, or why the chart does not apply to this run. */
export type ChartBuild = { readonly spec: VlSpec } | { readonly skipped: string };

/** A chart: a fixed file name, a title and description for the report, and its builder. */
export interface ChartModule {
  /** File name stem (`charts/<name>.svg`, `charts/<name>.vl.json`) and registry key. */
  readonly name: string;
  readonly title: string;
  /** One or two sentences shown under the chart: how to read it. */
  readonly description: string;
  readonly build: (model: ReportModel) => ChartBuild;
}

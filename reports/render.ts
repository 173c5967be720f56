/** Renders every report file of a run in memory (no I/O): the caller writes them into the output folder. */
import { renderCharts } from './charts/index.js';
import { CHARTS, chartByName } from './charts/registry.js';
import { toCsv } from './csv.js';
import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';
import { buildModel } from './model.js';
import type { RunResults } from './schema.js';
import type { ReporterName } from './reporters.js';

export { REPORTERS, parseReporters, type ReporterName } from './reporters.js';

/** What renderReport produces by default: the files besides results.json and results.csv (which `writeResults` writes). */
export const DEFAULT_REPORT_REPORTERS: readonly ReporterName[] = ['html', 'markdown', 'charts'];

/** One output file, relative to the output folder. */
export interface ReportFile {
  readonly name: string;
  readonly content: string;
}

/** What to render: which reporters (default DEFAULT_REPORT_REPORTERS) and which charts by name (default all). */
export interface RenderOptions {
  readonly reporters?: readonly ReporterName[];
  readonly charts?: readonly string[];
}

/**
 * Renders the report files for `results`: `index.html` (html), `summary.md` (markdown),
 * `charts/<name>.svg` and `charts/<name>.vl.json` (charts), and, only if asked for,
 * `results.json` (json) and `results.csv` (csv).
 */
export async function renderReport(results: RunResults, options: RenderOptions = {}): Promise<ReportFile[]> {
  const want = new Set(options.reporters ?? DEFAULT_REPORT_REPORTERS);
  const charts = options.charts
    ? options.charts.map((name) => {
        const chart = chartByName(name);
        if (!chart) throw new Error(`unknown chart "${name}" (one of ${CHARTS.map((c) => c.name).join(', ')})`);
        return chart;
      })
    : CHARTS;
  const files: ReportFile[] = [];
  if (want.has('json')) files.push({ name: 'results.json', content: `${JSON.stringify(results, null, 2)}\n` });
  if (want.has('csv')) files.push({ name: 'results.csv', content: toCsv(results.cases) });
  if (!want.has('html') && !want.has('markdown') && !want.has('charts')) return files;
  const model = buildModel(results);
  if (want.has('html') || want.has('charts')) {
    const { rendered, skipped } = await renderCharts(model, charts);
    if (want.has('html')) files.push({ name: 'index.html', content: renderHtml(model, rendered, skipped) });
    if (want.has('charts')) {
      for (const c of rendered) {
        files.push({ name: `charts/${c.name}.svg`, content: c.svg });
        files.push({ name: `charts/${c.name}.vl.json`, content: `${JSON.stringify(c.spec, null, 2)}\n` });
      }
    }
  }
  if (want.has('markdown')) files.push({ name: 'summary.md', content: renderMarkdown(model) });
  return files;
}

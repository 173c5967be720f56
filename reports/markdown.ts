/** summary.md: the summary table and key findings in GitHub-flavoured markdown (usable as a CI job summary). */
import { escapeMarkdown as md } from './escape.js';
import type { ReportModel } from './model.js';
import { NOT_MEASURED_NOTE } from './glossary.js';
import { LOAD_HEADER, keyFindings, loadCells, summaryGrid, type Finding } from './summary.js';
import { EXPECTATION_HEADER, expectationRows } from './expectations.js';
import { SIM_VS_REAL_NOTE, simVsReal } from './sim-vs-real.js';

function finding(f: Finding): string {
  return f.map((s) => (typeof s === 'string' ? md(s) : `**${md(s.name)}**`)).join('');
}

/** A markdown table; every cell is escaped. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map(md).join(' | ')} |`;
  return [line(header), `|${header.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`, ...rows.map(line)].join('\n');
}

/** Renders summary.md. */
export function renderMarkdown(model: ReportModel): string {
  const r = model.results;
  const e = r.environment;
  const grid = summaryGrid(model);
  const [legend, ...notes] = grid.footnotes;
  const findings = keyFindings(model);
  const out = [
    `# replbench: ${md(r.suite.name)}`,
    '',
    ...(r.suite.description ? [md(r.suite.description), ''] : []),
    `Seed ${r.suite.seed}, ${model.cases.length} of ${r.cases.length} cases ran (${md(r.status)}); replbench ${md(e.replbench)} on ${e.cpus} × ${md(e.cpuModel)}, Node ${md(e.node)}.`,
    '',
    '## Summary',
    '',
    markdownTable(grid.header, grid.rows),
    '',
    ...(legend === undefined ? [] : [[md(legend), ...notes.map((l) => `- ${md(l)}`)].join('\n'), '']),
    `${md(NOT_MEASURED_NOTE)} The columns are explained in replbench's README ("Summary columns") and in index.html.`,
    '',
  ];
  if (findings.length) out.push('## Key findings', '', ...findings.map((f) => `- ${finding(f)}`), '');
  const load = loadCells(model);
  if (load.length) out.push('## Load balance and resize cost', '', markdownTable(LOAD_HEADER, load), '');
  const paired = simVsReal(model);
  if (paired.rows.length) out.push('## Real beside calibrated simulation', '', markdownTable(paired.header, paired.rows), '', md(SIM_VS_REAL_NOTE), '');
  const expected = expectationRows(model);
  if (expected.length) out.push('## Expectations beside measurements', '', markdownTable([...EXPECTATION_HEADER], expected), '');
  return `${out.join('\n')}`;
}

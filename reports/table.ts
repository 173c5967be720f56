/** The terminal summary: the summary table of summary.md and index.html, as aligned plain text. */
import { EXPECTATION_HEADER, expectationRows } from './expectations.js';
import { caseModel } from './model.js';
import type { CaseResult } from './schema.js';
import { summaryGrid } from './summary.js';

/** Pads a table of strings into aligned columns (first column left-aligned, the rest right-aligned). */
export function alignTable(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ').trimEnd()).join('\n');
}

/**
 * The summary table for a set of case results: one row per configuration (repetitions folded into
 * their median), then failed cases; a row that measured too little is marked and explained below.
 */
export function summaryTable(cases: readonly CaseResult[]): string {
  const model = caseModel(cases);
  const grid = summaryGrid(model);
  const table = alignTable([grid.header, ...grid.rows]);
  const [legend, ...notes] = grid.footnotes;
  const withNotes = legend === undefined ? table : `${table}\n\n${legend}\n${notes.map((l) => `  ${l}`).join('\n')}`;
  const expected = expectationRows(model);
  return expected.length ? `${withNotes}\n\nexpectations beside measurements:\n${alignTable([[...EXPECTATION_HEADER], ...expected])}` : withNotes;
}

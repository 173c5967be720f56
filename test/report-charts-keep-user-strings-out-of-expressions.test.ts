/**
 * User strings (case names, strategy labels, suite names) reach the charts only as data values:
 * compiling each spec to Vega must leave them out of every expression, signal and field name,
 * where a crafted name could inject code. The case names here carry a marker plus characters
 * that matter in expressions and field paths (quotes, brackets, dots, backslashes).
 */
import { describe, expect, it } from 'vitest';
import { buildModel } from '../reports/model.js';
import { CHARTS } from '../reports/charts/registry.js';
import { toVega } from '../reports/charts/svg.js';
import { PARTITIONED_SUITE, resultsOf, withFaultWindows } from './support/report-fixture.js';

const MARKER = 'ZQXJ';
const EXPRESSION_KEYS = new Set(['expr', 'signal', 'update', 'test', 'field', 'fields', 'as', 'name', 'on', 'events', 'filter', 'formula', 'labelExpr']);

/** Collects [key path, string] for every string under an expression-like key (skipping inline data values). */
function expressionStrings(node: unknown, key: string, out: string[]): void {
  if (typeof node === 'string') {
    if (EXPRESSION_KEYS.has(key)) out.push(node);
    return;
  }
  if (Array.isArray(node)) {
    for (const x of node) expressionStrings(x, key, out);
    return;
  }
  if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === 'values') continue; // inline data: user strings belong here
      expressionStrings(v, k, out);
    }
  }
}

describe('chart specs', () => {
  it('keep user strings out of expressions, signals and field names', async () => {
    const results = withFaultWindows(await resultsOf(PARTITIONED_SUITE, (name) => `${MARKER}"'] + datum.x[0].y \\ ${name}`));
    const model = buildModel({ ...results, suite: { ...results.suite, name: `${MARKER} suite` } });
    for (const chart of CHARTS) {
      const built = chart.build(model);
      if (!('spec' in built)) continue;
      const vgSpec = toVega(built.spec);
      const strings: string[] = [];
      expressionStrings(vgSpec, '', strings);
      expect(strings.filter((s) => s.includes(MARKER)), chart.name).toEqual([]);
      // The marker does reach the chart as data where the chart shows case names.
      if (chart.name === 'tradeoff') expect(JSON.stringify(built.spec)).toContain(MARKER);
    }
  });
});

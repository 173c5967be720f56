/** Output formats of a comparison: terminal table, markdown, JSON, and github-action-benchmark input files. */
import { fmtThreshold, VERDICTS, type Comparison, type MetricComparison } from './compare.js';
import { escapeMarkdown as md } from './escape.js';
import { fmtNum } from './format.js';
import { markdownTable } from './markdown.js';
import { cleanText } from './model.js';
import { alignTable } from './table.js';

const MARK: Record<MetricComparison['verdict'], string> = { improved: '+', regressed: '!', unchanged: ' ', 'insufficient data': '?' };

function value(v: number | null, unit: string): string {
  if (v === null) return '–';
  if (unit === 'fraction') return fmtNum(v, 4);
  return fmtNum(v, 5);
}

/** The relative change as a signed percentage (`+12.3%`, `new` when the base was 0). */
export function fmtChange(r: MetricComparison): string {
  if (r.base === null || r.head === null) return '–';
  if (r.change === null) return r.head > 0 ? '+∞' : '−∞';
  if (r.change === 0) return '0%';
  const pct = r.change * 100;
  return `${pct > 0 ? '+' : '−'}${Math.abs(pct) >= 100 ? Math.abs(pct).toFixed(0) : Math.abs(pct).toPrecision(3)}%`;
}

function counts(c: Comparison): string {
  return VERDICTS.map((v) => `${c.counts[v]} ${v}`).join(', ');
}

function header(c: Comparison): string[] {
  const lines = [
    `compared ${c.matched} configuration${c.matched === 1 ? '' : 's'} (base "${c.base.suite}" ${c.base.cases} cases, head "${c.head.suite}" ${c.head.cases} cases): ${counts(c)}`,
  ];
  if (c.tests) lines.push(`repetitions: two-sided Mann–Whitney U, α = ${c.alpha} with Holm's correction over ${c.tests} tests, and the practical threshold`);
  if (c.onlyBase.length) lines.push(`only in base (not compared): ${c.onlyBase.join(', ')}`);
  if (c.onlyHead.length) lines.push(`only in head (not compared): ${c.onlyHead.join(', ')}`);
  return lines;
}

const COLUMNS = ['metric', 'base', 'head', 'change', 'threshold', 'p (adj.)', 'verdict'];

function cells(r: MetricComparison): string[] {
  return [
    `${r.metric} (${r.unit})`,
    value(r.base, r.unit) + (r.nBase > 1 ? ` ×${r.nBase}` : ''),
    value(r.head, r.unit) + (r.nHead > 1 ? ` ×${r.nHead}` : ''),
    fmtChange(r),
    `±${fmtThreshold(r.threshold)}`,
    r.pAdjusted === null ? '' : r.pAdjusted.toPrecision(2),
    r.verdict,
  ];
}

function byCase(c: Comparison): Map<string, MetricComparison[]> {
  const out = new Map<string, MetricComparison[]>();
  for (const r of c.rows) out.set(r.key, [...(out.get(r.key) ?? []), r]);
  return out;
}

/** The terminal table: one block per case, a marker column (`!` regressed, `+` improved, `?` insufficient data). */
export function comparisonTable(c: Comparison): string {
  const rows: string[][] = [['', 'case / metric', ...COLUMNS.slice(1)]];
  for (const rs of byCase(c).values()) {
    rows.push(['', rs[0]!.case, '', '', '', '', '', '']);
    for (const r of rs) {
      const [metric, ...rest] = cells(r);
      rows.push([MARK[r.verdict], `  ${metric}`, ...rest]);
    }
  }
  // alignTable left-aligns the first column only; the marker column is one character wide.
  const table = alignTable(rows.map(([m, ...rest]) => [`${m}${rest[0]}`, ...rest.slice(1)]));
  // Names come from the results files: control characters (terminal escape sequences) are neutralised.
  return cleanText(`${header(c).join('\n')}\n\n${table}\n`);
}

/** Markdown for a pull-request comment or job summary: the changes first, every row in a collapsed section. */
export function comparisonMarkdown(c: Comparison): string {
  const icon: Record<MetricComparison['verdict'], string> = { regressed: '🔴 regressed', improved: '🟢 improved', unchanged: 'unchanged', 'insufficient data': '⚪ insufficient data' };
  const line = (r: MetricComparison) => [r.case, ...cells(r).slice(0, -1), icon[r.verdict]];
  const head = ['case', ...COLUMNS];
  const notable = c.rows.filter((r) => r.verdict !== 'unchanged');
  const out = [`## replbench compare: ${c.counts.regressed ? `${c.counts.regressed} regression${c.counts.regressed === 1 ? '' : 's'}` : 'no regressions'}`, ''];
  out.push(...header(c).map((l) => `${md(l)}  `), '');
  if (notable.length) out.push(markdownTable(head, notable.map(line)), '');
  else out.push('Every compared metric is unchanged.', '');
  out.push('<details><summary>All metrics</summary>', '', markdownTable(head, c.rows.map(line)), '', '</details>', '');
  return out.join('\n');
}

/** The comparison as JSON (infinite changes are null; `change` is a fraction, not a percentage). */
export function comparisonJson(c: Comparison): string {
  return `${JSON.stringify({ schema: 'replbench/compare@1', ...c }, null, 2)}\n`;
}

/** One github-action-benchmark entry (`customSmallerIsBetter` / `customBiggerIsBetter` input). */
export interface BenchmarkEntry {
  readonly name: string;
  readonly unit: string;
  readonly value: number;
  readonly extra?: string;
}

/** The head values as github-action-benchmark input: one list for smaller-is-better metrics, one for bigger-is-better. */
export function githubActionBenchmark(c: Comparison): { smaller: BenchmarkEntry[]; bigger: BenchmarkEntry[] } {
  const smaller: BenchmarkEntry[] = [];
  const bigger: BenchmarkEntry[] = [];
  for (const r of c.rows) {
    if (r.head === null) continue;
    const entry: BenchmarkEntry = { name: `${r.case} - ${r.metric}`, unit: r.unit, value: r.head, ...(r.nHead > 1 ? { extra: `median of ${r.nHead} repetitions` } : {}) };
    (r.direction === 'lower' ? smaller : bigger).push(entry);
  }
  return { smaller, bigger };
}

/** File names of the github-action-benchmark export. */
export const GITHUB_ACTION_BENCHMARK_FILES = { smaller: 'smaller-is-better.json', bigger: 'bigger-is-better.json' } as const;

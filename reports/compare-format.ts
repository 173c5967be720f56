/** Output formats of a comparison: terminal table, markdown, JSON, and github-action-benchmark input files. */
import { fmtThreshold, fmtThresholdPair, VERDICTS, type Comparison, type MetricComparison } from './compare.js';
import { escapeMarkdown as md } from './escape.js';
import { fmtNum } from './format.js';
import { markdownTable } from './markdown.js';
import { cleanText } from './model.js';
import { alignTable } from './table.js';

/** Options shared by the formats. */
export interface FormatOptions {
  /** Show only the metrics that did not come out `unchanged`. */
  readonly onlyChanged?: boolean;
  /** Why the comparison fails CI (from `failures()`); empty when it passes. */
  readonly failures?: readonly string[];
  /** The `--fail-on` setting, for the failure line. */
  readonly failOn?: string;
}

const MARK: Record<MetricComparison['verdict'], string> = { improved: '+', regressed: '!', unchanged: ' ', 'insufficient data': '?' };

function value(v: number | null, unit: string): string {
  if (v === null) return '–';
  if (unit === 'fraction') return fmtNum(v, 4);
  return fmtNum(v, 5);
}

/** The change: a signed percentage (`+12.3%`), or the absolute difference from a zero base (`+0.0006 from 0`). */
export function fmtChange(r: MetricComparison): string {
  if (r.base === null || r.head === null || r.difference === null) return '–';
  if (r.change === null) return `${r.difference > 0 ? '+' : '−'}${fmtNum(Math.abs(r.difference), 3)} from 0`;
  if (r.change === 0) return '0%';
  const pct = r.change * 100;
  return `${pct > 0 ? '+' : '−'}${Math.abs(pct) >= 100 ? Math.abs(pct).toFixed(0) : Math.abs(pct).toPrecision(3)}%`;
}

/** The verdict as shown: single-seed changes say that there is no noise estimate. */
export function fmtVerdict(r: MetricComparison): string {
  if (r.test === 'single-seed' && (r.verdict === 'regressed' || r.verdict === 'improved')) return `${r.verdict} (no noise estimate)`;
  return r.verdict;
}

function counts(c: Comparison): string {
  return VERDICTS.map((v) => `${c.counts[v]} ${v}`).join(', ');
}

/** The header lines: seeds first (when they differ), then counts, method, code, pairing, gaps. */
export function headerLines(c: Comparison, opts: FormatOptions = {}): string[] {
  const lines: string[] = [];
  if (c.seedsDiffer) lines.push(`different seeds: base and head ran with different seeds (base suite seed ${c.base.seed}, head ${c.head.seed}), so differences include seed-to-seed noise, not only code changes`);
  lines.push(`compared ${c.matched} configuration${c.matched === 1 ? '' : 's'}${c.match === 'name' ? ' paired by name' : ''} (base "${c.base.suite}" ${c.base.cases} cases, head "${c.head.suite}" ${c.head.cases} cases): ${counts(c)}`);
  if (c.singleSeed) lines.push('no noise estimate: one seed per side, so a verdict is a change beyond the threshold and the seed-to-seed spread measured for that sort of metric, not a significance test; rerun with `repetitions: 5` in the suite');
  if (c.tests) lines.push(`repetitions: Welch's t-test, α = ${c.alpha} with Holm's correction over ${c.tests} metric${c.tests === 1 ? '' : 's'} that vary, and the practical threshold`);
  for (const n of c.code) lines.push(`code under test: ${n}`);
  if (c.configDifferences) lines.push(`paired by name although the configurations differ: ${c.configDifferences}`);
  if (c.onlyBase.length) lines.push(`missing from head (only in base, not compared): ${c.onlyBase.join(', ')}`);
  if (c.failedHead.length) lines.push(`failed in head: ${c.failedHead.join(', ')}`);
  if (c.onlyHead.length) lines.push(`only in head (not compared): ${c.onlyHead.join(', ')}`);
  if (c.unpairedDifferences) lines.push(`unpaired configurations differ in ${c.unpairedDifferences} (--match name pairs cases by name)`);
  for (const p of c.partial) lines.push(`incomplete input: ${p}`);
  if (opts.failures?.length) lines.push(`fails CI (--fail-on ${opts.failOn ?? 'regressed,missing,partial'}): ${opts.failures.join('; ')}`);
  return lines;
}

const COLUMNS = ['metric', 'base', 'head', 'change', 'threshold', 'p (adj.)', 'verdict'];

function thresholdCell(r: MetricComparison): string {
  return fmtThresholdPair(r.threshold) + (r.spread !== null && r.spread > r.threshold.relative ? `, spread ±${fmtThreshold(r.spread)}` : '');
}

function cells(r: MetricComparison): string[] {
  return [
    `${r.metric} (${r.unit})`,
    value(r.base, r.unit) + (r.nBase > 1 ? ` ×${r.nBase}` : ''),
    value(r.head, r.unit) + (r.nHead > 1 ? ` ×${r.nHead}` : ''),
    fmtChange(r),
    thresholdCell(r),
    r.pAdjusted === null ? '' : r.pAdjusted.toPrecision(2),
    fmtVerdict(r),
  ];
}

function shown(c: Comparison, opts: FormatOptions): readonly MetricComparison[] {
  return opts.onlyChanged ? c.rows.filter((r) => r.verdict !== 'unchanged') : c.rows;
}

function byCase(rows: readonly MetricComparison[]): Map<string, MetricComparison[]> {
  const out = new Map<string, MetricComparison[]>();
  for (const r of rows) out.set(r.key, [...(out.get(r.key) ?? []), r]);
  return out;
}

/** The terminal table: one block per case, a marker column (`!` regressed, `+` improved, `?` insufficient data). */
export function comparisonTable(c: Comparison, opts: FormatOptions = {}): string {
  const rows: string[][] = [['', 'case / metric', ...COLUMNS.slice(1)]];
  const visible = shown(c, opts);
  for (const rs of byCase(visible).values()) {
    rows.push(['', rs[0]!.case, '', '', '', '', '', '']);
    for (const r of rs) {
      const [metric, ...rest] = cells(r);
      rows.push([MARK[r.verdict], `  ${metric}`, ...rest]);
    }
  }
  // alignTable left-aligns the first column only; the marker column is one character wide.
  const table = visible.length ? alignTable(rows.map(([m, ...rest]) => [`${m}${rest[0]}`, ...rest.slice(1)])) : 'every compared metric is unchanged';
  // Names come from the results files: control characters (terminal escape sequences) are neutralised.
  return cleanText(`${headerLines(c, opts).join('\n')}\n\n${table}\n`);
}

/** The markdown headline: what failed, else what changed, in the words of the verdicts. */
export function headline(c: Comparison, opts: FormatOptions = {}): string {
  const n = (k: number, one: string, many = `${one}s`) => `${k} ${k === 1 ? one : many}`;
  const notes = [c.seedsDiffer ? 'different seeds' : '', c.singleSeed ? 'single seed: no noise estimate' : ''].filter(Boolean);
  const suffix = notes.length ? ` (${notes.join('; ')})` : '';
  const failing = opts.failures ?? [];
  let text: string;
  if (c.counts.regressed) text = `🔴 ${n(c.counts.regressed, 'regression')}`;
  else if (failing.length) text = `🔴 ${failing.join('; ')}`;
  else if (c.counts['insufficient data']) text = `⚪ no regression detected; ${n(c.counts['insufficient data'], 'metric')} with insufficient data`;
  else if (c.counts.improved) text = `🟢 no regressions; ${n(c.counts.improved, 'improvement')}`;
  else text = 'no changes';
  if (c.counts.regressed && c.counts.improved) text += `, ${n(c.counts.improved, 'improvement')}`;
  if (c.counts.regressed && (c.onlyBase.length || c.failedHead.length || c.partial.length)) text += '; incomplete comparison';
  return `## replbench compare: ${md(text)}${suffix}`;
}

/** Markdown for a pull-request comment or job summary: the changes first, every row in a collapsed section. */
export function comparisonMarkdown(c: Comparison, opts: FormatOptions = {}): string {
  const icon: Record<MetricComparison['verdict'], string> = { regressed: '🔴', improved: '🟢', unchanged: '', 'insufficient data': '⚪' };
  const line = (r: MetricComparison) => [r.case, ...cells(r).slice(0, -1), `${icon[r.verdict]} ${fmtVerdict(r)}`.trim()];
  const head = ['case', ...COLUMNS];
  const notable = c.rows.filter((r) => r.verdict !== 'unchanged');
  const out = [headline(c, opts), ''];
  out.push(...headerLines(c, opts).map((l) => `${md(l)}  `), '');
  if (notable.length) out.push(markdownTable(head, notable.map(line)), '');
  else out.push('Every compared metric is unchanged.', '');
  if (!opts.onlyChanged) out.push('<details><summary>All metrics</summary>', '', markdownTable(head, c.rows.map(line)), '', '</details>', '');
  return out.join('\n');
}

/** The comparison as JSON (`change` is a fraction, null from a zero base: see `difference`). */
export function comparisonJson(c: Comparison, opts: FormatOptions = {}): string {
  return `${JSON.stringify({ schema: 'replbench/compare@2', ...c, rows: shown(c, opts), failures: opts.failures ?? [] }, null, 2)}\n`;
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
    const entry: BenchmarkEntry = { name: `${r.case} - ${r.metric}`, unit: r.unit, value: r.head, ...(r.nHead > 1 ? { extra: `mean of ${r.nHead} repetitions` } : {}) };
    (r.direction === 'lower' ? smaller : bigger).push(entry);
  }
  return { smaller, bigger };
}

/** File names of the github-action-benchmark export. */
export const GITHUB_ACTION_BENCHMARK_FILES = { smaller: 'smaller-is-better.json', bigger: 'bigger-is-better.json' } as const;

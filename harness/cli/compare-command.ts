/** `replbench compare BASE HEAD`: per case and metric, the change and a verdict; exits 1 when CI should fail. */
import path from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { InputError, type InputProblem } from '../config/errors.js';
import { prepareOutputDir, writeAtomic } from '../output.js';
import { compareResults, DEFAULT_FAIL_ON, FAIL_ON, FAILED_CASES_METRIC, failures, metricPattern, type FailOn, type MatchBy, type ThresholdRule } from '../../reports/compare.js';
import { knownMetricNames, METRIC_NAME_HELP } from '../../reports/compare-metrics.js';
import { closestDifferences, describeDifferences } from '../../reports/config-diff.js';
import { comparisonJson, comparisonMarkdown, comparisonTable, GITHUB_ACTION_BENCHMARK_FILES, githubActionBenchmark } from '../../reports/compare-format.js';
import type { RunResults } from '../../reports/schema.js';
import { processIo, readResults, reportError, type CommandIo } from './report-command.js';

/** Options of `replbench compare`. */
export interface CompareCommandOptions {
  readonly threshold?: readonly string[];
  readonly ignore?: readonly string[];
  readonly format?: 'table' | 'markdown' | 'json';
  readonly export?: readonly string[];
  readonly failOn?: string;
  readonly match?: MatchBy;
  readonly onlyChanged?: boolean;
}

/** Export formats `--export` accepts. */
export const EXPORT_FORMATS = ['github-action-benchmark'] as const;

const NUMBER = String.raw`(\d+(?:\.\d+)?(?:e[-+]?\d+)?|\.\d+)`;

/** Parses one threshold value: `10%` (relative) or `+0.001` (absolute, in the metric's unit). */
function parseThresholdValue(s: string): { relative: number } | { absolute: number } | undefined {
  const rel = new RegExp(`^\\s*${NUMBER}\\s*%\\s*$`, 'i').exec(s);
  if (rel) return { relative: Number(rel[1]) / 100 };
  const abs = new RegExp(`^\\s*[+±]\\s*${NUMBER}\\s*$`, 'i').exec(s);
  if (abs) return { absolute: Number(abs[1]) };
  return undefined;
}

/**
 * Parses the `--threshold` entries: `10%` sets the default relative threshold; `metric=10%` a
 * metric's relative threshold and `metric=+0.001` its absolute one (in the metric's unit). A
 * metric may be a glob (`counter.*=50%`). Names are checked against the results later.
 */
export function parseThresholds(entries: readonly string[]): { threshold?: number; rules: ThresholdRule[] } {
  const rules: ThresholdRule[] = [];
  let threshold: number | undefined;
  const problems: InputProblem[] = [];
  for (const e of entries) {
    const eq = e.indexOf('=');
    const metric = eq >= 0 ? e.slice(0, eq).trim() : undefined;
    const text = eq >= 0 ? e.slice(eq + 1) : e;
    const value = parseThresholdValue(text);
    if (metric === '') problems.push({ path: '--threshold', message: `"${e}": the metric name before "=" is empty` });
    else if (!value) {
      const bare = new RegExp(`^\\s*${NUMBER}\\s*$`).test(text);
      problems.push({
        path: '--threshold',
        message: bare
          ? `"${e}": a bare number is ambiguous: write ${text.trim()}% for a relative threshold or +${text.trim()} for an absolute one in the metric's unit`
          : `"${e}": expected PERCENT (e.g. 5%) for the default, metric=PERCENT (e.g. write_p99_us=10%) or metric=+ABSOLUTE (e.g. stale_read_fraction=+0.001, in the metric's unit)`,
      });
    } else if (metric === undefined) {
      if ('absolute' in value) problems.push({ path: '--threshold', message: `"${e}": an absolute threshold needs a metric (units differ): metric=${text.trim()}` });
      else threshold = value.relative;
    } else rules.push({ metric, ...value });
  }
  if (problems.length) throw new InputError(problems);
  return { ...(threshold !== undefined ? { threshold } : {}), rules };
}

/** Parses `--fail-on`: a comma-separated list of regressed, improved, changed, missing, partial, insufficient, or never. */
export function parseFailOn(text: string | undefined): FailOn[] {
  if (text === undefined) return [...DEFAULT_FAIL_ON];
  const items = text.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = items.filter((i) => !(FAIL_ON as readonly string[]).includes(i));
  if (bad.length || !items.length) throw new InputError([{ path: '--fail-on', message: `"${text}": expected a comma-separated list of ${FAIL_ON.join(', ')}` }]);
  if (items.includes('never') && items.length > 1) throw new InputError([{ path: '--fail-on', message: '"never" cannot be combined with other items' }]);
  return items as FailOn[];
}

/** Checks that every `--threshold` and `--ignore` metric (or glob) names a metric these results can have. */
function checkMetricNames(rules: readonly ThresholdRule[], ignore: readonly string[], inputs: readonly RunResults[]): void {
  const metrics = inputs.flatMap((r) => r.cases.flatMap((c) => (c.status === 'ok' ? [c.metrics] : [])));
  const known = [...knownMetricNames(metrics), FAILED_CASES_METRIC];
  const problems: InputProblem[] = [];
  const check = (flag: string, name: string) => {
    const re = metricPattern(name);
    if (!known.some((k) => re.test(k))) problems.push({ path: flag, message: `unknown metric "${name}" (the results have ${known.slice(0, 60).join(', ')}${known.length > 60 ? ', ...' : ''}; generated names: ${METRIC_NAME_HELP.filter((n) => n.includes('<') || n.includes('N')).join(', ')})` });
  };
  for (const r of rules) check('--threshold', r.metric);
  for (const i of ignore) check('--ignore', i);
  if (problems.length) throw new InputError(problems);
}

/** Runs `replbench compare`; returns the exit code (0 pass, 1 fails CI per --fail-on, 2 invalid input). */
export async function compareCommand(baseArg: string, headArg: string, opts: CompareCommandOptions, io: CommandIo = processIo): Promise<number> {
  try {
    const limits = parseThresholds(opts.threshold ?? []);
    const failOn = parseFailOn(opts.failOn);
    let exportDir: string | undefined;
    if (opts.export !== undefined) {
      const [format, dir, ...extra] = opts.export;
      if (!format || !(EXPORT_FORMATS as readonly string[]).includes(format) || !dir || extra.length) {
        throw new InputError([{ path: '--export', message: `expected "--export github-action-benchmark DIR" (after BASE and HEAD), got "${opts.export.join(' ')}"` }]);
      }
      exportDir = dir;
    }
    const [base, head] = [await readResults(baseArg, 'BASE'), await readResults(headArg, 'HEAD')];
    checkMetricNames(limits.rules, opts.ignore ?? [], [base.results, head.results]);
    const match = opts.match ?? 'config';
    const comparison = compareResults(base.results, head.results, { ...limits, ignore: opts.ignore ?? [], match });
    if (comparison.matched === 0) {
      const diffs = closestDifferences(base.results.cases.map((c) => c.config), head.results.cases.map((c) => c.config));
      throw new InputError([
        {
          path: '',
          message:
            match === 'name'
              ? `no common cases: none of the ${base.results.cases.length} base case names is a head case name`
              : `no common cases: none of the ${base.results.cases.length} base cases has the configuration of a head case (cases are paired by configuration, not by seed, name or id)${diffs.length ? `; the closest configurations differ in ${describeDifferences(diffs)}` : ''}. To compare them anyway, pair cases by name: --match name`,
        },
      ]);
    }
    if (exportDir !== undefined) {
      await prepareOutputDir(exportDir, '--export');
      const { smaller, bigger } = githubActionBenchmark(comparison);
      await writeAtomic(exportDir, GITHUB_ACTION_BENCHMARK_FILES.smaller, `${JSON.stringify(smaller, null, 2)}\n`);
      await writeAtomic(exportDir, GITHUB_ACTION_BENCHMARK_FILES.bigger, `${JSON.stringify(bigger, null, 2)}\n`);
    }
    const why = failures(comparison, failOn);
    const formatOpts = { onlyChanged: !!opts.onlyChanged, failures: why, failOn: failOn.join(',') };
    const format = opts.format ?? 'table';
    io.stdout(format === 'json' ? comparisonJson(comparison, formatOpts) : format === 'markdown' ? comparisonMarkdown(comparison, formatOpts) : comparisonTable(comparison, formatOpts));
    if (exportDir !== undefined && format === 'table') {
      io.stderr(`github-action-benchmark input: ${path.join(exportDir, GITHUB_ACTION_BENCHMARK_FILES.smaller)}, ${path.join(exportDir, GITHUB_ACTION_BENCHMARK_FILES.bigger)}\n`);
    }
    return why.length ? 1 : 0;
  } catch (err) {
    return reportError(err, io);
  }
}

function collect(value: string, previous: string[] = []): string[] {
  if (!value.trim()) throw new InvalidArgumentError('expected a value');
  return [...previous, value];
}

/** Adds `replbench compare BASE HEAD` to the program. */
export function registerCompareCommand(program: Command, io: CommandIo = processIo): void {
  program
    .command('compare')
    .description('compare two result sets per case and metric; exit 1 on a regression, a missing case or an incomplete input (for CI)')
    .argument('<base>', 'baseline: a results folder or results.json')
    .argument('<head>', 'candidate: a results folder or results.json')
    .option('-t, --threshold <rule>', 'practical threshold, repeatable: 10% (the default for every metric, 5% if not given), metric=10% (relative), metric=+0.001 (absolute, in the metric\'s unit); metric may be a glob such as counter.*', collect)
    .option('--ignore <metric>', 'leave a metric out (repeatable; globs such as counter.* allowed)', collect)
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'markdown', 'json']).default('table'))
    .addOption(new Option('--match <by>', 'pair cases by configuration (seed and repetition aside) or by case name').choices(['config', 'name']).default('config'))
    .option('--only-changed', 'print only the metrics whose verdict is not "unchanged"')
    .option('--export <format-and-dir...>', 'also write benchmark files: github-action-benchmark DIR (smaller-is-better.json, bigger-is-better.json)')
    .option('--fail-on <list>', `exit 1 on any of: ${FAIL_ON.join(', ')} (comma-separated)`, DEFAULT_FAIL_ON.join(','))
    .addHelpText(
      'after',
      [
        '',
        'Metrics: every metric of the results: throughput, saturation, dropped, failed and timed-out',
        'operations, availability (overall, worst second, per fault window), latency per operation kind',
        '(<kind>_mean_us, _p50_us, _p99_us, _p999_us, _failed, _timed_out), staleness, replication lag,',
        'lost writes and strategy counters (counter.<name>).',
        '',
        'Verdicts: with repetitions on both sides, a change must exceed the threshold and be significant',
        "(Welch's t-test, α = 0.05, Holm-corrected over the metrics that vary). With one seed per side",
        'there is no noise estimate: a change must exceed the threshold and the seed-to-seed spread',
        'measured for that sort of metric, and is marked "no noise estimate".',
        '',
        '--fail-on: regressed (a metric regressed), improved, changed (either), missing (a base case',
        'absent from head, or failed in head), partial (an input that does not hold its whole suite),',
        'insufficient (a metric with insufficient data), never. Default: regressed,missing,partial.',
        '',
        'Exit codes: 0 nothing in --fail-on happened, 1 something did (the output says what),',
        '2 invalid input (missing or malformed results, no common cases, an unknown metric).',
      ].join('\n'),
    )
    .action(async (base: string, head: string, opts: CompareCommandOptions) => io.exit(await compareCommand(base, head, opts, io)));
}

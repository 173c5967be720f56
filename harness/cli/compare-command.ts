/** `replbench compare BASE HEAD`: per case and metric, the change and a verdict; exits 1 on regression (for CI). */
import path from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { InputError } from '../config/errors.js';
import { prepareOutputDir, writeAtomic } from '../output.js';
import { compareResults, METRIC_NAMES, shouldFail } from '../../reports/compare.js';
import { comparisonJson, comparisonMarkdown, comparisonTable, GITHUB_ACTION_BENCHMARK_FILES, githubActionBenchmark } from '../../reports/compare-format.js';
import { processIo, readResults, reportError, type CommandIo } from './report-command.js';

/** Options of `replbench compare`. */
export interface CompareCommandOptions {
  readonly threshold?: readonly string[];
  readonly format?: 'table' | 'markdown' | 'json';
  readonly export?: readonly string[];
  readonly failOn?: 'regressed' | 'changed' | 'never';
}

/** Export formats `--export` accepts. */
export const EXPORT_FORMATS = ['github-action-benchmark'] as const;

/** Parses `10%`, `10` (both percent) into a fraction; undefined if invalid. */
function parsePercent(s: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*%?\s*$/.exec(s);
  if (!m) return undefined;
  const v = Number(m[1]) / 100;
  return Number.isFinite(v) && v >= 0 ? v : undefined;
}

/** Parses the `--threshold` entries: `metric=10%` for one metric, or `10%` for the default. */
export function parseThresholds(entries: readonly string[]): { threshold?: number; thresholds: Record<string, number> } {
  const thresholds: Record<string, number> = {};
  let threshold: number | undefined;
  const problems: { path: string; message: string }[] = [];
  for (const e of entries) {
    const eq = e.indexOf('=');
    const metric = eq >= 0 ? e.slice(0, eq).trim() : undefined;
    const value = parsePercent(eq >= 0 ? e.slice(eq + 1) : e);
    if (value === undefined) {
      problems.push({ path: '--threshold', message: `"${e}": expected metric=PERCENT (e.g. write_p99_us=10%) or a default PERCENT (e.g. 5%)` });
      continue;
    }
    if (metric === undefined) threshold = value;
    else if (!METRIC_NAMES.includes(metric)) problems.push({ path: '--threshold', message: `unknown metric "${metric}" (one of ${METRIC_NAMES.join(', ')})` });
    else thresholds[metric] = value;
  }
  if (problems.length) throw new InputError(problems);
  return { ...(threshold !== undefined ? { threshold } : {}), thresholds };
}

/** Runs `replbench compare`; returns the exit code (0 no failure, 1 regression per --fail-on, 2 invalid input). */
export async function compareCommand(baseArg: string, headArg: string, opts: CompareCommandOptions, io: CommandIo = processIo): Promise<number> {
  try {
    const limits = parseThresholds(opts.threshold ?? []);
    let exportDir: string | undefined;
    if (opts.export !== undefined) {
      const [format, dir, ...extra] = opts.export;
      if (!format || !(EXPORT_FORMATS as readonly string[]).includes(format) || !dir || extra.length) {
        throw new InputError([{ path: '--export', message: `expected "--export github-action-benchmark DIR" (after BASE and HEAD), got "${opts.export.join(' ')}"` }]);
      }
      exportDir = dir;
    }
    const [base, head] = [await readResults(baseArg, 'BASE'), await readResults(headArg, 'HEAD')];
    const comparison = compareResults(base.results, head.results, limits);
    if (comparison.matched === 0) {
      throw new InputError([
        {
          path: '',
          message: `no common cases: none of the ${base.results.cases.length} base cases has the configuration of a head case (cases are matched by configuration, not by seed, name or id)`,
        },
      ]);
    }
    if (exportDir !== undefined) {
      await prepareOutputDir(exportDir, '--export');
      const { smaller, bigger } = githubActionBenchmark(comparison);
      await writeAtomic(exportDir, GITHUB_ACTION_BENCHMARK_FILES.smaller, `${JSON.stringify(smaller, null, 2)}\n`);
      await writeAtomic(exportDir, GITHUB_ACTION_BENCHMARK_FILES.bigger, `${JSON.stringify(bigger, null, 2)}\n`);
    }
    const format = opts.format ?? 'table';
    io.stdout(format === 'json' ? comparisonJson(comparison) : format === 'markdown' ? comparisonMarkdown(comparison) : comparisonTable(comparison));
    if (exportDir !== undefined && format === 'table') {
      io.stderr(`github-action-benchmark input: ${path.join(exportDir, GITHUB_ACTION_BENCHMARK_FILES.smaller)}, ${path.join(exportDir, GITHUB_ACTION_BENCHMARK_FILES.bigger)}\n`);
    }
    return shouldFail(comparison, opts.failOn ?? 'regressed') ? 1 : 0;
  } catch (err) {
    return reportError(err, io);
  }
}

function collect(value: string, previous: string[] = []): string[] {
  if (!value.trim()) throw new InvalidArgumentError('expected metric=PERCENT or PERCENT');
  return [...previous, value];
}

/** Adds `replbench compare BASE HEAD` to the program. */
export function registerCompareCommand(program: Command, io: CommandIo = processIo): void {
  program
    .command('compare')
    .description('compare two result sets per case and metric; exit 1 on regression (for CI)')
    .argument('<base>', 'baseline: a results folder or results.json')
    .argument('<head>', 'candidate: a results folder or results.json')
    .option('-t, --threshold <metric=pct>', `practical threshold, repeatable: metric=10% for one metric (${METRIC_NAMES.join(', ')}) or 10% for the default (5%)`, collect)
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'markdown', 'json']).default('table'))
    .option('--export <format-and-dir...>', 'also write benchmark files: github-action-benchmark DIR (smaller-is-better.json, bigger-is-better.json)')
    .addOption(new Option('--fail-on <what>', 'exit 1 when any metric regressed, changed either way, or never').choices(['regressed', 'changed', 'never']).default('regressed'))
    .addHelpText(
      'after',
      [
        '',
        'Cases are matched by configuration (seed and repetition aside). A single-seed case changes when',
        'the relative change exceeds the threshold; with repetitions, a two-sided Mann–Whitney U test',
        '(α = 0.05, Holm-corrected over all tests) must also be significant.',
        '',
        'Exit codes: 0 no regression, 1 regression (see --fail-on), 2 invalid input.',
      ].join('\n'),
    )
    .action(async (base: string, head: string, opts: CompareCommandOptions) => io.exit(await compareCommand(base, head, opts, io)));
}

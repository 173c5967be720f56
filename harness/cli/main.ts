#!/usr/bin/env node
/** The replbench command line: run, validate, list. */
import path from 'node:path';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { loadSuite, type Suite } from '../config/suite.js';
import { InputError } from '../config/errors.js';
import { prepareOutputDir } from '../output.js';
import { executeRun, selectShard, type Shard } from '../run-suite.js';
import type { Case } from '../config/suite.js';
import type { CaseResult } from '../../reports/schema.js';
import { createProgress, type Progress } from './progress.js';
import { WorkerStartError } from '../pool/runner.js';
import { parseDuration } from '../config/duration.js';
import { availableParallelism } from 'node:os';
import { registerMergeCommand } from './merge-command.js';
import { processIo, registerReportCommand, reportError } from './report-command.js';
import { REPORTERS as REPORTER_NAMES, parseReporters, type ReporterName } from '../../reports/render.js';
import { registerCompareCommand } from './compare-command.js';
import { summaryTable } from '../../reports/table.js';
import { PACKAGE_ROOT, VERSION } from '../version.js';
import { builtinStrategies } from '../../strategies/replication/registry.js';
import { DIST_KINDS } from '../sim/distributions.js';
import { KEY_DISTRIBUTION_NAMES } from '../../workloads/generators/keys.js';
import { YCSB_PRESET_NAMES } from '../../workloads/ycsb.js';
import { PARTITION_SCHEME_NAMES } from '../../strategies/partitioning/registry.js';

/** Output files a run writes. */
const REPORTERS = ['json (results.json)', 'csv (results.csv)', 'journal (journal.jsonl)', 'html (index.html)', 'markdown (summary.md)', 'charts (charts/*.svg, charts/*.vl.json)'];

/** Exit codes: 0 all cases ran, 1 a case failed, 2 invalid input. */
export const EXIT = { ok: 0, caseFailed: 1, badInput: 2 } as const;

const DEFAULT_SUITE = path.join(PACKAGE_ROOT, 'suites', 'default.yaml');

function parseSeed(v: string): number {
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 0) throw new InvalidArgumentError('--seed must be a non-negative integer');
  return n;
}

function safeName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+/, '').slice(0, 80) || 'suite';
}

function fail(err: unknown): never {
  process.exit(reportError(err, processIo));
}

interface LoadOptions {
  seed?: number;
  repetitions?: number;
  ycsb?: string[];
  property?: string[];
}

/** Parses `-p key=value` (the first `=` separates; whitespace around the key is trimmed). */
function parseProperties(list: readonly string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of list ?? []) {
    const i = item.indexOf('=');
    if (i <= 0) throw new InputError([{ path: '-p', message: `expected key=value, got "${item}"` }]);
    out[item.slice(0, i).trim()] = item.slice(i + 1);
  }
  return out;
}

async function load(file: string | undefined, opts: LoadOptions): Promise<Suite> {
  const suite = await loadSuite(file ?? DEFAULT_SUITE, {
    ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
    ...(opts.repetitions !== undefined ? { repetitions: opts.repetitions } : {}),
    ...(opts.ycsb?.length ? { ycsb: opts.ycsb.map((f) => (/^ycsb-[a-f]$/.test(f) ? f : path.resolve(f))) } : {}),
    ...(opts.property?.length ? { properties: parseProperties(opts.property) } : {}),
  });
  for (const w of suite.warnings) process.stderr.write(`note: ${w}\n`);
  return suite;
}

interface RunOptions extends LoadOptions {
  out?: string;
  case?: string[];
  quiet?: boolean;
  workers?: number;
  caseTimeout?: number;
  resume?: string;
  shard?: Shard;
  reporter?: ReporterName[];
}

function parseReporterList(v: string): ReporterName[] {
  const r = parseReporters(v);
  if (!r.ok) throw new InvalidArgumentError(`unknown reporter ${r.unknown.join(', ')} (one of ${REPORTER_NAMES.join(', ')})`);
  return r.reporters;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parsePositiveInt(flag: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError(`${flag} must be a positive integer`);
    return n;
  };
}

function parseCaseTimeout(v: string): number {
  const us = parseDuration(/^\d+(\.\d+)?$/.test(v) ? `${v}s` : v);
  if (typeof us === 'string' || us <= 0) throw new InvalidArgumentError('--case-timeout must be a positive duration: a number of seconds (600) or a string such as "90s" or "500ms"');
  return us / 1000;
}

function parseShard(v: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(v);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count) throw new InvalidArgumentError('--shard must be i/n with 1 <= i <= n, for example 2/3');
  return { index, count };
}

async function runCommand(file: string | undefined, opts: RunOptions): Promise<void> {
  if (opts.resume && opts.out && path.resolve(opts.resume) !== path.resolve(opts.out)) {
    throw new InputError([{ path: '--resume', message: '--resume DIR continues in DIR; do not also give a different --out' }]);
  }
  const suite = await load(file, opts);
  let cases: readonly Case[] = suite.cases;
  if (opts.shard) cases = selectShard(cases, opts.shard);
  if (opts.case?.length) {
    const wanted = new Set(opts.case);
    cases = cases.filter((c) => wanted.has(c.id) || wanted.has(c.name));
    const found = new Set(cases.flatMap((c) => [c.id, c.name]));
    const missing = [...wanted].filter((w) => !found.has(w));
    if (missing.length) throw new InputError(missing.map((m) => ({ path: '--case', message: `no case "${m}" in ${suite.source}${opts.shard ? ` shard ${opts.shard.index}/${opts.shard.count}` : ''} (see \`replbench validate ${suite.source}\` for ids)` })));
  }
  const out = opts.resume ?? opts.out ?? path.join('results', safeName(suite.name));
  await prepareOutputDir(out);
  const seed = opts.seed ?? suite.cases[0]?.config.seed ?? 0;
  const log = (s: string) => {
    if (!opts.quiet) process.stderr.write(`${s}\n`);
  };
  const workers = opts.workers ?? Math.min(availableParallelism(), Math.max(1, cases.length));
  log(`replbench ${VERSION}: suite "${suite.name}", ${cases.length} case${cases.length === 1 ? '' : 's'}${opts.shard ? ` (shard ${opts.shard.index}/${opts.shard.count} of ${suite.cases.length})` : ''}, seed ${seed}, ${workers} worker${workers === 1 ? '' : 's'}`);
  const replayHint = (r: CaseResult) => `replbench run ${suite.source} --case ${r.id}${opts.seed !== undefined ? ` --seed ${opts.seed}` : ''}`;

  // First Ctrl-C: stop dispatching, let cases in flight finish briefly, write what finished (exit 130).
  // Second Ctrl-C: exit at once; the journal already holds every finished case.
  const stop = new AbortController();
  let interrupts = 0;
  const onSigint = () => {
    interrupts++;
    if (interrupts === 1) {
      process.stderr.write('\ninterrupted: finishing cases in flight, then writing results (Ctrl-C again to quit now)\n');
      stop.abort();
    } else {
      process.stderr.write('\ninterrupted again: exiting now; finished cases are in the journal\n');
      process.exit(130);
    }
  };
  process.on('SIGINT', onSigint);
  let progress: Progress | undefined;
  try {
    const { results, files } = await executeRun({
      suite,
      cases,
      out,
      seed,
      ...(opts.shard ? { shard: opts.shard } : {}),
      resume: opts.resume !== undefined,
      ...(opts.reporter ? { reporters: opts.reporter } : {}),
      onResumed: (n) => log(`resuming: ${n} case${n === 1 ? '' : 's'} already in the journal`),
      pool: {
        workers,
        ...(opts.caseTimeout !== undefined ? { caseTimeoutMs: opts.caseTimeout } : suite.options.caseTimeoutMs !== undefined ? { caseTimeoutMs: suite.options.caseTimeoutMs } : {}),
        ...(suite.options.caseMemoryMb !== undefined ? { caseMemoryMb: suite.options.caseMemoryMb } : {}),
        stop: stop.signal,
        graceMs: 5_000,
        onDone: (r) => {
          progress ??= createProgress(cases.length, 0, { quiet: !!opts.quiet, tty: !!process.stderr.isTTY && !!process.stdout.isTTY, replayHint });
          progress.done(r);
        },
      },
    });
    progress?.stop();
    process.stdout.write(`\n${summaryTable(results.cases)}\n\n`);
    if (!opts.quiet) {
      const shown = files.filter((f) => !f.includes(`${path.sep}charts${path.sep}`));
      process.stdout.write(`results: ${shown.map((w) => path.relative(process.cwd(), w) || w).join(', ')} and ${files.length - shown.length} chart files\n`);
    }
    if (results.status === 'interrupted') {
      process.stderr.write(`run interrupted: ${results.cases.length} of ${cases.length} cases finished; continue with: replbench run ${suite.source} --resume ${out}\n`);
      process.exitCode = 130;
    } else {
      process.exitCode = results.cases.some((r) => r.status !== 'ok') ? EXIT.caseFailed : EXIT.ok;
    }
  } catch (err) {
    progress?.stop();
    if (err instanceof WorkerStartError) {
      process.stderr.write(`replbench: ${err.message}\n`);
      process.exit(EXIT.caseFailed);
    }
    throw err;
  } finally {
    process.off('SIGINT', onSigint);
  }
}

async function validateCommand(file: string, opts: LoadOptions): Promise<void> {
  const suite = await load(file, opts);
  process.stdout.write(`${suite.source}: valid, ${suite.cases.length} case${suite.cases.length === 1 ? '' : 's'}\n`);
  for (const c of suite.cases) process.stdout.write(`  ${c.id}  ${c.name}  (seed ${c.config.seed})\n`);
}

function listCommand(): void {
  const lines: string[] = ['replication strategies:'];
  for (const st of builtinStrategies.values()) lines.push(`  ${st.name.padEnd(16)} ${st.description}`);
  lines.push('  (or your own: strategy: { path: ./my-strategy.js, ... }; see README "Writing a strategy")', '');
  lines.push('partitioning schemes (partitioning: <name> or { scheme, vnodes, mode, splits, placement }):');
  const schemes: Record<string, string> = {
    'hash-mod': 'hash(key) mod P; P = nodes is naive mod-N, a fixed P > nodes moves whole partitions',
    range: 'contiguous key ranges (equal-width or explicit splits); scans touch only covering partitions',
    'consistent-hash': 'hash ring with `vnodes` virtual nodes per node; replicas are the next distinct nodes clockwise',
    rendezvous: 'highest random weight; O(nodes) per lookup',
    jump: 'Lamping & Veach jump consistent hash; one partition per node',
  };
  for (const n of PARTITION_SCHEME_NAMES) lines.push(`  ${n.padEnd(16)} ${schemes[n] ?? ''}`);
  lines.push('');
  lines.push(`key distributions (workload.keys): ${KEY_DISTRIBUTION_NAMES.join(', ')}`);
  lines.push(`YCSB presets (workload: <name>): ${YCSB_PRESET_NAMES.join(', ')}`);
  lines.push('operations: read, update, insert, scan, read-modify-write (workload.<op>Proportion)');
  lines.push(`latency / service-time distributions: ${DIST_KINDS.join(', ')}`);
  lines.push('read routing (workload.reads): leader, follower (a random follower), any (a random replica), nearest (by region latency)');
  lines.push('client models: closed (count, thinkTime | target), open (rate, arrival: poisson | constant, maxInflight)');
  lines.push('faults: crash, partition, slow (node or link), loss; targets: node id, random, { leader-of: p }, { a-follower-of: p }');
  lines.push(`reporters: ${REPORTERS.join(', ')}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** Builds the command tree (exported for tests). */
export function buildProgram(): Command {
  const program = new Command();
  program
    .name('replbench')
    .description('Benchmark data replication strategies in a deterministic simulation: what each strategy costs and what it buys.')
    .version(VERSION)
    .showHelpAfterError()
    .exitOverride();
  program
    .command('run')
    .description('run a suite (default: the built-in default suite) in worker threads and write results.json, results.csv, index.html, summary.md and charts/')
    .argument('[suite]', 'suite file (YAML or JSON)')
    .option('-o, --out <dir>', 'output folder (default: results/<suite name>)')
    .option('-s, --seed <n>', 'override the suite seed', parseSeed)
    .option('-r, --repetitions <n>', 'run each combination with n seeds derived from the suite seed (overrides the suite\'s repetitions; compare tests with 5 or more)', parsePositiveInt('--repetitions'))
    .option('--ycsb <file>', 'YCSB workload file or preset (ycsb-a … ycsb-f) replacing the suite\'s workload source; repeat to layer files (later wins)', collect, [])
    .option('-p, --property <key=value>', 'YCSB property override (wins over the files); repeatable', collect, [])
    .option('-c, --case <id...>', 'run only these cases (by id or name; see `replbench validate`)')
    .option('-q, --quiet', 'print only the summary table (and failures)')
    .option('-w, --workers <n>', 'worker threads (default: available cores)', parsePositiveInt('--workers'))
    .option('--case-timeout <seconds>', 'wall-clock limit per case, e.g. 600 or 90s (default 600 s, or the suite\'s caseTimeout)', parseCaseTimeout)
    .option('--resume <dir>', 'continue an interrupted run in <dir>: run only the cases missing from its journal')
    .option('--reporter <list>', `output files besides results.json, comma-separated: ${REPORTER_NAMES.filter((r) => r !== 'json').join(', ')} (default: all)`, parseReporterList)
    .option('--shard <i/n>', 'run the i-th of n deterministic slices of the cases (combine with `replbench merge`)', parseShard)
    .addHelpText(
      'after',
      '\nEach finished case is appended to <out>/journal.jsonl at once; the result files are written\nfrom it atomically. Ctrl-C once: finish cases in flight and write results (exit 130);\ntwice: quit at once.\n\nExit codes: 0 all cases ran, 1 a case failed or timed out, 2 invalid input (nothing is written),\n130 interrupted.',
    )
    .action((file: string | undefined, opts: RunOptions) => runCommand(file, opts));
  program
    .command('validate')
    .description('check a suite file and list the cases it expands to, without running them')
    .argument('<suite>', 'suite file (YAML or JSON)')
    .option('-s, --seed <n>', 'override the suite seed', parseSeed)
    .option('-r, --repetitions <n>', 'override the suite\'s repetitions', parsePositiveInt('--repetitions'))
    .option('--ycsb <file>', 'YCSB workload file or preset replacing the suite\'s workload source (repeatable)', collect, [])
    .option('-p, --property <key=value>', 'YCSB property override (repeatable)', collect, [])
    .action((file: string, opts: LoadOptions) => validateCommand(file, opts));
  registerReportCommand(program);
  registerCompareCommand(program);
  registerMergeCommand(program);
  program.command('list').description('list strategies, partitioning schemes, distributions and other plug-ins').action(listCommand);
  return program;
}

try {
  await buildProgram().parseAsync(process.argv);
} catch (err) {
  if (!(err instanceof CommanderError)) fail(err);
  // Commander's own errors (unknown option, missing argument) are bad input: exit 2. Help and version exit 0.
  process.exit(err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help' ? 0 : EXIT.badInput);
}

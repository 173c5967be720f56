#!/usr/bin/env node
/** The replbench command line: run, validate, list. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { availableParallelism } from 'node:os';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import type { Suite, Case } from '../config/suite.js';
import { InputError } from '../config/errors.js';
import type { Shard } from '../run-suite.js';
import type { CaseResult } from '../../reports/schema.js';
import { parseDuration } from '../config/duration.js';
import { MAX_CASE_TIMEOUT_US } from '../config/limits.js';
import { registerMergeCommand } from './merge-command.js';
import { processIo, registerReportCommand, reportError } from './report-command.js';
import { REPORTERS as REPORTER_NAMES, parseReporters, type ReporterName } from '../../reports/reporters.js';
import { registerCompareCommand } from './compare-command.js';
import { registerCalibrateCommand } from './calibrate-command.js';
import { PACKAGE_ROOT, VERSION } from '../version.js';

// Only what every command needs is imported above; each command loads its own modules (the suite
// schema, the simulator, the worker pool, the chart stack) when it runs, so `--help`, `list` and
// `validate` start fast (see test/cli-starts-without-the-chart-stack.test.ts).
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

function fail(err: unknown): never {
  process.exit(reportError(err, processIo));
}

interface LoadOptions {
  seed?: number;
  repetitions?: number;
  ycsb?: string[];
  property?: string[];
}

/** Parses `-p key=value` (the first `=` separates; whitespace around the key is trimmed; reserved keys are refused). */
async function parseProperties(list: readonly string[] | undefined): Promise<Record<string, string>> {
  const { forbiddenPathProblems } = await import('../config/forbidden-keys.js');
  const out: Record<string, string> = {};
  for (const item of list ?? []) {
    const i = item.indexOf('=');
    if (i <= 0) throw new InputError([{ path: '-p', message: `expected key=value, got "${item}"` }]);
    const key = item.slice(0, i).trim();
    const reserved = forbiddenPathProblems([key], '-p');
    if (reserved.length) throw new InputError(reserved);
    out[key] = item.slice(i + 1);
  }
  return out;
}

/** Quotes a command-line argument for a shell when it needs it. */
function shellArg(a: string): string {
  return /^[\w./:=+,@%-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`;
}

/**
 * Loads the suite a command names. With --ycsb the suite's name and description say which
 * workload ran; without a suite file, a --ycsb run takes only the default suite's cluster and
 * strategies (its run length and workload come from YCSB). The suite's `source` becomes the
 * arguments that select it again (suite file, --ycsb, -p), for replay and resume hints.
 */
async function load(file: string | undefined, opts: LoadOptions): Promise<Suite> {
  const [{ expandSuite, loadSuite, readSuiteFile }, { SHIPPED_YCSB_NAMES, resolveYcsbArgument, standaloneYcsbSuite, ycsbRunIdentity }] = await Promise.all([
    import('../config/suite.js'),
    import('../config/ycsb-run.js'),
  ]);
  const properties = opts.property?.length ? await parseProperties(opts.property) : undefined;
  const ycsb = (opts.ycsb ?? []).map((a) => resolveYcsbArgument(a));
  const missing = ycsb.filter((a) => a.kind === 'file' && !existsSync(a.value));
  if (missing.length) {
    const { YCSB_PRESET_NAMES } = await import('../../workloads/ycsb.js');
    throw new InputError(missing.map((a) => ({ path: '--ycsb', message: `cannot read YCSB workload file ${a.arg}: no such file (shipped core workloads: ${SHIPPED_YCSB_NAMES.join(', ')}; presets: ${YCSB_PRESET_NAMES.join(', ')})` })));
  }
  const options = {
    ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
    ...(opts.repetitions !== undefined ? { repetitions: opts.repetitions } : {}),
    ...(ycsb.length ? { ycsb: ycsb.map((a) => a.value) } : {}),
    ...(properties ? { properties } : {}),
  };
  let suite: Suite;
  if (!ycsb.length) suite = await loadSuite(file ?? DEFAULT_SUITE, options);
  else {
    const suiteFile = file ?? DEFAULT_SUITE;
    const raw = await readSuiteFile(suiteFile);
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) suite = await loadSuite(suiteFile, options); // reports the problem
    else {
      const shown = file === undefined ? undefined : shownPath(file);
      const base = file === undefined ? standaloneYcsbSuite(raw as Record<string, unknown>) : (raw as Record<string, unknown>);
      const suiteName = typeof base.name === 'string' && base.name ? base.name : 'suite';
      const identity = ycsbRunIdentity(ycsb, properties ?? {}, shown === undefined ? undefined : { name: suiteName, source: shown });
      suite = await expandSuite({ ...base, ...identity }, shown ?? '', { ...options, baseDir: path.dirname(path.resolve(suiteFile)) });
    }
  }
  if (ycsb.length || properties) {
    const args = [...(file !== undefined ? [shownPath(file)] : []), ...ycsb.flatMap((a) => ['--ycsb', a.arg]), ...(opts.property ?? []).flatMap((p) => ['-p', p])];
    suite = { ...suite, source: args.map(shellArg).join(' ') };
  }
  for (const w of suite.warnings) process.stderr.write(`note: ${w}\n`);
  return suite;
}

/** A path as shown to the user: relative to the working folder when below it. */
function shownPath(file: string): string {
  const rel = path.relative(process.cwd(), path.resolve(file));
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
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
  force?: boolean;
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
  if (us > MAX_CASE_TIMEOUT_US) throw new InvalidArgumentError(`--case-timeout must be at most ${MAX_CASE_TIMEOUT_US / 1e6} s (7 days)`);
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
  const [{ executeRun, selectShard }, { prepareOutputDir }, { checkOutputOwner }, { suiteFolderName }, { createProgress }, { WorkerStartError }, { summaryTable }] = await Promise.all([
    import('../run-suite.js'),
    import('../output.js'),
    import('../output-owner.js'),
    import('../output-name.js'),
    import('./progress.js'),
    import('../pool/runner.js'),
    import('../../reports/table.js'),
  ]);
  let cases: readonly Case[] = suite.cases;
  if (opts.shard) cases = selectShard(cases, opts.shard);
  if (opts.case?.length) {
    const wanted = new Set(opts.case);
    cases = cases.filter((c) => wanted.has(c.id) || wanted.has(c.name));
    const found = new Set(cases.flatMap((c) => [c.id, c.name]));
    const missing = [...wanted].filter((w) => !found.has(w));
    if (missing.length) throw new InputError(missing.map((m) => ({ path: '--case', message: `no case "${m}" in ${suite.source}${opts.shard ? ` shard ${opts.shard.index}/${opts.shard.count}` : ''} (see \`replbench validate ${suite.source}\` for ids)` })));
  }
  const out = opts.resume ?? opts.out ?? path.join('results', suiteFolderName(suite.name));
  // --resume checks the journal's suite itself (and refuses any other, --force or not).
  if (!opts.resume) await checkOutputOwner(out, { name: suite.name, source: suite.source }, !!opts.force);
  await prepareOutputDir(out, opts.resume ? '--resume' : '--out');
  const seed = opts.seed ?? suite.cases[0]?.config.seed ?? 0;
  const log = (s: string) => {
    if (!opts.quiet) process.stderr.write(`${s}\n`);
  };
  const simulated = cases.filter((c) => c.config.backend === undefined).length;
  const workers = opts.workers ?? Math.min(availableParallelism(), Math.max(1, simulated));
  log(`replbench ${VERSION}: suite "${suite.name}", ${cases.length} case${cases.length === 1 ? '' : 's'}${opts.shard ? ` (shard ${opts.shard.index}/${opts.shard.count} of ${suite.cases.length})` : ''}, seed ${seed}, ${workers} worker${workers === 1 ? '' : 's'}${cases.length > simulated ? `; ${cases.length - simulated} against a real database, one at a time after the simulated ones` : ''}`);
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
  const progress = createProgress(cases.length, { quiet: !!opts.quiet, tty: !!process.stderr.isTTY && !!process.stdout.isTTY, replayHint });
  try {
    const { results, files } = await executeRun({
      suite,
      cases,
      out,
      seed,
      ...(opts.shard ? { shard: opts.shard } : {}),
      resume: opts.resume !== undefined,
      ...(opts.reporter ? { reporters: opts.reporter } : {}),
      log: (line) => process.stderr.write(`${line}\n`),
      onResumed: (n) => {
        log(`resuming: ${n} case${n === 1 ? '' : 's'} already in the journal`);
        progress.resumed(n);
      },
      pool: {
        workers,
        ...(opts.caseTimeout !== undefined ? { caseTimeoutMs: opts.caseTimeout } : suite.options.caseTimeoutMs !== undefined ? { caseTimeoutMs: suite.options.caseTimeoutMs } : {}),
        ...(suite.options.caseMemoryMb !== undefined ? { caseMemoryMb: suite.options.caseMemoryMb } : {}),
        stop: stop.signal,
        graceMs: 5_000,
        onDone: (r) => progress.done(r),
        ...(opts.quiet ? {} : { onProgress: (c: Case, fraction: number) => progress.running(c, fraction) }),
      },
    });
    progress.stop();
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
    progress.stop();
    if (err instanceof WorkerStartError) {
      process.stderr.write(`replbench: ${err.message}\n`);
      process.exit(EXIT.caseFailed);
    }
    throw err;
  } finally {
    process.off('SIGINT', onSigint);
  }
}

async function validateCommand(file: string | undefined, opts: LoadOptions): Promise<void> {
  const suite = await load(file, opts);
  process.stdout.write(`${suite.source}: valid, ${suite.cases.length} case${suite.cases.length === 1 ? '' : 's'}\n`);
  for (const c of suite.cases) process.stdout.write(`  ${c.id}  ${c.name}  (seed ${c.config.seed})\n`);
}

async function listCommand(): Promise<void> {
  const [{ builtinStrategies }, { DIST_KINDS }, { KEY_DISTRIBUTION_NAMES }, { YCSB_PRESET_NAMES }, { PARTITION_SCHEME_NAMES }] = await Promise.all([
    import('../../strategies/replication/registry.js'),
    import('../sim/distributions.js'),
    import('../../workloads/generators/keys.js'),
    import('../../workloads/ycsb.js'),
    import('../../strategies/partitioning/registry.js'),
  ]);
  const lines: string[] = ['replication strategies:'];
  for (const st of builtinStrategies.values()) {
    // Traits with default parameters (a strategy's traits may depend on its parameters).
    const t = typeof st.traits === 'function' ? undefined : st.traits;
    const shown = t ? ` [${[t.writes && `writes: ${t.writes}`, t.view && t.view !== 'harness' && `view: ${t.view}`, t.order && t.order !== 'counter' && `order: ${t.order}`].filter(Boolean).join(', ')}]` : '';
    lines.push(`  ${st.name.padEnd(16)} ${st.description}${shown === ' []' ? '' : shown}`);
  }
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
  lines.push('read routing (workload.reads): leader (or where the strategy sends leader reads), follower (a random follower), any (a random replica), nearest (by region latency), sticky (one replica per client); default: the strategy\'s, else leader');
  lines.push('write routing (workload.writes): leader, any, nearest (the replica reached coordinates); default: the strategy\'s, else leader');
  lines.push('network ordering (network.ordering): fifo (default: ordered links, a lost message resent by the link), independent (messages overtake, a lost one is gone)');
  lines.push('client models: closed (count, thinkTime | target), open (rate, arrival: poisson | constant, maxInflight)');
  lines.push('faults: crash, partition, slow (node or link), loss; targets: node id, random, { leader-of: p }, { a-follower-of: p }');
  lines.push('backends (backend): sim (the simulator, default), postgres (a primary and standbys started from npm\'s binaries, or an existing cluster), redis (a master and replicas from the system\'s redis-server; async or WAIT k), mariadb (a primary and replicas from the system\'s mariadbd; async or semi-sync); see README "Real databases" and `replbench calibrate --help`');
  lines.push(`reporters: ${REPORTERS.join(', ')}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** Builds the command tree (exported for tests). */
export function buildProgram(): Command {
  const program = new Command();
  program
    .name('replbench')
    .description('Benchmark data replication strategies in a deterministic simulation, and real PostgreSQL, Redis and MariaDB replication beside it: what each strategy costs and what it buys.')
    .version(VERSION)
    .showHelpAfterError()
    .exitOverride();
  program
    .command('run')
    .description('run a suite (default: the built-in default suite) in worker threads and write results.json, results.csv, index.html, summary.md and charts/')
    .argument('[suite]', 'suite file (YAML or JSON)')
    .option('-o, --out <dir>', 'output folder (default: results/<suite name>; a name with characters other than a-z, 0-9, ".", "_", "-" gets a short hash: "My Suite" -> results/my-suite-<hash>)')
    .option('--force', 'write into --out even if it holds the results of another suite (their files are replaced)')
    .option('-s, --seed <n>', 'override the suite seed', parseSeed)
    .option('-r, --repetitions <n>', 'run each combination with n seeds derived from the suite seed (overrides the suite\'s repetitions; compare tests with 5 or more)', parsePositiveInt('--repetitions'))
    .option('--ycsb <file>', 'YCSB workload file, shipped core workload (workloada … workloadf, in workloads/ycsb/) or preset (ycsb-a … ycsb-f) replacing the suite\'s workload; repeat to layer files (later wins). Without a suite file: the default suite\'s cluster and strategies, run as YCSB does (operationcount operations, threadcount clients, no warm-up)', collect, [])
    .option('-p, --property <key=value>', 'YCSB property override (wins over the files), e.g. operationcount=100000, threadcount=32, maxexecutiontime=60, warmuptime=2; repeatable', collect, [])
    .option('-c, --case <id...>', 'run only these cases (by id or name; see `replbench validate`)')
    .option('-q, --quiet', 'print only the summary table (and failures)')
    .option('-w, --workers <n>', 'worker threads (default: available cores)', parsePositiveInt('--workers'))
    .option('--case-timeout <seconds>', 'wall-clock limit per case, e.g. 600 or 90s (default 600 s, or the suite\'s caseTimeout)', parseCaseTimeout)
    .option('--resume <dir>', 'continue an interrupted run in <dir>: run only the cases missing from its journal')
    .option('--reporter <list>', `output files besides results.json, comma-separated: ${REPORTER_NAMES.filter((r) => r !== 'json').join(', ')} (default: all)`, parseReporterList)
    .option('--shard <i/n>', 'run the i-th of n deterministic slices of the cases (combine with `replbench merge`)', parseShard)
    .addHelpText(
      'after',
      '\nProgress goes to standard error: cases done of all (resumed ones included), elapsed time, time\nleft, failures, and the share of virtual time simulated in each running case.\n\nCases with a real backend (backend: postgres, redis or mariadb) run after the simulated ones,\none at a time, in this process: their servers listen on 127.0.0.1 only, run as the user nobody when replbench runs\nas root, and are stopped whatever happens (see README "Real databases").\n\nEach finished case is appended to <out>/journal.jsonl at once; the result files are written\nfrom it atomically. Ctrl-C once: finish cases in flight and write results (exit 130);\ntwice: quit at once. A folder that holds another suite\'s results is refused (exit 2) unless\n--force; a rerun of the same suite replaces its own results. Temporary files that an interrupted\nwrite left in the folder are removed (those of processes no longer running).\n\nExit codes: 0 all cases ran, 1 a case failed or timed out, 2 invalid input (nothing is written),\n130 interrupted.',
    )
    .action((file: string | undefined, opts: RunOptions) => runCommand(file, opts));
  program
    .command('validate')
    .description('check a suite file (default: the built-in default suite) and list the cases it expands to, without running them')
    .argument('[suite]', 'suite file (YAML or JSON)')
    .option('-s, --seed <n>', 'override the suite seed', parseSeed)
    .option('-r, --repetitions <n>', 'override the suite\'s repetitions', parsePositiveInt('--repetitions'))
    .option('--ycsb <file>', 'YCSB workload file, shipped core workload (workloada … workloadf) or preset replacing the suite\'s workload (repeatable)', collect, [])
    .option('-p, --property <key=value>', 'YCSB property override (repeatable)', collect, [])
    .action((file: string | undefined, opts: LoadOptions) => validateCommand(file, opts));
  registerReportCommand(program);
  registerCompareCommand(program);
  registerMergeCommand(program);
  registerCalibrateCommand(program);
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

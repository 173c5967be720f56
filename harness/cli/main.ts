#!/usr/bin/env node
/** The replbench command line: run, validate, list. */
import path from 'node:path';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { loadSuite, type Suite } from '../config/suite.js';
import { InputError } from '../config/errors.js';
import { prepareOutputDir } from '../output.js';
import { runCases, buildResults, writeResults } from '../run-suite.js';
import { summaryTable } from '../../reports/table.js';
import { PACKAGE_ROOT, VERSION } from '../version.js';
import { builtinStrategies } from '../../strategies/replication/registry.js';
import { DIST_KINDS } from '../sim/distributions.js';
import { KEY_DISTRIBUTIONS } from '../../workloads/keys.js';

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
  if (err instanceof InputError) {
    process.stderr.write(`replbench: invalid input\n${err.problems.map((p) => `  ${p.path ? `${p.path}: ` : ''}${p.message}`).join('\n')}\n`);
    process.exit(EXIT.badInput);
  }
  process.stderr.write(`replbench: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(EXIT.caseFailed);
}

async function load(file: string | undefined, seed: number | undefined): Promise<Suite> {
  return loadSuite(file ?? DEFAULT_SUITE, seed !== undefined ? { seed } : {});
}

interface RunOptions {
  out?: string;
  seed?: number;
  case?: string[];
  quiet?: boolean;
}

async function runCommand(file: string | undefined, opts: RunOptions): Promise<void> {
  const suite = await load(file, opts.seed);
  let cases = suite.cases;
  if (opts.case?.length) {
    const wanted = new Set(opts.case);
    cases = cases.filter((c) => wanted.has(c.id) || wanted.has(c.name));
    const found = new Set(cases.flatMap((c) => [c.id, c.name]));
    const missing = [...wanted].filter((w) => !found.has(w));
    if (missing.length) throw new InputError(missing.map((m) => ({ path: '--case', message: `no case "${m}" in ${suite.source} (see \`replbench validate ${suite.source}\` for ids)` })));
  }
  const out = opts.out ?? path.join('results', safeName(suite.name));
  await prepareOutputDir(out);
  const seed = opts.seed ?? suite.cases[0]?.config.seed ?? 0;
  const started = new Date();
  const log = (s: string) => {
    if (!opts.quiet) process.stderr.write(`${s}\n`);
  };
  log(`replbench ${VERSION}: suite "${suite.name}", ${cases.length} case${cases.length === 1 ? '' : 's'}, seed ${seed}`);
  const results = await runCases(cases, (r, done, total) => {
    const tag = `[${done}/${total}]`;
    if (r.status === 'ok') log(`${tag} ${r.name}  ${(r.wallMs / 1000).toFixed(2)}s`);
    else
      process.stderr.write(
        `${tag} ${r.name} FAILED (case ${r.id}, seed ${r.seed}): ${r.error.message}\n  replay: replbench run ${suite.source} --case ${r.id}${opts.seed !== undefined ? ` --seed ${opts.seed}` : ''}\n`,
      );
  });
  const doc = buildResults(suite, seed, results, started);
  const written = await writeResults(out, doc);
  process.stdout.write(`\n${summaryTable(results)}\n\n`);
  if (!opts.quiet) process.stdout.write(`results: ${written.map((w) => path.relative(process.cwd(), w) || w).join(', ')}\n`);
  process.exitCode = results.some((r) => r.status !== 'ok') ? EXIT.caseFailed : EXIT.ok;
}

async function validateCommand(file: string, opts: { seed?: number }): Promise<void> {
  const suite = await load(file, opts.seed);
  process.stdout.write(`${suite.source}: valid, ${suite.cases.length} case${suite.cases.length === 1 ? '' : 's'}\n`);
  for (const c of suite.cases) process.stdout.write(`  ${c.id}  ${c.name}  (seed ${c.config.seed})\n`);
}

function listCommand(): void {
  const lines: string[] = ['replication strategies:'];
  for (const s of builtinStrategies.values()) lines.push(`  ${s.name.padEnd(12)} ${s.description}`);
  lines.push('  (or your own: strategy: { path: ./my-strategy.js, ... })', '');
  lines.push('partitioning schemes:', '  hash-mod     hash(key) mod partitions; partition p led by node p mod nodes', '');
  lines.push(`key distributions: ${KEY_DISTRIBUTIONS.join(', ')}`);
  lines.push(`latency / service-time distributions: ${DIST_KINDS.join(', ')}`);
  lines.push('read routing: leader, follower (a random follower), any (a random replica)');
  lines.push('client models: closed (count, thinkTime), open (rate, arrival: poisson | constant)');
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
    .description('run a suite (default: the built-in default suite) and write results.json and results.csv')
    .argument('[suite]', 'suite file (YAML or JSON)')
    .option('-o, --out <dir>', 'output folder (default: results/<suite name>)')
    .option('-s, --seed <n>', 'override the suite seed', parseSeed)
    .option('-c, --case <id...>', 'run only these cases (by id or name; see `replbench validate`)')
    .option('-q, --quiet', 'print only the summary table')
    .addHelpText('after', '\nExit codes: 0 all cases ran, 1 a case failed, 2 invalid input (nothing is written).')
    .action((file: string | undefined, opts: RunOptions) => runCommand(file, opts).catch(fail));
  program
    .command('validate')
    .description('check a suite file and list the cases it expands to, without running them')
    .argument('<suite>', 'suite file (YAML or JSON)')
    .option('-s, --seed <n>', 'override the suite seed', parseSeed)
    .action((file: string, opts: { seed?: number }) => validateCommand(file, opts).catch(fail));
  program.command('list').description('list strategies, partitioning schemes, distributions and other plug-ins').action(listCommand);
  return program;
}

try {
  await buildProgram().parseAsync(process.argv);
} catch (err) {
  // Commander's own errors (unknown option, missing argument) are bad input: exit 2. Help and version exit 0.
  const e = err as CommanderError;
  process.exit(e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help' ? 0 : EXIT.badInput);
}

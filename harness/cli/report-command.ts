/**
 * `replbench report DIR`: re-renders the report (index.html, summary.md, charts, results.csv)
 * from DIR/results.json. Also the shared pieces of the report and compare commands: reading a
 * results folder or file, and printing errors with the CLI's exit codes.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { InputError } from '../config/errors.js';
import { prepareOutputDir, writeAtomic } from '../output.js';
import { parseReporters, REPORTERS, type ReporterName } from '../../reports/reporters.js';
import type { RunResults } from '../../reports/schema.js';

/** Where a command writes and how it reports its exit code (the process by default; tests capture it). */
export interface CommandIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly exit: (code: number) => void;
}

/** The process's streams and exit code. */
export const processIo: CommandIo = {
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
  exit: (code) => void (process.exitCode = code),
};

/** Prints an error the way `replbench` does and returns its exit code: 2 for invalid input, 1 otherwise. */
export function reportError(err: unknown, io: CommandIo): number {
  if (err instanceof InputError) {
    io.stderr(`replbench: invalid input\n${err.problems.map((p) => `  ${p.path ? `${p.path}: ` : ''}${p.message}`).join('\n')}\n`);
    return 2;
  }
  io.stderr(`replbench: ${(err as Error).stack ?? String(err)}\n`);
  return 1;
}

/** A results file read from disk: the document, the file and its folder. */
export interface LoadedResults {
  readonly results: RunResults;
  readonly file: string;
  readonly dir: string;
}

/** Reads and validates results.json from a results folder or a path to the file; `what` names the argument in messages (e.g. `BASE`). */
export async function readResults(target: string, what: string): Promise<LoadedResults> {
  let file = target;
  try {
    if ((await stat(target)).isDirectory()) file = path.join(target, 'results.json');
  } catch (err) {
    throw new InputError([{ path: what, message: `${target} does not exist (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); expected a results folder or a results.json file` }]);
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError([{ path: what, message: code === 'ENOENT' ? `no results.json in ${target} (run \`replbench run --out ${target}\` first)` : `cannot read ${file}: ${code ?? (err as Error).message}` }]);
  }
  const label = path.basename(file) === 'results.json' && file !== target ? `${what} results.json` : `${what} ${path.basename(file)}`;
  const { parseResults } = await import('../../reports/load.js');
  const parsed = parseResults(text, label);
  if (!parsed.ok) throw new InputError(parsed.problems);
  return { results: parsed.results, file, dir: path.dirname(file) };
}

/** Options of `replbench report`. */
export interface ReportOptions {
  readonly reporter?: string;
  readonly out?: string;
  readonly force?: boolean;
}

/** What `replbench report` re-renders unless told otherwise: everything but results.json itself. */
export const REPORT_COMMAND_REPORTERS: readonly ReporterName[] = ['csv', 'html', 'markdown', 'charts'];

/** Runs `replbench report`; returns the exit code. */
export async function reportCommand(target: string, opts: ReportOptions, io: CommandIo = processIo): Promise<number> {
  try {
    let reporters = REPORT_COMMAND_REPORTERS;
    if (opts.reporter !== undefined) {
      const parsed = parseReporters(opts.reporter);
      if (!parsed.ok) throw new InputError([{ path: '--reporter', message: `unknown reporter ${parsed.unknown.map((u) => JSON.stringify(u)).join(', ')} (one or more of ${REPORTERS.join(', ')}, comma-separated)` }]);
      reporters = parsed.reporters;
    }
    const { results, dir } = await readResults(target, 'DIR');
    const out = opts.out ?? dir;
    if (opts.out !== undefined && path.resolve(out) !== path.resolve(dir)) {
      const { checkOutputOwner } = await import('../output-owner.js');
      await checkOutputOwner(out, results.suite, !!opts.force);
    }
    await prepareOutputDir(out, opts.out !== undefined ? '--out' : 'DIR');
    const { renderReport } = await import('../../reports/render.js');
    const files = await renderReport(results, { reporters });
    const written: string[] = [];
    for (const f of files) written.push(await writeAtomic(out, f.name, f.content));
    io.stdout(`wrote ${written.length} file${written.length === 1 ? '' : 's'} to ${out}: ${files.map((f) => f.name).join(', ')}\n`);
    return 0;
  } catch (err) {
    return reportError(err, io);
  }
}

/** Adds `replbench report DIR` to the program. */
export function registerReportCommand(program: Command, io: CommandIo = processIo): void {
  program
    .command('report')
    .description('re-render the report (index.html, summary.md, charts, results.csv) from a results folder')
    .argument('<dir>', 'results folder (holds results.json) or a results.json file')
    .addOption(new Option('-r, --reporter <list>', `what to write, comma-separated: ${REPORTERS.join(', ')} (default: ${REPORT_COMMAND_REPORTERS.join(',')})`))
    .option('-o, --out <dir>', 'write into this folder instead of the results folder')
    .option('--force', 'write into --out even if it holds the results of another suite')
    .addHelpText('after', '\nA --out folder that holds another suite\'s results is refused unless --force.\n\nExit codes: 0 written, 2 invalid input (missing or incompatible results.json, or an --out folder\nthat cannot be created).')
    .action(async (dir: string, opts: ReportOptions) => io.exit(await reportCommand(dir, opts, io)));
}

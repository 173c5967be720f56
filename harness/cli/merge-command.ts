/** `replbench merge DIR... --out DIR`: combine shard outputs into one result set. */
import type { Command } from 'commander';
import { InputError } from '../config/errors.js';
import { prepareOutputDir } from '../output.js';
import { buildResults, writeResults } from '../run-suite.js';
import type { CaseResult, RunResults } from '../../reports/schema.js';
import { readResults } from './report-command.js';

/** Merges result sets of the same suite and version (shards); refuses mixed suites or versions. */
export function mergeResults(parts: readonly RunResults[], labels: readonly string[]): RunResults {
  const first = parts[0]!;
  const problems = [];
  for (let i = 1; i < parts.length; i++) {
    const p = parts[i]!;
    if (p.suite.fingerprint !== first.suite.fingerprint) problems.push({ path: labels[i]!, message: `a different suite (${p.suite.name}, fingerprint ${p.suite.fingerprint}) from ${labels[0]} (${first.suite.name}, ${first.suite.fingerprint})` });
    if (p.environment.replbench !== first.environment.replbench) problems.push({ path: labels[i]!, message: `written by replbench ${p.environment.replbench}, ${labels[0]} by ${first.environment.replbench}` });
  }
  if (problems.length) throw new InputError(problems);
  const byId = new Map<string, CaseResult>();
  for (const p of parts) for (const c of p.cases) if (!byId.has(c.id)) byId.set(c.id, c);
  const cases = [...byId.values()];
  const interrupted = parts.some((p) => p.status === 'interrupted');
  const status = cases.length === first.suite.total && !interrupted ? 'complete' : interrupted ? 'interrupted' : 'partial';
  const started = parts.map((p) => p.startedAt).sort()[0]!;
  return { ...buildResults({ ...first.suite, total: first.suite.total }, first.suite.seed, cases, new Date(started), status), environment: first.environment };
}

/** Adds the `merge` command. */
export function registerMergeCommand(program: Command): void {
  program
    .command('merge')
    .description('combine the outputs of sharded runs (--shard i/n) into one result set')
    .argument('<dirs...>', 'output folders (or results.json files) of the shards')
    .requiredOption('-o, --out <dir>', 'folder to write the merged results.json and results.csv into')
    .option('--force', 'write into --out even if it holds the results of another suite')
    .addHelpText('after', '\nRefuses to merge results of different suites or replbench versions (exit 2). The merged status is\n"partial" when some of the suite\'s cases are in none of the inputs. A --out folder that holds\nanother suite\'s results is refused (exit 2) unless --force.')
    .action(async (dirs: string[], opts: { out: string; force?: boolean }) => {
      const parts = await Promise.all(dirs.map(async (d) => (await readResults(d, d)).results));
      const merged = mergeResults(parts, dirs);
      const { checkOutputOwner } = await import('../output-owner.js');
      await checkOutputOwner(opts.out, merged.suite, !!opts.force);
      await prepareOutputDir(opts.out);
      const files = await writeResults(opts.out, merged);
      process.stdout.write(`merged ${dirs.length} result sets: ${merged.cases.length} of ${merged.suite.total} cases (${merged.status}) -> ${files.join(', ')}\n`);
    });
}

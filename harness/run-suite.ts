/**
 * Running a suite: pick the cases (shard, --case, resume), run them in the worker pool, journal
 * each finished case, and write results.json / results.csv from what finished (atomically).
 */
import type { Case, Suite } from './config/suite.js';
import { environment } from './environment.js';
import { writeAtomic } from './output.js';
import { Journal, readJournal, type JournalHeader } from './journal.js';
import type { PoolOptions } from './pool/runner.js';
import { InputError } from './config/errors.js';
import { VERSION } from './version.js';
import { codeHash } from './code-hash.js';
import { RESULTS_SCHEMA, type CaseResult, type RunResults } from '../reports/schema.js';
import type { ReporterName } from '../reports/reporters.js';

/** A shard: the i-th (1-based) of n slices. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** The deterministic slice `shard` of `cases`: every n-th case by position in the expanded suite. */
export function selectShard(cases: readonly Case[], shard: Shard): Case[] {
  return cases.filter((c) => c.index % shard.count === shard.index - 1);
}

/** Assembles the results document. */
export function buildResults(
  suite: Pick<Suite, 'name' | 'description' | 'source' | 'fingerprint'> & { total: number },
  seed: number,
  cases: readonly CaseResult[],
  startedAt: Date,
  status: RunResults['status'],
  shard?: Shard,
): RunResults {
  return {
    schema: RESULTS_SCHEMA,
    suite: { name: suite.name, ...(suite.description !== undefined ? { description: suite.description } : {}), source: suite.source, seed, fingerprint: suite.fingerprint, total: suite.total },
    status,
    ...(shard ? { shard } : {}),
    environment: environment(),
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    cases: [...cases].sort((a, b) => a.index - b.index),
  };
}

/** Reporters a run writes by default: everything. results.json is always written (report, compare and merge read it). */
export const RUN_REPORTERS: readonly ReporterName[] = ['json', 'csv', 'html', 'markdown', 'charts'];

/** Writes results.json, then each chosen reporter's files (results.csv, index.html, summary.md, charts/) into `dir`, each atomically; returns the paths written. */
export async function writeResults(dir: string, results: RunResults, reporters: readonly ReporterName[] = RUN_REPORTERS): Promise<string[]> {
  const written = [await writeAtomic(dir, 'results.json', `${JSON.stringify(results, null, 2)}\n`)];
  if (reporters.includes('csv')) {
    const { toCsv } = await import('../reports/csv.js');
    written.push(await writeAtomic(dir, 'results.csv', toCsv(results.cases)));
  }
  const rest = reporters.filter((r) => r !== 'json' && r !== 'csv');
  if (rest.length) {
    const { renderReport } = await import('../reports/render.js');
    for (const f of await renderReport(results, { reporters: rest })) written.push(await writeAtomic(dir, f.name, f.content));
  }
  return written;
}

/** Strategy files whose content differs between journalled results and the cases about to run (same case ids). */
export function changedStrategyFiles(journalled: readonly CaseResult[], cases: readonly Case[]): string[] {
  const current = new Map(cases.map((c) => [c.id, c.strategyFiles ?? {}]));
  const changed = new Set<string>();
  for (const r of journalled) {
    const now = current.get(r.id);
    if (!now) continue;
    const then = r.strategyFiles ?? {};
    for (const f of new Set([...Object.keys(then), ...Object.keys(now)])) if (then[f] !== now[f]) changed.add(f);
  }
  return [...changed].sort();
}

/** What `executeRun` needs. */
export interface RunRequest {
  readonly suite: Suite;
  /** The cases to run (after --case and --shard). */
  readonly cases: readonly Case[];
  readonly out: string;
  readonly seed: number;
  readonly shard?: Shard;
  /** Continue the journal in `out` instead of starting a new run. */
  readonly resume: boolean;
  readonly pool: Partial<PoolOptions>;
  /** Which output files to write besides results.json (default: all). */
  readonly reporters?: readonly ReporterName[];
  /** Called for each case already in the journal (resume) before the run starts. */
  readonly onResumed?: (count: number) => void;
  /** One line each about real-backend cases (skipped backends, start-up times). */
  readonly log?: (line: string) => void;
}

/** Runs the request; returns the results document (already written) and the files written. */
export async function executeRun(req: RunRequest): Promise<{ results: RunResults; files: string[] }> {
  const header: JournalHeader = {
    type: 'header',
    suite: req.suite.name,
    source: req.suite.source,
    fingerprint: req.suite.fingerprint,
    replbench: VERSION,
    code: codeHash(),
    seed: req.seed,
    total: req.suite.cases.length,
    ...(req.shard ? { shard: req.shard } : {}),
  };
  const wanted = new Set(req.cases.map((c) => c.id));
  let previous: CaseResult[] = [];
  if (req.resume) {
    const j = readJournal(req.out);
    const problems = [];
    if (j.header.replbench !== VERSION) problems.push({ path: '--resume', message: `the journal was written by replbench ${j.header.replbench}, this is ${VERSION}: results would mix versions; start a new run` });
    if (j.header.fingerprint !== req.suite.fingerprint || j.header.seed !== req.seed) problems.push({ path: '--resume', message: `the suite changed since the journal in ${req.out} was written (different cases or seed); start a new run` });
    if (j.header.code !== undefined && j.header.code !== header.code) problems.push({ path: '--resume', message: `replbench's code changed since the journal in ${req.out} was written (code ${j.header.code.slice(0, 12)}, now ${header.code!.slice(0, 12)}): results would mix two versions of the code; start a new run` });
    const changed = changedStrategyFiles(j.cases, req.cases);
    if (changed.length) problems.push({ path: '--resume', message: `strategy file${changed.length === 1 ? '' : 's'} ${changed.join(', ')} changed since the journal in ${req.out} was written: results would mix two versions of the code under test; start a new run (or restore the file${changed.length === 1 ? '' : 's'})` });
    if ((j.header.shard?.index ?? 0) !== (req.shard?.index ?? 0) || (j.header.shard?.count ?? 0) !== (req.shard?.count ?? 0)) problems.push({ path: '--resume', message: 'the journal is for a different --shard' });
    if (problems.length) throw new InputError(problems);
    previous = j.cases.filter((c) => wanted.has(c.id));
    req.onResumed?.(previous.length);
  }
  const done = new Set(previous.map((c) => c.id));
  const todo = req.cases.filter((c) => !done.has(c.id));
  const started = new Date();
  const { resolvePoolOptions, runInPool } = await import('./pool/runner.js');
  // The chart stack (vega, vega-lite) takes about a second to load: load it on this thread while
  // the workers simulate, so the report does not wait for it afterwards.
  const reporters = req.reporters ?? RUN_REPORTERS;
  if (todo.length && reporters.includes('charts')) void import('../reports/charts/svg.js').catch(() => undefined);
  const journal = Journal.open(req.out, header, req.resume);
  let outcome: { results: CaseResult[]; stopped: boolean };
  try {
    const pool = resolvePoolOptions({
      ...req.pool,
      onDone: (r) => {
        journal.append(r);
        req.pool.onDone?.(r);
      },
    });
    // Simulated cases run in the worker pool; real-backend cases after them, one at a time, in this process.
    const simulated = todo.filter((c) => c.config.backend === undefined);
    const real = todo.filter((c) => c.config.backend !== undefined);
    outcome = simulated.length ? await runInPool(simulated, pool) : { results: [], stopped: false };
    if (real.length && !outcome.stopped) {
      const { runRealCases } = await import('./real/run-real-cases.js');
      const r = await runRealCases(real, { caseTimeoutMs: pool.caseTimeoutMs, ...(pool.stop ? { stop: pool.stop } : {}), ...(pool.onDone ? { onDone: pool.onDone } : {}), ...(pool.onProgress ? { onProgress: pool.onProgress } : {}), ...(req.log ? { log: req.log } : {}) });
      outcome = { results: [...outcome.results, ...r.results], stopped: r.stopped };
    }
  } finally {
    journal.close();
  }
  const all = [...previous, ...outcome.results];
  const results = buildResults({ ...req.suite, total: req.suite.cases.length }, req.seed, all, started, outcome.stopped ? 'interrupted' : 'complete', req.shard);
  const files = await writeResults(req.out, results, req.reporters);
  return { results, files };
}

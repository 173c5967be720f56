/** Runs a suite's cases and writes the results; the CLI's `run` command is a thin layer over this. */
import type { Case, Suite } from './config/suite.js';
import { runCase } from './run-case.js';
import { environment } from './environment.js';
import { writeAtomic } from './output.js';
import { RESULTS_SCHEMA, type CaseResult, type RunResults } from '../reports/schema.js';
import { toCsv } from '../reports/csv.js';

/** Progress callback: called after each case. */
export type OnCaseDone = (result: CaseResult, done: number, total: number) => void;

/** Runs `cases` one after another in this thread. */
export async function runCases(cases: readonly Case[], onDone?: OnCaseDone): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  for (const c of cases) {
    const r = await runCase(c);
    results.push(r);
    onDone?.(r, results.length, cases.length);
  }
  return results;
}

/** Assembles the results document. */
export function buildResults(suite: Suite, seed: number, cases: readonly CaseResult[], startedAt: Date, status: RunResults['status'] = 'complete'): RunResults {
  return {
    schema: RESULTS_SCHEMA,
    suite: { name: suite.name, ...(suite.description !== undefined ? { description: suite.description } : {}), source: suite.source, seed },
    status,
    environment: environment(),
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    cases,
  };
}

/** Writes results.json and results.csv into `dir` (atomically); returns the paths written. */
export async function writeResults(dir: string, results: RunResults): Promise<string[]> {
  return [await writeAtomic(dir, 'results.json', `${JSON.stringify(results, null, 2)}\n`), await writeAtomic(dir, 'results.csv', toCsv(results.cases))];
}

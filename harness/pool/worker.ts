/** The piscina worker: runs one case per task and returns a plain, serialisable CaseResult. */
import type { Case } from '../config/suite.js';
import { runCase } from '../run-case.js';
import type { CaseResult } from '../../reports/schema.js';

/** A task: a case to run, or a ping that proves the worker started. */
export type WorkerTask = { readonly kind: 'case'; readonly case: Case } | { readonly kind: 'ping' };

/** Handles one task. */
export default async function handle(task: WorkerTask): Promise<CaseResult | 'pong'> {
  if (task.kind === 'ping') return 'pong';
  return runCase(task.case);
}

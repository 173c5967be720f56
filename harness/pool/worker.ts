/** The piscina worker: runs one case per task and returns a plain, serialisable CaseResult. */
import type { MessagePort } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import type { Case } from '../config/suite.js';
import { runCase } from '../run-case.js';
import type { CaseResult } from '../../reports/schema.js';

/** A task: a case to run (with an optional port for progress messages), or a ping that proves the worker started. */
export type WorkerTask = { readonly kind: 'case'; readonly case: Case; readonly progress?: MessagePort } | { readonly kind: 'ping' };

/** A progress message a worker posts on the task's port: the share of the case's virtual time simulated. */
export interface ProgressMessage {
  readonly fraction: number;
}

/** At most this many progress messages per second and case (the simulator reports every 65,536 events). */
export const PROGRESS_PER_SECOND = 4;

/** Forwards the simulator's progress to `port`, at most PROGRESS_PER_SECOND times a second (the first report always goes out). */
function progressReporter(port: MessagePort): (fraction: number) => void {
  let last = -Infinity;
  return (fraction) => {
    const now = performance.now();
    if (now - last < 1000 / PROGRESS_PER_SECOND) return;
    last = now;
    port.postMessage({ fraction } satisfies ProgressMessage);
  };
}

/** Handles one task. */
export default async function handle(task: WorkerTask): Promise<CaseResult | 'pong'> {
  if (task.kind === 'ping') return 'pong';
  const port = task.progress;
  if (!port) return runCase(task.case);
  try {
    return await runCase(task.case, { onProgress: progressReporter(port) });
  } finally {
    port.close();
  }
}

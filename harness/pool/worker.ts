/** The piscina worker: runs one case per task and returns a plain, serialisable CaseResult. */
import type { MessagePort } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import type { Case } from '../config/suite.js';
import { runCase } from '../run-case.js';
import type { CaseResult } from '../../reports/schema.js';

/** A task: a case to run (with an optional port for progress messages), or a ping that proves the worker started. */
export type WorkerTask = { readonly kind: 'case'; readonly case: Case; readonly progress?: MessagePort; readonly memoryMb?: number } | { readonly kind: 'ping' };

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

/** Thrown when a case holds more memory than its limit (heap and buffers together). */
class CaseMemoryError extends Error {}

/**
 * The worker's memory in use: the JS heap plus memory outside it that JS objects hold (typed
 * arrays, buffers). The heap limit alone (resourceLimits) does not see the latter.
 */
function memoryInUse(): { heap: number; external: number } {
  const h = getHeapStatistics() as ReturnType<typeof getHeapStatistics> & { external_memory?: number };
  return { heap: h.used_heap_size, external: h.external_memory ?? 0 };
}

/** A check against `limitMb` (undefined: none), run with every progress report and at the end. */
function memoryGuard(limitMb: number | undefined): () => void {
  if (limitMb === undefined) return () => {};
  const limit = limitMb * 1024 * 1024;
  return () => {
    const m = memoryInUse();
    if (m.heap + m.external > limit) {
      const mb = (b: number) => Math.round(b / 1024 / 1024);
      throw new CaseMemoryError(`case exceeded caseMemory (${limitMb} MB): ${mb(m.heap + m.external)} MB in use (heap ${mb(m.heap)} MB, buffers and typed arrays ${mb(m.external)} MB)`);
    }
  };
}

/** Handles one task. */
export default async function handle(task: WorkerTask): Promise<CaseResult | 'pong'> {
  if (task.kind === 'ping') return 'pong';
  const port = task.progress;
  const guard = memoryGuard(task.memoryMb);
  const report = port ? progressReporter(port) : undefined;
  try {
    const result = await runCase(task.case, {
      onProgress: (fraction) => {
        guard();
        report?.(fraction);
      },
    });
    if (result.status === 'ok') {
      try {
        guard();
      } catch (err) {
        return { status: 'failed', id: result.id, index: result.index, name: result.name, seed: result.seed, config: result.config, ...(result.strategyFiles ? { strategyFiles: result.strategyFiles } : {}), error: { message: (err as Error).message }, wallMs: result.wallMs };
      }
    }
    return result;
  } finally {
    port?.close();
  }
}

/**
 * Runs cases in a warm piscina pool of worker threads that load compiled JavaScript.
 * Each case has a timeout (the worker is replaced and the case recorded as `timed-out`) and a
 * memory limit (a worker that exceeds it dies and the case is recorded as `failed`); the suite
 * carries on. A stop signal (first Ctrl-C) stops dispatching; cases in flight get a grace
 * period and are then aborted.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { Case } from '../config/suite.js';
import type { CaseResult } from '../../reports/schema.js';
import { PACKAGE_ROOT } from '../version.js';
import type { ProgressMessage, WorkerTask } from './worker.js';
import { DEFAULT_CASE_MEMORY_MB } from '../config/limits.js';

/** Options of a pool run, resolved. */
export interface PoolOptions {
  /** Worker threads (default: available cores). */
  readonly workers: number;
  /** Wall-clock milliseconds a case may take before it is aborted. */
  readonly caseTimeoutMs: number;
  /** Old-generation heap limit per worker, MB. */
  readonly caseMemoryMb: number;
  /** Aborted when the run should stop dispatching (first Ctrl-C). */
  readonly stop?: AbortSignal;
  /** Milliseconds that in-flight cases get after `stop` before they are aborted. */
  readonly graceMs: number;
  /** Called as each case finishes, in completion order. */
  readonly onDone?: (result: CaseResult) => void;
  /** Called while a case runs with the share of its virtual time simulated (a few times a second at most; never after its onDone). */
  readonly onProgress?: (c: Case, fraction: number) => void;
  /** The worker module (default: the compiled replbench worker). */
  readonly workerFile?: string;
}

/** Default options: one worker per core, 10 minutes and 2 GiB per case, 10 s grace. */
export function resolvePoolOptions(partial: Partial<PoolOptions>): PoolOptions {
  return {
    workers: partial.workers ?? Math.max(1, availableParallelism()),
    caseTimeoutMs: partial.caseTimeoutMs ?? 600_000,
    caseMemoryMb: partial.caseMemoryMb ?? DEFAULT_CASE_MEMORY_MB,
    graceMs: partial.graceMs ?? 10_000,
    ...(partial.stop ? { stop: partial.stop } : {}),
    ...(partial.onDone ? { onDone: partial.onDone } : {}),
    ...(partial.onProgress ? { onProgress: partial.onProgress } : {}),
    ...(partial.workerFile ? { workerFile: partial.workerFile } : {}),
  };
}

/** Thrown when the workers cannot start at all (the run stops with one clear error). */
export class WorkerStartError extends Error {}

/** The compiled worker module (workers always load JavaScript, never TypeScript). */
export const WORKER_FILE = path.join(PACKAGE_ROOT, 'dist', 'harness', 'pool', 'worker.js');

function failed(c: Case, message: string, wallMs: number, status: 'failed' | 'timed-out' = 'failed'): CaseResult {
  return { status, id: c.id, index: c.index, name: c.name, seed: c.config.seed, config: c.config, ...(c.strategyFiles ? { strategyFiles: c.strategyFiles } : {}), error: { message }, wallMs };
}

/** Runs `cases` in a pool; resolves with the results of the cases that finished (in input order) and whether the run was stopped. */
export async function runInPool(cases: readonly Case[], options: PoolOptions): Promise<{ results: CaseResult[]; stopped: boolean }> {
  const workerFile = options.workerFile ?? WORKER_FILE;
  if (!existsSync(workerFile)) throw new WorkerStartError(`worker module ${workerFile} is missing: run \`npm run build\` first`);
  const threads = Math.max(1, Math.min(options.workers, cases.length || 1));
  const pool = new Piscina({
    filename: workerFile,
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: 60_000,
    resourceLimits: { maxOldGenerationSizeMb: options.caseMemoryMb },
  });
  // Piscina emits 'error' when a worker dies while it holds no task (for example a second worker
  // that fails to load before any task reached it); unheard, that event would crash the process.
  // During warm-up it fails the start; later an idle worker's death costs no case and piscina
  // replaces the worker, so it is ignored (the listener stays; later rejections are no-ops).
  const startFailed = new Promise<never>((_resolve, reject) => {
    pool.on('error', (err: Error) => reject(err));
  });
  startFailed.catch(() => undefined);
  try {
    // Warm the pool and prove the workers start; a broken worker stops the run with one error.
    try {
      await Promise.race([Promise.all(Array.from({ length: threads }, () => pool.run({ kind: 'ping' } satisfies WorkerTask))), startFailed]);
    } catch (err) {
      throw new WorkerStartError(`worker threads failed to start: ${(err as Error).message}`);
    }
    const results: (CaseResult | undefined)[] = new Array(cases.length);
    const inflight = new Set<AbortController>();
    let next = 0;
    let stopped = false;
    const onStop = () => {
      stopped = true;
      const grace = setTimeout(() => {
        for (const ac of inflight) ac.abort(new Error('run interrupted'));
      }, options.graceMs);
      grace.unref();
    };
    if (options.stop?.aborted) onStop();
    else options.stop?.addEventListener('abort', onStop, { once: true });

    const runOne = async (i: number): Promise<void> => {
      const c = cases[i]!;
      const ac = new AbortController();
      inflight.add(ac);
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        ac.abort(new Error('case timeout'));
      }, options.caseTimeoutMs);
      const t0 = performance.now();
      // Progress from inside the case comes over a port of its own, transferred with the task.
      const onProgress = options.onProgress;
      const channel = onProgress ? new MessageChannel() : undefined;
      let running = true;
      channel?.port1.on('message', (m: ProgressMessage) => {
        if (running) onProgress!(c, m.fraction);
      });
      let result: CaseResult;
      try {
        const task: WorkerTask = channel ? { kind: 'case', case: c, progress: channel.port2, memoryMb: options.caseMemoryMb } : { kind: 'case', case: c, memoryMb: options.caseMemoryMb };
        result = (await pool.run(task, { signal: ac.signal, ...(channel ? { transferList: [channel.port2] } : {}) })) as CaseResult;
      } catch (err) {
        const wall = performance.now() - t0;
        const e = err as Error & { code?: string };
        if (timedOut) result = failed(c, `timed out after ${options.caseTimeoutMs} ms (wall clock); the worker was replaced`, wall, 'timed-out');
        else if (stopped && ac.signal.aborted) result = failed(c, 'aborted: the run was interrupted', wall);
        else if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') result = failed(c, `worker exceeded its memory limit (${options.caseMemoryMb} MB): ${e.message}`, wall);
        else result = failed(c, `worker died: ${e.message}`, wall);
      } finally {
        running = false;
        channel?.port1.close();
        clearTimeout(timer);
        inflight.delete(ac);
      }
      if (stopped && ac.signal.aborted && !timedOut) return; // aborted by interruption: not a result
      results[i] = result;
      options.onDone?.(result);
    };

    const lane = async (): Promise<void> => {
      while (!stopped && next < cases.length) await runOne(next++);
    };
    await Promise.all(Array.from({ length: threads }, lane));
    options.stop?.removeEventListener('abort', onStop);
    return { results: results.filter((r): r is CaseResult => r !== undefined), stopped };
  } finally {
    await pool.destroy();
  }
}

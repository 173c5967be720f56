/**
 * Runs the real-backend cases of a run one at a time in this process (never in parallel workers:
 * they measure wall-clock time on a shared machine), in one run folder so the cases share one
 * PostgreSQL template. A backend missing from the machine skips its cases with one line. Each
 * case has a wall-clock limit; a stop signal (Ctrl-C) ends the running case early and runs no
 * more. Servers are stopped in every case.
 */
import type { Case } from '../config/suite.js';
import type { CaseResult } from '../../reports/schema.js';
import { backendModule } from './backends.js';
import { RunFolder } from './processes.js';
import { runRealCase } from './run-real-case.js';

/** Options of a sequence of real cases. */
export interface RealRunOptions {
  readonly caseTimeoutMs: number;
  readonly stop?: AbortSignal;
  readonly onDone?: (r: CaseResult) => void;
  readonly onProgress?: (c: Case, fraction: number) => void;
  /** One line each: skipped backends, start-up times. */
  readonly log?: (line: string) => void;
}

/** Runs `cases` (all real) in order; resolves with the finished results and whether the run was stopped. */
export async function runRealCases(cases: readonly Case[], options: RealRunOptions): Promise<{ results: CaseResult[]; stopped: boolean; skipped: number }> {
  const results: CaseResult[] = [];
  const log = options.log ?? (() => {});
  // Backends that cannot run here: their cases are skipped (one line each), never failed.
  const missing = new Map<string, string>();
  for (const kind of new Set(cases.map((c) => c.config.backend!.kind))) {
    const why = await (await backendModule(kind)).unavailable();
    if (why) missing.set(kind, why);
  }
  let skipped = 0;
  for (const [kind, why] of missing) {
    const n = cases.filter((c) => c.config.backend!.kind === kind).length;
    skipped += n;
    log(`skipping ${n} ${kind} case${n === 1 ? '' : 's'}: ${why}`);
  }
  const todo = cases.filter((c) => !missing.has(c.config.backend!.kind));
  if (todo.length === 0) return { results, stopped: false, skipped };
  const folder = RunFolder.create();
  let stopped = false;
  try {
    for (const c of todo) {
      if (options.stop?.aborted) {
        stopped = true;
        break;
      }
      const ac = new AbortController();
      const timer = setTimeout(() => ac.abort(new Error(`timed out after ${options.caseTimeoutMs} ms (wall clock); its servers were stopped`)), options.caseTimeoutMs);
      const onStop = () => ac.abort(new Error('aborted: the run was interrupted'));
      options.stop?.addEventListener('abort', onStop, { once: true });
      let r: CaseResult;
      try {
        r = await runRealCase(c, { folder, signal: ac.signal, log, ...(options.onProgress ? { onProgress: (f: number) => options.onProgress!(c, f) } : {}) });
      } finally {
        clearTimeout(timer);
        options.stop?.removeEventListener('abort', onStop);
      }
      if (options.stop?.aborted) {
        stopped = true;
        break; // interrupted: not a result
      }
      if (ac.signal.aborted && r.status === 'failed') r = { ...r, status: 'timed-out' };
      results.push(r);
      options.onDone?.(r);
    }
  } finally {
    await folder.close();
  }
  return { results, stopped, skipped };
}

/** Runs one case (in-process or inside a worker) and wraps the outcome as a CaseResult. */
import { performance } from 'node:perf_hooks';
import type { Case } from './config/suite.js';
import { importStrategyFile } from './config/strategies.js';
import { builtinStrategies } from '../strategies/replication/registry.js';
import { simulate, type SimulateOptions } from './sim/simulator.js';
import type { CaseResult } from '../reports/schema.js';

/** Runs `c` to completion; never throws (a failure becomes a `failed` result). `options` go to the simulator (progress). */
export async function runCase(c: Case, options?: SimulateOptions): Promise<CaseResult> {
  if (c.config.backend !== undefined) {
    // A real database: its own run folder (servers stopped and folder removed when it ends).
    const [{ RunFolder }, { runRealCase }] = await Promise.all([import('./real/processes.js'), import('./real/run-real-case.js')]);
    const folder = RunFolder.create();
    try {
      return await runRealCase(c, { folder, ...(options?.onProgress ? { onProgress: options.onProgress } : {}) });
    } finally {
      await folder.close();
    }
  }
  const base = { id: c.id, index: c.index, name: c.name, seed: c.config.seed, config: c.config, ...(c.strategyFiles ? { strategyFiles: c.strategyFiles } : {}) };
  const t0 = performance.now();
  try {
    const def = c.strategyModule ? await importStrategyFile(c.strategyModule) : builtinStrategies.get(c.config.strategy.name);
    if (!def) throw new Error(`unknown strategy ${c.config.strategy.name}`);
    const out = simulate(c.config, def, options);
    return { status: 'ok', ...base, metrics: out.metrics, wallMs: performance.now() - t0 };
  } catch (err) {
    const e = err as Error;
    return { status: 'failed', ...base, error: { message: e.message ?? String(err), ...(e.stack ? { stack: e.stack } : {}) }, wallMs: performance.now() - t0 };
  }
}

/** Worker-pool scaling: 8 equal cases with 1 and then 2 workers, and the pool's per-case overhead. */
import { performance } from 'node:perf_hooks';
import { expandSuite, type Case } from '../harness/config/suite.js';
import { resolvePoolOptions, runInPool } from '../harness/pool/runner.js';

async function cases(count: number, duration: string): Promise<readonly Case[]> {
  const suite = await expandSuite(
    {
      name: 'pool-bench',
      seed: 1,
      duration,
      repetitions: count,
      cluster: { nodes: 3, replicationFactor: 3 },
      network: { nodeToNode: { dist: 'exponential', mean: '1ms' }, clientToNode: '0.1ms' },
      workload: { records: 1000, readProportion: 0.5, reads: 'follower', clients: { model: 'closed', count: 16 } },
      strategy: 'async',
    },
    'bench',
    { baseDir: process.cwd() },
  );
  return suite.cases;
}

async function timeRun(list: readonly Case[], workers: number): Promise<number> {
  const t0 = performance.now();
  const { results } = await runInPool(list, resolvePoolOptions({ workers }));
  if (results.some((r) => r.status !== 'ok')) throw new Error('a benchmark case failed');
  return performance.now() - t0;
}

/** Measures the 2-worker speed-up on 8 equal cases and the per-case overhead of the pool. */
export async function benchPool(quick: boolean): Promise<{ oneMs: number; twoMs: number; speedup: number; overheadMs: number }> {
  const equal = await cases(8, quick ? '4s' : '12s');
  const oneMs = await timeRun(equal, 1);
  const twoMs = await timeRun(equal, 2);
  // Overhead: 50 near-empty cases on one worker; (wall − simulation time) / cases.
  const tiny = await cases(50, '1ms');
  const t0 = performance.now();
  const { results } = await runInPool(tiny, resolvePoolOptions({ workers: 1 }));
  const wall = performance.now() - t0;
  const sim = results.reduce((s, r) => s + r.wallMs, 0);
  return { oneMs, twoMs, speedup: oneMs / twoMs, overheadMs: (wall - sim) / tiny.length };
}

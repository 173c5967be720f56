/**
 * Report rendering speed: a synthetic 100-case run (real metrics of a few small simulated cases,
 * duplicated with varied names and configurations) through renderReport. Prints nothing.
 */
import { performance } from 'node:perf_hooks';
import { expandSuite } from '../harness/config/suite.js';
import { simulate } from '../harness/sim/simulator.js';
import { renderReport } from '../reports/render.js';
import { RESULTS_SCHEMA, type CaseResult, type RunResults } from '../reports/schema.js';
import { builtinStrategies } from '../strategies/replication/registry.js';

/** Cases in the synthetic run. */
export const BENCH_CASES = 100;

const SUITE = {
  name: 'report-bench',
  seed: 3,
  duration: '3s',
  warmup: '200ms',
  cluster: { nodes: 3, partitions: 3, replicationFactor: 3 },
  network: { nodeToNode: { dist: 'exponential', mean: '1ms' }, clientToNode: '100us' },
  service: { write: { dist: 'exponential', mean: '50us' }, read: { dist: 'exponential', mean: '20us' } },
  workload: { records: 1000, readProportion: 0.5, clients: { model: 'open', rate: 2000 }, reads: 'follower' },
  matrix: { strategy: ['sync', 'async', { name: 'semi-sync', acks: 1 }, { name: 'semi-sync', acks: 2 }] },
};

/** A 100-case RunResults: 4 simulated strategies × 25 open-loop rates (the metrics are reused across rates). */
export async function syntheticResults(cases = BENCH_CASES): Promise<RunResults> {
  const suite = await expandSuite(SUITE, 'bench', { baseDir: process.cwd() });
  const runs = suite.cases.map((c) => ({ c, metrics: simulate(c.config, builtinStrategies.get(c.config.strategy.name)!).metrics }));
  const out: CaseResult[] = [];
  for (let i = 0; i < cases; i++) {
    const { c, metrics } = runs[i % runs.length]!;
    const rate = 500 * (1 + Math.floor(i / runs.length));
    const workload = { ...c.config.workload, clients: { model: 'open' as const, rate, arrival: 'poisson' as const, maxInflight: 100_000 } };
    out.push({
      status: 'ok',
      id: `${c.id}-${i}`,
      index: i,
      name: `${c.name} rate=${rate}`,
      seed: c.config.seed,
      config: { ...c.config, workload } as typeof c.config,
      metrics: { ...metrics, throughput: Math.min(rate, metrics.throughput), offered: rate },
      wallMs: 1,
    });
  }
  return {
    schema: RESULTS_SCHEMA,
    suite: { name: SUITE.name, source: 'bench', seed: SUITE.seed, fingerprint: 'bench', total: cases },
    status: 'complete',
    environment: { replbench: 'bench', node: process.version, platform: process.platform, arch: process.arch, cpus: 2, cpuModel: 'bench' },
    startedAt: new Date(0).toISOString(),
    finishedAt: new Date(0).toISOString(),
    cases: out,
  };
}

/** Builds the synthetic 100-case run and times renderReport on it (all reporters but json). */
export async function benchReport(): Promise<{ cases: number; ms: number }> {
  const results = await syntheticResults();
  const t0 = performance.now();
  await renderReport(results, { reporters: ['csv', 'html', 'markdown', 'charts'] });
  return { cases: results.cases.length, ms: performance.now() - t0 };
}

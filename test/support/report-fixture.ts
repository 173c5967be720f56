/**
 * Test support for reports: small real runs (simulated through the suite expander) wrapped
 * into a RunResults document, as `replbench run` would write it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { RESULTS_SCHEMA, type CaseResult, type RunResults } from '../../reports/schema.js';
import { runSuite } from './run-suite.js';

/**
 * A fast suite: three strategies, an open-loop rate sweep, follower reads, 2 s of virtual time.
 * Links are `independent` (messages overtake each other), so the strategies resend and the
 * results carry a strategy counter (`retransmits`) for the report and compare tests.
 */
export const SMALL_SUITE: Record<string, unknown> = {
  name: 'report-fixture',
  description: 'three strategies, two offered loads',
  seed: 5,
  duration: '2200ms',
  warmup: '200ms',
  cluster: { nodes: 3, partitions: 1, replicationFactor: 3 },
  network: { nodeToNode: { dist: 'exponential', mean: '1ms' }, clientToNode: '100us', ordering: 'independent' },
  service: { write: { dist: 'exponential', mean: '50us' }, read: { dist: 'exponential', mean: '20us' } },
  workload: { records: 500, readProportion: 0.5, clients: { model: 'open', rate: 1000 }, reads: 'follower' },
  matrix: {
    strategy: ['sync', 'async', { name: 'semi-sync', acks: 1 }],
    'workload.clients.rate': [500, 2000],
  },
};

/** Simulates `suite` and wraps the cases as a RunResults document. */
export async function resultsOf(suite: Record<string, unknown> = SMALL_SUITE, rename?: (name: string, i: number) => string): Promise<RunResults> {
  const runs = await runSuite(suite);
  const cases: CaseResult[] = runs.map((r, i) => ({ status: 'ok', id: r.id, index: i, name: rename ? rename(r.name, i) : r.name, seed: r.config.seed, config: r.config, metrics: r.metrics, wallMs: 1 }));
  return {
    schema: RESULTS_SCHEMA,
    suite: { name: String(suite.name), ...(suite.description ? { description: String(suite.description) } : {}), source: 'test', seed: Number(suite.seed ?? 1), fingerprint: 'test', total: runs.length },
    status: 'complete',
    environment: { replbench: '0.0.0-test', node: process.version, platform: process.platform, arch: process.arch, cpus: 2, cpuModel: 'test cpu' },
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:00:10.000Z',
    cases,
  };
}

/** SMALL_SUITE with two partitioning schemes swept as well (six partitions over three nodes). */
export const PARTITIONED_SUITE: Record<string, unknown> = {
  ...SMALL_SUITE,
  name: 'report-fixture-partitioned',
  cluster: { nodes: 3, partitions: 6, replicationFactor: 3 },
  matrix: { ...(SMALL_SUITE.matrix as Record<string, unknown>), partitioning: ['hash-mod', 'jump'] },
};

/**
 * Adds a fault window and a failover (`metrics.faults`, as fault injection records them) to every
 * case, so that the time-series chart's shading and markers are exercised whatever the run did.
 */
export function withFaultWindows(results: RunResults): RunResults {
  const cases = results.cases.map((c): CaseResult => (c.status !== 'ok' ? c : { ...c, metrics: { ...c.metrics, faults: { windows: [{ start_s: 0.5, end_s: 1.2, label: 'crash n1', kind: 'crash' }], failovers: [{ at_s: 0.8 }] } } as unknown as typeof c.metrics }));
  return { ...results, cases };
}

/** A suite file as parsed YAML. */
type SuiteObject = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * A ready suite from suites/ (its matrix, case names, faults and timing kept), made quick by
 * `adjust` (a lower rate, a shorter duration), simulated and wrapped as RunResults.
 */
export async function readySuiteResults(name: string, adjust: (suite: SuiteObject) => SuiteObject = (s) => s): Promise<RunResults> {
  const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'suites', `${name}.yaml`);
  return resultsOf(adjust(parse(readFileSync(file, 'utf8')) as SuiteObject));
}

/** The failover suite at a fifth of its load: the same six cases, faults at 5-8 s, failovers. */
export const quickFailover = () => readySuiteResults('failover', (s) => ({ ...s, workload: { ...s.workload, clients: { ...s.workload.clients, rate: 2000 } } }));

/** The scaling suite's 18 cases over a shorter run with fewer clients. */
export const quickScaling = () => readySuiteResults('scaling', (s) => ({ ...s, duration: '800ms', warmup: '200ms', workload: { ...s.workload, clients: { ...s.workload.clients, count: 48 } } }));

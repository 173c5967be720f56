/**
 * Test support: expand a suite object (so every test also goes through suite validation and
 * defaulting) and simulate its cases with the built-in strategies.
 */
import { expandSuite } from '../../harness/config/suite.js';
import type { CaseConfig } from '../../harness/config/schema.js';
import type { CaseMetrics } from '../../harness/metrics/types.js';
import { simulate, type FinalState } from '../../harness/sim/simulator.js';
import { builtinStrategies } from '../../strategies/replication/registry.js';
import type { StrategyDefinition } from '../../harness/runtime/contract.js';

/** One simulated case. */
export interface CaseRun {
  readonly id: string;
  readonly name: string;
  readonly config: CaseConfig;
  readonly metrics: CaseMetrics;
  readonly events: number;
  /** The cluster as the run left it (partition views, replicas' log positions and data). */
  readonly final: FinalState;
}

/** Strategies a test defines itself, by name (used besides the built-ins). */
export type TestStrategies = ReadonlyMap<string, StrategyDefinition<any>>;

/** Expands `suite` (throws InputError if it is invalid) and simulates each case, in matrix order. */
export async function runSuite(suite: Record<string, unknown>, strategies?: TestStrategies): Promise<CaseRun[]> {
  const { cases } = await expandSuite(suite, 'test', { baseDir: process.cwd(), ...(strategies ? { strategies } : {}) });
  return cases.map((c) => {
    const strategy = strategies?.get(c.config.strategy.name) ?? builtinStrategies.get(c.config.strategy.name);
    if (!strategy) throw new Error(`no built-in strategy ${c.config.strategy.name}`);
    const { metrics, events, final } = simulate(c.config, strategy);
    return { id: c.id, name: c.name, config: c.config, metrics, events, final };
  });
}

/** Expands a suite that must yield exactly one case and simulates it. */
export async function runOne(suite: Record<string, unknown>, strategies?: TestStrategies): Promise<CaseRun> {
  const runs = await runSuite(suite, strategies);
  if (runs.length !== 1) throw new Error(`expected one case, got ${runs.length}`);
  return runs[0]!;
}

/** Mean latency over reads and writes together (µs), weighted by their counts. */
export function meanLatency(m: CaseMetrics): number {
  const { read, write } = m.ops;
  const n = read.count + write.count;
  return n === 0 ? NaN : (read.count * read.latency.mean + write.count * write.latency.mean) / n;
}

/** How many (key, replica) pairs of `partition` hold a version other than its leader's (its first replica's when leaderless; 0 once the replicas have converged). */
export function divergentVersions(final: FinalState, partition: number): number {
  const p = final.partitions[partition]!;
  const ref = p.leader ?? p.replicas[0]!.node;
  let n = 0;
  for (let k = 0; k < final.keys; k++) {
    if (final.partitionOf(k) !== partition) continue;
    const v = final.version(ref, k);
    for (const r of p.replicas) if (final.version(r.node, k) !== v) n++;
  }
  return n;
}

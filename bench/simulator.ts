/** Simulator throughput: simulated client operations per wall-clock second on one core. */
import { performance } from 'node:perf_hooks';
import { simulate } from '../harness/sim/simulator.js';
import { builtinStrategies } from '../strategies/replication/registry.js';
import { benchCase } from './scenario.js';

/** One measurement of the simulator. */
export interface SimBenchResult {
  readonly strategy: string;
  readonly operations: number;
  readonly events: number;
  readonly wallMs: number;
  readonly opsPerSec: number;
  readonly eventsPerSec: number;
}

/** Runs the benchmark scenario for each strategy (one warm-up run of 1/10 size first). */
export async function benchSimulator(strategies: readonly string[], operations: number): Promise<SimBenchResult[]> {
  const out: SimBenchResult[] = [];
  for (const name of strategies) {
    const def = builtinStrategies.get(name)!;
    simulate((await benchCase(name, Math.max(1000, operations / 10))).config, def);
    const c = await benchCase(name, operations);
    const t0 = performance.now();
    const r = simulate(c.config, def);
    const wallMs = performance.now() - t0;
    const ops = r.metrics.ops.read.count + r.metrics.ops.write.count;
    out.push({ strategy: name, operations: ops, events: r.events, wallMs, opsPerSec: (ops / wallMs) * 1000, eventsPerSec: (r.events / wallMs) * 1000 });
  }
  return out;
}

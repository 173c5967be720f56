/** Simulator throughput: simulated client operations per wall-clock second on one core. */
import { performance } from 'node:perf_hooks';
import { simulate } from '../harness/sim/simulator.js';
import { builtinStrategies } from '../strategies/replication/registry.js';
import { benchCase } from './scenario.js';
import { bareLoop } from './baseline.js';

/** One measurement of the simulator. */
export interface SimBenchResult {
  readonly strategy: string;
  readonly operations: number;
  readonly events: number;
  readonly wallMs: number;
  readonly opsPerSec: number;
  readonly eventsPerSec: number;
  /** The bare loop's rate in the same rounds (its best), and the simulator's share of it. */
  readonly bareOpsPerSec: number;
  readonly ratio: number;
}

/** Rounds per strategy: bare loop and simulator alternate, and each keeps its best time (the least disturbed by other work on the machine). */
const ROUNDS = 3;

/** Runs the benchmark scenario for each strategy (one warm-up run of 1/10 size first), alternating with the bare loop. */
export async function benchSimulator(strategies: readonly string[], operations: number): Promise<SimBenchResult[]> {
  const out: SimBenchResult[] = [];
  bareLoop(operations / 10);
  for (const name of strategies) {
    const def = builtinStrategies.get(name)!;
    simulate((await benchCase(name, Math.max(1000, operations / 10))).config, def);
    const c = await benchCase(name, operations);
    let best = Infinity;
    let bestBare = Infinity;
    let last: ReturnType<typeof simulate> | undefined;
    for (let round = 0; round < ROUNDS; round++) {
      bestBare = Math.min(bestBare, bareLoop(operations).wallMs);
      const t0 = performance.now();
      last = simulate(c.config, def);
      best = Math.min(best, performance.now() - t0);
    }
    const ops = last!.metrics.ops.read.count + last!.metrics.ops.write.count;
    const opsPerSec = (ops / best) * 1000;
    const bareOpsPerSec = (operations / bestBare) * 1000;
    out.push({ strategy: name, operations: ops, events: last!.events, wallMs: best, opsPerSec, eventsPerSec: (last!.events / best) * 1000, bareOpsPerSec, ratio: opsPerSec / bareOpsPerSec });
  }
  return out;
}

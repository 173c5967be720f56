/** Memory check run in its own process: one large async case, then the peak resident set size. */
import { simulate } from '../harness/sim/simulator.js';
import { builtinStrategies } from '../strategies/replication/registry.js';
import { benchCase } from './scenario.js';

const operations = Number(process.argv[2] ?? 1e7);
const c = await benchCase('async', operations);
const t0 = performance.now();
const r = simulate(c.config, builtinStrategies.get('async')!);
const wallMs = performance.now() - t0;
process.stdout.write(
  `${JSON.stringify({ operations: r.metrics.ops.read.count + r.metrics.ops.write.count, wallMs, maxRssMB: process.resourceUsage().maxRSS / 1024 })}\n`,
);

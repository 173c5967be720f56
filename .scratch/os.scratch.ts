import { test } from 'vitest';
import { expandSuite } from '../harness/config/suite.js';
import { simulate } from '../harness/sim/simulator.js';
import { builtinStrategies } from '../strategies/replication/registry.js';

async function run(raw: object) {
  const s = await expandSuite(raw, 'scratch', { baseDir: process.cwd() });
  return s.cases.map((c) => { const t0 = Date.now(); const o = simulate(c.config, builtinStrategies.get(c.config.strategy.name)!); return { name: c.name, ms: Date.now() - t0, o }; });
}
test('os', async () => {
  for (const [think, seed] of [[20,1],[20,2],[20,3],[0,1]]) {
    for (const parts of (think ? [1] : [1, 16, 64])) {
  const res = await run({
    seed, duration: '100000s', operations: 100000,
    cluster: { nodes: 4, replicationFactor: 4, partitions: parts },
    network: { nodeToNode: { dist: 'exponential', mean: 1 }, clientToNode: 0 },
    service: { write: 0, read: 0, apply: 0 },
    workload: { readProportion: 0, clients: { model: 'closed', count: 1, thinkTime: think } },
    matrix: { strategy: [{ name: 'sync', retransmit: '1000s' }, { name: 'semi-sync', acks: 1, timeout: '1000s', retransmit: '1000s' }, { name: 'semi-sync', acks: 2, timeout: '1000s', retransmit: '1000s' }] },
  });
  for (const r of res) console.log(think, parts, r.name, r.ms, r.o.metrics.ops.write.count, r.o.metrics.ops.write.latency.mean, JSON.stringify(r.o.metrics.counters));
    }
  }
});

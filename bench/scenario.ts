/** The benchmark scenario of the core issue: 3 replicas, 16 closed-loop clients, 50% follower reads. */
import { expandSuite } from '../harness/config/suite.js';
import type { Case } from '../harness/config/suite.js';

/** Builds the benchmark case for `strategy` with `operations` client operations. */
export async function benchCase(strategy: string, operations: number): Promise<Case> {
  const suite = await expandSuite(
    {
      name: 'bench',
      seed: 1,
      duration: '100000s',
      operations,
      cluster: { nodes: 3, partitions: 1, replicationFactor: 3 },
      network: { nodeToNode: { dist: 'exponential', mean: '1ms' }, clientToNode: { dist: 'constant', value: '0.1ms' } },
      workload: { records: 1000, readProportion: 0.5, clients: { model: 'closed', count: 16 }, reads: 'follower' },
      strategy,
    },
    'bench',
    { baseDir: process.cwd() },
  );
  return suite.cases[0]!;
}

/**
 * The README's example strategy (examples/strategies/majority.js), loaded from its file through
 * the CLI, commits a write once a majority of the replicas hold it: with 5 replicas the leader
 * waits for 2 of 4 followers, exactly the rule of the built-in `semi-sync` with acks 2 (and a
 * timeout that never fires). Same seed, same workload: the two runs draw the same delays, so
 * their write latencies agree (measured: identical, 1722.6 µs mean; asserted within 2%, since the
 * built-in also runs a retransmission timer, which the example lacks, so the match need not be
 * exact), and both sit between async (200 µs) and sync (3799 µs).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, replbench, suiteFile } from './helpers/cli.js';

describe('the example majority strategy', () => {
  it('commits at 2 of 4 follower acks, like semi-sync acks 2', () => {
    const example = path.join(ROOT, 'examples', 'strategies', 'majority.js');
    const file = suiteFile(`name: majority-example
seed: 7
duration: 3s
warmup: 500ms
cluster: { nodes: 5, partitions: 1, replicationFactor: 5 }
network: { nodeToNode: { dist: exponential, mean: 1ms }, clientToNode: 100us }
workload: { records: 1000, readProportion: 0.5, reads: follower, clients: { model: closed, count: 1 } }
matrix:
  strategy:
    - { path: ${JSON.stringify(example)} }
    - { name: semi-sync, acks: 2, timeout: 1000s }
    - sync
    - async
`);
    const out = path.join(path.dirname(file), 'out');
    const r = replbench(['run', file, '--out', out, '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(readFileSync(path.join(out, 'results.json'), 'utf8')) as { cases: { status: string; config: { strategy: { name: string } }; metrics: { ops: { write: { count: number; latency: { mean: number } } } } }[] };
    const mean = Object.fromEntries(doc.cases.map((c) => [c.config.strategy.name, c.metrics.ops.write.latency.mean]));
    for (const c of doc.cases) {
      expect(c.status).toBe('ok');
      expect(c.metrics.ops.write.count).toBeGreaterThan(500);
    }
    expect(Math.abs(mean['majority']! / mean['semi-sync']! - 1)).toBeLessThan(0.02);
    expect(mean['majority']).toBeGreaterThan(mean['async']! * 2);
    expect(mean['majority']).toBeLessThan(mean['sync']!);
  });
});

/**
 * Multi-leader last-writer-wins with clock skew: a replica whose clock is behind stamps its
 * writes earlier than they happened, so a write made through it loses to any write to the same
 * key stamped by a clock ahead of it, even one made before it: more writes are silently
 * overwritten as the skew grows, and none is counted lost.
 *
 * Set-up as in multi-leader-lww-overwrites-concurrent-writes (seed 11, 3 nodes, one hot key, 4
 * clients, exponential 1 ms links and 2 ms think times, half reads, 3 s); `skew: d` puts node i
 * i·d ahead, so node 0 is the furthest behind. Common random numbers: every case sees the same
 * arrivals and routes. Measured overwritten writes for d = 0, 0.5 ms, 2 ms, 10 ms: 142, 390,
 * 1,043, 1,645 of 2,553.
 */
import { describe, expect, it } from 'vitest';
import { runOne } from './support/run-suite.js';

const run = (skew: string) =>
  runOne({
    seed: 11,
    duration: '3s',
    warmup: '200ms',
    cluster: { nodes: 3, partitions: 1, replicationFactor: 3 },
    network: { nodeToNode: { dist: 'exponential', mean: '1ms' }, clientToNode: '100us' },
    workload: { records: 1, readProportion: 0.5, clients: { model: 'closed', count: 4, thinkTime: { dist: 'exponential', mean: '2ms' } } },
    strategy: { name: 'multi-leader', skew },
  });

describe('multi-leader clock skew', () => {
  it('overwrites more writes the further the clocks are apart', async () => {
    const counts: number[] = [];
    for (const skew of ['0ms', '500us', '2ms', '10ms']) {
      const { metrics: m } = await run(skew);
      expect(m.durability.lostWrites).toBe(0);
      counts.push(m.durability.overwrittenWrites);
    }
    for (let i = 1; i < counts.length; i++) expect(counts[i]!).toBeGreaterThan(counts[i - 1]! * 1.3);
  });
});

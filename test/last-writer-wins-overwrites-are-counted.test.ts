/**
 * A multi-leader last-writer-wins plugin: writes are counted as silently overwritten when a write
 * that did not follow them wins by its (clock, node) version, never as lost (nothing is rolled
 * back), and not at all when the winner came after them.
 *
 * One key, one client writing every 5 ms, each write to a random one of 2 replicas, 1 ms links.
 * - No skew: every write reaches the other replica before the next one is made, so each write's
 *   coordinator has seen the previous one: 0 overwritten.
 * - Node 1's clock 1 s ahead: node 0's writes carry timestamps 1 s older than node 1's, so once
 *   node 1 has written, every write node 0 makes within the next second loses at once, although
 *   it was acknowledged. About half the writes go to node 0; the first ~10 ms of the run hold at
 *   most a couple of them before node 1's first write: the count is half the writes ± 5 standard
 *   deviations of a binomial (√(n/4) with n ≈ 800).
 */
import { describe, expect, it } from 'vitest';
import { runOne } from './support/run-suite.js';
import { lwwMultiLeader } from './support/strategies.js';

const suite = (skew: number[]) => ({
  seed: 12,
  duration: '4s',
  cluster: { nodes: 2, partitions: 1, replicationFactor: 2 },
  network: { nodeToNode: '1ms', clientToNode: '100us' },
  workload: { records: 1, readProportion: 0, clients: { model: 'closed', count: 1, thinkTime: '5ms' } },
  strategy: { name: 'test-lww', skew },
});

describe('last-writer-wins', () => {
  it('counts writes beaten by a concurrent clock as overwritten, never lost', async () => {
    const plain = await runOne(suite([0, 0]), new Map([['test-lww', lwwMultiLeader]]));
    const n = plain.metrics.ops.write.count;
    expect(n).toBeGreaterThan(700);
    expect(plain.metrics.durability.overwrittenWrites).toBe(0);
    expect(plain.metrics.durability.lostWrites).toBe(0);

    const skewed = await runOne(suite([0, 1_000_000]), new Map([['test-lww', lwwMultiLeader]]));
    const w = skewed.metrics.ops.write.count;
    const o = skewed.metrics.durability.overwrittenWrites;
    expect(o).toBeGreaterThan(w / 2 - 5 * Math.sqrt(w / 4));
    expect(o).toBeLessThan(w / 2 + 5 * Math.sqrt(w / 4));
    expect(skewed.metrics.durability.lostWrites).toBe(0);
  });
});

/**
 * With r + w > n every read quorum overlaps every write quorum, so without failures no read
 * returns a version older than one committed before it started: 0 stale reads, whatever the
 * fan-out and however writes and reads interleave.
 *
 * Set-up (seed 5): 3 nodes, RF 3; exponential links with a 1 ms mean and independent ordering
 * (messages overtake each other), 16 closed-loop clients on 20 keys (writes to one key cross),
 * half reads, 5 s with 500 ms warm-up; no faults, so nothing fails. Cases: w = r = 2 with fan-out
 * all and quorum; w = 3, r = 1; w = 1, r = 3 (fan-out quorum). Each measures over 15,000 reads.
 * A control (w = r = 1, fan-out all: r + w = n) does read stale data, so the set-up can show it.
 */
import { describe, expect, it } from 'vitest';
import { runOne } from './support/run-suite.js';

const run = (strategy: Record<string, unknown>) =>
  runOne({
    seed: 5,
    duration: '5s',
    warmup: '500ms',
    cluster: { nodes: 3, partitions: 1, replicationFactor: 3 },
    network: { nodeToNode: { dist: 'exponential', mean: '1ms' }, clientToNode: '100us', ordering: 'independent' },
    workload: { records: 20, readProportion: 0.5, clients: { model: 'closed', count: 16 } },
    strategy: { name: 'quorum', ...strategy },
  });

describe('quorums with r + w > n', () => {
  it.each([
    { w: 2, r: 2 },
    { w: 2, r: 2, fanout: 'quorum' },
    { w: 3, r: 1 },
    { w: 1, r: 3, fanout: 'quorum' },
  ])('%o: no stale read, no failure', async (strategy) => {
    const { metrics: m } = await run(strategy);
    expect(m.ops.read.count).toBeGreaterThan(15_000);
    expect(m.ops.read.failed + m.ops.write.failed).toBe(0);
    expect(m.staleness.stale).toBe(0);
    expect(m.durability.lostWrites).toBe(0);
  });

  it('control: r + w = n reads stale data in the same set-up', async () => {
    const { metrics: m } = await run({ w: 1, r: 1 });
    expect(m.staleness.fraction).toBeGreaterThan(0.05);
  });
});

/**
 * Loss repair resends what a follower lacks, not what it already holds. Under heavy reordering
 * (exponential delays at ~100k writes/s, so dozens of entries are in flight and many wait at the
 * follower above a gap), a gap used to make the leader resend up to 256 entries above it, most of
 * them already waiting there. Acks name the entry they answer, and the leader keeps a
 * selective-ack scoreboard of them.
 *
 * Links are `independent` (messages overtake each other, a lost one is gone): with `fifo` links
 * nothing arrives out of order and a lost message is resent by the link, so no resend is needed.
 *
 * Set-up (seed 273): 5 nodes, one partition, RF 3, async; node↔node Exp(mean 1 ms); 4 workers,
 * Exp(20 µs) writes and applies; 32 closed-loop clients, 80% writes (20% inserts, 60% updates),
 * `latest` keys, leader reads. Measured over 3 s: with no loss 2.8% of the appends were resent
 * (23.8% before the scoreboard), with 1% loss 2.7% (67.8% before). The remaining resends are
 * entries still in flight after the retransmission timeout (the exponential tail). Bound: 5%,
 * far below the old behaviour. With 1% loss at least the lost appends must be resent, so the
 * count is also bounded below (half of 1%).
 */
import { describe, expect, it } from 'vitest';
import { runOne } from './support/run-suite.js';

const suite = (loss: number) => ({
  name: 'resends-under-reordering',
  seed: 273,
  duration: '3s',
  warmup: '500ms',
  cluster: { nodes: 5, partitions: 1, replicationFactor: 3 },
  network: { nodeToNode: { dist: 'exponential', mean: '1ms' }, clientToNode: '100us', loss, ordering: 'independent' },
  service: { workers: 4, write: { dist: 'exponential', mean: '20us' }, read: { dist: 'exponential', mean: '10us' }, apply: { dist: 'exponential', mean: '20us' } },
  workload: { records: 2000, readProportion: 0.2, insertProportion: 0.2, updateProportion: 0.6, keys: 'latest', reads: 'leader', clients: { model: 'closed', count: 32 } },
  strategy: 'async',
});

describe('resends under heavy reordering', () => {
  it.each([
    [0, 0.05],
    [0.01, 0.05],
  ])('loss %d: at most %d of the appends are resent', async (loss, bound) => {
    const run = await runOne(suite(loss));
    const appends = 2 * run.metrics.ops.write.count; // two followers
    expect(appends).toBeGreaterThan(400_000);
    const resent = run.metrics.counters['retransmits'] ?? 0;
    expect(resent / appends).toBeLessThan(bound);
    if (loss > 0) expect(resent).toBeGreaterThan(loss * appends * 0.5);
  });
});

/**
 * A chain write passes every node before the tail acknowledges it, so its latency grows by one
 * hop per node: with constant links and service times it is exactly
 *   client→head + head's write + (n − 1) × (link + apply) + tail→client
 *   = 100 + 20 + (n − 1) × 1,020 + 100 µs: 2,260 µs for 3 nodes, 3,280 for 4, 4,300 for 5.
 * (The acknowledgements flowing back up the chain are not on the client's path.)
 *
 * Set-up (seed 3): one partition replicated on every node, node↔node 1 ms, client↔node 100 µs,
 * service times write 20 µs and apply 20 µs (constant), one closed-loop client writing (no
 * queueing). Tolerance: 10 µs, for the histogram's 3 significant digits (HDR rounding).
 */
import { describe, expect, it } from 'vitest';
import { runOne } from './support/run-suite.js';

const suite = (n: number) => ({
  seed: 3,
  duration: '3s',
  warmup: '200ms',
  cluster: { nodes: n, partitions: 1, replicationFactor: n },
  network: { nodeToNode: '1ms', clientToNode: '100us' },
  service: { write: '20us', read: '10us', apply: '20us' },
  workload: { records: 100, readProportion: 0, clients: { model: 'closed', count: 1 } },
  strategy: 'chain',
});

describe('chain write latency', () => {
  it('grows by one hop per node (3, 4 and 5 nodes)', async () => {
    for (const n of [3, 4, 5]) {
      const { write } = (await runOne(suite(n))).metrics.ops;
      const expected = 100 + 20 + (n - 1) * 1020 + 100;
      expect(write.count).toBeGreaterThan(500);
      expect(Math.abs(write.latency.p50 - expected)).toBeLessThanOrEqual(10);
      expect(Math.abs(write.latency.max - expected)).toBeLessThanOrEqual(10);
    }
  });
});

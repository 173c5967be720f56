/**
 * Faults may overlap: when the first of two overlapping faults ends, the second still holds.
 * A node crashed twice comes back when the later crash ends; a partition ending while another
 * is active leaves that one in place; a loss burst ending inside another leaves its loss rate.
 *
 * Set-up: sync (so a cut-off follower stops every commit, which the per-second throughput shows
 * directly), 3 nodes, one partition, RF 3; constant links (node↔node 1 ms, client 100 µs);
 * writes only, open loop Poisson 1000/s, timeout 500 ms. Fault A cuts node 2 off from 2 s to
 * 4 s, fault B from 3 s to 6 s; no failover is needed (node 2 is a follower). Time-series
 * seconds (after the 1 s warm-up) 2, 3 and 4 lie inside the union of the two, second 6 after it.
 */
import { describe, expect, it } from 'vitest';
import { runOne } from './support/run-suite.js';

const suite = (a: Record<string, unknown>, b: Record<string, unknown>) => ({
  name: 'overlapping-faults',
  seed: 61,
  duration: '8s',
  warmup: '1s',
  cluster: { nodes: 3, partitions: 1, replicationFactor: 3 },
  network: { nodeToNode: '1ms', clientToNode: '100us' },
  service: { write: '20us', apply: '20us' },
  workload: { readProportion: 0, clients: { model: 'open', rate: 1000 }, timeout: '500ms' },
  strategy: 'sync',
  faults: [
    { ...a, at: '2s', for: '2s' },
    { ...b, at: '3s', for: '3s' },
  ],
});

describe('overlapping faults compose', () => {
  for (const [what, a, b] of [
    ['two crashes of the same node', { kind: 'crash', node: 2 }, { kind: 'crash', node: 2 }],
    ['two partitions cutting off the same node', { kind: 'partition', groups: [[0, 1], [2]] }, { kind: 'partition', groups: [[0, 1], [2]] }],
    ['two total-loss bursts', { kind: 'loss', probability: 1 }, { kind: 'loss', probability: 1 }],
  ] as const) {
    it(`${what}: writes stay blocked until the later one ends`, async () => {
      const { metrics: m } = await runOne(suite(a, b));
      const ops = m.timeseries.ops;
      // Seconds 3 and 4 (4 s–6 s): only fault B is active; before the fix the first fault's end
      // restored the node, healed the network or reset the loss rate at 4 s.
      for (const s of [2, 3, 4]) expect(ops[s]).toBe(0);
      // After 6 s the follower is back and writes flow at the offered rate again (±15%:
      // > 4 standard deviations of a Poisson count of 1000).
      expect(Math.abs(ops[6]! - 1000)).toBeLessThan(150);
      expect(m.faults.windows[1]!.timeToFirstWriteUs).toBeGreaterThanOrEqual(3_000_000);
    });
  }
});

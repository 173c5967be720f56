/**
 * Chain replication answers reads at the tail, whose apply is the commit: a read there can never
 * miss a committed write.
 *
 * Set-up (seed 21): 3 nodes, one partition, RF 3, node↔node Exp(mean 1 ms), client↔node 100 µs,
 * 16 closed-loop clients, half reads over 20 keys (every key is rewritten every few ms, so a read
 * that could miss a commit has every chance to). Reads take the strategy's default route: the
 * view's readAt, which the chain sets to its tail (node 2).
 * Tolerance: none. The check is exact (0 stale of about 11,000 reads); one stale read is a bug.
 * Control: the same workload under `async` with follower reads returns about 99.8% stale reads,
 * so the workload does give a stale read every opportunity.
 */
import { describe, expect, it } from 'vitest';
import { runOne } from './support/run-suite.js';

const suite = (strategy: string, reads?: string) => ({
  seed: 21,
  duration: '4s',
  warmup: '500ms',
  cluster: { nodes: 3, partitions: 1, replicationFactor: 3 },
  network: { nodeToNode: { dist: 'exponential', mean: '1ms' }, clientToNode: '100us' },
  workload: { records: 20, readProportion: 0.5, clients: { model: 'closed', count: 16 }, ...(reads ? { reads } : {}) },
  strategy,
});

describe('chain replication with reads at the tail', () => {
  it('never returns a stale read', async () => {
    const { metrics: m, final } = await runOne(suite('chain'));
    expect(final.partitions[0]!.readAt).toBe(2);
    expect(m.ops.read.count).toBeGreaterThan(10_000);
    expect(m.staleness.stale).toBe(0);
    // Every read was served by the tail; the middle served nothing.
    expect(m.load.perNode.ops[1]).toBe(0);
    expect(m.load.perNode.ops[2]).toBeGreaterThanOrEqual(m.ops.read.count);

    const control = (await runOne(suite('async', 'follower'))).metrics;
    expect(control.staleness.fraction).toBeGreaterThan(0.5);
  });
});

/**
 * A coordinator's last-writer-wins timestamps strictly increase: a write's timestamp is
 * max(now, previous + 1) µs, so two writes it makes in the same microsecond get distinct
 * versions and the later one wins. (With the clock alone they would tie, the second would not
 * supersede the first, and an acknowledged write would vanish.)
 *
 * Set-up (seed 2): one node (n = w = r = 1), one key, 8 closed-loop clients writing only, with
 * constant 100 µs client links and zero service time: all 8 start together, so every batch of 8
 * writes reaches the coordinator in the same microsecond. Nothing may be lost or overwritten, and
 * the store holds a late write at the end. (With the clock alone, 3,500 of the ~4,000
 * acknowledged writes were counted lost.)
 */
import { describe, expect, it } from 'vitest';
import { runOne } from './support/run-suite.js';

describe('quorum timestamps', () => {
  it('never tie for writes made in the same microsecond', async () => {
    const { metrics: m, final } = await runOne({
      seed: 2,
      duration: '100ms',
      cluster: { nodes: 1, partitions: 1, replicationFactor: 1 },
      network: { clientToNode: '100us' },
      workload: { records: 1, readProportion: 0, clients: { model: 'closed', count: 8 } },
      strategy: { name: 'quorum', w: 1, r: 1 },
    });
    expect(m.ops.write.count).toBeGreaterThan(3000);
    expect(m.durability.lostWrites).toBe(0);
    expect(m.durability.overwrittenWrites).toBe(0);
    expect(final.writeId(0, 0)).toBeGreaterThan(3000);
  });
});

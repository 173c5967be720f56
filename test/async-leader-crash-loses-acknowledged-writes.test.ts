/**
 * Async replication, leader crash under load with a non-zero replication delay: acknowledged
 * writes are lost, and exactly those acknowledged but not yet applied on the promoted follower.
 *
 * Set-up as in sync-leader-crash-loses-nothing (seed 11): 3 nodes, one partition, RF 3,
 * node↔node one-way latency Exp(mean 2 ms), writes only, open loop Poisson 5000/s; the leader
 * (node 0) crashes at 3 s for 1 s; detection 500 ms (heartbeat 50 ms).
 *
 * The expected count is derived from the logs, not from the recorder's per-write bookkeeping
 * (which judges loss from what every replica holds):
 * the failover reports the promoted follower's log end (`base`) and the crashed leader's log end
 * (`fromLogEnd`), so the old leader held fromLogEnd − base writes the new leader lacks. Async
 * acknowledges a write the moment the leader appends it, so each of them was acknowledged —
 * unless the acknowledgement was still on the wire when the leader crashed (a crash loses the
 * replies a node sent that had not yet arrived).
 */
import { describe, expect, it } from 'vitest';
import { runOne } from './support/run-suite.js';
import { logPosition } from '../harness/sim/log.js';

const suite = (clientToNode: number | string, seed: number) => ({
  name: 'async-leader-crash',
  seed,
  duration: '6s',
  warmup: '1s',
  cluster: { nodes: 3, partitions: 1, replicationFactor: 3 },
  network: { nodeToNode: { dist: 'exponential', mean: '2ms' }, clientToNode },
  service: { write: { dist: 'exponential', mean: '20us' }, apply: { dist: 'exponential', mean: '20us' } },
  workload: { readProportion: 0, clients: { model: 'open', rate: 5000 }, timeout: '1s' },
  strategy: 'async',
  faults: [{ kind: 'crash', node: { 'leader-of': 0 }, at: '3s', for: '1s' }],
  failover: { heartbeat: '50ms', timeout: '500ms' },
});

describe('async: a leader crash loses the acknowledged writes the promoted follower had not applied', () => {
  it('zero-latency client link (every acknowledgement arrives as it is sent): lost = fromLogEnd − base exactly', async () => {
    // With the client link at 0 µs an acknowledgement reaches the client at the instant the
    // leader appends the write (service times are continuous, so no write completes exactly at
    // the crash instant): every entry in the old leader's log was acknowledged. Measured: 15.
    const { metrics: m } = await runOne(suite(0, 11));
    expect(m.faults.failovers).toHaveLength(1);
    const f = m.faults.failovers[0]!;
    expect(f.from).toBe(0);
    const expected = f.fromLogEnd! - f.base!;
    expect(expected).toBeGreaterThan(0);
    expect(m.durability.lostWrites).toBe(expected);
    expect(f.lostWrites).toBe(expected);
    // And they are exactly the old leader's entries base+1..fromLogEnd, all of the old term.
    const lost = m.durability.lost;
    expect(lost.map((w) => logPosition(w.version).index).sort((a, b) => a - b)).toEqual(Array.from({ length: expected }, (_, i) => f.base! + 1 + i));
    expect(lost.every((w) => logPosition(w.version).term === 0)).toBe(true);
  });

  it('100 µs client link: lost = fromLogEnd − base minus the acknowledgements still on the wire at the crash', async () => {
    // Acknowledgements sent in the last 100 µs before the crash never arrive: at 5000 writes/s
    // that is Poisson with mean 0.5, so at most a handful (bound: 5). Seed 4 is one where it
    // happens: measured 19 lost of 21 entries beyond the new leader's log.
    const { metrics: m } = await runOne(suite('100us', 4));
    const f = m.faults.failovers[0]!;
    const held = f.fromLogEnd! - f.base!;
    expect(m.durability.lostWrites).toBeGreaterThan(0);
    expect(m.durability.lostWrites).toBeLessThanOrEqual(held);
    expect(m.durability.lostWrites).toBeGreaterThanOrEqual(held - 5);
    for (const w of m.durability.lost) {
      expect(logPosition(w.version).index).toBeGreaterThan(f.base!);
      expect(logPosition(w.version).index).toBeLessThanOrEqual(f.fromLogEnd!);
    }
    expect(new Set(m.durability.lost.map((w) => w.version)).size).toBe(m.durability.lostWrites);
  });
});

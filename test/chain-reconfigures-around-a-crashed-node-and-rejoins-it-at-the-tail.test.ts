/**
 * A crash of the head, a middle node or the tail: once the failure detector reports it, the chain
 * reconfigures around it (head: its successor leads; middle: the predecessor resends to the
 * successor what it may have missed; tail: its predecessor becomes the tail and acknowledges the
 * writes it holds) and no acknowledged write is lost. The node that returns rejoins at the tail:
 * it catches up from the tail's log, the head appends it, and it serves the reads.
 *
 * Set-up (seed 31): chain of nodes 0 → 1 → 2 (one partition, RF 3), node↔node Exp(mean 1 ms),
 * client↔node 100 µs, open loop 2,000 ops/s, half reads over 1,000 keys, client timeout 500 ms,
 * 10,000 operations (the writes stop at about 5 s; the run ends at 6 s). One node crashes at 2 s for
 * 1 s. Detector: heartbeat 20 ms, timeout 100 ms, so the crash is reported 80 to 100 ms after it.
 * - Available after detection: the longest stretch without a successful write stays under the
 *   detection time plus one heartbeat (120 ms; measured 80–90 ms), and failures are confined to
 *   what was in flight at the crashed node before detection (at most 2,000/s × 120 ms = 240; measured
 *   90 write timeouts for the head, none for the middle, 90 read timeouts for the tail).
 * - The middle's crash costs the clients nothing but delay; the tail's costs no write (its
 *   predecessor acknowledges them); the head's costs no read.
 * - Exact: 0 lost writes, 0 stale reads, 3 reconfigurations (drop the node, admit it as joiner,
 *   append it), the final view's readAt is the returned node, and every replica holds the same
 *   write of every key (the returned node holds every key's latest version).
 */
import { describe, expect, it } from 'vitest';
import { runOne } from './support/run-suite.js';

const suite = (node: number) => ({
  seed: 31,
  duration: '6s',
  warmup: '500ms',
  operations: 10_000,
  cluster: { nodes: 3, partitions: 1, replicationFactor: 3 },
  network: { nodeToNode: { dist: 'exponential', mean: '1ms' }, clientToNode: '100us' },
  workload: { records: 1000, readProportion: 0.5, clients: { model: 'open', rate: 2000 }, timeout: '500ms' },
  failover: { heartbeat: '20ms', timeout: '100ms' },
  faults: [{ kind: 'crash', node, at: '2s', for: '1s' }],
  strategy: 'chain',
});

describe('chain replication under a crash', () => {
  it.each([
    ['head', 0],
    ['middle', 1],
    ['tail', 2],
  ])('of the %s reconfigures after detection, loses nothing and rejoins the node at the tail', async (role, node) => {
    const { metrics: m, final } = await runOne(suite(node));
    expect(m.inflightAtEnd).toBe(0);
    expect(m.durability.lostWrites).toBe(0);
    expect(m.staleness.stale).toBe(0);
    expect(m.availability.longestWriteGapUs).toBeLessThan(120_000);
    const failed = m.ops.write.failed + m.ops.read.failed;
    expect(failed).toBeLessThanOrEqual(240);
    if (role === 'middle') expect(failed).toBe(0);
    if (role === 'tail') expect(m.ops.write.failed).toBe(0);
    if (role === 'head') expect(m.ops.read.failed).toBe(0);
    expect(m.counters['reconfigurations']).toBe(3);

    const p = final.partitions[0]!;
    expect(p.leader).toBe(node === 0 ? 1 : 0);
    expect(p.readAt).toBe(node);
    expect(m.faults.failovers.map((f) => [f.from, f.to])).toEqual(node === 0 ? [[0, 1]] : []);
    let differing = 0;
    for (let k = 0; k < final.keys; k++) {
      const id = final.writeId(node, k);
      for (const r of p.replicas) if (final.writeId(r.node, k) !== id || final.version(r.node, k) !== final.version(node, k)) differing++;
    }
    expect(differing).toBe(0);
    expect(new Set(p.replicas.map((r) => r.lastApplied)).size).toBe(1);
    expect(m.replicationLag.unappliedAtEnd).toBe(0);
  });
});

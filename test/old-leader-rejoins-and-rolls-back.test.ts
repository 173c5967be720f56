/**
 * A deposed leader that rejoins (after a crash or after a partition heals) becomes a follower,
 * discards the log entries the new leader does not have, and ends with exactly the new leader's
 * data.
 *
 * Set-up (seed 51): 3 nodes, one partition, RF 3, async; node↔node Exp(mean 3 ms); writes only,
 * open loop Poisson 2000/s over 100 000 keys (so most keys hit by a lost write are not written
 * again afterwards: if the old leader kept a lost write, its version of that key would differ).
 * The leader (node 0) is cut off at 3 s for 2 s — crashed, or isolated by a partition; the
 * detector (heartbeat 50 ms, timeout 500 ms) promotes a follower. An operation limit stops the
 * writes at ~7 s, 2 s before the end, so the end state is quiescent.
 */
import { describe, expect, it } from 'vitest';
import { divergentVersions, runOne } from './support/run-suite.js';

const suite = (fault: Record<string, unknown>, strategy: unknown = 'async', heartbeat = '50ms') => ({
  name: 'old-leader-rejoins',
  seed: 51,
  duration: '9s',
  warmup: '1s',
  operations: 14_000,
  cluster: { nodes: 3, partitions: 1, replicationFactor: 3 },
  network: { nodeToNode: { dist: 'exponential', mean: '3ms' }, clientToNode: '100us' },
  service: { write: '20us', apply: '20us' },
  workload: { readProportion: 0, records: 100_000, clients: { model: 'open', rate: 2000 }, timeout: '1s' },
  strategy,
  faults: [{ ...fault, at: '3s', for: '2s' }],
  failover: { heartbeat, timeout: '500ms' },
});

describe('the old leader rejoins as a follower and rolls back its divergent entries', () => {
  const partition = { kind: 'partition', groups: [[0], [1, 2]] };
  for (const [what, s] of [
    ['after a crash', suite({ kind: 'crash', node: 0 })],
    ['after a partition heals', suite(partition)],
    // With heartbeats every 300 ms the deposed leader learns of the new term 100 ms after the
    // heal (at 5.1 s); until then the new leader's appends reach it, and its acks (of its own,
    // divergent log) once counted: the new leader then sent it the entries above its divergent
    // ones, and it never rolled those back. Acks now carry the term, and other terms' are ignored.
    ['after a partition heals, while the new leader already sends to the old one', suite(partition, 'async', '300ms')],
  ] as const) {
    it(what, async () => {
      const run = await runOne(s);
      const { metrics: m, final } = run;
      const f = m.faults.failovers[0]!;
      expect(m.faults.failovers).toHaveLength(1);
      expect(f.from).toBe(0);
      const p = final.partitions[0]!;
      expect(p.leader).toBe(f.to);
      // Node 0 follows the new leader in its term and applied the same log.
      const old = p.replicas.find((r) => r.node === 0)!;
      expect(old.up).toBe(true);
      expect(old.term).toBe(p.term);
      for (const r of p.replicas) expect(r.lastApplied).toBe(p.replicas.find((x) => x.node === p.leader)!.lastApplied);
      // Every replica, the old leader included, holds the new leader's version of every key.
      expect(divergentVersions(final, 0)).toBe(0);
      // The test can fail: the old leader had written (and acknowledged) writes the new leader
      // never got (measured: 7 entries beyond base after the crash, 942 after the partition,
      // all acknowledged), and for most of them the key was not written again (7 and 866), so
      // keeping them would have left a higher version on node 0. They were rolled back.
      expect(f.fromLogEnd).toBeGreaterThan(f.base!);
      const notRewritten = m.durability.lost.filter((w) => final.version(p.leader!, w.key) < w.version);
      expect(notRewritten.length).toBeGreaterThan(0);
      for (const w of notRewritten) expect(final.version(0, w.key)).toBeLessThan(w.version);
    });
  }
});

/**
 * Raft's leader reads are linearizable: with `reads: lease` and `reads: read-index` no read
 * returns a version older than one already committed when it started, through a partition that
 * isolates the leader and a leader crash. With `reads: follower` the replica a client reaches
 * answers from what it has applied, and reads can be stale.
 *
 * Set-up (seed 17, the same for the three cases): 3 nodes, one partition, replicationFactor 3;
 * node↔node Exp(mean 1 ms), client link 100 µs; 10 records (so reads often hit a key just
 * written); open loop, Poisson 4,000 ops/s, 90% reads, timeout 1 s. Faults: the leader
 * (node 0) is cut off from the others from 3 s to 4 s (clients still reach it), and whoever leads
 * at 5.5 s crashes for 1 s. The lease (electionTimeout, 150 ms) is the window in which the cut-off
 * leader still answers reads by itself: the followers refuse to vote for that long after they
 * last heard from it, so no new leader can commit before the lease ends.
 *
 * The set-up is sensitive: a new leader must not answer reads before it knows its commit index
 * (the first write of its term committed), because the commit of the previous leader's last
 * writes may not have reached it. With that wait removed, the lease case below returned 11 stale
 * reads (writes are rare here, 400/s, so the first commit of a new term comes late).
 */
import { describe, expect, it } from 'vitest';
import { runOne } from './support/run-suite.js';

const suite = (reads: string) => ({
  seed: 17,
  duration: '8s',
  warmup: '1s',
  cluster: { nodes: 3, partitions: 1, replicationFactor: 3 },
  network: { nodeToNode: { dist: 'exponential', mean: '1ms' }, clientToNode: '100us' },
  workload: { records: 10, readProportion: 0.9, clients: { model: 'open', rate: 4000 }, timeout: '1s' },
  strategy: { name: 'raft', reads },
  faults: [
    { kind: 'partition', groups: [[0], [1, 2]], at: '3s', for: '1s' },
    { kind: 'crash', node: { 'leader-of': 0 }, at: '5500ms', for: '1s' },
  ],
});

describe('raft: reads by lease, read-index and from followers', () => {
  it('lease and read-index reads are never stale; follower reads are', async () => {
    const lease = await runOne(suite('lease'));
    const readIndex = await runOne(suite('read-index'));
    const follower = await runOne(suite('follower'));
    for (const run of [lease, readIndex, follower]) {
      // Both faults changed the leader (measured at about 3.2 s and 5.7 s) and nothing was lost.
      expect(run.metrics.faults.failovers).toHaveLength(2);
      expect(run.metrics.durability.lostWrites).toBe(0);
    }
    // Over 24,000 reads each (measured 24,350 and 24,316), none stale.
    expect(lease.metrics.staleness.reads).toBeGreaterThan(20_000);
    expect(lease.metrics.staleness.stale).toBe(0);
    expect(readIndex.metrics.staleness.reads).toBeGreaterThan(20_000);
    expect(readIndex.metrics.staleness.stale).toBe(0);
    // The lease answered almost every read at once (measured 24,316 of 24,350); read-index
    // confirmed its leadership in rounds shared by the reads waiting for one (measured 3,480
    // rounds for 24,316 reads) and so answers a round trip later.
    expect(lease.metrics.counters['lease_reads']!).toBeGreaterThan(0.95 * lease.metrics.staleness.reads);
    expect(readIndex.metrics.counters['read_rounds']!).toBeLessThan(readIndex.metrics.staleness.reads / 2);
    expect(lease.metrics.ops.read.latency.p50).toBeLessThan(readIndex.metrics.ops.read.latency.p50 / 5);
    // Follower reads (spread over every replica) miss recent commits: a follower applies an entry
    // when it learns it is committed, with the next message from the leader, and a cut-off or
    // restarted replica answers from old data. Measured 11.4% stale.
    expect(follower.metrics.staleness.fraction).toBeGreaterThan(0.02);
  });
});

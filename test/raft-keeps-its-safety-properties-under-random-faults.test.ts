/**
 * Random fault schedules (crashes, partitions, loss bursts, slow nodes, from a seeded stream)
 * never break Raft's safety properties, checked from outside the strategy
 * (test/support/raft-recorder.ts):
 * - Election Safety: at most one leader announced per (partition, term), and every write
 *   acknowledgement in a term comes from that term's leader;
 * - State Machine Safety: no two replicas apply different entries at one log index;
 * - no acknowledged write is lost, and lease / read-index reads are never stale;
 * - once the faults are over and writes have stopped, every replica holds the leader's data, in
 *   the leader's term.
 *
 * 12 trials (seeds 1–12, schedules from Rng(2027, 'raft-faults')): 3 or 5 nodes, 1 or 2
 * partitions (replicationFactor 3), 1,000 or 4,000 ops/s open loop, 30% reads (lease and
 * read-index alternating), 1–3 faults between 1 s and 6.5 s; writes stop at about 7.5 s and the
 * run ends at 10 s.
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../harness/sim/rng.js';
import { recordingRaft, termsCommittedByTwo, termsWithTwoLeaders } from './support/raft-recorder.js';
import { randomSchedule } from './support/fault-schedules.js';
import { divergentVersions, runOne } from './support/run-suite.js';

const TRIALS = 12;

/** A random schedule of 1–3 faults starting between 1 s and 5 s, each 0.2–1.5 s long (so over by 6.5 s). */
const schedule = (rng: Rng, nodes: number) => randomSchedule(rng, nodes, { most: 3, at: (r) => 1000 + r.int(4000), span: (r) => 200 + r.int(1300) });

describe('raft under random fault schedules', () => {
  it(`keeps its safety properties in ${TRIALS} seeded trials`, async () => {
    const rng = new Rng(2027, 'raft-faults');
    for (let t = 0; t < TRIALS; t++) {
      const nodes = [3, 5][rng.int(2)]!;
      const partitions = nodes === 5 ? [1, 2][rng.int(2)]! : 1;
      const rate = [1000, 4000][rng.int(2)]!;
      const reads = t % 2 === 0 ? 'lease' : 'read-index';
      const faults = schedule(rng, nodes);
      const { strategy, record } = recordingRaft();
      const { metrics: m, final } = await runOne(
        {
          seed: 1 + t,
          duration: '10s',
          warmup: '500ms',
          operations: rate * 7.5,
          cluster: { nodes, partitions, replicationFactor: 3 },
          network: { nodeToNode: { dist: 'exponential', mean: '1ms' }, clientToNode: '100us' },
          service: { workers: 2, write: { dist: 'exponential', mean: '20us' }, read: { dist: 'exponential', mean: '10us' }, apply: { dist: 'exponential', mean: '20us' } },
          workload: { records: 200, readProportion: 0.3, clients: { model: 'open', rate }, timeout: '500ms' },
          strategy: { name: 'raft', reads },
          faults,
        },
        new Map([['raft', strategy]]),
      );
      const trial = `trial ${t}: ${JSON.stringify({ reads, nodes, partitions, rate, faults })}`;
      expect(termsWithTwoLeaders(record), trial).toEqual([]);
      expect(termsCommittedByTwo(record), trial).toEqual([]);
      expect(record.conflictingApplies, trial).toBe(0);
      expect(m.durability.lostWrites, trial).toBe(0);
      expect(m.staleness.stale, trial).toBe(0);
      expect(m.replicationLag.unappliedAtEnd, trial).toBe(0);
      final.partitions.forEach((p, pi) => {
        for (const r of p.replicas) {
          expect(r.up, trial).toBe(true);
          expect(r.term, trial).toBe(p.term);
        }
        expect(divergentVersions(final, pi), `${trial}, partition ${pi}`).toBe(0);
      });
    }
  });
});

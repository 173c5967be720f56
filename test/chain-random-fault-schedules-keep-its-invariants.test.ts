/**
 * Random fault schedules keep chain replication's invariants: no acknowledged write is lost, no
 * read is stale (tail or CRAQ reads), and once the faults are over and the writes have stopped,
 * every replica of every partition holds the same write of every key and every committed write
 * has been applied everywhere. The run never throws (a trimmed entry a node still needs, or logs
 * that diverged, would).
 *
 * Schedules: 1–4 faults between 1 s and 5.5 s, each a crash, a partition (clients with one side,
 * or reaching every node), a loss burst or a slow node, lasting 30 ms (shorter than detection:
 * a node restarted before anyone noticed) to 1.7 s; 3 or 5 nodes, RF 3 or 5, 1–5 partitions;
 * fifo or independent links; with the failure detector (heartbeat 50 ms, timeout 300 ms) or,
 * in a quarter of the trials, without one (a crashed node stalls its chains until it returns and
 * asks to join). The writes stop at about 8 s; the run ends at 11 s. Seeded: the same schedules
 * every run. This generator found two bugs: a head trimming entries a new tail had not yet
 * received from its predecessor, and two restarted nodes waiting on each other without a detector.
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../harness/sim/rng.js';
import { randomSchedule } from './support/fault-schedules.js';
import { runOne } from './support/run-suite.js';

const TRIALS = 20;

/** A random schedule of 1–4 faults starting between 1 s and 5.5 s, short (30 ms) to long (1.5 s), partitions sometimes cutting clients off. */
const schedule = (rng: Rng, nodes: number) => randomSchedule(rng, nodes, { most: 4, at: (r) => 1000 + r.int(4500), span: (r) => [30, 200, 700, 1500][r.int(4)]! + r.int(200), clients: true });

describe('chain replication under random fault schedules', () => {
  it(`keeps its invariants in ${TRIALS} seeded trials`, async () => {
    const rng = new Rng(2027, 'chain-fault-schedules');
    for (let t = 0; t < TRIALS; t++) {
      const nodes = [3, 5][rng.int(2)]!;
      const rf = nodes === 5 ? [3, 5][rng.int(2)]! : 3;
      const partitions = nodes === 5 ? [1, 2, 5][rng.int(3)]! : 1;
      const rate = [1000, 5000][rng.int(2)]!;
      const reads = ['tail', 'craq'][rng.int(2)]!;
      const ordering = ['fifo', 'independent'][rng.int(2)]!;
      const detector = rng.int(4) !== 0;
      const faults = schedule(rng, nodes);
      const trial = `trial ${t}: ${JSON.stringify({ nodes, rf, partitions, rate, reads, ordering, detector, faults })}`;
      const { metrics: m, final } = await runOne({
        seed: 1 + t,
        duration: '11s',
        warmup: '500ms',
        operations: rate * 7.5,
        cluster: { nodes, partitions, replicationFactor: rf },
        network: { nodeToNode: { dist: 'exponential', mean: '1ms' }, clientToNode: '100us', ordering },
        service: { workers: 2, write: { dist: 'exponential', mean: '20us' }, read: { dist: 'exponential', mean: '10us' }, apply: { dist: 'exponential', mean: '20us' } },
        workload: { records: 5000, readProportion: 0.3, clients: { model: 'open', rate }, timeout: '500ms' },
        failover: { enabled: detector, heartbeat: '50ms', timeout: '300ms' },
        strategy: { name: 'chain', reads },
        faults,
      });
      expect(m.durability.lostWrites, trial).toBe(0);
      expect(m.staleness.stale, trial).toBe(0);
      expect(m.replicationLag.unappliedAtEnd, trial).toBe(0);
      let differing = 0;
      for (let k = 0; k < final.keys; k++) {
        const p = final.partitions[final.partitionOf(k)]!;
        const id = final.writeId(p.replicas[0]!.node, k);
        for (const r of p.replicas) if (final.writeId(r.node, k) !== id) differing++;
      }
      expect(differing, trial).toBe(0);
    }
  });
});

/**
 * Range partitioning concentrates an insert stream on one partition: inserts take the next
 * record numbers, which all fall past the last split point, and YCSB's `latest` reads follow
 * them there. Hash schemes spread the same stream. Asserted on `metrics.load.hottestPartition`
 * (share of client operations on the busiest partition) and on the busiest node.
 *
 * Set-up: 4 nodes, 10,000 records, RF 3, leader reads; range/hash-mod with 4 partitions,
 * rendezvous and jump one per node, consistent-hash 16 vnodes per node (64 partitions of uneven
 * size). To compare schemes with different partition counts and sizes, the hottest share is
 * divided by the key share of the largest partition (load.partitionKeys.max / total): ≈ 1 when
 * load follows the keys, P when one partition of P equal ones takes everything.
 *
 * Expected and tolerances:
 * - sequential inserts (insertProportion 1): range puts every insert in the last partition:
 *   share exactly 1, and its leader serves all client operations (node max/mean = 4 = N).
 * - YCSB D (95% latest reads, 5% inserts) with insertorder=ordered: the last range (keys ≥ 7500) holds the newest 2500+
 *   keys; under Zipf(0.99) over recency they draw ζ(2500)/ζ(10000) ≈ 0.85 of the reads, plus
 *   every insert: share ≈ 0.86–0.9. Asserted > 0.75.
 * - hash schemes: each new key lands on a pseudo-random partition, so the hottest partition's
 *   share tracks its key share; ≤ 1.5 × the largest key share is asserted (measured 0.98–1.04:
 *   thousands of distinct keys are hit, so hash placement noise on the share is a few percent),
 *   and no node serves more than 1.5 × the mean (measured ≤ 1.23, the ring's arc imbalance).
 * - YCSB D as YCSB runs it by default (insertorder=hashed: keys sort by their hashed names): new
 *   keys land in pseudo-random ranges, so range behaves like the hash schemes (same bounds).
 */
import { describe, expect, it } from 'vitest';
import { runSuite, type CaseRun } from './support/run-suite.js';

const HASH = ['hash-mod', 'consistent-hash', 'rendezvous', 'jump'];

async function run(workload: Record<string, unknown>): Promise<Map<string, CaseRun>> {
  const runs = await runSuite({
    name: 'range-hot-spot',
    seed: 9,
    duration: '1s',
    warmup: '100ms',
    cluster: { nodes: 4, partitions: 4, replicationFactor: 3 },
    network: { nodeToNode: '500us', clientToNode: '100us' },
    service: { read: '20us', write: '50us' },
    workload: { ...workload, clients: { model: 'closed', count: 16 } },
    strategy: 'async',
    matrix: { partitioning: ['range', ...HASH] },
  });
  return new Map(runs.map((r) => [r.config.partitioning.scheme, r]));
}

/** Hottest partition's share of operations over the largest partition's share of keys. */
function concentration(r: CaseRun): number {
  const l = r.metrics.load;
  return l.hottestPartition.share / (l.partitionKeys.max / l.partitionKeys.total);
}

describe('range partitioning: a hot spot under inserts', () => {
  it('sequential inserts: range puts all of them on the last partition; hash schemes spread them', async () => {
    const all = await run({ records: 10_000, insertProportion: 1 });
    const range = all.get('range')!.metrics.load;
    // Measured (seed 9): range share 1, node max/mean 4.00; hash-mod, consistent-hash (64 partitions), rendezvous,
    // jump: shares 0.252 / 0.085 / 0.254 / 0.251, concentrations 0.99 / 0.98 / 1.01 / 0.99.
    expect(range.hottestPartition).toEqual({ partition: 3, share: 1 });
    expect(range.nodeOps.maxOverMean).toBeCloseTo(4, 6);
    expect(concentration(all.get('range')!)).toBeCloseTo(4, 6);
    for (const scheme of HASH) {
      const r = all.get(scheme)!;
      expect(r.metrics.ops.byKind.insert!.count).toBeGreaterThan(5000);
      expect(concentration(r), scheme).toBeLessThan(1.5);
      expect(r.metrics.load.nodeOps.maxOverMean, scheme).toBeLessThan(1.5);
    }
  });

  it('YCSB D with ordered keys (latest reads + inserts): range concentrates on the newest range; hash schemes do not', async () => {
    const all = await run({ ycsb: 'ycsb-d', properties: { recordcount: 10_000, operationcount: 0, insertorder: 'ordered' } });
    const range = all.get('range')!.metrics.load;
    // Measured (seed 9): range share 0.895 (partition 3), concentration 3.58; hash concentrations 1.00 / 1.02 / 1.04 / 1.04.
    expect(range.hottestPartition.partition).toBe(3);
    expect(range.hottestPartition.share).toBeGreaterThan(0.75);
    expect(concentration(all.get('range')!)).toBeGreaterThan(3);
    for (const scheme of HASH) {
      const r = all.get(scheme)!;
      expect(concentration(r), scheme).toBeLessThan(1.5);
      expect(r.metrics.load.nodeOps.maxOverMean, scheme).toBeLessThan(1.5);
    }
  });

  it('YCSB D with hashed key names (the YCSB default): range spreads the new keys like a hash scheme', async () => {
    const all = await run({ ycsb: 'ycsb-d', properties: { recordcount: 10_000, operationcount: 0 } });
    for (const scheme of ['range', ...HASH]) {
      const r = all.get(scheme)!;
      expect(r.config.workload.keyOrder).toBe('hashed');
      expect(concentration(r), scheme).toBeLessThan(1.5);
      expect(r.metrics.load.nodeOps.maxOverMean, scheme).toBeLessThan(1.5);
    }
  });
});

/**
 * Sweeping partitioning schemes and virtual nodes in a matrix:
 *   matrix: { partitioning: [hash-mod, range, consistent-hash, rendezvous, jump], partitioning.vnodes: [1, 16, 256] }
 * expands to 7 cases, not 15: vnodes only applies to consistent-hash, so the other schemes'
 * three combinations resolve to one configuration and run once. Every case reports load
 * balance and resize cost, and the resize cost of each scheme is in its expected ballpark.
 *
 * Set-up: 10 nodes with 10 partitions (so hash-mod is the naive hash mod N and range re-splits
 * into N ranges), resize cost over the workload's 50,000 records. Expected fractions of keys that
 * change owner, growing 10 → 11 / shrinking 10 → 9:
 * - hash-mod (mod N): a key stays iff h mod 10 = h mod 11, i.e. h mod 110 < 10: moves 10/11 =
 *   90.9%; shrinking, h mod 90 < 9: moves 90%. Sampling error over 50,000 keys ≈ 0.13 pp; ±1 pp.
 * - range (equal widths, re-split into N ± 1 ranges): the overlap of range i before and after is
 *   (10 − i)/110, summing to 1/2: moves exactly 50% both ways (±1 pp).
 * - rendezvous, jump: only the keys the new node wins move: 1/11 = 9.09% (each key independently,
 *   ± 1 pp ≈ 7 standard deviations); shrinking, the leaving node's keys: 1/10 (± 1 pp).
 * - consistent-hash: the new node's v tokens take about 1/11 of the ring, but a node's share on
 *   a ring with v tokens per node has a relative spread of ≈ 1/√v. Ballparks: v = 256 within
 *   1/11 ± 2 pp (σ ≈ 0.6 pp); v = 16 within 1/11 ± 6 pp (σ ≈ 2.3 pp); v = 1 anywhere in
 *   (0, 40%) (one arc: nearly exponential share, mean 1/11).
 */
import { describe, expect, it } from 'vitest';
import { expandSuite } from '../harness/config/suite.js';
import { runSuite } from './support/run-suite.js';

const SUITE = {
  name: 'partitioning-sweep',
  seed: 12,
  operations: 2000,
  cluster: { nodes: 10, partitions: 10, replicationFactor: 3 },
  network: { nodeToNode: '500us', clientToNode: '100us' },
  workload: { records: 50_000, readProportion: 0.9, clients: { model: 'closed', count: 8 } },
  strategy: 'async',
  matrix: { partitioning: ['hash-mod', 'range', 'consistent-hash', 'rendezvous', 'jump'], 'partitioning.vnodes': [1, 16, 256] },
};

describe('partitioning swept in a matrix', () => {
  it('expands to one case per scheme, and one per vnodes value for consistent-hash only', async () => {
    const suite = await expandSuite(SUITE, 'test', { baseDir: process.cwd() });
    expect(suite.cases.map((c) => c.name)).toEqual([
      'async partitioning=hash-mod',
      'async partitioning=range',
      'async partitioning=consistent-hash vnodes=1',
      'async partitioning=consistent-hash vnodes=16',
      'async partitioning=consistent-hash vnodes=256',
      'async partitioning=rendezvous',
      'async partitioning=jump',
    ]);
    expect(suite.cases.map((c) => c.config.partitioning)).toEqual([
      { scheme: 'hash-mod' },
      { scheme: 'range' },
      { scheme: 'consistent-hash', vnodes: 1 },
      { scheme: 'consistent-hash', vnodes: 16 },
      { scheme: 'consistent-hash', vnodes: 256 },
      { scheme: 'rendezvous' },
      { scheme: 'jump' },
    ]);
    expect(new Set(suite.cases.map((c) => c.id)).size).toBe(7);
    expect(suite.cases.map((c) => c.index)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('every case reports load balance and resize cost in the expected ballpark', async () => {
    const runs = await runSuite(SUITE);
    const byName = new Map(runs.map((r) => [r.name.replace('async partitioning=', ''), r.metrics.load]));
    for (const [name, load] of byName) {
      expect(load.nodeOps.total, name).toBeGreaterThan(0);
      expect(load.partitionOps.total, name).toBeGreaterThan(0);
      expect(load.nodeLeaderKeys.total, name).toBe(50_000);
      expect(load.nodeReplicaKeys.total, name).toBe(150_000);
      expect(load.hottestPartition.share, name).toBeGreaterThan(0);
      expect(load.resize.shrink, name).not.toBeNull();
    }
    const partitions = (n: string) => byName.get(n)!.partitions;
    expect([partitions('hash-mod'), partitions('range'), partitions('rendezvous'), partitions('jump')]).toEqual([10, 10, 10, 10]);
    expect([partitions('consistent-hash vnodes=1'), partitions('consistent-hash vnodes=16'), partitions('consistent-hash vnodes=256')]).toEqual([10, 160, 2560]);

    // Measured (seed 12), grow / shrink: hash-mod 0.909 / 0.900; range 0.500 / 0.500; consistent-hash v=1 0.010 / 0.005,
    // v=16 0.101 / 0.116, v=256 0.096 / 0.112; rendezvous 0.091 / 0.102; jump 0.091 / 0.100.
    const resize = (n: string) => byName.get(n)!.resize;
    const near = (x: number, want: number, tol: number, what: string) => expect(Math.abs(x - want), `${what}: ${x} vs ${want}`).toBeLessThanOrEqual(tol);
    near(resize('hash-mod').grow, 10 / 11, 0.01, 'hash-mod grow');
    near(resize('hash-mod').shrink!, 0.9, 0.01, 'hash-mod shrink');
    near(resize('range').grow, 0.5, 0.01, 'range grow');
    near(resize('range').shrink!, 0.5, 0.01, 'range shrink');
    for (const n of ['rendezvous', 'jump']) {
      near(resize(n).grow, 1 / 11, 0.01, `${n} grow`);
      near(resize(n).shrink!, 1 / 10, 0.01, `${n} shrink`);
    }
    near(resize('consistent-hash vnodes=256').grow, 1 / 11, 0.02, 'consistent-hash v=256 grow');
    near(resize('consistent-hash vnodes=16').grow, 1 / 11, 0.06, 'consistent-hash v=16 grow');
    expect(resize('consistent-hash vnodes=1').grow).toBeGreaterThan(0);
    expect(resize('consistent-hash vnodes=1').grow).toBeLessThan(0.4);
    // Key balance improves with vnodes (cv of keys per leader ≈ 1/√v on a ring).
    const cv = (n: string) => byName.get(n)!.nodeLeaderKeys.cv;
    expect(cv('consistent-hash vnodes=1')).toBeGreaterThan(cv('consistent-hash vnodes=16'));
    expect(cv('consistent-hash vnodes=16')).toBeGreaterThan(cv('consistent-hash vnodes=256'));
  });
});

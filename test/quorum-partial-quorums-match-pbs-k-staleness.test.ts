/**
 * Partial quorums without propagation (`fanout: quorum`, no read repair, no anti-entropy): a
 * write reaches exactly w replicas and a read asks exactly r, each set chosen at random. PBS
 * (Bailis et al., "Probabilistically Bounded Staleness for Practical Partial Quorums", VLDB 2012)
 * gives the probability that a read misses at least the last k versions:
 *   p_k = ((n−w choose r) / (n choose r))^k.
 * The recorder's staleness.behind[k − 1] is the fraction of reads at least k versions behind.
 *
 * Set-up: one key, one closed-loop client (so versions are serial: each write is acknowledged
 * before the next operation), half reads, 10 s (100 ms warm-up, so the key has many versions
 * before measuring), 250 µs links, 100 µs to clients, seed 7. Cases: n = 3 with w = r = 1 (2/3,
 * 4/9, 8/27), n = 3 with w = 1, r = 2 (1/3, 1/9, 1/27) and n = 5 with w = r = 2 (3/10, 9/100,
 * 27/1000); from about 25,000, 7,000 and 7,000 reads.
 *
 * Tolerance: 5 binomial standard errors, √(p(1−p)/reads). Reads between the same writes share
 * those writes' replica sets, so they are not quite independent; over seeds 1–20 of the first
 * and third cases the spread of each estimate was 0.8–1.4 times the binomial standard error, so 5
 * of them is at least 3.6 real standard deviations.
 */
import { describe, expect, it } from 'vitest';
import { runOne } from './support/run-suite.js';

const choose = (n: number, k: number): number => {
  let c = 1;
  for (let i = 0; i < k; i++) c = (c * (n - i)) / (i + 1);
  return c;
};

const run = (n: number, w: number, r: number) =>
  runOne({
    seed: 7,
    duration: '10s',
    warmup: '100ms',
    cluster: { nodes: n, partitions: 1, replicationFactor: n },
    network: { nodeToNode: '250us', clientToNode: '100us' },
    workload: { records: 1, readProportion: 0.5, clients: { model: 'closed', count: 1 } },
    strategy: { name: 'quorum', w, r, fanout: 'quorum' },
  });

describe('partial quorums without propagation', () => {
  it.each([
    [3, 1, 1],
    [3, 1, 2],
    [5, 2, 2],
  ])('n=%i, w=%i, r=%i: P(at least k versions behind) = ((n−w choose r)/(n choose r))^k for k = 1, 2, 3', async (n, w, r) => {
    const { metrics: m } = await run(n, w, r);
    const reads = m.staleness.reads;
    expect(reads).toBeGreaterThan(6000);
    console.log(`n=${n} w=${w} r=${r}: ${reads} reads, behind[0..2] = ${m.staleness.behind.slice(0, 3).map((x) => x.toFixed(4)).join(', ')}`);
    expect(m.ops.read.failed + m.ops.write.failed).toBe(0);
    const p1 = choose(n - w, r) / choose(n, r);
    for (let k = 1; k <= 3; k++) {
      const expected = p1 ** k;
      const se = Math.sqrt((expected * (1 - expected)) / reads);
      expect(Math.abs(m.staleness.behind[k - 1]! - expected)).toBeLessThan(5 * se);
    }
  });
});

/**
 * Commit latency is an order statistic of the followers' round trips.
 *
 * Set-up: one closed-loop client issuing writes only, clientToNode = 0 and all service times = 0,
 * so a write's latency is exactly the time from the leader shipping the entry until the
 * acknowledgement that completes its quorum. 4 nodes, replicationFactor 4 (3 followers),
 * 1 partition. Node-to-node one-way delay is exponential with mean m, so one follower's round
 * trip (append leg + ack leg) is the sum of two iid Exp(m) legs: Gamma(2, m), with
 *   F(x) = 1 − e^(−x/m)(1 + x/m).
 * A write that needs k of the n = 3 followers is acknowledged at the k-th smallest round trip:
 *   sync          → k = 3 (max of 3)
 *   semi-sync 2   → k = 2
 *   semi-sync 1   → k = 1 (min of 3)
 * and E[X_(k)] = ∫_0^∞ P(X_(k) > x) dx with P(X_(k) ≤ x) = Σ_{j=k}^{n} C(n,j) F^j (1−F)^(n−j),
 * computed here numerically.
 *
 * Independence caveat (found by this test, and pinned below): the round trips of write i are
 * only iid Gamma(2, m) if every follower has applied write i−1 before write i reaches it.
 * Followers apply strictly in log order, so a follower still waiting for entry i−1 (its append
 * leg was long) cannot apply or acknowledge entry i when it arrives. With `sync` this never
 * happens (write i is issued only after all followers applied i−1). With acks < 3 and zero think
 * time it does, and the measured latency sits well above E[X_(k)] (≈ +16% for acks 1, ≈ +4% for
 * acks 2 with 1 partition). So the semi-sync cases get a client think time of 20 m: the
 * probability that a follower is still behind after the think time is < P(Exp(m) > 20 m) =
 * e^−20 ≈ 2e−9 per write, and think time is not part of the latency (latency runs from the
 * intended start, which is when the write is issued after thinking).
 *
 * Links are fifo (the default): a message never overtakes the one sent before it on its link.
 * With writes spaced as above no earlier message is still on the link, so the legs stay iid.
 *
 * Nothing else distorts it: the semi-sync timeout is 1000 s (no fallback: asserted via the
 * counters), the retransmission interval is 1000 s (no duplicate appends could unblock a
 * follower early: asserted, no `retransmits` counter), the request timeout (10 s default) is
 * ~10^4 m away, and there is no loss.
 *
 * Precision: latencies are recorded as integer µs into a 3-significant-digit HDR histogram and
 * the mean comes from it. With m = 1 ms the values are ~300–10 000 µs: rounding to an integer
 * moves a value by ≤ 0.5 µs (unbiased), and above 2048 µs HDR buckets are 2^j µs wide and
 * reported at (lowest + width/2), a bias ≤ +0.5 µs per value. Both are < 0.1% of the mean,
 * far inside the 2% tolerance.
 *
 * Statistics (tolerance 2%): 1e5 writes per case. The coefficient of variation of X_(k) is 0.64
 * (k=1), 0.49 (k=2), 0.47 (k=3) (computed from the same order-statistic integrals), and with
 * sparse writes successive latencies are independent, so the relative standard error of the
 * mean is ≤ 0.64/√1e5 = 0.20%: 2% is ≈ 10 standard errors. Seeds are fixed (7); seeds 1–3
 * gave deviations within ±0.5% when this test was written.
 */
import { describe, expect, it } from 'vitest';
import { runOne, runSuite } from './support/run-suite.js';

const M_US = 1000; // mean one-way node-to-node delay, µs
const FOLLOWERS = 3;
const WRITES = 100_000;
const TOLERANCE = 0.02;

function binomial(n: number, k: number): number {
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
}

/** CDF of the Gamma(2, m) round trip (sum of two iid exponential legs with mean m). */
function roundTripCdf(x: number, m: number): number {
  return 1 - Math.exp(-x / m) * (1 + x / m);
}

/** E[X_(k)] of n iid Gamma(2, m) round trips, by Simpson's rule on ∫ P(X_(k) > x) dx. */
function expectedOrderStatistic(k: number, n: number, m: number): number {
  const survival = (x: number) => {
    const f = roundTripCdf(x, m);
    let cdf = 0;
    for (let j = k; j <= n; j++) cdf += binomial(n, j) * f ** j * (1 - f) ** (n - j);
    return 1 - cdf;
  };
  // The integrand is < 1e-20 beyond 60 m; 60 000 Simpson panels of width m/1000.
  const h = m / 1000;
  let sum = 0;
  for (let i = 0; i < 60_000; i++) {
    const a = i * h;
    sum += (h / 6) * (survival(a) + 4 * survival(a + h / 2) + survival(a + h));
  }
  return sum;
}

function suite(strategy: Record<string, unknown>, thinkTime: unknown): Record<string, unknown> {
  return {
    name: 'commit-latency-order-statistics',
    seed: 7,
    duration: '100000s', // the run ends at the operation limit, long before this
    operations: WRITES,
    cluster: { nodes: 4, replicationFactor: 4, partitions: 1 },
    network: { nodeToNode: { dist: 'exponential', mean: `${M_US}us` }, clientToNode: 0 },
    service: { write: 0, read: 0, apply: 0 },
    workload: { readProportion: 0, clients: { model: 'closed', count: 1, thinkTime } },
    strategy,
  };
}

describe('commit latency is the k-th order statistic of Gamma(2, m) follower round trips', () => {
  it('the numeric integral reproduces closed forms (E[min of 3] = 26/27 m, E[single] = 2 m)', () => {
    // E[min of n] = ∫ (1−F)^n dx; for n = 3 and Gamma(2): ∫ e^(−3u)(1+u)^3 du = 26/27 (in units of m).
    expect(expectedOrderStatistic(1, 3, M_US)).toBeCloseTo((26 / 27) * M_US, 6);
    expect(expectedOrderStatistic(1, 1, M_US)).toBeCloseTo(2 * M_US, 6);
    // The three order statistics average to the mean of one round trip.
    const sum = [1, 2, 3].reduce((s, k) => s + expectedOrderStatistic(k, 3, M_US), 0);
    expect(sum / 3).toBeCloseTo(2 * M_US, 6);
  });

  it('sync: mean write latency = E[max of 3 round trips] (zero think time)', async () => {
    const run = await runOne(suite({ name: 'sync', retransmit: '1000s' }, 0));
    const expected = expectedOrderStatistic(3, FOLLOWERS, M_US); // 3212.96 µs
    const w = run.metrics.ops.write;
    expect(w.count).toBe(WRITES);
    expect(w.failed).toBe(0);
    expect(run.metrics.counters).toEqual({});
    expect(Math.abs(w.latency.mean / expected - 1)).toBeLessThan(TOLERANCE);
  });

  it.each([
    [1, 'E[min of 3]'],
    [2, 'E[2nd of 3]'],
  ])('semi-sync acks %i: mean write latency = %s (think time 20 m so followers drain)', async (acks) => {
    const run = await runOne(suite({ name: 'semi-sync', acks, timeout: '1000s', retransmit: '1000s' }, `${20 * M_US}us`));
    const expected = expectedOrderStatistic(acks, FOLLOWERS, M_US); // 962.96 µs, 1824.07 µs
    const w = run.metrics.ops.write;
    expect(w.count).toBe(WRITES);
    expect(w.failed).toBe(0);
    expect(run.metrics.counters.fallbacks ?? 0).toBe(0);
    expect(run.metrics.counters.retransmits ?? 0).toBe(0);
    expect(Math.abs(w.latency.mean / expected - 1)).toBeLessThan(TOLERANCE);
  });

  it('the three strategies are ordered: acks 1 < acks 2 < sync', async () => {
    const runs = await runSuite({
      ...suite({ name: 'sync' }, `${20 * M_US}us`),
      operations: 20_000,
      matrix: {
        strategy: [
          { name: 'semi-sync', acks: 1, timeout: '1000s', retransmit: '1000s' },
          { name: 'semi-sync', acks: 2, timeout: '1000s', retransmit: '1000s' },
          { name: 'sync', retransmit: '1000s' },
        ],
      },
    });
    const means = runs.map((r) => r.metrics.ops.write.latency.mean);
    expect(means[0]).toBeLessThan(means[1]!);
    expect(means[1]).toBeLessThan(means[2]!);
  });

  it('with zero think time, log-order apply makes acks < n slower than the iid order statistic', async () => {
    // Not a bug but the model: a follower still behind on write i−1 cannot acknowledge write i.
    // The measured excess (≈ +16% for acks 1 with seed 7) is ≈ 80 standard errors, so the
    // assertion "more than 2% above E[min of 3]" cannot pass by chance; and it disappears when
    // the same writes are spread over 64 partitions (each log then sees a write only every
    // ~64 writes, so its followers have drained), which shows the cause is per-log ordering.
    const expected = expectedOrderStatistic(1, FOLLOWERS, M_US);
    const onePartition = await runOne(suite({ name: 'semi-sync', acks: 1, timeout: '1000s', retransmit: '1000s' }, 0));
    expect(onePartition.metrics.ops.write.latency.mean / expected - 1).toBeGreaterThan(TOLERANCE);
    // The 64 partitions share each node pair's link: with fifo links (the default) a message still
    // waits behind other partitions' messages on its link, so the spread case uses independent
    // links, the iid model this test checks.
    const spread = await runOne({
      ...suite({ name: 'semi-sync', acks: 1, timeout: '1000s', retransmit: '1000s' }, 0),
      cluster: { nodes: 4, replicationFactor: 4, partitions: 64 },
      network: { nodeToNode: { dist: 'exponential', mean: `${M_US}us` }, clientToNode: 0, ordering: 'independent' },
    });
    expect(Math.abs(spread.metrics.ops.write.latency.mean / expected - 1)).toBeLessThan(TOLERANCE);
  });
});

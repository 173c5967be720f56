/**
 * Calibration fits the simulator's distributions close to what it measured. On synthetic samples
 * (seeded, so exact every run): a lognormal fit recovers the median within 3% and sigma within 6%
 * from 5,000 draws (the standard error of a sample quantile of n = 5,000 is about 1%, so this is
 * five of them). On a real PostgreSQL cluster: the fitted write and read service times and link
 * delays, drawn 20,000 times (seeded), reproduce the measured quantiles they were fitted to: the
 * lognormal's 50th and 84.1st percentiles (median and sigma = ln(p84.1 / p50)) within 5%
 * (sampling error of 20,000 draws is under 1.5%; parameters are rounded to four digits), and an
 * empirical fit's 10th, 50th and 90th percentiles between the measured percentiles 1.5 points
 * either side (its 100 points each carry 1% of the probability, and the draws' own sampling error
 * is under 0.3 points; a measured tail can jump 10% between two neighbouring percentiles, so a
 * relative tolerance would fail on the data, not on the fit); either may instead be within 5 µs
 * for quantiles that small: a primary-key read costs PostgreSQL about what SELECT 1 does, so its
 * service time sits at the 1 µs floor, below what a round trip that varies by tens of µs can
 * resolve. The fragment `replbench calibrate` prints is a valid suite.
 */
import { describe, expect, it } from 'vitest';
import { expandSuite } from '../harness/config/suite.js';
import { calibrate, serviceSample, suiteFragment } from '../harness/real/calibrate/calibration.js';
import { fitEmpirical, fitLognormal, quantile } from '../harness/real/calibrate/fit.js';
import { measure } from '../harness/real/calibrate/measure.js';
import { postgresBackend } from '../harness/real/postgres/backend.js';
import { RunFolder } from '../harness/real/processes.js';
import { compileDist, type DistSpec } from '../harness/sim/distributions.js';
import { Rng } from '../harness/sim/rng.js';
import { ROOT } from './helpers/cli.js';

/** `n` seeded draws from `spec`, sorted. */
function draws(spec: DistSpec, n: number, seed = 7): number[] {
  const f = compileDist(spec, new Rng(seed, 'calibration-test'));
  return Array.from({ length: n }, () => f()).sort((a, b) => a - b);
}

const P84 = 0.8413447460685429;
const near = (got: number, want: number, tol: number) => expect(Math.abs(got / want - 1), `${got.toFixed(1)} vs ${want.toFixed(1)}`).toBeLessThan(tol);
/** Within `tol` relative, or 5 µs absolute (below what calibration resolves). */
const close = (got: number, want: number, tol: number) => expect(Math.abs(got - want) <= 5 || Math.abs(got / want - 1) < tol, `${got.toFixed(1)} vs ${want.toFixed(1)} µs`).toBe(true);
/** Between `lo` and `hi`, or within 5 µs of them. */
const within = (got: number, lo: number, hi: number) => expect(got >= lo - 5 && got <= hi + 5, `${got.toFixed(1)} not in [${lo.toFixed(1)}, ${hi.toFixed(1)}] µs`).toBe(true);

describe('calibration fits', () => {
  it('recover a known lognormal, and an empirical fit reproduces the sample', () => {
    const sample = draws({ dist: 'lognormal', median: 400, sigma: 0.35 }, 5000, 11);
    const ln = fitLognormal(sample);
    if (ln.dist !== 'lognormal') throw new Error('not a lognormal');
    near(ln.median, 400, 0.03);
    near(ln.sigma, 0.35, 0.06);
    const emp = draws(fitEmpirical(sample), 20_000);
    for (const q of [0.1, 0.5, 0.9]) near(quantile(emp, q), quantile(sample, q), 0.03);
  });

  it('subtract the no-work round trip by quantiles (never below 1 µs)', () => {
    const noop = draws({ dist: 'lognormal', median: 100, sigma: 0.2 }, 2000, 3);
    const service = draws({ dist: 'lognormal', median: 50, sigma: 0.1 }, 2000, 4);
    const ops = noop.map((x, i) => x + service[(i * 7) % 2000]!); // independent pairs
    const s = serviceSample(ops, noop);
    // The median of a sum is not the sum of medians, but with spreads this small it is within 10%.
    near(quantile(s, 0.5), 50, 0.1);
    expect(Math.min(...serviceSample([10, 20], [500, 600]))).toBe(1);
  });

  it('of a real PostgreSQL cluster reproduce what was measured', async () => {
    const suite = await expandSuite({ name: 'cal', duration: '2s', cluster: { nodes: 2, replicationFactor: 2 }, network: { nodeToNode: '1ms', clientToNode: '200us' }, workload: { records: 100, reads: 'follower' }, backend: { kind: 'postgres', mode: 'sync' } }, 'test', { baseDir: ROOT });
    const c = suite.cases[0]!;
    const folder = RunFolder.create();
    try {
      const cluster = await postgresBackend.start({ config: c.config, backend: c.config.backend!, folder });
      let m;
      try {
        await cluster.load(100, 100);
        m = await measure(cluster, 200, 100, 100, 1);
      } finally {
        await cluster.close();
      }
      const fitted = { lognormal: calibrate(m, c.config.backend!, 1, 2, { samples: 200, fit: 'lognormal' }), empirical: calibrate(m, c.config.backend!, 1, 2, { samples: 200, fit: 'empirical' }) };
      const measured = {
        write: serviceSample(m.write, m.noopPrimary),
        read: serviceSample(m.read, m.noopRead),
        replication: m.replicationLink.map((x) => x / 2).sort((a, b) => a - b),
        client: m.clientLink.map((x) => x / 2).sort((a, b) => a - b),
      };
      const specs = (cal: typeof fitted.lognormal) => ({ write: cal.service.write, read: cal.service.read, replication: cal.network.nodeToNode, client: cal.network.clientToNode });
      const ln = specs(fitted.lognormal);
      const emp = specs(fitted.empirical);
      for (const k of ['write', 'read', 'replication', 'client'] as const) {
        const sample = measured[k];
        const fromLn = draws(ln[k], 20_000);
        const fromEmp = draws(emp[k], 20_000);
        console.log(`${k}: measured p50 / p84 / p90 ${[0.5, P84, 0.9].map((q) => quantile(sample, q).toFixed(0)).join(' / ')} µs; lognormal p50 / p84 ${[0.5, P84].map((q) => quantile(fromLn, q).toFixed(0)).join(' / ')}; empirical p10 / p50 / p90 ${[0.1, 0.5, 0.9].map((q) => quantile(fromEmp, q).toFixed(0)).join(' / ')}`);
        for (const q of [0.5, P84]) close(quantile(fromLn, q), quantile(sample, q), 0.05);
        for (const q of [0.1, 0.5, 0.9]) within(quantile(fromEmp, q), quantile(sample, q - 0.015), quantile(sample, q + 0.015));
      }
      // What it measured is what the network model injects plus the loopback: a replication link one way is at least the 1 ms relay delay.
      expect(quantile(measured.replication, 0.5)).toBeGreaterThan(1000);
      expect(quantile(measured.replication, 0.5)).toBeLessThan(5000);
      expect(fitted.lognormal.strategy).toEqual({ name: 'sync', params: {} });
      // The fragment is a suite a user can paste: it expands, with the fitted distributions.
      const frag = suiteFragment(fitted.lognormal) as { service: Record<string, unknown>; network: Record<string, unknown> };
      const sim = await expandSuite({ name: 'pasted', cluster: { nodes: 2, replicationFactor: 2 }, ...frag }, 'test', { baseDir: ROOT });
      const pasted = sim.cases[0]!.config;
      near((pasted.service.write as { median: number }).median, (ln.write as { median: number }).median, 0.001);
      near((pasted.network.nodeToNode as { median: number }).median, (ln.replication as { median: number }).median, 0.001);
    } finally {
      await folder.close();
    }
  });
});

/**
 * Analytic expectations beside measurements, where the theory applies to a case:
 * - commit latency of sync / semi-sync (acks k of n followers): the client links, the leader's
 *   write service and the k-th smallest of the followers' round trips (append leg, apply, ack
 *   leg), by Monte Carlo over the configured distributions: what a write costs when nothing
 *   queues (writes spaced so they are independent); under load it is a lower bound;
 * - an open loop into one node with Poisson arrivals and exponential service: M/M/c (Erlang C);
 * - a closed loop: Little's law, throughput = clients / (mean latency + mean think time);
 * - a leaderless quorum without propagation beyond the write quorum (PBS, Bailis et al., VLDB
 *   2012): P(a read misses the latest of k serial writes) = (C(n−w, r) / C(n, r))^k, and 0 when
 *   r + w > n (without failures).
 * Computed by the harness after a run (deterministic: a fixed seed for the Monte Carlo); the
 * reports only display them.
 */
import type { CaseConfig } from '../config/schema.js';
import { compileDist, distMean, type DistSpec } from '../sim/distributions.js';
import { Rng } from '../sim/rng.js';
import type { CaseMetrics, Expectation } from './types.js';

/** Monte Carlo samples for an order statistic (relative standard error of the mean < 0.3%). */
const SAMPLES = 100_000;

function binomial(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return r;
}

/** Mean of the k-th smallest of n iid round trips (n2n + apply + n2n), estimated from SAMPLES draws. */
export function expectedOrderStatistic(k: number, n: number, nodeToNode: DistSpec, apply: DistSpec, seed = 1): number {
  const rng = new Rng(seed, 'expectation');
  const leg = compileDist(nodeToNode, rng);
  const svc = compileDist(apply, rng);
  const trips = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < SAMPLES; i++) {
    for (let f = 0; f < n; f++) trips[f] = leg() + svc() + leg();
    trips.sort();
    sum += trips[k - 1]!;
  }
  return sum / SAMPLES;
}

/** Erlang C: probability an arrival waits, for c servers at offered load a = λ/μ (a < c). */
export function erlangC(c: number, a: number): number {
  let term = 1;
  let sum = 1;
  for (let i = 1; i < c; i++) {
    term *= a / i;
    sum += term;
  }
  const last = (term * a) / c; // a^c / c!
  const tail = last * (c / (c - a));
  return tail / (sum + tail);
}

/** Mean sojourn time (µs) of an M/M/c queue: service mean `s` µs, arrival rate λ per µs. */
export function mmcSojourn(c: number, lambdaPerUs: number, s: number): number {
  const a = lambdaPerUs * s;
  return erlangC(c, a) * (s / (c - a)) + s;
}

/** PBS: probability that a read quorum of r misses a write quorum of w among n replicas, k writes in a row. */
export function pbsStale(n: number, w: number, r: number, k = 1): number {
  if (r + w > n) return 0;
  return (binomial(n - w, r) / binomial(n, r)) ** k;
}

const exponentialMean = (d: DistSpec): number | null => (d.dist === 'exponential' ? d.mean : d.dist === 'constant' && d.value === 0 ? 0 : null);

/** The expectations that apply to `config`, beside the `metrics` it measured. */
export function expectationsFor(config: CaseConfig, metrics: Omit<CaseMetrics, 'expectations'>): Expectation[] {
  const out: Expectation[] = [];
  const wl = config.workload;
  const faultFree = config.faults.length === 0 && config.network.loss === 0;
  const followers = config.cluster.replicationFactor - 1;
  const params = config.strategy.params as Record<string, unknown>;
  const name = config.strategy.path === undefined ? config.strategy.name : '';
  const w = metrics.ops.write;
  // Commit latency: leader-based built-ins with writes at the leader.
  if (faultFree && w.count > 0 && wl.writes === 'leader' && (name === 'sync' || name === 'semi-sync' || name === 'async')) {
    const k = name === 'sync' ? followers : name === 'semi-sync' ? Math.min(Number(params.acks ?? 1), followers) : 0;
    const links = 2 * distMean(config.network.clientToNode) + distMean(config.service.write);
    const expected = links + (k > 0 ? expectedOrderStatistic(k, followers, config.network.nodeToNode, config.service.apply, config.seed) : 0);
    out.push({
      metric: 'write mean latency',
      unit: 'µs',
      measured: w.latency.mean,
      expected,
      source: k > 0 ? `client links + write service + the ${k === followers && k > 1 ? 'largest' : k === 1 ? 'smallest' : `${ordinal(k)} smallest`} of ${followers} follower round trips (order statistic, Monte Carlo)` : 'client links + write service (no follower waited for)',
      applies: 'writes spaced so none queues or waits behind another; a lower bound under load',
    });
  }
  // M/M/c: an open loop with Poisson arrivals into one node, exponential service of one mean.
  const c = wl.clients;
  if (faultFree && c.model === 'open' && c.arrival === 'poisson' && config.cluster.nodes === 1) {
    const sw = exponentialMean(config.service.write);
    const sr = exponentialMean(config.service.read);
    const readShare = wl.mix.read + wl.mix.scan;
    const s = readShare === 0 ? sw : readShare === 1 ? sr : sw === sr ? sw : null;
    if (s !== null && s > 0) {
      const lambda = c.rate / 1e6;
      const workers = config.service.workers;
      if (lambda * s < workers) {
        const all = metrics.ops.read.count + w.count;
        const measured = all > 0 ? (metrics.ops.read.count * metrics.ops.read.latency.mean + w.count * w.latency.mean) / all : NaN;
        out.push({
          metric: 'mean latency',
          unit: 'µs',
          measured,
          expected: 2 * distMean(config.network.clientToNode) + mmcSojourn(workers, lambda, s),
          source: workers === 1 ? 'M/M/1: 1/(μ − λ), plus the client links' : `M/M/${workers} (Erlang C), plus the client links`,
          applies: 'Poisson arrivals, exponential service, one node',
        });
      }
    }
  }
  // Little's law: a closed loop without pacing.
  if (c.model === 'closed' && c.target === undefined && metrics.measuredSeconds > 0) {
    const all = metrics.ops.read.count + w.count;
    const think = distMean(c.thinkTime);
    if (all > 0 && metrics.ops.read.failed + w.failed === 0) {
      const meanLatency = (metrics.ops.read.count * metrics.ops.read.latency.mean + w.count * w.latency.mean) / all;
      const other = Object.entries(metrics.ops.byKind).filter(([k]) => k === 'scan' || k === 'read-modify-write');
      if (other.length === 0) {
        out.push({
          metric: 'throughput',
          unit: 'ops/s',
          measured: metrics.throughput,
          expected: (c.count / (meanLatency + think)) * 1e6,
          source: "Little's law: clients / (mean latency + mean think time)",
          applies: 'a closed loop; holds for any service discipline',
        });
      }
    }
  }
  // PBS: leaderless partial quorums.
  if (faultFree && name === 'quorum' && metrics.staleness.reads > 0) {
    const n = config.cluster.replicationFactor;
    const qw = Number(params.w);
    const qr = Number(params.r);
    const noPropagation = params.fanout === 'quorum' && (params.readRepair ?? 'off') === 'off' && (params.antiEntropy ?? null) === null;
    if (qr + qw > n || noPropagation) {
      out.push({
        metric: 'stale read fraction',
        unit: 'fraction',
        measured: metrics.staleness.fraction,
        expected: pbsStale(n, qw, qr),
        source: qr + qw > n ? 'r + w > n: every read quorum meets every write quorum' : 'PBS (Bailis et al., VLDB 2012): C(n−w, r) / C(n, r)',
        applies: qr + qw > n ? 'no failures' : 'no propagation beyond the write quorum; writes to a key serial',
      });
    }
  }
  return out;
}

function ordinal(k: number): string {
  return k === 2 ? '2nd' : k === 3 ? '3rd' : `${k}th`;
}

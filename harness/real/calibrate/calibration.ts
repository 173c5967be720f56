/**
 * From measurements to the simulator: service times are each operation's single-client latency
 * quantiles minus the no-work round trip's quantiles on the same node (what is left is the
 * server's own work);
 * links are half the no-work round trip through the client link and through a replication link
 * (one way, the relay's delay and the loopback included). The fitted distributions, the simulated
 * counterpart of the backend's replication mode, and the calibrated simulated case of the same
 * shape as a real case.
 */
import { formatDuration } from '../../config/duration.js';
import type { CalibrateConfig, RealBackendConfig } from '../../config/backend.js';
import type { CaseConfig } from '../../config/schema.js';
import type { Case } from '../../config/suite.js';
import { checkStrategyParams } from '../../config/strategy-loader.js';
import type { DistSpec } from '../../sim/distributions.js';
import { builtinStrategies } from '../../../strategies/replication/registry.js';
import { fit, quantile, summarise, type SampleSummary } from './fit.js';
import type { Measurement } from './measure.js';

/** Service times below this (µs) are clipped to it (a lognormal needs a positive median). */
const MIN_SERVICE_US = 1;

/** A simulated strategy entry. */
export interface StrategyEntry {
  readonly name: string;
  readonly params: Readonly<Record<string, unknown>>;
}

/** What calibration found: the measurements' quantiles, the fitted distributions and the counterpart strategy. */
export interface Calibration {
  readonly fit: CalibrateConfig['fit'];
  /** µs quantiles of what was measured (service times after subtracting the no-work round trip; links one way). */
  readonly measured: {
    readonly samples: number;
    readonly noopRoundTrip: SampleSummary;
    readonly write: SampleSummary;
    readonly read: SampleSummary;
    readonly clientLink: SampleSummary;
    readonly replicationLink: SampleSummary;
  };
  readonly service: CaseConfig['service'];
  readonly network: { readonly nodeToNode: DistSpec; readonly clientToNode: DistSpec };
  readonly strategy: StrategyEntry;
}

/**
 * The service time's sample: each quantile of `xs` minus the same quantile of `base` (the no-work
 * round trip), clipped at MIN_SERVICE_US. Subtracting quantiles rather than one sample from
 * another keeps the round trip's own noise (tens of µs on a shared machine, as much as a fast
 * server's work) out of the service time's spread.
 */
export function serviceSample(xs: readonly number[], base: readonly number[]): number[] {
  const a = [...xs].sort((x, y) => x - y);
  const b = [...base].sort((x, y) => x - y);
  return a.map((x, i) => Math.max(MIN_SERVICE_US, x - quantile(b, a.length > 1 ? i / (a.length - 1) : 0.5))).sort((x, y) => x - y);
}

/** The simulated strategy that waits as the backend's mode does. */
export function counterpart(b: RealBackendConfig, followers: number): StrategyEntry {
  const forever = '3600s'; // PostgreSQL's synchronous wait never gives up
  const t = (us: number) => formatDuration(us);
  if (b.kind === 'postgres') {
    if (b.mode === 'async' || b.synchronousCommit === 'off' || b.synchronousCommit === 'local') return { name: 'async', params: {} };
    if (b.mode === 'sync' && b.acks === followers) return { name: 'sync', params: {} };
    return { name: 'semi-sync', params: { acks: b.acks, timeout: forever } };
  }
  if (b.kind === 'redis') {
    if (b.mode === 'async') return { name: 'async', params: {} };
    return { name: 'semi-sync', params: { acks: b.acks, timeout: b.waitTimeout ? t(b.waitTimeout) : forever, fallback: 'per-write' } };
  }
  if (b.mode === 'async') return { name: 'async', params: {} };
  // MariaDB waits for one replica and, after a timeout, runs async until a replica has caught up.
  return { name: 'semi-sync', params: { acks: 1, timeout: t(b.semisyncTimeout), fallback: 'switch' } };
}

/** Fits the simulator's distributions to `m`. */
export function calibrate(m: Measurement, b: RealBackendConfig, followers: number, workers: number, how: CalibrateConfig): Calibration {
  const write = serviceSample(m.write, m.noopPrimary);
  const read = serviceSample(m.read, m.noopRead);
  const client = m.clientLink.map((x) => x / 2);
  const replication = m.replicationLink.map((x) => x / 2);
  const writeFit = fit(write, how.fit);
  const readFit = fit(read, how.fit);
  return {
    fit: how.fit,
    measured: { samples: m.samples, noopRoundTrip: summarise(m.noopPrimary), write: summarise(write), read: summarise(read), clientLink: summarise(client), replicationLink: summarise(replication) },
    // A replica applies what the primary executed: its apply time is taken as the write's.
    service: { workers, write: writeFit, read: readFit, apply: writeFit, scan: readFit },
    network: { nodeToNode: fit(replication, how.fit), clientToNode: fit(client, how.fit) },
    strategy: counterpart(b, followers),
  };
}

/** The simulated case of the same shape as real case `c`, with the calibrated service times, links and counterpart strategy. */
export function calibratedCase(c: Case, cal: Calibration): Case {
  const { backend: _real, ...rest } = c.config;
  const def = builtinStrategies.get(cal.strategy.name);
  if (!def) throw new Error(`unknown strategy ${cal.strategy.name}`);
  const checked = checkStrategyParams(def, { ...cal.strategy.params }, c.config.cluster);
  if (checked.issues.length || checked.problems.length) throw new Error(`calibrated strategy ${cal.strategy.name}: ${[...checked.issues, ...checked.problems].map((i) => i.message).join('; ')}`);
  const config: CaseConfig = {
    ...rest,
    network: { ...c.config.network, nodeToNode: cal.network.nodeToNode, clientToNode: cal.network.clientToNode },
    service: cal.service,
    strategy: { name: cal.strategy.name, params: checked.params },
  };
  return { id: `${c.id}-sim`, index: c.index, name: describeStrategy(cal.strategy), config };
}

/** `semi-sync(acks=1, timeout=200ms, fallback=switch)`. */
export function describeStrategy(s: StrategyEntry): string {
  const ps = Object.entries(s.params).map(([k, v]) => `${k}=${String(v)}`);
  return ps.length ? `${s.name}(${ps.join(', ')})` : s.name;
}

/** A distribution as a suite writes it (durations as strings with units). */
export function distForSuite(d: DistSpec): Record<string, unknown> | string {
  const r = (us: number) => formatDuration(Number(us.toPrecision(4)));
  switch (d.dist) {
    case 'lognormal':
      return { dist: 'lognormal', median: r(d.median), sigma: Number(d.sigma.toFixed(3)) };
    case 'empirical':
      return { dist: 'empirical', values: d.values.map(r) };
    case 'constant':
      return r(d.value);
    default:
      return d as unknown as Record<string, unknown>;
  }
}

/** The suite fragment (strategy, service, network) a user can paste into a suite. */
export function suiteFragment(cal: Calibration): Record<string, unknown> {
  return {
    strategy: { name: cal.strategy.name, ...cal.strategy.params },
    service: { workers: cal.service.workers, write: distForSuite(cal.service.write), read: distForSuite(cal.service.read), apply: distForSuite(cal.service.apply) },
    network: { nodeToNode: distForSuite(cal.network.nodeToNode), clientToNode: distForSuite(cal.network.clientToNode) },
  };
}

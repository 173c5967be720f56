/**
 * Calibration against a running cluster (measure, fit, load the records again), and the
 * calibrated simulation of a real case, run in this process right after it, summarised beside it.
 */
import type { RealBackendConfig } from '../../config/backend.js';
import { replicasOf } from '../../config/backend.js';
import type { CaseConfig } from '../../config/schema.js';
import type { Case } from '../../config/suite.js';
import type { CaseMetrics } from '../../metrics/types.js';
import type { RealBackendModule, RealCluster } from '../backend.js';
import { calibrate, calibratedCase, type Calibration } from './calibration.js';
import { measure } from './measure.js';

/** The headline numbers of a case, for the sim-versus-real table (µs, ops/s, fractions). */
export interface Headline {
  readonly throughput: number;
  readonly writeP50: number;
  readonly writeP99: number;
  readonly readP50: number;
  readonly readP99: number;
  readonly staleFraction: number;
  readonly staleReads: number;
  readonly lagP99: number;
  readonly lagSamples: number;
  readonly fallbacks: number;
}

/** A real case's calibration and its calibrated simulation (metrics.real.calibration). */
export interface CalibrationReport extends Calibration {
  /** The simulated case's name and its headline numbers (null if it failed: see simError). */
  readonly simName: string;
  readonly sim: Headline | null;
  readonly simError?: string;
}

/** The node reads are calibrated on: where the workload sends most of them. */
export function readNodeOf(config: CaseConfig, nodes: number): number {
  return config.workload.reads === 'leader' || nodes < 2 ? 0 : 1;
}

/** Measures `cluster` (loaded), fits the distributions, and loads the records again (measuring bumped versions). */
export async function calibrateCluster(cluster: RealCluster, config: CaseConfig, backend: RealBackendConfig, mod: RealBackendModule, how: { samples: number; fit: 'lognormal' | 'empirical' }): Promise<Calibration> {
  const wl = config.workload;
  const bytes = wl.values.fieldCount * wl.values.fieldLength;
  const m = await measure(cluster, how.samples, wl.records, Math.min(bytes, 1 << 20), readNodeOf(config, cluster.nodes));
  const cal = calibrate(m, backend, replicasOf(backend), mod.serviceWorkers(), how);
  await cluster.load(wl.records, bytes);
  return cal;
}

/** The headline numbers of a case's metrics. */
export function headline(m: CaseMetrics): Headline {
  return {
    throughput: m.throughput,
    writeP50: m.ops.write.latency.p50,
    writeP99: m.ops.write.latency.p99,
    readP50: m.ops.read.latency.p50,
    readP99: m.ops.read.latency.p99,
    staleFraction: m.staleness.fraction,
    staleReads: m.staleness.reads,
    lagP99: m.replicationLag.lag.p99,
    lagSamples: m.replicationLag.lag.count,
    // Writes acknowledged without the replicas they waited for: the simulator's semi-sync counts the
    // write that timed out as a fallback and, in `switch` mode, those acknowledged while it runs
    // asynchronously as async_acks; MariaDB's Rpl_semi_sync_master_no_tx counts both.
    fallbacks: (m.counters.fallbacks ?? 0) + (m.counters.async_acks ?? 0),
  };
}

/** Runs the calibrated simulation of real case `c` in this process. */
export async function runCalibratedSim(c: Case, cal: Calibration): Promise<CalibrationReport> {
  let simName = '';
  try {
    const sim = calibratedCase(c, cal);
    simName = sim.name;
    const { runCase } = await import('../../run-case.js');
    const r = await runCase(sim);
    if (r.status !== 'ok') return { ...cal, simName, sim: null, simError: r.error.message };
    return { ...cal, simName, sim: headline(r.metrics) };
  } catch (err) {
    return { ...cal, simName, sim: null, simError: (err as Error).message };
  }
}

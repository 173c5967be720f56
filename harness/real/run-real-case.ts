/**
 * One case against a real database: start the cluster, load the records, run the workload in
 * wall-clock time with lag probes, view samples and crash faults, stop everything (whatever
 * happens), and return the same CaseResult a simulated case returns, plus `metrics.real`.
 */
import { performance } from 'node:perf_hooks';
import type { Case } from '../config/suite.js';
import type { CaseResult } from '../../reports/schema.js';
import type { CaseMetrics } from '../metrics/types.js';
import { Recorder } from '../metrics/recorder.js';
import { Histogram } from '../metrics/histogram.js';
import { loadMetrics } from '../metrics/load.js';
import { buildScheme } from '../config/topology.js';
import { faultLabel } from '../config/faults.js';
import { backendLabel } from '../config/backend.js';
import { Rng } from '../sim/rng.js';
import type { FaultTarget } from '../config/schema.js';
import type { RealCluster, RealMetrics, ServerCounters } from './backend.js';
import { backendModule } from './backends.js';
import { RealClock } from './clock.js';
import { Driver } from './driver.js';
import type { RunFolder } from './processes.js';
import { calibrateCluster, runCalibratedSim } from './calibrate/run-calibration.js';

/** Options of one real case. */
export interface RealCaseOptions {
  /** The run's folder (servers, data, the template shared by the run's cases). */
  readonly folder: RunFolder;
  /** Aborting ends the case early (interrupt or timeout); its servers are stopped all the same. */
  readonly signal?: AbortSignal;
  /** The share of the case's duration done, a few times a second. */
  readonly onProgress?: (fraction: number) => void;
  /** Set-up lines (start-up times). */
  readonly log?: (line: string) => void;
}

/** The node a fault target names: the primary is node 0, every other node a standby. */
function faultNode(t: FaultTarget, nodes: number, rng: Rng): number {
  if (typeof t === 'number') return t;
  if (t === 'random') return rng.int(nodes);
  if ('leader-of' in t) return 0;
  return nodes > 1 ? 1 + rng.int(nodes - 1) : 0;
}

/** How much each server counter grew between two snapshots (empty if either is missing). */
function counterGrowth(from: ServerCounters | null, to: ServerCounters | null): Record<string, number> {
  if (!from || !to) return {};
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(to)) if (typeof from[k] === 'number') out[k] = Math.max(0, v - from[k]!);
  return out;
}

/** Runs `c` (a case with a real backend); never throws: a failure becomes a `failed` result. */
export async function runRealCase(c: Case, options: RealCaseOptions): Promise<CaseResult> {
  const base = { id: c.id, index: c.index, name: c.name, seed: c.config.seed, config: c.config };
  const t0 = performance.now();
  const config = c.config;
  const backend = config.backend!;
  let cluster: RealCluster | null = null;
  const timers: NodeJS.Timeout[] = [];
  const faultErrors: string[] = [];
  const pendingFaults: Promise<void>[] = [];
  try {
    const mod = await backendModule(backend.kind);
    const why = await mod.unavailable();
    if (why) throw new Error(why);
    cluster = await mod.start({ config, backend, folder: options.folder, ...(options.log ? { log: options.log } : {}) });
    const wl = config.workload;
    await cluster.load(wl.records, wl.values.fieldCount * wl.values.fieldLength);
    // Calibration (asked for): single-client service times and links on this cluster, before the workload.
    const calibration = backend.calibrate ? await calibrateCluster(cluster, config, backend, mod, backend.calibrate) : null;
    options.signal?.throwIfAborted();
    const scheme = buildScheme(config);
    const windows = config.faults.map((f) => ({ label: faultLabel(f), kind: f.kind, start: f.at, end: f.for === null ? config.duration : Math.min(config.duration, f.at + f.for) }));
    const rec = new Recorder({ records: wl.records, partitions: 1, nodes: cluster.nodes, replicationFactor: cluster.nodes, warmup: config.warmup, visibility: config.metrics.visibility, reads: wl.reads, vector: false, windows, paced: true, partitionOf: () => 0 });
    const clock = new RealClock();
    const driver = new Driver(config, backend, cluster, rec, clock);
    await driver.warm();
    options.signal?.throwIfAborted();
    clock.restart();
    // Replication lag: write-then-poll probes into the recorder; the database's own view sampled beside it.
    cluster.startProbes(backend.lagProbe, () => clock.now(), (lag, at) => rec.onLagSample(lag, at));
    const viewLag = new Histogram();
    const viewBytes = new Histogram();
    let viewSamples = 0;
    const cl = cluster;
    timers.push(
      setInterval(() => {
        if (clock.now() < config.warmup) return;
        void cl.viewSample().then((v) => {
          if (!v) return;
          viewSamples++;
          for (const x of v.lagUs) if (x !== null) viewLag.record(x);
          for (const x of v.behindBytes) if (x !== null) viewBytes.record(x);
        });
      }, Math.max(1, backend.lagProbe / 1000)),
    );
    // Faults: a crash stops a node as a crash would (immediate shutdown) and restarts it after `for`.
    const rng = new Rng(config.seed, 'faults');
    config.faults.forEach((f, i) => {
      if (f.kind !== 'crash') return;
      const node = faultNode(f.node, cl.nodes, rng);
      const run = (what: () => Promise<void>, label: string) => pendingFaults.push(what().catch((err: Error) => void faultErrors.push(`${label} node ${node}: ${err.message}`)));
      // The window starts when the node has stopped, not when it was told to.
      timers.push(setTimeout(() => run(() => cl.crash(node).then(() => rec.windowTookEffect(i, clock.now())), 'crash'), f.at / 1000));
      if (f.for !== null && f.at + f.for < config.duration) timers.push(setTimeout(() => run(() => cl.restart(node), 'restart'), (f.at + f.for) / 1000));
    });
    // The database's own counters: their growth from the end of the warm-up to the end of the case.
    let countersAtWarmup: Promise<ServerCounters | null> | null = null;
    const snap = () => Promise.race([cl.counters ? cl.counters().catch(() => null) : Promise.resolve(null), new Promise<null>((r) => setTimeout(() => r(null), 2000).unref())]);
    if (cl.counters) {
      if (config.warmup <= 0) countersAtWarmup = snap();
      else timers.push(setTimeout(() => void (countersAtWarmup = snap()), config.warmup / 1000));
    }
    if (options.onProgress) timers.push(setInterval(() => options.onProgress!(Math.min(1, clock.now() / config.duration)), 250));
    const onAbort = () => driver.stop();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    await driver.start();
    options.signal?.removeEventListener('abort', onAbort);
    for (const t of timers) clearTimeout(t);
    timers.length = 0;
    // Before close(): cancelling the writes still in flight would count as the database's own failures.
    const serverCounters = countersAtWarmup ? counterGrowth(await countersAtWarmup, await snap()) : {};
    const running = await driver.close();
    await Promise.all(pendingFaults);
    const report = await cluster.close();
    cluster = null;
    options.signal?.throwIfAborted();
    if (faultErrors.length) throw new Error(`faults failed: ${faultErrors.join('; ')}`);
    const d = driver.report();
    const measured = rec.finish(d.end, d.measuredEnd, d.inflightAtEnd, d.issued);
    const cm = wl.clients;
    const target = cm.model === 'open' ? measured.offered : cm.model === 'closed' && cm.target !== undefined ? cm.target : 0;
    // The calibrated simulation of the same shape, beside it (the servers are stopped by now).
    const calibrated = calibration ? await runCalibratedSim(c, calibration) : null;
    const real: RealMetrics = {
      ...report,
      ...(calibrated ? { calibration: calibrated } : {}),
      backend: backendLabel(backend),
      cancelled: report.cancelled,
      clients: { pool: d.pool, waited: d.waited, poolWait: d.poolWait.summary(), maxQueued: d.maxQueued, sendDelay: d.sendDelay.summary() },
      view: { samples: viewSamples, lagUs: viewLag.summary(), behindBytes: viewBytes.summary() },
    };
    const metrics: CaseMetrics & { real: RealMetrics } = {
      ...measured,
      offered: target > 0 ? target : measured.offered,
      saturated: target > 0 && measured.throughput < 0.95 * target,
      counters: { ...measured.counters, ...serverCounters, ...(d.fallbacks ? { fallbacks: (serverCounters.fallbacks ?? 0) + d.fallbacks } : {}), cancelled: report.cancelled, cancelled_at_end: running, pool_waits: d.waited },
      faults: { windows: measured.faults.windows, failovers: [] },
      // Which writes each server holds is not followed, so a loss would go unseen: not measured,
      // rather than a 0 that reads as "nothing lost". (A single primary serializes the writes: no
      // write is ever silently overwritten, so those stay 0.)
      durability: { ...measured.durability, lostWrites: null, lost: [] },
      load: loadMetrics(scheme, wl.records, rec.loadCounts()),
      expectations: [],
      real,
    };
    return { status: 'ok', ...base, metrics, wallMs: performance.now() - t0 };
  } catch (err) {
    const e = err as Error;
    const aborted = options.signal?.aborted;
    const reason = aborted ? String((options.signal!.reason as Error | undefined)?.message ?? options.signal!.reason) : e.message;
    return { status: 'failed', ...base, error: { message: reason ?? String(err), ...(e.stack && !aborted ? { stack: e.stack } : {}) }, wallMs: performance.now() - t0 };
  } finally {
    for (const t of timers) clearTimeout(t);
    if (cluster) await cluster.close().catch(() => undefined);
  }
}

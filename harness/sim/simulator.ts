/**
 * The deterministic discrete-event simulator: assembles one state object from the case (network,
 * node queues, replicas, clients, faults; see the modules of this folder) and runs the event loop
 * in virtual time. One call runs one case and returns its metrics.
 */
import type { CaseConfig } from '../config/schema.js';
import { resolveTraits, type StrategyDefinition } from '../runtime/contract.js';
import { LaneQueue } from './lane-queue.js';
import { Rng } from './rng.js';
import { Recorder } from '../metrics/recorder.js';
import type { CaseMetrics, Failover, LostWrite } from '../metrics/types.js';
import { buildScheme } from '../config/topology.js';
import { faultLabel } from '../config/faults.js';
import { loadMetrics } from '../metrics/load.js';
import { expectationsFor } from '../metrics/expectations.js';
import { Network } from './network.js';
import { Nodes } from './nodes.js';
import { Replicas } from './replicas.js';
import { Clients } from './clients.js';
import { Faults } from './faults.js';
import { EV, type Envelope, type Op, type Reply, type SimState, type TimerRec, type WorkItem } from './state.js';

/** Events at one instant beyond which the simulation is declared stuck. */
const MAX_EVENTS_AT_ONE_INSTANT = 2_000_000;
/** Events between progress reports. */
const PROGRESS_EVERY = 1 << 16;

/** Thrown when the simulation cannot advance virtual time. */
export class StuckSimulationError extends Error {}

/** Options of one run. */
export interface SimulateOptions {
  /** Called every 65,536 events with the share of virtual time done (0..1): a deterministic count, never a clock. */
  readonly onProgress?: (fraction: number) => void;
}

/** What one simulated case returns. */
export interface SimulationOutput {
  readonly metrics: CaseMetrics;
  readonly events: number;
  /** The cluster as the run left it (for inspection and tests; not part of the results). */
  readonly final: FinalState;
}

/** The cluster's state at the end of a run: every partition's view and every replica's log position and data. */
export interface FinalState {
  readonly partitions: readonly {
    readonly term: number;
    readonly leader: number | null;
    /** Where leader-routed reads go (a strategy-managed view's `readAt`; null: the leader). */
    readonly readAt: number | null;
    readonly replicas: readonly { readonly node: number; readonly up: boolean; readonly term: number; readonly lastApplied: number; readonly lastIndex: number }[];
  }[];
  /** Keys handed out so far (0..keys-1: the initial records and every insert). */
  readonly keys: number;
  /** The numeric version of `key` stored on `node` (0 = the initial load). */
  version(node: number, key: number): number;
  /** The write id of `key` stored on `node` (0 = the initial load). */
  writeId(node: number, key: number): number;
  /** The partition that holds `key`. */
  partitionOf(key: number): number;
}

/** Runs one case in virtual time and returns its metrics. Throws if the strategy throws or the run is stuck. */
export function simulate(config: CaseConfig, strategy: StrategyDefinition<any>, options: SimulateOptions = {}): SimulationOutput {
  const root = new Rng(config.seed, 'case');
  const { nodes: nodeCount, replicationFactor: rf } = config.cluster;
  const wl = config.workload;
  const scheme = buildScheme(config);
  const traits = resolveTraits(strategy, config.strategy.params, config.cluster);
  const windows = config.faults.map((f) => ({ label: faultLabel(f), kind: f.kind, start: f.at, end: f.for === null ? config.duration : Math.min(config.duration, f.at + f.for) }));
  const recorder = new Recorder({ records: wl.records, partitions: scheme.partitions, nodes: nodeCount, replicationFactor: rf, warmup: config.warmup, visibility: config.metrics.visibility, reads: wl.reads, vector: traits.order === 'vector', windows, paced: wl.clients.model === 'closed' && wl.clients.target !== undefined, sessions: wl.clients.model === 'closed' ? wl.clients.count : 0, partitionOf: (k) => scheme.partitionOf(k) });
  const s: SimState = {
    config,
    strategy,
    traits,
    q: new LaneQueue<unknown>(4096),
    now: 0,
    end: config.duration,
    root,
    nodeCount,
    rf,
    scheme,
    parts: Array.from({ length: scheme.partitions }, (_, p) => {
      const replicas = scheme.replicasOf(p);
      return { term: 0, leader: traits.view === 'none' ? null : replicas[0]!, readAt: null, replicas, epochs: [{ term: 0, base: 0 }] };
    }),
    nodes: [],
    recorder,
    failovers: [],
    net: undefined as unknown as Network,
    nodeQueues: undefined as unknown as Nodes,
    replicas: undefined as unknown as Replicas,
    clients: undefined as unknown as Clients,
    faults: undefined as unknown as Faults,
  };
  s.net = new Network(s);
  s.nodeQueues = new Nodes(s);
  s.replicas = new Replicas(s);
  s.clients = new Clients(s);
  s.faults = new Faults(s);
  s.replicas.start();
  s.faults.start();
  s.clients.start();

  // --- Event loop ----------------------------------------------------------------------------
  const { q, end } = s;
  const net = s.net;
  const nodes = s.nodes;
  const queues = s.nodeQueues;
  const clients = s.clients;
  const onProgress = options.onProgress;
  let events = 0;
  let sameInstant = 0;
  let lastTime = -1;
  while (q.size > 0) {
    const t = q.peekTime();
    if (t > end) break;
    const kind = q.peekKind();
    const payload = q.pop();
    if (t === lastTime) {
      if (++sameInstant > MAX_EVENTS_AT_ONE_INSTANT) throw stuck(s, t);
    } else {
      sameInstant = 0;
      lastTime = t;
    }
    s.now = t;
    events++;
    if (onProgress !== undefined && (events & (PROGRESS_EVERY - 1)) === 0) onProgress(t / end);
    switch (kind) {
      case EV.request:
        queues.arrive(payload as Op);
        break;
      case EV.message: {
        const env = payload as Envelope;
        // A partition drops messages in flight too; so does a crash of the sender.
        if (net.reachable(env.from, env.node) && nodes[env.from]!.epoch === env.fromEpoch) queues.arrive(env);
        break;
      }
      case EV.serviceDone:
        queues.serviceDone(payload as WorkItem);
        break;
      case EV.timer:
        s.replicas.fire(payload as TimerRec);
        break;
      case EV.response:
        clients.response(payload as Reply);
        break;
      case EV.clientNext:
        clients.clientNext(payload as number);
        break;
      case EV.arrival:
        clients.arrival();
        break;
      case EV.timeoutSweep:
        clients.sweep();
        break;
      case EV.faultStart:
        s.faults.faultStart(payload as number);
        break;
      case EV.faultEnd:
        s.faults.faultEnd(payload as number);
        break;
      case EV.heartbeat:
        s.faults.heartbeat();
        break;
    }
  }
  return finish(s, events, lastTime);
}

/** Why the simulation is stuck at `t`: zero-time operations, or simply too many clients acting at one instant. */
function stuck(s: SimState, t: number): StuckSimulationError {
  const c = s.config.workload.clients;
  const starters = c.model === 'closed' ? c.count : 1;
  if (starters * 2 >= MAX_EVENTS_AT_ONE_INSTANT) {
    return new StuckSimulationError(`simulation stuck at virtual time ${t} µs: ${MAX_EVENTS_AT_ONE_INSTANT} events without time advancing, from ${starters} clients starting at the same instant; use fewer clients`);
  }
  return new StuckSimulationError(`simulation stuck at virtual time ${t} µs: ${MAX_EVENTS_AT_ONE_INSTANT} events without time advancing (operations complete in zero virtual time; give network, service or thinkTime a positive duration)`);
}

/** Attributes each lost write to the first leader change of its partition at or after its commit (or the last one before it). */
function attributeLost(failovers: Failover[], lost: readonly LostWrite[], warmup: number): Failover[] {
  if (failovers.length === 0) return failovers;
  const counts = new Map<Failover, number>();
  for (const w of lost) {
    const mine = failovers.filter((f) => f.partition === w.partition);
    if (mine.length === 0) continue;
    const at = (w.committedAtUs - warmup) / 1e6;
    const f = mine.find((x) => x.at_s >= at) ?? mine[mine.length - 1]!;
    counts.set(f, (counts.get(f) ?? 0) + 1);
  }
  return failovers.map((f) => ({ ...f, lostWrites: counts.get(f) ?? 0 }));
}

function finish(s: SimState, events: number, lastTime: number): SimulationOutput {
  const { config, clients, recorder } = s;
  const wl = config.workload;
  const finalTime = Math.min(s.end, Math.max(s.now, lastTime));
  const measuredEnd = clients.issued >= clients.opLimit && clients.inflightCount === 0 ? Math.max(clients.lastCompletion, config.warmup) : s.end;
  const base = recorder.finish(finalTime, measuredEnd, clients.inflightCount, events);
  const c = wl.clients;
  const period = c.model === 'closed' && c.target !== undefined ? c.target : 0;
  const targetRate = c.model === 'open' ? base.offered : period;
  const measured = {
    ...base,
    // A paced loop offers its target rate even when behind schedule (the recorder only sees what was issued).
    offered: targetRate > 0 ? targetRate : base.offered,
    saturated: targetRate > 0 && base.throughput < 0.95 * targetRate,
    faults: { windows: base.faults.windows, failovers: attributeLost(s.failovers, recorder.allLost, config.warmup) },
    load: loadMetrics(s.scheme, wl.records, recorder.loadCounts()),
  };
  const metrics: CaseMetrics = { ...measured, expectations: expectationsFor(config, measured) };
  const replicas = s.replicas;
  const final: FinalState = {
    partitions: s.parts.map((st, p) => ({
      term: st.term,
      leader: st.leader,
      readAt: st.readAt,
      replicas: st.replicas.map((n) => {
        const log = replicas.get(p, n).log;
        return { node: n, up: s.nodes[n]!.up, term: log.term, lastApplied: log.lastApplied, lastIndex: log.lastIndex };
      }),
    })),
    keys: clients.keyspace.allocated,
    version: (node, key) => replicas.data[node]!.ver[key] ?? 0,
    writeId: (node, key) => replicas.data[node]!.wid[key] ?? 0,
    partitionOf: (key) => s.scheme.partitionOf(key),
  };
  return { metrics, events, final };
}

/**
 * The deterministic discrete-event simulator: virtual clock, event queue, network and node
 * models, clients, and the strategy's replicas. One call runs one case to completion.
 *
 * Node model: every node has `service.workers` workers and a FIFO queue; client requests and
 * messages that cost work (ctx.send(..., 'apply')) wait for a worker and take a service time
 * drawn from the node's distribution for that kind; other messages (acks) are handled on arrival.
 * Network: one-way latency per message drawn from the client↔node or node↔node distribution;
 * node↔node messages are lost with probability `network.loss`.
 */
import type { CaseConfig } from '../config/schema.js';
import type { ClientRequest, LogEntry, Message, NodeId, Replica, ReplicaContext, ReplicaStore, ReplyResult, StrategyDefinition, TimerHandle, Work } from '../runtime/types.js';
import { compileDist, distMean, type Sampler } from './distributions.js';
import { EventQueue } from './event-queue.js';
import { Rng } from './rng.js';
import { Recorder } from '../metrics/recorder.js';
import type { CaseMetrics } from '../metrics/types.js';
import { createKeyChooser } from '../../workloads/keys.js';
import type { PartitionScheme } from '../../strategies/partitioning/types.js';
import { buildScheme } from '../config/topology.js';
import { loadMetrics } from '../metrics/load.js';

const EV_REQUEST = 0;
const EV_MESSAGE = 1;
const EV_SERVICE_DONE = 2;
const EV_TIMER = 3;
const EV_RESPONSE = 4;
const EV_CLIENT_NEXT = 5;
const EV_ARRIVAL = 6;
const EV_TIMEOUT_SWEEP = 7;

const SVC_WRITE = 0;
const SVC_READ = 1;
const SVC_APPLY = 2;
const SVC_NONE = 3;

/** Events at one instant beyond which the simulation is declared stuck. */
const MAX_EVENTS_AT_ONE_INSTANT = 2_000_000;

/** Thrown when the simulation cannot advance virtual time. */
export class StuckSimulationError extends Error {}

/** A client operation in flight. */
class Request implements ClientRequest {
  readonly kind = 0;
  /** Node the request was sent to (and whose queue it waits in). */
  node = 0;
  /** Region index of the client that issued it (0 without regions). */
  region = 0;
  svc: number;
  result: ReplyResult | null = null;
  done = false;
  prev: Request | null = null;
  next: Request | null = null;
  constructor(
    readonly op: 'read' | 'write',
    readonly key: number,
    readonly partition: number,
    /** Closed-loop client index, or -1 for open-loop arrivals. */
    readonly client: number,
    /** Intended start time (µs). */
    readonly start: number,
    readonly snapVersion: number,
    readonly snapTime: number,
  ) {
    this.svc = op === 'read' ? SVC_READ : SVC_WRITE;
  }
}

/** A message between replicas in flight. */
class Envelope {
  readonly kind = 1;
  constructor(
    readonly partition: number,
    readonly from: NodeId,
    readonly node: NodeId,
    readonly msg: Message,
    readonly svc: number,
  ) {}
}

type WorkItem = Request | Envelope;

interface NodeState {
  readonly id: number;
  busy: number;
  readonly queue: WorkItem[];
  qHead: number;
  readonly svc: Sampler[];
}

interface TimerRec extends TimerHandle {
  readonly replica: ReplicaRuntime;
}

interface ReplicaRuntime {
  readonly ctx: ReplicaContext;
  impl: Replica;
}

/** What one simulated case returns. */
export interface SimulationOutput {
  readonly metrics: CaseMetrics;
  readonly events: number;
}

const WORK_CODE: Record<Work, number> = { write: SVC_WRITE, read: SVC_READ, apply: SVC_APPLY, none: SVC_NONE };

/** Runs one case in virtual time and returns its metrics. Throws if the strategy throws or the run is stuck. */
export function simulate(config: CaseConfig, strategy: StrategyDefinition<any>): SimulationOutput {
  const root = new Rng(config.seed, 'case');
  const { nodes: nodeCount, replicationFactor: rf } = config.cluster;
  const wl = config.workload;
  const end = config.duration;
  const warmup = config.warmup;
  const q = new EventQueue<unknown>(4096);
  let now = 0;

  const scheme: PartitionScheme = buildScheme(config);
  const partitions = scheme.partitions;
  const recorder = new Recorder({ records: wl.records, partitions, nodes: nodeCount, replicationFactor: rf, warmup, visibility: config.metrics.visibility, reads: wl.reads });

  const netRng = root.fork('network');
  const lossRng = root.fork('loss');
  const n2nBase = compileDist(config.network.nodeToNode, netRng);
  const c2nBase = compileDist(config.network.clientToNode, netRng);
  const loss = config.network.loss;

  // Regions: links between different regions add the inter-region latency to the link's own.
  const regions = config.regions;
  const regionNames = regions ? [...new Set(regions.nodes)] : [];
  const nodeRegion = regions ? regions.nodes.map((r) => regionNames.indexOf(r)) : [];
  const clientRegions = regions ? regions.clients.map((r) => regionNames.indexOf(r)) : [];
  const interRng = root.fork('regions');
  const inter: (Sampler | null)[][] = regionNames.map((a) => regionNames.map((b) => (a === b ? null : compileDist(regions!.latency[a]![b]!, interRng))));
  const n2n: (from: number, to: number) => number = regions
    ? (from, to) => {
        const x = inter[nodeRegion[from]!]![nodeRegion[to]!];
        return x ? n2nBase() + x() : n2nBase();
      }
    : () => n2nBase();
  const c2n: (region: number, node: number) => number = regions
    ? (region, node) => {
        const x = inter[region]![nodeRegion[node]!];
        return x ? c2nBase() + x() : c2nBase();
      }
    : () => c2nBase();
  // Mean one-way latency from each client region to each node, for `nearest` reads.
  const meanOf = (spec: Parameters<typeof distMean>[0]) => distMean(spec);
  const regionDistance = regionNames.map((a) => regionNames.map((b) => (a === b ? 0 : meanOf(regions!.latency[a]![b]!))));

  const svcRng = root.fork('service');
  const nodes: NodeState[] = [];
  for (let i = 0; i < nodeCount; i++) {
    nodes.push({
      id: i,
      busy: 0,
      queue: [],
      qHead: 0,
      svc: [compileDist(config.service.write, svcRng), compileDist(config.service.read, svcRng), compileDist(config.service.apply, svcRng), () => 0],
    });
  }
  const workers = config.service.workers;

  // Per-node versions (a key lives in one partition, so one array per node serves all its replicas).
  const versions: Int32Array[] = [];
  for (let i = 0; i < nodeCount; i++) versions.push(new Int32Array(wl.records));

  // Replicas: one per (partition, node that holds it).
  const replicaAt: (ReplicaRuntime | undefined)[] = new Array(partitions * nodeCount);
  const placement: (readonly number[])[] = [];
  for (let p = 0; p < partitions; p++) placement.push(scheme.replicasOf(p));

  const replicaRoot = root.fork('replica');
  const makeStore = (p: number, node: number): ReplicaStore => {
    const ver = versions[node]!;
    let log: LogEntry[] = [];
    let logBase = 1; // index of log[0]
    let lastIndex = 0;
    let lastApplied = 0;
    const waiting = new Map<number, LogEntry>();
    const applyEntry = (e: LogEntry) => {
      ver[e.key] = e.version;
      lastApplied = e.index;
      recorder.onApply(p, e.index, now, false, node);
    };
    return {
      get lastIndex() {
        return lastIndex;
      },
      get lastApplied() {
        return lastApplied;
      },
      write(key: number): LogEntry {
        const entry: LogEntry = { index: ++lastIndex, key, version: ver[key]! + 1 };
        ver[key] = entry.version;
        lastApplied = entry.index;
        log.push(entry);
        recorder.onLeaderWrite(p, entry.index, key, entry.version, now);
        return entry;
      },
      append(entry: LogEntry): number {
        if (entry.index <= lastApplied) return lastApplied;
        if (entry.index !== lastApplied + 1) {
          waiting.set(entry.index, entry);
          if (entry.index > lastIndex) lastIndex = entry.index;
          return lastApplied;
        }
        applyEntry(entry);
        if (entry.index > lastIndex) lastIndex = entry.index;
        if (waiting.size > 0) {
          for (let next = waiting.get(lastApplied + 1); next; next = waiting.get(lastApplied + 1)) {
            waiting.delete(next.index);
            applyEntry(next);
          }
        }
        return lastApplied;
      },
      read(key: number): number {
        return ver[key]!;
      },
      entry(index: number): LogEntry | undefined {
        return log[index - logBase];
      },
      trim(index: number): void {
        const drop = Math.min(index - logBase + 1, log.length);
        if (drop <= 0) return;
        // Amortise: drop in chunks so trimming stays O(1) per entry.
        if (drop >= 256 || drop === log.length) {
          log = drop === log.length ? [] : log.slice(drop);
          logBase += drop;
        }
      },
    };
  };

  const deliver = (p: number, from: NodeId, to: NodeId, msg: Message, work: Work | undefined) => {
    if (loss > 0 && lossRng.next() < loss) return;
    q.push(now + n2n(from, to), EV_MESSAGE, new Envelope(p, from, to, msg, work === undefined ? SVC_NONE : WORK_CODE[work]));
  };

  for (let p = 0; p < partitions; p++) {
    const reps = placement[p]!;
    const leader = reps[0]!;
    const followers = reps.slice(1);
    for (const node of reps) {
      const isLeader = node === leader;
      let random: Rng | undefined;
      const rt: ReplicaRuntime = { ctx: undefined as unknown as ReplicaContext, impl: undefined as unknown as Replica };
      const ctx: ReplicaContext = {
        node,
        partition: p,
        leader,
        followers,
        isLeader,
        store: makeStore(p, node),
        get random() {
          return (random ??= replicaRoot.fork(`${p}/${node}`));
        },
        now: () => now,
        send: (to, msg, work) => deliver(p, node, to, msg, work),
        reply: (req, result) => {
          const r = req as Request;
          r.result = result;
          q.push(now + c2n(r.region, r.node), EV_RESPONSE, r);
        },
        setTimer: (delay, tag) => {
          const t: TimerRec = { tag, cancelled: false, replica: rt };
          q.push(now + (delay > 0 ? delay : 0), EV_TIMER, t);
          return t;
        },
        cancelTimer: (h) => {
          h.cancelled = true;
        },
        count: (name, by = 1) => recorder.count(name, by, now),
      };
      (rt as { ctx: ReplicaContext }).ctx = ctx;
      rt.impl = strategy.create(ctx, config.strategy.params);
      replicaAt[p * nodeCount + node] = rt;
    }
  }

  // --- Node queues -------------------------------------------------------------------------
  const process = (item: WorkItem) => {
    const rt = replicaAt[item.partition * nodeCount + item.node]!;
    if (item.kind === 0) {
      recorder.onServe(item.node, item.partition, now);
      rt.impl.onClientRequest(item);
    } else rt.impl.onMessage(item.from, item.msg);
  };
  const start = (node: NodeState, item: WorkItem) => {
    const s = node.svc[item.svc]!();
    if (s <= 0) {
      process(item);
      return;
    }
    node.busy++;
    q.push(now + s, EV_SERVICE_DONE, item);
  };
  const arrive = (item: WorkItem) => {
    if (item.svc === SVC_NONE) {
      process(item);
      return;
    }
    const node = nodes[item.node]!;
    if (node.busy < workers) start(node, item);
    else node.queue.push(item);
  };
  const serviceDone = (item: WorkItem) => {
    const node = nodes[item.node]!;
    node.busy--;
    process(item);
    const queue = node.queue;
    while (node.busy < workers && node.qHead < queue.length) {
      const next = queue[node.qHead]!;
      queue[node.qHead++] = undefined as unknown as WorkItem;
      start(node, next);
    }
    if (node.qHead === queue.length) {
      queue.length = 0;
      node.qHead = 0;
    } else if (node.qHead > 4096 && node.qHead * 2 > queue.length) {
      queue.splice(0, node.qHead);
      node.qHead = 0;
    }
  };

  // --- Clients -------------------------------------------------------------------------------
  const wlRng = root.fork('workload');
  const routeRng = root.fork('route');
  const nextKey = createKeyChooser(wl.keys, wl.records, wlRng);
  const readP = wl.readProportion;
  const timeout = wl.timeout;
  const opLimit = config.operations ?? Infinity;
  let issued = 0;
  let lastCompletion = 0;
  let inflightHead: Request | null = null;
  let inflightTail: Request | null = null;
  let inflight = 0;
  let sweepPending = false;
  let arrivals = 0;
  /** The replica closest to `region` by mean inter-region latency (ties broken at random). */
  const nearest = (reps: readonly number[], region: number): number => {
    let best = Infinity;
    let count = 0;
    let choice = reps[0]!;
    for (const n of reps) {
      const d = regionDistance[region]![nodeRegion[n]!]!;
      if (d < best) {
        best = d;
        count = 1;
        choice = n;
      } else if (d === best && routeRng.int(++count) === 0) choice = n;
    }
    return choice;
  };

  const unlink = (r: Request) => {
    if (r.prev) r.prev.next = r.next;
    else inflightHead = r.next;
    if (r.next) r.next.prev = r.prev;
    else inflightTail = r.prev;
    r.prev = r.next = null;
    inflight--;
  };

  const issue = (client: number, intended: number) => {
    if (issued >= opLimit) return;
    issued++;
    recorder.onIssue(intended);
    const isRead = wlRng.next() < readP;
    const key = nextKey();
    const p = scheme.partitionOf(key);
    const req = new Request(isRead ? 'read' : 'write', key, p, client, intended, isRead ? recorder.readSnapshot(key) : 0, isRead ? recorder.snapshotTime(key) : 0);
    if (regions) req.region = clientRegions[(client >= 0 ? client : arrivals++) % clientRegions.length]!;
    const reps = placement[p]!;
    if (!isRead || wl.reads === 'leader') req.node = reps[0]!;
    else if (wl.reads === 'follower') req.node = reps[1 + routeRng.int(rf - 1)]!;
    else if (wl.reads === 'any') req.node = reps[routeRng.int(rf)]!;
    else req.node = nearest(reps, req.region);
    // In-flight list in issue order: the head is always the next to time out.
    req.prev = inflightTail;
    if (inflightTail) inflightTail.next = req;
    else inflightHead = req;
    inflightTail = req;
    inflight++;
    if (!sweepPending) {
      sweepPending = true;
      q.push(now + timeout, EV_TIMEOUT_SWEEP, null);
    }
    q.push(now + c2n(req.region, req.node), EV_REQUEST, req);
  };

  const clientDone = (req: Request) => {
    lastCompletion = now;
    if (req.client >= 0) {
      if (clients.model === 'closed') {
        const think = thinkTime!();
        if (think > 0) q.push(now + think, EV_CLIENT_NEXT, req.client);
        else issue(req.client, now);
      }
    }
  };

  const response = (req: Request) => {
    if (req.done) return; // already timed out
    req.done = true;
    unlink(req);
    const res = req.result!;
    if (res.status === 'ok') {
      if (req.op === 'read') recorder.onReadOk(req.start, now, req.key, req.snapVersion, req.snapTime, res.version);
      else recorder.onWriteOk(req.start, now, req.partition, req.key, res.version, res.index);
    } else {
      recorder.onFailed(req.op, req.start, now, false);
    }
    clientDone(req);
  };

  const sweep = () => {
    sweepPending = false;
    while (inflightHead && inflightHead.start + timeout <= now) {
      const r = inflightHead;
      r.done = true;
      unlink(r);
      recorder.onFailed(r.op, r.start, now, true);
      clientDone(r);
    }
    if (inflightHead) {
      sweepPending = true;
      q.push(inflightHead.start + timeout, EV_TIMEOUT_SWEEP, null);
    }
  };

  const clients = wl.clients;
  const thinkTime = clients.model === 'closed' ? compileDist(clients.thinkTime, root.fork('think')) : undefined;
  const arrivalRng = root.fork('arrivals');
  const meanGap = clients.model === 'open' ? 1e6 / clients.rate : 0;
  const nextGap = clients.model === 'open' && clients.arrival === 'poisson' ? () => -meanGap * Math.log(arrivalRng.next()) : () => meanGap;
  if (clients.model === 'closed') {
    for (let c = 0; c < clients.count; c++) issue(c, 0);
  } else {
    q.push(nextGap(), EV_ARRIVAL, null);
  }

  // --- Event loop ----------------------------------------------------------------------------
  let events = 0;
  let sameInstant = 0;
  let lastTime = -1;
  while (q.size > 0) {
    const t = q.peekTime();
    if (t > end) break;
    const kind = q.peekKind();
    const payload = q.pop();
    if (t === lastTime) {
      if (++sameInstant > MAX_EVENTS_AT_ONE_INSTANT) {
        throw new StuckSimulationError(`simulation stuck at virtual time ${t} µs: ${MAX_EVENTS_AT_ONE_INSTANT} events without time advancing (operations complete in zero virtual time; give network, service or thinkTime a positive duration)`);
      }
    } else {
      sameInstant = 0;
      lastTime = t;
    }
    now = t;
    events++;
    switch (kind) {
      case EV_REQUEST:
        arrive(payload as Request);
        break;
      case EV_MESSAGE:
        arrive(payload as Envelope);
        break;
      case EV_SERVICE_DONE:
        serviceDone(payload as WorkItem);
        break;
      case EV_TIMER: {
        const tr = payload as TimerRec;
        if (!tr.cancelled) tr.replica.impl.onTimer(tr.tag);
        break;
      }
      case EV_RESPONSE:
        response(payload as Request);
        break;
      case EV_CLIENT_NEXT:
        issue(payload as number, now);
        break;
      case EV_ARRIVAL:
        issue(-1, now);
        if (issued < opLimit) q.push(now + nextGap(), EV_ARRIVAL, null);
        break;
      case EV_TIMEOUT_SWEEP:
        sweep();
        break;
    }
  }
  const finalTime = Math.min(end, Math.max(now, lastTime));
  const measuredEnd = issued >= opLimit && inflight === 0 ? Math.max(lastCompletion, warmup) : end;
  const metrics = recorder.finish(finalTime, measuredEnd, inflight, events);
  return { metrics: { ...metrics, load: loadMetrics(scheme, wl.records, recorder.loadCounts()) }, events };
}

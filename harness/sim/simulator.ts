/**
 * The deterministic discrete-event simulator: virtual clock, event queue, network and node
 * models, clients, faults and failover, and the strategy's replicas. One call runs one case.
 *
 * A crash loses the node's in-memory state: queued work, its replicas' volatile state, and the
 * messages and replies it sent that had not arrived yet; its store (applied log) is durable.
 * Node model: every node has `service.workers` workers and a FIFO queue; client requests and
 * messages that cost work (ctx.send(..., 'apply')) wait for a worker and take a service time
 * drawn from the node's distribution for that kind; other messages (acks) are handled on arrival.
 * Network: one-way latency per message drawn from the client↔node or node↔node distribution
 * (plus the inter-region latency between regions, plus bytes/bandwidth); node↔node messages are
 * lost with probability `network.loss`. Partitions drop messages across groups, in flight too.
 * Failover: a failure detector hears from reachable nodes every heartbeat; a leader unheard of
 * for `failover.timeout` is replaced by a follower (policy), clients are redirected, and every
 * replica that learns of the new leader is re-created (in-memory state is volatile) after its
 * log is reconciled: entries not in the new leader's lineage are rolled back.
 */
import type { CaseConfig, FaultConfig, FaultTarget } from '../config/schema.js';
import type { ClientRequest, Message, NodeId, Replica, ReplicaContext, ReplyResult, StrategyDefinition, TimerHandle, Work } from '../runtime/types.js';
import { compileDist, distMean, type Sampler } from './distributions.js';
import { EventQueue } from './event-queue.js';
import { Rng } from './rng.js';
import { SimStore, type SimEntry } from './replica-store.js';
import { OP, Recorder } from '../metrics/recorder.js';
import type { CaseMetrics, Failover } from '../metrics/types.js';
import type { PartitionScheme } from '../../strategies/partitioning/types.js';
import { buildScheme } from '../config/topology.js';
import { faultLabel } from '../config/faults.js';
import { loadMetrics } from '../metrics/load.js';
import { KeySpace, createKeyChooser } from '../../workloads/generators/keys.js';
import { OperationChooser, createScanLengthGenerator } from '../../workloads/generators/operations.js';
import { ValueSizeGenerator } from '../../workloads/generators/values.js';

const EV_REQUEST = 0;
const EV_MESSAGE = 1;
const EV_SERVICE_DONE = 2;
const EV_TIMER = 3;
const EV_RESPONSE = 4;
const EV_CLIENT_NEXT = 5;
const EV_ARRIVAL = 6;
const EV_TIMEOUT_SWEEP = 7;
const EV_FAULT_START = 8;
const EV_FAULT_END = 9;
const EV_HEARTBEAT = 10;

const SVC_WRITE = 0;
const SVC_READ = 1;
const SVC_APPLY = 2;
const SVC_NONE = 3;
const SVC_SCAN = 4;

/** Events at one instant beyond which the simulation is declared stuck. */
const MAX_EVENTS_AT_ONE_INSTANT = 2_000_000;

/** Thrown when the simulation cannot advance virtual time. */
export class StuckSimulationError extends Error {}

/** A client operation (or one partition's part of a scan) in flight. */
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
  /** Node epoch when its service started (a crash in between drops it). */
  epoch = 0;
  /** Actual send time (µs): later than `start` when a paced client is behind schedule. */
  sent = 0;
  /** The write id the leader assigned (for durability and lag metrics); -1 if unknown. */
  writeId = -1;
  /** For a scan part: the scan; for a scan: parts still outstanding. */
  parent: Request | null = null;
  pending = 0;
  partFailed = false;
  size = 0;
  constructor(
    public op: 'read' | 'write',
    /** Operation kind code (OP.*). */
    readonly opKind: number,
    readonly key: number,
    readonly partition: number,
    /** Closed-loop client index, or -1 for open-loop arrivals. */
    readonly client: number,
    /** Intended start time (µs). */
    readonly start: number,
    readonly snapVersion: number,
    readonly snapTime: number,
  ) {
    this.svc = op === 'read' ? (opKind === OP.scan ? SVC_SCAN : SVC_READ) : SVC_WRITE;
  }
}

/** A message between replicas in flight. */
class Envelope {
  readonly kind = 1;
  epoch = 0;
  constructor(
    readonly partition: number,
    readonly from: NodeId,
    readonly node: NodeId,
    readonly msg: Message,
    readonly svc: number,
    /** The sender's epoch when it sent: a crash of the sender before delivery loses the message (it was still in the sender's buffers). */
    readonly fromEpoch: number,
  ) {}
}

type WorkItem = Request | Envelope;

interface NodeState {
  readonly id: number;
  busy: number;
  queue: WorkItem[];
  qHead: number;
  readonly svc: Sampler[];
  up: boolean;
  /** Incremented at each crash: work started before it is dropped. */
  epoch: number;
  /** Service-time multiplier (slow node). */
  slow: number;
}

interface ReplicaRuntime {
  readonly node: number;
  readonly partition: number;
  readonly store: SimStore;
  ctx: ReplicaContext;
  impl: Replica;
  /** This replica's view: the term and leader it knows. */
  term: number;
  leader: number;
  followers: readonly number[];
}

interface TimerRec extends TimerHandle {
  readonly rt: ReplicaRuntime;
  readonly impl: Replica;
}

interface PartitionState {
  term: number;
  leader: number;
  readonly replicas: readonly number[];
  /** Log end of each term's leader when it took over: entry (index, term) is in the lineage iff index <= min base of later terms. */
  readonly epochs: { term: number; base: number }[];
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
    readonly leader: number;
    readonly replicas: readonly { readonly node: number; readonly up: boolean; readonly term: number; readonly lastApplied: number; readonly lastIndex: number }[];
  }[];
  /** Keys handed out so far (0..keys-1: the initial records and every insert). */
  readonly keys: number;
  /** The version of `key` stored on `node` (0 = the initial load). */
  version(node: number, key: number): number;
  /** The partition that holds `key`. */
  partitionOf(key: number): number;
}

const WORK_CODE: Record<Work, number> = { write: SVC_WRITE, read: SVC_READ, apply: SVC_APPLY, none: SVC_NONE };
const OP_CODE = { read: OP.read, update: OP.update, insert: OP.insert, scan: OP.scan, 'read-modify-write': OP.rmw } as const;

/** Options of a simulation: `onProgress` is called every 65,536 processed events with the share of the virtual duration done. */
export interface SimulateOptions {
  readonly onProgress?: (fractionOfVirtualTime: number) => void;
}

/** Runs one case in virtual time and returns its metrics. Throws if the strategy throws or the run is stuck. */
export function simulate(config: CaseConfig, strategy: StrategyDefinition<any>, options?: SimulateOptions): SimulationOutput {
  const onProgress = options?.onProgress;
  const root = new Rng(config.seed, 'case');
  const { nodes: nodeCount, replicationFactor: rf } = config.cluster;
  const wl = config.workload;
  const end = config.duration;
  const warmup = config.warmup;
  const q = new EventQueue<unknown>(4096);
  let now = 0;

  const scheme: PartitionScheme = buildScheme(config);
  const partitions = scheme.partitions;
  const faultWindows = config.faults.map((f) => ({ label: faultLabel(f), kind: f.kind, start: f.at, end: f.for === null ? end : Math.min(end, f.at + f.for) }));
  const recorder = new Recorder({ records: wl.records, partitions, nodes: nodeCount, replicationFactor: rf, warmup, visibility: config.metrics.visibility, reads: wl.reads, windows: faultWindows });

  // --- Network ------------------------------------------------------------------------------
  const netRng = root.fork('network');
  const lossRng = root.fork('loss');
  const n2nBase = compileDist(config.network.nodeToNode, netRng);
  const c2nBase = compileDist(config.network.clientToNode, netRng);
  const baseLoss = config.network.loss;
  let loss = baseLoss;
  const bandwidth = config.network.bandwidth;
  /** Transmission time of `bytes` at the link bandwidth (Mbit/s ⇒ bits / Mbps = µs). */
  const tx = (bytes: number) => (bandwidth !== null && bytes > 0 ? (bytes * 8) / bandwidth : 0);

  // Regions: links between different regions add the inter-region latency to the link's own.
  const regions = config.regions;
  const regionNames = regions ? [...new Set(regions.nodes)] : [];
  const nodeRegion = regions ? regions.nodes.map((r) => regionNames.indexOf(r)) : [];
  const clientRegions = regions ? regions.clients.map((r) => regionNames.indexOf(r)) : [0];
  const interRng = root.fork('regions');
  const inter: (Sampler | null)[][] = regionNames.map((a) => regionNames.map((b) => (a === b ? null : compileDist(regions!.latency[a]![b]!, interRng))));
  const regionDistance = regionNames.map((a) => regionNames.map((b) => (a === b ? 0 : distMean(regions!.latency[a]![b]!))));
  /** Slow links: latency multiplier per ordered node pair (both directions set). */
  const linkSlow = new Map<number, number>();
  const n2n = (from: number, to: number): number => {
    let d = n2nBase();
    if (regions) {
      const x = inter[nodeRegion[from]!]![nodeRegion[to]!];
      if (x) d += x();
    }
    if (linkSlow.size > 0) d *= linkSlow.get(from * nodeCount + to) ?? 1;
    return d;
  };
  const c2n = (region: number, node: number): number => {
    if (!regions) return c2nBase();
    const x = inter[region]![nodeRegion[node]!];
    return x ? c2nBase() + x() : c2nBase();
  };

  // Partitions of the network: group per node (all 0 when whole); clients reach every node unless placed in a group.
  const group = new Int32Array(nodeCount);
  let clientGroup = -1;
  let controllerGroup = 0;
  const reachable = (a: number, b: number) => group[a] === group[b];
  const clientReaches = (node: number) => clientGroup < 0 || group[node] === clientGroup;

  // --- Nodes --------------------------------------------------------------------------------
  const svcRng = root.fork('service');
  const nodes: NodeState[] = [];
  for (let i = 0; i < nodeCount; i++) {
    const s = config.service;
    nodes.push({
      id: i,
      busy: 0,
      queue: [],
      qHead: 0,
      svc: [compileDist(s.write, svcRng), compileDist(s.read, svcRng), compileDist(s.apply, svcRng), () => 0, compileDist(s.scan, svcRng)],
      up: true,
      epoch: 0,
      slow: 1,
    });
  }
  const workers = config.service.workers;

  // Per-node versions (a key lives in one partition, so one array per node serves all its replicas); grows with inserts.
  let capacity = wl.records;
  const versions: Int32Array[] = [];
  for (let i = 0; i < nodeCount; i++) versions.push(new Int32Array(capacity));
  const ensureCapacity = (key: number) => {
    if (key < capacity) return;
    capacity = Math.max(capacity * 2, key + 1);
    for (let i = 0; i < nodeCount; i++) {
      const v = new Int32Array(capacity);
      v.set(versions[i]!);
      versions[i] = v;
    }
    recorder.grow(capacity);
  };

  // --- Replicas -------------------------------------------------------------------------------
  const parts: PartitionState[] = [];
  for (let p = 0; p < partitions; p++) {
    const replicas = scheme.replicasOf(p);
    parts.push({ term: 0, leader: replicas[0]!, replicas, epochs: [{ term: 0, base: 0 }] });
  }
  const replicaAt: (ReplicaRuntime | undefined)[] = new Array(partitions * nodeCount);
  const replicasOn: ReplicaRuntime[][] = Array.from({ length: nodeCount }, () => []);
  let nextWriteId = 0;
  const staleTerm = (p: number, term: number) => term < parts[p]!.term;
  const hooks = {
    onLeaderWrite: (p: number, e: SimEntry) => recorder.onLeaderWrite(e.id, p, e.term, e.index, e.key, e.version, now, staleTerm(p, e.term)),
    onApply: (_p: number, e: SimEntry, node: number) => recorder.onApply(e.id, now, node),
    onDiscard: (_p: number, e: SimEntry) => recorder.onDiscard(e.id),
  };
  const replicaRoot = root.fork('replica');

  const deliver = (p: number, from: NodeId, to: NodeId, msg: Message, work: Work | undefined, bytes: number) => {
    if (!reachable(from, to)) return;
    if (loss > 0 && lossRng.next() < loss) return;
    q.push(now + n2n(from, to) + tx(bytes), EV_MESSAGE, new Envelope(p, from, to, msg, work === undefined ? SVC_NONE : WORK_CODE[work], nodes[from]!.epoch));
  };

  const makeContext = (rt: ReplicaRuntime): ReplicaContext => {
    let random: Rng | undefined;
    const { node, partition: p } = rt;
    return {
      node,
      partition: p,
      get leader() {
        return rt.leader;
      },
      get followers() {
        return rt.followers;
      },
      get isLeader() {
        return rt.leader === node;
      },
      store: rt.store,
      get random() {
        return (random ??= replicaRoot.fork(`${p}/${node}`));
      },
      now: () => now,
      send: (to, msg, work, bytes = 0) => deliver(p, node, to, msg, work, bytes),
      reply: (req, result) => {
        const r = req as Request;
        if (result.status === 'ok' && result.index !== undefined && r.op === 'write') {
          const e = rt.store.entry(result.index) as SimEntry | undefined;
          if (e && e.key === r.key) r.writeId = e.id;
        }
        r.result = result;
        r.epoch = nodes[node]!.epoch;
        if (r.op === 'read') r.size = readBytes();
        q.push(now + c2n(r.region, r.node) + tx(r.op === 'read' ? r.size : 0), EV_RESPONSE, r);
      },
      setTimer: (delay, tag) => {
        const t: TimerRec = { tag, cancelled: false, rt, impl: rt.impl };
        q.push(now + (delay > 0 ? delay : 0), EV_TIMER, t);
        return t;
      },
      cancelTimer: (h) => {
        h.cancelled = true;
      },
      count: (name, by = 1) => recorder.count(name, by, now),
    };
  };

  /** (Re)creates a replica's in-memory state from its view (start, restart, new leader). */
  const instantiate = (rt: ReplicaRuntime) => {
    rt.store.leading = rt.leader === rt.node;
    rt.impl = undefined as unknown as Replica; // timers of the previous instance no longer fire
    rt.impl = strategy.create(rt.ctx, config.strategy.params);
  };

  for (let p = 0; p < partitions; p++) {
    const st = parts[p]!;
    for (const node of st.replicas) {
      const rt: ReplicaRuntime = {
        node,
        partition: p,
        store: new SimStore(p, node, () => versions[node]!, hooks, () => nextWriteId++),
        ctx: undefined as unknown as ReplicaContext,
        impl: undefined as unknown as Replica,
        term: 0,
        leader: st.leader,
        followers: st.replicas.filter((n) => n !== st.leader),
      };
      rt.ctx = makeContext(rt);
      instantiate(rt);
      replicaAt[p * nodeCount + node] = rt;
      replicasOn[node]!.push(rt);
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
  const startWork = (node: NodeState, item: WorkItem) => {
    let s = node.svc[item.svc]!();
    if (node.slow !== 1) s *= node.slow;
    if (s <= 0) {
      process(item);
      return;
    }
    node.busy++;
    item.epoch = node.epoch;
    q.push(now + s, EV_SERVICE_DONE, item);
  };
  const arrive = (item: WorkItem) => {
    const node = nodes[item.node]!;
    if (!node.up) return; // a crashed node receives nothing
    if (item.svc === SVC_NONE) {
      process(item);
      return;
    }
    if (node.busy < workers) startWork(node, item);
    else node.queue.push(item);
  };
  const serviceDone = (item: WorkItem) => {
    const node = nodes[item.node]!;
    if (!node.up || item.epoch !== node.epoch) return; // the node crashed meanwhile: the work is lost
    node.busy--;
    process(item);
    const queue = node.queue;
    while (node.busy < workers && node.qHead < queue.length && node.up) {
      const next = queue[node.qHead]!;
      queue[node.qHead++] = undefined as unknown as WorkItem;
      startWork(node, next);
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
  const valueRng = root.fork('values');
  const keyspace = new KeySpace(wl.records);
  const opLimit = config.operations ?? Infinity;
  // With operationsAfterWarmup (YCSB's operationcount after a warm-up), operations issued in the warm-up do not count.
  const countFrom = config.operationsAfterWarmup ? warmup : 0;
  const k = wl.keys;
  const nextKey = createKeyChooser(
    {
      distribution: k.distribution,
      recordCount: wl.records,
      ...(k.theta !== undefined ? { theta: k.theta } : {}),
      ...(k.hotsetFraction !== undefined ? { hotsetFraction: k.hotsetFraction } : {}),
      ...(k.hotOpnFraction !== undefined ? { hotOpnFraction: k.hotOpnFraction } : {}),
      ...(k.percentile !== undefined ? { exponentialPercentile: k.percentile } : {}),
      ...(k.frac !== undefined ? { exponentialFrac: k.frac } : {}),
      expectedNewKeys: config.operations !== null ? Math.floor(config.operations * wl.mix.insert * 2) : 0,
    },
    wlRng,
    keyspace,
  );
  const chooseOp = new OperationChooser(wl.mix, wlRng);
  const onlyOp = (['read', 'update', 'insert', 'scan', 'read-modify-write'] as const).find((o) => wl.mix[o] === 1);
  const nextOp = onlyOp ? () => OP_CODE[onlyOp] : () => OP_CODE[chooseOp.next()];
  const scanLength = createScanLengthGenerator({ minScanLength: wl.scan.minLength, maxScanLength: wl.scan.maxLength, distribution: wl.scan.distribution }, wlRng);
  const sizes = new ValueSizeGenerator(wl.values, valueRng);
  const readBytes = wl.values.readAllFields ? () => sizes.recordLength() : () => sizes.fieldLength();
  const updateBytes = wl.values.writeAllFields ? () => sizes.recordLength() : () => sizes.fieldLength();
  const timeout = wl.timeout;
  let issued = 0;
  let lastCompletion = 0;
  let inflightHead: Request | null = null;
  let inflightTail: Request | null = null;
  let inflight = 0;
  let sweepPending = false;
  let arrivals = 0;
  const clients = wl.clients;

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
  /** Where a read of partition p goes, by the read policy (clients know the current leader). */
  const readTarget = (p: number, region: number): number => {
    const st = parts[p]!;
    switch (wl.reads) {
      case 'leader':
        return st.leader;
      case 'follower': {
        const f = routeRng.int(rf - 1);
        let i = 0;
        for (const n of st.replicas) if (n !== st.leader && i++ === f) return n;
        return st.leader;
      }
      case 'any':
        return st.replicas[routeRng.int(rf)]!;
      case 'nearest':
        return nearest(st.replicas, region);
    }
  };

  const send = (req: Request) => {
    if (!clientReaches(req.node)) return; // lost in the network partition: the client will time out
    q.push(now + c2n(req.region, req.node) + tx(req.op === 'write' ? req.size : 0), EV_REQUEST, req);
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
    if (clients.model === 'open' && inflight >= clients.maxInflight) {
      recorder.onDropped(intended);
      return;
    }
    if (intended >= countFrom) issued++;
    recorder.onIssue(intended);
    const op = nextOp();
    const region = regions ? clientRegions[(client >= 0 ? client : arrivals++) % clientRegions.length]! : 0;
    let req: Request;
    if (op === OP.insert) {
      const key = keyspace.allocate();
      ensureCapacity(key);
      const p = scheme.partitionOf(key);
      req = new Request('write', op, key, p, client, intended, 0, 0);
      req.size = sizes.recordLength();
      req.node = parts[p]!.leader;
    } else if (op === OP.scan) {
      const startKey = nextKey.next();
      const last = Math.min(keyspace.last, startKey + scanLength.next() - 1);
      const covered = scheme.partitionsForScan(startKey, last);
      req = new Request('read', op, startKey, covered[0]!, client, intended, 0, 0);
      req.pending = covered.length;
      for (const p of covered) {
        const part = new Request('read', op, startKey, p, client, intended, 0, 0);
        part.parent = req;
        part.region = region;
        part.node = readTarget(p, region);
        part.sent = now;
        send(part);
      }
    } else {
      const key = nextKey.next();
      const p = scheme.partitionOf(key);
      const isRead = op === OP.read || op === OP.rmw;
      req = new Request(isRead ? 'read' : 'write', op, key, p, client, intended, op === OP.read ? recorder.readSnapshot(key) : 0, op === OP.read ? recorder.snapshotTime(key) : 0);
      req.region = region;
      if (isRead) req.node = readTarget(p, region);
      else {
        req.size = updateBytes();
        req.node = parts[p]!.leader;
      }
    }
    req.region = region;
    req.sent = now;
    // In-flight list in send order: the head is always the next to time out.
    req.prev = inflightTail;
    if (inflightTail) inflightTail.next = req;
    else inflightHead = req;
    inflightTail = req;
    inflight++;
    if (!sweepPending) {
      sweepPending = true;
      q.push(now + timeout, EV_TIMEOUT_SWEEP, null);
    }
    if (op !== OP.scan) send(req);
  };

  // Closed-loop pacing (YCSB `target`): each client has a schedule; latency counts from it.
  const period = clients.model === 'closed' && clients.target !== undefined ? (clients.count / clients.target) * 1e6 : 0;
  const nextIntended: number[] = clients.model === 'closed' ? Array.from({ length: clients.count }, (_, c) => (period * c) / clients.count) : [];
  const thinkTime = clients.model === 'closed' ? compileDist(clients.thinkTime, root.fork('think')) : undefined;

  const clientDone = (req: Request) => {
    lastCompletion = now;
    if (req.opKind === OP.insert) keyspace.acknowledge(req.key);
    if (req.client < 0 || clients.model !== 'closed') return;
    const c = req.client;
    if (period > 0) {
      const t = (nextIntended[c]! += period);
      if (t > now) q.push(t, EV_CLIENT_NEXT, c);
      else issue(c, t); // behind schedule: send now, latency still counts from the intended start
      return;
    }
    const think = thinkTime!();
    if (think > 0) q.push(now + think, EV_CLIENT_NEXT, c);
    else issue(c, now);
  };

  const finishOp = (req: Request, ok: boolean) => {
    req.done = true;
    unlink(req);
    const res = req.result;
    if (!ok || !res || res.status !== 'ok') recorder.onFailed(req.opKind, req.start, now, false);
    else if (req.opKind === OP.read) recorder.onReadOk(req.start, req.sent, now, req.key, req.snapVersion, req.snapTime, res.version, req.size);
    else if (req.opKind === OP.scan) recorder.onScanOk(req.start, req.sent, now);
    else recorder.onWriteOk(req.opKind, req.start, req.sent, now, req.key, res.version, req.writeId, req.size);
    clientDone(req);
  };

  const response = (req: Request) => {
    const parent = req.parent;
    if (parent) {
      if (parent.done) return;
      if (req.result?.status !== 'ok') parent.partFailed = true;
      if (--parent.pending > 0) return;
      parent.result = { status: 'ok', version: 0 };
      finishOp(parent, !parent.partFailed);
      return;
    }
    if (req.done) return; // already timed out
    if (req.opKind === OP.rmw && req.op === 'read' && req.result?.status === 'ok') {
      // Read-modify-write: the read came back; now write the same key at the leader.
      req.op = 'write';
      req.svc = SVC_WRITE;
      req.result = null;
      req.size = updateBytes();
      req.node = parts[req.partition]!.leader;
      send(req);
      return;
    }
    finishOp(req, true);
  };

  const sweep = () => {
    sweepPending = false;
    while (inflightHead && inflightHead.sent + timeout <= now) {
      const r = inflightHead;
      r.done = true;
      unlink(r);
      recorder.onFailed(r.opKind, r.start, now, true);
      clientDone(r);
    }
    if (inflightHead) {
      sweepPending = true;
      q.push(inflightHead.sent + timeout, EV_TIMEOUT_SWEEP, null);
    }
  };

  // --- Faults and failover ---------------------------------------------------------------------
  const faultRng = root.fork('faults');
  const failover = config.failover;
  const failovers: Failover[] = [];
  const lastSeen = new Float64Array(nodeCount);
  const failRng = root.fork('failover');
  /** Resolved targets of active faults (so the end undoes what the start did). */
  const faultTargets = new Map<number, number[]>();
  /** Active crash faults per node, active partition faults (in start order) and loss bursts: faults may overlap. */
  const crashes = new Int32Array(nodeCount);
  const activePartitions: number[] = [];
  const activeLoss: number[] = [];

  const resolveTarget = (t: FaultTarget): number => {
    if (typeof t === 'number') return t;
    if (t === 'random') return faultRng.int(nodeCount);
    if ('leader-of' in t) return parts[t['leader-of']]!.leader;
    const st = parts[t['a-follower-of']]!;
    return st.replicas.find((n) => n !== st.leader) ?? st.leader;
  };
  const controllerReaches = (node: number) => nodes[node]!.up && group[node] === controllerGroup;

  /** Whether entry (index, term) of partition p is in the lineage of its current leader. */
  const inLineage = (st: PartitionState, index: number, term: number): boolean => {
    for (const e of st.epochs) if (e.term > term && index > e.base) return false;
    return true;
  };
  /** Brings a replica up to the partition's current term: roll back entries outside the lineage, adopt the view, re-create it. */
  const reconcile = (rt: ReplicaRuntime) => {
    const st = parts[rt.partition]!;
    const store = rt.store;
    let keep = store.lastApplied;
    while (keep > 0) {
      const e = store.entry(keep);
      if (!e || inLineage(st, e.index, e.term)) break;
      keep--;
    }
    store.truncateAfter(keep);
    store.term = st.term;
    store.epochs = st.epochs;
    rt.term = st.term;
    rt.leader = st.leader;
    rt.followers = st.replicas.filter((n) => n !== st.leader);
    if (nodes[rt.node]!.up) instantiate(rt);
  };

  const promote = (p: number) => {
    const st = parts[p]!;
    const candidates = st.replicas.filter((n) => n !== st.leader && controllerReaches(n));
    if (candidates.length === 0) return; // nobody to promote: the partition stays without a leader
    // A candidate that has not yet learnt of the current term first rolls back what is not in the lineage.
    for (const n of candidates) {
      const rt = replicaAt[p * nodeCount + n]!;
      if (rt.term < st.term) reconcile(rt);
    }
    let chosen = candidates[0]!;
    if (failover.policy === 'most-up-to-date') {
      for (const n of candidates) if (replicaAt[p * nodeCount + n]!.store.lastApplied > replicaAt[p * nodeCount + chosen]!.store.lastApplied) chosen = n;
    } else if (failover.policy === 'random') chosen = candidates[failRng.int(candidates.length)]!;
    const from = st.leader;
    const base = replicaAt[p * nodeCount + chosen]!.store.lastApplied;
    st.term++;
    st.leader = chosen;
    st.epochs.push({ term: st.term, base });
    const lost = recorder.onPromotion(p, st.term, base);
    const fromLogEnd = replicaAt[p * nodeCount + from]!.store.lastIndex;
    failovers.push({ partition: p, term: st.term, at_s: (now - warmup) / 1e6, from, to: chosen, base, fromLogEnd, lostWrites: lost });
    for (const n of st.replicas) if (controllerReaches(n)) reconcile(replicaAt[p * nodeCount + n]!);
  };

  const heartbeat = () => {
    for (let n = 0; n < nodeCount; n++) if (controllerReaches(n)) lastSeen[n] = now;
    for (let p = 0; p < partitions; p++) {
      const st = parts[p]!;
      if (now - lastSeen[st.leader]! >= failover.timeout) promote(p);
    }
    // Replicas that were unreachable when their partition moved on learn of it now.
    for (let n = 0; n < nodeCount; n++) {
      if (!controllerReaches(n)) continue;
      for (const rt of replicasOn[n]!) if (rt.term < parts[rt.partition]!.term) reconcile(rt);
    }
    q.push(now + failover.heartbeat, EV_HEARTBEAT, null);
  };

  const crash = (n: number) => {
    const node = nodes[n]!;
    if (!node.up) return;
    node.up = false;
    node.epoch++;
    node.busy = 0;
    node.queue = [];
    node.qHead = 0;
    for (const rt of replicasOn[n]!) rt.impl = undefined as unknown as Replica; // volatile state is gone
  };
  const restart = (n: number) => {
    const node = nodes[n]!;
    if (node.up) return;
    node.up = true;
    for (const rt of replicasOn[n]!) {
      if (failover.enabled && controllerReaches(n) && rt.term < parts[rt.partition]!.term) reconcile(rt);
      else instantiate(rt);
    }
  };
  const setPartition = (groups: readonly (readonly number[])[] | null, clientsIn: number | null) => {
    if (!groups) {
      group.fill(0);
      clientGroup = -1;
      controllerGroup = 0;
      return;
    }
    group.fill(groups.length); // unlisted nodes form one more group together
    groups.forEach((g, i) => g.forEach((n) => (group[n] = i)));
    clientGroup = clientsIn ?? -1;
    // The failure detector sits in the group holding a strict majority of nodes (none: no failover).
    const sizes = new Array(groups.length + 1).fill(0) as number[];
    for (let n = 0; n < nodeCount; n++) sizes[group[n]!]!++;
    controllerGroup = sizes.findIndex((s) => s * 2 > nodeCount);
  };

  const faultStart = (i: number) => {
    const f = config.faults[i]!;
    switch (f.kind) {
      case 'crash': {
        const n = resolveTarget(f.node);
        faultTargets.set(i, [n]);
        crashes[n]!++;
        crash(n);
        break;
      }
      case 'partition':
        activePartitions.push(i);
        setPartition(f.groups, f.clients);
        break;
      case 'slow':
        if (f.node !== null) {
          const n = resolveTarget(f.node);
          faultTargets.set(i, [n]);
          nodes[n]!.slow *= f.factor;
        } else {
          const a = resolveTarget(f.link![0]);
          const b = resolveTarget(f.link![1]);
          faultTargets.set(i, [a, b]);
          linkSlow.set(a * nodeCount + b, (linkSlow.get(a * nodeCount + b) ?? 1) * f.factor);
          linkSlow.set(b * nodeCount + a, (linkSlow.get(b * nodeCount + a) ?? 1) * f.factor);
        }
        break;
      case 'loss':
        activeLoss.push(f.probability);
        loss = Math.max(loss, f.probability);
        break;
    }
    if (f.for !== null) q.push(f.at + f.for, EV_FAULT_END, i);
  };
  const faultEnd = (i: number) => {
    const f: FaultConfig = config.faults[i]!;
    const targets = faultTargets.get(i) ?? [];
    switch (f.kind) {
      case 'crash':
        // Overlapping crashes of one node: it comes back when the last of them ends.
        if (--crashes[targets[0]!]! === 0) restart(targets[0]!);
        break;
      case 'partition': {
        // Overlapping partitions: the most recent one still active holds; none left: healed.
        activePartitions.splice(activePartitions.indexOf(i), 1);
        const still = activePartitions.length ? config.faults[activePartitions[activePartitions.length - 1]!]! : null;
        if (still?.kind === 'partition') setPartition(still.groups, still.clients);
        else setPartition(null, null);
        break;
      }
      case 'slow':
        if (f.node !== null) nodes[targets[0]!]!.slow /= f.factor;
        else {
          const [a, b] = targets as [number, number];
          linkSlow.set(a * nodeCount + b, linkSlow.get(a * nodeCount + b)! / f.factor);
          linkSlow.set(b * nodeCount + a, linkSlow.get(b * nodeCount + a)! / f.factor);
        }
        break;
      case 'loss':
        activeLoss.splice(activeLoss.indexOf(f.probability), 1);
        loss = Math.max(baseLoss, ...activeLoss);
        break;
    }
  };
  config.faults.forEach((f, i) => q.push(f.at, EV_FAULT_START, i));
  if (failover.enabled && config.faults.length > 0) q.push(failover.heartbeat, EV_HEARTBEAT, null);

  // --- Start the clients ----------------------------------------------------------------------
  const arrivalRng = root.fork('arrivals');
  const meanGap = clients.model === 'open' ? 1e6 / clients.rate : 0;
  const nextGap = clients.model === 'open' && clients.arrival === 'poisson' ? () => -meanGap * Math.log(arrivalRng.next()) : () => meanGap;
  if (clients.model === 'closed') {
    for (let c = 0; c < clients.count; c++) {
      if (period > 0 && nextIntended[c]! > 0) q.push(nextIntended[c]!, EV_CLIENT_NEXT, c);
      else issue(c, 0);
    }
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
    if (onProgress !== undefined && (events & 0xffff) === 0) onProgress(end > 0 ? now / end : 1);
    switch (kind) {
      case EV_REQUEST:
        arrive(payload as Request);
        break;
      case EV_MESSAGE: {
        const env = payload as Envelope;
        // A partition drops messages in flight too; so does a crash of the sender.
        if (reachable(env.from, env.node) && nodes[env.from]!.epoch === env.fromEpoch) arrive(env);
        break;
      }
      case EV_SERVICE_DONE:
        serviceDone(payload as WorkItem);
        break;
      case EV_TIMER: {
        const tr = payload as TimerRec;
        if (!tr.cancelled && tr.rt.impl === tr.impl && nodes[tr.rt.node]!.up) tr.impl.onTimer(tr.tag);
        break;
      }
      case EV_RESPONSE: {
        const r = payload as Request;
        if (clientReaches(r.node) && nodes[r.node]!.epoch === r.epoch) response(r);
        break;
      }
      case EV_CLIENT_NEXT: {
        const c = payload as number;
        issue(c, period > 0 ? nextIntended[c]! : now);
        break;
      }
      case EV_ARRIVAL:
        issue(-1, now);
        if (issued < opLimit) q.push(now + nextGap(), EV_ARRIVAL, null);
        break;
      case EV_TIMEOUT_SWEEP:
        sweep();
        break;
      case EV_FAULT_START:
        faultStart(payload as number);
        break;
      case EV_FAULT_END:
        faultEnd(payload as number);
        break;
      case EV_HEARTBEAT:
        heartbeat();
        break;
    }
  }
  const finalTime = Math.min(end, Math.max(now, lastTime));
  const measuredEnd = issued >= opLimit && inflight === 0 ? Math.max(lastCompletion, warmup) : end;
  const base = recorder.finish(finalTime, measuredEnd, inflight, events);
  const targetRate = clients.model === 'open' ? base.offered : period > 0 ? clients.model === 'closed' ? clients.target! : 0 : 0;
  const metrics: CaseMetrics = {
    ...base,
    // A paced loop offers its target rate even when behind schedule (the recorder only sees what was issued).
    offered: targetRate > 0 ? targetRate : base.offered,
    saturated: targetRate > 0 && base.throughput < 0.95 * targetRate,
    faults: { windows: base.faults.windows, failovers },
    load: loadMetrics(scheme, wl.records, recorder.loadCounts()),
  };
  const final: FinalState = {
    partitions: parts.map((st, p) => ({
      term: st.term,
      leader: st.leader,
      replicas: st.replicas.map((n) => {
        const s = replicaAt[p * nodeCount + n]!.store;
        return { node: n, up: nodes[n]!.up, term: s.term, lastApplied: s.lastApplied, lastIndex: s.lastIndex };
      }),
    })),
    keys: keyspace.allocated,
    version: (node, key) => versions[node]![key] ?? 0,
    partitionOf: (key) => scheme.partitionOf(key),
  };
  return { metrics, events, final };
}

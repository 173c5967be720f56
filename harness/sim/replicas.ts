/**
 * The replica runtime: builds each replica's context over its durable store and log, creates
 * and re-creates strategy instances (start, restart, harness view change), runs their timers,
 * dispatches work items to them, and carries strategy-managed views to the harness. Timers set
 * while an instance is being created fire; timers of an earlier instance never do.
 *
 * A message to a node outside a partition's replica set (a sloppy quorum's hint holder) reaches a
 * stand-in: a runtime for that (partition, node) created on its first message, which crashes and
 * restarts with its node like any replica and whose store changes are not reported to the
 * recorder (its slot is -1; its context's `replicas` still lists the real replicas).
 */
import type { ClientRequest, Held, NodeId, ReplicaContext, ReplyResult, View } from '../runtime/contract.js';
import { NodeData, SimKeyStore, type StoreHooks } from './key-store.js';
import { SimLog } from './log.js';
import { Rng } from './rng.js';
import { EV, Reply, type Envelope, type Op, type PartitionState, type ReplicaRuntime, type SimState, type TimerRec, type WorkItem } from './state.js';

/** Every replica of the cluster. */
export class Replicas {
  /** Replica runtime by partition·nodeCount + node. */
  readonly at: (ReplicaRuntime | undefined)[];
  /** Replicas on each node. */
  readonly on: ReplicaRuntime[][];
  /** Each node's data (shared by its replicas: a key lives in one partition). */
  readonly data: NodeData[] = [];
  private readonly replicaRoot: Rng;
  private readonly hooks: StoreHooks;

  constructor(private readonly s: SimState) {
    const { nodeCount, parts, config } = s;
    this.at = new Array<ReplicaRuntime | undefined>(parts.length * nodeCount).fill(undefined);
    this.on = Array.from({ length: nodeCount }, () => []);
    this.replicaRoot = s.root.fork('replica');
    for (let i = 0; i < nodeCount; i++) this.data.push(new NodeData(config.workload.records));
    const rec = s.recorder;
    // Stand-ins (slot -1) hold data no metric is about: only the partition's replicas feed the recorder.
    const hooks: StoreHooks = (this.hooks = {
      created: (p, slot, key, writeId, version, parent, _parentVersion, fromLog) => slot >= 0 && rec.onCreated(p, slot, key, writeId, version, parent, fromLog ? 0 : this.ranksAtOrAbove(p, key, version), s.clients.issuedAt(writeId), fromLog, s.now),
      changed: (_p, slot, key, held, writeId, version, prevId, prevVersion, node, own) => slot >= 0 && rec.onChanged(slot, node, key, held, writeId, version, prevId, prevVersion, own, s.now),
    });
    const harnessView = s.traits.view === 'harness';
    parts.forEach((st, p) => {
      st.replicas.forEach((node, slot) => {
        const store = new SimKeyStore(s.traits.order, this.data[node]!, p, slot, node, hooks, () => s.now);
        const log = new SimLog(store);
        log.lineage = harnessView;
        const rt: ReplicaRuntime = {
          node,
          partition: p,
          slot,
          stream: slot,
          store,
          log,
          durable: {},
          ctx: undefined as unknown as ReplicaContext,
          impl: null,
          gen: 0,
          view: { leader: st.leader, term: 0 },
          followers: st.replicas.filter((n) => n !== st.leader),
          inArrived: new Int32Array(st.replicas.length),
          inNext: new Int32Array(st.replicas.length),
          inDone: st.replicas.map(() => null),
        };
        rt.ctx = this.makeContext(rt);
        this.at[p * nodeCount + node] = rt;
        this.on[node]!.push(rt);
      });
    });
  }

  /** Replicas (bits by slot) of partition `p` that hold a version of `key` ranked at or above `version` (numeric orders). */
  private ranksAtOrAbove(p: number, key: number, version: number | readonly number[]): number {
    if (typeof version !== 'number') return 0;
    let mask = 0;
    this.s.parts[p]!.replicas.forEach((node, slot) => {
      if (this.data[node]!.ver[key]! >= version) mask |= 1 << slot;
    });
    return mask;
  }

  /** Creates every replica's first instance. */
  start(): void {
    for (const rt of this.at) if (rt) this.instantiate(rt);
  }

  /** Grows every node's data to `capacity` keys. */
  grow(capacity: number): void {
    for (const d of this.data) d.grow(capacity);
  }

  /** The runtime of partition `p`'s replica on `node` (a stand-in, created now, if `node` holds no replica of `p`). */
  get(p: number, node: number): ReplicaRuntime {
    return this.at[p * this.s.nodeCount + node] ?? this.standIn(p, node);
  }

  /**
   * Creates the stand-in for partition `p` on `node` (a node outside its replica set that a
   * message reached). Its incoming streams are numbered after the replicas' (replica count +
   * sender node), and the partition's other runtimes get room for streams from stand-ins.
   */
  private standIn(p: number, node: number): ReplicaRuntime {
    const s = this.s;
    const st = s.parts[p]!;
    const streams = st.replicas.length + s.nodeCount;
    const store = new SimKeyStore(s.traits.order, this.data[node]!, p, -1, node, this.hooks, () => s.now);
    const log = new SimLog(store);
    log.lineage = s.traits.view === 'harness';
    const rt: ReplicaRuntime = {
      node,
      partition: p,
      slot: -1,
      stream: st.replicas.length + node,
      store,
      log,
      durable: {},
      ctx: undefined as unknown as ReplicaContext,
      impl: null,
      gen: 0,
      view: { leader: st.leader, term: st.term },
      followers: st.replicas.filter((n) => n !== st.leader),
      inArrived: new Int32Array(streams),
      inNext: new Int32Array(streams),
      inDone: new Array<Map<number, Envelope> | null>(streams).fill(null),
    };
    rt.ctx = this.makeContext(rt);
    for (let n = 0; n < s.nodeCount; n++) {
      const other = this.at[p * s.nodeCount + n];
      if (other && other.inArrived.length < streams) widenStreams(other, streams);
    }
    this.at[p * s.nodeCount + node] = rt;
    this.on[node]!.push(rt);
    this.instantiate(rt);
    return rt;
  }

  /** (Re)creates a replica's volatile state from its view (start, restart, new leader). */
  instantiate(rt: ReplicaRuntime): void {
    rt.log.leading = this.leaderOf(rt) === rt.node;
    rt.gen++;
    rt.impl = null;
    const impl = this.s.strategy.create(rt.ctx, this.s.config.strategy.params);
    rt.impl = impl;
    impl.onStart?.();
    if (impl.onMembershipChange && this.s.config.failover.enabled && this.s.faults) impl.onMembershipChange(this.s.faults.live(rt.partition));
  }

  /** The node's crash: every instance on it is gone (timers included), and its incoming streams start afresh. */
  crash(n: number): void {
    for (const rt of this.on[n]!) {
      rt.gen++;
      rt.impl = null;
      rt.inArrived.fill(0);
      rt.inNext.fill(0);
      rt.inDone.fill(null);
    }
  }

  /** Dispatches a work item to its replica's instance. */
  handle(item: WorkItem): void {
    this.dispatch(this.get(item.partition, item.node), item);
  }

  /** Dispatches a work item to the instance of `rt`, its replica. */
  dispatch(rt: ReplicaRuntime, item: WorkItem): void {
    const impl = rt.impl;
    if (!impl) return;
    if (item.kind === 0) {
      this.s.recorder.onServe(item.node, item.partition, this.s.now);
      impl.onClientRequest((item as Op).view);
    } else impl.onMessage((item as Envelope).from, (item as Envelope).msg);
  }

  /** A timer fired. */
  fire(t: TimerRec): void {
    const rt = t.rt;
    if (t.cancelled || rt.gen !== t.gen || !rt.impl || !this.s.nodes[rt.node]!.up) return;
    rt.impl.onTimer(t.tag);
  }

  private leaderOf(rt: ReplicaRuntime): number | null {
    return this.s.traits.view === 'harness' ? rt.view.leader : this.s.parts[rt.partition]!.leader;
  }

  private makeContext(rt: ReplicaRuntime): ReplicaContext {
    return new SimContext(this.s, rt, this.replicaRoot, (node, req, result) => this.reply(node, req, result), (view) => this.announce(rt, view));
  }

  /** A replica answers a client request: the reply travels over its own client link. */
  private reply(node: NodeId, req: ClientRequest, result: ReplyResult): void {
    const s = this.s;
    const op = s.clients.inflight(req.id);
    if (!op) return; // already answered, or its client gave up
    const isRead = op.op === 'read';
    if (isRead && result.status === 'ok') op.size = s.clients.readBytes();
    s.q.pushLane(s.net.clientLane, s.now + s.net.c2n(op.region, node) + s.net.tx(isRead ? op.size : 0), EV.response, new Reply(op, result, node, s.nodes[node]!.epoch));
  }

  /** A strategy-managed view: the highest term announced wins; each change of leader is reported. */
  private announce(rt: ReplicaRuntime, view: View): void {
    const s = this.s;
    if (s.traits.view !== 'strategy') throw new Error(`ctx.setView: strategy ${s.strategy.name} does not declare traits.view: 'strategy'`);
    const st = s.parts[rt.partition]!;
    if (view.term < st.term) return;
    const from = st.leader;
    st.term = view.term;
    st.leader = view.leader;
    st.readAt = view.readAt ?? null;
    if (from !== view.leader) s.failovers.push({ partition: rt.partition, term: view.term, at_s: (s.now - s.config.warmup) / 1e6, from, to: view.leader, by: 'strategy', base: null, fromLogEnd: null, lostWrites: 0 });
  }
}

/**
 * A replica's context: one class, so every replica's context has the same shape and the
 * strategy's accesses to it stay monomorphic. The functions are own properties (bound), so a
 * strategy may pass `ctx.send` or `ctx.reply` around detached.
 */
class SimContext implements ReplicaContext {
  readonly node: NodeId;
  readonly partition: number;
  readonly replicas: readonly NodeId[];
  readonly cluster: ReplicaContext['cluster'];
  readonly store: ReplicaContext['store'];
  readonly log: ReplicaContext['log'];
  readonly durable: Record<string, unknown>;
  private readonly harnessView: boolean;
  private readonly st: PartitionState;
  private readonly others: readonly NodeId[];
  /** The replica's random stream, created on first use; in a holder, so a wrapper made with Object.create(ctx) draws from the same stream. */
  private readonly rand: { rng: Rng | undefined } = { rng: undefined };
  readonly now: () => number;
  readonly send: ReplicaContext['send'];
  readonly reply: ReplicaContext['reply'];
  readonly setTimer: ReplicaContext['setTimer'];
  readonly cancelTimer: ReplicaContext['cancelTimer'];
  readonly count: ReplicaContext['count'];
  readonly conflict: ReplicaContext['conflict'];
  readonly setView: ReplicaContext['setView'];

  constructor(
    s: SimState,
    private readonly rt: ReplicaRuntime,
    private readonly replicaRoot: Rng,
    reply: (node: NodeId, req: ClientRequest, result: ReplyResult) => void,
    announce: (view: View) => void,
  ) {
    const { node, partition: p } = rt;
    const st = s.parts[p]!;
    this.node = node;
    this.partition = p;
    this.replicas = st.replicas;
    this.cluster = s.config.cluster;
    this.store = rt.store;
    this.log = rt.log;
    this.durable = rt.durable;
    this.harnessView = s.traits.view === 'harness';
    this.st = st;
    this.others = st.replicas.filter((n) => n !== node);
    this.now = () => s.now;
    this.send = (to, msg, work, bytes = 0) => s.net.deliver(p, node, rt.stream, to, msg, work, bytes);
    this.reply = (req, result) => reply(node, req, result);
    this.setTimer = (delay, tag) => {
      const t: TimerRec = { tag, cancelled: false, rt, gen: rt.gen };
      s.q.push(s.now + (delay > 0 ? delay : 0), EV.timer, t);
      return t;
    };
    this.cancelTimer = (h) => {
      h.cancelled = true;
    };
    this.count = (name, by = 1) => s.recorder.count(name, by, s.now);
    this.conflict = () => s.recorder.conflict(s.now);
    this.setView = announce;
  }

  get view(): View {
    const st = this.st;
    return this.harnessView ? this.rt.view : { leader: st.leader, term: st.term, readAt: st.readAt };
  }

  get leader(): NodeId | null {
    return this.harnessView ? this.rt.view.leader : this.st.leader;
  }

  get followers(): readonly NodeId[] {
    if (this.harnessView) return this.rt.followers;
    const st = this.st;
    return st.leader === null ? this.others : st.replicas.filter((n) => n !== st.leader);
  }

  get isLeader(): boolean {
    return (this.harnessView ? this.rt.view.leader : this.st.leader) === this.node;
  }

  get random(): Rng {
    return (this.rand.rng ??= this.replicaRoot.fork(`${this.partition}/${this.node}`));
  }
}

/** Gives `rt` room for `streams` incoming streams (keeping the counts of those it has). */
function widenStreams(rt: ReplicaRuntime, streams: number): void {
  const arrived = new Int32Array(streams);
  arrived.set(rt.inArrived);
  const next = new Int32Array(streams);
  next.set(rt.inNext);
  const done = new Array<Map<number, Envelope> | null>(streams).fill(null);
  rt.inDone.forEach((d, i) => (done[i] = d));
  rt.inArrived = arrived;
  rt.inNext = next;
  rt.inDone = done;
}

/** The value a read reply carries, as (write id, numeric version, siblings or null). */
export function readValue(v: Held | readonly Held[] | undefined): { writeId: number; version: number; sibs: readonly Held[] | null } {
  if (v === undefined) return { writeId: 0, version: 0, sibs: null };
  if (Array.isArray(v)) {
    const sibs = v as readonly Held[];
    const first = sibs[0];
    return { writeId: first?.writeId ?? 0, version: typeof first?.version === 'number' ? first.version : 0, sibs };
  }
  const h = v as Held;
  return { writeId: h.writeId, version: typeof h.version === 'number' ? h.version : 0, sibs: typeof h.version === 'number' ? null : [h] };
}

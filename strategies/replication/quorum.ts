/**
 * Leaderless quorum replication (Dynamo, Cassandra, Riak). There is no leader: the replica a
 * client reaches coordinates. A write gets a last-writer-wins version (the coordinator's clock,
 * strictly increasing per replica, and its node), is stored locally and sent to the other
 * replicas; it is acknowledged once `w` replicas (the coordinator included) hold it. A read asks
 * the replicas and returns the newest of the first `r` answers. With `fanout: quorum` a write
 * goes to exactly `w` replicas and a read to exactly `r` (the coordinator and others chosen at
 * random), with no other propagation: the partial quorums of PBS (Bailis et al., VLDB 2012).
 *
 * Optional mechanisms: read repair (the coordinator pushes the newest version to replicas that
 * answered with an older one, before replying or in the background); a sloppy quorum with hinted
 * handoff (writes short of `w` acknowledgements after `hintAfter` go, with a hint naming the
 * replica they were meant for, to nodes outside the replica set, whose acknowledgements count;
 * the hint holder hands them to that replica once it answers again); and anti-entropy (every
 * interval each replica sends the keys it changed to every other replica until acknowledged).
 *
 * Longer than most modules on purpose: a replication family is one file (a user can load it from
 * a path), so quorums, read repair, hinted handoff and anti-entropy live together.
 */
import { z } from 'zod';
import { lwwVersion, positiveDurationParam, type ClientRequest, type ClusterShape, type Held, type Message, type NodeId, type ParamProblem, type Replica, type ReplicaContext, type StrategyDefinition, type TimerHandle } from '../../harness/runtime/contract.js';

const params = z.strictObject({
  /** Replicas that must hold a write before it is acknowledged (default: a majority of the replicas). */
  w: z.number().int().min(1).optional(),
  /** Answers a read waits for (default: a majority of the replicas). */
  r: z.number().int().min(1).optional(),
  /** `all`: writes and reads go to every replica; `quorum`: to exactly w / r of them (no other propagation). */
  fanout: z.enum(['all', 'quorum']).default('all'),
  readRepair: z.enum(['off', 'sync', 'background']).default('off'),
  /** Sloppy quorum with hinted handoff. */
  sloppy: z.boolean().default(false),
  /** How long a coordinator waits for w acknowledgements before it sends hinted copies (sloppy). */
  hintAfter: positiveDurationParam.default(50_000),
  /** How often a hint holder asks the replicas it holds hints for whether they answer again. */
  handoff: positiveDurationParam.default(100_000),
  /** Anti-entropy interval, or null for none. */
  antiEntropy: positiveDurationParam.nullable().default(null),
  /** How long a coordinator waits for w or r answers before the request fails. */
  timeout: positiveDurationParam.default(1_000_000),
});

/** The quorum strategy's parameters (durations in µs). */
export type QuorumParams = z.infer<typeof params>;

/** A majority of `n` replicas. */
const majority = (n: number): number => Math.floor(n / 2) + 1;

/** A write (or a read repair) sent to a replica; `hint` names the replica it was meant for when sent to a stand-in (-1: none); `ack` asks for an acknowledgement. */
interface PutMsg extends Message {
  readonly type: 'put';
  readonly tag: number;
  readonly key: number;
  readonly held: Held;
  readonly size: number;
  readonly hint: NodeId;
  readonly ack: boolean;
}
/** The answer to a put, a read's get or a handoff. */
interface TagMsg extends Message {
  readonly type: 'ack' | 'get';
  readonly tag: number;
  readonly key: number;
}
interface GotMsg extends Message {
  readonly type: 'got';
  readonly tag: number;
  readonly held: Held;
}
/** A hint holder hands a write to the replica it was meant for; the replica answers `handed`. */
interface HandoffMsg extends Message {
  readonly type: 'handoff' | 'handed';
  readonly key: number;
  readonly held: Held;
}
/** Anti-entropy: the current version of every key changed since the sender's previous pass that this receiver has not acknowledged. */
interface SyncMsg extends Message {
  readonly type: 'sync';
  readonly pass: number;
  readonly keys: readonly number[];
  readonly held: readonly Held[];
}
interface SyncAckMsg extends Message {
  readonly type: 'synced';
  readonly pass: number;
}

/** A write waiting for w acknowledgements. */
interface PendingWrite {
  readonly tag: number;
  readonly req: ClientRequest;
  readonly held: Held;
  acks: number;
  /** The replicas it was sent to; with sloppy quorums, who acknowledged and who holds a hint for each target. */
  readonly targets: readonly NodeId[];
  readonly acked: NodeId[];
  holders: NodeId[] | null;
  nextCandidate: number;
}

/** A read waiting for r answers (and, once answered, for late answers or sync repairs). */
interface PendingRead {
  readonly tag: number;
  readonly req: ClientRequest;
  best: Held;
  answers: number;
  /** Answers expected in all (coordinator included). */
  readonly expected: number;
  readonly nodes: NodeId[];
  readonly versions: number[];
  replied: boolean;
  repairsWaiting: number;
}

/** A hint: a write meant for another replica, its size, and when it was last handed over. */
interface Hint {
  held: Held;
  size: number;
  sentAt: number;
}

/** What survives a crash: the clock, request tags, hints held for others, and anti-entropy bookkeeping. */
interface Durable {
  last?: number;
  seq?: number;
  hints?: Map<NodeId, Map<number, Hint>>;
  aePass?: number;
  aeChanged?: Set<number>;
  aePending?: Map<NodeId, { pass: number; keys: Set<number> }>;
}

const OK = { status: 'ok' } as const;
const TIMEOUT_TAG = 'timeout';
const HINT_TAG = 'hint';
const HANDOFF_TAG = 'handoff';
const SYNC_TAG = 'anti-entropy';

/**
 * Items due in the order they were queued (a constant delay after their queuing time), with one
 * timer for the head.
 */
class DueQueue<T> {
  private readonly items: T[] = [];
  private readonly due: number[] = [];
  private head = 0;
  private timer: TimerHandle | undefined;

  constructor(
    private readonly ctx: ReplicaContext,
    private readonly tag: string,
  ) {}

  push(item: T, at: number): void {
    this.items.push(item);
    this.due.push(at);
    if (this.timer === undefined) this.timer = this.ctx.setTimer(at - this.ctx.now(), this.tag);
  }

  /** The timer fired: hands every item now due to `f`, and re-arms for the next. */
  fire(f: (item: T) => void): void {
    this.timer = undefined;
    const now = this.ctx.now();
    while (this.head < this.items.length && this.due[this.head]! <= now) {
      const item = this.items[this.head]!;
      this.items[this.head] = undefined as unknown as T;
      this.head++;
      f(item);
    }
    if (this.head === this.items.length) {
      this.items.length = this.due.length = this.head = 0;
      return;
    }
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items.splice(0, this.head);
      this.due.splice(0, this.head);
      this.head = 0;
    }
    if (this.timer === undefined) this.timer = this.ctx.setTimer(this.due[this.head]! - now, this.tag);
  }
}

/** One replica (or stand-in) of a partition under the quorum strategy. */
class QuorumReplica implements Replica {
  private readonly d: Durable;
  private readonly w: number;
  private readonly r: number;
  /** Whether this runtime holds hints only (its node is outside the partition's replica set). */
  private readonly standIn: boolean;
  /** The other replicas, in placement order, and a scratch copy for random choices. */
  private readonly peers: readonly NodeId[];
  private readonly pool: NodeId[];
  /** Nodes outside the replica set, in the order hinted copies go to them. */
  private readonly candidates: readonly NodeId[];
  private readonly writes = new Map<number, PendingWrite>();
  private readonly reads = new Map<number, PendingRead>();
  private readonly deadlines: DueQueue<number>;
  private readonly hintDue: DueQueue<PendingWrite>;
  private handoffTimer: TimerHandle | undefined;

  constructor(
    private readonly ctx: ReplicaContext,
    private readonly p: QuorumParams,
  ) {
    this.d = ctx.durable as Durable;
    const n = ctx.replicas.length;
    this.w = p.w ?? majority(n);
    this.r = p.r ?? majority(n);
    this.standIn = !ctx.replicas.includes(ctx.node);
    this.peers = ctx.replicas.filter((x) => x !== ctx.node);
    this.pool = this.peers.slice();
    this.candidates = p.sloppy ? standInNodes(ctx.replicas, ctx.cluster.nodes) : [];
    this.deadlines = new DueQueue(ctx, TIMEOUT_TAG);
    this.hintDue = new DueQueue(ctx, HINT_TAG);
  }

  onStart(): void {
    if (this.d.hints !== undefined && this.d.hints.size > 0) this.armHandoff();
    if (this.p.antiEntropy !== null && !this.standIn) this.ctx.setTimer(this.p.antiEntropy, SYNC_TAG);
  }

  onClientRequest(req: ClientRequest): void {
    if (this.standIn) {
      this.ctx.reply(req, { status: 'failed', reason: 'not a replica of this partition' });
      return;
    }
    if (req.op === 'read') this.read(req);
    else this.write(req);
  }

  onMessage(from: NodeId, msg: Message): void {
    switch (msg.type) {
      case 'put':
        return this.onPut(from, msg as PutMsg);
      case 'ack':
        return this.onAck(from, (msg as TagMsg).tag);
      case 'get': {
        const m = msg as TagMsg;
        this.ctx.send(from, { type: 'got', tag: m.tag, held: this.ctx.store.get(m.key) } as GotMsg);
        return;
      }
      case 'got':
        return this.onGot(from, msg as GotMsg);
      case 'ping':
        this.ctx.send(from, { type: 'pong' });
        return;
      case 'pong':
        return this.handOff(from);
      case 'handoff': {
        const m = msg as HandoffMsg;
        if (this.ctx.store.put(m.key, m.held)) this.changed(m.key);
        this.ctx.send(from, { type: 'handed', key: m.key, held: m.held } as HandoffMsg);
        return;
      }
      case 'handed':
        return this.onHanded(from, msg as HandoffMsg);
      case 'sync':
        return this.onSync(from, msg as SyncMsg);
      case 'synced': {
        const pending = this.d.aePending?.get(from);
        if (pending && pending.pass === (msg as SyncAckMsg).pass) this.d.aePending!.delete(from);
        return;
      }
    }
  }

  onTimer(tag: unknown): void {
    if (tag === TIMEOUT_TAG) this.deadlines.fire((t) => this.expire(t));
    else if (tag === HINT_TAG) this.hintDue.fire((pw) => this.hint(pw));
    else if (tag === HANDOFF_TAG) this.pingHintTargets();
    else if (tag === SYNC_TAG) this.antiEntropy();
  }

  // --- writes --------------------------------------------------------------------------------

  private nextTag(): number {
    return (this.d.seq = (this.d.seq ?? 0) + 1);
  }

  private write(req: ClientRequest): void {
    const ctx = this.ctx;
    // Timestamps strictly increase per replica: two writes in one µs must not tie.
    const stamp = (this.d.last = Math.max(Math.floor(ctx.now()), (this.d.last ?? -Infinity) + 1));
    const held = ctx.store.create(req, lwwVersion(stamp, ctx.node));
    this.changed(req.key);
    const targets = this.p.fanout === 'all' ? this.peers : this.choose(this.w - 1);
    const waits = this.w > 1;
    const tag = waits ? this.nextTag() : -1;
    for (let i = 0; i < targets.length; i++) ctx.send(targets[i]!, { type: 'put', tag, key: req.key, held, size: req.size, hint: -1, ack: waits } as PutMsg, 'apply', req.size);
    if (!waits) {
      ctx.reply(req, OK);
      return;
    }
    const pw: PendingWrite = { tag, req, held, acks: 1, targets, acked: [], holders: null, nextCandidate: 0 };
    this.writes.set(tag, pw);
    this.deadlines.push(tag, ctx.now() + this.p.timeout);
    if (this.candidates.length > 0) this.hintDue.push(pw, ctx.now() + this.p.hintAfter);
  }

  private onPut(from: NodeId, m: PutMsg): void {
    const ctx = this.ctx;
    if (m.hint >= 0) this.keepHint(m);
    else if (ctx.store.put(m.key, m.held)) this.changed(m.key);
    if (m.ack) ctx.send(from, { type: 'ack', tag: m.tag, key: m.key } as TagMsg);
  }

  private onAck(from: NodeId, tag: number): void {
    const pw = this.writes.get(tag);
    if (pw !== undefined) {
      if (this.candidates.length > 0) pw.acked.push(from);
      if (++pw.acks >= this.w) {
        this.writes.delete(tag);
        this.ctx.reply(pw.req, OK);
      }
      return;
    }
    const pr = this.reads.get(tag);
    if (pr !== undefined && pr.repairsWaiting > 0 && --pr.repairsWaiting === 0) this.answer(pr);
  }

  /**
   * Sloppy quorum: the write is still short of w acknowledgements after hintAfter. Every target
   * that has not acknowledged (and whose hint holder, if any, has not either) gets a hint holder:
   * the next node outside the replica set. Their acknowledgements count toward w.
   */
  private hint(pw: PendingWrite): void {
    if (this.writes.get(pw.tag) !== pw) return;
    const ctx = this.ctx;
    const holders = (pw.holders ??= pw.targets.map(() => -1));
    let sent = 0;
    for (let i = 0; i < pw.targets.length && pw.nextCandidate < this.candidates.length; i++) {
      const target = pw.targets[i]!;
      if (pw.acked.includes(target) || (holders[i]! >= 0 && pw.acked.includes(holders[i]!))) continue;
      const holder = this.candidates[pw.nextCandidate++]!;
      holders[i] = holder;
      ctx.send(holder, { type: 'put', tag: pw.tag, key: pw.req.key, held: pw.held, size: pw.req.size, hint: target, ack: true } as PutMsg, 'apply', pw.req.size);
      sent++;
    }
    if (sent > 0) {
      ctx.count('hinted_writes', sent);
      if (pw.nextCandidate < this.candidates.length) this.hintDue.push(pw, ctx.now() + this.p.hintAfter);
    }
  }

  // --- reads ---------------------------------------------------------------------------------

  private read(req: ClientRequest): void {
    const ctx = this.ctx;
    const local = ctx.store.get(req.key);
    const targets = this.p.fanout === 'all' ? this.peers : this.choose(this.r - 1);
    if (this.r === 1 && (targets.length === 0 || this.p.readRepair === 'off')) {
      // The coordinator's own answer completes the read; answers from the others would only repair.
      for (let i = 0; i < targets.length; i++) ctx.send(targets[i]!, { type: 'get', tag: -1, key: req.key } as TagMsg, 'read');
      ctx.reply(req, { status: 'ok', value: local });
      return;
    }
    const tag = this.nextTag();
    const pr: PendingRead = { tag, req, best: local, answers: 1, expected: targets.length + 1, nodes: [ctx.node], versions: [local.version as number], replied: false, repairsWaiting: 0 };
    for (let i = 0; i < targets.length; i++) ctx.send(targets[i]!, { type: 'get', tag, key: req.key } as TagMsg, 'read');
    this.reads.set(tag, pr);
    this.deadlines.push(tag, ctx.now() + this.p.timeout);
    if (pr.answers >= this.r) this.complete(pr);
  }

  private onGot(from: NodeId, m: GotMsg): void {
    const pr = this.reads.get(m.tag);
    if (pr === undefined) return;
    const v = m.held.version as number;
    pr.answers++;
    pr.nodes.push(from);
    pr.versions.push(v);
    if (!pr.replied) {
      if (v > (pr.best.version as number)) pr.best = m.held;
      if (pr.answers >= this.r) this.complete(pr);
    } else if (this.p.readRepair !== 'off') {
      // A late answer (the read has replied): repaired in the background, or, when it is newer
      // than what the read returned, it repairs the replicas that answered before it.
      if (v > (pr.best.version as number)) {
        pr.best = m.held;
        this.repairOlder(pr, false);
      } else if (v < (pr.best.version as number)) {
        this.repair(from, pr, false);
        pr.versions[pr.versions.length - 1] = pr.best.version as number;
      }
    }
    if (pr.answers >= pr.expected && pr.replied && pr.repairsWaiting === 0) this.reads.delete(pr.tag);
  }

  /** The read has its r answers: repair what is older (before replying, for sync), then reply. */
  private complete(pr: PendingRead): void {
    const mode = this.p.readRepair;
    if (mode !== 'off') this.repairOlder(pr, mode === 'sync');
    if (pr.repairsWaiting === 0) this.answer(pr);
  }

  /** Pushes the read's newest version to every replica that answered with an older one (the coordinator stores it at once); `wait`: count their acknowledgements. */
  private repairOlder(pr: PendingRead, wait: boolean): void {
    const best = pr.best.version as number;
    for (let i = 0; i < pr.nodes.length; i++) {
      if (pr.versions[i]! >= best) continue;
      pr.versions[i] = best;
      if (pr.nodes[i] === this.ctx.node) {
        if (this.ctx.store.put(pr.req.key, pr.best)) this.changed(pr.req.key);
        this.ctx.count('read_repairs');
      } else {
        this.repair(pr.nodes[i]!, pr, wait);
        if (wait) pr.repairsWaiting++;
      }
    }
  }

  private repair(to: NodeId, pr: PendingRead, ack: boolean): void {
    this.ctx.send(to, { type: 'put', tag: pr.tag, key: pr.req.key, held: pr.best, size: 0, hint: -1, ack } as PutMsg, 'apply');
    this.ctx.count('read_repairs');
  }

  private answer(pr: PendingRead): void {
    pr.replied = true;
    this.ctx.reply(pr.req, { status: 'ok', value: pr.best });
    // Late answers matter only for read repair.
    if (this.p.readRepair === 'off' || pr.answers >= pr.expected) this.reads.delete(pr.tag);
  }

  /** A request's timeout: a write short of w acknowledgements or a read short of r answers fails; a read waiting for sync repairs replies with what it has. */
  private expire(tag: number): void {
    const pw = this.writes.get(tag);
    if (pw !== undefined) {
      this.writes.delete(tag);
      this.ctx.reply(pw.req, { status: 'failed', reason: `${pw.acks} of ${this.w} replicas acknowledged within the timeout` });
      return;
    }
    const pr = this.reads.get(tag);
    if (pr === undefined) return;
    this.reads.delete(tag);
    if (pr.replied) return;
    if (pr.repairsWaiting > 0) {
      this.ctx.count('read_repair_timeouts');
      pr.replied = true;
      this.ctx.reply(pr.req, { status: 'ok', value: pr.best });
      return;
    }
    this.ctx.reply(pr.req, { status: 'failed', reason: `${pr.answers} of ${this.r} replicas answered within the timeout` });
  }

  /** `k` of the other replicas, chosen at random. */
  private choose(k: number): NodeId[] {
    const pool = this.pool;
    const out: NodeId[] = [];
    for (let i = 0; i < k; i++) {
      const j = i + this.ctx.random.int(pool.length - i);
      const x = pool[j]!;
      pool[j] = pool[i]!;
      pool[i] = x;
      out.push(x);
    }
    return out;
  }

  // --- hinted handoff (on stand-ins) ---------------------------------------------------------

  private keepHint(m: PutMsg): void {
    const hints = (this.d.hints ??= new Map());
    let forNode = hints.get(m.hint);
    if (forNode === undefined) hints.set(m.hint, (forNode = new Map()));
    const cur = forNode.get(m.key);
    if (cur === undefined || (cur.held.version as number) < (m.held.version as number)) forNode.set(m.key, { held: m.held, size: m.size, sentAt: -Infinity });
    this.armHandoff();
  }

  private armHandoff(): void {
    if (this.handoffTimer === undefined) this.handoffTimer = this.ctx.setTimer(this.p.handoff, HANDOFF_TAG);
  }

  /** Asks every replica this node holds hints for whether it answers again. */
  private pingHintTargets(): void {
    this.handoffTimer = undefined;
    const hints = this.d.hints;
    if (hints === undefined || hints.size === 0) return;
    for (const to of hints.keys()) this.ctx.send(to, { type: 'ping' });
    this.armHandoff();
  }

  /** `to` answered: hand it the hints meant for it (those not handed over within the last interval). */
  private handOff(to: NodeId): void {
    const forNode = this.d.hints?.get(to);
    if (forNode === undefined) return;
    const now = this.ctx.now();
    for (const [key, h] of forNode) {
      if (now - h.sentAt < this.p.handoff) continue;
      h.sentAt = now;
      this.ctx.send(to, { type: 'handoff', key, held: h.held } as HandoffMsg, 'apply', h.size);
    }
  }

  private onHanded(from: NodeId, m: HandoffMsg): void {
    const hints = this.d.hints;
    const forNode = hints?.get(from);
    const h = forNode?.get(m.key);
    if (h === undefined || h.held.version !== m.held.version) return;
    forNode!.delete(m.key);
    if (forNode!.size === 0) hints!.delete(from);
    this.ctx.count('hints_handed_off');
  }

  // --- anti-entropy --------------------------------------------------------------------------

  /** Notes a key this replica changed (by a client write, a put, a repair or a handoff) for the next anti-entropy pass. */
  private changed(key: number): void {
    if (this.p.antiEntropy !== null) (this.d.aeChanged ??= new Set()).add(key);
  }

  /** Sends every other replica the current version of the keys changed since the previous pass, with those it has not acknowledged yet. */
  private antiEntropy(): void {
    const ctx = this.ctx;
    const d = this.d;
    const changed = d.aeChanged ?? new Set<number>();
    d.aeChanged = new Set();
    const pending = (d.aePending ??= new Map());
    const pass = (d.aePass = (d.aePass ?? 0) + 1);
    let fresh: SyncMsg | undefined;
    for (const peer of this.peers) {
      const before = pending.get(peer);
      let keys = changed;
      if (before !== undefined) {
        keys = new Set(before.keys);
        for (const k of changed) keys.add(k);
      }
      if (keys.size === 0) continue;
      const msg = keys === changed ? (fresh ??= this.syncMsg(pass, keys)) : this.syncMsg(pass, keys);
      ctx.send(peer, msg, 'apply');
      pending.set(peer, { pass, keys });
    }
    ctx.setTimer(this.p.antiEntropy!, SYNC_TAG);
  }

  private syncMsg(pass: number, keys: Set<number>): SyncMsg {
    const store = this.ctx.store;
    const ks: number[] = [];
    const held: Held[] = [];
    for (const k of keys) {
      ks.push(k);
      held.push(store.get(k));
    }
    return { type: 'sync', pass, keys: ks, held };
  }

  /** Keeps the newer of each pair (changes that arrive this way are not sent on: every replica sends its own). */
  private onSync(from: NodeId, m: SyncMsg): void {
    const store = this.ctx.store;
    let updated = 0;
    for (let i = 0; i < m.keys.length; i++) if (store.put(m.keys[i]!, m.held[i]!)) updated++;
    if (updated > 0) this.ctx.count('anti_entropy_updates', updated);
    this.ctx.send(from, { type: 'synced', pass: m.pass } as SyncAckMsg);
  }
}

/** Nodes outside the replica set, starting after the last replica in node-id order and wrapping around. */
function standInNodes(replicas: readonly NodeId[], nodes: number): NodeId[] {
  const out: NodeId[] = [];
  const start = replicas[replicas.length - 1]! + 1;
  for (let i = 0; i < nodes; i++) {
    const n = (start + i) % nodes;
    if (!replicas.includes(n)) out.push(n);
  }
  return out;
}

function check(p: QuorumParams, cluster: ClusterShape): ParamProblem[] {
  const n = cluster.replicationFactor;
  const problems: ParamProblem[] = [];
  if (p.w !== undefined && p.w > n) problems.push({ path: ['w'], message: `${p.w} exceeds replicationFactor (${n})` });
  if (p.r !== undefined && p.r > n) problems.push({ path: ['r'], message: `${p.r} exceeds replicationFactor (${n})` });
  if (p.sloppy && cluster.nodes <= n) problems.push({ path: ['sloppy'], message: `a sloppy quorum needs nodes outside the replica set: cluster.nodes (${cluster.nodes}) must exceed replicationFactor (${n})` });
  if (p.sloppy && p.hintAfter >= p.timeout) problems.push({ path: ['hintAfter'], message: `must be shorter than timeout (${p.timeout / 1000} ms)` });
  return problems;
}

/** The `quorum` strategy. */
export const quorumStrategy: StrategyDefinition<QuorumParams> = {
  name: 'quorum',
  description: 'leaderless (Dynamo-style): writes wait for w replicas, reads return the newest of r; read repair, sloppy quorum with hinted handoff, anti-entropy',
  params,
  check,
  traits: (_p, cluster) => ({ writes: 'any', reads: 'any', view: 'none', order: 'lww', waitsForFollowers: cluster.replicationFactor > 1 }),
  create: (ctx, p) => new QuorumReplica(ctx, p),
};

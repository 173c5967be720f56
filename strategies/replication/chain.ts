/**
 * Chain replication (van Renesse & Schneider, OSDI 2004), with CRAQ reads as an option (Terrace &
 * Freedman, USENIX ATC 2009).
 *
 * The chain is the partition's replicas in placement order. A write enters at the head, which
 * writes it to its log; every node applies what it receives in log order and passes it on; the
 * tail's apply is the commit: the tail answers the client and acknowledges up the chain, and each
 * node that sees the acknowledgement counts the entries as committed (a durable index) and drops
 * the requests it kept for them. Reads go to the tail (`reads: tail`), or with `reads: craq` to any
 * node, which answers a clean key itself (no write to it pending below this node) and forwards a
 * dirty one to the tail.
 *
 * Reconfiguration follows the paper, with the harness's failure detector in the master's role.
 * A configuration is (epoch, members from head to tail, the node catching up to join at the tail);
 * the first live member computes a new one when the detector reports a change, announces it
 * (ctx.setView, term = epoch) and sends it to every replica; every message carries its sender's
 * configuration and replicas adopt newer epochs only. A node that is not up to date with the
 * announced term never issues one (a node cut off by a partition cannot reorder the chain), and
 * answers no read. Head failure: its successor leads (writes the old head had not passed on are
 * lost, never acknowledged). Tail failure: its predecessor becomes the tail and acknowledges the
 * writes it holds. Middle failure: the successor tells its new predecessor how far its log goes
 * and the predecessor resends the rest. A node that returns (restarted, or back from a partition)
 * rolls back what it applied but never saw committed and joins at the tail: the tail streams it
 * the log from its committed index; once it has caught up, the head appends it to the chain, and
 * it answers reads as the new tail after applying everything its predecessor had committed.
 * Logs are trimmed only while every replica is a member, up to the head's committed index (the
 * lowest in the chain), so a returning node always finds its entries at the tail. If every member
 * of a chain crashes at once, the partition stays unavailable (no member is left to re-admit them).
 *
 * Longer than most modules on purpose: a replication family is one file (a user can load it from
 * a path), so the write path, CRAQ reads, reconfiguration and rejoin live together.
 */
import { z } from 'zod';
import { positiveDurationParam, type ClientRequest, type LogEntry, type Message, type NodeId, type Replica, type ReplicaContext, type StrategyDefinition, type View } from '../../harness/runtime/contract.js';

const params = z.strictObject({
  reads: z.enum(['tail', 'craq']).default('tail'),
  retransmit: positiveDurationParam.default(100_000),
});

/** The chain's parameters: where reads are answered, and the interval of probes and join requests (µs). */
export type ChainParams = z.infer<typeof params>;

/** A chain configuration: its epoch, the members from head to tail, and the node catching up to join at the tail. */
interface Config {
  readonly epoch: number;
  readonly chain: readonly NodeId[];
  readonly joiner: NodeId | null;
}

/** What survives a crash: the configuration last adopted and the highest index known committed. */
interface Durable {
  cfg?: Config;
  committed?: number;
}

/** Every chain message carries its sender's configuration (the receiver adopts a newer one first). */
interface ChainMsg extends Message {
  readonly cfg: Config;
}

/** Predecessor → successor: one log entry, the client request while it is pending, the sender's committed index and the trim floor. */
interface Fwd extends ChainMsg {
  readonly type: 'fwd';
  readonly entry: LogEntry;
  readonly req: ClientRequest | null;
  readonly committed: number;
  readonly trim: number;
}

/**
 * Successor → predecessor: committed up to `index`, applied up to `held` (term `heldTerm`); `low`:
 * the lowest committed index of the sender and every node after it; `sync`: resend everything above `held`.
 */
interface Ack extends ChainMsg {
  readonly type: 'ack';
  readonly index: number;
  readonly low: number;
  readonly held: number;
  readonly heldTerm: number;
  readonly sync: boolean;
}

/** Predecessor → a new member successor: once applied up to `need`, it holds every committed write. */
interface Mark extends ChainMsg {
  readonly type: 'mark';
  readonly need: number;
}

/** A read passed to the tail. */
interface ReadFwd extends ChainMsg {
  readonly type: 'read';
  readonly req: ClientRequest;
  readonly hops: number;
}

const OK = { status: 'ok' } as const;
const TICK = 'tick';
/** Entries sent to a successor beyond what it has applied (a catching-up joiner gets the log in windows). */
const WINDOW = 1024;
/** Times a read may be passed on before it waits for the configuration to settle. */
const MAX_HOPS = 3;
/** Reads a node holds while the chain reconfigures; more fail at once. */
const MAX_HELD = 10_000;
/** Intervals a stale first live member waits for the newest configuration before issuing one (its issuer is down). */
const STALE_TICKS = 3;

function sameList(a: readonly NodeId[], b: readonly NodeId[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** One node of one partition's chain. */
class ChainReplica implements Replica {
  private readonly d: Durable;
  private readonly craq: boolean;
  private readonly retransmit: number;
  private cfg: Config;
  private committed: number;
  // This node's place in `cfg`.
  private pos = -1;
  private pred: NodeId | null = null;
  /** The next member, or the joiner when this node is the tail. */
  private succ: NodeId | null = null;
  private isHead = false;
  private isTail = false;
  private isJoiner = false;
  /** Restarted and not yet re-admitted: serves nothing, asks to join. */
  private returning: boolean;
  /** Left out of the chain while up (cut off by a partition): serves nothing, asks to join. */
  private out = false;
  /** Holds every committed write: the first members; a joiner once it has applied up to its predecessor's mark. */
  private complete: boolean;
  private markNeed = Infinity;
  private markPending = false;
  // The stream to the successor.
  private synced = false;
  private sentTo = 0;
  private succHeld = 0;
  private succAcked = 0;
  /** The lowest committed index of the successor and every node after it (what a head may trim to). */
  private succLow = 0;
  private lastAckAt = 0;
  private syncEnd = 0;
  private caughtEpoch = -1;
  private caughtAt = -Infinity;
  /** Requests of pending writes by log index (whoever becomes the tail answers them). */
  private readonly reqs = new Map<number, ClientRequest>();
  /** CRAQ: the newest log index written to each key (the key is dirty while it is above `committed`). */
  private readonly dirty = new Map<number, number>();
  /** Index every replica holds (trimmed up to here). */
  private floor = 0;
  private held: { req: ClientRequest; hops: number }[] = [];
  /** The failure detector's live replicas (null until it reports: all). */
  private live: Set<NodeId> | null = null;
  /** Nodes waiting to join, in the order the acting head will admit them (placement order). */
  private readonly wantJoin = new Set<NodeId>();
  private joinAt = -Infinity;
  private cfgReqAt = -Infinity;
  private staleTicks = 0;
  private readonly nudgedAt = new Map<NodeId, number>();

  constructor(
    private readonly ctx: ReplicaContext,
    p: ChainParams,
  ) {
    this.d = ctx.durable as Durable;
    this.craq = p.reads === 'craq';
    this.retransmit = p.retransmit;
    if (this.d.cfg === undefined) {
      this.d.cfg = Object.freeze({ epoch: 0, chain: ctx.replicas, joiner: null });
      this.d.committed = 0;
      this.returning = false;
      this.complete = true;
      this.synced = true; // every log is empty
    } else {
      this.returning = true;
      this.complete = false;
    }
    this.cfg = this.d.cfg;
    this.committed = this.d.committed ?? 0;
    // Trimming is this strategy's (the log keeps what a returning node needs, not a fixed window).
    ctx.log.trim(0);
    this.role();
    ctx.setTimer(this.retransmit, TICK);
  }

  onStart(): void {
    const ctx = this.ctx;
    if (this.returning) {
      const c = this.cfg;
      if (c.chain.length === 1 && c.chain[0] === ctx.node) {
        // The only member: its log is the chain's (everything it applied was committed).
        this.returning = false;
        this.complete = true;
        if (ctx.log.lastIndex > ctx.log.lastApplied) ctx.log.truncate(ctx.log.lastApplied);
        ctx.log.setTerm(c.epoch);
        this.setCommitted(ctx.log.lastApplied);
        this.announce();
      } else {
        ctx.log.truncate(this.committed);
        this.sendJoin();
      }
    } else if (this.isTail) this.announce();
  }

  onClientRequest(req: ClientRequest): void {
    if (req.op === 'read') this.read(req, 0);
    else this.write(req);
  }

  onMessage(from: NodeId, msg: Message): void {
    const m = msg as ChainMsg;
    if (m.cfg.epoch > this.cfg.epoch) this.adopt(m.cfg);
    switch (m.type) {
      case 'fwd':
        return this.onFwd(from, m as Fwd);
      case 'ack':
        return this.onAck(from, m as Ack);
      case 'probe':
        if (from === this.pred && this.active()) this.sendAck(true);
        else this.nudge(from, m);
        return;
      case 'mark':
        if (from === this.pred && this.member()) {
          this.markNeed = (m as Mark).need;
          this.checkComplete();
        }
        return;
      case 'read':
        return this.read((m as ReadFwd).req, (m as ReadFwd).hops);
      case 'join':
        return this.onJoin(from, m);
      case 'caught':
        return this.onCaught(from, m);
      case 'cfgReq':
        return this.nudge(from, m);
    }
  }

  onTimer(tag: unknown): void {
    if (tag !== TICK) return;
    const ctx = this.ctx;
    if (this.returning || this.out) this.sendJoin();
    else if (this.active()) {
      const v = ctx.view;
      if (this.cfg.epoch < v.term) {
        this.requestCfg();
        this.staleCheck(v);
      } else this.staleTicks = 0;
      // A successor that has not answered for an interval while entries are outstanding (messages
      // lost to a partition or a broken connection) is asked where its log ends.
      if (this.succ !== null && this.member() && (!this.synced || (ctx.log.lastApplied > this.succAcked && ctx.now() - this.lastAckAt >= this.retransmit))) {
        // With work, the probe is handled after the entries sent before it (the answer counts the queued ones).
        ctx.send(this.succ, { type: 'probe', cfg: this.cfg } as ChainMsg, 'read');
        ctx.count('probes');
      }
      if (this.isTail && this.cfg.joiner !== null) this.checkCaught();
    }
    this.drainHeld();
    ctx.setTimer(this.retransmit, TICK);
  }

  onMembershipChange(live: readonly NodeId[]): void {
    this.live = new Set(live);
    if (this.returning || this.out) {
      this.sendJoin();
      return;
    }
    for (const n of [...this.wantJoin]) if (!this.live.has(n)) this.wantJoin.delete(n);
    for (const n of live) if (n !== this.ctx.node && !this.cfg.chain.includes(n) && n !== this.cfg.joiner) this.wantJoin.add(n);
    this.reconfigure(false);
    this.drainHeld();
  }

  // --- Client requests -------------------------------------------------------------------------

  private write(req: ClientRequest): void {
    const ctx = this.ctx;
    if (!this.member() || !this.isHead) return this.redirect(req, ctx.view);
    const v = ctx.view;
    if (this.cfg.epoch < v.term) {
      this.requestCfg();
      return this.redirect(req, v);
    }
    const e = ctx.log.write(req);
    if (this.isTail) {
      this.setCommitted(e.index);
      ctx.reply(req, OK);
    } else {
      this.reqs.set(e.index, req);
      if (this.craq) this.dirty.set(req.key, e.index);
    }
    this.pump();
  }

  private read(req: ClientRequest, hops: number): void {
    const ctx = this.ctx;
    if (!this.member()) return this.redirectOrHold(req, hops, ctx.view);
    const v = ctx.view;
    if (this.cfg.epoch < v.term) {
      // A newer configuration exists: this node may be cut off from the chain that commits now.
      this.requestCfg();
      return this.redirectOrHold(req, hops, v);
    }
    if (this.isTail) {
      if (this.complete) ctx.reply(req, { status: 'ok', value: ctx.store.get(req.key) });
      else this.hold(req, hops);
      return;
    }
    if (this.craq && this.complete) {
      const d = this.dirty.get(req.key);
      if (d === undefined || d <= this.committed) {
        ctx.reply(req, { status: 'ok', value: ctx.store.get(req.key) });
        return;
      }
    }
    const tail = this.cfg.chain[this.cfg.chain.length - 1]!;
    if (hops >= MAX_HOPS || !this.isLive(tail)) return this.hold(req, hops);
    ctx.send(tail, { type: 'read', cfg: this.cfg, req, hops: hops + 1 } as ReadFwd, 'read');
    ctx.count('reads_forwarded');
  }

  /** A request this node does not serve: the client is sent where the harness's view points. */
  private redirect(req: ClientRequest, v: View): void {
    const to = req.op === 'read' ? (v.readAt ?? v.leader) : v.leader;
    if (to !== null && to !== undefined && to !== this.ctx.node) this.ctx.reply(req, { status: 'failed', reason: 'not the chain node for this request', redirect: to });
    else this.ctx.reply(req, { status: 'failed', reason: 'the chain is reconfiguring' });
  }

  private redirectOrHold(req: ClientRequest, hops: number, v: View): void {
    const to = v.readAt ?? v.leader;
    if (to !== null && to !== undefined && to !== this.ctx.node) this.ctx.reply(req, { status: 'failed', reason: 'not serving reads', redirect: to });
    else this.hold(req, hops);
  }

  /** Keeps a read until the configuration or this node's state changes. */
  private hold(req: ClientRequest, hops: number): void {
    if (this.held.length >= MAX_HELD) this.ctx.reply(req, { status: 'failed', reason: 'too many reads waiting for the chain' });
    else this.held.push({ req, hops });
  }

  private drainHeld(): void {
    if (this.held.length === 0) return;
    const h = this.held;
    this.held = [];
    for (const x of h) this.read(x.req, x.hops);
  }

  // --- The stream down the chain -----------------------------------------------------------------

  /** Sends the successor what it does not have yet, at most WINDOW entries beyond what it applied. */
  private pump(): void {
    const succ = this.succ;
    if (succ === null || !this.synced || !this.member()) return;
    const ctx = this.ctx;
    const log = ctx.log;
    const limit = log.lastApplied;
    if (this.sentTo >= limit) return;
    const cfg = this.cfg;
    const committed = this.committed;
    const trim = this.floor;
    while (this.sentTo < limit && this.sentTo - this.succHeld < WINDOW) {
      const i = ++this.sentTo;
      const entry = log.entry(i);
      if (entry === undefined) throw new Error(`partition ${ctx.partition}: node ${succ} needs log entry ${i}, which node ${ctx.node} no longer holds`);
      ctx.send(succ, { type: 'fwd', cfg, entry, req: this.reqs.size > 0 ? (this.reqs.get(i) ?? null) : null, committed, trim } as Fwd, 'apply', entry.size);
    }
  }

  private onFwd(from: NodeId, m: Fwd): void {
    if (from !== this.pred || !this.active()) return this.nudge(from, m);
    const log = this.ctx.log;
    const e = m.entry;
    const before = log.lastApplied;
    if (e.index > before && m.req !== null) this.reqs.set(e.index, m.req);
    const after = e.index > before ? log.append(e) : before;
    if (this.craq && after > before && !this.isTail && !this.isJoiner) {
      for (let i = before + 1; i <= after; i++) this.dirty.set(log.entry(i)!.key, i);
    }
    if (m.trim > this.floor) {
      this.floor = m.trim;
      log.trim(Math.min(this.floor, this.committed));
    }
    // The tail's apply is the commit; a joiner receives committed entries only.
    const c = this.isTail || this.isJoiner ? after : Math.min(m.committed, after);
    if (c > this.committed) this.advance(c);
    this.pump();
    this.checkComplete();
  }

  private onAck(from: NodeId, m: Ack): void {
    if (from !== this.succ || !this.member()) return this.nudge(from, m);
    const ctx = this.ctx;
    const log = ctx.log;
    this.lastAckAt = ctx.now();
    if (m.sync) {
      if (m.heldTerm >= 0 && m.held <= log.lastApplied) {
        const t = log.termAt(m.held);
        if (t !== undefined && t !== m.heldTerm) throw new Error(`partition ${ctx.partition}: node ${from} holds entry ${m.held} of term ${m.heldTerm}, node ${ctx.node} one of term ${t}: the chain's logs diverged`);
      }
      // Resend everything above what the successor holds (it may be ahead of this node: a
      // joiner streaming from a tail that is itself still catching up).
      this.sentTo = m.held;
      this.succHeld = m.held;
      this.synced = true;
      this.syncEnd = log.lastApplied;
      if (this.succ !== this.cfg.joiner) this.sendMark();
    } else if (m.held > this.succHeld) this.succHeld = m.held;
    if (m.index > this.succAcked) this.succAcked = m.index;
    this.succLow = m.low;
    if (!this.isTail && m.index > this.committed) this.advance(Math.min(m.index, log.lastApplied));
    else if (this.isHead) this.headTrim();
    this.pump();
    if (this.isTail && this.cfg.joiner === from) this.checkCaught();
  }

  /** Entries up to `c` are committed: the tail answers their clients; every node forgets their requests and acknowledges up. */
  private advance(c: number): void {
    const ctx = this.ctx;
    const reply = this.isTail;
    if (this.reqs.size > 0 || this.dirty.size > 0) {
      const log = ctx.log;
      for (let i = this.committed + 1; i <= c; i++) {
        const r = this.reqs.get(i);
        if (r !== undefined) {
          this.reqs.delete(i);
          if (reply) ctx.reply(r, OK);
        }
        if (this.dirty.size > 0) {
          const key = log.entry(i)?.key;
          if (key !== undefined) {
            const d = this.dirty.get(key);
            if (d !== undefined && d <= i) this.dirty.delete(key);
          }
        }
      }
    }
    this.setCommitted(c);
    if (this.pred !== null) this.sendAck(false);
  }

  private setCommitted(c: number): void {
    this.committed = c;
    this.d.committed = c;
    if (this.isHead) this.headTrim();
  }

  /**
   * While every replica is a member, the head trims up to the lowest committed index in the chain
   * (a new tail may still be applying what its predecessor committed as the tail before it) and
   * passes the floor down with the entries it sends.
   */
  private headTrim(): void {
    if (!this.full()) return;
    const low = this.isTail ? this.committed : Math.min(this.committed, this.succLow);
    if (low > this.floor) {
      this.floor = low;
      this.ctx.log.trim(low);
    }
  }

  private sendAck(sync: boolean): void {
    const log = this.ctx.log;
    const held = log.lastApplied;
    const low = this.succ === null || this.isJoiner ? this.committed : Math.min(this.committed, this.succLow);
    this.ctx.send(this.pred!, { type: 'ack', cfg: this.cfg, index: this.committed, low, held, heldTerm: log.termAt(held) ?? -1, sync } as Ack);
  }

  /** Tells a member successor how far it must apply before it holds every committed write (it answers reads from then on). */
  private sendMark(): void {
    if (this.succ === null || this.succ === this.cfg.joiner) return;
    if (!this.complete) {
      this.markPending = true;
      return;
    }
    this.markPending = false;
    this.ctx.send(this.succ, { type: 'mark', cfg: this.cfg, need: this.ctx.log.lastApplied } as Mark);
  }

  private checkComplete(): void {
    if (this.complete || !this.member() || this.ctx.log.lastApplied < this.markNeed) return;
    this.complete = true;
    if (this.markPending) this.sendMark();
    this.announce();
    this.drainHeld();
  }

  /** The tail tells the head that its joiner has caught up (resent every interval until the head acts). */
  private checkCaught(): void {
    const ctx = this.ctx;
    if (!this.complete || !this.synced || this.cfg.joiner === null) return;
    if (this.succAcked < this.syncEnd || this.sentTo < ctx.log.lastApplied) return;
    if (this.caughtEpoch === this.cfg.epoch && ctx.now() - this.caughtAt < this.retransmit) return;
    this.caughtEpoch = this.cfg.epoch;
    this.caughtAt = ctx.now();
    if (this.isHead) this.onCaught(ctx.node, { type: 'caught', cfg: this.cfg } as ChainMsg);
    else ctx.send(this.cfg.chain[0]!, { type: 'caught', cfg: this.cfg } as ChainMsg);
  }

  // --- Configuration -----------------------------------------------------------------------------

  private role(): void {
    const c = this.cfg;
    const me = this.ctx.node;
    const last = c.chain.length - 1;
    this.pos = c.chain.indexOf(me);
    this.isJoiner = c.joiner === me;
    this.isHead = this.pos === 0;
    this.isTail = this.pos >= 0 && this.pos === last;
    this.pred = this.pos > 0 ? c.chain[this.pos - 1]! : this.isJoiner ? c.chain[last]! : null;
    this.succ = this.pos < 0 ? null : this.isTail ? c.joiner : c.chain[this.pos + 1]!;
  }

  private member(): boolean {
    return this.pos >= 0 && !this.returning && !this.out;
  }

  private active(): boolean {
    return (this.pos >= 0 || this.isJoiner) && !this.returning && !this.out;
  }

  private full(): boolean {
    return this.cfg.joiner === null && this.cfg.chain.length === this.ctx.replicas.length;
  }

  private isLive(n: NodeId): boolean {
    return this.live === null || this.live.has(n);
  }

  /** A member that can act: reported up by the detector and not asking to join again (restarted). */
  private usable(n: NodeId): boolean {
    return this.isLive(n) && !this.wantJoin.has(n);
  }

  /** The member that issues the next configuration: the first usable one. */
  private actingHead(): NodeId | null {
    for (const n of this.cfg.chain) if (this.usable(n)) return n;
    return null;
  }

  private nextJoiner(chain: readonly NodeId[]): NodeId | null {
    for (const n of this.ctx.replicas) if (this.wantJoin.has(n) && !chain.includes(n)) return n;
    return null;
  }

  /**
   * The acting head drops dead members, members that asked to join again (they restarted) and a
   * dead joiner, and admits the next joiner. `bump`: issue a new epoch even if nothing changed (a
   * joiner that restarted); `stale`: issue although a newer configuration was announced (its
   * issuer is down and nobody has it).
   */
  private reconfigure(bump: boolean, stale = false): void {
    if (!this.member() || this.actingHead() !== this.ctx.node) return;
    const c = this.cfg;
    if (c.epoch < this.ctx.view.term && !stale) {
      this.requestCfg();
      return;
    }
    const chain = c.chain.filter((n) => this.usable(n));
    const joiner = c.joiner !== null && this.isLive(c.joiner) && !bump ? c.joiner : this.nextJoiner(chain);
    this.propose(chain, joiner, bump || stale);
  }

  /** Issues a new configuration: announced to the harness and sent to every replica. */
  private propose(chain: NodeId[], joiner: NodeId | null, force: boolean): void {
    const c = this.cfg;
    if (!force && joiner === c.joiner && sameList(chain, c.chain)) return;
    const ctx = this.ctx;
    const v = ctx.view;
    const next: Config = Object.freeze({ epoch: Math.max(c.epoch, v.term) + 1, chain: Object.freeze(chain), joiner });
    // Reads stay where they go while that node is still a member (a new tail announces itself once it holds every committed write).
    const prev = v.readAt ?? v.leader;
    const readAt = prev !== null && chain.includes(prev) ? prev : chain[chain.length - 1]!;
    ctx.setView({ leader: chain[0]!, readAt, term: next.epoch });
    ctx.count('reconfigurations');
    this.adopt(next);
    for (const r of ctx.replicas) if (r !== ctx.node) ctx.send(r, { type: 'cfg', cfg: next } as ChainMsg);
  }

  private adopt(next: Config): void {
    if (next.epoch <= this.cfg.epoch) return;
    const ctx = this.ctx;
    const log = ctx.log;
    const wasTail = this.isTail && this.member();
    const wasJoiner = this.isJoiner;
    const oldPred = this.pred;
    const oldSucc = this.succ;
    const oldJoiner = this.cfg.joiner;
    const succWasJoiner = oldSucc !== null && oldSucc === oldJoiner;
    this.cfg = next;
    this.d.cfg = next;
    this.role();
    if (oldJoiner !== null && next.chain.includes(oldJoiner)) this.wantJoin.delete(oldJoiner);
    if (this.returning || this.out) {
      if (this.isJoiner) {
        this.returning = false;
        this.out = false;
        this.becomeJoiner();
      } else this.sendJoin();
      return;
    }
    if (this.pos < 0 && !this.isJoiner) return this.leave();
    if (this.isJoiner && !wasJoiner) return this.becomeJoiner();
    if (this.isHead) {
      log.setTerm(next.epoch);
      // Entries that arrived out of order from a predecessor that is gone will never be completed.
      if (log.lastIndex > log.lastApplied) {
        log.truncate(log.lastApplied);
        for (const i of [...this.reqs.keys()]) if (i > log.lastApplied) this.reqs.delete(i);
      }
    }
    // A new tail: everything it holds passed the old tail or is committed now; it answers the clients.
    if (this.isTail && !wasTail && log.lastApplied > this.committed) this.advance(log.lastApplied);
    if (this.pred !== oldPred && this.pred !== null) this.sendAck(true);
    if (this.succ !== oldSucc) {
      this.synced = false;
      this.sentTo = 0;
      this.succHeld = 0;
      this.succAcked = 0;
      this.succLow = 0;
      this.caughtEpoch = -1;
    } else if (succWasJoiner && this.succ !== next.joiner) this.sendMark(); // the joiner is our member successor now
    if (this.isTail && this.complete) this.announce();
    this.reconfigure(false);
    this.drainHeld();
  }

  /** Joins at the tail: drops what was never seen committed and asks the tail for the rest. */
  private becomeJoiner(): void {
    this.resetVolatile();
    this.sendAck(true);
  }

  /** Left out of a newer configuration while up: stop serving, drop what was never seen committed, ask to join. */
  private leave(): void {
    this.out = true;
    this.resetVolatile();
    this.sendJoin();
    this.drainHeld();
  }

  private resetVolatile(): void {
    this.ctx.log.truncate(this.committed);
    this.reqs.clear();
    this.dirty.clear();
    this.complete = false;
    this.markNeed = Infinity;
    this.markPending = false;
    this.synced = false;
    this.sentTo = 0;
    this.succHeld = 0;
    this.succAcked = 0;
    this.succLow = 0;
  }

  private onJoin(from: NodeId, m: ChainMsg): void {
    if (!this.member() || this.cfg.epoch < this.ctx.view.term) return;
    const c = this.cfg;
    // Already admitted as the joiner in a configuration it has not seen: tell it.
    if (c.joiner === from && m.cfg.epoch < c.epoch) return this.nudge(from, m);
    // Every member remembers who asked (a member that asks has restarted and cannot act).
    this.wantJoin.add(from);
    // A joiner that restarted after adopting this configuration needs a newer epoch to be re-admitted.
    this.reconfigure(c.joiner === from);
  }

  private onCaught(from: NodeId, m: ChainMsg): void {
    if (!this.member() || !this.isHead || this.cfg.epoch < this.ctx.view.term) return;
    const c = this.cfg;
    const j = c.joiner;
    if (j === null || m.cfg.joiner !== j || from !== c.chain[c.chain.length - 1]) return;
    this.wantJoin.delete(j);
    const chain = [...c.chain, j];
    this.propose(chain, this.nextJoiner(chain), false);
  }

  /** A stale first live member whose view's leader is down issues a configuration after a few intervals without hearing a newer one. */
  private staleCheck(v: View): void {
    const me = this.ctx.node;
    if (this.actingHead() !== me || (v.leader !== null && v.leader !== me && this.usable(v.leader))) {
      this.staleTicks = 0;
      return;
    }
    if (++this.staleTicks >= STALE_TICKS) {
      this.staleTicks = 0;
      this.ctx.count('forced_reconfigurations');
      this.reconfigure(false, true);
    }
  }

  /** The tail announces itself once it holds every committed write. */
  private announce(): void {
    if (!this.isTail || !this.complete || !this.member()) return;
    const ctx = this.ctx;
    const v = ctx.view;
    const c = this.cfg;
    if (c.epoch < v.term || (v.term === c.epoch && v.readAt === ctx.node && v.leader === c.chain[0])) return;
    ctx.setView({ leader: c.chain[0]!, readAt: ctx.node, term: c.epoch });
  }

  private sendJoin(): void {
    const ctx = this.ctx;
    if (ctx.now() - this.joinAt < this.retransmit / 2) return;
    this.joinAt = ctx.now();
    for (const r of ctx.replicas) if (r !== ctx.node) ctx.send(r, { type: 'join', cfg: this.cfg } as ChainMsg);
  }

  private requestCfg(): void {
    const ctx = this.ctx;
    if (ctx.now() - this.cfgReqAt < this.retransmit / 2) return;
    this.cfgReqAt = ctx.now();
    for (const r of ctx.replicas) if (r !== ctx.node) ctx.send(r, { type: 'cfgReq', cfg: this.cfg } as ChainMsg);
  }

  /** Sends a node with an older configuration the current one (at most once per interval). */
  private nudge(to: NodeId, m: ChainMsg): void {
    if (m.cfg.epoch >= this.cfg.epoch) return;
    const now = this.ctx.now();
    if (now - (this.nudgedAt.get(to) ?? -Infinity) < this.retransmit / 2) return;
    this.nudgedAt.set(to, now);
    this.ctx.send(to, { type: 'cfg', cfg: this.cfg } as ChainMsg);
  }
}

/** The `chain` strategy. */
export const chainStrategy: StrategyDefinition<ChainParams> = {
  name: 'chain',
  description: 'chain replication: writes pass from head to tail, the tail acknowledges and serves reads (reads: craq: any node answers clean keys)',
  params,
  traits: (p, cluster) => ({
    view: 'strategy',
    writes: 'leader',
    reads: p.reads === 'craq' ? 'any' : 'leader',
    order: 'counter',
    waitsForFollowers: cluster.replicationFactor > 1,
  }),
  create: (ctx, p) => new ChainReplica(ctx, p),
};

/**
 * Leader–follower log shipping shared by the built-in strategies.
 *
 * The leader appends each write to its log and ships it to every follower; followers apply in
 * log order and answer with a cumulative acknowledgement (their lastApplied index, as Raft's
 * matchIndex). Lost messages are repaired as TCP does: duplicate acknowledgements reveal a gap
 * at a follower, and the missing entries are resent once they have been outstanding longer than
 * that follower's smoothed round trip plus four deviations (RFC 6298's RTO, per follower, RACK-
 * style: reordering alone does not trigger a resend). Every ack names the entry it answers, so
 * the round trip is sampled on every ack of an entry sent once (Karn) and includes the time the
 * entry waited in the follower's queue: a follower busy catching up gets a longer timeout instead
 * of resends piling up in its queue faster than it can apply them. Acks carry how many entries
 * are missing; a follower far behind (back from a crash or a partition) catches up through a
 * window of resent entries that is refilled as it applies them. A retransmission timer resends
 * what a follower has not acknowledged when it made no progress for one interval (a lost tail).
 * Followers trim their logs only up to the index every replica holds (carried on each append), as
 * the leader does, so a follower promoted by failover still holds every entry that another
 * follower, down or cut off at the time, will ask for when it returns.
 * Strategies differ only in when the leader answers the client: `ackAfter` followers must hold
 * the entry, with an optional timeout after which the leader answers anyway (semi-sync fallback).
 */
import type { ClientRequest, LogEntry, Message, NodeId, ReplicaContext, Replica, TimerHandle } from '../../harness/runtime/contract.js';

/** Leader → follower: one log entry to apply, and the index every replica holds (the follower may trim up to it). */
export interface AppendMsg extends Message {
  readonly type: 'append';
  readonly entry: LogEntry;
  readonly held: number;
}

/** Follower → leader: everything up to `index` is applied here; `missing` entries above it have not arrived (a selective-ack hint); `got` is the entry whose arrival this answers (0 for a probe); `term` is the leader term the follower knows. */
export interface AckMsg extends Message {
  readonly type: 'ack';
  readonly term: number;
  readonly index: number;
  readonly missing: number;
  readonly got: number;
}

/** When the leader answers a write. */
export interface CommitRule {
  /** Followers that must have applied a write before it is acknowledged (0 = at once). */
  readonly acks: number;
  /** After this many µs without enough acks, acknowledge anyway (semi-sync fallback); Infinity = wait. */
  readonly timeout: number;
  /** 'per-write': every write waits up to the timeout; 'switch': after a timeout the leader stays asynchronous until `acks` followers catch up (MySQL). */
  readonly fallback: 'per-write' | 'switch';
  /** Retransmission interval for unacknowledged entries, µs. */
  readonly retransmit: number;
}

interface PendingWrite {
  readonly req: ClientRequest;
  readonly entry: LogEntry;
  readonly deadline: number;
}

const OK = { status: 'ok' } as const;
const RETRANSMIT_TAG = 'retransmit';
const FALLBACK_TAG = 'fallback';
const RETRANSMIT_BATCH = 1024;
const FAST_BATCH = 256;
const DUP_ACKS = 3;
/** A gap larger than this is a follower catching up (it was down): resend a batch, not just the gap's first entry. */
const CATCH_UP_GAP = 64;
/** Recent entries whose send time the leader remembers (older ones count as old: resent without waiting). */
const SENT_RING = 1 << 12;
/** Entries per follower whose arrival the leader remembers (acks name the entry they answer). */
const GOT_RING = 1 << 12;

/** A replica that ships its log to followers and acknowledges writes by `rule`. */
export class LogShippingReplica implements Replica {
  private readonly match: number[];
  private readonly lastSeenMatch: number[];
  private readonly dupAcks: number[];
  /** Highest index resent to each follower (a batch is in flight up to here). */
  private readonly resentTo: number[];
  /** When each recent entry was last sent (ring indexed by log index; leaders only). */
  private readonly sentAt: Float64Array;
  /** Whether each recent entry was sent more than once (its acks are no round-trip samples: Karn). */
  private readonly resent: Uint8Array;
  /**
   * Per follower, the recent entries it reported receiving (ring of indices; an ack names the
   * entry whose arrival it answers): a selective-ack scoreboard, so resends skip entries that
   * already wait at the follower above a gap.
   */
  private readonly received: Int32Array[];
  /** Smoothed round trip to each follower and its mean deviation (RFC 6298), µs; NaN until the first sample. */
  private readonly srtt: number[];
  private readonly rttvar: number[];
  private readonly followerSlot = new Map<NodeId, number>();
  private readonly pending: PendingWrite[] = [];
  private pendingHead = 0;
  /** Consecutive retransmission intervals without progress, per follower. */
  private readonly stalls: number[];
  private retransmitTimer: TimerHandle | undefined;
  private fallbackTimer: TimerHandle | undefined;
  private asyncMode = false;
  /** The index every follower has applied (what the leader and its followers may trim). */
  private held = 0;

  /** Followers not heard from since this replica became (or, after a restart, again became) leader: their first ack resends their whole gap. */
  private readonly unsynced: boolean[];

  constructor(
    private readonly ctx: ReplicaContext,
    private readonly rule: CommitRule,
  ) {
    // A leader promoted by failover, or restarted after a crash too short to be detected, does not
    // know where its followers' logs end: it asks each of them (and resends nothing until told).
    const takesOver = ctx.isLeader && (ctx.log.term > 0 || ctx.log.lastIndex > 0);
    this.unsynced = ctx.followers.map(() => takesOver);
    // Only a leader sends entries; followers need none of the bookkeeping rings.
    this.sentAt = new Float64Array(ctx.isLeader ? SENT_RING : 0);
    this.resent = new Uint8Array(ctx.isLeader ? SENT_RING : 0);
    this.received = ctx.followers.map(() => new Int32Array(ctx.isLeader ? GOT_RING : 0));
    if (takesOver) for (const f of ctx.followers) ctx.send(f, { type: 'probe' });
    this.match = ctx.followers.map(() => 0);
    this.lastSeenMatch = ctx.followers.map(() => 0);
    this.stalls = ctx.followers.map(() => 0);
    this.dupAcks = ctx.followers.map(() => 0);
    this.resentTo = ctx.followers.map(() => 0);
    this.srtt = ctx.followers.map(() => NaN);
    this.rttvar = ctx.followers.map(() => 0);
    ctx.followers.forEach((f, i) => this.followerSlot.set(f, i));
  }

  onClientRequest(req: ClientRequest): void {
    const ctx = this.ctx;
    if (req.op === 'read') {
      ctx.reply(req, { status: 'ok', value: ctx.store.get(req.key) });
      return;
    }
    if (!ctx.isLeader) {
      ctx.reply(req, { status: 'failed', reason: 'not the leader' });
      return;
    }
    const entry = ctx.log.write(req);
    const followers = ctx.followers;
    for (let i = 0; i < followers.length; i++) ctx.send(followers[i]!, { type: 'append', entry, held: this.held } as AppendMsg, 'apply', entry.size);
    this.sentAt[entry.index & (SENT_RING - 1)] = ctx.now();
    this.resent[entry.index & (SENT_RING - 1)] = 0;
    this.armRetransmit();
    const rule = this.rule;
    if (rule.acks === 0 || this.asyncMode) {
      if (this.asyncMode) ctx.count('async_acks');
      ctx.reply(req, OK);
      return;
    }
    this.pending.push({ req, entry, deadline: ctx.now() + rule.timeout });
    if (rule.timeout !== Infinity && this.fallbackTimer === undefined) this.fallbackTimer = ctx.setTimer(rule.timeout, FALLBACK_TAG);
  }

  onMessage(from: NodeId, msg: Message): void {
    if (msg.type === 'append') {
      const log = this.ctx.log;
      const { entry, held } = msg as AppendMsg;
      const applied = log.append(entry);
      if (held > 0) log.trim(Math.min(held, applied));
      this.ctx.send(from, { type: 'ack', term: log.term, index: applied, missing: log.lastIndex - applied - log.waiting, got: entry.index } as AckMsg);
    } else if (msg.type === 'probe') {
      const log = this.ctx.log;
      this.ctx.send(from, { type: 'ack', term: log.term, index: log.lastApplied, missing: log.lastIndex - log.lastApplied - log.waiting, got: 0 } as AckMsg);
    } else if (msg.type === 'ack') {
      const ack = msg as AckMsg;
      // An ack from a replica in another term says nothing about this leader's log: a deposed
      // leader would count a newer leader's entries as its own (and trim what it must roll
      // back), and a new leader would count a not yet rolled-back replica's divergent entries.
      if (ack.term !== this.ctx.log.term) return;
      this.onAck(from, ack.index, ack.missing, ack.got);
    }
  }

  onTimer(tag: unknown): void {
    if (tag === RETRANSMIT_TAG) this.retransmit();
    else if (tag === FALLBACK_TAG) this.expire();
  }

  private onAck(from: NodeId, index: number, missing: number, got: number): void {
    const slot = this.followerSlot.get(from);
    if (slot === undefined || !this.ctx.isLeader) return;
    if (got > 0) this.received[slot]![got & (GOT_RING - 1)] = got;
    // Round-trip sample (send → the follower processed it → ack back) from the entry this ack
    // answers, unless it was sent more than once (Karn) or has left the ring.
    if (got > 0 && got + SENT_RING > this.ctx.log.lastIndex && this.resent[got & (SENT_RING - 1)] === 0) this.rttSample(slot, this.ctx.now() - this.sentAt[got & (SENT_RING - 1)]!);
    if (index < this.match[slot]!) return;
    if (this.unsynced[slot]) {
      this.unsynced[slot] = false;
      if (index < this.ctx.log.lastIndex) this.resend(slot, index + 1, Math.min(this.ctx.log.lastIndex, index + RETRANSMIT_BATCH));
    }
    if (index === this.match[slot]!) {
      // Duplicate ack: the follower holds a gap at index + 1 (of `missing` entries). Resend it
      // once it has been outstanding longer than the retransmission timeout; a gap younger than
      // that is most likely reordering.
      const d = ++this.dupAcks[slot]!;
      if (d >= DUP_ACKS && index < this.ctx.log.lastIndex && this.ctx.now() - this.sentAt[(index + 1) & (SENT_RING - 1)]! > this.rto(slot)) {
        this.resend(slot, index + 1, Math.min(this.ctx.log.lastIndex, index + (missing > CATCH_UP_GAP ? Math.min(missing, FAST_BATCH) : 1)), this.rto(slot));
      }
      return;
    }
    this.match[slot] = index;
    this.dupAcks[slot] = 0;
    this.catchUp(slot, index);
    this.commitReady();
    if (this.asyncMode && this.countAtLeast(this.ctx.log.lastIndex) >= this.rule.acks) this.asyncMode = false;
    let min = Infinity;
    for (const m of this.match) if (m < min) min = m;
    if (min > 0 && min > this.held) {
      this.held = min;
      this.ctx.log.trim(min);
    }
  }

  /**
   * A follower working through resent entries (index <= resentTo) gets the next part of the
   * leader's log beyond them once half the window has been applied, so at most RETRANSMIT_BATCH
   * resent entries wait in its queue. The leader's own log end decides what is beyond: when no
   * new writes arrive, the follower cannot know how far behind it is. Only entries sent longer
   * than a timeout ago and not reported received are resent (younger ones are most likely still
   * in flight).
   */
  private catchUp(slot: number, index: number): void {
    const resent = this.resentTo[slot]!;
    if (index > resent) return;
    const outstanding = resent - index;
    const last = this.ctx.log.lastIndex;
    const beyond = last - resent;
    if (beyond <= 0 || outstanding > RETRANSMIT_BATCH / 2) return;
    const from = resent + 1;
    if (from > last || (from + SENT_RING > last && this.ctx.now() - this.sentAt[from & (SENT_RING - 1)]! <= this.rto(slot))) return;
    this.resend(slot, from, Math.min(last, resent + Math.min(beyond, RETRANSMIT_BATCH / 2)), this.rto(slot));
  }

  /** Number of followers that hold every entry up to `index`. */
  private countAtLeast(index: number): number {
    let n = 0;
    for (const m of this.match) if (m >= index) n++;
    return n;
  }

  private commitReady(): void {
    const need = this.rule.acks;
    while (this.pendingHead < this.pending.length) {
      const head = this.pending[this.pendingHead]!;
      if (this.countAtLeast(head.entry.index) < need) break;
      this.pendingHead++;
      this.ctx.reply(head.req, OK);
    }
    this.compactPending();
  }

  /** Fallback timer: acknowledge every write past its deadline without enough acks. */
  private expire(): void {
    this.fallbackTimer = undefined;
    const now = this.ctx.now();
    while (this.pendingHead < this.pending.length) {
      const head = this.pending[this.pendingHead]!;
      if (head.deadline > now) break;
      this.pendingHead++;
      this.ctx.count('fallbacks');
      this.ctx.reply(head.req, OK);
      if (this.rule.fallback === 'switch') this.asyncMode = true;
    }
    if (this.asyncMode) {
      // MySQL semantics: everything still waiting is released and the leader runs asynchronously.
      while (this.pendingHead < this.pending.length) {
        const w = this.pending[this.pendingHead++]!;
        this.ctx.count('async_acks');
        this.ctx.reply(w.req, OK);
      }
    }
    this.compactPending();
    if (this.pendingHead < this.pending.length) {
      this.fallbackTimer = this.ctx.setTimer(this.pending[this.pendingHead]!.deadline - now, FALLBACK_TAG);
    }
  }

  private compactPending(): void {
    if (this.pendingHead === 0) return;
    if (this.pendingHead === this.pending.length) {
      this.pending.length = 0;
      this.pendingHead = 0;
    } else if (this.pendingHead > 1024 && this.pendingHead * 2 > this.pending.length) {
      this.pending.splice(0, this.pendingHead);
      this.pendingHead = 0;
    }
  }

  /** Retransmission timeout for a follower: srtt + 4·rttvar (RFC 6298), at most (and before the first sample) the timer interval. */
  private rto(slot: number): number {
    const srtt = this.srtt[slot]!;
    return srtt === srtt ? Math.min(srtt + 4 * this.rttvar[slot]!, this.rule.retransmit) : this.rule.retransmit;
  }

  private rttSample(slot: number, r: number): void {
    if (!(r >= 0)) return;
    const srtt = this.srtt[slot]!;
    if (srtt !== srtt) {
      this.srtt[slot] = r;
      this.rttvar[slot] = r / 2;
    } else {
      this.rttvar[slot] = 0.75 * this.rttvar[slot]! + 0.25 * Math.abs(srtt - r);
      this.srtt[slot] = 0.875 * srtt + 0.125 * r;
    }
  }

  /** Resends entries from..to to the follower in `slot`; with `minAge`, only those last sent longer ago than that (younger ones are most likely still in flight). */
  private resend(slot: number, from: number, to: number, minAge = 0): void {
    const ctx = this.ctx;
    const follower = ctx.followers[slot]!;
    const last = ctx.log.lastIndex;
    const now = ctx.now();
    const got = this.received[slot]!;
    let sent = 0;
    for (let idx = from; idx <= to; idx++) {
      if (minAge > 0 && idx + SENT_RING > last && now - this.sentAt[idx & (SENT_RING - 1)]! <= minAge) continue;
      if (got[idx & (GOT_RING - 1)] === idx) continue; // the follower has it (waiting above a gap)
      const entry = ctx.log.entry(idx);
      if (!entry) {
        // Only entries every follower holds are trimmed, so this is a bug, not a load condition;
        // resending around the hole would loop forever.
        throw new Error(`partition ${ctx.partition}: node ${follower} needs log entry ${idx}, which its leader (node ${ctx.node}) no longer holds`);
      }
      ctx.send(follower, { type: 'append', entry, held: this.held } as AppendMsg, 'apply', entry.size);
      this.sentAt[idx & (SENT_RING - 1)] = ctx.now();
      this.resent[idx & (SENT_RING - 1)] = 1;
      sent++;
    }
    this.resentTo[slot] = to;
    this.dupAcks[slot] = 0;
    if (sent > 0) ctx.count('retransmits', sent);
  }

  private armRetransmit(): void {
    if (this.retransmitTimer === undefined && this.ctx.followers.length > 0) {
      this.retransmitTimer = this.ctx.setTimer(this.rule.retransmit, RETRANSMIT_TAG);
    }
  }

  /** Resends unacknowledged entries to followers that made no progress during the last interval. */
  private retransmit(): void {
    this.retransmitTimer = undefined;
    const ctx = this.ctx;
    const last = ctx.log.lastIndex;
    let outstanding = false;
    for (let i = 0; i < this.match.length; i++) {
      const m = this.match[i]!;
      if (m >= last) continue;
      outstanding = true;
      if (m === this.lastSeenMatch[i]) {
        // No progress: resend, backing off exponentially (1, 2, 4, then every 8 intervals) so a
        // follower that is down does not cost a full batch every interval. A follower not heard
        // from since this leader took over is asked where its log ends instead (its log may end
        // anywhere, and what lies below this leader's trimmed log is never asked for).
        const stalls = ++this.stalls[i]!;
        if ((stalls & (stalls - 1)) === 0 || stalls % 8 === 0) {
          if (this.unsynced[i]) ctx.send(ctx.followers[i]!, { type: 'probe' });
          else this.resend(i, m + 1, Math.min(last, m + RETRANSMIT_BATCH));
        }
      } else this.stalls[i] = 0;
      this.lastSeenMatch[i] = m;
    }
    if (outstanding) this.armRetransmit();
  }
}

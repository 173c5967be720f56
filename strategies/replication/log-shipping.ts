/**
 * Leader–follower log shipping shared by the built-in strategies.
 *
 * The leader appends each write to its log and ships it to every follower; followers apply in
 * log order and answer with a cumulative acknowledgement (their lastApplied index, as Raft's
 * matchIndex). Lost messages are repaired as TCP does: duplicate acknowledgements reveal a gap
 * at a follower, and the missing entries are resent once they have been outstanding longer than
 * the smoothed round trip plus four deviations (RFC 6298's RTO, RACK-style: reordering alone
 * does not trigger a resend); acks carry how many entries are missing, so a follower that was
 * down gets the whole gap in one batch. A retransmission timer resends what a follower has not
 * acknowledged when it made no progress for one interval (a lost tail). Strategies differ
 * only in when the leader answers the client: `ackAfter` followers must hold the entry, with
 * an optional timeout after which the leader answers anyway (semi-sync fallback).
 */
import type { ClientRequest, LogEntry, Message, NodeId, ReplicaContext, Replica, TimerHandle } from '../../harness/runtime/types.js';

/** Leader → follower: one log entry to apply. */
export interface AppendMsg extends Message {
  readonly type: 'append';
  readonly entry: LogEntry;
}

/** Follower → leader: everything up to `index` is applied here; `missing` entries above it have not arrived (a selective-ack hint). */
export interface AckMsg extends Message {
  readonly type: 'ack';
  readonly index: number;
  readonly missing: number;
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

const RETRANSMIT_TAG = 'retransmit';
const FALLBACK_TAG = 'fallback';
const RETRANSMIT_BATCH = 1024;
const FAST_BATCH = 256;
const DUP_ACKS = 3;
const SENT_RING = 1 << 16;

/** A replica that ships its log to followers and acknowledges writes by `rule`. */
export class LogShippingReplica implements Replica {
  private readonly match: number[];
  private readonly lastSeenMatch: number[];
  private readonly dupAcks: number[];
  /** Highest index resent to each follower (a batch is in flight up to here). */
  private readonly resentTo: number[];
  /** When each recent entry was last sent (ring indexed by log index). */
  private readonly sentAt = new Float64Array(SENT_RING);
  /** Smoothed round trip and its mean deviation (RFC 6298), µs; NaN until the first sample. */
  private srtt = NaN;
  private rttvar = 0;
  private readonly followerSlot = new Map<NodeId, number>();
  private readonly pending: PendingWrite[] = [];
  private pendingHead = 0;
  private retransmitTimer: TimerHandle | undefined;
  private fallbackTimer: TimerHandle | undefined;
  private asyncMode = false;

  /** Followers not heard from since this replica became leader (their first ack resends their whole gap). */
  private readonly unsynced: boolean[];

  constructor(
    private readonly ctx: ReplicaContext,
    private readonly rule: CommitRule,
  ) {
    this.unsynced = ctx.followers.map(() => ctx.isLeader && ctx.store.term > 0);
    // A leader promoted by failover asks every follower where its log ends.
    if (ctx.isLeader && ctx.store.term > 0) for (const f of ctx.followers) ctx.send(f, { type: 'probe' });
    this.match = ctx.followers.map(() => 0);
    this.lastSeenMatch = ctx.followers.map(() => 0);
    this.dupAcks = ctx.followers.map(() => 0);
    this.resentTo = ctx.followers.map(() => 0);
    ctx.followers.forEach((f, i) => this.followerSlot.set(f, i));
  }

  onClientRequest(req: ClientRequest): void {
    const ctx = this.ctx;
    if (req.op === 'read') {
      ctx.reply(req, { status: 'ok', version: ctx.store.read(req.key) });
      return;
    }
    if (!ctx.isLeader) {
      ctx.reply(req, { status: 'failed', reason: 'not the leader' });
      return;
    }
    const entry = ctx.store.write(req.key, req.size);
    const followers = ctx.followers;
    for (let i = 0; i < followers.length; i++) ctx.send(followers[i]!, { type: 'append', entry } as AppendMsg, 'apply', entry.size);
    this.sentAt[entry.index & (SENT_RING - 1)] = ctx.now();
    this.armRetransmit();
    const rule = this.rule;
    if (rule.acks === 0 || this.asyncMode) {
      if (this.asyncMode) ctx.count('async_acks');
      ctx.reply(req, { status: 'ok', version: entry.version, index: entry.index });
      return;
    }
    this.pending.push({ req, entry, deadline: ctx.now() + rule.timeout });
    if (rule.timeout !== Infinity && this.fallbackTimer === undefined) this.fallbackTimer = ctx.setTimer(rule.timeout, FALLBACK_TAG);
  }

  onMessage(from: NodeId, msg: Message): void {
    if (msg.type === 'append') {
      const store = this.ctx.store;
      const applied = store.append((msg as AppendMsg).entry);
      this.ctx.send(from, { type: 'ack', index: applied, missing: store.lastIndex - applied - store.waiting } as AckMsg);
    } else if (msg.type === 'probe') {
      const store = this.ctx.store;
      this.ctx.send(from, { type: 'ack', index: store.lastApplied, missing: store.lastIndex - store.lastApplied - store.waiting } as AckMsg);
    } else if (msg.type === 'ack') {
      this.onAck(from, (msg as AckMsg).index, (msg as AckMsg).missing);
    }
  }

  onTimer(tag: unknown): void {
    if (tag === RETRANSMIT_TAG) this.retransmit();
    else if (tag === FALLBACK_TAG) this.expire();
  }

  private onAck(from: NodeId, index: number, missing: number): void {
    const slot = this.followerSlot.get(from);
    if (slot === undefined || index < this.match[slot]!) return;
    if (this.unsynced[slot]) {
      this.unsynced[slot] = false;
      if (index < this.ctx.store.lastIndex) this.resend(slot, index + 1, Math.min(this.ctx.store.lastIndex, index + RETRANSMIT_BATCH));
    }
    if (index === this.match[slot]!) {
      // Duplicate ack: the follower holds a gap at index + 1 (of `missing` entries). Resend it
      // once it has been outstanding longer than the retransmission timeout; a gap younger than
      // that is most likely reordering.
      const d = ++this.dupAcks[slot]!;
      if (d >= DUP_ACKS && index < this.ctx.store.lastIndex && this.ctx.now() - this.sentAt[(index + 1) & (SENT_RING - 1)]! > this.rto()) {
        this.resend(slot, index + 1, Math.min(this.ctx.store.lastIndex, index + Math.max(1, Math.min(missing, FAST_BATCH))));
      }
      return;
    }
    // Round-trip sample from the newly acknowledged entry, only when it was not resent (Karn)
    // and did not wait at the follower behind a gap (the ack advanced by exactly one).
    if (index === this.match[slot]! + 1 && index > this.resentTo[slot]!) this.rttSample(this.ctx.now() - this.sentAt[index & (SENT_RING - 1)]!);
    this.match[slot] = index;
    this.dupAcks[slot] = 0;
    this.commitReady();
    if (this.asyncMode && this.countAtLeast(this.ctx.store.lastIndex) >= this.rule.acks) this.asyncMode = false;
    let min = Infinity;
    for (const m of this.match) if (m < min) min = m;
    if (min > 0) this.ctx.store.trim(min);
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
      this.ctx.reply(head.req, { status: 'ok', version: head.entry.version, index: head.entry.index });
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
      this.ctx.reply(head.req, { status: 'ok', version: head.entry.version, index: head.entry.index });
      if (this.rule.fallback === 'switch') this.asyncMode = true;
    }
    if (this.asyncMode) {
      // MySQL semantics: everything still waiting is released and the leader runs asynchronously.
      while (this.pendingHead < this.pending.length) {
        const w = this.pending[this.pendingHead++]!;
        this.ctx.count('async_acks');
        this.ctx.reply(w.req, { status: 'ok', version: w.entry.version, index: w.entry.index });
      }
    }
    this.compactPending();
    if (this.pendingHead < this.pending.length) {
      this.fallbackTimer = this.ctx.setTimer(this.pending[this.pendingHead]!.deadline - now, FALLBACK_TAG);
    }
  }

  private compactPending(): void {
    if (this.pendingHead === this.pending.length) {
      this.pending.length = 0;
      this.pendingHead = 0;
    } else if (this.pendingHead > 1024 && this.pendingHead * 2 > this.pending.length) {
      this.pending.splice(0, this.pendingHead);
      this.pendingHead = 0;
    }
  }

  /** Retransmission timeout: srtt + 4·rttvar (RFC 6298), at most (and before the first sample) the timer interval. */
  private rto(): number {
    return this.srtt === this.srtt ? Math.min(this.srtt + 4 * this.rttvar, this.rule.retransmit) : this.rule.retransmit;
  }

  private rttSample(r: number): void {
    if (!(r >= 0)) return;
    if (this.srtt !== this.srtt) {
      this.srtt = r;
      this.rttvar = r / 2;
    } else {
      this.rttvar = 0.75 * this.rttvar + 0.25 * Math.abs(this.srtt - r);
      this.srtt = 0.875 * this.srtt + 0.125 * r;
    }
  }

  /** Resends entries from..to to the follower in `slot`. */
  private resend(slot: number, from: number, to: number): void {
    const ctx = this.ctx;
    const follower = ctx.followers[slot]!;
    let sent = 0;
    for (let idx = from; idx <= to; idx++) {
      const entry = ctx.store.entry(idx);
      if (!entry) continue;
      ctx.send(follower, { type: 'append', entry } as AppendMsg, 'apply', entry.size);
      this.sentAt[idx & (SENT_RING - 1)] = ctx.now();
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
    const last = ctx.store.lastIndex;
    let outstanding = false;
    for (let i = 0; i < this.match.length; i++) {
      const m = this.match[i]!;
      if (m >= last) continue;
      outstanding = true;
      if (m === this.lastSeenMatch[i]) this.resend(i, m + 1, Math.min(last, m + RETRANSMIT_BATCH));
      this.lastSeenMatch[i] = m;
    }
    if (outstanding) this.armRetransmit();
  }
}

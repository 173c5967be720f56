/**
 * Raft consensus (Ongaro & Ousterhout, "In Search of an Understandable Consensus Algorithm",
 * USENIX ATC 2014), following the paper's Figure 2, on the strategy contract's log.
 *
 * - State: `currentTerm` and `votedFor` live in ctx.durable and are written before a vote is
 *   answered or requested; the log is ctx.log (durable). Leaders append with `log.write(req,
 *   false)` (kept, not applied), followers `log.keep` entries after the prevLogIndex/prevLogTerm
 *   check, and every replica applies committed entries with `log.commit`.
 * - Elections: a randomized timeout in [electionTimeout, 2·electionTimeout) from ctx.random;
 *   RequestVote with the up-to-date check (§5.4.1); any higher term makes a replica a follower.
 *   A replica that heard from a leader less than electionTimeout ago ignores RequestVote (the
 *   dissertation's §4.2.3 rule against disruptive servers, which lease reads rely on), and a
 *   restarted replica counts its restart as such contact. A leader that has not heard from a
 *   majority for electionTimeout steps down (CheckQuorum, dissertation §6.2). With `preVote` (the
 *   default; dissertation §9.6) a replica first asks whether a majority would vote for it and
 *   raises its term only then, so a replica cut off in a minority does not depose a working leader
 *   when it returns (Figure 2 alone: `preVote: false`). The winner announces
 *   itself with ctx.setView; the harness never promotes or rolls back. At the very first start
 *   replicas[0] (the harness's initial leader) campaigns at once, so the cluster has a leader
 *   after one round trip instead of one election timeout.
 * - Replication: AppendEntries carries the entries from nextIndex (at most `batch` per message,
 *   at most `window` unacknowledged per follower) on every new write and whenever an
 *   acknowledgement opens the window; empty ones go out every `heartbeat`. A rejection moves
 *   nextIndex back past the follower's conflicting term (§5.3's optimisation) and probes until
 *   the logs match. A follower that made no progress for a heartbeat interval while entries were
 *   outstanding gets an in-stream marker; if the marker comes back with entries still missing
 *   (lost on a broken link or in a partition), they are resent.
 * - Clients: a replica that does not lead redirects a request to the leader it knows; knowing
 *   none (during an election) it holds the request (up to 4,096) until it learns of one.
 * - Commit: an index is committed when a majority holds it and its entry is of the leader's term
 *   (§5.4.2); the leader then applies it and answers its clients. A leader that steps down answers
 *   nobody: its clients time out (Raft without client sessions), and a new leader never answers
 *   an earlier leader's requests.
 * - No-op entries: the harness's log only carries client writes, so a new leader cannot commit
 *   the paper's blank entry; it knows its commit index once the first write of its term commits
 *   (or at once if its whole log was already applied). Leader reads wait until then.
 * - Reads: `lease` serves at the leader while a majority acknowledged a message it sent less than
 *   electionTimeout ago (otherwise as `read-index`); `read-index` waits until a majority has
 *   acknowledged a message sent after the read arrived (the leader applies at commit, so its
 *   commit index at arrival is already applied); `follower` answers from what the replica reached
 *   has applied (may be stale). The simulation has no clock drift, so the lease needs no margin.
 * - Trimming: the leader trims its log up to what every replica holds (and has committed) and
 *   tells followers to do the same; the term of the last trimmed entry is kept in ctx.durable.
 * - Cost model: each AppendEntries that carries entries costs its receiver one `apply` service
 *   time, whatever the batch size (in steady state each write travels alone; batches form while
 *   a follower catches up).
 *
 * Longer than most modules on purpose: a replication family is one file (a user can load it from
 * a path), so elections, log repair, commit and the read modes live together.
 *
 * Longer than most modules on purpose: a replication family is one file (a user can load it from
 * a path), so elections, replication and repair, commit and the three read modes live together.
 */
import { z } from 'zod';
import { positiveDurationParam, type ClientRequest, type LogEntry, type Message, type NodeId, type Replica, type ReplicaContext, type StrategyDefinition, type TimerHandle } from '../../harness/runtime/contract.js';

const params = z.strictObject({
  electionTimeout: positiveDurationParam.default(150_000),
  heartbeat: positiveDurationParam.default(50_000),
  reads: z.enum(['lease', 'read-index', 'follower']).default('read-index'),
  batch: z.number().int().min(1).default(64),
  window: z.number().int().min(1).default(1024),
  preVote: z.boolean().default(true),
});

/** The `raft` strategy's parameters (durations in µs). */
export type RaftParams = z.infer<typeof params>;

/** AppendEntries (also the heartbeat, a probe, and an in-stream marker). */
interface AppendEntries extends Message {
  readonly type: 'ae';
  readonly term: number;
  readonly prev: number;
  readonly prevTerm: number;
  readonly entries: readonly LogEntry[];
  /** The leader's commit index. */
  readonly commit: number;
  /** Every replica holds (and the leader committed) the entries up to here: the receiver may trim them. */
  readonly trim: number;
  /** When the leader sent it (echoed: leadership confirmation for reads). */
  readonly at: number;
  /** The leader's resend generation for this follower (rejections of an older one are stale). */
  readonly gen: number;
  /** A marker (> 0): the leader had sent this follower entries up to here; the reply tells whether they all arrived. */
  readonly mark: number;
}

/** The answer to AppendEntries. */
interface AppendReply extends Message {
  readonly type: 'aer';
  readonly term: number;
  readonly ok: boolean;
  /** ok: the follower's log matches the leader's up to here. */
  readonly match: number;
  /** Rejected: where the leader should try next (the first index of the conflicting term, or the end of the follower's log). */
  readonly hint: number;
  readonly at: number;
  readonly gen: number;
  readonly mark: number;
}

/** RequestVote. */
interface RequestVote extends Message {
  readonly type: 'rv';
  readonly term: number;
  readonly lastIndex: number;
  readonly lastTerm: number;
}

/** The answer to RequestVote. */
interface VoteReply extends Message {
  readonly type: 'rvr';
  readonly term: number;
  readonly granted: boolean;
}

/** PreVote: would the receiver vote for this replica in `term` (its current term + 1)? Changes nobody's state. */
interface PreVote extends Message {
  readonly type: 'pv';
  readonly term: number;
  readonly lastIndex: number;
  readonly lastTerm: number;
}

/** The answer to PreVote, with the receiver's own term. */
interface PreVoteReply extends Message {
  readonly type: 'pvr';
  /** The term the pre-vote was for. */
  readonly term: number;
  /** The receiver's current term. */
  readonly current: number;
  readonly granted: boolean;
}

/** What a replica keeps in ctx.durable. */
interface RaftDurable {
  term?: number;
  votedFor?: NodeId | null;
  /** Entries up to `base` are trimmed; `baseTerm` is the term of entry `base`. */
  base?: number;
  baseTerm?: number;
  /** Set at the first start (a restart is not the first start). */
  started?: boolean;
}

interface PendingRead {
  readonly req: ClientRequest;
  readonly at: number;
}

const FOLLOWER = 0;
const CANDIDATE = 1;
const LEADER = 2;
/** A follower asking for pre-votes (its term unchanged). */
const PRE_CANDIDATE = 3;
const OK = { status: 'ok' } as const;
const NO_LEADER = { status: 'failed', reason: 'no leader' } as const;
const ELECTION = 'election';
const HEARTBEAT = 'heartbeat';
/** Requests a replica holds while it knows no leader (beyond: failed at once). */
const MAX_PARKED = 4096;
/** The leader trims its log in steps of at least this many entries. */
const TRIM_STEP = 64;
const EMPTY: readonly LogEntry[] = [];

/** One Raft replica. */
class RaftReplica implements Replica {
  private readonly d: RaftDurable;
  private readonly peers: readonly NodeId[];
  private readonly slot = new Map<NodeId, number>();
  private readonly majority: number;
  private role = FOLLOWER;
  private leaderId: NodeId | null = null;
  /** When this replica last heard from its leader (or restarted): it ignores RequestVote for electionTimeout after. */
  private leaderContact: number;
  /** The election timer counts from here; `delay` is this round's randomized timeout. */
  private timerBase: number;
  private delay = 0;
  private electionTimer: TimerHandle | undefined;
  private voters = 0;
  /** Follower: its log matches the current leader's up to here (this term, this incarnation). */
  private matched = 0;
  private parked: ClientRequest[] = [];

  // Leader state (reset at every election won).
  private readonly next: number[];
  private readonly match: number[];
  private readonly synced: boolean[];
  private readonly gen: number[];
  private readonly ackAt: number[];
  private readonly matchAtTick: number[];
  private readonly scratch: Float64Array;
  /** The send time of the latest message a majority (leader included) acknowledged in this term. */
  private quorumAck = -Infinity;
  private leaderSince = 0;
  /** The leader's log end when it was elected: its commit index is known once that is applied. */
  private electionLast = 0;
  /** What every replica holds and the leader committed (trimmed up to here, told to followers). */
  private held = 0;
  private heartbeatTimer: TimerHandle | undefined;
  /** Send time of the latest round of messages to every follower. */
  private roundAt = -Infinity;
  private writes: { req: ClientRequest; index: number }[] = [];
  private writesHead = 0;
  private reads: PendingRead[] = [];
  private readsHead = 0;
  private cache: { from: number; to: number; entries: readonly LogEntry[]; bytes: number } = { from: 0, to: -1, entries: EMPTY, bytes: 0 };

  constructor(
    private readonly ctx: ReplicaContext,
    private readonly p: RaftParams,
  ) {
    this.d = ctx.durable as RaftDurable;
    this.peers = ctx.replicas.filter((n) => n !== ctx.node);
    this.peers.forEach((n, i) => this.slot.set(n, i));
    this.majority = Math.floor(ctx.replicas.length / 2) + 1;
    const k = this.peers.length;
    this.next = new Array<number>(k).fill(1);
    this.match = new Array<number>(k).fill(0);
    this.synced = new Array<boolean>(k).fill(false);
    this.gen = new Array<number>(k).fill(0);
    this.ackAt = new Array<number>(k).fill(-Infinity);
    this.matchAtTick = new Array<number>(k).fill(0);
    this.scratch = new Float64Array(k);
    const now = ctx.now();
    // A restarted replica may have acknowledged a leader just before it crashed: it waits an
    // election timeout before voting, as if it had just heard from that leader.
    this.leaderContact = this.d.started ? now : -Infinity;
    this.timerBase = now;
  }

  onStart(): void {
    const first = !this.d.started;
    this.d.started = true;
    this.d.term ??= 0;
    this.d.votedFor ??= null;
    this.ctx.log.setTerm(this.d.term);
    if (first && this.ctx.node === this.ctx.replicas[0]) this.startElection();
    else this.armElection(true);
  }

  private get term(): number {
    return this.d.term!;
  }

  // --- Clients ---------------------------------------------------------------------------------

  onClientRequest(req: ClientRequest): void {
    const ctx = this.ctx;
    if (req.op === 'read' && this.p.reads === 'follower') {
      ctx.reply(req, { status: 'ok', value: ctx.store.get(req.key) });
      return;
    }
    if (this.role !== LEADER) {
      this.notLeader(req);
      return;
    }
    if (req.op === 'read') {
      const now = ctx.now();
      if (this.p.reads === 'lease' && this.ready() && now < this.quorumAck + this.p.electionTimeout) {
        ctx.count('lease_reads');
        ctx.reply(req, { status: 'ok', value: ctx.store.get(req.key) });
        return;
      }
      this.reads.push({ req, at: now });
      this.serveReads();
      return;
    }
    const entry = ctx.log.write(req, false);
    this.writes.push({ req, index: entry.index });
    for (let i = 0; i < this.peers.length; i++) this.pump(i);
    if (this.peers.length === 0) {
      this.advanceCommit();
      this.serveReads();
    }
  }

  /** A request reached a replica that does not lead: redirect it to the leader it knows, or hold it until one is known. */
  private notLeader(req: ClientRequest): void {
    if (this.leaderId !== null && this.leaderId !== this.ctx.node) this.ctx.reply(req, { status: 'failed', reason: 'not the leader', redirect: this.leaderId });
    else if (this.parked.length < MAX_PARKED) this.parked.push(req);
    else this.ctx.reply(req, NO_LEADER);
  }

  /** The held requests go to the leader now known (or are handled here, if this replica leads). */
  private releaseParked(): void {
    if (this.parked.length === 0) return;
    const held = this.parked;
    this.parked = [];
    for (const req of held) this.onClientRequest(req);
  }

  // --- Messages --------------------------------------------------------------------------------

  onMessage(from: NodeId, msg: Message): void {
    switch (msg.type) {
      case 'ae':
        this.onAppend(from, msg as AppendEntries);
        break;
      case 'aer':
        this.onAppendReply(from, msg as AppendReply);
        break;
      case 'rv':
        this.onRequestVote(from, msg as RequestVote);
        break;
      case 'rvr':
        this.onVoteReply(from, msg as VoteReply);
        break;
      case 'pv':
        this.onPreVote(from, msg as PreVote);
        break;
      case 'pvr':
        this.onPreVoteReply(from, msg as PreVoteReply);
        break;
    }
  }

  onTimer(tag: unknown): void {
    if (tag === ELECTION) {
      this.electionTimer = undefined;
      if (this.role === LEADER) return;
      const due = this.timerBase + this.delay;
      if (this.ctx.now() >= due) {
        if (this.p.preVote && this.majority > 1) this.startPreVote();
        else this.startElection();
      }
      else this.electionTimer = this.ctx.setTimer(due - this.ctx.now(), ELECTION);
    } else if (tag === HEARTBEAT) {
      this.heartbeatTimer = undefined;
      if (this.role === LEADER) this.tick();
    }
  }

  /** A higher term: adopt it and follow (Figure 2, "Rules for Servers"). */
  private adoptTerm(term: number): void {
    this.d.term = term;
    this.d.votedFor = null;
    this.ctx.log.setTerm(term);
    this.leaderId = null;
    this.matched = 0;
    this.becomeFollower();
  }

  private becomeFollower(): void {
    if (this.role === LEADER) {
      // Unanswered writes stay unanswered (their clients time out); reads wait for a leader.
      this.writes = [];
      this.writesHead = 0;
      for (let i = this.readsHead; i < this.reads.length; i++) this.notLeader(this.reads[i]!.req);
      this.reads = [];
      this.readsHead = 0;
      if (this.heartbeatTimer) this.ctx.cancelTimer(this.heartbeatTimer);
      this.heartbeatTimer = undefined;
      this.timerBase = this.ctx.now();
    }
    this.role = FOLLOWER;
    this.armElection(false);
  }

  // --- Elections -------------------------------------------------------------------------------

  /** Makes sure the election timer runs; `redraw` draws a new randomized timeout. */
  private armElection(redraw: boolean): void {
    if (redraw || this.delay === 0) this.delay = this.p.electionTimeout * (1 + this.ctx.random.next());
    if (this.electionTimer === undefined) this.electionTimer = this.ctx.setTimer(Math.max(0, this.timerBase + this.delay - this.ctx.now()), ELECTION);
  }

  /**
   * PreVote (dissertation §9.6): before raising its term, a replica asks whether a majority would
   * vote for it; a replica cut off in a minority therefore never raises its term, and does not
   * depose a working leader when it returns.
   */
  private startPreVote(): void {
    const ctx = this.ctx;
    this.role = PRE_CANDIDATE;
    this.leaderId = null;
    this.voters = 0;
    this.timerBase = ctx.now();
    this.armElection(true);
    const log = ctx.log;
    const ask: PreVote = { type: 'pv', term: this.term + 1, lastIndex: log.lastIndex, lastTerm: this.termOf(log.lastIndex) };
    for (const n of this.peers) ctx.send(n, ask);
  }

  private onPreVote(from: NodeId, m: PreVote): void {
    const ctx = this.ctx;
    const now = ctx.now();
    const sticky = this.role === LEADER ? now < this.quorumAck + this.p.electionTimeout : now - this.leaderContact < this.p.electionTimeout;
    const log = ctx.log;
    const myLastTerm = this.termOf(log.lastIndex);
    const upToDate = m.lastTerm > myLastTerm || (m.lastTerm === myLastTerm && m.lastIndex >= log.lastIndex);
    ctx.send(from, { type: 'pvr', term: m.term, current: this.term, granted: m.term > this.term && !sticky && upToDate } as PreVoteReply);
  }

  private onPreVoteReply(from: NodeId, m: PreVoteReply): void {
    if (m.current > this.term && !m.granted) {
      this.adoptTerm(m.current);
      return;
    }
    if (this.role !== PRE_CANDIDATE || m.term !== this.term + 1 || !m.granted) return;
    this.voters |= 1 << this.slot.get(from)!;
    let votes = 1;
    for (let v = this.voters; v !== 0; v &= v - 1) votes++;
    if (votes >= this.majority) this.startElection();
  }

  private startElection(): void {
    const ctx = this.ctx;
    this.d.term = this.term + 1;
    this.d.votedFor = ctx.node;
    ctx.log.setTerm(this.term);
    ctx.count('elections');
    this.role = CANDIDATE;
    this.leaderId = null;
    this.matched = 0;
    this.voters = 0;
    this.timerBase = ctx.now();
    this.armElection(true);
    if (this.majority <= 1) {
      this.becomeLeader();
      return;
    }
    const log = ctx.log;
    const vote: RequestVote = { type: 'rv', term: this.term, lastIndex: log.lastIndex, lastTerm: this.termOf(log.lastIndex) };
    for (const n of this.peers) ctx.send(n, vote);
  }

  private onRequestVote(from: NodeId, m: RequestVote): void {
    const ctx = this.ctx;
    const now = ctx.now();
    if (m.term > this.term) {
      // A replica with a live leader (or a leader with a live majority) ignores the request.
      const sticky = this.role === LEADER ? now < this.quorumAck + this.p.electionTimeout : now - this.leaderContact < this.p.electionTimeout;
      if (sticky) {
        ctx.send(from, { type: 'rvr', term: this.term, granted: false } as VoteReply);
        return;
      }
      this.adoptTerm(m.term);
    }
    const log = ctx.log;
    const myLastTerm = this.termOf(log.lastIndex);
    const upToDate = m.lastTerm > myLastTerm || (m.lastTerm === myLastTerm && m.lastIndex >= log.lastIndex);
    const granted = m.term === this.term && (this.d.votedFor === null || this.d.votedFor === from) && upToDate;
    if (granted) {
      this.d.votedFor = from; // durable before the answer leaves
      this.timerBase = now;
    }
    ctx.send(from, { type: 'rvr', term: this.term, granted } as VoteReply);
  }

  private onVoteReply(from: NodeId, m: VoteReply): void {
    if (m.term > this.term) {
      this.adoptTerm(m.term);
      return;
    }
    if (this.role !== CANDIDATE || m.term !== this.term || !m.granted) return;
    this.voters |= 1 << this.slot.get(from)!;
    let votes = 1;
    for (let v = this.voters; v !== 0; v &= v - 1) votes++;
    if (votes >= this.majority) this.becomeLeader();
  }

  private becomeLeader(): void {
    const ctx = this.ctx;
    const now = ctx.now();
    this.role = LEADER;
    this.leaderId = ctx.node;
    ctx.log.setTerm(this.term);
    const last = ctx.log.lastIndex;
    for (let i = 0; i < this.peers.length; i++) {
      this.next[i] = last + 1;
      this.match[i] = 0;
      this.synced[i] = false;
      this.gen[i] = 0;
      this.ackAt[i] = -Infinity;
      this.matchAtTick[i] = 0;
    }
    this.quorumAck = this.peers.length === 0 ? Infinity : -Infinity;
    this.leaderSince = now;
    this.electionLast = last;
    this.held = this.d.base ?? 0;
    this.roundAt = -Infinity;
    this.cache = { from: 0, to: -1, entries: EMPTY, bytes: 0 };
    if (this.electionTimer) ctx.cancelTimer(this.electionTimer);
    this.electionTimer = undefined;
    ctx.setView({ leader: ctx.node, term: this.term });
    this.round();
    this.heartbeatTimer = ctx.setTimer(this.p.heartbeat, HEARTBEAT);
    this.releaseParked();
  }

  // --- Replication: leader -----------------------------------------------------------------------

  /** The heartbeat: CheckQuorum, then a message to every follower (a marker to a stalled one). */
  private tick(): void {
    const ctx = this.ctx;
    const now = ctx.now();
    if (now - Math.max(this.quorumAck, this.leaderSince) > this.p.electionTimeout) {
      ctx.count('stepped_down');
      this.leaderId = null;
      this.becomeFollower();
      return;
    }
    this.roundAt = now;
    for (let i = 0; i < this.peers.length; i++) {
      const stalled = this.synced[i]! && this.match[i]! < this.next[i]! - 1 && this.match[i] === this.matchAtTick[i];
      this.matchAtTick[i] = this.match[i]!;
      this.sendAppend(i, this.synced[i] ? this.match[i]! : this.next[i]! - 1, 1, 0, stalled ? this.next[i]! - 1 : 0);
    }
    this.heartbeatTimer = ctx.setTimer(this.p.heartbeat, HEARTBEAT);
  }

  /** An empty AppendEntries to every follower now (a read's leadership confirmation, or a new leader's first). */
  private round(): void {
    this.roundAt = this.ctx.now();
    for (let i = 0; i < this.peers.length; i++) this.sendAppend(i, this.synced[i] ? this.match[i]! : this.next[i]! - 1, 1, 0, 0);
  }

  /** Sends follower `i` the entries from its nextIndex, in batches, while its window has room. */
  private pump(i: number): void {
    if (!this.synced[i]) return;
    const last = this.ctx.log.lastIndex;
    const { batch, window } = this.p;
    while (this.next[i]! <= last && this.next[i]! - 1 - this.match[i]! < window) {
      const from = this.next[i]!;
      const to = Math.min(last, from + batch - 1, this.match[i]! + window);
      this.sendAppend(i, from - 1, from, to, 0);
      this.next[i] = to + 1;
    }
  }

  /** AppendEntries to follower `i`: prev, the entries from..to (none when from > to), a marker. */
  private sendAppend(i: number, prev: number, from: number, to: number, mark: number): void {
    const ctx = this.ctx;
    let entries = EMPTY;
    let bytes = 0;
    if (from <= to) {
      const c = this.cache;
      if (c.from !== from || c.to !== to) {
        const list: LogEntry[] = [];
        for (let idx = from; idx <= to; idx++) {
          const e = ctx.log.entry(idx);
          if (!e) throw new Error(`raft: partition ${ctx.partition}: node ${this.peers[i]} needs log entry ${idx}, which its leader (node ${ctx.node}) no longer holds`);
          list.push(e);
          bytes += e.size;
        }
        this.cache = { from, to, entries: list, bytes };
      }
      entries = this.cache.entries;
      bytes = this.cache.bytes;
    }
    const msg: AppendEntries = { type: 'ae', term: this.term, prev, prevTerm: this.termOf(prev), entries, commit: ctx.log.lastApplied, trim: this.held, at: ctx.now(), gen: this.gen[i]!, mark };
    ctx.send(this.peers[i]!, msg, entries.length > 0 || mark > 0 ? 'apply' : 'none', bytes);
  }

  private onAppendReply(from: NodeId, m: AppendReply): void {
    if (m.term > this.term) {
      this.adoptTerm(m.term);
      return;
    }
    if (this.role !== LEADER || m.term !== this.term) return;
    const i = this.slot.get(from)!;
    if (m.at > this.ackAt[i]!) {
      this.ackAt[i] = m.at;
      this.quorumAck = this.kth(this.ackAt);
    }
    if (m.ok) {
      if (m.match > this.match[i]!) this.match[i] = m.match;
      if (!this.synced[i]) this.synced[i] = true;
      if (this.next[i]! <= this.match[i]!) this.next[i] = this.match[i]! + 1;
      if (m.mark > 0 && m.gen === this.gen[i] && this.match[i]! < m.mark) {
        // Entries sent before the marker never arrived: send them again.
        this.ctx.count('resent', this.next[i]! - 1 - this.match[i]!);
        this.gen[i]!++;
        this.next[i] = this.match[i]! + 1;
      }
      this.advanceCommit();
      this.pump(i);
    } else if (m.gen === this.gen[i]) {
      // The logs differ at prev: back off past the follower's conflicting term and probe.
      this.ctx.count('mismatches');
      this.gen[i]!++;
      this.synced[i] = false;
      this.next[i] = Math.max(this.match[i]! + 1, (this.d.base ?? 0) + 1, Math.min(this.next[i]! - 1, m.hint));
      this.sendAppend(i, this.next[i]! - 1, 1, 0, 0);
    }
    this.serveReads();
  }

  /** The (majority − 1)-th largest of the followers' values: what a majority, the leader included, has reached. */
  private kth(values: readonly number[]): number {
    const need = this.majority - 1;
    if (need === 0) return Infinity;
    const s = this.scratch;
    for (let i = 0; i < values.length; i++) s[i] = values[i]!;
    s.sort();
    return s[s.length - need]!;
  }

  /** Figure 2: commit the highest index a majority holds if its entry is of this term; answer its clients; trim. */
  private advanceCommit(): void {
    const log = this.ctx.log;
    const n = Math.min(log.lastIndex, this.kth(this.match));
    if (n <= log.lastApplied || this.termOf(n) !== this.term) return;
    log.commit(n);
    const writes = this.writes;
    while (this.writesHead < writes.length && writes[this.writesHead]!.index <= n) this.ctx.reply(writes[this.writesHead++]!.req, OK);
    if (this.writesHead === writes.length) {
      writes.length = 0;
      this.writesHead = 0;
    } else if (this.writesHead > 1024 && this.writesHead * 2 > writes.length) {
      writes.splice(0, this.writesHead);
      this.writesHead = 0;
    }
    let min = log.lastApplied;
    for (const v of this.match) if (v < min) min = v;
    if (min >= this.held + TRIM_STEP) {
      this.held = min;
      this.trimTo(min);
    }
  }

  /** Answers the waiting leader reads whose leadership confirmation is in; starts a new round for the rest. */
  private serveReads(): void {
    if (this.readsHead === this.reads.length || this.role !== LEADER || !this.ready()) return;
    const ctx = this.ctx;
    const reads = this.reads;
    while (this.readsHead < reads.length && reads[this.readsHead]!.at <= this.quorumAck) {
      const r = reads[this.readsHead++]!;
      ctx.reply(r.req, { status: 'ok', value: ctx.store.get(r.req.key) });
    }
    if (this.readsHead === reads.length) {
      reads.length = 0;
      this.readsHead = 0;
      return;
    }
    // One confirmation round in flight at a time: reads that arrived after it wait for the next.
    if (this.roundAt < reads[this.readsHead]!.at && this.quorumAck >= this.roundAt) {
      ctx.count('read_rounds');
      this.round();
    }
    if (this.readsHead > 1024 && this.readsHead * 2 > reads.length) {
      reads.splice(0, this.readsHead);
      this.readsHead = 0;
    }
  }

  /** Whether this leader knows its commit index (its log as elected is applied). */
  private ready(): boolean {
    return this.ctx.log.lastApplied >= this.electionLast;
  }

  // --- Replication: follower ---------------------------------------------------------------------

  private onAppend(from: NodeId, m: AppendEntries): void {
    const ctx = this.ctx;
    const log = ctx.log;
    if (m.term < this.term) {
      ctx.send(from, { type: 'aer', term: this.term, ok: false, match: 0, hint: 0, at: m.at, gen: m.gen, mark: m.mark } as AppendReply);
      return;
    }
    if (m.term > this.term) this.adoptTerm(m.term);
    else if (this.role !== FOLLOWER) this.becomeFollower();
    const now = ctx.now();
    this.leaderContact = now;
    this.timerBase = now;
    if (this.leaderId !== from) {
      this.leaderId = from;
      this.releaseParked();
    }
    const prev = m.prev;
    let hint = 0;
    if (prev > log.lastApplied) {
      if (prev > log.lastIndex) hint = log.lastIndex + 1;
      else {
        const t = log.termAt(prev);
        if (t !== m.prevTerm) {
          // §5.3: the first index of the conflicting term (committed entries never conflict).
          hint = prev;
          while (hint - 1 > log.lastApplied && log.termAt(hint - 1) === t) hint--;
        }
      }
    }
    if (hint > 0) {
      ctx.send(from, { type: 'aer', term: this.term, ok: false, match: 0, hint, at: m.at, gen: m.gen, mark: m.mark } as AppendReply);
      return;
    }
    const entries = m.entries;
    for (let k = 0; k < entries.length; k++) {
      const e = entries[k]!;
      if (e.index > log.lastApplied) log.keep(e);
    }
    const upTo = prev + entries.length;
    if (upTo > this.matched) this.matched = upTo;
    if (m.commit > log.lastApplied) log.commit(Math.min(m.commit, this.matched));
    if (m.trim > (this.d.base ?? 0)) this.trimTo(Math.min(m.trim, log.lastApplied));
    ctx.send(from, { type: 'aer', term: this.term, ok: true, match: this.matched, hint: 0, at: m.at, gen: m.gen, mark: m.mark } as AppendReply);
  }

  // --- Log helpers -------------------------------------------------------------------------------

  /** The term of entry `i` (0 for index 0), including the last trimmed one. */
  private termOf(i: number): number {
    if (i === 0) return 0;
    const t = this.ctx.log.termAt(i);
    if (t !== undefined) return t;
    if (i === this.d.base) return this.d.baseTerm!;
    throw new Error(`raft: partition ${this.ctx.partition}: node ${this.ctx.node} needs the term of log entry ${i}, which is trimmed`);
  }

  /** Drops the log up to `i` (every replica holds it and it is applied here), remembering the term of entry `i`. */
  private trimTo(i: number): void {
    const base = this.d.base ?? 0;
    if (i <= base) return;
    const t = this.termOf(i);
    this.ctx.log.trim(i);
    this.d.base = i;
    this.d.baseTerm = t;
  }
}

/** The `raft` strategy. */
export const raftStrategy: StrategyDefinition<RaftParams> = {
  name: 'raft',
  description: 'Raft consensus: own elections (randomized timeouts, terms, durable votes), majority commit of current-term entries; reads by lease, read-index or from followers',
  params,
  check: (p) => {
    const problems: { path: string[]; message: string }[] = [];
    if (p.heartbeat >= p.electionTimeout) problems.push({ path: ['heartbeat'], message: `must be shorter than electionTimeout (${p.electionTimeout / 1000} ms), or followers start elections under a live leader` });
    if (p.window < p.batch) problems.push({ path: ['window'], message: `must be at least batch (${p.batch})` });
    return problems;
  },
  traits: (p, cluster) => ({ view: 'strategy', writes: 'leader', order: 'counter', reads: p.reads === 'follower' ? 'any' : 'leader', waitsForFollowers: cluster.replicationFactor > 1 }),
  create: (ctx, p) => new RaftReplica(ctx, p),
};

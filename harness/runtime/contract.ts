/**
 * The strategy contract (v2): what a replication strategy sees (ReplicaContext) and what it
 * implements (Replica, StrategyDefinition). Strategies never read a clock, never call
 * Math.random and never touch another replica's memory; everything goes through the context,
 * so the same file runs in the deterministic simulator or in a live runtime. Any replication
 * family fits: single leader, leaderless quorums, chains, consensus with its own elections,
 * multi-leader. See docs/architecture.md for the semantics.
 */
import { z } from 'zod';
import { parseDuration } from './duration.js';

/** A node's index in the cluster, 0-based. */
export type NodeId = number;

/** A write's id, unique per client write and given by the harness; 0 is the initial load of every key. */
export type WriteId = number;

/** A version of a key: a number for the `counter` and `lww` orders, a version vector (one counter per node) for `vector`. */
export type Version = number | readonly number[];

/** What a replica holds for a key: the write and its version. */
export interface Held {
  readonly writeId: WriteId;
  readonly version: Version;
}

/** What a read returns: the held write, or several siblings (concurrent versions, `vector` order). */
export type ReadValue = Held | readonly Held[];

/** A client request: frozen plain data that may travel in messages; any replica of the partition may answer it. */
export interface ClientRequest {
  /** Unique id of this request (a read-modify-write's read and write are two requests). */
  readonly id: number;
  readonly op: 'read' | 'write';
  readonly key: number;
  /** Bytes of value data a write carries (0 for reads). */
  readonly size: number;
  /** The write's id (writes); 0 for reads. */
  readonly writeId: WriteId;
  /** The client session that issued it: the closed-loop client's index, or -1 for an open-loop arrival. */
  readonly client: number;
}

/** What a replica answers a client with. */
export type ReplyResult =
  /** A write: acknowledged (its commit). A read: `value` is what was read. */
  | { readonly status: 'ok'; readonly value?: ReadValue }
  /** Failed; with `redirect` the client resends the request to that node instead (at most 3 times). */
  | { readonly status: 'failed'; readonly reason: string; readonly redirect?: NodeId };

/** A message between replicas: plain data with a `type` tag. */
export interface Message {
  readonly type: string;
}

/** Work that a message costs its receiver, drawn from the node's service-time model. */
export type Work = 'apply' | 'write' | 'read' | 'none';

/** A scheduled timer, returned by setTimer so it can be cancelled. */
export interface TimerHandle {
  readonly tag: unknown;
  cancelled: boolean;
}

/** The order a strategy's versions follow. */
export type VersionOrder = 'counter' | 'lww' | 'vector';

/**
 * A replica's durable key store: per key the write it holds and that write's version. Every
 * change is reported to the metrics recorder by the harness.
 */
export interface KeyStore {
  /** The version order of this store. */
  readonly order: VersionOrder;
  /** What this replica holds for `key` (the first sibling under `vector`); writeId 0, version 0 is the initial load. */
  get(key: number): Held;
  /** Every sibling held for `key` (one unless concurrent `vector` versions are kept). */
  siblings(key: number): readonly Held[];
  /**
   * Makes the version of client write `req` here (the coordinator) and stores it if it supersedes
   * what is held. Default version: held + 1 (`counter`); (now, this node) (`lww`); the merge of
   * the held siblings with this node's entry incremented (`vector`).
   */
  create(req: ClientRequest, version?: Version): Held;
  /** Stores a version produced elsewhere if it supersedes what is held (`vector`: concurrent ones become siblings). Returns whether anything changed. */
  put(key: number, held: Held): boolean;
}

/** One entry of a replication log: position, the term that wrote it, and the write it carries. */
export interface LogEntry {
  readonly index: number;
  readonly term: number;
  readonly key: number;
  readonly writeId: WriteId;
  /** The write's version: (term, index) encoded as term·2^32 + index, so later entries and terms rank higher. */
  readonly version: number;
  /** Bytes of value data the write carries. */
  readonly size: number;
}

/**
 * The replication log building block: entries applied to the store in log order. A leader
 * writes; followers append (applied in order, out-of-order entries wait) or keep entries
 * unapplied and commit them later (consensus). Durable.
 */
export interface ReplicationLog {
  /** The term this replica knows (entries it writes carry it). */
  readonly term: number;
  /** Highest index held (appended, or received and waiting for a gap). */
  readonly lastIndex: number;
  /** Highest index applied to the store. */
  readonly lastApplied: number;
  /** Entries received out of order, waiting for a gap below them to fill. */
  readonly waiting: number;
  /** Sets the term entries written from now on carry (strategy-managed views; the harness sets it on failover). */
  setTerm(term: number): void;
  /** Leader: appends a new entry for client write `req`; applies it at once unless `apply` is false (then `commit` applies it). */
  write(req: ClientRequest, apply?: boolean): LogEntry;
  /** Follower: accepts an entry and applies entries strictly in log order (out-of-order ones wait). Returns lastApplied. */
  append(entry: LogEntry): number;
  /** Keeps an entry at its index without applying it, dropping a conflicting unapplied suffix first (as Raft does). Returns false if it would leave a gap. */
  keep(entry: LogEntry): boolean;
  /** Applies kept entries up to `index` in order. Returns lastApplied. */
  commit(index: number): number;
  /** A retained entry, or undefined once trimmed or never held. */
  entry(index: number): LogEntry | undefined;
  /** The term of entry `index` (0 for index 0; undefined if not retained). */
  termAt(index: number): number | undefined;
  /** Drops retained entries up to and including `index` (every replica has them). */
  trim(index: number): void;
  /**
   * Rolls back every entry above `index` (which must still be retained): applied ones newest first,
   * restoring what each replaced in the store, and forgets kept and waiting ones. For strategies
   * that reconfigure themselves: a replica rejoining drops writes it applied that were never committed.
   */
  truncate(index: number): void;
}

/** A seeded random stream for a replica. */
export interface ReplicaRandom {
  /** Uniform in (0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
}

/** A partition's view: who leads, in which term, and where leader-routed reads go. */
export interface View {
  /** The leader (takes leader-routed requests); null when there is none (an election, or a leaderless strategy). */
  readonly leader: NodeId | null;
  /** The view's term (failover count for harness views; the strategy's term otherwise). */
  readonly term: number;
  /** Where leader-routed reads go instead of the leader (a chain's tail); null or absent: the leader. */
  readonly readAt?: NodeId | null;
}

/** Everything a replica may touch. */
export interface ReplicaContext {
  /** This replica's node. */
  readonly node: NodeId;
  /** The partition this replica belongs to. */
  readonly partition: number;
  /** Every replica of the partition, in placement order. */
  readonly replicas: readonly NodeId[];
  /** The cluster: node ids are 0..nodes−1 (a sloppy quorum sends hinted copies to nodes outside `replicas`). */
  readonly cluster: ClusterShape;
  /** The partition's view as this replica knows it. */
  readonly view: View;
  /** The view's leader (null without one). */
  readonly leader: NodeId | null;
  /** Every replica but the leader, in placement order (every other replica without a leader). */
  readonly followers: readonly NodeId[];
  /** Whether this replica leads. */
  readonly isLeader: boolean;
  /** The replica's key store (durable). */
  readonly store: KeyStore;
  /** The replication log over the store (durable). */
  readonly log: ReplicationLog;
  /** A plain object that survives crashes and restarts: keep here what the strategy declares durable (term, vote, commit index, metadata). */
  readonly durable: Record<string, unknown>;
  /** This replica's random stream. */
  readonly random: ReplicaRandom;
  /** Current virtual time in microseconds. */
  now(): number;
  /** Sends `msg` to the same partition's replica on node `to` (on a node outside `replicas`: a stand-in, as a sloppy quorum's hint holder); `work` is what processing it costs the receiver, `bytes` the value data it carries. */
  send(to: NodeId, msg: Message, work?: Work, bytes?: number): void;
  /** Answers a client request; the answer travels over this replica's client link. */
  reply(req: ClientRequest, result: ReplyResult): void;
  /** Calls onTimer(tag) after `delay` µs unless cancelled (timers set in create() fire too). */
  setTimer(delay: number, tag: unknown): TimerHandle;
  /** Cancels a timer; a cancelled timer never fires. */
  cancelTimer(handle: TimerHandle): void;
  /** Adds to a strategy counter reported in the results (for example `fallbacks`); counted after warm-up only. */
  count(counter: string, by?: number): void;
  /** Reports a detected write conflict on `key` (counted in the results beside overwritten writes). */
  conflict(key: number): void;
  /** Strategy-managed views: announces who leads (the harness redirects clients; the highest term wins). */
  setView(view: View): void;
}

/**
 * One replica of one partition: a pure event handler. Its in-memory state is volatile: after a
 * crash (and, for harness-managed views, after a view change) it is created anew; the store, the
 * log and `ctx.durable` survive.
 */
export interface Replica {
  /** Called once the replica exists (at start, after a restart, after a harness view change). */
  onStart?(): void;
  /** A client request routed to this replica (after its service time), or forwarded here in a message and handled by the strategy. */
  onClientRequest(req: ClientRequest): void;
  /** A message from another replica of the same partition (after its service time, if it costs work). */
  onMessage(from: NodeId, msg: Message): void;
  /** A timer set with ctx.setTimer fired. */
  onTimer(tag: unknown): void;
  /**
   * The harness's failure detector (failover.heartbeat / failover.timeout, from the side holding a
   * majority of the nodes) changed its mind about which replicas of this partition are up: `live`
   * lists them in placement order. Called on every live replica of the partition, and on a
   * replica when it starts or restarts; for strategies that manage their own view (a chain's
   * reconfiguration). Not called when failover is disabled.
   */
  onMembershipChange?(live: readonly NodeId[]): void;
}

/** The cluster facts a strategy may check its parameters against. */
export interface ClusterShape {
  readonly nodes: number;
  readonly partitions: number;
  readonly replicationFactor: number;
}

/** A problem with a strategy's parameters: the parameter path (relative to the strategy entry) and a message. */
export interface ParamProblem {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/** Something with zod's safeParse shape (strategies may use zod or hand-written validation). */
export interface ParamSchema<P> {
  safeParse(input: unknown): { success: true; data: P } | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } };
}

/** Where client writes enter. */
export type WriteRoute = 'leader' | 'any' | 'nearest';
/** Where client reads go. */
export type ReadRoute = 'leader' | 'follower' | 'any' | 'nearest' | 'sticky';

/** What a strategy declares about itself (all optional). */
export interface StrategyTraits {
  /** Where writes enter (default `leader`); the replica reached coordinates. A suite may override it (workload.writes). */
  readonly writes?: WriteRoute;
  /** The read route when the suite sets none (default `leader`). */
  readonly reads?: ReadRoute;
  /** Who decides the leader: the harness's failover (default), the strategy (ctx.setView), or nobody (leaderless). */
  readonly view?: 'harness' | 'strategy' | 'none';
  /** How versions are ordered (default `counter`). */
  readonly order?: VersionOrder;
  /** Whether a write's acknowledgement waits for another replica (lets validation reject set-ups in which operations take zero virtual time). */
  readonly waitsForFollowers?: boolean;
}

/** A replication strategy module: a name, a description, parameter validation, traits and a replica factory. */
export interface StrategyDefinition<P = Record<string, unknown>> {
  /** Name used in suites (`strategy: sync`). */
  readonly name: string;
  /** One line for `replbench list`. */
  readonly description: string;
  /** Validates the strategy's own parameters (everything in the strategy entry but `name`/`path`). */
  readonly params?: ParamSchema<P>;
  /** Cross-checks parameters against the cluster (for example acks <= followers). */
  check?(params: P, cluster: ClusterShape): readonly ParamProblem[];
  /** Traits, fixed or depending on the parameters. */
  readonly traits?: StrategyTraits | ((params: P, cluster: ClusterShape) => StrategyTraits);
  /** Builds the replica for one (node, partition). */
  create(ctx: ReplicaContext, params: P): Replica;
}

/** The traits of `def` for `params`, with every default filled in. */
export function resolveTraits<P>(def: StrategyDefinition<P>, params: P, cluster: ClusterShape): Required<Omit<StrategyTraits, 'reads'>> & { readonly reads: ReadRoute | undefined } {
  const t = typeof def.traits === 'function' ? def.traits(params, cluster) : (def.traits ?? {});
  return {
    writes: t.writes ?? 'leader',
    reads: t.reads,
    view: t.view ?? 'harness',
    order: t.order ?? 'counter',
    waitsForFollowers: t.waitsForFollowers ?? false,
  };
}

/** A duration parameter (a number of ms, or "5ms", "200us", "2s"), resolved to microseconds. */
export const durationParam = z.union([z.number(), z.string()]).transform((v, ctx) => {
  const us = parseDuration(v);
  if (typeof us === 'string') {
    ctx.addIssue({ code: 'custom', message: us });
    return z.NEVER;
  }
  if (us < 0) {
    ctx.addIssue({ code: 'custom', message: `must not be negative (got ${v})` });
    return z.NEVER;
  }
  return us;
});

/** A strictly positive duration parameter, in microseconds. */
export const positiveDurationParam = durationParam.refine((us) => us > 0, { message: 'must be greater than 0' });

/** Encodes a last-writer-wins version: (timestamp µs, node) as one number, timestamp first. */
export function lwwVersion(timestamp: number, node: NodeId): number {
  return Math.floor(timestamp) * 1024 + node;
}

/** Whether version vector `a` dominates `b` (every entry >=, one >). */
export function dominates(a: readonly number[], b: readonly number[]): boolean {
  let greater = false;
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x < y) return false;
    if (x > y) greater = true;
  }
  return greater;
}

/**
 * The strategy contract: what a replication strategy sees (ReplicaContext) and what it must
 * implement (Replica). Strategies never read a clock, never call Math.random and never touch
 * another replica's memory; everything goes through the context, so the same code can run in
 * the deterministic simulator or in a live runtime.
 */

/** A node's index in the cluster, 0-based. */
export type NodeId = number;

/** One replicated write: its position in the partition's log, the leader term that wrote it, its key and the key's new version. */
export interface LogEntry {
  readonly index: number;
  readonly term: number;
  readonly key: number;
  readonly version: number;
  /** Bytes of value data the write carries. */
  readonly size: number;
}

/** A client operation as a replica sees it (an opaque handle to pass back to `reply`). */
export interface ClientRequest {
  readonly op: 'read' | 'write';
  readonly key: number;
  /** Bytes of value data a write carries (0 for reads). */
  readonly size: number;
}

/** What a replica answers a client with. */
export type ReplyResult =
  | { readonly status: 'ok'; readonly version: number; readonly index?: number }
  | { readonly status: 'failed'; readonly reason: string };

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

/** A replica's view of its partition's data on its node: versions per key and the replication log. */
export interface ReplicaStore {
  /** Highest log index appended here (leader) or received (follower, including entries waiting for a gap). */
  readonly lastIndex: number;
  /** Follower: entries received out of order, waiting for a gap below them to fill. */
  readonly waiting: number;
  /** Highest log index applied here; followers apply strictly in log order. */
  readonly lastApplied: number;
  /** The leader term this replica knows (entries it writes carry it). */
  readonly term: number;
  /** Leader: appends a new write for `key` (carrying `size` bytes) to the log, applies it locally and returns the entry. */
  write(key: number, size?: number): LogEntry;
  /** Follower: accepts an entry; out-of-order entries wait until the gap is filled. Returns lastApplied. */
  append(entry: LogEntry): number;
  /** The version of `key` visible here (0 = the initial load). */
  read(key: number): number;
  /** A retained log entry (for retransmission), or undefined once trimmed. */
  entry(index: number): LogEntry | undefined;
  /** Drops retained entries up to and including `index` (all followers have them). */
  trim(index: number): void;
}

/** Seeded random numbers for a replica (a stream of its own). */
export interface ReplicaRandom {
  /** Uniform in (0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
}

/** Everything a replica may touch. */
export interface ReplicaContext {
  /** This replica's node. */
  readonly node: NodeId;
  /** The partition this replica belongs to. */
  readonly partition: number;
  /** The partition's current leader. */
  readonly leader: NodeId;
  /** The partition's followers (every replica but the leader), in placement order. */
  readonly followers: readonly NodeId[];
  /** Whether this replica is the leader. */
  readonly isLeader: boolean;
  /** This replica's data. */
  readonly store: ReplicaStore;
  /** This replica's random stream. */
  readonly random: ReplicaRandom;
  /** Current virtual time in microseconds. */
  now(): number;
  /** Sends `msg` to the same partition's replica on node `to`; `work` is what processing it costs the receiver, `bytes` the value data it carries (costs transmission time when the network has a bandwidth). */
  send(to: NodeId, msg: Message, work?: Work, bytes?: number): void;
  /** Answers a client request (the answer travels back over the client link). */
  reply(req: ClientRequest, result: ReplyResult): void;
  /** Calls onTimer(tag) after `delay` µs unless cancelled. */
  setTimer(delay: number, tag: unknown): TimerHandle;
  /** Cancels a timer; a cancelled timer never fires. */
  cancelTimer(handle: TimerHandle): void;
  /** Adds to a strategy counter reported in the results (for example `fallbacks`); counted after warm-up only. */
  count(counter: string, by?: number): void;
}

/**
 * One replica of one partition: a pure event handler. When the partition's leader changes
 * (failover) or the node restarts after a crash, the replica is created anew with the new view
 * (its in-memory state is volatile; its store is durable).
 */
export interface Replica {
  /** A client read or write routed to this replica (after its service time). */
  onClientRequest(req: ClientRequest): void;
  /** A message from another replica of the same partition (after its service time, if it costs work). */
  onMessage(from: NodeId, msg: Message): void;
  /** A timer set with ctx.setTimer fired. */
  onTimer(tag: unknown): void;
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

/** A replication strategy module: a name, a description, parameter validation and a replica factory. */
export interface StrategyDefinition<P = Record<string, unknown>> {
  /** Name used in suites (`strategy: sync`). */
  readonly name: string;
  /** One line for `replbench list`. */
  readonly description: string;
  /** Validates the strategy's own parameters (everything in the strategy entry but `name`/`path`). */
  readonly params?: ParamSchema<P>;
  /** Cross-checks parameters against the cluster (for example acks <= followers). */
  check?(params: P, cluster: ClusterShape): readonly ParamProblem[];
  /** Whether a write's acknowledgement waits for at least one follower (used to reject set-ups in which operations take zero virtual time). */
  waitsForFollowers?(params: P, cluster: ClusterShape): boolean;
  /** Builds the replica for one (node, partition). */
  create(ctx: ReplicaContext, params: P): Replica;
}

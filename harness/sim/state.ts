/**
 * The simulator's shared state: event kinds, the records in flight (client operations, messages,
 * replies, timers) and the state object every simulator module reads and writes.
 */
import type { CaseConfig } from '../config/schema.js';
import type { ClientRequest, Message, NodeId, Replica, ReplicaContext, ReplyResult, StrategyDefinition, TimerHandle, View } from '../runtime/contract.js';
import type { Recorder } from '../metrics/recorder.js';
import type { Failover } from '../metrics/types.js';
import type { PartitionScheme } from '../../strategies/partitioning/types.js';
import type { LaneQueue } from './lane-queue.js';
import type { Rng } from './rng.js';
import type { Sampler } from './distributions.js';
import type { SimKeyStore } from './key-store.js';
import type { SimLog } from './log.js';
import type { Network } from './network.js';
import type { Nodes } from './nodes.js';
import type { Replicas } from './replicas.js';
import type { Clients } from './clients.js';
import type { Faults } from './faults.js';

/** Event kinds. */
export const EV = {
  request: 0,
  message: 1,
  serviceDone: 2,
  timer: 3,
  response: 4,
  clientNext: 5,
  arrival: 6,
  timeoutSweep: 7,
  faultStart: 8,
  faultEnd: 9,
  heartbeat: 10,
} as const;

/** Service-time kinds (index into a node's samplers). */
export const SVC = { write: 0, read: 1, apply: 2, none: 3, scan: 4 } as const;

/** A client operation (or one partition's part of a scan) in flight; also a node's work item. */
export class Op {
  readonly kind = 0;
  /** Node the request was sent to (and whose queue it waits in). */
  node = 0;
  /** Region index of the client that issued it (0 without regions). */
  region = 0;
  svc: number;
  done = false;
  prev: Op | null = null;
  next: Op | null = null;
  /** Node epoch when its service started (a crash in between drops it). */
  epoch = 0;
  /** Actual send time (µs): later than `start` when a paced client is behind schedule. */
  sent = 0;
  /** For a scan part: the scan; for a scan: parts still outstanding. */
  parent: Op | null = null;
  pending = 0;
  partFailed = false;
  size = 0;
  /** Redirects followed so far. */
  redirects = 0;
  /** A scan's parts (one per partition it covers). */
  parts: Op[] | null = null;
  /** A read's session snapshot: the newest committed write of its key (writer and seq, packed). */
  snapSession = 0;
  /** A read's snapshot under the vector order: the committed frontier of its key when it started. */
  snapVec: readonly { readonly vec: readonly number[]; readonly time: number }[] | null = null;
  /** The request as replicas see it (frozen), rebuilt when the operation moves to its write phase. */
  view!: ClientRequest;
  constructor(
    /** Request id (also the write id of a write). */
    public id: number,
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
    readonly snapCount: number,
  ) {
    this.svc = op === 'write' ? SVC.write : SVC.read;
  }
}

/** A reply travelling back to a client: the operation, the answer and the node that sent it. */
export class Reply {
  constructor(
    readonly op: Op,
    readonly result: ReplyResult,
    readonly node: NodeId,
    /** The sender's epoch when it replied: a crash before arrival loses the reply. */
    readonly epoch: number,
  ) {}
}

/** A message between replicas in flight. */
export class Envelope {
  readonly kind = 1;
  epoch = 0;
  /** Position in its stream (partition, sender → receiver) among messages that cost work (fifo ordering); -1 when unordered. */
  seq = -1;
  constructor(
    readonly partition: number,
    readonly from: NodeId,
    /** The sender's stream at the receiver: its position in the partition's replica list (after the replicas for a stand-in). */
    readonly fromSlot: number,
    readonly node: NodeId,
    readonly msg: Message,
    readonly svc: number,
    /** The sender's epoch when it sent: a crash of the sender before delivery loses the message. */
    readonly fromEpoch: number,
  ) {}
}

/** A node's work item: a client operation or a message. */
export type WorkItem = Op | Envelope;

/** A node: its queue, workers, service samplers and crash epoch. */
export interface NodeState {
  readonly id: number;
  busy: number;
  queue: WorkItem[];
  qHead: number;
  readonly svc: Sampler[];
  up: boolean;
  /** Incremented at each crash: work and messages from before it are dropped. */
  epoch: number;
  /** Service-time multiplier (slow node). */
  slow: number;
}

/** One replica's runtime: its durable data and its current (volatile) instance. */
export interface ReplicaRuntime {
  readonly node: number;
  readonly partition: number;
  /** Position in the partition's replica list (-1 for a stand-in outside it: not reported to the recorder). */
  readonly slot: number;
  /** Which incoming stream its messages are at their receiver: `slot`, or replica count + node for a stand-in. */
  readonly stream: number;
  readonly store: SimKeyStore;
  readonly log: SimLog;
  readonly durable: Record<string, unknown>;
  ctx: ReplicaContext;
  impl: Replica | null;
  /** Incremented at each (re)creation and crash: timers of earlier instances never fire. */
  gen: number;
  /** Harness views: the view this replica knows. */
  view: View;
  followers: readonly number[];
  /** Incoming ordered streams, by sender slot: messages numbered on arrival, the next to hand over, and those served early. */
  inArrived: Int32Array;
  inNext: Int32Array;
  inDone: (Map<number, Envelope> | null)[];
}

/** A timer of a replica instance. */
export interface TimerRec extends TimerHandle {
  readonly rt: ReplicaRuntime;
  readonly gen: number;
}

/** A partition's view as clients and the harness know it. */
export interface PartitionState {
  term: number;
  leader: number | null;
  readAt: number | null;
  readonly replicas: readonly number[];
  /** Harness views: log end of each term's leader when it took over (the lineage). */
  readonly epochs: { term: number; base: number }[];
}

/** Everything the simulator modules share. */
export interface SimState {
  readonly config: CaseConfig;
  readonly strategy: StrategyDefinition<any>;
  readonly traits: { readonly view: 'harness' | 'strategy' | 'none'; readonly order: 'counter' | 'lww' | 'vector' };
  readonly q: LaneQueue<unknown>;
  now: number;
  readonly end: number;
  readonly root: Rng;
  readonly nodeCount: number;
  readonly rf: number;
  readonly scheme: PartitionScheme;
  readonly parts: PartitionState[];
  readonly nodes: NodeState[];
  readonly recorder: Recorder;
  readonly failovers: Failover[];
  net: Network;
  nodeQueues: Nodes;
  replicas: Replicas;
  clients: Clients;
  faults: Faults;
}

/**
 * Multi-leader replication (multi-datacenter setups, offline clients): every replica accepts
 * writes, stores them, acknowledges at once and propagates them asynchronously to every other
 * replica. Each replica keeps, per peer, an outbox of its own writes the peer has not yet
 * acknowledged (the newest per key), resent on a retransmission timer, so replicas converge once
 * a partition heals or a crashed peer returns (a peer that acknowledged nothing during an
 * interval is probed first, and the writes are resent when it answers). Concurrent writes to one key conflict:
 * - `conflicts: lww`: last-writer-wins on (timestamp, node), the timestamp from the node's clock
 *   shifted by its `skew`; the losing write is silently overwritten (the recorder counts it).
 * - `conflicts: siblings`: version vectors; concurrent versions are kept side by side and reads
 *   return them all (the recorder counts the conflicts); a write supersedes the siblings its
 *   replica holds.
 */
import { z } from 'zod';
import { durationParam, lwwVersion, positiveDurationParam, type ClientRequest, type ClusterShape, type Held, type Message, type NodeId, type ParamProblem, type Replica, type ReplicaContext, type StrategyDefinition, type TimerHandle } from '../../harness/runtime/contract.js';

const params = z.strictObject({
  conflicts: z.enum(['lww', 'siblings']).default('lww'),
  /** Clock skew (lww): a duration per node, or one duration d meaning node i is skewed by i·d. */
  skew: z.union([durationParam, z.array(durationParam)]).default(0),
  /** How long an unacknowledged write waits before it is sent again. */
  retransmit: positiveDurationParam.default(100_000),
});

/** The multi-leader strategy's parameters (durations in µs). */
export type MultiLeaderParams = z.infer<typeof params>;

/** A replica's own write, sent to a peer; `seq` identifies it in the sender's outbox. */
interface PutMsg extends Message {
  readonly type: 'put';
  readonly key: number;
  readonly held: Held;
  readonly seq: number;
}
interface AckMsg extends Message {
  readonly type: 'ack';
  readonly key: number;
  readonly seq: number;
}

/** An own write a peer has not acknowledged. */
interface Outgoing {
  readonly seq: number;
  readonly held: Held;
  readonly size: number;
  sentAt: number;
}

/** What survives a crash: the clock, the write sequence, and the outboxes (the replication queue). */
interface Durable {
  last?: number;
  seq?: number;
  /** Per peer, per key, the newest own write it has not acknowledged, oldest send first. */
  outbox?: Map<NodeId, Map<number, Outgoing>>;
}

const OK = { status: 'ok' } as const;
const RETRANSMIT_TAG = 'retransmit';
/** Writes resent to one peer per retransmission round at most. */
const RETRANSMIT_BATCH = 1024;

/** One replica of a partition under the multi-leader strategy. */
class MultiLeaderReplica implements Replica {
  private readonly d: Durable;
  private readonly peers: readonly NodeId[];
  private readonly lww: boolean;
  private readonly skew: number;
  private readonly outbox: Map<NodeId, Map<number, Outgoing>>;
  /** Peers heard from (an acknowledgement or a probe's answer) since the previous retransmission round. */
  private readonly heard = new Set<NodeId>();
  private timer: TimerHandle | undefined;

  constructor(
    private readonly ctx: ReplicaContext,
    private readonly p: MultiLeaderParams,
  ) {
    this.d = ctx.durable as Durable;
    this.peers = ctx.replicas.filter((n) => n !== ctx.node);
    this.lww = p.conflicts === 'lww';
    this.skew = skewOf(p.skew, ctx.node);
    this.outbox = this.d.outbox ??= new Map(this.peers.map((n) => [n, new Map()]));
  }

  onStart(): void {
    for (const box of this.outbox.values()) if (box.size > 0) return this.arm();
  }

  onClientRequest(req: ClientRequest): void {
    const ctx = this.ctx;
    if (req.op === 'read') {
      ctx.reply(req, { status: 'ok', value: this.lww ? ctx.store.get(req.key) : ctx.store.siblings(req.key) });
      return;
    }
    let held: Held;
    if (this.lww) {
      // The node's clock, skewed; strictly increasing per replica (two writes in one µs must not tie).
      const stamp = (this.d.last = Math.max(Math.floor(ctx.now() + this.skew), (this.d.last ?? -Infinity) + 1));
      held = ctx.store.create(req, lwwVersion(stamp, ctx.node));
    } else held = ctx.store.create(req); // this node's entry of the merged siblings' vector, incremented
    const seq = (this.d.seq = (this.d.seq ?? 0) + 1);
    const now = ctx.now();
    for (const peer of this.peers) {
      const box = this.outbox.get(peer)!;
      box.delete(req.key); // the newer write replaces the older one, at the end of the send order
      box.set(req.key, { seq, held, size: req.size, sentAt: now });
      ctx.send(peer, { type: 'put', key: req.key, held, seq } as PutMsg, 'apply', req.size);
    }
    ctx.reply(req, OK);
    if (this.peers.length > 0) this.arm();
  }

  onMessage(from: NodeId, msg: Message): void {
    if (msg.type === 'put') {
      const m = msg as PutMsg;
      this.ctx.store.put(m.key, m.held);
      this.ctx.send(from, { type: 'ack', key: m.key, seq: m.seq } as AckMsg);
    } else if (msg.type === 'ack') {
      const m = msg as AckMsg;
      this.heard.add(from);
      const box = this.outbox.get(from);
      if (box !== undefined && box.get(m.key)?.seq === m.seq) box.delete(m.key);
    } else if (msg.type === 'probe') {
      this.ctx.send(from, { type: 'answer' });
    } else if (msg.type === 'answer') {
      this.heard.add(from);
      this.resend(from);
    }
  }

  onTimer(tag: unknown): void {
    if (tag === RETRANSMIT_TAG) this.retransmit();
  }

  private arm(): void {
    if (this.timer === undefined) this.timer = this.ctx.setTimer(this.p.retransmit, RETRANSMIT_TAG);
  }

  /**
   * Every interval, for each peer with unacknowledged writes: resends them if the peer was heard
   * from during the interval; otherwise (down or cut off) probes it, and resends when it answers.
   */
  private retransmit(): void {
    this.timer = undefined;
    let outstanding = false;
    for (const [peer, box] of this.outbox) {
      if (box.size === 0) continue;
      outstanding = true;
      if (this.heard.has(peer)) this.resend(peer);
      else this.ctx.send(peer, { type: 'probe' });
    }
    this.heard.clear();
    if (outstanding) this.arm();
  }

  /** Resends to `peer`, oldest first, the writes it has not acknowledged within one interval. */
  private resend(peer: NodeId): void {
    const box = this.outbox.get(peer);
    if (box === undefined) return;
    const ctx = this.ctx;
    const now = ctx.now();
    let sent = 0;
    for (const [key, o] of box) {
      if (now - o.sentAt < this.p.retransmit || sent === RETRANSMIT_BATCH) break;
      box.delete(key);
      box.set(key, o);
      o.sentAt = now;
      ctx.send(peer, { type: 'put', key, held: o.held, seq: o.seq } as PutMsg, 'apply', o.size);
      sent++;
    }
    if (sent > 0) ctx.count('retransmits', sent);
  }
}

/** Node `node`'s clock skew, µs. */
function skewOf(skew: number | readonly number[], node: NodeId): number {
  return typeof skew === 'number' ? node * skew : (skew[node] ?? 0);
}

function check(p: MultiLeaderParams, cluster: ClusterShape): ParamProblem[] {
  const problems: ParamProblem[] = [];
  if (Array.isArray(p.skew) && p.skew.length !== cluster.nodes) problems.push({ path: ['skew'], message: `lists ${p.skew.length} durations for ${cluster.nodes} nodes (one per node, or one duration d for node i skewed by i·d)` });
  const skewed = Array.isArray(p.skew) ? p.skew.some((x) => x !== 0) : p.skew !== 0;
  if (p.conflicts === 'siblings' && skewed) problems.push({ path: ['skew'], message: 'clock skew applies to conflicts: lww only (version vectors use no clock)' });
  return problems;
}

/** The `multi-leader` strategy. */
export const multiLeaderStrategy: StrategyDefinition<MultiLeaderParams> = {
  name: 'multi-leader',
  description: 'every replica accepts writes and propagates them asynchronously; conflicts by last-writer-wins (with clock skew) or kept as siblings (version vectors)',
  params,
  check,
  traits: (p) => ({ writes: 'any', reads: 'any', view: 'none', order: p.conflicts === 'lww' ? 'lww' : 'vector', waitsForFollowers: false }),
  create: (ctx, p) => new MultiLeaderReplica(ctx, p),
};

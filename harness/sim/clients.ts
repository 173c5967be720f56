/**
 * Clients and the workload: closed-loop clients (think time, or YCSB-style pacing with latency
 * from the intended start) or open-loop arrivals; operation, key and value choice; routing of
 * writes and reads to replicas; replies (from whichever replica sends them, over its link),
 * redirects, read-modify-writes, scans over the partitions they cover, and client timeouts.
 */
import { OP } from '../metrics/recorder.js';
import type { Sampler } from './distributions.js';
import { IdTable } from './id-table.js';
import type { KeySpace } from '../../workloads/generators/keys.js';
import { workloadStreams } from '../workload-streams.js';
import type { ValueSizeGenerator } from '../../workloads/generators/values.js';
import { readValue } from './replicas.js';
import type { Rng } from './rng.js';
import type { ReplyResult } from '../runtime/contract.js';
import { EV, Op, SVC, type Reply, type SimState } from './state.js';

const FAILED_PART: ReplyResult = { status: 'failed', reason: 'a partition of the scan failed' };
const SCANNED: ReplyResult = { status: 'ok' };
/** Redirects a client follows for one operation. */
const MAX_REDIRECTS = 3;

/** The clients of one case. */
export class Clients {
  readonly keyspace: KeySpace;
  private readonly table = new IdTable<Op>();
  private nextId = 1;
  private capacity: number;
  private readonly routeRng: Rng;
  private readonly nextKey: { next(): number };
  private readonly nextOp: () => number;
  private readonly scanLength: { next(): number };
  private readonly sizes: ValueSizeGenerator;
  /** Bytes a read returns / a write carries. */
  readonly readBytes: () => number;
  private readonly updateBytes: () => number;
  private readonly timeout: number;
  readonly opLimit: number;
  /** Operations intended to start before this do not count toward opLimit (YCSB's operationcount after a warm-up). */
  private readonly countFrom: number;
  issued = 0;
  lastCompletion = 0;
  private head: Op | null = null;
  private tail: Op | null = null;
  /** Operations in flight. */
  inflightCount = 0;
  private sweepPending = false;
  private arrivals = 0;
  private readonly period: number;
  private readonly nextIntended: number[];
  private readonly thinkTime: Sampler | undefined;
  private readonly nextGap: () => number;
  private readonly vector: boolean;

  constructor(private readonly s: SimState) {
    const { config, root } = s;
    const wl = config.workload;
    const w = workloadStreams(config, root);
    this.routeRng = w.routeRng;
    this.keyspace = w.keyspace;
    this.capacity = wl.records;
    this.opLimit = w.opLimit;
    this.countFrom = w.countFrom;
    this.nextKey = w.nextKey;
    this.nextOp = w.nextOp;
    this.scanLength = w.scanLength;
    this.sizes = w.sizes;
    this.readBytes = w.readBytes;
    this.updateBytes = w.updateBytes;
    this.timeout = wl.timeout;
    this.period = w.period;
    this.nextIntended = w.nextIntended;
    this.thinkTime = w.thinkTime;
    this.nextGap = w.nextGap;
    this.vector = s.traits.order === 'vector';
  }

  /** Starts the clients (closed loop) or the arrival process (open loop). */
  start(): void {
    const clients = this.s.config.workload.clients;
    if (clients.model === 'closed') {
      for (let c = 0; c < clients.count; c++) {
        if (this.period > 0 && this.nextIntended[c]! > 0) this.s.q.push(this.nextIntended[c]!, EV.clientNext, c);
        else this.issue(c, 0);
      }
    } else this.s.q.push(this.nextGap(), EV.arrival, null);
  }

  /** The next closed-loop operation of client `c` is due. */
  clientNext(c: number): void {
    this.issue(c, this.period > 0 ? this.nextIntended[c]! : this.s.now);
  }

  /** An open-loop arrival. */
  arrival(): void {
    this.issue(-1, this.s.now);
    if (this.issued < this.opLimit) this.s.q.push(this.s.now + this.nextGap(), EV.arrival, null);
  }

  /** The operation with request id `id`, while it is in flight. */
  inflight(id: number): Op | undefined {
    const op = this.table.get(id);
    if (!op || op.done || (op.parent && op.parent.done)) return undefined;
    return op;
  }

  /** When write `id` was sent by its client (NaN once it is no longer in flight). */
  issuedAt(id: number): number {
    return this.table.get(id)?.sent ?? NaN;
  }

  /** A replica of partition `p` for a client in `region`: random, the leader's, a follower, the nearest. */
  private anyReplica(p: number): number {
    const reps = this.s.parts[p]!.replicas;
    return reps[this.routeRng.int(reps.length)]!;
  }

  /** The replica closest to `region` by mean inter-region latency (ties broken at random). */
  private nearest(reps: readonly number[], region: number): number {
    const net = this.s.net;
    let best = Infinity;
    let count = 0;
    let choice = reps[0]!;
    for (const n of reps) {
      const d = net.regionDistance.length ? net.regionDistance[region]![net.nodeRegion[n]!]! : 0;
      if (d < best) {
        best = d;
        count = 1;
        choice = n;
      } else if (d === best && this.routeRng.int(++count) === 0) choice = n;
    }
    return choice;
  }

  /** Where a write to partition `p` enters (a coordinator the failure detector reports down is avoided, as for reads). */
  private writeTarget(p: number, region: number): number {
    const st = this.s.parts[p]!;
    switch (this.s.config.workload.writes) {
      case 'leader':
        return st.leader ?? this.anyReplica(p);
      case 'any':
        return this.s.faults.avoidDown(p, this.anyReplica(p), this.routeRng);
      case 'nearest':
        return this.s.faults.avoidDown(p, this.nearest(st.replicas, region), this.routeRng);
    }
  }

  /**
   * Where a read of partition `p` goes, by the read route (clients know the current view). A route
   * that picks among the replicas avoids one the failure detector reports down, where it reports
   * to the strategy (strategy-managed views), as clients that track the membership do.
   */
  private readTarget(p: number, region: number, client: number): number {
    const n = this.routeRead(p, region, client);
    return this.s.config.workload.reads === 'leader' ? n : this.s.faults.avoidDown(p, n, this.routeRng);
  }

  private routeRead(p: number, region: number, client: number): number {
    const st = this.s.parts[p]!;
    switch (this.s.config.workload.reads) {
      case 'leader':
        return st.readAt ?? st.leader ?? this.anyReplica(p);
      case 'follower': {
        if (st.leader === null) return this.anyReplica(p);
        const f = this.routeRng.int(st.replicas.length - 1);
        let i = 0;
        for (const n of st.replicas) if (n !== st.leader && i++ === f) return n;
        return st.leader;
      }
      case 'any':
        return this.anyReplica(p);
      case 'nearest':
        return this.nearest(st.replicas, region);
      case 'sticky':
        return st.replicas[(client < 0 ? this.routeRng.int(st.replicas.length) : client + p) % st.replicas.length]!;
    }
  }

  private freeze(op: Op): void {
    op.view = Object.freeze({ id: op.id, op: op.op, key: op.key, size: op.op === 'write' ? op.size : 0, writeId: op.op === 'write' ? op.id : 0, client: op.client });
  }

  private send(op: Op): void {
    const s = this.s;
    if (!s.net.clientReaches(op.node)) return; // lost in the network partition: the client will time out
    s.q.pushLane(s.net.clientLane, s.now + s.net.c2n(op.region, op.node) + s.net.tx(op.op === 'write' ? op.size : 0), EV.request, op);
  }

  private unlink(r: Op): void {
    if (r.prev) r.prev.next = r.next;
    else this.head = r.next;
    if (r.next) r.next.prev = r.prev;
    else this.tail = r.prev;
    r.prev = r.next = null;
    this.inflightCount--;
  }

  private ensureCapacity(key: number): void {
    if (key < this.capacity) return;
    this.capacity = Math.max(this.capacity * 2, key + 1);
    this.s.replicas.grow(this.capacity);
    this.s.recorder.grow(this.capacity);
  }

  /** Issues client `client`'s next operation, intended to start at `intended`. */
  issue(client: number, intended: number): void {
    const s = this.s;
    if (this.issued >= this.opLimit) return;
    const clients = s.config.workload.clients;
    if (clients.model === 'open' && this.inflightCount >= clients.maxInflight) {
      s.recorder.onDropped(intended);
      return;
    }
    if (intended >= this.countFrom) this.issued++;
    s.recorder.onIssue(intended);
    const kind = this.nextOp();
    const region = s.config.regions ? s.net.clientRegions[(client >= 0 ? client : this.arrivals++) % s.net.clientRegions.length]! : 0;
    const rec = s.recorder;
    let op: Op;
    if (kind === OP.insert) op = this.insertOp(client, intended, region);
    else if (kind === OP.scan) op = this.scanOp(client, intended, region);
    else {
      const key = this.nextKey.next();
      const p = s.scheme.partitionOf(key);
      const isRead = kind === OP.read || kind === OP.rmw;
      const plain = kind === OP.read;
      op = new Op(this.nextId++, isRead ? 'read' : 'write', kind, key, p, client, intended, plain ? rec.readSnapshot(key) : 0, plain ? rec.snapshotTime(key) : 0, plain ? rec.snapshotCount(key) : 0);
      if (plain) {
        if (this.vector) op.snapVec = rec.snapshotVector(key);
        else if (client >= 0) op.snapSession = rec.snapshotSession(key);
      }
      op.region = region;
      if (isRead) op.node = this.readTarget(p, region, client);
      else {
        op.size = this.updateBytes();
        op.node = this.writeTarget(p, region);
      }
    }
    op.region = region;
    op.sent = s.now;
    // In-flight list in send order: the head is always the next to time out.
    op.prev = this.tail;
    if (this.tail) this.tail.next = op;
    else this.head = op;
    this.tail = op;
    this.inflightCount++;
    if (!this.sweepPending) {
      this.sweepPending = true;
      s.q.push(s.now + this.timeout, EV.timeoutSweep, null);
    }
    if (kind !== OP.scan) {
      if (op.op === 'write') rec.onWriteIssued(op.id, client);
      this.freeze(op);
      this.table.set(op.id, op);
      this.send(op);
    }
  }

  /** A new insert (its key allocated now), routed as a write. */
  private insertOp(client: number, intended: number, region: number): Op {
    const key = this.keyspace.allocate();
    this.ensureCapacity(key);
    const p = this.s.scheme.partitionOf(key);
    const op = new Op(this.nextId++, 'write', OP.insert, key, p, client, intended, 0, 0, 0);
    op.size = this.sizes.recordLength();
    op.region = region;
    op.node = this.writeTarget(p, region);
    return op;
  }

  /** A new scan, with one part sent now to each partition it covers. */
  private scanOp(client: number, intended: number, region: number): Op {
    const s = this.s;
    const startKey = this.nextKey.next();
    const last = Math.min(this.keyspace.last, startKey + this.scanLength.next() - 1);
    const covered = s.scheme.partitionsForScan(startKey, last);
    const op = new Op(this.nextId++, 'read', OP.scan, startKey, covered[0]!, client, intended, 0, 0, 0);
    op.pending = covered.length;
    op.parts = [];
    for (const p of covered) {
      const part = new Op(this.nextId++, 'read', OP.scan, startKey, p, client, intended, 0, 0, 0);
      part.svc = SVC.scan;
      part.parent = op;
      part.region = region;
      part.node = this.readTarget(p, region, client);
      part.sent = s.now;
      this.freeze(part);
      this.table.set(part.id, part);
      op.parts.push(part);
      this.send(part);
    }
    return op;
  }

  private clientDone(op: Op): void {
    const s = this.s;
    this.lastCompletion = s.now;
    if (op.opKind === OP.insert) this.keyspace.acknowledge(op.key);
    const clients = s.config.workload.clients;
    if (op.client < 0 || clients.model !== 'closed') return;
    const c = op.client;
    if (this.period > 0) {
      const t = (this.nextIntended[c]! += this.period);
      if (t > s.now) s.q.push(t, EV.clientNext, c);
      else this.issue(c, t); // behind schedule: send now, latency still counts from the intended start
      return;
    }
    const think = this.thinkTime!();
    if (think > 0) s.q.push(s.now + think, EV.clientNext, c);
    else this.issue(c, s.now);
  }

  private retire(op: Op): void {
    op.done = true;
    this.unlink(op);
    this.table.delete(op.id);
    if (op.parts) for (const part of op.parts) this.table.delete(part.id);
  }

  private finish(op: Op, res: ReplyResult): void {
    const s = this.s;
    const rec = s.recorder;
    this.retire(op);
    if (res.status !== 'ok') rec.onFailed(op.opKind, op.start, s.now, false, op.op === 'write' ? op.id : -1);
    else if (op.opKind === OP.read) {
      const v = readValue(res.value);
      rec.onReadOk(op.start, op.sent, s.now, op.key, op.snapVersion, op.snapTime, op.snapCount, op.snapVec, v.writeId, v.version, v.sibs, op.size, op.client, op.snapSession);
    } else if (op.opKind === OP.scan) rec.onScanOk(op.start, op.sent, s.now);
    else rec.onWriteOk(op.opKind, op.start, op.sent, s.now, op.key, op.id, op.size, op.client);
    this.clientDone(op);
  }

  /** A reply arrived (unless its sender crashed or the network cut it off on the way). */
  response(reply: Reply): void {
    const s = this.s;
    if (!s.net.clientReaches(reply.node) || s.nodes[reply.node]!.epoch !== reply.epoch) return;
    const op = reply.op;
    const res = reply.result;
    if (op.parent) {
      this.partAnswered(op, res);
      return;
    }
    if (op.done) return; // already answered, or timed out
    if (res.status === 'failed' && res.redirect !== undefined && op.redirects < MAX_REDIRECTS) {
      op.redirects++;
      op.node = res.redirect;
      this.send(op);
      return;
    }
    if (op.opKind === OP.rmw && op.op === 'read' && res.status === 'ok') {
      this.writePhase(op);
      return;
    }
    this.finish(op, res);
  }

  /** A scan's part answered: the scan finishes with its last part (failed if any part failed). */
  private partAnswered(op: Op, res: ReplyResult): void {
    const parent = op.parent!;
    if (parent.done || op.done) return;
    op.done = true;
    if (res.status !== 'ok') parent.partFailed = true;
    if (--parent.pending > 0) return;
    this.finish(parent, parent.partFailed ? FAILED_PART : SCANNED);
  }

  /** Read-modify-write: the read came back; now write the same key (a new request and write id). */
  private writePhase(op: Op): void {
    this.table.delete(op.id);
    op.id = this.nextId++;
    op.op = 'write';
    op.svc = SVC.write;
    op.size = this.updateBytes();
    op.redirects = 0;
    op.node = this.writeTarget(op.partition, op.region);
    this.s.recorder.onWriteIssued(op.id, op.client);
    this.freeze(op);
    this.table.set(op.id, op);
    this.send(op);
  }

  /** Times out every operation in flight for longer than the client timeout. */
  sweep(): void {
    const s = this.s;
    this.sweepPending = false;
    while (this.head && this.head.sent + this.timeout <= s.now) {
      const op = this.head;
      this.retire(op);
      s.recorder.onFailed(op.opKind, op.start, s.now, true, op.op === 'write' ? op.id : -1);
      this.clientDone(op);
    }
    if (this.head) {
      this.sweepPending = true;
      s.q.push(this.head.sent + this.timeout, EV.timeoutSweep, null);
    }
  }
}

/**
 * The workload against a real cluster, in wall-clock time: the simulator's generators (keys,
 * operation mix, value sizes, think times, arrivals, seeded the same way) drive closed-loop
 * clients (think time, or pacing with latency from the intended start) or open-loop arrivals
 * (an arrival late because a connection was busy still counts from its intended start: no
 * coordinated omission). Reads are routed like the simulator's, writes go to the primary, every
 * operation is fed to the same Recorder, and operations time out as clients would.
 * Longer than most modules: the driver mirrors the simulator's clients (issue, route, reply,
 * redirect, read-modify-write, scan, timeout) in one class, so the two can be read side by side.
 */
import { OP, type Recorder } from '../metrics/recorder.js';
import { Histogram } from '../metrics/histogram.js';
import type { Sampler } from '../sim/distributions.js';
import { Rng } from '../sim/rng.js';
import type { KeySpace } from '../../workloads/generators/keys.js';
import type { ValueSizeGenerator } from '../../workloads/generators/values.js';
import { workloadStreams } from '../workload-streams.js';
import type { CaseConfig } from '../config/schema.js';
import type { RealBackendConfig } from '../config/backend.js';
import type { RealCluster, RealSession } from './backend.js';
import { NodePool, type Waiter } from './pool.js';
import type { RealClock } from './clock.js';


/** One operation in flight. */
class ROp implements Waiter {
  done = false;
  queuedAt = 0;
  sent = NaN;
  writeId = -1;
  bytes = 0;
  node = 0;
  session: RealSession | null = null;
  /** Read-modify-write: the read came back and the write is under way. */
  writing = false;
  snapVersion = 0;
  snapTime = 0;
  snapCount = 0;
  snapSession = 0;
  scanLength = 0;
  next: ROp | null = null;
  constructor(readonly kind: number, readonly key: number, readonly client: number, readonly intended: number, readonly issuedAt: number, readonly driver: Driver) {}
  grant(s: RealSession): void {
    this.driver.run(this, s);
  }
}

/** What the driver measured besides the recorder. */
export interface DriverReport {
  readonly issued: number;
  readonly inflightAtEnd: number;
  readonly lastCompletion: number;
  readonly measuredEnd: number;
  readonly end: number;
  readonly pool: number;
  readonly waited: number;
  readonly maxQueued: number;
  readonly poolWait: Histogram;
  readonly sendDelay: Histogram;
  readonly keys: number;
  /** Writes acknowledged after the warm-up without the replicas they should have waited for (WriteAck.fallback). */
  readonly fallbacks: number;
}

/** Runs one case's workload against `cluster`. */
export class Driver {
  private readonly keyspace: KeySpace;
  private capacity: number;
  private readonly nextKey: { next(): number };
  private readonly nextOp: () => number;
  private readonly scanLength: { next(): number };
  private readonly sizes: ValueSizeGenerator;
  private readonly updateBytes: () => number;
  private readonly routeRng: Rng;
  private readonly thinkTime: Sampler | undefined;
  private readonly nextGap: () => number;
  private readonly period: number;
  private readonly nextIntended: number[];
  private readonly pools: NodePool[];
  private readonly opLimit: number;
  private readonly countFrom: number;
  private nextWriteId = 1;
  private fallbacks = 0;
  private issued = 0;
  private inflight = 0;
  private lastCompletion = 0;
  private stopped = false;
  private head: ROp | null = null;
  private tail: ROp | null = null;
  private sweepCancel: (() => void) | null = null;
  private readonly poolWait = new Histogram();
  private readonly sendDelay = new Histogram();
  private readonly timers = new Set<() => void>();
  private finished!: () => void;
  private readonly whenFinished = new Promise<void>((r) => (this.finished = r));
  private readonly cancelQueue: ROp[] = [];
  private cancelScheduled = false;

  constructor(
    private readonly config: CaseConfig,
    private readonly backend: RealBackendConfig,
    private readonly cluster: RealCluster,
    private readonly rec: Recorder,
    private readonly clock: RealClock,
  ) {
    const wl = config.workload;
    // The same seeded streams as the simulator's clients.
    const root = new Rng(config.seed, 'case');
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
    this.updateBytes = w.updateBytes;
    this.period = w.period;
    this.nextIntended = w.nextIntended;
    this.thinkTime = w.thinkTime;
    this.nextGap = w.nextGap;
    this.pools = Array.from({ length: cluster.nodes }, (_, n) => new NodePool(n, backend.pool, () => cluster.connect(n), (us) => this.poolWait.record(us), () => clock.now()));
  }

  /** The nodes reads may go to. */
  private readNodes(): number[] {
    const n = this.cluster.nodes;
    switch (this.config.workload.reads) {
      case 'leader':
        return [0];
      case 'follower':
        return n > 1 ? Array.from({ length: n - 1 }, (_, i) => i + 1) : [0];
      default:
        return Array.from({ length: n }, (_, i) => i);
    }
  }

  /** Opens the sessions clients will need (before the clock starts). */
  async warm(): Promise<void> {
    const c = this.config.workload.clients;
    const concurrency = c.model === 'closed' ? c.count : this.backend.pool;
    const wl = this.config.workload;
    const reads = wl.mix.read + wl.mix.scan + wl.mix['read-modify-write'];
    const writes = wl.mix.update + wl.mix.insert + wl.mix['read-modify-write'];
    const readers = this.readNodes();
    const want = new Map<number, number>();
    if (writes > 0) want.set(0, concurrency);
    // Every node a read may go to gets as many sessions as could be in flight at once (a random route may send them all to one node).
    if (reads > 0) for (const n of readers) want.set(n, concurrency);
    await Promise.all([...want].map(([n, count]) => this.pools[n]!.warm(count)));
  }

  private readTarget(client: number): number {
    const n = this.cluster.nodes;
    switch (this.config.workload.reads) {
      case 'leader':
        return 0;
      case 'follower':
        return n > 1 ? 1 + this.routeRng.int(n - 1) : 0;
      case 'any':
        return this.routeRng.int(n);
      case 'sticky':
        return (client < 0 ? this.routeRng.int(n) : client) % n;
      default:
        return 0;
    }
  }

  /** Runs the workload until the case's duration (or operation limit); resolves when every client has stopped. */
  async start(): Promise<void> {
    const clients = this.config.workload.clients;
    const end = this.config.duration;
    this.later(end, () => this.stop());
    if (clients.model === 'closed') {
      for (let c = 0; c < clients.count; c++) {
        const at = this.period > 0 ? this.nextIntended[c]! : 0;
        this.later(at, () => this.issue(c, this.period > 0 ? this.nextIntended[c]! : this.clock.now()));
      }
    } else {
      let next = this.nextGap();
      const arrive = () => {
        const now = this.clock.now();
        while (!this.stopped && next <= now && this.issued < this.opLimit) {
          this.issue(-1, next);
          next += this.nextGap();
        }
        if (!this.stopped && this.issued < this.opLimit) this.later(next, arrive);
      };
      this.later(next, arrive);
    }
    await this.whenFinished;
  }

  /** Calls `fn` at runtime time `at` (tracked, so stop() cancels it). */
  private later(at: number, fn: () => void): void {
    let cancel: (() => void) | null = null;
    let fired = false;
    cancel = this.clock.at(at, () => {
      fired = true; // may run at once, before `cancel` is assigned
      if (cancel) this.timers.delete(cancel);
      fn();
    });
    if (!fired) this.timers.add(cancel);
  }

  /** Issues client `client`'s next operation, intended at `intended` (−1: an open-loop arrival). */
  private issue(client: number, intended: number): void {
    if (this.stopped || this.issued >= this.opLimit) return;
    const clients = this.config.workload.clients;
    const rec = this.rec;
    if (clients.model === 'open' && this.inflight >= clients.maxInflight) {
      rec.onDropped(intended);
      return;
    }
    if (intended >= this.countFrom) this.issued++;
    rec.onIssue(intended);
    const kind = this.nextOp();
    let key: number;
    if (kind === OP.insert) {
      key = this.keyspace.allocate();
      if (key >= this.capacity) {
        this.capacity = Math.max(this.capacity * 2, key + 1);
        rec.grow(this.capacity);
      }
    } else key = this.nextKey.next();
    const op = new ROp(kind, key, client, intended, this.clock.now(), this);
    if (kind === OP.scan) op.scanLength = Math.max(1, Math.min(this.keyspace.last, key + this.scanLength.next() - 1) - key + 1);
    if (kind === OP.update || kind === OP.insert) {
      op.bytes = kind === OP.insert ? this.sizes.recordLength() : this.updateBytes();
      op.writeId = this.nextWriteId++;
      op.node = 0;
      rec.onWriteIssued(op.writeId, client);
    } else op.node = this.readTarget(client);
    // In flight, in issue order: the head is the next to time out.
    if (this.tail) this.tail.next = op;
    else this.head = op;
    this.tail = op;
    this.inflight++;
    this.armSweep();
    this.pools[op.node]!.acquire(op);
  }

  /** `op` got a session: send it. */
  run(op: ROp, s: RealSession): void {
    if (op.done) {
      this.pools[s.node]!.release(s);
      return;
    }
    op.session = s;
    const now = this.clock.now();
    if (!op.writing) {
      op.sent = now;
      if (op.intended >= this.config.warmup) this.sendDelay.record(now - op.intended);
      this.rec.onServe(s.node, 0, now);
    }
    const rec = this.rec;
    const fail = () => this.complete(op, s, () => rec.onFailed(op.kind, op.intended, this.clock.now(), false, op.writeId));
    if (op.kind === OP.update || op.kind === OP.insert || op.writing) {
      s.write(op.key, op.writeId, op.bytes, op.kind === OP.insert).then(
        (ack) =>
          this.complete(op, s, () => {
            if (ack.fallback && op.intended >= this.config.warmup) this.fallbacks++;
            rec.onWriteOk(op.kind, op.intended, op.sent, this.clock.now(), op.key, op.writeId, op.bytes, op.client, ack.version);
          }),
        fail,
      );
    } else if (op.kind === OP.read) {
      op.snapVersion = rec.readSnapshot(op.key);
      op.snapTime = rec.snapshotTime(op.key);
      op.snapCount = rec.snapshotCount(op.key);
      if (op.client >= 0) op.snapSession = rec.snapshotSession(op.key);
      s.read(op.key).then((r) => {
        if (r.version < 0) return fail(); // the key is not there (an insert that failed)
        this.complete(op, s, () => rec.onReadOk(op.intended, op.sent, this.clock.now(), op.key, op.snapVersion, op.snapTime, op.snapCount, null, r.writeId, r.version, null, r.bytes, op.client, op.snapSession));
      }, fail);
    } else if (op.kind === OP.scan) {
      s.scan(op.key, op.scanLength).then(() => this.complete(op, s, () => rec.onScanOk(op.intended, op.sent, this.clock.now())), fail);
    } else {
      // Read-modify-write: read on the read route, then write the key on the primary (a new write id).
      s.read(op.key).then(() => {
        op.session = null;
        this.pools[s.node]!.release(s);
        if (op.done) return;
        op.writing = true;
        op.bytes = this.updateBytes();
        op.writeId = this.nextWriteId++;
        op.node = 0;
        rec.onWriteIssued(op.writeId, op.client);
        this.pools[0]!.acquire(op);
      }, fail);
    }
  }

  /** An operation's answer (or error) came back on `s`. */
  private complete(op: ROp, s: RealSession, record: () => void): void {
    op.session = null;
    this.pools[s.node]!.release(s);
    if (op.done) return; // timed out already, or the run ended
    op.done = true;
    this.inflight--;
    if (!this.stopped) {
      record();
      this.lastCompletion = this.clock.now();
    }
    this.clientDone(op);
  }

  private clientDone(op: ROp): void {
    if (op.kind === OP.insert) this.keyspace.acknowledge(op.key);
    this.maybeFinished();
    const clients = this.config.workload.clients;
    if (this.stopped || op.client < 0 || clients.model !== 'closed') return;
    const c = op.client;
    const now = this.clock.now();
    if (this.period > 0) {
      const t = (this.nextIntended[c]! += this.period);
      if (t > now) this.later(t, () => this.issue(c, t));
      else this.issue(c, t); // behind schedule: send now, latency still counts from the intended start
      return;
    }
    const think = this.thinkTime!();
    if (think > 0) this.later(now + think, () => this.issue(c, this.clock.now()));
    else queueMicrotask(() => this.issue(c, this.clock.now()));
  }

  private armSweep(): void {
    if (this.sweepCancel || !this.head) return;
    this.sweepCancel = this.clock.at(this.head.issuedAt + this.config.workload.timeout, () => {
      this.sweepCancel = null;
      this.sweep();
    });
  }

  /** Times out every operation in flight longer than the client timeout; cancels what they run. */
  private sweep(): void {
    const now = this.clock.now();
    const timeout = this.config.workload.timeout;
    while (this.head && (this.head.done || this.head.issuedAt + timeout <= now)) {
      const op = this.head;
      this.head = op.next;
      if (!this.head) this.tail = null;
      if (op.done) continue;
      op.done = true;
      this.inflight--;
      if (!this.stopped) this.rec.onFailed(op.kind, op.intended, now, true, op.writeId);
      if (op.session) this.queueCancel(op);
      this.clientDone(op);
    }
    this.armSweep();
  }

  /** Cancels what timed-out `op` runs on its server (a write waiting for standbys is released this way). */
  private queueCancel(op: ROp): void {
    this.cancelQueue.push(op);
    if (this.cancelScheduled) return;
    this.cancelScheduled = true;
    setImmediate(() => {
      this.cancelScheduled = false;
      const byNode = new Map<number, number[]>();
      for (const o of this.cancelQueue.splice(0)) {
        // Only while the session still runs this operation (once answered, it may be serving another).
        const s = o.session;
        if (!s) continue;
        const list = byNode.get(s.node) ?? [];
        list.push(s.serverPid);
        byNode.set(s.node, list);
      }
      for (const [node, pids] of byNode) void this.cluster.cancel(node, pids);
    });
  }

  /** Ends the run: nothing more is issued or recorded. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    for (const cancel of this.timers) cancel();
    this.timers.clear();
    this.sweepCancel?.();
    this.sweepCancel = null;
    this.endAt = this.clock.now();
    this.finished();
  }

  private endAt = NaN;

  private maybeFinished(): void {
    if (!this.stopped && this.issued >= this.opLimit && this.inflight === 0) this.stop();
  }

  /** After stop(): cancels operations still running on the servers (a write blocked waiting for standbys, for one), then closes every session. */
  async close(): Promise<number> {
    let running = 0;
    for (const p of this.pools) {
      const pids = p.busyPids();
      running += pids.length;
      if (pids.length) await this.cluster.cancel(p.node, pids);
    }
    await Promise.all(this.pools.map((p) => p.close()));
    return running;
  }

  /** What was measured besides the recorder (after stop()). */
  report(): DriverReport {
    const end = Number.isNaN(this.endAt) ? this.clock.now() : this.endAt;
    const limitReached = this.issued >= this.opLimit && this.inflight === 0;
    return {
      issued: this.issued,
      inflightAtEnd: this.inflight,
      lastCompletion: this.lastCompletion,
      measuredEnd: limitReached ? Math.max(this.lastCompletion, this.config.warmup) : Math.min(end, this.config.duration),
      end,
      pool: this.backend.pool,
      waited: this.pools.reduce((s, p) => s + p.waited, 0),
      maxQueued: Math.max(...this.pools.map((p) => p.maxQueued)),
      poolWait: this.poolWait,
      sendDelay: this.sendDelay,
      keys: this.keyspace.allocated,
      fallbacks: this.fallbacks,
    };
  }
}

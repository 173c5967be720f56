/**
 * The metrics recorder: fed events by a runtime (the simulator today), does no I/O.
 * Events: an operation issued or dropped; a write created at a coordinator; what a replica holds
 * for a key changed; a write acknowledged (its commit); a read returned a write; an operation
 * failed. Definitions (docs/architecture.md): latency from intended start; stale read = a write
 * that supersedes the one returned was committed before the read started; lag = when a replica
 * first held the write or a newer one − commit; lost and overwritten writes from what every
 * replica holds at the end.
 *
 * Longer than most modules: it is the one object every runtime feeds (each event method is short;
 * the write, staleness, session and series bookkeeping live in their own modules).
 */
import type { Held, Version } from '../runtime/contract.js';
import { Histogram } from './histogram.js';
import { BucketedSeries, type Merge } from './series.js';
import { StalenessJudge } from './staleness.js';
import { SessionTracker } from './sessions.js';
import type { CaseMetrics, FaultWindow, LostWrite, OpStats, TimeSeries } from './types.js';
import { WriteTracker } from './writes.js';

const US_PER_S = 1_000_000;

/** Operation kinds, in the order of their codes. */
export const OP_KINDS = ['read', 'update', 'insert', 'scan', 'read-modify-write'] as const;
/** Code of each operation kind. */
export const OP = { read: 0, update: 1, insert: 2, scan: 3, rmw: 4 } as const;

/** Set-up facts the recorder needs. */
export interface RecorderSetup {
  readonly records: number;
  readonly partitions: number;
  readonly replicationFactor: number;
  readonly warmup: number;
  readonly visibility: readonly number[];
  readonly reads: string;
  readonly nodes: number;
  /** Whether versions are version vectors (the `vector` order). */
  readonly vector: boolean;
  /** Closed-loop clients (sessions), to size their per-key memory. */
  readonly sessions?: number;
  /** Whether clients can send later than intended (a paced closed loop): otherwise service time equals latency and is not recorded twice. */
  readonly paced?: boolean;
  /** The partition of a key (to place acknowledged writes no replica ever stored). */
  readonly partitionOf?: (key: number) => number;
  /** Fault windows (absolute µs) to count operations in. */
  readonly windows: readonly { readonly label: string; readonly kind: string; readonly start: number; readonly end: number }[];
}

/** Operation counts per node and partition after warm-up (for load balance). */
export interface LoadCounts {
  /** Client operations served per node. */
  readonly opsPerNode: Float64Array;
  /** Client operations per partition. */
  readonly opsPerPartition: Float64Array;
  /** Replicated writes applied per node (work of replicas other than the coordinator). */
  readonly appliesPerNode: Float64Array;
}

interface WindowCount {
  readOk: number;
  readFailed: number;
  writeOk: number;
  writeFailed: number;
  writeTimedOut: number;
  firstWriteOkAfterStart: number;
}

interface KindStats {
  readonly latency: Histogram;
  readonly service: Histogram;
  failed: number;
  timedOut: number;
}

const MAX_LOST_LISTED = 1000;

/** The recorder's time series, by number, and how each merges two buckets. */
const S_OPS = 0;
const S_FAILED = 1;
const S_WRITE_SUM = 2;
const S_WRITE_N = 3;
const S_READ_SUM = 4;
const S_READ_N = 5;
const S_MAX_LAG = 6;
const SERIES_MERGES: readonly Merge[] = ['sum', 'sum', 'sum', 'sum', 'sum', 'sum', 'max'];

const newKind = (): KindStats => ({ latency: new Histogram(), service: new Histogram(), failed: 0, timedOut: 0 });

/** Records one case's metrics. */
export class Recorder {
  private readonly byKind = OP_KINDS.map(newKind);
  private readonly write = newKind();
  private readonly lag = new Histogram();
  private unapplied = 0;
  private issued = 0;
  /** Successful operations that completed after warm-up, whenever they started (the achieved rate). */
  private completed = 0;
  private dropped = 0;
  private bytesWritten = 0;
  private bytesRead = 0;
  private readonly counters = new Map<string, number>();
  private reportedConflicts = 0;
  private readonly stale: StalenessJudge;
  private readonly sessions: SessionTracker;
  private readonly writes: WriteTracker;
  /** The t values of the visibility curve, ascending, and per interval between them the samples that fell in it (leader, followers). */
  private readonly visT: Float64Array;
  private readonly visBinFollower: Float64Array;
  private readonly visBinLeader: Float64Array;
  private visNFollower = 0;
  private visNLeader = 0;
  private readonly opsPerNode: Float64Array;
  private readonly opsPerPartition: Float64Array;
  private readonly appliesPerNode: Float64Array;
  private readonly windowCounts: WindowCount[];
  /** The fault windows, with starts a real backend may move to when its fault took effect. */
  private readonly windows: { label: string; kind: string; start: number; end: number }[];
  private lastOk = NaN;
  private lastWriteOk = NaN;
  private longestGap = 0;
  private longestWriteGap = 0;
  private readonly series: BucketedSeries;

  constructor(private readonly setup: RecorderSetup) {
    this.stale = new StalenessJudge(setup.records, setup.vector);
    this.sessions = new SessionTracker(setup.records, setup.sessions ?? 0);
    this.writes = new WriteTracker(setup.replicationFactor, setup.vector, {
      visible: (own, at, commit) => this.visible(own, at, commit),
      gone: (lost) => this.gone(lost),
    });
    this.visT = Float64Array.from([...setup.visibility].sort((a, b) => a - b));
    this.visBinFollower = new Float64Array(this.visT.length + 1);
    this.visBinLeader = new Float64Array(this.visT.length + 1);
    this.opsPerNode = new Float64Array(setup.nodes);
    this.opsPerPartition = new Float64Array(setup.partitions);
    this.appliesPerNode = new Float64Array(setup.nodes);
    this.windows = setup.windows.map((w) => ({ ...w }));
    this.windowCounts = setup.windows.map(() => ({ readOk: 0, readFailed: 0, writeOk: 0, writeFailed: 0, writeTimedOut: 0, firstWriteOkAfterStart: NaN }));
    this.series = new BucketedSeries(setup.warmup, SERIES_MERGES);
  }

  /**
   * Fault window `i` took effect at `at` (µs), after its scheduled start: a real node takes a few
   * milliseconds to stop. Recovery is then timed from `at`; a write that succeeded in between was
   * served by a cluster the fault had not reached yet.
   */
  windowTookEffect(i: number, at: number): void {
    const w = this.windows[i];
    if (!w || at <= w.start) return;
    w.start = Math.min(at, w.end);
    this.windowCounts[i]!.firstWriteOkAfterStart = NaN;
  }

  /** Grows per-key arrays to hold `capacity` keys (inserts extend the keyspace). */
  grow(capacity: number): void {
    this.stale.grow(capacity);
    this.sessions.grow(capacity);
  }

  /** Closed-loop client `client` (-1: an open-loop arrival) issued write `writeId` (its session numbers it). */
  onWriteIssued(writeId: number, client: number): void {
    this.sessions.issued(writeId, client);
  }

  /** The newest committed write of `key` as its session sees it (a read's snapshot when it starts). */
  snapshotSession(key: number): number {
    return this.sessions.snapshot(key);
  }

  /** A client operation is being served by `node` (counted after warm-up). */
  onServe(node: number, partition: number, now: number): void {
    if (now < this.setup.warmup) return;
    this.opsPerNode[node]!++;
    this.opsPerPartition[partition]!++;
  }

  /** The per-node and per-partition counts. */
  loadCounts(): LoadCounts {
    return { opsPerNode: this.opsPerNode, opsPerPartition: this.opsPerPartition, appliesPerNode: this.appliesPerNode };
  }

  /** An operation was issued (for the offered rate). */
  onIssue(intended: number): void {
    if (intended >= this.setup.warmup) this.issued++;
  }

  /** An open-loop arrival found the in-flight cap reached and was dropped. */
  onDropped(intended: number): void {
    if (intended >= this.setup.warmup) this.dropped++;
  }

  /** The newest committed version of `key` (a read's snapshot when it starts; numeric orders). */
  readSnapshot(key: number): number {
    return this.stale.maxVersion(key);
  }

  /** Commit time of the newest committed version of `key`. */
  snapshotTime(key: number): number {
    return this.stale.maxTime(key);
  }

  /** Writes to `key` committed so far. */
  snapshotCount(key: number): number {
    return this.stale.commits(key);
  }

  /** The committed, mutually concurrent newest versions of `key` (vector order; an immutable array). */
  snapshotVector(key: number): readonly { readonly vec: readonly number[]; readonly time: number }[] {
    return this.stale.frontier(key);
  }

  /** A coordinator on replica `slot` created write `writeId` for `key` with `version`, holding `parent` then, while the replicas in `beaten` (bits by slot) already held something ranked at or above it; its client sent it at `issued`; `fromLog`: through a replication log. */
  onCreated(partition: number, slot: number, key: number, writeId: number, version: Version, parent: number, beaten: number, issued: number, fromLog: boolean, now: number): void {
    const vec = typeof version === 'number' ? null : version;
    this.writes.created(partition, slot, key, writeId, vec ? NaN : (version as number), vec, parent, beaten, issued, fromLog, now);
    this.stale.created(writeId, key);
  }

  /** Replica `slot` (on `node`) now holds (`writeId`, `version`) for `key` instead of (`prevId`, `prevVersion`); or the siblings `held` (vector). `own`: its coordinator storing a new write (not replication work). */
  onChanged(slot: number, node: number, key: number, held: readonly Held[] | null, writeId: number, version: number, prevId: number, prevVersion: number, own: boolean, now: number): void {
    if (!own && now >= this.setup.warmup) this.appliesPerNode[node]!++;
    if (held) this.writes.changedVector(slot, key, held, now);
    else this.writes.changed(slot, key, writeId, version, prevId, prevVersion, now);
  }

  private okAt(kind: number, start: number, sent: number, end: number): void {
    const k = this.byKind[kind]!;
    k.latency.record(end - start);
    if (this.setup.paced) k.service.record(end - sent);
    if (this.lastOk === this.lastOk && end - this.lastOk > this.longestGap) this.longestGap = end - this.lastOk;
    this.lastOk = end;
  }

  /**
   * A successful operation completed at `end`. Throughput counts completions after warm-up, not
   * operations started after it: under saturation the backlog queued during warm-up completes in
   * the measured window, and leaving it out would understate the achieved rate. Returns the
   * series bucket of `end` (-1 during warm-up), for the caller's own series.
   */
  private completedAt(end: number): number {
    if (end < this.setup.warmup) return -1;
    this.completed++;
    const b = this.series.bucket(end);
    this.series.add(S_OPS, b, 1);
    return b;
  }

  private inWindows(start: number, end: number, f: (w: WindowCount) => void): void {
    const ws = this.windows;
    for (let i = 0; i < ws.length; i++) if (start < ws[i]!.end && end >= ws[i]!.start) f(this.windowCounts[i]!);
  }

  /**
   * A read (started at `start`, sent at `sent`, with the snapshot taken when it started) returned
   * (`writeId`, `version`), or the siblings `sibs` (vector), of `bytes` bytes.
   */
  onReadOk(start: number, sent: number, end: number, key: number, snapVersion: number, snapTime: number, snapCount: number, snapVec: readonly { readonly vec: readonly number[]; readonly time: number }[] | null, writeId: number, version: number, sibs: readonly Held[] | null, bytes: number, client = -1, snapSession = 0): void {
    const done = this.completedAt(end);
    if (!this.setup.vector) this.sessions.read(client, key, writeId, version, snapVersion, snapSession, start >= this.setup.warmup);
    if (start < this.setup.warmup) return;
    this.okAt(OP.read, start, sent, end);
    this.bytesRead += bytes;
    this.stale.judge(snapVersion, snapTime, snapCount, snapVec, writeId, version, sibs, start);
    const b = done >= 0 ? done : this.series.bucket(end);
    this.series.add(S_READ_SUM, b, end - start);
    this.series.add(S_READ_N, b, 1);
    if (this.windowCounts.length) this.inWindows(start, end, (w) => w.readOk++);
  }

  /** A scan finished (all its partitions answered). */
  onScanOk(start: number, sent: number, end: number): void {
    this.completedAt(end);
    if (start < this.setup.warmup) return;
    this.okAt(OP.scan, start, sent, end);
    if (this.windowCounts.length) this.inWindows(start, end, (w) => w.readOk++);
  }

  /** A write of kind `kind` (update, insert, or the write of a read-modify-write) by closed-loop client `client` (-1: none) was acknowledged at `end` (the commit). `version`: when no replica reported creating it (a runtime without replica events). */
  onWriteOk(kind: number, start: number, sent: number, end: number, key: number, writeId: number, bytes: number, client: number, version?: Version): void {
    const measured = start >= this.setup.warmup;
    const created = this.writes.acknowledged(writeId, end, measured);
    const v: Version | undefined = created ?? version;
    this.stale.committed(writeId, key, v, end);
    if (typeof v === 'number') this.sessions.committed(writeId, client, key, v, v >= this.stale.maxVersion(key));
    if (created === undefined && version === undefined && measured) this.neverStored.push({ key, writeId, end });
    const done = this.completedAt(end);
    if (!measured) return;
    this.okAt(kind, start, sent, end);
    this.bytesWritten += bytes;
    if (kind !== OP.rmw) {
      const b = done >= 0 ? done : this.series.bucket(end);
      this.series.add(S_WRITE_SUM, b, end - start);
      this.series.add(S_WRITE_N, b, 1);
    }
    if (this.lastWriteOk === this.lastWriteOk && end - this.lastWriteOk > this.longestWriteGap) this.longestWriteGap = end - this.lastWriteOk;
    this.lastWriteOk = end;
    if (this.windowCounts.length) this.writeOkInWindows(start, end);
  }

  /** Counts a successful write in the fault windows it overlaps, and notes the first one started after a window began. */
  private writeOkInWindows(start: number, end: number): void {
    this.inWindows(start, end, (w) => w.writeOk++);
    const ws = this.windows;
    for (let i = 0; i < ws.length; i++) {
      const w = this.windowCounts[i]!;
      if (end >= ws[i]!.start && w.firstWriteOkAfterStart !== w.firstWriteOkAfterStart && start >= ws[i]!.start) w.firstWriteOkAfterStart = end;
    }
  }

  /** Acknowledged writes no replica ever reported creating (lost by definition when replicas report their data). */
  private readonly neverStored: { key: number; writeId: number; end: number }[] = [];

  /** An operation failed or timed out; `writeId` for a write (its client gave up on it). */
  onFailed(kind: number, start: number, end: number, timedOut: boolean, writeId = -1): void {
    if (writeId > 0) this.writes.gaveUp(writeId);
    if (start < this.setup.warmup) return;
    const k = this.byKind[kind]!;
    k.failed++;
    if (timedOut) k.timedOut++;
    const isWrite = kind === OP.update || kind === OP.insert;
    if (isWrite) {
      this.write.failed++;
      if (timedOut) this.write.timedOut++;
    }
    this.series.add(S_FAILED, this.series.bucket(end), 1);
    if (this.windowCounts.length) {
      this.inWindows(start, end, (w) => {
        if (isWrite || kind === OP.rmw) {
          w.writeFailed++;
          if (timedOut) w.writeTimedOut++;
        } else w.readFailed++;
      });
    }
  }

  /** A measured write became visible at a replica at `at` (`own`: the replica that created it); it was committed at `commit`. */
  private visible(own: boolean, at: number, commit: number): void {
    const lag = at > commit ? at - commit : 0;
    if (own) {
      this.visNLeader++;
      this.visBinLeader[this.visBin(lag)]!++;
      return;
    }
    this.visNFollower++;
    this.visBinFollower[this.visBin(lag)]!++;
    this.lag.record(lag);
    this.series.max(S_MAX_LAG, this.series.bucket(at), lag);
  }

  /** The first t of the visibility curve at or above `lag` (visT.length if none). */
  private visBin(lag: number): number {
    const t = this.visT;
    let lo = 0;
    let hi = t.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (t[mid]! >= lag) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /**
   * A replication lag sample measured by a runtime without replica events (a real database's own
   * view, or a write-then-poll probe): `lagUs` µs at virtual or real time `at` (after warm-up only).
   */
  onLagSample(lagUs: number, at: number): void {
    if (at < this.setup.warmup) return;
    const lag = lagUs > 0 ? lagUs : 0;
    this.visNFollower++;
    this.visBinFollower[this.visBin(lag)]!++;
    this.lag.record(lag);
    this.series.max(S_MAX_LAG, this.series.bucket(at), lag);
  }

  /** Adds to a strategy counter (after warm-up only). */
  count(name: string, by: number, now: number): void {
    if (now < this.setup.warmup) return;
    this.counters.set(name, (this.counters.get(name) ?? 0) + by);
  }

  /** A strategy reported a write conflict (after warm-up only). */
  conflict(now: number): void {
    if (now >= this.setup.warmup) this.reportedConflicts++;
  }

  /** Updates and inserts together (their latencies are recorded once, per kind). */
  private writeAggregate(): KindStats {
    const w = this.write;
    for (const k of [this.byKind[OP.update]!, this.byKind[OP.insert]!]) {
      w.latency.add(k.latency);
      w.service.add(k.service);
    }
    return w;
  }

  private opStats(k: KindStats): OpStats {
    const latency = k.latency.summary();
    return { count: k.latency.count, failed: k.failed, timedOut: k.timedOut, latency, serviceTime: this.setup.paced ? k.service.summary() : latency };
  }

  /** A measured acknowledged write's effect is gone: `lost`, or (null) silently overwritten by a concurrent write. */
  private gone(lost: LostWrite | null): void {
    if (lost === null) this.overwritten++;
    else this.lost.push(lost);
  }

  private overwritten = 0;
  private readonly lost: LostWrite[] = [];

  /** Writes still tracked at the end that some replica never held (nor anything newer): censored lag samples. */
  private censor(end: number): void {
    // (A lost write is counted as lost, not as lagging.)
    this.writes.censor(end, (lag) => {
      this.unapplied++;
      this.visNFollower++;
      this.lag.record(lag);
    });
  }

  /** Every lost write, in commit order, once the run is finished (the results list the first 1000). */
  allLost: readonly LostWrite[] = [];

  /** Closes the books at virtual time `end` and returns the metrics (load, saturation and failovers are added by the runtime). */
  finish(end: number, measuredEnd: number, inflight: number, events: number): Omit<CaseMetrics, 'load' | 'saturated' | 'expectations'> {
    this.censor(end);
    for (const w of this.neverStored) this.lost.push({ partition: this.setup.partitionOf?.(w.key) ?? -1, key: w.key, writeId: w.writeId, version: 0, committedAtUs: w.end });
    const lost = this.lost.sort((a, b) => a.committedAtUs - b.committedAtUs || a.writeId - b.writeId);
    this.allLost = lost;
    const seconds = Math.max(0, measuredEnd - this.setup.warmup) / US_PER_S;
    const okOps = this.byKind.reduce((s, k) => s + k.latency.count, 0);
    const failedOps = this.byKind.reduce((s, k) => s + k.failed, 0);
    let fHit = 0;
    let lHit = 0;
    const visPoints = Array.from(this.visT, (t, i) => {
      fHit += this.visBinFollower[i]!;
      lHit += this.visBinLeader[i]!;
      let p: number;
      if (this.setup.reads === 'leader') p = this.visNLeader ? lHit / this.visNLeader : NaN;
      else if (this.setup.reads === 'follower') p = this.visNFollower ? fHit / this.visNFollower : NaN;
      else p = this.visNLeader + this.visNFollower ? (lHit + fHit) / (this.visNLeader + this.visNFollower) : NaN;
      return { t_us: t, p };
    });
    const sr = this.series;
    const n = sr.count(seconds);
    const w = sr.width;
    const opsN = sr.values(S_OPS, n);
    const failedN = sr.values(S_FAILED, n);
    const writeN = sr.values(S_WRITE_N, n);
    const readN = sr.values(S_READ_N, n);
    const timeseries: TimeSeries = {
      bucketSeconds: w,
      ops: opsN.map((o) => o / w),
      failed: failedN.map((f) => f / w),
      availability: opsN.map((o, i) => (o + failedN[i]! > 0 ? o / (o + failedN[i]!) : 1)),
      writeMeanUs: sr.values(S_WRITE_SUM, n).map((s, i) => (writeN[i] ? s / writeN[i]! : 0)),
      readMeanUs: sr.values(S_READ_SUM, n).map((s, i) => (readN[i] ? s / readN[i]! : 0)),
      maxLagUs: sr.values(S_MAX_LAG, n),
    };
    const byKind: Record<string, OpStats> = {};
    OP_KINDS.forEach((name, i) => {
      const k = this.byKind[i]!;
      if (k.latency.count + k.failed > 0) byKind[name] = this.opStats(k);
    });
    // Gaps still open at the end of the run count too.
    const closeGap = (last: number, longest: number) => (last === last ? Math.max(longest, measuredEnd - last) : seconds * US_PER_S);
    const windows: FaultWindow[] = this.windows.map((win, i) => {
      const c = this.windowCounts[i]!;
      return {
        label: win.label,
        kind: win.kind,
        start_s: (win.start - this.setup.warmup) / US_PER_S,
        end_s: (Math.min(win.end, measuredEnd) - this.setup.warmup) / US_PER_S,
        readsOk: c.readOk,
        readsFailed: c.readFailed,
        writesOk: c.writeOk,
        writesFailed: c.writeFailed,
        writesTimedOut: c.writeTimedOut,
        timeToFirstWriteUs: c.firstWriteOkAfterStart === c.firstWriteOkAfterStart ? c.firstWriteOkAfterStart - win.start : null,
      };
    });
    const st = this.stale.summary();
    return {
      measuredSeconds: seconds,
      throughput: seconds > 0 ? this.completed / seconds : 0,
      offered: seconds > 0 ? (this.issued + this.dropped) / seconds : 0,
      dropped: this.dropped,
      ops: { read: this.opStats(this.byKind[OP.read]!), write: this.opStats(this.writeAggregate()), byKind },
      inflightAtEnd: inflight,
      bytes: { written: this.bytesWritten, read: this.bytesRead },
      staleness: st,
      sessions: this.sessions.counts(),
      replicationLag: { lag: this.lag.summary(), unappliedAtEnd: this.unapplied },
      visibility: { reads: this.setup.reads, points: visPoints },
      durability: { lostWrites: lost.length, lost: lost.slice(0, MAX_LOST_LISTED), overwrittenWrites: this.overwritten, conflicts: this.writes.conflictCount + this.reportedConflicts },
      availability: {
        overall: okOps + failedOps > 0 ? okOps / (okOps + failedOps) : 1,
        longestGapUs: closeGap(this.lastOk, this.longestGap),
        longestWriteGapUs: closeGap(this.lastWriteOk, this.longestWriteGap),
      },
      faults: { windows, failovers: [] },
      counters: Object.fromEntries([...this.counters.entries()].sort(([a], [b]) => (a < b ? -1 : 1))),
      timeseries,
      sim: { events, virtualSeconds: end / US_PER_S },
    };
  }
}

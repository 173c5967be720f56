/**
 * The metrics recorder: called by the simulator at each measured moment; does no I/O.
 * Definitions follow DESIGN.md: latency from intended start, commit = client receives the ack,
 * stale read = a newer version was committed before the read started, lag = follower apply
 * time − commit time, t-visibility from the (write, replica) visibility times, lost write = an
 * acknowledged write that is not in the log lineage of the partition's current leader.
 */
import { Histogram } from './histogram.js';
import { IdTable } from './id-table.js';
import type { CaseMetrics, FaultWindow, LostWrite, OpStats, TimeSeries } from './types.js';

const US_PER_S = 1_000_000;

/** Operation kinds, in the order of their codes. */
export const OP_KINDS = ['read', 'update', 'insert', 'scan', 'read-modify-write'] as const;
/** Code of each operation kind. */
export const OP = { read: 0, update: 1, insert: 2, scan: 3, rmw: 4 } as const;

/** What the recorder needs to know about one write until it is committed and applied everywhere. */
interface WriteRec {
  readonly partition: number;
  readonly term: number;
  readonly index: number;
  readonly key: number;
  readonly version: number;
  commit: number;
  measured: boolean;
  applied: number;
  /** Not in the lineage of the current leader: it will never be served again. */
  doomed: boolean;
  /** Apply times (µs) at replicas before the commit was known, with a leader flag. */
  /** When the leader applied it (its own write). */
  readonly leaderApply: number;
  /** Follower apply times (µs) recorded before the commit was known. */
  early: number[] | null;
}

/** Set-up facts the recorder needs. */
export interface RecorderSetup {
  readonly records: number;
  readonly partitions: number;
  readonly replicationFactor: number;
  readonly warmup: number;
  readonly visibility: readonly number[];
  readonly reads: 'leader' | 'follower' | 'any' | 'nearest';
  readonly nodes: number;
  /** Fault windows (absolute µs) to count operations in. */
  readonly windows: readonly { readonly label: string; readonly kind: string; readonly start: number; readonly end: number }[];
}

/** Operation counts per node and partition after warm-up (for load balance). */
export interface LoadCounts {
  /** Client operations served per node. */
  readonly opsPerNode: Float64Array;
  /** Client operations per partition. */
  readonly opsPerPartition: Float64Array;
  /** Replicated entries applied per node (follower work). */
  readonly appliesPerNode: Float64Array;
}

/** A growable per-second series. */
class Series {
  readonly values: number[] = [];
  add(i: number, v: number): void {
    while (this.values.length <= i) this.values.push(0);
    this.values[i]! += v;
  }
  max(i: number, v: number): void {
    while (this.values.length <= i) this.values.push(0);
    if (v > this.values[i]!) this.values[i] = v;
  }
}

interface WindowCount {
  readOk: number;
  readFailed: number;
  writeOk: number;
  writeFailed: number;
  writeTimedOut: number;
  firstWriteOkAfterStart: number;
}

const MAX_LOST_LISTED = 1000;

/** Records one case's metrics. */
export class Recorder {
  private readonly byKind = OP_KINDS.map(() => ({ latency: new Histogram(), service: new Histogram(), failed: 0, timedOut: 0 }));
  private readonly write = { latency: new Histogram(), service: new Histogram(), failed: 0, timedOut: 0 };
  private readonly versionGap = new Histogram();
  private readonly timeGap = new Histogram();
  private readonly lag = new Histogram();
  private unapplied = 0;
  private reads = 0;
  private stale = 0;
  private issued = 0;
  /** Successful operations that completed after warm-up, whenever they started (the achieved rate). */
  private completed = 0;
  private dropped = 0;
  private bytesWritten = 0;
  private bytesRead = 0;
  private readonly counters = new Map<string, number>();
  private maxVersion: Int32Array;
  private maxVersionTime: Float64Array;
  private readonly writes = new IdTable<WriteRec>();
  private readonly visT: Float64Array;
  private readonly visHitFollower: Float64Array;
  private readonly visHitLeader: Float64Array;
  private readonly opsPerNode: Float64Array;
  private readonly opsPerPartition: Float64Array;
  private readonly appliesPerNode: Float64Array;
  private visNFollower = 0;
  private visNLeader = 0;
  private lostCount = 0;
  private readonly lost: LostWrite[] = [];
  private readonly windowCounts: WindowCount[];
  private lastOk = NaN;
  private lastWriteOk = NaN;
  private longestGap = 0;
  private longestWriteGap = 0;
  private readonly series = {
    ops: new Series(),
    failed: new Series(),
    writeSum: new Series(),
    writeN: new Series(),
    readSum: new Series(),
    readN: new Series(),
    maxLag: new Series(),
  };

  constructor(private readonly setup: RecorderSetup) {
    this.maxVersion = new Int32Array(setup.records);
    this.maxVersionTime = new Float64Array(setup.records);
    this.visT = Float64Array.from([...setup.visibility].sort((a, b) => a - b));
    this.visHitFollower = new Float64Array(this.visT.length);
    this.visHitLeader = new Float64Array(this.visT.length);
    this.opsPerNode = new Float64Array(setup.nodes);
    this.opsPerPartition = new Float64Array(setup.partitions);
    this.appliesPerNode = new Float64Array(setup.nodes);
    this.windowCounts = setup.windows.map(() => ({ readOk: 0, readFailed: 0, writeOk: 0, writeFailed: 0, writeTimedOut: 0, firstWriteOkAfterStart: NaN }));
  }

  /** Grows per-key arrays to hold `capacity` keys (inserts extend the keyspace). */
  grow(capacity: number): void {
    if (capacity <= this.maxVersion.length) return;
    const v = new Int32Array(capacity);
    v.set(this.maxVersion);
    const t = new Float64Array(capacity);
    t.set(this.maxVersionTime);
    this.maxVersion = v;
    this.maxVersionTime = t;
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

  /** The newest committed version of `key` (a read's snapshot when it starts). */
  readSnapshot(key: number): number {
    return this.maxVersion[key]!;
  }

  /** Commit time of the newest committed version of `key`. */
  snapshotTime(key: number): number {
    return this.maxVersionTime[key]!;
  }

  private okAt(kind: number, start: number, sent: number, end: number): void {
    const k = this.byKind[kind]!;
    k.latency.record(end - start);
    k.service.record(end - sent);
    if (this.lastOk === this.lastOk && end - this.lastOk > this.longestGap) this.longestGap = end - this.lastOk;
    this.lastOk = end;
  }

  /**
   * A successful operation completed at `end`. Throughput counts completions after warm-up, not
   * operations started after it: under saturation the backlog queued during warm-up completes in
   * the measured window, and leaving it out would understate the achieved rate.
   */
  private completedAt(end: number): void {
    if (end < this.setup.warmup) return;
    this.completed++;
    this.series.ops.add(this.second(end), 1);
  }

  private inWindows(start: number, end: number, f: (w: WindowCount, i: number) => void): void {
    const ws = this.setup.windows;
    for (let i = 0; i < ws.length; i++) if (start < ws[i]!.end && end >= ws[i]!.start) f(this.windowCounts[i]!, i);
  }

  /** A read (started at `start`, sent at `sent`, with snapshot `snapVersion`/`snapTime`) returned `version` of `bytes` bytes. */
  onReadOk(start: number, sent: number, end: number, key: number, snapVersion: number, snapTime: number, version: number, bytes: number): void {
    this.completedAt(end);
    if (start < this.setup.warmup) return;
    this.okAt(OP.read, start, sent, end);
    this.bytesRead += bytes;
    this.reads++;
    if (version < snapVersion) {
      this.stale++;
      this.versionGap.record(snapVersion - version);
      this.timeGap.record(start - snapTime);
    }
    const s = this.second(end);
    this.series.readSum.add(s, end - start);
    this.series.readN.add(s, 1);
    if (this.windowCounts.length) this.inWindows(start, end, (w) => w.readOk++);
  }

  /** A scan finished (all its partitions answered). */
  onScanOk(start: number, sent: number, end: number): void {
    this.completedAt(end);
    if (start < this.setup.warmup) return;
    this.okAt(OP.scan, start, sent, end);
    if (this.windowCounts.length) this.inWindows(start, end, (w) => w.readOk++);
  }

  /** A write of kind `kind` (update, insert, or the write of a read-modify-write) was acknowledged at `end` (the commit). */
  onWriteOk(kind: number, start: number, sent: number, end: number, key: number, version: number, writeId: number, bytes: number): void {
    if (version > this.maxVersion[key]!) {
      this.maxVersion[key] = version;
      this.maxVersionTime[key] = end;
    }
    this.completedAt(end);
    const measured = start >= this.setup.warmup;
    if (measured) {
      this.okAt(kind, start, sent, end);
      this.bytesWritten += bytes;
      if (kind !== OP.rmw) {
        this.write.latency.record(end - start);
        this.write.service.record(end - sent);
        const s = this.second(end);
        this.series.writeSum.add(s, end - start);
        this.series.writeN.add(s, 1);
      }
      if (this.lastWriteOk === this.lastWriteOk && end - this.lastWriteOk > this.longestWriteGap) this.longestWriteGap = end - this.lastWriteOk;
      this.lastWriteOk = end;
      if (this.windowCounts.length) {
        this.inWindows(start, end, (w) => w.writeOk++);
        const ws = this.setup.windows;
        for (let i = 0; i < ws.length; i++) {
          const w = this.windowCounts[i]!;
          if (end >= ws[i]!.start && w.firstWriteOkAfterStart !== w.firstWriteOkAfterStart && start >= ws[i]!.start) w.firstWriteOkAfterStart = end;
        }
      }
    }
    if (writeId < 0) return;
    const rec = this.writes.get(writeId);
    if (!rec || rec.commit === rec.commit) return;
    rec.commit = end;
    rec.measured = measured;
    if (rec.doomed) {
      this.countLost(rec);
      this.writes.delete(writeId);
      return;
    }
    this.lagSample(rec.leaderApply, end, true, measured);
    if (rec.early) {
      for (let i = 0; i < rec.early.length; i++) this.lagSample(rec.early[i]!, end, false, measured);
      rec.early = null;
    }
    if (rec.applied >= this.setup.replicationFactor) this.writes.delete(writeId);
  }

  /** An operation failed or timed out. */
  onFailed(kind: number, start: number, end: number, timedOut: boolean): void {
    if (start < this.setup.warmup) return;
    const k = this.byKind[kind]!;
    k.failed++;
    if (timedOut) k.timedOut++;
    const isWrite = kind === OP.update || kind === OP.insert;
    if (isWrite) {
      this.write.failed++;
      if (timedOut) this.write.timedOut++;
    }
    this.series.failed.add(this.second(end), 1);
    if (this.windowCounts.length) {
      this.inWindows(start, end, (w) => {
        if (isWrite || kind === OP.rmw) {
          w.writeFailed++;
          if (timedOut) w.writeTimedOut++;
        } else w.readFailed++;
      });
    }
  }

  /** The leader of `partition` (term `term`) appended and applied a new write; `stale` when a newer term already exists. */
  onLeaderWrite(id: number, partition: number, term: number, index: number, key: number, version: number, now: number, stale: boolean): void {
    this.writes.set(id, { partition, term, index, key, version, commit: NaN, measured: false, applied: 1, doomed: stale, leaderApply: now, early: null });
  }

  /** A follower on `node` applied write `id` at `now` (the leader's own apply is recorded by onLeaderWrite). */
  onApply(id: number, now: number, node: number): void {
    if (now >= this.setup.warmup) this.appliesPerNode[node]!++;
    const rec = this.writes.get(id);
    if (!rec) return;
    rec.applied++;
    if (rec.doomed) return;
    if (rec.commit !== rec.commit) {
      (rec.early ??= []).push(now);
      return;
    }
    this.lagSample(now, rec.commit, false, rec.measured);
    if (rec.applied >= this.setup.replicationFactor) this.writes.delete(id);
  }

  /** A replica rolled write `id` back. */
  onDiscard(id: number): void {
    const rec = this.writes.get(id);
    if (rec) rec.applied--;
  }

  /** A new leader took over `partition` in term `newTerm` with log end `base`: writes of older terms above `base` are lost to it. */
  onPromotion(partition: number, newTerm: number, base: number): number {
    let lost = 0;
    for (const [id, rec] of this.writes.entries()) {
      if (rec.partition !== partition || rec.doomed || rec.term >= newTerm || rec.index <= base) continue;
      rec.doomed = true;
      if (rec.commit === rec.commit) {
        if (rec.measured) lost++;
        this.countLost(rec);
        this.writes.delete(id);
      }
    }
    return lost;
  }

  private countLost(rec: WriteRec): void {
    if (!rec.measured) return;
    this.lostCount++;
    if (this.lost.length < MAX_LOST_LISTED) this.lost.push({ partition: rec.partition, key: rec.key, version: rec.version, term: rec.term, index: rec.index, committedAtUs: rec.commit });
  }

  private lagSample(applyTime: number, commit: number, isLeader: boolean, measured: boolean): void {
    if (!measured) return;
    const lag = applyTime > commit ? applyTime - commit : 0;
    const t = this.visT;
    if (isLeader) {
      this.visNLeader++;
      for (let i = 0; i < t.length; i++) if (lag <= t[i]!) this.visHitLeader[i]!++;
      return;
    }
    this.visNFollower++;
    for (let i = 0; i < t.length; i++) if (lag <= t[i]!) this.visHitFollower[i]!++;
    this.lag.record(lag);
    this.series.maxLag.max(this.second(applyTime), lag);
  }

  /** Adds to a strategy counter (after warm-up only). */
  count(name: string, by: number, now: number): void {
    if (now < this.setup.warmup) return;
    this.counters.set(name, (this.counters.get(name) ?? 0) + by);
  }

  private second(t: number): number {
    return Math.max(0, Math.floor((t - this.setup.warmup) / US_PER_S));
  }

  private opStats(k: { latency: Histogram; service: Histogram; failed: number; timedOut: number }): OpStats {
    return { count: k.latency.count, failed: k.failed, timedOut: k.timedOut, latency: k.latency.summary(), serviceTime: k.service.summary() };
  }

  /** Closes the books at virtual time `end` and returns the metrics (load and fault details are added by the simulator). */
  finish(end: number, measuredEnd: number, inflight: number, events: number): Omit<CaseMetrics, 'load' | 'saturated'> {
    // Committed writes that some replica never applied: censored at end − commit.
    for (const rec of this.writes.values()) {
      if (rec.commit !== rec.commit || !rec.measured || rec.doomed) continue;
      const missing = this.setup.replicationFactor - rec.applied;
      for (let i = 0; i < missing; i++) {
        this.unapplied++;
        this.visNFollower++;
        this.lag.record(end - rec.commit);
      }
    }
    const seconds = Math.max(0, measuredEnd - this.setup.warmup) / US_PER_S;
    const okOps = this.byKind.reduce((s, k) => s + k.latency.count, 0);
    const failedOps = this.byKind.reduce((s, k) => s + k.failed, 0);
    const visPoints = Array.from(this.visT, (t, i) => {
      const fHit = this.visHitFollower[i]!;
      const lHit = this.visHitLeader[i]!;
      let p: number;
      if (this.setup.reads === 'leader') p = this.visNLeader ? lHit / this.visNLeader : NaN;
      else if (this.setup.reads === 'follower') p = this.visNFollower ? fHit / this.visNFollower : NaN;
      else p = this.visNLeader + this.visNFollower ? (lHit + fHit) / (this.visNLeader + this.visNFollower) : NaN;
      return { t_us: t, p };
    });
    const sr = this.series;
    const nSec = Math.ceil(seconds);
    const pad = (a: number[]) => Array.from({ length: nSec }, (_, i) => a[i] ?? 0);
    const ops = pad(sr.ops.values);
    const failed = pad(sr.failed.values);
    const timeseries: TimeSeries = {
      ops,
      failed,
      availability: ops.map((o, i) => (o + failed[i]! > 0 ? o / (o + failed[i]!) : 1)),
      writeMeanUs: pad(sr.writeSum.values).map((s, i) => (sr.writeN.values[i] ? s / sr.writeN.values[i]! : 0)),
      readMeanUs: pad(sr.readSum.values).map((s, i) => (sr.readN.values[i] ? s / sr.readN.values[i]! : 0)),
      maxLagUs: pad(sr.maxLag.values),
    };
    const byKind: Record<string, OpStats> = {};
    OP_KINDS.forEach((name, i) => {
      const k = this.byKind[i]!;
      if (k.latency.count + k.failed > 0) byKind[name] = this.opStats(k);
    });
    // Gaps still open at the end of the run count too.
    const closeGap = (last: number, longest: number) => (last === last ? Math.max(longest, measuredEnd - last) : seconds * US_PER_S);
    const windows: FaultWindow[] = this.setup.windows.map((w, i) => {
      const c = this.windowCounts[i]!;
      return {
        label: w.label,
        kind: w.kind,
        start_s: (w.start - this.setup.warmup) / US_PER_S,
        end_s: (Math.min(w.end, measuredEnd) - this.setup.warmup) / US_PER_S,
        readsOk: c.readOk,
        readsFailed: c.readFailed,
        writesOk: c.writeOk,
        writesFailed: c.writeFailed,
        writesTimedOut: c.writeTimedOut,
        timeToFirstWriteUs: c.firstWriteOkAfterStart === c.firstWriteOkAfterStart ? c.firstWriteOkAfterStart - w.start : null,
      };
    });
    return {
      measuredSeconds: seconds,
      throughput: seconds > 0 ? this.completed / seconds : 0,
      offered: seconds > 0 ? (this.issued + this.dropped) / seconds : 0,
      dropped: this.dropped,
      ops: { read: this.opStats(this.byKind[OP.read]!), write: this.opStats(this.write), byKind },
      inflightAtEnd: inflight,
      bytes: { written: this.bytesWritten, read: this.bytesRead },
      staleness: {
        reads: this.reads,
        stale: this.stale,
        fraction: this.reads ? this.stale / this.reads : 0,
        versionGap: this.versionGap.summary(),
        timeGap: this.timeGap.summary(),
      },
      replicationLag: { lag: this.lag.summary(), unappliedAtEnd: this.unapplied },
      visibility: { reads: this.setup.reads, points: visPoints },
      durability: { lostWrites: this.lostCount, lost: this.lost },
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

/**
 * The metrics recorder: called by the simulator at each measured moment; does no I/O.
 * Definitions follow DESIGN.md: latency from intended start, commit = client receives the ack,
 * stale read = a newer version was committed before the read started, lag = follower apply
 * time − commit time, t-visibility from the (write, replica) visibility times.
 */
import { Histogram } from './histogram.js';
import type { CaseMetrics, TimeSeries } from './types.js';

const US_PER_S = 1_000_000;

/** What the recorder needs to know about one write until it is committed and applied everywhere. */
interface WriteRec {
  readonly key: number;
  readonly version: number;
  commit: number;
  measured: boolean;
  applied: number;
  /** Apply times (µs) at replicas before the commit was known, with a leader flag. */
  early: number[] | null;
  earlyLeader: boolean[] | null;
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

/** Records one case's metrics. */
export class Recorder {
  private readonly latency = { read: new Histogram(), write: new Histogram() };
  private readonly failed = { read: 0, write: 0 };
  private readonly timedOut = { read: 0, write: 0 };
  private readonly versionGap = new Histogram();
  private readonly timeGap = new Histogram();
  private readonly lag = new Histogram();
  private unapplied = 0;
  private reads = 0;
  private stale = 0;
  private issued = 0;
  private readonly counters = new Map<string, number>();
  private readonly maxVersion: Int32Array;
  private readonly maxVersionTime: Float64Array;
  private readonly writes: Map<number, WriteRec>[] = [];
  private readonly visT: Float64Array;
  private readonly visHitFollower: Float64Array;
  private readonly visHitLeader: Float64Array;
  private readonly opsPerNode: Float64Array;
  private readonly opsPerPartition: Float64Array;
  private readonly appliesPerNode: Float64Array;
  private visNFollower = 0;
  private visNLeader = 0;
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
    for (let p = 0; p < setup.partitions; p++) this.writes.push(new Map());
    this.visT = Float64Array.from([...setup.visibility].sort((a, b) => a - b));
    this.visHitFollower = new Float64Array(this.visT.length);
    this.visHitLeader = new Float64Array(this.visT.length);
    this.opsPerNode = new Float64Array(setup.nodes);
    this.opsPerPartition = new Float64Array(setup.partitions);
    this.appliesPerNode = new Float64Array(setup.nodes);
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

  /** Whether an operation intended to start at `t` is measured (after warm-up). */
  measured(t: number): boolean {
    return t >= this.setup.warmup;
  }

  /** An operation was issued (for the offered rate). */
  onIssue(intended: number): void {
    if (intended >= this.setup.warmup) this.issued++;
  }

  /** Snapshot a read takes when it starts: the newest committed version of `key` and its commit time. */
  readSnapshot(key: number): number {
    return this.maxVersion[key]!;
  }

  /** A read that started at `start` (with snapshot `snapVersion`) returned `version`. */
  onReadOk(start: number, end: number, key: number, snapVersion: number, snapTime: number, version: number): void {
    if (start < this.setup.warmup) return;
    this.latency.read.record(end - start);
    this.reads++;
    if (version < snapVersion) {
      this.stale++;
      this.versionGap.record(snapVersion - version);
      this.timeGap.record(start - snapTime);
    }
    const s = this.second(end);
    this.series.ops.add(s, 1);
    this.series.readSum.add(s, end - start);
    this.series.readN.add(s, 1);
  }

  /** Commit time of the newest committed version of `key` (for a read's snapshot). */
  snapshotTime(key: number): number {
    return this.maxVersionTime[key]!;
  }

  /** A write was acknowledged to its client at `end` (the commit). */
  onWriteOk(start: number, end: number, partition: number, key: number, version: number, index: number | undefined): void {
    if (version > this.maxVersion[key]!) {
      this.maxVersion[key] = version;
      this.maxVersionTime[key] = end;
    }
    const measured = start >= this.setup.warmup;
    if (measured) {
      this.latency.write.record(end - start);
      const s = this.second(end);
      this.series.ops.add(s, 1);
      this.series.writeSum.add(s, end - start);
      this.series.writeN.add(s, 1);
    }
    if (index === undefined) return;
    const map = this.writes[partition]!;
    const rec = map.get(index);
    if (!rec || rec.commit === rec.commit) return;
    rec.commit = end;
    rec.measured = measured;
    if (rec.early) {
      for (let i = 0; i < rec.early.length; i++) this.lagSample(rec.early[i]!, end, rec.earlyLeader![i]!, measured);
      rec.early = null;
      rec.earlyLeader = null;
    }
    if (rec.applied === this.setup.replicationFactor) map.delete(index);
  }

  /** An operation failed or timed out. */
  onFailed(op: 'read' | 'write', start: number, end: number, timedOut: boolean): void {
    if (start < this.setup.warmup) return;
    this.failed[op]++;
    if (timedOut) this.timedOut[op]++;
    this.series.failed.add(this.second(end), 1);
  }

  /** The leader appended (and applied) a new write. */
  onLeaderWrite(partition: number, index: number, key: number, version: number, now: number): void {
    this.writes[partition]!.set(index, { key, version, commit: NaN, measured: false, applied: 1, early: [now], earlyLeader: [true] });
  }

  /** A replica applied log entry `index` of `partition` at `now`. */
  onApply(partition: number, index: number, now: number, isLeader: boolean, node: number): void {
    if (now >= this.setup.warmup) this.appliesPerNode[node]!++;
    const map = this.writes[partition]!;
    const rec = map.get(index);
    if (!rec) return;
    rec.applied++;
    if (rec.commit !== rec.commit) {
      (rec.early ??= []).push(now);
      (rec.earlyLeader ??= []).push(isLeader);
      return;
    }
    this.lagSample(now, rec.commit, isLeader, rec.measured);
    if (rec.applied >= this.setup.replicationFactor) map.delete(index);
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

  /** Closes the books at virtual time `end` and returns the metrics. */
  finish(end: number, measuredEnd: number, inflight: number, events: number): Omit<CaseMetrics, 'load'> {
    // Committed writes that some replica never applied: censored at end − commit.
    for (const map of this.writes) {
      for (const rec of map.values()) {
        if (rec.commit !== rec.commit || !rec.measured) continue;
        const missing = this.setup.replicationFactor - rec.applied;
        for (let i = 0; i < missing; i++) {
          this.unapplied++;
          this.visNFollower++;
          this.lag.record(end - rec.commit);
        }
      }
    }
    const seconds = Math.max(0, measuredEnd - this.setup.warmup) / US_PER_S;
    const ok = this.latency.read.count + this.latency.write.count;
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
    const timeseries: TimeSeries = {
      ops: pad(sr.ops.values),
      failed: pad(sr.failed.values),
      writeMeanUs: pad(sr.writeSum.values).map((s, i) => (sr.writeN.values[i] ? s / sr.writeN.values[i]! : 0)),
      readMeanUs: pad(sr.readSum.values).map((s, i) => (sr.readN.values[i] ? s / sr.readN.values[i]! : 0)),
      maxLagUs: pad(sr.maxLag.values),
    };
    return {
      measuredSeconds: seconds,
      throughput: seconds > 0 ? ok / seconds : 0,
      offered: seconds > 0 ? this.issued / seconds : 0,
      ops: {
        read: { count: this.latency.read.count, failed: this.failed.read, timedOut: this.timedOut.read, latency: this.latency.read.summary() },
        write: { count: this.latency.write.count, failed: this.failed.write, timedOut: this.timedOut.write, latency: this.latency.write.summary() },
      },
      inflightAtEnd: inflight,
      staleness: {
        reads: this.reads,
        stale: this.stale,
        fraction: this.reads ? this.stale / this.reads : 0,
        versionGap: this.versionGap.summary(),
        timeGap: this.timeGap.summary(),
      },
      replicationLag: { lag: this.lag.summary(), unappliedAtEnd: this.unapplied },
      visibility: { reads: this.setup.reads, points: visPoints },
      counters: Object.fromEntries([...this.counters.entries()].sort(([a], [b]) => (a < b ? -1 : 1))),
      timeseries,
      sim: { events, virtualSeconds: end / US_PER_S },
    };
  }
}

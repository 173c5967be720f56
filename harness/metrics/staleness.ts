/**
 * Stale reads: a read that started at t is stale when it returned a write while a write to the
 * same key that supersedes it (by the strategy's version order) had been committed before t. The
 * version gap (k-staleness) is how many writes to the key were committed after the one returned
 * and before t, counted by commit sequence; the time gap is how long the newest committed version
 * had been committed when the read started.
 */
import { dominates, type Held, type Version } from '../runtime/contract.js';
import { Histogram, type HistogramSummary } from './histogram.js';
import { IntById } from './int-by-id.js';
import { grown } from '../typed-arrays.js';

/** A committed version of a key (vector order). */
export interface CommittedVector {
  readonly vec: readonly number[];
  readonly time: number;
}

/** Largest k of the k-staleness counts reported. */
export const K_MAX = 8;
const EMPTY: readonly CommittedVector[] = Object.freeze([]);

/** Buffered event kinds, numbers per event record, records per batch. */
const EV_SEQ = 0;
const EV_JUDGE = 1;
const RECORD = 7;
const BATCH = 1024;

/** Judges reads against the writes committed before they started. */
export class StalenessJudge {
  private maxV: Float64Array;
  private maxT: Float64Array;
  private count: Int32Array;
  /** Per write id, the commit sequence of its key when it committed (or when it was created, until then). */
  private readonly seq = new IntById();
  private readonly vecs = new Map<number, readonly CommittedVector[]>();
  /**
   * Judgements and sequence updates not applied yet, RECORD numbers each, in order (a judgement
   * reads the sequence of the write returned as it was when the read completed); the per-key
   * snapshot arrays are updated at once. The hot path only appends; a batch is applied in one loop.
   */
  private readonly events = new Float64Array(BATCH * RECORD);
  private readonly snapVecs: (readonly CommittedVector[] | null)[] = new Array<null>(BATCH).fill(null);
  private readonly sibs: (readonly Held[] | null)[] = new Array<null>(BATCH).fill(null);
  private pending = 0;
  private reads = 0;
  private stale = 0;
  private readonly versionGap = new Histogram();
  /** Stale reads at least k versions behind, for k = 1..K_MAX (index k − 1). */
  private readonly behind = new Float64Array(K_MAX);
  private readonly timeGap = new Histogram();

  constructor(
    records: number,
    private readonly vector: boolean,
  ) {
    this.maxV = new Float64Array(records);
    this.maxT = new Float64Array(records);
    this.count = new Int32Array(records);
  }

  /** Grows per-key arrays to `capacity` keys. */
  grow(capacity: number): void {
    if (capacity <= this.maxV.length) return;
    this.maxV = grown(this.maxV, capacity);
    this.maxT = grown(this.maxT, capacity);
    this.count = grown(this.count, capacity);
  }

  /** The newest committed numeric version of `key`. */
  maxVersion(key: number): number {
    return this.maxV[key]!;
  }

  /** When the newest committed version of `key` committed. */
  maxTime(key: number): number {
    return this.maxT[key]!;
  }

  /** Writes to `key` committed so far. */
  commits(key: number): number {
    return this.count[key]!;
  }

  /** The committed versions of `key` no other committed version dominates (vector order). */
  frontier(key: number): readonly CommittedVector[] {
    return this.vecs.get(key) ?? EMPTY;
  }

  /** Write `id` to `key` was created (before its commit, its sequence is the key's commit count now). */
  created(id: number, key: number): void {
    this.setSeq(id, this.count[key]!);
  }

  /** Sets write `id`'s commit sequence, in order with the buffered judgements. */
  private setSeq(id: number, seq: number): void {
    const b = this.take(null, null);
    const e = this.events;
    e[b] = EV_SEQ;
    e[b + 1] = id;
    e[b + 2] = seq;
  }

  /** The offset of a free event record (applying the buffered ones first when the buffer is full), with the objects that go beside it. */
  private take(snapVec: readonly CommittedVector[] | null, sibs: readonly Held[] | null): number {
    if (this.pending === BATCH) this.flush();
    const r = this.pending++;
    this.snapVecs[r] = snapVec;
    this.sibs[r] = sibs;
    return r * RECORD;
  }

  /** Applies the buffered events in order. */
  private flush(): void {
    const e = this.events;
    const n = this.pending;
    this.pending = 0;
    for (let r = 0; r < n; r++) {
      const b = r * RECORD;
      if (e[b] === EV_SEQ) this.seq.set(e[b + 1]!, e[b + 2]!);
      else {
        this.applyJudge(e[b + 1]!, e[b + 2]!, e[b + 3]!, this.snapVecs[r]!, e[b + 4]!, e[b + 5]!, this.sibs[r]!, e[b + 6]!);
        this.snapVecs[r] = null;
        this.sibs[r] = null;
      }
    }
  }

  /** Write `id` to `key` with `version` (undefined if unknown) committed at `at`. */
  committed(id: number, key: number, version: Version | undefined, at: number): void {
    this.setSeq(id, ++this.count[key]!);
    if (version === undefined) return;
    if (typeof version === 'number') {
      if (version > this.maxV[key]!) {
        this.maxV[key] = version;
        this.maxT[key] = at;
      }
      return;
    }
    const cur = this.vecs.get(key) ?? EMPTY;
    if (cur.some((c) => dominates(c.vec, version) || sameEntries(c.vec, version))) return;
    const next = cur.filter((c) => !dominates(version, c.vec));
    next.push({ vec: version, time: at });
    this.vecs.set(key, Object.freeze(next));
    if (at > this.maxT[key]!) this.maxT[key] = at;
  }

  /** Judges a read that started at `start` with the given snapshot of its key and returned (`writeId`, `version`) or the siblings `sibs`. */
  judge(snapVersion: number, snapTime: number, snapCount: number, snapVec: readonly CommittedVector[] | null, writeId: number, version: number, sibs: readonly Held[] | null, start: number): void {
    const b = this.take(snapVec, sibs);
    const e = this.events;
    e[b] = EV_JUDGE;
    e[b + 1] = snapVersion;
    e[b + 2] = snapTime;
    e[b + 3] = snapCount;
    e[b + 4] = writeId;
    e[b + 5] = version;
    e[b + 6] = start;
  }

  private applyJudge(snapVersion: number, snapTime: number, snapCount: number, snapVec: readonly CommittedVector[] | null, writeId: number, version: number, sibs: readonly Held[] | null, start: number): void {
    this.reads++;
    let isStale: boolean;
    let newest = snapTime;
    let seq = this.seq.get(writeId);
    if (!this.vector) isStale = version < snapVersion;
    else {
      isStale = false;
      newest = 0;
      const returned = sibs ?? [];
      for (const c of snapVec ?? EMPTY) {
        if (returned.some((h) => dominates(c.vec, h.version as readonly number[]))) {
          isStale = true;
          if (c.time > newest) newest = c.time;
        }
      }
      for (const h of returned) seq = Math.max(seq, this.seq.get(h.writeId));
    }
    if (!isStale) return;
    this.stale++;
    const gap = Math.max(1, snapCount - seq);
    this.versionGap.record(gap);
    for (let k = 0; k < K_MAX && k < gap; k++) this.behind[k]!++;
    this.timeGap.record(start - newest);
  }

  /** The staleness metrics. */
  summary(): { reads: number; stale: number; fraction: number; behind: number[]; versionGap: HistogramSummary; timeGap: HistogramSummary } {
    this.flush();
    const behind = Array.from(this.behind, (c) => (this.reads ? c / this.reads : 0));
    return { reads: this.reads, stale: this.stale, fraction: this.reads ? this.stale / this.reads : 0, behind, versionGap: this.versionGap.summary(), timeGap: this.timeGap.summary() };
  }
}

function sameEntries(a: readonly number[], b: readonly number[]): boolean {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return false;
  return true;
}

/**
 * Session anomalies of replication lag, per closed-loop client (a session): its reads are judged
 * against its own history and what it has observed.
 * - read-your-writes: a read of a key returns a version older than the client's own latest
 *   acknowledged write to it;
 * - monotonic reads: a read of a key returns a version older than one the client read before;
 * - consistent prefix: a read of a key returns a version older than the newest write to it
 *   committed before the read started, while the client had already observed a later write by
 *   that write's own client (it sees the effect of a writer's later write but not of an earlier
 *   one: an answer before its question).
 * Versions compare by the strategy's numeric order (counter, last-writer-wins); under version
 * vectors these are not judged. Open-loop arrivals have no session.
 */
import { IntById } from './int-by-id.js';

/**
 * Per-key versions of one session: a dense array (NaN = none) while clients × keys stays small,
 * a map otherwise (memory stays bounded by what the session touched).
 */
class KeyVersions {
  private dense: Float64Array | null;
  private readonly sparse: Map<number, number> | null;
  constructor(capacity: number, dense: boolean) {
    this.dense = dense ? new Float64Array(capacity).fill(NaN) : null;
    this.sparse = dense ? null : new Map();
  }
  get(key: number): number {
    if (this.dense) return key < this.dense.length ? this.dense[key]! : NaN;
    return this.sparse!.get(key) ?? NaN;
  }
  set(key: number, v: number): void {
    if (this.dense) {
      if (key >= this.dense.length) {
        const d = new Float64Array(Math.max(key + 1, this.dense.length * 2)).fill(NaN);
        d.set(this.dense);
        this.dense = d;
      }
      this.dense[key] = v;
    } else this.sparse!.set(key, v);
  }
}

/** Dense per-session arrays while sessions × keys stays under this many entries. */
const DENSE_LIMIT = 1 << 22;

/** One session's memory. */
interface Session {
  /** Seq of this client's latest write (its writes are numbered from 1 as issued). */
  seq: number;
  /** Version of its latest acknowledged write, per key. */
  readonly own: KeyVersions;
  /** Newest version it has read, per key. */
  readonly read: KeyVersions;
  /** Highest write seq it has observed, per writer (client index; grown as writers appear). */
  seen: Int32Array;
}

/** Counts of session anomalies among the reads of sessions (after warm-up). */
export interface SessionCounts {
  readonly reads: number;
  readonly readYourWrites: number;
  readonly monotonicReads: number;
  readonly consistentPrefix: number;
}

/** Tracks sessions and counts their anomalies. */
export class SessionTracker {
  private readonly sessions: (Session | undefined)[] = [];
  /** Per write id, its writer (client + 1; 0: none) at 2·id and its seq at 2·id + 1 (one lookup finds both). */
  private readonly writes = new IntById(2);
  /** The newest committed write of each key: its writer (client + 1) and seq. */
  private keyWriter: Int32Array;
  private keySeq: Int32Array;
  private reads = 0;
  private ryw = 0;
  private mr = 0;
  private cp = 0;

  constructor(
    private records: number,
    /** Closed-loop clients (sessions) the run has, to size per-session arrays. */
    private readonly clients = 0,
  ) {
    this.keyWriter = new Int32Array(records);
    this.keySeq = new Int32Array(records);
  }

  /** Grows per-key arrays to `capacity` keys. */
  grow(capacity: number): void {
    if (capacity <= this.keyWriter.length) return;
    this.records = capacity;
    const w = new Int32Array(capacity);
    w.set(this.keyWriter);
    const q = new Int32Array(capacity);
    q.set(this.keySeq);
    this.keyWriter = w;
    this.keySeq = q;
  }

  private session(client: number): Session {
    let s = this.sessions[client];
    if (!s) {
      while (this.sessions.length <= client) this.sessions.push(undefined);
      const dense = Math.max(1, this.clients) * this.records <= DENSE_LIMIT;
      s = { seq: 0, own: new KeyVersions(this.records, dense), read: new KeyVersions(this.records, dense), seen: new Int32Array(Math.max(1, this.clients)) };
      this.sessions[client] = s;
    }
    return s;
  }

  /** Client `client` issued write `id`. */
  issued(id: number, client: number): void {
    if (client < 0) return;
    this.writes.set2(id, client + 1, ++this.session(client).seq);
  }

  /** Write `id` to `key` (of `version`) was acknowledged to its client; `newest`: it is now the key's newest committed write. */
  committed(id: number, key: number, version: number, newest: boolean): void {
    const w = this.writes.get(id, 0);
    if (newest) {
      this.keyWriter[key] = w;
      this.keySeq[key] = this.writes.get(id, 1);
    }
    if (w === 0) return;
    const own = this.session(w - 1).own;
    const prev = own.get(key);
    if (!(version <= prev)) own.set(key, version);
  }

  /** The newest committed write of `key` as (writer + 1, seq), packed for a read's snapshot. */
  snapshot(key: number): number {
    return this.keyWriter[key]! * 2 ** 31 + this.keySeq[key]!;
  }

  /** Client `client` read `key` and got write `id` of `version`; `newestVersion` and `snap` describe the newest write committed before the read started; `measured`: after warm-up. */
  read(client: number, key: number, id: number, version: number, newestVersion: number, snap: number, measured: boolean): void {
    if (client < 0) return;
    const s = this.session(client);
    if (measured) {
      this.reads++;
      if (version < s.own.get(key)) this.ryw++;
      if (version < s.read.get(key)) this.mr++;
      if (version < newestVersion && snap > 0) {
        const writer = Math.floor(snap / 2 ** 31) - 1;
        const wseq = snap % 2 ** 31;
        if (writer >= 0 && writer < s.seen.length && s.seen[writer]! > wseq) this.cp++;
      }
    }
    const last = s.read.get(key);
    if (!(version <= last)) s.read.set(key, version);
    const w = this.writes.get(id, 0);
    if (w > 0) {
      const q = this.writes.get(id, 1);
      if (w > s.seen.length) {
        const grown = new Int32Array(Math.max(w, 2 * s.seen.length));
        grown.set(s.seen);
        s.seen = grown;
      }
      if (s.seen[w - 1]! < q) s.seen[w - 1] = q;
    }
  }

  /** The counts. */
  counts(): SessionCounts {
    return { reads: this.reads, readYourWrites: this.ryw, monotonicReads: this.mr, consistentPrefix: this.cp };
  }
}

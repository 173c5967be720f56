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
import { grown } from '../typed-arrays.js';

/** Dense per-session arrays while sessions × keys stays under this many entries. */
const DENSE_LIMIT = 1 << 22;

/** Counts of session anomalies among the reads of sessions (after warm-up). */
export interface SessionCounts {
  readonly reads: number;
  readonly readYourWrites: number;
  readonly monotonicReads: number;
  readonly consistentPrefix: number;
}

/** Buffered events (see SessionTracker.events): their kinds, numbers per record, records per batch. */
const ISSUED = 0;
const COMMITTED = 1;
const READ = 2;
const READ_MEASURED = 3;
const RECORD = 8;
const BATCH = 4096;

/** Write ids stay below this (the snapshot packs writer and id into one number). */
const ID_SCALE = 2 ** 32;

/**
 * Tracks sessions and counts their anomalies. Per (session, key) it keeps two versions (its own
 * latest acknowledged write, the newest it has read): in two flat arrays indexed
 * session·stride + key (NaN = none) while sessions × keys stays small, in maps per session
 * otherwise (memory stays bounded by what each session touched).
 */
export class SessionTracker {
  /** Per write id, its writer (client + 1; 0: none). */
  private readonly writers = new IntById();
  /** The newest committed write of each key: its writer (client + 1) and its id. */
  private keyWriter: Int32Array;
  private keyWrite: Float64Array;
  private dense: boolean;
  /** Keys per session row of the dense arrays. */
  private stride: number;
  private own: Float64Array;
  private readv: Float64Array;
  private readonly ownMap: Map<number, number>[] = [];
  private readonly readMap: Map<number, number>[] = [];
  /** Per session, the highest write id it has observed per writer (client index; grown as writers appear). A writer's ids grow in the order it issues its writes, so they order its writes as a per-writer count would. */
  private readonly seen: (Float64Array | undefined)[] = [];
  /** Sessions the dense arrays have rows for. */
  private rows: number;
  /**
   * Events not applied yet, RECORD numbers each: the hot path only appends (small enough to
   * inline where the recorder is called), and a batch is applied in one tight loop. Snapshots
   * read only the per-key arrays, which are updated at once.
   */
  private readonly events = new Float64Array(BATCH * RECORD);
  private pending = 0;
  private reads = 0;
  private ryw = 0;
  private mr = 0;
  private cp = 0;

  constructor(
    records: number,
    /** Closed-loop clients (sessions) the run has, to size per-session arrays. */
    private readonly clients = 0,
    /** Session·key entries beyond which the per-session maps replace the dense arrays. */
    private readonly denseLimit = DENSE_LIMIT,
  ) {
    this.keyWriter = new Int32Array(records);
    this.keyWrite = new Float64Array(records);
    this.rows = clients;
    this.dense = Math.max(1, clients) * records <= denseLimit;
    this.stride = this.dense ? records : 0;
    this.own = new Float64Array(this.dense ? clients * records : 0).fill(NaN);
    this.readv = new Float64Array(this.dense ? clients * records : 0).fill(NaN);
  }

  /** Grows per-key arrays to `capacity` keys. */
  grow(capacity: number): void {
    if (capacity > this.keyWriter.length) {
      this.keyWriter = grown(this.keyWriter, capacity);
      this.keyWrite = grown(this.keyWrite, capacity);
    }
    if (this.dense && capacity > this.stride) this.reshape(this.rows, capacity);
  }

  /** Re-lays the dense arrays out as `rows` sessions of `stride` keys (as maps once that is past the dense limit). */
  private reshape(rows: number, stride: number): void {
    if (rows * stride > this.denseLimit) {
      this.toSparse(rows);
      return;
    }
    const own = new Float64Array(rows * stride).fill(NaN);
    const readv = new Float64Array(rows * stride).fill(NaN);
    for (let r = 0; r < this.rows; r++) {
      own.set(this.own.subarray(r * this.stride, (r + 1) * this.stride), r * stride);
      readv.set(this.readv.subarray(r * this.stride, (r + 1) * this.stride), r * stride);
    }
    this.own = own;
    this.readv = readv;
    this.rows = rows;
    this.stride = stride;
  }

  /** Moves every session's versions from the dense arrays into per-session maps (`rows` of them). */
  private toSparse(rows: number): void {
    for (let r = 0; r < rows; r++) {
      const own = new Map<number, number>();
      const read = new Map<number, number>();
      for (let k = 0; r < this.rows && k < this.stride; k++) {
        const o = this.own[r * this.stride + k]!;
        if (o === o) own.set(k, o);
        const v = this.readv[r * this.stride + k]!;
        if (v === v) read.set(k, v);
      }
      this.ownMap.push(own);
      this.readMap.push(read);
    }
    this.dense = false;
    this.own = this.readv = new Float64Array(0);
    this.rows = rows;
    this.stride = 0;
  }

  /** Makes room for session `client` (beyond the clients announced: rare). */
  private admit(client: number): void {
    if (this.dense) {
      if (client >= this.rows) this.reshape(Math.max(client + 1, 2 * this.rows), this.stride);
    } else {
      while (this.ownMap.length <= client) {
        this.ownMap.push(new Map());
        this.readMap.push(new Map());
      }
    }
  }

  private ownOf(client: number, key: number): number {
    if (this.dense) return key < this.stride ? this.own[client * this.stride + key]! : NaN;
    return this.ownMap[client]!.get(key) ?? NaN;
  }

  private readOf(client: number, key: number): number {
    if (this.dense) return key < this.stride ? this.readv[client * this.stride + key]! : NaN;
    return this.readMap[client]!.get(key) ?? NaN;
  }

  /** Client `client` issued write `id`. */
  issued(id: number, client: number): void {
    if (client < 0) return;
    if (id >= ID_SCALE) throw new RangeError(`session tracking: write id ${id} is beyond ${ID_SCALE}`);
    const b = this.take();
    const e = this.events;
    e[b] = ISSUED;
    e[b + 1] = id;
    e[b + 2] = client;
  }

  /** Write `id` to `key` (of `version`) by closed-loop client `client` (-1: none) was acknowledged; `newest`: it is now the key's newest committed write. */
  committed(id: number, client: number, key: number, version: number, newest: boolean): void {
    if (newest) {
      if (key >= this.keyWriter.length) this.grow(Math.max(key + 1, 2 * this.keyWriter.length));
      this.keyWriter[key] = client + 1;
      this.keyWrite[key] = id;
    }
    if (client < 0) return;
    const b = this.take();
    const e = this.events;
    e[b] = COMMITTED;
    e[b + 1] = client;
    e[b + 2] = key;
    e[b + 3] = version;
  }

  /** Client `client` read `key` and got write `id` of `version`; `newestVersion` and `snap` describe the newest write committed before the read started; `measured`: after warm-up. */
  read(client: number, key: number, id: number, version: number, newestVersion: number, snap: number, measured: boolean): void {
    if (client < 0) return;
    const b = this.take();
    const e = this.events;
    e[b] = measured ? READ_MEASURED : READ;
    e[b + 1] = client;
    e[b + 2] = key;
    e[b + 3] = id;
    e[b + 4] = version;
    e[b + 5] = newestVersion;
    e[b + 6] = snap;
  }

  /** The offset of a free event record (after applying the buffered ones when it is full). */
  private take(): number {
    if (this.pending === BATCH) this.flush();
    return this.pending++ * RECORD;
  }

  /** Applies the buffered events in order. */
  private flush(): void {
    const e = this.events;
    const n = this.pending * RECORD;
    this.pending = 0;
    for (let b = 0; b < n; b += RECORD) {
      const kind = e[b]!;
      if (kind === ISSUED) this.writers.set(e[b + 1]!, e[b + 2]! + 1);
      else if (kind === COMMITTED) this.applyCommitted(e[b + 1]!, e[b + 2]!, e[b + 3]!);
      else this.applyRead(e[b + 1]!, e[b + 2]!, e[b + 3]!, e[b + 4]!, e[b + 5]!, e[b + 6]!, kind === READ_MEASURED);
    }
  }

  private applyCommitted(client: number, key: number, version: number): void {
    if (client >= this.rows || (!this.dense && client >= this.ownMap.length)) this.admit(client);
    if (!(version <= this.ownOf(client, key))) {
      // (Growing may move the sessions to maps.)
      if (this.dense && key >= this.stride) this.grow(Math.max(key + 1, 2 * this.stride));
      if (this.dense) this.own[client * this.stride + key] = version;
      else this.ownMap[client]!.set(key, version);
    }
  }

  /** The newest committed write of `key` as (writer + 1, id), packed for a read's snapshot. */
  snapshot(key: number): number {
    return key < this.keyWriter.length ? this.keyWriter[key]! * ID_SCALE + this.keyWrite[key]! : 0;
  }

  private applyRead(client: number, key: number, id: number, version: number, newestVersion: number, snap: number, measured: boolean): void {
    if (client >= this.rows || (!this.dense && client >= this.ownMap.length)) this.admit(client);
    const last = this.readOf(client, key);
    let seen = this.seen[client];
    if (measured) {
      this.reads++;
      if (version < this.ownOf(client, key)) this.ryw++;
      if (version < last) this.mr++;
      if (version < newestVersion && snap > 0) {
        const writer = Math.floor(snap / ID_SCALE) - 1;
        const wid = snap % ID_SCALE;
        if (seen !== undefined && writer >= 0 && writer < seen.length && seen[writer]! > wid) this.cp++;
      }
    }
    if (!(version <= last)) {
      // (Growing may move the sessions to maps.)
      if (this.dense && key >= this.stride) this.grow(Math.max(key + 1, 2 * this.stride));
      if (this.dense) this.readv[client * this.stride + key] = version;
      else this.readMap[client]!.set(key, version);
    }
    const w = id > 0 ? this.writers.get(id) : 0;
    if (w > 0) {
      if (seen === undefined || w > seen.length) seen = this.widen(client, w);
      if (seen[w - 1]! < id) seen[w - 1] = id;
    }
  }

  /** Session `client`'s observed-writes array, with room for writer `w − 1`. */
  private widen(client: number, w: number): Float64Array {
    const old = this.seen[client];
    const grown = new Float64Array(Math.max(w, 2 * (old?.length ?? 0), this.clients));
    if (old) grown.set(old);
    while (this.seen.length <= client) this.seen.push(undefined);
    this.seen[client] = grown;
    return grown;
  }

  /** The counts. */
  counts(): SessionCounts {
    this.flush();
    return { reads: this.reads, readYourWrites: this.ryw, monotonicReads: this.mr, consistentPrefix: this.cp };
  }
}

/**
 * What happens to each write on every replica, from the store's change events: when "this write
 * or a newer one" became visible at a replica (replication lag, t-visibility), and what became of
 * an acknowledged write once its last copy is gone. Each replica that held it now holds either a
 * write that follows it (issued after it was acknowledged, or by a coordinator that had seen it:
 * superseded, fine), a write that does not follow it but ranks above it by the strategy's order
 * (silently overwritten: last-writer-wins), or something older (rolled back: lost). A write
 * following later does not undo a loss: it happened when the last copy went.
 *
 * A write's record lives while it matters: until it is final (acknowledged, or its client gave
 * up), has been visible at every replica (lag sampled), no replica holds it any more, and nothing
 * can bring a copy back: a log entry can be rolled back (restoring the write it replaced) until
 * every replica has applied it, so a log write's record also waits for that. Records of a key are
 * chained newest first; a replica's change walks the chain only down to the version it replaced.
 *
 * Every write of a run passes through here several times (its creation, each replica's change,
 * its acknowledgement), so records are kept as columns of typed arrays indexed by a handle (a
 * slot reused once the record is dropped), not as objects: no allocation per write, no boxed
 * numbers, nothing for the garbage collector to trace. Events are queued as records of a typed
 * array and applied in batches, in order: the event methods a runtime calls on its hot path only
 * append, and the version a write was created with is kept apart at once for its acknowledgement.
 *
 * Longer than most modules: the record columns, the buffered event front and the rules that apply
 * each event belong together (every rule reads and writes the same columns).
 */
import { dominates, type Held } from '../runtime/contract.js';
import type { LostWrite } from './types.js';
import { FirstVersions } from './first-versions.js';
import { grown } from '../typed-arrays.js';

/** Where visibility samples and the fates of acknowledged writes go (measured writes only). */
export interface WriteSink {
  /** A measured write (committed at `commit`) became visible at a replica at `at`; `own`: the replica that created it. */
  visible(own: boolean, at: number, commit: number): void;
  /** A measured acknowledged write is gone: `lost` (rolled back), or null when silently overwritten by a concurrent write. */
  gone(lost: LostWrite | null): void;
}

/** How far to follow a write's ancestry when deciding whether one write follows another. */
const ANCESTRY_DEPTH = 6;

/** Record flags. */
const FROM_LOG = 1;
const MEASURED = 2;
/** Acknowledged, or its client gave up: no acknowledgement will follow. */
const FINAL = 4;
const CONFLICT = 8;
/** Lost or overwritten already (counted once). */
const FATED = 16;
const DEAD = 32;

/** Records of a key's chain searched for a write before the id index is asked. */
const CHAIN_SCAN = 8;

/** Slots of the id → handle ring (ids are sequential; a record still live a ring later moves to a map). */
const RING_BITS = 16;

/** Buffered event kinds, numbers per event record, and records per batch. */
const EV_CREATED = 0;
const EV_CHANGED = 1;
const EV_CHANGED_VECTOR = 2;
const EV_ACK = 3;
const EV_GAVE_UP = 4;
const RECORD = 11;
const BATCH = 1024;

/** Tracks writes across replicas. */
export class WriteTracker {
  // id → handle: a ring indexed by id, with a map for records still live when their slot is needed again.
  private readonly ringIds = new Float64Array(1 << RING_BITS).fill(-1);
  private readonly ringHandles = new Int32Array(1 << RING_BITS);
  private readonly overflow = new Map<number, number>();

  // The records' columns, by handle.
  private cap = 0;
  private used = 0;
  private readonly free: number[] = [];
  private ids = new Float64Array(0);
  private keys = new Int32Array(0);
  private parts = new Int32Array(0);
  /** Numeric version (counter, lww); NaN under vector. */
  private versions = new Float64Array(0);
  private vecs: (readonly number[] | null)[] = [];
  /** The write its coordinator held for the key when it was created. */
  private parents = new Float64Array(0);
  private creators = new Int32Array(0);
  /** When its client sent it (µs; NaN if unknown). */
  private issuedAt = new Float64Array(0);
  private flags = new Uint8Array(0);
  /** Commit time (NaN until acknowledged). */
  private acks = new Float64Array(0);
  /** Replicas (bits by slot) at which the write or a newer one has been visible at some time. */
  private seen = new Int32Array(0);
  /** Replicas holding the write or a version ranked above it. */
  private covers = new Int32Array(0);
  /** Replicas holding the write or a write that follows it. */
  private legits = new Int32Array(0);
  /** Replicas holding exactly this write. */
  private helds = new Int32Array(0);
  /** Replicas that have held exactly this write at some time (its copies). */
  private hads = new Int32Array(0);
  /** Visibility times (µs) per slot recorded before the acknowledgement (rf per record). */
  private early = new Float64Array(0);
  /** The key's chain: the next older and the next newer record (-1: none). */
  private older = new Int32Array(0);
  private newer = new Int32Array(0);

  /** The newest record of each key, heading its chain (-1: none). */
  private newest = new Int32Array(0).fill(-1);
  /** Keys whose chain is not in version order (a write created below an older one: last-writer-wins with skew). */
  private readonly unsorted = new Set<number>();
  private conflicts = 0;
  /** Events not applied yet (see the file header), RECORD numbers each, and the object each carries (a vector, siblings). */
  private readonly events = new Float64Array(BATCH * RECORD);
  private readonly eventObjs: (readonly number[] | readonly Held[] | null)[] = new Array<null>(BATCH).fill(null);
  private pending = 0;
  /** The version each write was first created with, until it is acknowledged or its client gives up. */
  private readonly firstVersions = new FirstVersions();
  /** Every replica's bit. */
  private readonly full: number;

  constructor(
    private readonly rf: number,
    private readonly vector: boolean,
    private readonly sink: WriteSink,
  ) {
    this.full = rf >= 31 ? 0x7fffffff : (1 << rf) - 1;
    this.grow(1024);
  }

  private grow(cap: number): void {
    this.ids = grown(this.ids, cap);
    this.keys = grown(this.keys, cap);
    this.parts = grown(this.parts, cap);
    this.versions = grown(this.versions, cap);
    this.vecs.length = cap;
    this.parents = grown(this.parents, cap);
    this.creators = grown(this.creators, cap);
    this.issuedAt = grown(this.issuedAt, cap);
    this.flags = grown(this.flags, cap);
    this.acks = grown(this.acks, cap);
    this.seen = grown(this.seen, cap);
    this.covers = grown(this.covers, cap);
    this.legits = grown(this.legits, cap);
    this.helds = grown(this.helds, cap);
    this.hads = grown(this.hads, cap);
    this.older = grown(this.older, cap);
    this.newer = grown(this.newer, cap);
    this.early = grown(this.early, cap * this.rf);
    this.cap = cap;
  }

  /** The handle of live write `id` (-1 if none). */
  private find(id: number): number {
    const i = id & ((1 << RING_BITS) - 1);
    if (this.ringIds[i] === id) return this.ringHandles[i]!;
    return this.overflow.size > 0 ? (this.overflow.get(id) ?? -1) : -1;
  }

  /**
   * The handle of live write `id` to `key` (-1 if none): its key's chain holds every live record
   * of the key, newest first, and the writes a change concerns are almost always among the first
   * few; past those, the id index answers.
   */
  private locate(key: number, id: number): number {
    let r = this.newest[key]!;
    for (let i = 0; i < CHAIN_SCAN && r !== -1; i++) {
      if (this.ids[r] === id) return r;
      r = this.older[r]!;
    }
    return r === -1 ? -1 : this.find(id);
  }

  private index(id: number, h: number): void {
    const i = id & ((1 << RING_BITS) - 1);
    const old = this.ringIds[i]!;
    if (old >= 0 && old !== id) this.overflow.set(old, this.ringHandles[i]!);
    this.ringIds[i] = id;
    this.ringHandles[i] = h;
  }

  private unindex(id: number): void {
    const i = id & ((1 << RING_BITS) - 1);
    if (this.ringIds[i] === id) this.ringIds[i] = -1;
    else if (this.overflow.size > 0) this.overflow.delete(id);
  }

  /** A coordinator created write `id`. */
  created(partition: number, slot: number, key: number, id: number, version: number, vec: readonly number[] | null, parent: number, beaten: number, issued: number, fromLog: boolean, now: number): void {
    this.firstVersions.note(id, version, vec);
    const b = this.take(vec);
    const e = this.events;
    e[b] = EV_CREATED;
    e[b + 1] = partition;
    e[b + 2] = slot;
    e[b + 3] = key;
    e[b + 4] = id;
    e[b + 5] = version;
    e[b + 6] = parent;
    e[b + 7] = beaten;
    e[b + 8] = issued;
    e[b + 9] = fromLog ? 1 : 0;
    e[b + 10] = now;
  }

  /** Replica `slot` now holds (`id`, `version`) for `key`, instead of (`prevId`, `prevVersion`). */
  changed(slot: number, key: number, id: number, version: number, prevId: number, prevVersion: number, now: number): void {
    const b = this.take(null);
    const e = this.events;
    e[b] = EV_CHANGED;
    e[b + 1] = slot;
    e[b + 2] = key;
    e[b + 3] = id;
    e[b + 4] = version;
    e[b + 5] = prevId;
    e[b + 6] = prevVersion;
    e[b + 7] = now;
  }

  /** Replica `slot` now holds the siblings `held` for `key` (vector order). */
  changedVector(slot: number, key: number, held: readonly Held[], now: number): void {
    const b = this.take(held);
    const e = this.events;
    e[b] = EV_CHANGED_VECTOR;
    e[b + 1] = slot;
    e[b + 2] = key;
    e[b + 3] = now;
  }

  /**
   * Write `id` was acknowledged at `at`. Returns the version it was created with (undefined if no
   * replica ever created it): its first creation, which is the version its record holds, since a
   * record is only dropped once final (acknowledged, or its client gave up).
   */
  acknowledged(id: number, at: number, measured: boolean): number | readonly number[] | undefined {
    const v = this.firstVersions.take(id);
    const b = this.take(null);
    const e = this.events;
    e[b] = EV_ACK;
    e[b + 1] = id;
    e[b + 2] = at;
    e[b + 3] = measured ? 1 : 0;
    return v;
  }

  /** The client of write `id` gave up (no acknowledgement will count). */
  gaveUp(id: number): void {
    this.firstVersions.take(id);
    const b = this.take(null);
    const e = this.events;
    e[b] = EV_GAVE_UP;
    e[b + 1] = id;
  }

  /** The offset of a free event record (applying the buffered ones first when the buffer is full); `obj` goes beside it. */
  private take(obj: readonly number[] | readonly Held[] | null): number {
    if (this.pending === BATCH) this.flush();
    const r = this.pending++;
    this.eventObjs[r] = obj;
    return r * RECORD;
  }

  /** Applies the buffered events in order. */
  private flush(): void {
    const e = this.events;
    const objs = this.eventObjs;
    const n = this.pending;
    this.pending = 0;
    for (let r = 0; r < n; r++) {
      const b = r * RECORD;
      switch (e[b]) {
        case EV_CREATED:
          this.applyCreated(e[b + 1]!, e[b + 2]!, e[b + 3]!, e[b + 4]!, e[b + 5]!, objs[r] as readonly number[] | null, e[b + 6]!, e[b + 7]!, e[b + 8]!, e[b + 9] === 1, e[b + 10]!);
          break;
        case EV_CHANGED:
          this.applyChanged(e[b + 1]!, e[b + 2]!, e[b + 3]!, e[b + 4]!, e[b + 5]!, e[b + 6]!, e[b + 7]!);
          break;
        case EV_CHANGED_VECTOR:
          this.applyChangedVector(e[b + 1]!, e[b + 2]!, objs[r] as readonly Held[], e[b + 3]!);
          break;
        case EV_ACK:
          this.applyAcknowledged(e[b + 1]!, e[b + 2]!, e[b + 3] === 1);
          break;
        case EV_GAVE_UP:
          this.applyGaveUp(e[b + 1]!);
          break;
      }
      objs[r] = null;
    }
  }

  private applyCreated(partition: number, slot: number, key: number, id: number, version: number, vec: readonly number[] | null, parent: number, beaten: number, issued: number, fromLog: boolean, now: number): void {
    if (this.find(id) >= 0) return;
    let h: number;
    if (this.free.length > 0) h = this.free.pop()!;
    else {
      if (this.used === this.cap) this.grow(this.cap * 2);
      h = this.used++;
    }
    this.ids[h] = id;
    this.keys[h] = key;
    this.parts[h] = partition;
    this.versions[h] = version;
    this.vecs[h] = vec;
    this.parents[h] = parent;
    this.creators[h] = slot;
    this.issuedAt[h] = issued;
    this.flags[h] = fromLog ? FROM_LOG : 0;
    this.acks[h] = NaN;
    this.seen[h] = 0;
    this.covers[h] = 0;
    this.legits[h] = 0;
    this.helds[h] = 0;
    this.hads[h] = 0;
    this.newer[h] = -1;
    this.index(id, h);
    if (key >= this.newest.length) this.newest = grown(this.newest, Math.max(key + 1, this.newest.length * 2, 1024), -1);
    // Replicas that already hold a version ranked at or above it (a concurrent write with a later
    // clock, or a coordinator whose clock is behind): something at least as new is visible there.
    for (let s = 0; beaten !== 0 && s < this.rf; s++) if (beaten & (1 << s)) this.cover(h, 1 << s, s, false, now);
    const head = this.newest[key]!;
    this.older[h] = head;
    if (head >= 0) this.newer[head] = h;
    this.newest[key] = h;
    if (head >= 0 && !this.vector && this.versions[head]! > version) this.unsorted.add(key);
  }

  private applyChanged(slot: number, key: number, id: number, version: number, prevId: number, prevVersion: number, now: number): void {
    if (key >= this.newest.length || this.newest[key] === -1) return;
    const bit = 1 << slot;
    const cur = this.locate(key, id);
    const prev = prevId === id ? -1 : this.locate(key, prevId);
    if (prev >= 0) {
      this.helds[prev]! &= ~bit;
      if (version >= prevVersion && this.follows(id, cur, prev)) this.legits[prev]! |= bit;
      else this.legits[prev]! &= ~bit;
    }
    const forward = version >= prevVersion;
    const lo = forward ? prevVersion : version;
    const hi = forward ? version : prevVersion;
    const sorted = this.unsorted.size === 0 || !this.unsorted.has(key);
    // Forward: every record ranked in (prevVersion, version] becomes covered here. Backward
    // (rollback): records ranked in (version, prevVersion] are no longer covered here.
    const versions = this.versions;
    for (let r = this.newest[key]!; r !== -1; ) {
      const older = this.older[r]!;
      const v = versions[r]!;
      if (v <= lo && sorted) break; // below what changed (the chain is in version order)
      if (v > lo && v <= hi && this.ids[r] !== id) {
        if (forward) this.cover(r, bit, slot, this.follows(id, cur, r), now);
        else {
          this.covers[r]! &= ~bit;
          this.legits[r]! &= ~bit;
          this.helds[r]! &= ~bit;
        }
        this.settle(r);
      }
      r = older;
    }
    if (cur >= 0 && !(this.flags[cur]! & DEAD)) {
      this.helds[cur]! |= bit;
      this.hads[cur]! |= bit;
      this.cover(cur, bit, slot, true, now);
      this.settle(cur);
    }
    if (prev >= 0 && !(this.flags[prev]! & DEAD)) this.settle(prev);
  }

  private applyChangedVector(slot: number, key: number, held: readonly Held[], now: number): void {
    if (held.length > 1) {
      for (const x of held) {
        const r = this.find(x.writeId);
        if (r >= 0 && !(this.flags[r]! & CONFLICT)) {
          this.flags[r]! |= CONFLICT;
          this.conflicts++;
        }
      }
    }
    if (key >= this.newest.length) return;
    const bit = 1 << slot;
    for (let r = this.newest[key]!; r !== -1; ) {
      const older = this.older[r]!;
      const id = this.ids[r]!;
      const vec = this.vecs[r]!;
      let cover = false;
      let legit = false;
      let exact = false;
      for (const x of held) {
        if (x.writeId === id) exact = cover = legit = true;
        else if (dominates(x.version as readonly number[], vec)) cover = legit = true;
      }
      // (The held mask takes every copy bit here, as it always has: `held |= had |= bit`.)
      if (exact) this.helds[r]! |= this.hads[r]! |= bit;
      else this.helds[r]! &= ~bit;
      if (cover) this.cover(r, bit, slot, legit, now);
      else {
        this.covers[r]! &= ~bit;
        this.legits[r]! &= ~bit;
      }
      this.settle(r);
      r = older;
    }
  }

  private applyAcknowledged(id: number, at: number, measured: boolean): void {
    const h = this.find(id);
    if (h < 0 || this.flags[h]! & FINAL) return;
    this.acks[h] = at;
    this.flags[h]! |= FINAL | (measured ? MEASURED : 0);
    if (measured) {
      // Visibility seen before the acknowledgement: every seen slot has its time.
      const seen = this.seen[h]!;
      const base = h * this.rf;
      for (let s = 0; seen !== 0 && s < this.rf; s++) if (seen & (1 << s)) this.sink.visible(s === this.creators[h], this.early[base + s]!, at);
    }
    this.settle(h);
  }

  private applyGaveUp(id: number): void {
    const h = this.find(id);
    if (h < 0 || this.flags[h]! & FINAL) return;
    this.flags[h]! |= FINAL;
    this.settle(h);
  }

  /** Writes stored as siblings of a concurrent write. */
  get conflictCount(): number {
    this.flush();
    return this.conflicts;
  }

  /**
   * The end-of-run accounting: for every measured, acknowledged write still tracked and not lost,
   * each replica (but its creator) at which neither it nor a newer write was ever visible gets
   * `unseen(end − commit)` (a censored lag sample).
   */
  censor(end: number, unseen: (lag: number) => void): void {
    this.flush();
    const visit = (h: number) => {
      const f = this.flags[h]!;
      const ack = this.acks[h]!;
      if (f & DEAD || ack !== ack || !(f & MEASURED) || f & FATED) return;
      for (let s = 0; s < this.rf; s++) {
        if (this.seen[h]! & (1 << s) || s === this.creators[h]) continue;
        unseen(end - ack);
      }
    };
    for (const h of this.overflow.values()) visit(h);
    for (let i = 0; i < this.ringIds.length; i++) if (this.ringIds[i]! >= 0) visit(this.ringHandles[i]!);
  }

  /** Whether the write held as `id` (handle `cur`, -1 if not tracked) follows record `r`: it is `r`, comes later in a replication log, was issued after `r` was acknowledged, or its coordinator had seen `r`. */
  private follows(id: number, cur: number, r: number): boolean {
    const rid = this.ids[r]!;
    if (id === rid) return true;
    if (cur < 0) return false;
    if (this.vector) return dominates(this.vecs[cur]!, this.vecs[r]!);
    // A log applies its entries in order: a later entry replacing an earlier one follows it (entries
    // outside a replica's lineage are rolled back before a newer term's entries apply).
    if (this.flags[cur]! & this.flags[r]! & FROM_LOG) return true;
    if (this.issuedAt[cur]! >= this.acks[r]!) return true;
    for (let d = 0; d < ANCESTRY_DEPTH; d++) {
      const parent = this.parents[cur]!;
      if (parent === rid) return true;
      cur = this.find(parent);
      if (cur < 0) return false;
    }
    return false;
  }

  private cover(h: number, bit: number, slot: number, legit: boolean, now: number): void {
    this.covers[h]! |= bit;
    if (legit) this.legits[h]! |= bit;
    if (this.seen[h]! & bit) return;
    this.seen[h]! |= bit;
    const ack = this.acks[h]!;
    if (ack === ack) {
      if (this.flags[h]! & MEASURED) this.sink.visible(slot === this.creators[h], now, ack);
    } else if (!(this.flags[h]! & FINAL)) this.early[h * this.rf + slot] = now;
  }

  /** Counts an acknowledged write whose effect is gone, and drops a record that no longer matters. */
  private settle(h: number): void {
    let f = this.flags[h]!;
    if (f & DEAD) return;
    const ack = this.acks[h]!;
    const held = this.helds[h]!;
    if (!(f & FATED) && ack === ack && held === 0) {
      // Judge by the replicas that held a copy (all of them if none ever did).
      const copies = this.hads[h]! || this.full;
      if ((this.legits[h]! & copies) === 0) {
        f |= FATED;
        this.flags[h] = f;
        if (f & MEASURED) {
          const vec = this.vecs[h];
          this.sink.gone((this.covers[h]! & copies) !== 0 ? null : { partition: this.parts[h]!, key: this.keys[h]!, writeId: this.ids[h]!, version: vec ? 0 : this.versions[h]!, committedAtUs: ack });
        }
      }
    }
    const full = this.full;
    if (!(f & FINAL) || held !== 0 || this.seen[h] !== full || (f & FROM_LOG && this.hads[h] !== full && !(f & FATED))) return;
    this.flags[h] = f | DEAD;
    this.unindex(this.ids[h]!);
    // Out of its key's chain at once, and the handle is free for the next record.
    const older = this.older[h]!;
    const newer = this.newer[h]!;
    if (newer >= 0) this.older[newer] = older;
    else this.newest[this.keys[h]!] = older;
    if (older >= 0) this.newer[older] = newer;
    this.free.push(h);
  }
}

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
 * kept sorted by version (numeric orders), so a replica's change touches only the versions it
 * passed over.
 */
import { dominates, type Held } from '../runtime/contract.js';
import { IdTable } from './id-table.js';

/** One write being tracked. */
export class WriteRecord {
  ack = NaN;
  measured = false;
  /** Acknowledged, or its client gave up: no acknowledgement will follow. */
  final = false;
  /** Replicas (bits by slot) at which the write or a newer one has been visible at some time. */
  seen = 0;
  /** Replicas holding the write or a version ranked above it. */
  cover = 0;
  /** Replicas holding the write or a write that follows it. */
  legit = 0;
  /** Replicas holding exactly this write. */
  held = 0;
  /** Replicas that have held exactly this write at some time (its copies). */
  had = 0;
  /** Visibility times (µs) per slot recorded before the acknowledgement. */
  early: Float64Array | null = null;
  conflict = false;
  /** Lost or overwritten already (counted once). */
  fated = false;
  dead = false;
  constructor(
    readonly id: number,
    readonly key: number,
    readonly partition: number,
    /** Numeric version (counter, lww); NaN under vector. */
    readonly version: number,
    readonly vec: readonly number[] | null,
    /** The write its coordinator held for the key when it was created. */
    readonly parent: number,
    readonly creatorSlot: number,
    /** When its client sent it (µs; NaN if unknown). */
    readonly issued: number,
    /** Written through a replication log (a rollback may restore what it replaced). */
    readonly fromLog: boolean,
  ) {}
}

/** Where visibility samples and the fates of acknowledged writes go. */
export interface WriteSink {
  /** Write `rec` (committed at `commit`) became visible at replica `slot` at `at`. */
  visible(rec: WriteRecord, slot: number, at: number, commit: number): void;
  /** Acknowledged write `rec` is lost (`overwritten`: silently replaced by a concurrent write). */
  gone(rec: WriteRecord, overwritten: boolean): void;
}

/** A key's live records, sorted by version under numeric orders. */
interface KeyList {
  recs: WriteRecord[];
  start: number;
  dead: number;
}

/** How far to follow a write's ancestry when deciding whether one write follows another. */
const ANCESTRY_DEPTH = 6;

/** Tracks writes across replicas. */
export class WriteTracker {
  private readonly table = new IdTable<WriteRecord>();
  /** Live records per key (a packed array, grown with the keyspace: a sparse one would fall back to slow dictionary storage). */
  private readonly lists: (KeyList | undefined)[] = [];
  private conflicts = 0;

  constructor(
    private readonly rf: number,
    private readonly vector: boolean,
    private readonly sink: WriteSink,
  ) {
    this.full = rf >= 31 ? 0x7fffffff : (1 << rf) - 1;
  }

  /** Every replica's bit. */
  private readonly full: number;

  /** The live record of write `id`. */
  get(id: number): WriteRecord | undefined {
    return this.table.get(id);
  }

  /** A coordinator created write `id`. */
  created(partition: number, slot: number, key: number, id: number, version: number, vec: readonly number[] | null, parent: number, beaten: number, issued: number, fromLog: boolean, now: number): void {
    if (this.table.get(id)) return;
    const rec = new WriteRecord(id, key, partition, version, vec, parent, slot, issued, fromLog);
    this.table.set(id, rec);
    while (this.lists.length <= key) this.lists.push(undefined);
    // Replicas that already hold a version ranked at or above it (a concurrent write with a later
    // clock, or a coordinator whose clock is behind): something at least as new is visible there.
    for (let s = 0; beaten !== 0 && s < this.rf; s++) if (beaten & (1 << s)) this.cover(rec, 1 << s, s, false, now);
    let list = this.lists[key];
    if (!list) {
      list = { recs: [], start: 0, dead: 0 };
      this.lists[key] = list;
    }
    const recs = list.recs;
    recs.push(rec);
    if (!this.vector) {
      // Insertion from the tail: creations arrive almost in version order.
      let i = recs.length - 1;
      while (i > list.start && recs[i - 1]!.version > version) {
        recs[i] = recs[i - 1]!;
        i--;
      }
      recs[i] = rec;
    }
  }

  /** Replica `slot` now holds (`id`, `version`) for `key`, instead of (`prevId`, `prevVersion`). */
  changed(slot: number, key: number, id: number, version: number, prevId: number, prevVersion: number, now: number): void {
    const list = this.lists[key];
    if (!list) return;
    const bit = 1 << slot;
    const recs = list.recs;
    const prev = prevId === id ? undefined : this.table.get(prevId);
    if (prev) {
      prev.held &= ~bit;
      if (version >= prevVersion && this.follows(id, prev)) prev.legit |= bit;
      else prev.legit &= ~bit;
    }
    if (version >= prevVersion) {
      // Forward: every record ranked in (prevVersion, version] becomes covered here.
      for (let i = this.firstAbove(list, prevVersion); i < recs.length; i++) {
        const rec = recs[i]!;
        if (rec.version > version) break;
        if (rec.dead || rec.id === id) continue;
        this.cover(rec, bit, slot, this.follows(id, rec), now);
        this.settle(rec, list);
      }
    } else {
      // Backward (rollback): records ranked in (version, prevVersion] are no longer covered here.
      for (let i = this.firstAbove(list, version); i < recs.length; i++) {
        const rec = recs[i]!;
        if (rec.version > prevVersion) break;
        if (rec.dead) continue;
        rec.cover &= ~bit;
        rec.legit &= ~bit;
        rec.held &= ~bit;
        this.settle(rec, list);
      }
    }
    const cur = this.table.get(id);
    if (cur && !cur.dead) {
      cur.held |= bit;
      cur.had |= bit;
      this.cover(cur, bit, slot, true, now);
      this.settle(cur, list);
    }
    if (prev && !prev.dead) this.settle(prev, list);
    this.compact(list);
  }

  /** Replica `slot` now holds the siblings `held` for `key` (vector order). */
  changedVector(slot: number, key: number, held: readonly Held[], now: number): void {
    const list = this.lists[key];
    if (held.length > 1) {
      for (const h of held) {
        const r = this.table.get(h.writeId);
        if (r && !r.conflict) {
          r.conflict = true;
          this.conflicts++;
        }
      }
    }
    if (!list) return;
    const bit = 1 << slot;
    for (const rec of list.recs) {
      if (rec.dead) continue;
      let cover = false;
      let legit = false;
      let exact = false;
      for (const h of held) {
        const v = h.version as readonly number[];
        if (h.writeId === rec.id) exact = cover = legit = true;
        else if (dominates(v, rec.vec!)) cover = legit = true;
      }
      if (exact) rec.held |= rec.had |= bit;
      else rec.held &= ~bit;
      if (cover) this.cover(rec, bit, slot, legit, now);
      else {
        rec.cover &= ~bit;
        rec.legit &= ~bit;
      }
      this.settle(rec, list);
    }
    this.compact(list);
  }

  /** Write `id` was acknowledged at `at`. Returns its record (undefined if no replica ever created it). */
  acknowledged(id: number, at: number, measured: boolean): WriteRecord | undefined {
    const rec = this.table.get(id);
    if (!rec) return undefined;
    if (rec.final) return rec;
    rec.ack = at;
    rec.measured = measured;
    rec.final = true;
    if (rec.early) {
      for (let s = 0; s < this.rf; s++) if (rec.seen & (1 << s)) this.sink.visible(rec, s, rec.early[s]!, at);
      rec.early = null;
    }
    this.settle(rec, this.lists[rec.key]!);
    return rec;
  }

  /** The client of write `id` gave up (no acknowledgement will count). */
  gaveUp(id: number): void {
    const rec = this.table.get(id);
    if (!rec || rec.final) return;
    rec.final = true;
    rec.early = null;
    this.settle(rec, this.lists[rec.key]!);
  }

  /** Writes stored as siblings of a concurrent write. */
  get conflictCount(): number {
    return this.conflicts;
  }

  /** Every live record (for the end-of-run accounting). */
  *live(): IterableIterator<WriteRecord> {
    for (const rec of this.table.values()) if (!rec.dead) yield rec;
  }

  /** Whether the write held as `id` follows `rec`: it is `rec`, was issued after `rec` was acknowledged, or its coordinator had seen `rec`. */
  private follows(id: number, rec: WriteRecord): boolean {
    if (id === rec.id) return true;
    let cur = this.table.get(id);
    if (!cur) return false;
    if (this.vector) return dominates(cur.vec!, rec.vec!);
    if (cur.issued >= rec.ack) return true;
    for (let d = 0; d < ANCESTRY_DEPTH; d++) {
      if (cur.parent === rec.id) return true;
      cur = this.table.get(cur.parent);
      if (!cur) return false;
    }
    return false;
  }

  private cover(rec: WriteRecord, bit: number, slot: number, legit: boolean, now: number): void {
    rec.cover |= bit;
    if (legit) rec.legit |= bit;
    if (rec.seen & bit) return;
    rec.seen |= bit;
    if (rec.ack === rec.ack) this.sink.visible(rec, slot, now, rec.ack);
    else if (!rec.final) (rec.early ??= new Float64Array(this.rf))[slot] = now;
  }

  /** Counts an acknowledged write whose effect is gone, and drops a record that no longer matters. */
  private settle(rec: WriteRecord, list: KeyList): void {
    if (rec.dead) return;
    if (!rec.fated && rec.ack === rec.ack && rec.held === 0) {
      // Judge by the replicas that held a copy (all of them if none ever did).
      const copies = rec.had || this.full;
      if ((rec.legit & copies) === 0) {
        rec.fated = true;
        this.sink.gone(rec, (rec.cover & copies) !== 0);
      }
    }
    const full = this.full;
    if (!rec.final || rec.held !== 0 || rec.seen !== full || (rec.fromLog && rec.had !== full && !rec.fated)) return;
    rec.dead = true;
    list.dead++;
    this.table.delete(rec.id);
  }

  /** Index of the first record ranked above `version` (numeric orders; the whole list under vector). */
  private firstAbove(list: KeyList, version: number): number {
    const recs = list.recs;
    let lo = list.start;
    let hi = recs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (recs[mid]!.version > version) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  private compact(list: KeyList): void {
    const recs = list.recs;
    while (list.start < recs.length && recs[list.start]!.dead) {
      list.start++;
      list.dead--;
    }
    if (list.start === recs.length) {
      recs.length = 0;
      list.start = 0;
      list.dead = 0;
      return;
    }
    if (list.dead > 32 && list.dead * 2 > recs.length - list.start) {
      list.recs = recs.slice(list.start).filter((r) => !r.dead);
      list.start = 0;
      list.dead = 0;
    } else if (list.start > 64 && list.start * 2 > recs.length) {
      list.recs = recs.slice(list.start);
      list.start = 0;
    }
  }
}

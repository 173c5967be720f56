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
 * chained newest first (a pointer per record and one per key, so creating a record touches
 * nothing cold); a replica's change walks the chain only down to the version it replaced.
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
  /** The next older record of the same key (the key's chain, newest first). */
  older: WriteRecord | null = null;
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

/** How far to follow a write's ancestry when deciding whether one write follows another. */
const ANCESTRY_DEPTH = 6;

/** Tracks writes across replicas. */
export class WriteTracker {
  private readonly table = new IdTable<WriteRecord>();
  /** The newest record of each key, heading its chain (a packed array, grown with the keyspace: a sparse one would fall back to slow dictionary storage). */
  private readonly newest: (WriteRecord | null)[] = [];
  /** Keys whose chain is not in version order (a write created below an older one: last-writer-wins with skew). */
  private readonly unsorted = new Set<number>();
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
    while (this.newest.length <= key) this.newest.push(null);
    // Replicas that already hold a version ranked at or above it (a concurrent write with a later
    // clock, or a coordinator whose clock is behind): something at least as new is visible there.
    for (let s = 0; beaten !== 0 && s < this.rf; s++) if (beaten & (1 << s)) this.cover(rec, 1 << s, s, false, now);
    const head = this.newest[key]!;
    rec.older = head;
    this.newest[key] = rec;
    if (head !== null && !this.vector && head.version > version) this.unsorted.add(key);
  }

  /** Replica `slot` now holds (`id`, `version`) for `key`, instead of (`prevId`, `prevVersion`). */
  changed(slot: number, key: number, id: number, version: number, prevId: number, prevVersion: number, now: number): void {
    if (key >= this.newest.length || this.newest[key] === null) return;
    const bit = 1 << slot;
    const prev = prevId === id ? undefined : this.table.get(prevId);
    if (prev) {
      prev.held &= ~bit;
      if (version >= prevVersion && this.follows(id, prev)) prev.legit |= bit;
      else prev.legit &= ~bit;
    }
    const forward = version >= prevVersion;
    const lo = forward ? prevVersion : version;
    const hi = forward ? version : prevVersion;
    const sorted = !this.unsorted.has(key);
    // Forward: every record ranked in (prevVersion, version] becomes covered here. Backward
    // (rollback): records ranked in (version, prevVersion] are no longer covered here.
    let after: WriteRecord | null = null;
    for (let rec = this.newest[key]!; rec !== null; ) {
      const older: WriteRecord | null = rec.older;
      if (rec.dead) {
        // Unlink as we pass (dead records stay in a chain only until the next walk).
        if (after === null) this.newest[key] = older;
        else after.older = older;
        rec = older!;
        continue;
      }
      const v = rec.version;
      if (v <= lo && sorted) {
        // Below what changed: only unlink the dead records that directly follow.
        for (let d: WriteRecord | null = rec.older; d !== null && d.dead; d = d.older) rec.older = d.older;
        break;
      }
      if (v > lo && v <= hi && rec.id !== id) {
        if (forward) this.cover(rec, bit, slot, this.follows(id, rec), now);
        else {
          rec.cover &= ~bit;
          rec.legit &= ~bit;
          rec.held &= ~bit;
        }
        this.settle(rec);
      }
      after = rec;
      rec = older!;
    }
    const cur = this.table.get(id);
    if (cur && !cur.dead) {
      cur.held |= bit;
      cur.had |= bit;
      this.cover(cur, bit, slot, true, now);
      this.settle(cur);
    }
    if (prev && !prev.dead) this.settle(prev);
  }

  /** Replica `slot` now holds the siblings `held` for `key` (vector order). */
  changedVector(slot: number, key: number, held: readonly Held[], now: number): void {
    if (held.length > 1) {
      for (const h of held) {
        const r = this.table.get(h.writeId);
        if (r && !r.conflict) {
          r.conflict = true;
          this.conflicts++;
        }
      }
    }
    if (key >= this.newest.length) return;
    const bit = 1 << slot;
    let after: WriteRecord | null = null;
    for (let rec = this.newest[key]!; rec !== null; ) {
      const older: WriteRecord | null = rec.older;
      if (rec.dead) {
        if (after === null) this.newest[key] = older;
        else after.older = older;
        rec = older!;
        continue;
      }
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
      this.settle(rec);
      after = rec;
      rec = older!;
    }
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
    this.settle(rec);
    return rec;
  }

  /** The client of write `id` gave up (no acknowledgement will count). */
  gaveUp(id: number): void {
    const rec = this.table.get(id);
    if (!rec || rec.final) return;
    rec.final = true;
    rec.early = null;
    this.settle(rec);
  }

  /** Writes stored as siblings of a concurrent write. */
  get conflictCount(): number {
    return this.conflicts;
  }

  /** Every live record (for the end-of-run accounting). */
  *live(): IterableIterator<WriteRecord> {
    for (const rec of this.table.values()) if (!rec.dead) yield rec;
  }

  /** Whether the write held as `id` follows `rec`: it is `rec`, comes later in a replication log, was issued after `rec` was acknowledged, or its coordinator had seen `rec`. */
  private follows(id: number, rec: WriteRecord): boolean {
    if (id === rec.id) return true;
    let cur = this.table.get(id);
    if (!cur) return false;
    if (this.vector) return dominates(cur.vec!, rec.vec!);
    // A log applies its entries in order: a later entry replacing an earlier one follows it (entries
    // outside a replica's lineage are rolled back before a newer term's entries apply).
    if (cur.fromLog && rec.fromLog) return true;
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
  private settle(rec: WriteRecord): void {
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
    this.table.delete(rec.id);
  }
}

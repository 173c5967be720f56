/**
 * The durable replication log of one (partition, node), applied to its key store in log order.
 * A leader writes (append and apply); a follower appends (applied strictly in order; out-of-order
 * entries wait for the gap); a consensus replica keeps entries unapplied and commits them later.
 * Each applied entry remembers what it replaced, so a deposed leader's divergent suffix can be
 * rolled back when it rejoins under a harness-managed view (the store is restored with it).
 */
import type { ClientRequest, LogEntry, ReplicationLog } from '../runtime/contract.js';
import type { SimKeyStore } from './key-store.js';
import { grown } from '../typed-arrays.js';

/** Log versions: (term, index) as term·2^32 + index. */
const TERM_SCALE = 2 ** 32;

/** The version of entry (term, index). */
export function logVersion(term: number, index: number): number {
  return term * TERM_SCALE + index;
}

/** The (term, index) a log version encodes. */
export function logPosition(version: number): { readonly term: number; readonly index: number } {
  return { term: Math.floor(version / TERM_SCALE), index: version % TERM_SCALE };
}

/**
 * Entries a follower keeps after applying them when its strategy never trims it (a user strategy
 * that trims only its leader): enough for rollback and for a promoted leader to serve followers
 * that lag a little. Strategies that tell followers what every replica holds (the built-in log
 * shipping does) make followers trim exactly as far as their leader instead.
 */
const FOLLOWER_RETAIN = 10_000;

/**
 * Retained entries from index `base` in parallel growable arrays: the entry, and for applied
 * ones the write id and version it replaced on this replica (what rollback restores). Dropping
 * from the front moves a head offset; the arrays are compacted when the head passes half of them.
 */
class Retained {
  entries: (LogEntry | undefined)[] = [];
  prevIds = new Int32Array(64);
  prevVers = new Float64Array(64);
  /** Position of index `base` in the arrays. */
  head = 0;
  /** Entries retained. */
  length = 0;

  at(i: number): LogEntry | undefined {
    return i >= 0 && i < this.length ? this.entries[this.head + i] : undefined;
  }

  /** Sets position `i` (at most `length`: appending grows by one). */
  set(i: number, e: LogEntry, prevId: number, prevVer: number): void {
    const p = this.head + i;
    if (p >= this.prevIds.length) this.grow();
    const q = this.head + i;
    this.entries[q] = e;
    this.prevIds[q] = prevId;
    this.prevVers[q] = prevVer;
    if (i >= this.length) this.length = i + 1;
  }

  /** Keeps only the first `n` entries. */
  truncate(n: number): void {
    if (n >= this.length) return;
    for (let i = n; i < this.length; i++) this.entries[this.head + i] = undefined;
    this.length = Math.max(0, n);
  }

  /** Drops the first `n` entries. */
  dropFront(n: number): void {
    if (n <= 0) return;
    if (n >= this.length) {
      this.entries = [];
      this.head = 0;
      this.length = 0;
      return;
    }
    for (let i = 0; i < n; i++) this.entries[this.head + i] = undefined;
    this.head += n;
    this.length -= n;
    if (this.head > 4096 && this.head * 2 > this.prevIds.length) this.compact();
  }

  private compact(): void {
    this.entries = this.entries.slice(this.head, this.head + this.length);
    this.prevIds.copyWithin(0, this.head, this.head + this.length);
    this.prevVers.copyWithin(0, this.head, this.head + this.length);
    this.head = 0;
  }

  private grow(): void {
    if (this.head > 0 && this.head * 2 >= this.prevIds.length) {
      this.compact();
      if (this.head + this.length < this.prevIds.length) return;
    }
    this.prevIds = grown(this.prevIds, this.prevIds.length * 2);
    this.prevVers = grown(this.prevVers, this.prevVers.length * 2);
  }
}

/** The ReplicationLog of one replica. */
export class SimLog implements ReplicationLog {
  private readonly log = new Retained();
  private base = 1;
  private last = 0;
  private applied = 0;
  private readonly waitingEntries = new Map<number, LogEntry>();
  term = 0;
  /**
   * Log end of each term's leader when it took over (harness views): an entry of an older term is
   * in this replica's lineage iff its index is <= the base of every later term it knows.
   */
  epochs: readonly { readonly term: number; readonly base: number }[] = [];
  /** Whether the harness manages the view (failover): entries are then checked against the lineage of the known term. */
  lineage = true;
  /** Whether this replica currently leads (followers trim by themselves unless the strategy trims them). */
  leading = false;
  private followerTrimmed = false;

  constructor(private readonly store: SimKeyStore) {}

  get lastIndex(): number {
    return this.last;
  }

  get lastApplied(): number {
    return this.applied;
  }

  get waiting(): number {
    return this.waitingEntries.size;
  }

  setTerm(term: number): void {
    this.term = term;
  }

  write(req: ClientRequest, apply = true): LogEntry {
    if (req.op !== 'write') throw new Error(`log.write: request ${req.id} is a read`);
    if (apply && this.applied !== this.last) throw new Error(`log.write: entries ${this.applied + 1}..${this.last} are not applied yet (write with apply = false, then commit)`);
    const index = ++this.last;
    const entry: LogEntry = { index, term: this.term, key: req.key, writeId: req.writeId, version: logVersion(this.term, index), size: req.size };
    this.store.noteCreated(entry);
    if (apply) this.applyEntry(entry, true);
    else this.log.set(index - this.base, entry, 0, 0);
    return entry;
  }

  append(entry: LogEntry): number {
    // An older term's entry is a deposed leader's divergent write unless it is in the lineage of
    // the current term (a new leader resends the older entries a lagging follower is missing).
    if (entry.term < this.term && !this.inLineage(entry.index, entry.term)) return this.applied;
    // A newer term's entry waits until this replica has learnt of that term (and rolled back what
    // is not in its lineage): applied on top of a deposed leader's divergent entries, it would
    // hide them from the rollback.
    if (entry.term > this.term && this.lineage) return this.applied;
    if (entry.index <= this.applied) return this.applied;
    if (entry.index !== this.applied + 1) {
      this.waitingEntries.set(entry.index, entry);
      if (entry.index > this.last) this.last = entry.index;
      return this.applied;
    }
    this.applyEntry(entry, false);
    if (this.waitingEntries.size > 0) {
      for (let next = this.waitingEntries.get(this.applied + 1); next; next = this.waitingEntries.get(this.applied + 1)) {
        this.waitingEntries.delete(next.index);
        this.applyEntry(next, false);
      }
    }
    return this.applied;
  }

  keep(entry: LogEntry): boolean {
    if (entry.index <= this.applied) return entry.index < this.base || this.termAt(entry.index) === entry.term;
    if (entry.index > this.last + 1) return false;
    const existing = this.log.at(entry.index - this.base);
    if (existing && existing.term === entry.term) return true;
    // A conflicting entry and everything after it go (they were never applied).
    this.log.truncate(entry.index - this.base);
    this.last = entry.index;
    this.log.set(entry.index - this.base, entry, 0, 0);
    return true;
  }

  commit(index: number): number {
    const upTo = Math.min(index, this.last);
    while (this.applied < upTo) {
      const e = this.log.at(this.applied + 1 - this.base);
      if (!e) break;
      this.applyAt(e, false);
    }
    return this.applied;
  }

  entry(index: number): LogEntry | undefined {
    return index >= this.base ? this.log.at(index - this.base) : undefined;
  }

  termAt(index: number): number | undefined {
    if (index === 0) return 0;
    return this.entry(index)?.term;
  }

  trim(index: number): void {
    if (!this.leading) this.followerTrimmed = true;
    const drop = Math.min(index, this.applied) - this.base + 1;
    if (drop > 0) this.dropBefore(this.base + drop);
  }

  /** Whether entry (index, term) belongs to the log lineage of the term this replica knows. */
  private inLineage(index: number, term: number): boolean {
    for (const e of this.epochs) if (e.term > term && e.term <= this.term && index > e.base) return false;
    return true;
  }

  private applyEntry(entry: LogEntry, own: boolean): void {
    this.applyAt(entry, own);
    if (entry.index > this.last) this.last = entry.index;
    if (!this.leading && !this.followerTrimmed && this.log.length > 2 * FOLLOWER_RETAIN) this.dropBefore(this.applied - FOLLOWER_RETAIN + 1);
  }

  /** Applies `entry` (the next index) to the store, remembering what it replaced; `own`: the leader applying its own new write. */
  private applyAt(entry: LogEntry, own: boolean): void {
    const key = entry.key;
    this.log.set(entry.index - this.base, entry, this.store.heldId(key), this.store.version(key));
    this.store.install(key, entry.writeId, entry.version, own);
    this.applied = entry.index;
  }

  private dropBefore(index: number): void {
    const drop = index - this.base;
    if (drop <= 0) return;
    this.log.dropFront(drop);
    this.base = index;
  }

  truncate(index: number): void {
    this.truncateAfter(index);
  }

  /** Rolls back every applied entry above `index` (newest first), restoring the store, and forgets kept and waiting ones. Returns the count rolled back. */
  truncateAfter(index: number): number {
    this.waitingEntries.clear();
    let n = 0;
    const log = this.log;
    for (let i = this.applied; i > index; i--) {
      const pos = i - this.base;
      const e = log.at(pos);
      if (!e) break; // older than what is retained: cannot roll back further
      this.store.install(e.key, log.prevIds[log.head + pos]!, log.prevVers[log.head + pos]!, false);
      n++;
    }
    log.truncate(Math.max(0, index - this.base + 1));
    this.applied = Math.min(this.applied, index);
    this.last = this.applied;
    return n;
  }
}

/**
 * A replica's durable data for one partition on one node: key versions and the replication log.
 * Followers apply strictly in log order (out-of-order entries wait for the gap to fill).
 * Each entry remembers the version it replaced, so a deposed leader's divergent suffix can be
 * rolled back when it rejoins under a new leader (the discarded writes are reported).
 */
import type { LogEntry, ReplicaStore } from '../runtime/types.js';

/** A log entry with what the simulator needs to identify and undo it. */
export interface SimEntry extends LogEntry {
  /** Globally unique write id (for metrics). */
  readonly id: number;
  /** The key's version before this entry was applied (for rollback). */
  readonly prev: number;
}

/** What a store reports to the metrics recorder. */
export interface StoreHooks {
  /** A leader created and applied a new entry. */
  onLeaderWrite(partition: number, entry: SimEntry, node: number): void;
  /** A follower applied an entry. */
  onApply(partition: number, entry: SimEntry, node: number): void;
  /** A replica rolled an entry back (its leader was deposed). */
  onDiscard(partition: number, entry: SimEntry, node: number): void;
}

/**
 * Entries a follower keeps after applying them when its strategy never trims it (a user strategy
 * that trims only its leader): enough for rollback and for a promoted leader to serve followers
 * that lag a little. Strategies that tell followers what every replica holds (the built-in log
 * shipping does) make followers trim exactly as far as their leader instead.
 */
const FOLLOWER_RETAIN = 10_000;

/** The store of one (partition, node). */
export class SimStore implements ReplicaStore {
  private log: SimEntry[] = [];
  /** Index of log[0]. */
  private base = 1;
  private last = 0;
  private applied = 0;
  private readonly waitingEntries = new Map<number, SimEntry>();
  /** The leader term this replica knows. */
  term = 0;
  /**
   * Log end of each term's leader when it took over (up to `term`): an entry of an older term is
   * in this replica's lineage iff its index is <= the base of every later term. Set with `term`
   * when the replica learns of a new leader.
   */
  epochs: readonly { readonly term: number; readonly base: number }[] = [];
  /** Whether this replica currently leads (followers trim their log by themselves). */
  leading = false;
  /** Whether the strategy has trimmed this store while it followed (then it is never trimmed automatically). */
  private followerTrimmed = false;

  constructor(
    private readonly partition: number,
    private readonly node: number,
    /** The node's version array (read through a getter: it grows with inserts). */
    private readonly versions: () => Int32Array,
    private readonly hooks: StoreHooks,
    private readonly nextId: () => number,
  ) {}

  get lastIndex(): number {
    return this.last;
  }

  get lastApplied(): number {
    return this.applied;
  }

  get waiting(): number {
    return this.waitingEntries.size;
  }

  write(key: number, size = 0): LogEntry {
    const ver = this.versions();
    const prev = ver[key]!;
    const entry: SimEntry = { index: ++this.last, term: this.term, key, version: prev + 1, size, id: this.nextId(), prev };
    ver[key] = entry.version;
    this.applied = entry.index;
    this.log.push(entry);
    this.hooks.onLeaderWrite(this.partition, entry, this.node);
    return entry;
  }

  append(e: LogEntry): number {
    const entry = e as SimEntry;
    // An older term's entry is a deposed leader's divergent write unless it is in the lineage of
    // the current term (a new leader resends the older entries a lagging follower is missing).
    if (entry.term < this.term && !this.inLineage(entry.index, entry.term)) return this.applied;
    // A newer term's entry waits until this replica has learnt of that term (and rolled back what
    // is not in its lineage): applied on top of a deposed leader's divergent entries, it would
    // hide them from the rollback.
    if (entry.term > this.term) return this.applied;
    if (entry.index <= this.applied) return this.applied;
    if (entry.index !== this.applied + 1) {
      this.waitingEntries.set(entry.index, entry);
      if (entry.index > this.last) this.last = entry.index;
      return this.applied;
    }
    this.applyEntry(entry);
    if (this.waitingEntries.size > 0) {
      for (let next = this.waitingEntries.get(this.applied + 1); next; next = this.waitingEntries.get(this.applied + 1)) {
        this.waitingEntries.delete(next.index);
        this.applyEntry(next);
      }
    }
    return this.applied;
  }

  /** Whether entry (index, term) belongs to the log lineage of the term this replica knows. */
  private inLineage(index: number, term: number): boolean {
    for (const e of this.epochs) if (e.term > term && e.term <= this.term && index > e.base) return false;
    return true;
  }

  private applyEntry(entry: SimEntry): void {
    const ver = this.versions();
    // A follower's copy records its own previous version (what rollback restores here).
    const own: SimEntry = ver[entry.key] === entry.prev ? entry : { ...entry, prev: ver[entry.key]! };
    ver[entry.key] = entry.version;
    this.applied = entry.index;
    if (entry.index > this.last) this.last = entry.index;
    this.log.push(own);
    this.hooks.onApply(this.partition, entry, this.node);
    if (!this.leading && !this.followerTrimmed && this.log.length > 2 * FOLLOWER_RETAIN) this.dropBefore(this.applied - FOLLOWER_RETAIN + 1);
  }

  read(key: number): number {
    return this.versions()[key]!;
  }

  entry(index: number): LogEntry | undefined {
    return this.log[index - this.base];
  }

  trim(index: number): void {
    if (!this.leading) this.followerTrimmed = true;
    const drop = Math.min(index - this.base + 1, this.log.length);
    // Amortised: drop in chunks so trimming stays O(1) per entry.
    if (drop > 0 && (drop >= 256 || drop === this.log.length)) this.dropBefore(this.base + drop);
  }

  private dropBefore(index: number): void {
    const drop = index - this.base;
    if (drop <= 0) return;
    this.log = drop >= this.log.length ? [] : this.log.slice(drop);
    this.base = index;
  }

  /** Rolls back every applied entry above `index` (newest first) and forgets waiting ones. Returns the count rolled back. */
  truncateAfter(index: number): number {
    this.waitingEntries.clear();
    if (this.applied <= index) {
      this.last = this.applied;
      return 0;
    }
    const ver = this.versions();
    let n = 0;
    for (let i = this.applied; i > index; i--) {
      const e = this.log[i - this.base];
      if (!e) break; // older than what is retained: cannot roll back further
      ver[e.key] = e.prev;
      this.hooks.onDiscard(this.partition, e, this.node);
      n++;
    }
    const keep = Math.max(0, index - this.base + 1);
    this.log.length = Math.min(this.log.length, keep);
    this.applied = Math.min(this.applied, index);
    this.last = this.applied;
    return n;
  }

  /** The retained entries above `index` (for checking them against the new leader's lineage). */
  entriesAfter(index: number): readonly SimEntry[] {
    return this.log.slice(Math.max(0, index - this.base + 1));
  }
}

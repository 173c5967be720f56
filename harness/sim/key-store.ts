/**
 * The durable key store of one (partition, node): per key the write id held and its version.
 * Numeric orders (`counter`, `lww`) keep both in typed arrays shared by the node's replicas (a
 * key lives in one partition); `vector` keeps siblings in a map. Every change is reported
 * through StoreHooks, so the recorder sees each replica's data exactly.
 */
import { dominates, lwwVersion, type ClientRequest, type Held, type KeyStore, type Version, type VersionOrder } from '../runtime/contract.js';
import { grown } from '../typed-arrays.js';

/** What the store reports (the simulator forwards it to the recorder). */
export interface StoreHooks {
  /** A coordinator made a new version of a client write; `parent` is what it held for the key then; `fromLog` when written through the log. */
  created(partition: number, slot: number, key: number, writeId: number, version: Version, parent: number, parentVersion: number, fromLog: boolean): void;
  /** What replica `slot` holds for `key` changed: now (writeId, version) instead of (prevId, prevVersion) (numeric orders), or the siblings `held` (`vector`). */
  changed(partition: number, slot: number, key: number, held: readonly Held[] | null, writeId: number, version: number, prevId: number, prevVersion: number, node: number, own: boolean): void;
}

/** A node's data: one slot per key (grows with inserts). */
export class NodeData {
  wid: Int32Array;
  ver: Float64Array;
  /** Siblings per key (`vector` order only). */
  readonly vec = new Map<number, readonly Held[]>();

  constructor(capacity: number) {
    this.wid = new Int32Array(capacity);
    this.ver = new Float64Array(capacity);
  }

  /** Grows to hold `capacity` keys. */
  grow(capacity: number): void {
    if (capacity <= this.wid.length) return;
    this.wid = grown(this.wid, capacity);
    this.ver = grown(this.ver, capacity);
  }
}

const INITIAL: readonly Held[] = Object.freeze([Object.freeze({ writeId: 0, version: Object.freeze([]) as readonly number[] })]);

/** The KeyStore of one replica. */
export class SimKeyStore implements KeyStore {
  constructor(
    readonly order: VersionOrder,
    private readonly data: NodeData,
    private readonly partition: number,
    /** This replica's position in the partition's replica list. */
    private readonly slot: number,
    private readonly node: number,
    private readonly hooks: StoreHooks,
    private readonly now: () => number,
  ) {}

  get(key: number): Held {
    if (this.order === 'vector') return (this.data.vec.get(key) ?? INITIAL)[0]!;
    return { writeId: this.data.wid[key]!, version: this.data.ver[key]! };
  }

  siblings(key: number): readonly Held[] {
    if (this.order === 'vector') return this.data.vec.get(key) ?? INITIAL;
    return [this.get(key)];
  }

  create(req: ClientRequest, version?: Version): Held {
    if (req.op !== 'write') throw new Error(`store.create: request ${req.id} is a read`);
    const d = this.data;
    const key = req.key;
    if (this.order === 'vector') {
      const sibs = d.vec.get(key) ?? INITIAL;
      let v: readonly number[];
      if (version !== undefined) v = asVector(version);
      else {
        const merged: number[] = [];
        for (const s of sibs) (s.version as readonly number[]).forEach((x, i) => (merged[i] = Math.max(merged[i] ?? 0, x)));
        for (let i = 0; i <= this.node; i++) merged[i] ??= 0;
        merged[this.node]!++;
        v = merged;
      }
      this.hooks.created(this.partition, this.slot, key, req.writeId, v, sibs[0]!.writeId, 0, false);
      const held = { writeId: req.writeId, version: v };
      this.putVector(key, held, true);
      return held;
    }
    const cur = d.ver[key]!;
    const v = version === undefined ? (this.order === 'counter' ? cur + 1 : lwwVersion(this.now(), this.node)) : asNumber(version);
    this.hooks.created(this.partition, this.slot, key, req.writeId, v, d.wid[key]!, cur, false);
    if (v > cur) this.install(key, req.writeId, v, true);
    return { writeId: req.writeId, version: v };
  }

  put(key: number, held: Held): boolean {
    const d = this.data;
    if (this.order !== 'vector') {
      const v = asNumber(held.version);
      if (!(v > d.ver[key]!)) return false;
      this.install(key, held.writeId, v, false);
      return true;
    }
    return this.putVector(key, held, false);
  }

  private putVector(key: number, held: Held, own: boolean): boolean {
    const d = this.data;
    const v = asVector(held.version);
    const sibs = d.vec.get(key) ?? INITIAL;
    const kept: Held[] = [];
    for (const s of sibs) {
      const sv = s.version as readonly number[];
      if (s.writeId === held.writeId || dominates(sv, v) || sameVector(sv, v)) return false; // already held, or superseded
      if (!dominates(v, sv)) kept.push(s);
    }
    kept.push({ writeId: held.writeId, version: v });
    const next = Object.freeze(kept);
    d.vec.set(key, next);
    this.hooks.changed(this.partition, this.slot, key, next, held.writeId, 0, 0, 0, this.node, own);
    return true;
  }

  /** Sets what is held for `key` unconditionally (log application and rollback); `own`: the coordinator storing its own new write. */
  install(key: number, writeId: number, version: number, own: boolean): void {
    const d = this.data;
    const prevId = d.wid[key]!;
    const prevVersion = d.ver[key]!;
    d.wid[key] = writeId;
    d.ver[key] = version;
    this.hooks.changed(this.partition, this.slot, key, null, writeId, version, prevId, prevVersion, this.node, own);
  }

  /** A log entry was written here (the coordinator of a log-based strategy): reported as a creation. */
  noteCreated(entry: { readonly key: number; readonly writeId: number; readonly version: number }): void {
    this.hooks.created(this.partition, this.slot, entry.key, entry.writeId, entry.version, this.heldId(entry.key), this.version(entry.key), true);
  }

  /** The write id held for `key` (the first sibling under vector). */
  heldId(key: number): number {
    return this.order === 'vector' ? (this.data.vec.get(key) ?? INITIAL)[0]!.writeId : this.data.wid[key]!;
  }

  /** The numeric version held for `key` (counter and lww orders; 0 under vector). */
  version(key: number): number {
    return this.order === 'vector' ? 0 : this.data.ver[key]!;
  }
}

function asNumber(v: Version): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`expected a numeric version, got ${JSON.stringify(v)}`);
  return v;
}

function asVector(v: Version): readonly number[] {
  if (!Array.isArray(v)) throw new Error(`expected a version vector (the strategy declares order: vector), got ${JSON.stringify(v)}`);
  return v as readonly number[];
}

function sameVector(a: readonly number[], b: readonly number[]): boolean {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return false;
  return true;
}

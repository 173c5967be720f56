/**
 * The version each write id was first created with, kept apart from the write tracker's batched
 * records so that a write's acknowledgement learns it at once.
 */

/** Slots of the id ring (ids are sequential; an entry still present a ring later moves to a map). */
const RING_BITS = 16;

/**
 * The version each write id was first created with (numeric, or a vector): a ring indexed by id
 * (ids are sequential). An entry stays after its write's acknowledgement (or its client giving up)
 * until its slot is needed again, so a late second acknowledgement or creation still finds it; an
 * entry still waiting for its acknowledgement when its slot is needed moves to a map.
 */
export class FirstVersions {
  private readonly ids = new Float64Array(1 << RING_BITS).fill(-1);
  private readonly nums = new Float64Array(1 << RING_BITS);
  private readonly vecs: (readonly number[] | null)[] = new Array<null>(1 << RING_BITS).fill(null);
  /** 1 once the write was acknowledged or given up on (its slot may be reused). */
  private readonly done = new Uint8Array(1 << RING_BITS);
  private readonly overflow = new Map<number, number | readonly number[]>();

  /** Remembers `id`'s version unless it has one already. */
  note(id: number, version: number, vec: readonly number[] | null): void {
    const i = id & ((1 << RING_BITS) - 1);
    const old = this.ids[i]!;
    if (old === id || (this.overflow.size > 0 && this.overflow.has(id))) return;
    if (old >= 0 && this.done[i] === 0) this.overflow.set(old, this.vecs[i] ?? this.nums[i]!);
    this.ids[i] = id;
    this.nums[i] = version;
    this.vecs[i] = vec;
    this.done[i] = 0;
  }

  /** `id`'s version (undefined if none); the write is acknowledged or given up on. */
  take(id: number): number | readonly number[] | undefined {
    const i = id & ((1 << RING_BITS) - 1);
    if (this.ids[i] === id) {
      this.done[i] = 1;
      return this.vecs[i] ?? this.nums[i]!;
    }
    if (this.overflow.size === 0) return undefined;
    const v = this.overflow.get(id);
    this.overflow.delete(id);
    return v;
  }
}

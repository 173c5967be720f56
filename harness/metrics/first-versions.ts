/**
 * The version each write id was first created with, kept apart from the write tracker's batched
 * records so that a write's acknowledgement learns it at once.
 */

/** Slots of the id ring (ids are sequential; an entry still present a ring later moves to a map). */
const RING_BITS = 16;

/**
 * The version each write id was first created with (numeric, or a vector), while it may still be
 * acknowledged: a ring indexed by id (ids are sequential), with a map for one still present when
 * its slot is needed again.
 */
export class FirstVersions {
  private readonly ids = new Float64Array(1 << RING_BITS).fill(-1);
  private readonly nums = new Float64Array(1 << RING_BITS);
  private readonly vecs: (readonly number[] | null)[] = new Array<null>(1 << RING_BITS).fill(null);
  private readonly overflow = new Map<number, number | readonly number[]>();

  /** Remembers `id`'s version unless it has one already. */
  note(id: number, version: number, vec: readonly number[] | null): void {
    const i = id & ((1 << RING_BITS) - 1);
    const old = this.ids[i]!;
    if (old === id || (this.overflow.size > 0 && this.overflow.has(id))) return;
    if (old >= 0) this.overflow.set(old, this.vecs[i] ?? this.nums[i]!);
    this.ids[i] = id;
    this.nums[i] = version;
    this.vecs[i] = vec;
  }

  /** `id`'s version (undefined if none), forgotten. */
  take(id: number): number | readonly number[] | undefined {
    const i = id & ((1 << RING_BITS) - 1);
    if (this.ids[i] === id) {
      this.ids[i] = -1;
      const vec = this.vecs[i]!;
      this.vecs[i] = null;
      return vec ?? this.nums[i]!;
    }
    if (this.overflow.size === 0) return undefined;
    const v = this.overflow.get(id);
    this.overflow.delete(id);
    return v;
  }
}


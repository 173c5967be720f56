/**
 * A table of records keyed by sequential integer ids (request ids), faster than a Map on the hot
 * path: a power-of-two ring indexed by id, with a Map for the rare record still present when its
 * slot is needed again (an operation in flight for more than a ring's worth of later ones).
 */
export class IdTable<T> {
  private readonly ring: (T | undefined)[];
  private readonly ids: Float64Array;
  private readonly mask: number;
  private readonly overflow = new Map<number, T>();

  constructor(bits = 16) {
    this.ring = new Array<T | undefined>(1 << bits);
    this.ids = new Float64Array(1 << bits).fill(-1);
    this.mask = (1 << bits) - 1;
  }

  /** The record with `id`, if present. */
  get(id: number): T | undefined {
    const i = id & this.mask;
    if (this.ids[i] === id) return this.ring[i];
    return this.overflow.size > 0 ? this.overflow.get(id) : undefined;
  }

  /** Stores `value` under `id` (ids are expected to grow). */
  set(id: number, value: T): void {
    const i = id & this.mask;
    const old = this.ids[i]!;
    if (old >= 0 && old !== id) this.overflow.set(old, this.ring[i]!);
    this.ids[i] = id;
    this.ring[i] = value;
  }

  /** Removes the record with `id`. */
  delete(id: number): void {
    const i = id & this.mask;
    if (this.ids[i] === id) {
      this.ids[i] = -1;
      this.ring[i] = undefined;
    } else if (this.overflow.size > 0) this.overflow.delete(id);
  }
}

/** A growable table of Int32 values by write id (`width` values per id), in chunks allocated as ids grow (0 where unset). */

const CHUNK_BITS = 16;
const CHUNK = 1 << CHUNK_BITS;

/** Int32 values by id: `width` per id (one chunk lookup finds them all). */
export class IntById {
  private readonly chunks: Int32Array[] = [];

  constructor(private readonly width = 1) {}

  /** Value `field` (0 ≤ field < width) of `id` (0 if never set). */
  get(id: number, field = 0): number {
    const c = this.chunks[id >>> CHUNK_BITS];
    return c === undefined ? 0 : c[(id & (CHUNK - 1)) * this.width + field]!;
  }

  /** Sets value `field` of `id`. */
  set(id: number, v: number, field = 0): void {
    this.chunk(id)[(id & (CHUNK - 1)) * this.width + field] = v;
  }

  /** Sets values 0 and 1 of `id` (width 2). */
  set2(id: number, a: number, b: number): void {
    const c = this.chunk(id);
    const i = (id & (CHUNK - 1)) * 2;
    c[i] = a;
    c[i + 1] = b;
  }

  private chunk(id: number): Int32Array {
    const c = id >>> CHUNK_BITS;
    while (this.chunks.length <= c) this.chunks.push(new Int32Array(CHUNK * this.width));
    return this.chunks[c]!;
  }
}

/** A growable table of Int32 values by write id, in chunks allocated as ids grow (0 where unset). */

const CHUNK_BITS = 16;
const CHUNK = 1 << CHUNK_BITS;

/** Int32 values by id. */
export class IntById {
  private readonly chunks: Int32Array[] = [];

  /** The value of `id` (0 if never set). */
  get(id: number): number {
    const c = this.chunks[id >>> CHUNK_BITS];
    return c === undefined ? 0 : c[id & (CHUNK - 1)]!;
  }

  /** Sets the value of `id`. */
  set(id: number, v: number): void {
    const c = id >>> CHUNK_BITS;
    while (this.chunks.length <= c) this.chunks.push(new Int32Array(CHUNK));
    this.chunks[c]![id & (CHUNK - 1)] = v;
  }
}

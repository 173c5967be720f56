/** Growing typed arrays: the one copy-and-grow step the simulator's and the recorder's tables share. */

/** A typed array of the kinds the tables use. */
type Grows = Int32Array | Float64Array | Uint8Array;

/** A copy of `a` with room for `length` elements (at least its own); the new ones hold `fill` (0 unless given). */
export function grown<T extends Grows>(a: T, length: number, fill = 0): T {
  const b = new (a.constructor as new (n: number) => T)(Math.max(length, a.length));
  if (fill !== 0) b.fill(fill, a.length);
  b.set(a);
  return b;
}

/** Seeded integer hashing for key placement. */

/** A well-mixed 32-bit hash of an integer key (murmur3's fmix32 over key and seed). */
export function hashKey32(key: number, seed: number): number {
  let h = (Math.imul(key | 0, 0x9e3779b1) ^ Math.imul((key / 4294967296) | 0, 0x85ebca77) ^ seed) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

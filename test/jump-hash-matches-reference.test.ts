// Jump consistent hash on 32-bit halves reproduces Lamping & Veach's reference code exactly.
import { describe, expect, it } from 'vitest';
import { jumpConsistentHash, jumpConsistentHashBigInt } from '../strategies/partitioning/jump.js';

describe('jumpConsistentHash', () => {
  // Vectors of the reference implementation, as used by the Go ports' test suites (e.g. dgryski/go-jump).
  it.each([
    [1n, 1, 0],
    [42n, 57, 43],
    [0xdead10ccn, 1, 0],
    [0xdead10ccn, 666, 361],
    [256n, 1024, 520],
  ])('key %s with %i buckets → %i', (key, buckets, expected) => {
    const hi = Number(key >> 32n);
    const lo = Number(key & 0xffffffffn);
    expect(jumpConsistentHash(hi, lo, buckets)).toBe(expected);
    expect(jumpConsistentHashBigInt(key, buckets)).toBe(expected);
  });

  it('matches the BigInt transcription for 20 000 pseudo-random 64-bit keys and bucket counts 1..100 000', () => {
    let state = 0x9e3779b97f4a7c15n;
    for (let i = 0; i < 20_000; i++) {
      state = BigInt.asUintN(64, state * 6364136223846793005n + 1442695040888963407n);
      const key = state ^ (state >> 29n);
      const buckets = 1 + (i % 7 === 0 ? (i * 131) % 100_000 : i % 1000);
      const got = jumpConsistentHash(Number(key >> 32n), Number(key & 0xffffffffn), buckets);
      expect(got).toBe(jumpConsistentHashBigInt(key, buckets));
    }
  });

  it('carries into the high word (keys whose low word is all ones)', () => {
    for (const key of [0xffffffffn, 0x1_ffffffffn, 0xffffffff_ffffffffn, 0x80000000_ffffffffn]) {
      for (const b of [2, 10, 1000, 2 ** 31 - 1]) {
        expect(jumpConsistentHash(Number(key >> 32n), Number(key & 0xffffffffn), b)).toBe(jumpConsistentHashBigInt(key, b));
      }
    }
  });
});

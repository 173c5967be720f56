// The seeded 64-bit key hash, computed on 32-bit halves, equals the BigInt SplitMix64 reference bit for bit.
import { describe, expect, it } from 'vitest';
import { Hasher64, hash64, hash64BigInt, mix13BigInt, mix53 } from '../strategies/partitioning/hash.js';

describe('hash64', () => {
  it('is SplitMix64: the first output for seed 0 is the published 0xe220a8397b1dcdaf', () => {
    expect(mix13BigInt(0x9e3779b97f4a7c15n)).toBe(0xe220a8397b1dcdafn);
  });

  it('equals the BigInt reference for edge and pseudo-random keys and seeds', () => {
    const seeds = [0, 1, 42, 2 ** 32 - 1, 2 ** 32, 2 ** 40 + 7, Number.MAX_SAFE_INTEGER];
    const keys = [0, 1, 2, 12345, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1, 2 ** 32, 2 ** 32 + 1, 987654321012, Number.MAX_SAFE_INTEGER, -1, -2, -(2 ** 53)];
    // Deterministic extra keys spread over [0, 2^53).
    for (let i = 1; i <= 2000; i++) keys.push(Math.floor(((i * 0.6180339887498949) % 1) * 2 ** 53));
    for (const seed of seeds) {
      const h = new Hasher64(seed);
      for (const key of keys) {
        const ref = hash64BigInt(key, seed);
        h.hash(key);
        expect((BigInt(h.hi) << 32n) | BigInt(h.lo)).toBe(ref);
        expect(h.hash53(key)).toBe(Number(ref >> 11n));
      }
    }
  });

  it('hash64 and mix53 agree with the class and the reference mixer', () => {
    const { hi, lo } = hash64(777, 9);
    expect((BigInt(hi) << 32n) | BigInt(lo)).toBe(hash64BigInt(777, 9));
    for (const [a, b] of [[0, 0], [0xffffffff, 0xffffffff], [0x12345678, 0x9abcdef0]] as const) {
      expect(mix53(a, b)).toBe(Number(mix13BigInt((BigInt(a) << 32n) | BigInt(b)) >> 11n));
    }
  });

  it('named streams give different hash functions for one seed', () => {
    const a = new Hasher64(5, 'a');
    const b = new Hasher64(5, 'b');
    expect(a.hash53(1)).not.toBe(b.hash53(1));
    expect(new Hasher64(5, 'a').hash53(1)).toBe(a.hash53(1));
  });
});

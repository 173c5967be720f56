/**
 * Seeded integer hashing for key placement.
 *
 * The 64-bit hash is SplitMix64 (Steele, Lea & Flood 2014, finaliser "Mix13" by Stafford):
 * `hash64(key, seed)` is output number `key` of a SplitMix64 generator whose state was derived
 * from `seed`, i.e. `mix13(state + (key + 1) * 0x9e3779b97f4a7c15)`. SplitMix64 passes BigCrush
 * on exactly this counter-style input, so sequential record numbers come out well spread.
 *
 * JavaScript has no fast 64-bit integers: BigInt allocates and is roughly 40 times slower, so the
 * arithmetic here runs on unsigned 32-bit halves (`hi`, `lo`) with `Math.imul` for the low product
 * and 16-bit limbs for the high word. `hash64BigInt` is the slow reference the tests compare to.
 */

const TWO32 = 4294967296;
const TWO53 = 9007199254740992;

// Multiplier constants split into 32-bit halves and 16-bit limbs of the low half.
const GAMMA_HI = 0x9e3779b9;
const GAMMA_LO = 0x7f4a7c15;
const GAMMA_LO0 = GAMMA_LO & 0xffff;
const GAMMA_LO1 = GAMMA_LO >>> 16;
const M1_HI = 0xbf58476d;
const M1_LO = 0x1ce4e5b9;
const M1_LO0 = M1_LO & 0xffff;
const M1_LO1 = M1_LO >>> 16;
const M2_HI = 0x94d049bb;
const M2_LO = 0x133111eb;
const M2_LO0 = M2_LO & 0xffff;
const M2_LO1 = M2_LO >>> 16;

// Scratch output of the 64-bit helpers below: [hi, lo] as signed int32. A typed array, because
// module-level `let` numbers outside the small-integer range are boxed on every write (4x slower).
const OUT = new Int32Array(2);

/** Upper 32 bits of the unsigned product a * b (a as int32 bits, b given as 16-bit limbs b1 << 16 | b0). */
function mulHi32(a: number, b0: number, b1: number): number {
  const a0 = a & 0xffff;
  const a1 = a >>> 16;
  const t = Math.imul(a0, b0) >>> 0;
  const m1 = a1 * b0 + (t >>> 16);
  const m2 = a0 * b1 + (m1 & 0xffff);
  return a1 * b1 + (m1 >>> 16) + (m2 >>> 16);
}

/** Stafford's Mix13 over (hi, lo) given as int32 bits; result in OUT. */
function mix13(hi: number, lo: number): void {
  // z ^= z >>> 30
  lo ^= (lo >>> 30) | (hi << 2);
  hi ^= hi >>> 30;
  // z *= 0xbf58476d1ce4e5b9
  let h = (mulHi32(lo, M1_LO0, M1_LO1) + Math.imul(hi, M1_LO) + Math.imul(lo, M1_HI)) | 0;
  lo = Math.imul(lo, M1_LO);
  hi = h;
  // z ^= z >>> 27
  lo ^= (lo >>> 27) | (hi << 5);
  hi ^= hi >>> 27;
  // z *= 0x94d049bb133111eb
  h = (mulHi32(lo, M2_LO0, M2_LO1) + Math.imul(hi, M2_LO) + Math.imul(lo, M2_HI)) | 0;
  lo = Math.imul(lo, M2_LO);
  hi = h;
  // z ^= z >>> 31
  OUT[1] = lo ^ ((lo >>> 31) | (hi << 1));
  OUT[0] = hi ^ (hi >>> 31);
}

/** SplitMix64 output `key` for state (sHi, sLo): mix13(state + (key + 1) * gamma); result in OUT. */
function splitmix(sHi: number, sLo: number, key: number): void {
  // k = key + 1 as a 64-bit two's-complement value (keys are integers within ±2^53).
  const k = key + 1;
  const kLo = k | 0;
  const kHi = Math.floor(k / TWO32) | 0;
  // p = k * gamma mod 2^64
  const pHi = mulHi32(kLo, GAMMA_LO0, GAMMA_LO1) + Math.imul(kHi, GAMMA_LO) + Math.imul(kLo, GAMMA_HI);
  const pLo = Math.imul(kLo, GAMMA_LO);
  // z = state + p
  const lo = (sLo + pLo) | 0;
  const carry = lo >>> 0 < sLo >>> 0 ? 1 : 0;
  mix13((sHi + pHi + carry) | 0, lo);
}

/** Top 53 bits of the 64-bit value in OUT, as an integer-valued number. */
function out53(): number {
  return (OUT[0]! >>> 0) * 2097152 + (OUT[1]! >>> 11);
}

/** 32-bit FNV-1a of a string (used only to name independent hash streams). */
function fnv1a32(text: string, basis: number): number {
  let h = basis >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * A seeded 64-bit key hasher. `hash(key)` leaves the two 32-bit halves in `hi`/`lo`; `hash53(key)`
 * returns the top 53 bits as an exact integer-valued number in [0, 2^53).
 * Keys must be integers in ±2^53 (record numbers); the seed an integer in [0, 2^53).
 */
export class Hasher64 {
  /** High 32 bits of the last `hash` result. */
  hi = 0;
  /** Low 32 bits of the last `hash` result. */
  lo = 0;
  /** High half of the generator state derived from the seed and stream. */
  readonly stateHi: number;
  /** Low half of the generator state derived from the seed and stream. */
  readonly stateLo: number;

  /** A hasher for `seed`; a different `stream` name gives an independent hash function for the same seed. */
  constructor(seed: number, stream = '') {
    // state = mix13(mix13(seed + gamma) ^ fnv(stream)): the SplitMix64 first output of the seed, re-mixed per stream.
    splitmix(Math.floor(seed / TWO32) | 0, seed | 0, 0);
    if (stream !== '') mix13(OUT[0]! ^ fnv1a32(stream, 0x811c9dc5), OUT[1]! ^ fnv1a32(stream, 0x050c5d1f));
    this.stateHi = OUT[0]! >>> 0;
    this.stateLo = OUT[1]! >>> 0;
  }

  /** Hashes `key`; the result is left in `this.hi` and `this.lo`. */
  hash(key: number): void {
    splitmix(this.stateHi | 0, this.stateLo | 0, key);
    this.hi = OUT[0]! >>> 0;
    this.lo = OUT[1]! >>> 0;
  }

  /** The top 53 bits of the 64-bit hash of `key`, as an integer-valued number in [0, 2^53). */
  hash53(key: number): number {
    splitmix(this.stateHi | 0, this.stateLo | 0, key);
    return out53();
  }

  /** The hash of `key` as a uniform number in [0, 1). */
  unit(key: number): number {
    return this.hash53(key) / TWO53;
  }
}

/** Mix13 of the 64-bit value (hi, lo), returned as its top 53 bits in [0, 2^53): a fast strong mixer for combining hashes. */
export function mix53(hi: number, lo: number): number {
  mix13(hi | 0, lo | 0);
  return out53();
}

/** The seeded 64-bit hash of `key` as 32-bit halves (allocates; hot paths use `Hasher64`). */
export function hash64(key: number, seed: number, stream = ''): { hi: number; lo: number } {
  const h = new Hasher64(seed, stream);
  h.hash(key);
  return { hi: h.hi, lo: h.lo };
}

const MASK64 = (1n << 64n) - 1n;

/** Mix13 in BigInt (reference implementation for tests and benchmarks). */
export function mix13BigInt(z: bigint): bigint {
  z &= MASK64;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
  return z ^ (z >> 31n);
}

/** `hash64` computed with BigInt: the slow reference the split-arithmetic version must equal. */
export function hash64BigInt(key: number | bigint, seed: number): bigint {
  const gamma = 0x9e3779b97f4a7c15n;
  const state = mix13BigInt(BigInt(seed) + gamma);
  return mix13BigInt(state + (BigInt(key) + 1n) * gamma);
}

/** A well-mixed 32-bit hash of an integer key (murmur3's fmix32 over key and seed); kept for callers of the old API. */
export function hashKey32(key: number, seed: number): number {
  let h = (Math.imul(key | 0, 0x9e3779b1) ^ Math.imul((key / 4294967296) | 0, 0x85ebca77) ^ seed) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * YCSB's 64-bit FNV-1a hash (site.ycsb.Utils.fnvhash64) and YCSB key names.
 *
 * YCSB hashes the eight bytes of a Java `long`, low byte first, starting from the offset basis
 * 0xCBF29CE484222325 and multiplying by the prime 1099511628211 (= 2^40 + 0x1B3) modulo 2^64,
 * then returns `Math.abs` of the result read as a signed 64-bit integer. Because Java's
 * `Math.abs(Long.MIN_VALUE)` is `Long.MIN_VALUE`, one hash value stays negative; `fnvhash64`
 * reproduces that.
 *
 * The hot path (`fnvhash64Mod`, one call per scrambled-zipfian draw) works on 16-bit limbs
 * with plain number arithmetic and allocates nothing; `fnvhash64` returns an exact
 * BigInt for callers that need the whole value.
 */

const TWO32 = 4294967296;
/** Low bits of the FNV prime; the prime is 2^40 + PRIME_LO. */
const PRIME_LO = 0x1b3;

/** The 64-bit FNV-1a offset basis YCSB uses (FNV_OFFSET_BASIS_64). */
export const FNV_OFFSET_BASIS_64 = 0xcbf29ce484222325n;
/** The 64-bit FNV prime YCSB uses (FNV_PRIME_64). */
export const FNV_PRIME_64 = 1099511628211n;

// High half of the latest fnvAbs() result (the low half is its return value).
let absHi = 0;

/**
 * Hashes a Java long given as its two's-complement halves; returns the low unsigned 32-bit half
 * of Java's Math.abs of the signed result and leaves the high half in absHi (0x80000000_00000000
 * stands for Long.MIN_VALUE, which Math.abs leaves negative).
 *
 * The 64-bit state is four 16-bit limbs so every product stays exact in a double:
 * h·(2^40 + 0x1B3) adds h·0x1B3 to every limb and h0, h1 (shifted by 8) to limbs 2 and 3.
 */
function fnvAbs(hi: number, lo: number): number {
  // The offset basis 0xCBF29CE4_84222325, low limb first.
  let h0 = 0x2325;
  let h1 = 0x8422;
  let h2 = 0x9ce4;
  let h3 = 0xcbf2;
  for (let i = 0; i < 8; i++) {
    h0 ^= i < 4 ? (lo >>> (i << 3)) & 0xff : (hi >>> ((i - 4) << 3)) & 0xff;
    const t0 = h0 * PRIME_LO;
    const t1 = h1 * PRIME_LO + (t0 >>> 16);
    const t2 = h2 * PRIME_LO + (t1 >>> 16) + (h0 << 8);
    const t3 = h3 * PRIME_LO + (t2 >>> 16) + (h1 << 8);
    h0 = t0 & 0xffff;
    h1 = t1 & 0xffff;
    h2 = t2 & 0xffff;
    h3 = t3 & 0xffff;
  }
  let hHi = ((h3 << 16) | h2) >>> 0;
  let hLo = ((h1 << 16) | h0) >>> 0;
  if (hHi >= 0x80000000) {
    // Two's-complement negation; Long.MIN_VALUE maps to itself, as in Java.
    if (hLo === 0) {
      hHi = -hHi >>> 0;
    } else {
      hLo = -hLo >>> 0;
      hHi = ~hHi >>> 0;
    }
  }
  absHi = hHi;
  return hLo;
}

/** Checks a safe integer and returns the low word of its two's complement (the high word is hiWord(value)). */
function loWord(value: number): number {
  if (!Number.isSafeInteger(value)) throw new RangeError(`fnvhash64: ${value} is not a safe integer`);
  return value >>> 0; // ToUint32 of an integer: its value mod 2^32
}

/** The (two's-complement) high word of a safe integer. */
function hiWord(value: number): number {
  return Math.floor(value / TWO32) >>> 0;
}

/** YCSB's Utils.fnvhash64 of a Java long (a safe integer or a bigint in the signed 64-bit range), exactly. */
export function fnvhash64(value: number | bigint): bigint {
  if (typeof value === 'bigint') {
    const v = BigInt.asUintN(64, value);
    if (BigInt.asIntN(64, value) !== value) throw new RangeError(`fnvhash64: ${value} is outside the signed 64-bit range`);
    const lo = fnvAbs(Number(v >> 32n), Number(v & 0xffffffffn));
    return BigInt.asIntN(64, (BigInt(absHi) << 32n) | BigInt(lo));
  }
  const lo = fnvAbs(hiWord(value), loWord(value));
  return BigInt.asIntN(64, (BigInt(absHi) << 32n) | BigInt(lo));
}

/**
 * `fnvhash64(value) mod modulus` for a non-negative safe integer `value` and a positive integer
 * `modulus`, without allocating. Equals YCSB's `Utils.fnvhash64(value) % modulus` except for the
 * single hash value Long.MIN_VALUE, where Java's remainder is ≤ 0 and this returns the
 * non-negative residue instead (so the result is always a valid index in [0, modulus)).
 */
export function fnvhash64Mod(value: number, modulus: number): number {
  const lo = fnvAbs(hiWord(value), loWord(value));
  return modHalves(absHi, lo, modulus);
}

// 2^32 mod m for the modulus of the latest modHalves() call (one modulus per generator, so this almost always hits).
let lastModulus = 1;
let lastTwo32Mod = 0;

/** x mod m for integers 0 ≤ x < 2^53 and 0 < m, by a float division with a one-step fix-up (cheaper than %). */
function fastMod(x: number, m: number): number {
  const r = x - Math.floor(x / m) * m;
  return r < 0 ? r + m : r >= m ? r - m : r;
}

/** (hi·2^32 + lo) mod m for unsigned 32-bit halves and a positive integer m, exactly. */
function modHalves(hi: number, lo: number, m: number): number {
  if (m <= 0x200000) {
    // m ≤ 2^21: (hi mod m)·(2^32 mod m) + lo < 2^43, exact.
    if (m !== lastModulus) {
      lastModulus = m;
      lastTwo32Mod = TWO32 % m;
    }
    return fastMod(fastMod(hi, m) * lastTwo32Mod + lo, m);
  }
  if (m <= 0x2000000000) {
    // m ≤ 2^37: shift in 16 bits at a time; every intermediate stays below 2^53.
    let r = hi % m;
    r = (r * 65536 + (lo >>> 16)) % m;
    r = (r * 65536 + (lo & 0xffff)) % m;
    return r;
  }
  return Number(((BigInt(hi) << 32n) | BigInt(lo)) % BigInt(m));
}

/** Decimal digits of the signed 64-bit value whose Math.abs halves are hi/lo (fnvAbs output). */
function decimalOfHalves(hi: number, lo: number): string {
  if (hi === 0x80000000 && lo === 0) return '-9223372036854775808';
  if (hi < 0x200000) return String(hi * TWO32 + lo); // below 2^53: exact as a double
  // Long division by 10^7 over four 16-bit limbs (every remainder·65536 + limb < 2^53).
  let a = hi >>> 16;
  let b = hi & 0xffff;
  let c = lo >>> 16;
  let d = lo & 0xffff;
  let out = '';
  while (a !== 0 || b !== 0 || c * 65536 + d >= 1e7) {
    let r = a % 1e7;
    a = (a - r) / 1e7;
    let x = r * 65536 + b;
    r = x % 1e7;
    b = (x - r) / 1e7;
    x = r * 65536 + c;
    r = x % 1e7;
    c = (x - r) / 1e7;
    x = r * 65536 + d;
    r = x % 1e7;
    d = (x - r) / 1e7;
    out = String(r).padStart(7, '0') + out;
  }
  return String(c * 65536 + d) + out;
}

/**
 * YCSB's `Utils.fnvhash64(value)` (non-negative: Java's Math.abs of the hash) as a fraction of
 * 2^63, in [0, 1): where a key named by its hash falls in hash order. Double precision.
 */
export function fnvhash64Fraction(value: number): number {
  const lo = fnvAbs(hiWord(value), loWord(value));
  const f = ((absHi & 0x7fffffff) * TWO32 + lo) / 2 ** 63;
  return f < 1 ? f : 0; // Long.MIN_VALUE (its own absolute value) wraps to 0
}

/** YCSB's `Utils.fnvhash64(value)` as a decimal string (what YCSB appends to "user"). */
export function fnvhash64String(value: number): string {
  const lo = fnvAbs(hiWord(value), loWord(value));
  return decimalOfHalves(absHi, lo);
}

/**
 * YCSB's CoreWorkload.buildKeyName: `"user" + fnvhash64(keynum)` when hashed (insertorder=hashed,
 * the default) or `"user" + keynum` when ordered, the number left-padded with zeros to
 * `zeroPadding` characters.
 */
export function buildKeyName(keynum: number, zeroPadding = 1, ordered = false): string {
  const digits = ordered ? String(keynum) : fnvhash64String(keynum);
  return digits.length >= zeroPadding ? 'user' + digits : 'user' + digits.padStart(zeroPadding, '0');
}

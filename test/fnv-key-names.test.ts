// YCSB key names: "user" + fnvhash64(keynum) (insertorder=hashed), zero-padded; "user" + keynum when ordered.
import { describe, expect, it } from 'vitest';
import { buildKeyName, fnvhash64, fnvhash64Mod, fnvhash64String } from '../workloads/fnv.js';
import { Rng } from '../harness/sim/rng.js';

/** Straight transcription of YCSB's Utils.fnvhash64 in BigInt, as the reference. */
function reference(val: bigint): bigint {
  let h = 0xcbf29ce484222325n;
  let v = BigInt.asIntN(64, val);
  for (let i = 0; i < 8; i++) {
    const octet = v & 0xffn;
    v >>= 8n; // arithmetic shift, as Java's >>
    h = BigInt.asUintN(64, (h ^ octet) * 1099511628211n);
  }
  const s = BigInt.asIntN(64, h);
  return s < 0n && s !== -(1n << 63n) ? -s : s; // Java Math.abs(Long.MIN_VALUE) stays negative
}

describe('YCSB key names', () => {
  it('match YCSB for keys 0, 1 and 2', () => {
    expect(buildKeyName(0)).toBe('user6284781860667377211');
    expect(buildKeyName(1)).toBe('user8517097267634966620');
    expect(buildKeyName(2)).toBe('user1820151046732198393');
  });

  it('zero-pad the number (hashed and ordered) and leave longer numbers alone', () => {
    expect(buildKeyName(5, 8, true)).toBe('user00000005');
    expect(buildKeyName(123, 1, true)).toBe('user123');
    expect(buildKeyName(0, 22)).toBe('user0006284781860667377211');
    expect(buildKeyName(0, 5)).toBe('user6284781860667377211');
  });

  it('agree with a BigInt transcription of Utils.fnvhash64 (exact value, decimal, and mod)', () => {
    const rng = new Rng(7, 'fnv');
    const values = [0, 1, 255, 256, 65535, 2 ** 31, 2 ** 32 - 1, 2 ** 32, 1e10, 1e10 + 1, Number.MAX_SAFE_INTEGER, -1, -(2 ** 40)];
    for (let i = 0; i < 20000; i++) values.push(Math.floor(rng.next() * 2 ** 21) * 2 ** 32 + rng.nextUint32());
    const moduli = [1, 7, 1000, 1001, 2 ** 21, 2 ** 21 + 3, 123456789, 2 ** 37 + 5];
    const mismatches: string[] = [];
    for (const v of values) {
      const want = reference(BigInt(v));
      if (fnvhash64(v) !== want || fnvhash64(BigInt(v)) !== want || fnvhash64String(v) !== want.toString()) mismatches.push(`hash ${v}`);
      if (v >= 0) for (const m of moduli) if (fnvhash64Mod(v, m) !== Number(want % BigInt(m))) mismatches.push(`${v} mod ${m}`);
    }
    expect(mismatches).toEqual([]);
  });
});

// Operations are drawn in proportions normalised by their sum; scan lengths come from minscanlength…maxscanlength.
import { describe, expect, it } from 'vitest';
import { OPERATION_KINDS, OperationChooser, createScanLengthGenerator, normaliseMix, type OperationKind } from '../workloads/generators.js';
import { Rng } from '../harness/sim/rng.js';

describe('operation mix', () => {
  it('normalises proportions by their sum and draws them in that ratio', () => {
    const mix = { read: 2, update: 1, insert: 0, scan: 0.5, 'read-modify-write': 0.5 };
    const c = new OperationChooser(mix, new Rng(12, 'ops'));
    expect(c.mix).toEqual({ read: 0.5, update: 0.25, insert: 0, scan: 0.125, 'read-modify-write': 0.125 });
    const counts = Object.fromEntries(OPERATION_KINDS.map((k) => [k, 0])) as Record<OperationKind, number>;
    const n = 400_000;
    for (let i = 0; i < n; i++) counts[c.next()]++;
    // SE of a share ≤ sqrt(0.25/400k) ≈ 0.08 pp; tolerance ±0.5 pp.
    for (const k of OPERATION_KINDS) expect(Math.abs(counts[k] / n - c.mix[k])).toBeLessThan(0.005);
    expect(counts.insert).toBe(0);
  });

  it('rejects a negative proportion and an all-zero mix', () => {
    expect(() => normaliseMix({ read: -0.1, update: 1, insert: 0, scan: 0, 'read-modify-write': 0 })).toThrow(/read proportion/);
    expect(() => normaliseMix({ read: 0, update: 0, insert: 0, scan: 0, 'read-modify-write': 0 })).toThrow(/all 0/);
  });

  it('scan lengths stay in [min, max]: uniform is flat, zipfian favours short scans', () => {
    const u = createScanLengthGenerator({ minScanLength: 1, maxScanLength: 100 }, new Rng(13, 'scan'));
    const z = createScanLengthGenerator({ minScanLength: 1, maxScanLength: 100, distribution: 'zipfian' }, new Rng(13, 'scanz'));
    let su = 0;
    let sz = 0;
    const n = 100_000;
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < n; i++) {
      const a = u.next();
      const b = z.next();
      lo = Math.min(lo, a, b);
      hi = Math.max(hi, a, b);
      su += a;
      sz += b;
    }
    expect([lo, hi]).toEqual([1, 100]);
    // Uniform mean 50.5 (SE ≈ 0.09): ±1. Zipf(0.99) over 100 has mean ≈ 21, far below.
    expect(Math.abs(su / n - 50.5)).toBeLessThan(1);
    expect(sz / n).toBeLessThan(30);
  });
});

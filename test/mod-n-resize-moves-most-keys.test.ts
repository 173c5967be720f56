// Naive hash mod N re-homes most keys when N changes: 10→11 nodes moves 10/11, 10→20 moves 1/2.
import { describe, expect, it } from 'vitest';
import { hashMod } from '../strategies/partitioning/hash-mod.js';
import { movedKeys, resizeCost } from '../strategies/partitioning/metrics.js';

const KEYS = 100_000;

describe('hash-mod per-node (naive mod-N)', () => {
  // A key stays only if h mod N = h mod N'. For 10→11, by the CRT h mod 110 is uniform and the key stays iff
  // h mod 110 < 10: P(move) = 100/110 = 10/11 ≈ 90.91 %. For 10→20 it stays iff h mod 20 < 10: 50 %. For 10→9 it stays
  // iff h mod 90 < 9: 90 %. Tolerance 1 pp: moved counts are binomial over 1e5 keys, σ ≤ 0.16 pp, so 1 pp is ≥ 6σ.
  const scheme = hashMod({ nodes: 10, replicationFactor: 3, seed: 2024 });

  it('uses one partition per node', () => {
    expect(scheme.mode).toBe('per-node');
    expect(scheme.partitions).toBe(10);
  });

  it('10 → 11 nodes moves ≈ 10/11 of keys, 10 → 9 moves ≈ 9/10', () => {
    const cost = resizeCost(scheme, KEYS);
    expect(cost.grow.to).toBe(11);
    expect(Math.abs(cost.grow.fraction - 10 / 11)).toBeLessThan(0.01);
    expect(cost.shrink!.to).toBe(9);
    expect(Math.abs(cost.shrink!.fraction - 9 / 10)).toBeLessThan(0.01);
  });

  it('10 → 20 nodes moves ≈ 50 % of keys', () => {
    const moved = movedKeys(scheme, scheme.resize(20), KEYS);
    expect(moved.total).toBe(KEYS);
    expect(Math.abs(moved.fraction - 0.5)).toBeLessThan(0.01);
  });
});

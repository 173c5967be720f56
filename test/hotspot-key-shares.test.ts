// Hotspot 0.2/0.8: 20% of keys take 80% of operations, so each hot key gets ≈ 4/n and each cold key ≈ 0.25/n.
import { describe, expect, it } from 'vitest';
import { HotspotGenerator } from '../workloads/generators.js';
import { Rng } from '../harness/sim/rng.js';

describe('hotspot key shares', () => {
  it('each hot key ≈ 4/n, each cold key ≈ 0.25/n (n = 100, 2M draws)', () => {
    const n = 100;
    const draws = 2_000_000;
    const g = new HotspotGenerator(0, n - 1, new Rng(11, 'hotspot'), 0.2, 0.8);
    expect(g.hotInterval).toBe(20);
    const counts = new Float64Array(n);
    for (let i = 0; i < draws; i++) counts[g.next()]++;
    // Tolerances: a hot key expects 80 000 draws (SE ≈ 0.35% relative), a cold key 5 000
    // (SE ≈ 1.4%); ±5% and ±8% relative are > 5 SE even for the extreme of 80 keys.
    for (let k = 0; k < n; k++) {
      const relShare = (counts[k]! / draws) * n;
      if (k < 20) expect(Math.abs(relShare - 4) / 4).toBeLessThan(0.05);
      else expect(Math.abs(relShare - 0.25) / 0.25).toBeLessThan(0.08);
    }
  });
});

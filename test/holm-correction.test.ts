/** Holm's step-down adjustment matches the textbook (and R's p.adjust(method = "holm")) values. */
import { describe, expect, it } from 'vitest';
import { holmAdjust } from '../reports/stats.js';

describe('Holm correction', () => {
  it('adjusts p-values step-down, monotone, capped at 1, in input order', () => {
    const adj = holmAdjust([0.01, 0.04, 0.03, 0.005]);
    // sorted: 0.005×4 = 0.02, 0.01×3 = 0.03, 0.03×2 = 0.06, 0.04×1 → max(0.06, 0.04) = 0.06
    [0.03, 0.06, 0.06, 0.02].forEach((v, i) => expect(adj[i]).toBeCloseTo(v, 12));
    expect(holmAdjust([0.5, 0.9])).toEqual([1, 1]);
    expect(holmAdjust([])).toEqual([]);
  });
});

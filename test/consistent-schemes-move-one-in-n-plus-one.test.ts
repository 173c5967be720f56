// Consistent hashing (enough vnodes), rendezvous and jump move ≈ 1/11 of keys from 10 to 11 nodes, all to the new node.
import { describe, expect, it } from 'vitest';
import { createPartitionScheme } from '../strategies/partitioning/registry.js';
import { owners, resizeCost } from '../strategies/partitioning/metrics.js';
import type { PartitionOptions } from '../strategies/partitioning/types.js';

const KEYS = 100_000;

// Tolerance 1 pp around 1/11 = 9.09 %:
// - rendezvous and jump: each key independently moves with probability exactly 1/11, so the moved fraction is binomial
//   over 1e5 keys, σ = 0.09 pp; 1 pp is 11σ.
// - consistent-hash: the moved fraction is the new node's ring share, a sum of v spacings with relative spread 1/√v, so
//   σ ≈ (1/11)/√v. With v = 4096 that is 0.14 pp (plus the 0.09 pp key sampling), so 1 pp is ≈ 6σ. With v = 256 σ would be
//   0.57 pp and a 1 pp bound would hold for only ~92 % of seeds — which is why "enough vnodes" here means thousands.
const cases: Array<[string, PartitionOptions]> = [
  ['consistent-hash', { nodes: 10, replicationFactor: 3, seed: 11, vnodes: 4096 }],
  ['rendezvous', { nodes: 10, replicationFactor: 3, seed: 11 }],
  ['jump', { nodes: 10, replicationFactor: 3, seed: 11 }],
];

describe.each(cases)('%s', (name, options) => {
  const scheme = createPartitionScheme(name, options);

  it('10 → 11 nodes moves ≈ 1/11 of keys, every one of them to the new node', () => {
    const before = owners(scheme, KEYS);
    const after = owners(scheme.resize(11), KEYS);
    let moved = 0;
    for (let k = 0; k < KEYS; k++) {
      if (before[k] !== after[k]) {
        moved++;
        if (after[k] !== 10) throw new Error(`key ${k} moved from ${before[k]} to ${after[k]}, not to the new node`);
      }
    }
    expect(Math.abs(moved / KEYS - 1 / 11)).toBeLessThan(0.01);
  });

  it('10 → 9 nodes moves ≈ 1/10 of keys, only those of the leaving node', () => {
    const before = owners(scheme, KEYS);
    const after = owners(scheme.resize(9), KEYS);
    let moved = 0;
    for (let k = 0; k < KEYS; k++) {
      if (before[k] !== after[k]) {
        moved++;
        if (before[k] !== 9) throw new Error(`key ${k} of surviving node ${before[k]} moved`);
      }
    }
    expect(Math.abs(moved / KEYS - 1 / 10)).toBeLessThan(0.01);
    expect(resizeCost(scheme, KEYS).shrink!.moved).toBe(moved);
  });
});

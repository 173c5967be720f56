// Consistent hashing with v virtual nodes per node spreads node shares with a coefficient of variation ≈ 1/√v.
import { describe, expect, it } from 'vitest';
import { consistentHash } from '../strategies/partitioning/consistent-hash.js';
import { countStats, loadBalance } from '../strategies/partitioning/metrics.js';

// Theory: with M = N·v uniform tokens the arcs are Dirichlet(1,…,1) spacings; a node's share is a sum of v of them,
// Beta(v, M−v), so CV = (1/√v)·√((M−v)/(M+1)) ≈ (1/√v)·√(1 − 1/N). With N = 1000 nodes that factor is 0.9995.
//
// How many nodes: the CV is estimated from N shares. For near-normal shares the relative standard error of a sample
// standard deviation is ≈ ½·√((2 + κ)/N), κ = 6/v the excess kurtosis of Gamma(v): with N = 1000 that is 2.4 % for
// v = 16 and 2.2 % for v = 256, so the ±20 % tolerance is ≈ 8σ and holds for every seed, not just a lucky one. With
// N = 10 nodes it would be ≈ 24 % — one ring of 10 nodes cannot tell 1/√v from noise, which is why we use 1000 nodes
// (three seeds each) and measure exact ring shares instead of sampling keys (1e5 keys over 1000 nodes would add
// ≈ 10 % sampling noise per node, more than the 6 % we try to measure at v = 256).
describe.each([16, 256])('consistent-hash with %i vnodes per node', (v) => {
  it.each([1, 2, 3])('seed %i: CV of node ring shares is within 20 % of 1/√v', (seed) => {
    const ring = consistentHash({ nodes: 1000, vnodes: v, seed });
    const shares = ring.ownership();
    const stats = countStats(shares);
    expect(Math.abs(stats.total - 1)).toBeLessThan(1e-9);
    const expected = 1 / Math.sqrt(v);
    expect(Math.abs(stats.cv / expected - 1)).toBeLessThan(0.2);
  });
});

describe('key counts follow ring shares', () => {
  it('keys per leader track the exact shares (10 nodes, 64 vnodes, 2e5 keys)', () => {
    // Each node's key count is binomial with p = its share (≈ 0.1): σ ≈ √(2e5·0.1)/2e5 ≈ 0.07 pp; 0.5 pp is > 7σ.
    const ring = consistentHash({ nodes: 10, vnodes: 64, seed: 4 });
    const shares = ring.ownership();
    const keys = 200_000;
    const lb = loadBalance(ring, keys);
    for (let n = 0; n < 10; n++) expect(Math.abs(lb.keysPerLeader.counts[n]! / keys - shares[n]!)).toBeLessThan(0.005);
  });
});

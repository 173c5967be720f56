// Placement is a pure function of (options, seed): identical for the same seed, different for another seed.
import { describe, expect, it } from 'vitest';
import { createPartitionScheme } from '../strategies/partitioning/registry.js';
import { owners } from '../strategies/partitioning/metrics.js';
import type { PartitionScheme } from '../strategies/partitioning/types.js';

const KEYS = 20_000;

function snapshot(s: PartitionScheme): { parts: number[]; replicas: (readonly number[])[] } {
  const parts: number[] = [];
  for (let k = 0; k < KEYS; k++) parts.push(s.partitionOf(k));
  const replicas: (readonly number[])[] = [];
  for (let p = 0; p < s.partitions; p++) replicas.push(s.replicasOf(p));
  return { parts, replicas };
}

describe.each(['hash-mod', 'consistent-hash', 'rendezvous', 'jump'])('%s', (name) => {
  const opts = { nodes: 10, replicationFactor: 3, vnodes: 32 };

  it('two builds with the same seed place every key and partition identically', () => {
    expect(snapshot(createPartitionScheme(name, { ...opts, seed: 42 }))).toEqual(snapshot(createPartitionScheme(name, { ...opts, seed: 42 })));
  });

  it('another seed places keys differently (owners agree only by chance, ≈ 1/10)', () => {
    // Under independent placements a key keeps its owner with probability Σ share² ≈ 1/10 (a bit more on a 32-vnode
    // ring); over 2e4 keys that is 10 % ± 0.2 pp, so < 30 % can only fail if the seed were ignored.
    const a = owners(createPartitionScheme(name, { ...opts, seed: 42 }), KEYS);
    const b = owners(createPartitionScheme(name, { ...opts, seed: 43 }), KEYS);
    let same = 0;
    for (let k = 0; k < KEYS; k++) if (a[k] === b[k]) same++;
    expect(same / KEYS).toBeLessThan(0.3);
  });
});

describe('range', () => {
  it('does not hash, so its placement is the same for every seed', () => {
    const a = createPartitionScheme('range', { nodes: 4, keySpace: 1000, seed: 1 });
    const b = createPartitionScheme('range', { nodes: 4, keySpace: 1000, seed: 2 });
    expect(snapshot(a)).toEqual(snapshot(b));
  });
});

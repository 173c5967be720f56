// Growing jump hash from N to N+1 buckets moves exactly the keys that land in the new bucket, and nothing else.
import { describe, expect, it } from 'vitest';
import { jumpHash } from '../strategies/partitioning/jump.js';
import { movedKeys } from '../strategies/partitioning/metrics.js';

describe('jump resize', () => {
  it.each([1, 2, 10, 63, 100])('%i → n+1 buckets: moved keys = keys in bucket n', (n) => {
    const keys = 50_000;
    const a = jumpHash({ nodes: n, seed: 3 });
    const b = a.resize(n + 1);
    let inNew = 0;
    for (let k = 0; k < keys; k++) {
      const pa = a.partitionOf(k);
      const pb = b.partitionOf(k);
      if (pb === n) inNew++;
      else expect(pb).toBe(pa); // a key not in the new bucket never moves
    }
    const moved = movedKeys(a, b, keys);
    expect(moved.moved).toBe(inNew);
  });
});

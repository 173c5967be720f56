// The generator microbenchmark reports a positive draws-per-second figure for every generator.
import { describe, expect, it } from 'vitest';
import { benchGenerators } from '../bench/generators.js';

describe('generator microbenchmarks', () => {
  it('return a named, positive draws/s figure per generator', async () => {
    const results = await benchGenerators({ time: 20, warmupTime: 5 });
    const names = results.map((r) => r.name);
    for (const d of ['uniform', 'zipfian', 'scrambled-zipfian', 'latest', 'hotspot', 'exponential', 'sequential']) {
      expect(names).toContain(`key ${d} (100000 records)`);
    }
    expect(new Set(names).size).toBe(names.length);
    for (const r of results) expect(r.opsPerSec).toBeGreaterThan(0);
  });
});

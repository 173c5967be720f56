/** Matrix expansion: counts, stable ids (independent of key order), distinct derived seeds for repetitions. */
import { describe, expect, it } from 'vitest';
import { expandSuite } from '../harness/config/suite.js';

const base = {
  name: 'm',
  seed: 3,
  duration: '1s',
  network: { clientToNode: '100us' },
  matrix: { strategy: ['sync', 'async', { name: 'semi-sync', acks: 1 }], 'workload.readProportion': [0.2, 0.8] },
};

describe('matrix expansion', () => {
  it('expands to the cartesian product with stable, unique ids and readable names', async () => {
    const a = await expandSuite(base, 't', { baseDir: '.' });
    const b = await expandSuite(JSON.parse(JSON.stringify(base)), 't', { baseDir: '.' });
    expect(a.cases).toHaveLength(6);
    expect(a.cases.map((c) => c.id)).toEqual(b.cases.map((c) => c.id));
    expect(new Set(a.cases.map((c) => c.id)).size).toBe(6);
    expect(a.cases.map((c) => c.name)).toContain('semi-sync(acks=1) readProportion=0.8');
    expect(a.fingerprint).toBe(b.fingerprint);
    // Same content written in another key order gives the same ids.
    const reordered = { matrix: base.matrix, network: base.network, duration: base.duration, seed: base.seed, name: base.name };
    const c = await expandSuite(reordered, 't', { baseDir: '.' });
    expect(c.cases.map((x) => x.id)).toEqual(a.cases.map((x) => x.id));
    // A different seed changes every id and the fingerprint.
    const d = await expandSuite({ ...base, seed: 4 }, 't', { baseDir: '.' });
    expect(d.cases.map((x) => x.id).some((id) => a.cases.some((y) => y.id === id))).toBe(false);
    expect(d.fingerprint).not.toBe(a.fingerprint);
  });

  it('repetitions derive distinct seeds (repetition 0 keeps the suite seed)', async () => {
    const s = await expandSuite({ ...base, matrix: { strategy: ['sync', 'async'] }, repetitions: 4 }, 't', { baseDir: '.' });
    expect(s.cases).toHaveLength(8);
    const seeds = s.cases.filter((c) => c.config.strategy.name === 'sync').map((c) => c.config.seed);
    expect(seeds[0]).toBe(3);
    expect(new Set(seeds).size).toBe(4);
    // Common random numbers: sync and async of the same repetition share a seed.
    expect(s.cases.filter((c) => c.config.strategy.name === 'async').map((c) => c.config.seed)).toEqual(seeds);
  });
});

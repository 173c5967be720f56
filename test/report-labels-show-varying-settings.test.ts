/**
 * Chart labels stay short and distinct: a strategy is labelled by its name plus only the
 * parameters that differ between cases of that strategy (defaults that never change are left
 * out), and the other swept settings become the case's variant (`partitioning=jump rate=2000`).
 */
import { describe, expect, it } from 'vitest';
import { buildModel, settingLabels, variantLabel } from '../reports/model.js';
import { SMALL_SUITE, resultsOf } from './support/report-fixture.js';

describe('report labels', () => {
  it('show the varying strategy parameters and the other swept settings', async () => {
    expect(settingLabels([{ name: 'sync', params: { retransmit: 1 } }, { name: 'semi-sync', params: { acks: 1, timeout: 5 } }, { name: 'semi-sync', params: { acks: 2, timeout: 5 } }])).toEqual([
      'sync',
      'semi-sync(acks=1)',
      'semi-sync(acks=2)',
    ]);
    expect(settingLabels(['hash-mod', { scheme: 'consistent-hash', vnodes: 16 }, { scheme: 'consistent-hash', vnodes: 64 }])).toEqual(['hash-mod', 'consistent-hash(vnodes=16)', 'consistent-hash(vnodes=64)']);
    const suite = {
      ...SMALL_SUITE,
      duration: '1200ms',
      cluster: { nodes: 3, partitions: 6, replicationFactor: 3 },
      matrix: { strategy: ['sync', { name: 'semi-sync', acks: 1 }, { name: 'semi-sync', acks: 2 }], partitioning: ['hash-mod', 'jump'], 'workload.clients.rate': [500, 2000] },
    };
    const model = buildModel(await resultsOf(suite));
    expect(model.strategies).toEqual(['sync', 'semi-sync(acks=1)', 'semi-sync(acks=2)']);
    expect(model.partitionings).toEqual(['hash-mod', 'jump']);
    expect(model.rates).toEqual([500, 2000]);
    expect(new Set(model.cases.map((c) => variantLabel(c)))).toEqual(new Set(['partitioning=hash-mod rate=500', 'partitioning=hash-mod rate=2000', 'partitioning=jump rate=500', 'partitioning=jump rate=2000']));
    expect(variantLabel(model.cases[0]!, ['partitioning'])).toBe('rate=500');
    expect(new Set(model.colors).size).toBe(3);
  });
});

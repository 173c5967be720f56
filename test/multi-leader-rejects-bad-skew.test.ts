/**
 * The multi-leader strategy's clock skew is checked against the cluster: a list gives one
 * duration per node, and skew means nothing to version vectors (conflicts: siblings). Problems
 * name the parameter's path.
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../harness/config/errors.js';
import { runOne } from './support/run-suite.js';

async function problems(strategy: Record<string, unknown>): Promise<readonly { path: string; message: string }[]> {
  const err = await runOne({ cluster: { nodes: 3, partitions: 1, replicationFactor: 3 }, strategy: { name: 'multi-leader', ...strategy } }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(InputError);
  return (err as InputError).problems;
}

describe('multi-leader parameters', () => {
  it('rejects a skew list of the wrong length, skew with siblings, and a negative skew', async () => {
    expect(await problems({ skew: ['1ms', '2ms'] })).toEqual([{ path: 'strategy.skew', message: 'lists 2 durations for 3 nodes (one per node, or one duration d for node i skewed by i·d)' }]);
    expect(await problems({ conflicts: 'siblings', skew: '1ms' })).toEqual([{ path: 'strategy.skew', message: 'clock skew applies to conflicts: lww only (version vectors use no clock)' }]);
    expect((await problems({ skew: '-1ms' }))[0]!.path).toBe('strategy.skew');
  });
});

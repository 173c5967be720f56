/**
 * The quorum strategy's parameters are checked against the cluster: w and r must lie in 1..n
 * (n = replicationFactor), and a sloppy quorum needs nodes outside the replica set and a hint
 * delay shorter than the coordinator's timeout. Problems name the parameter's path.
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../harness/config/errors.js';
import { runOne } from './support/run-suite.js';

const suite = (strategy: Record<string, unknown>, nodes = 3) => ({
  cluster: { nodes, partitions: 1, replicationFactor: 3 },
  strategy: { name: 'quorum', ...strategy },
});

async function problems(s: Record<string, unknown>): Promise<readonly { path: string; message: string }[]> {
  const err = await runOne(s).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(InputError);
  return (err as InputError).problems;
}

describe('quorum parameters', () => {
  it('rejects w or r beyond the replicas, and 0', async () => {
    expect(await problems(suite({ w: 4 }))).toEqual([{ path: 'strategy.w', message: '4 exceeds replicationFactor (3)' }]);
    expect(await problems(suite({ w: 2, r: 5 }))).toEqual([{ path: 'strategy.r', message: '5 exceeds replicationFactor (3)' }]);
    expect((await problems(suite({ r: 0 })))[0]!.path).toBe('strategy.r');
  });

  it('rejects a sloppy quorum with no node outside the replica set, or hints after the timeout', async () => {
    expect(await problems(suite({ sloppy: true }))).toEqual([{ path: 'strategy.sloppy', message: 'a sloppy quorum needs nodes outside the replica set: cluster.nodes (3) must exceed replicationFactor (3)' }]);
    expect(await problems(suite({ sloppy: true, hintAfter: '2s', timeout: '1s' }, 4))).toEqual([{ path: 'strategy.hintAfter', message: 'must be shorter than timeout (1000 ms)' }]);
  });

  it('rejects unknown fan-out and read-repair modes', async () => {
    expect((await problems(suite({ fanout: 'some' })))[0]!.path).toBe('strategy.fanout');
    expect((await problems(suite({ readRepair: 'eager' })))[0]!.path).toBe('strategy.readRepair');
  });
});

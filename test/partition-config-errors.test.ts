// Invalid partitioning options throw a PartitionConfigError whose problems name the offending option path.
import { describe, expect, it } from 'vitest';
import { PartitionConfigError, type PartitionProblem } from '../strategies/partitioning/errors.js';
import { createPartitionScheme } from '../strategies/partitioning/registry.js';
import type { PartitionOptions } from '../strategies/partitioning/types.js';

function problemsOf(name: string, options: PartitionOptions): readonly PartitionProblem[] {
  try {
    createPartitionScheme(name, options);
  } catch (e) {
    expect(e).toBeInstanceOf(PartitionConfigError);
    return (e as PartitionConfigError).problems;
  }
  throw new Error('expected a PartitionConfigError');
}

describe('partitioning validation', () => {
  it.each([0, -3, 1.5, Number.NaN])('vnodes = %s is rejected at partitioning.vnodes', (vnodes) => {
    const problems = problemsOf('consistent-hash', { nodes: 4, vnodes });
    expect(problems).toEqual([{ path: 'partitioning.vnodes', message: expect.stringContaining('integer ≥ 1') }]);
  });

  it('a ring too large to allocate is rejected at partitioning.vnodes', () => {
    expect(problemsOf('consistent-hash', { nodes: 10_000, vnodes: 1000 })[0]!.path).toBe('partitioning.vnodes');
  });

  it('explicit fixed mode with fewer partitions than nodes is rejected at cluster.partitions', () => {
    const problems = problemsOf('hash-mod', { nodes: 10, partitions: 4, mode: 'fixed' });
    expect(problems).toEqual([{ path: 'cluster.partitions', message: expect.stringContaining('4 partitions for 10 nodes') }]);
    expect(problemsOf('range', { nodes: 10, partitions: 4, mode: 'fixed', keySpace: 100 })[0]!.path).toBe('cluster.partitions');
  });

  it('per-node mode with a different partition count is rejected at cluster.partitions', () => {
    expect(problemsOf('hash-mod', { nodes: 10, partitions: 20, mode: 'per-node' })[0]!.path).toBe('cluster.partitions');
  });

  it('a split list that is not strictly increasing is rejected at the first offending index', () => {
    const problems = problemsOf('range', { nodes: 3, splits: [10, 20, 20, 15] });
    expect(problems.map((p) => p.path)).toEqual(['partitioning.splits[2]', 'partitioning.splits[3]']);
    expect(problems[0]!.message).toContain('strictly increasing');
  });

  it('split points that disagree with the partition count are rejected', () => {
    expect(problemsOf('range', { nodes: 3, splits: [10, 20], partitions: 4 })).toEqual([
      { path: 'partitioning.splits', message: '2 split points make 3 partitions, but cluster.partitions is 4' },
    ]);
  });

  it('range without keySpace, splits or sample is rejected at partitioning.keySpace', () => {
    expect(problemsOf('range', { nodes: 3 })[0]!.path).toBe('partitioning.keySpace');
  });

  it('replication factor above the node count is rejected at cluster.replicationFactor', () => {
    expect(problemsOf('jump', { nodes: 2, replicationFactor: 3 })[0]).toEqual({
      path: 'cluster.replicationFactor',
      message: '3 replicas need at least 3 nodes (got 2)',
    });
  });

  it('region problems: spread-regions without regions, wrong length, empty names', () => {
    expect(problemsOf('rendezvous', { nodes: 3, placement: 'spread-regions' })[0]!.path).toBe('partitioning.placement');
    expect(problemsOf('rendezvous', { nodes: 3, regions: ['a', 'b'] })[0]!.path).toBe('cluster.regions');
    expect(problemsOf('rendezvous', { nodes: 2, regions: ['a', ''] })[0]!.path).toBe('cluster.regions[1]');
  });

  it('an unknown scheme name is rejected at partitioning with the list of known names', () => {
    const problems = problemsOf('modulo', { nodes: 3 });
    expect(problems[0]!.path).toBe('partitioning');
    expect(problems[0]!.message).toContain('hash-mod, range, consistent-hash, rendezvous, jump');
  });

  it('reports every problem at once, and the message lists them as path: message', () => {
    let err: PartitionConfigError | undefined;
    try {
      createPartitionScheme('consistent-hash', { nodes: 0, vnodes: 0, seed: -1 });
    } catch (e) {
      err = e as PartitionConfigError;
    }
    expect(err!.problems.map((p) => p.path)).toEqual(['cluster.nodes', 'seed', 'partitioning.vnodes']);
    expect(err!.message.split('\n')[0]).toMatch(/^cluster\.nodes: /);
  });
});

/**
 * An unknown key is reported at its path with the nearest valid key of the same object ("did you
 * mean ...?"), for every object of the suite schema and for strategy parameters; names far from
 * every valid key get no suggestion. Unknown strategy names suggest the nearest built-in.
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../harness/config/errors.js';
import { editDistance, nearest } from '../harness/config/suggest.js';
import { expandSuite } from '../harness/config/suite.js';
import { replbench, suiteFile } from './helpers/cli.js';

async function messages(raw: Record<string, unknown>): Promise<string[]> {
  try {
    await expandSuite({ duration: '1s', ...raw }, 'test', { baseDir: process.cwd() });
  } catch (err) {
    if (err instanceof InputError) return err.problems.map((p) => `${p.path}: ${p.message}`);
    throw err;
  }
  return [];
}

describe('unknown keys', () => {
  it('edit distance counts insertions, deletions, substitutions and adjacent swaps', () => {
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('nodes', 'nodes')).toBe(0);
    expect(editDistance('node', 'nodes')).toBe(1);
    expect(editDistance('ndoes', 'nodes')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(nearest('replicationfactor', ['nodes', 'partitions', 'replicationFactor'])).toBe('replicationFactor');
    expect(nearest('zzz', ['nodes', 'partitions'])).toBeUndefined();
  });

  it.each([
    [{ cluster: { replicationFactr: 3 } }, 'cluster.replicationFactr: unknown key (did you mean "replicationFactor"?)'],
    [{ clustre: { nodes: 3 } }, 'clustre: unknown key (did you mean "cluster"?)'],
    [{ workload: { readProportoin: 0.5 } }, 'workload.readProportoin: unknown key (did you mean "readProportion"?)'],
    [{ workload: { clients: { model: 'closed', cuont: 4 } } }, 'workload.clients.cuont: unknown key (did you mean "count"?)'],
    [{ workload: { keys: { distribution: 'zipfian', theat: 0.9 } } }, 'workload.keys.theat: unknown key (did you mean "theta"?)'],
    [{ network: { nodeToNode: { dist: 'exponential', mean: '1ms', man: 1 } } }, 'network.nodeToNode.man: unknown key (did you mean "mean"?)'],
    [{ faults: [{ kind: 'crash', node: 0, at: '1s', fro: '1s' }] }, 'faults[0].fro: unknown key (did you mean "for"?)'],
    [{ failover: { hearbeat: '10ms' } }, 'failover.hearbeat: unknown key (did you mean "heartbeat"?)'],
    [{ partitioning: { scheme: 'range', split: [1] } }, 'partitioning.split: unknown key (did you mean "splits"?)'],
    [{ matrix: { 'cluster.node': [3, 4] } }, 'matrix.cluster.node[0]: unknown key (did you mean "nodes"?)'],
    [{ strategy: { name: 'semi-sync', ack: 1 } }, 'strategy.ack: unknown parameter for strategy semi-sync (did you mean "acks"?)'],
  ])('%j: %s', async (raw, expected) => {
    expect(await messages(raw)).toContain(expected);
  });

  it('suggests nothing when no valid key is near', async () => {
    expect(await messages({ cluster: { colour: 'blue' } })).toEqual(['cluster.colour: unknown key']);
  });

  it('names each of several unknown keys with its own suggestion', async () => {
    expect(await messages({ cluster: { node: 3, partition: 2 } })).toEqual(['cluster.node: unknown key (did you mean "nodes"?)', 'cluster.partition: unknown key (did you mean "partitions"?)']);
  });

  it('suggests the nearest built-in strategy for an unknown strategy name, and prints it from the command line', async () => {
    expect((await messages({ strategy: 'snyc' }))[0]).toMatch(/^strategy: unknown strategy "snyc" \(did you mean "sync"\?\)/);
    const r = replbench(['validate', suiteFile('cluster: { replicationFactr: 3 }\n')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cluster.replicationFactr: unknown key (did you mean "replicationFactor"?)');
  });
});

/** Results are identical whether a suite runs with 1 or 2 workers (and whatever order cases finish in). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { replbench, suiteFile } from './helpers/cli.js';

describe('determinism survives parallelism', () => {
  it('1 worker and 2 workers give byte-identical results.csv and equal metrics', () => {
    // Cases of very different lengths, so with 2 workers they finish out of order.
    const file = suiteFile(`name: parallel
seed: 9
duration: 1s
cluster: { nodes: 3, replicationFactor: 3 }
network: { nodeToNode: { dist: exponential, mean: 1ms }, clientToNode: 100us }
workload: { records: 200, readProportion: 0.5, reads: any, clients: { model: closed, count: 4 } }
matrix:
  workload.clients.count: [32, 1, 16, 2]
  strategy: [async, sync]
`);
    const dir = path.dirname(file);
    const one = replbench(['run', file, '--out', path.join(dir, 'w1'), '--workers', '1', '--quiet']);
    const two = replbench(['run', file, '--out', path.join(dir, 'w2'), '--workers', '2', '--quiet']);
    expect(one.code, one.stderr).toBe(0);
    expect(two.code, two.stderr).toBe(0);
    const csv1 = readFileSync(path.join(dir, 'w1', 'results.csv'), 'utf8');
    const csv2 = readFileSync(path.join(dir, 'w2', 'results.csv'), 'utf8');
    expect(csv2).toBe(csv1);
    const j1 = JSON.parse(readFileSync(path.join(dir, 'w1', 'results.json'), 'utf8'));
    const j2 = JSON.parse(readFileSync(path.join(dir, 'w2', 'results.json'), 'utf8'));
    expect(j2.cases.map((c: { metrics: unknown }) => c.metrics)).toEqual(j1.cases.map((c: { metrics: unknown }) => c.metrics));
    expect(j1.cases).toHaveLength(8);
  });
});

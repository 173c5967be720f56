/** Same suite and seed ⇒ byte-identical results.csv and identical metrics; another seed ⇒ other numbers. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { replbench, suiteFile } from './helpers/cli.js';

const suite = `name: det
seed: 11
duration: 2s
warmup: 200ms
cluster: { nodes: 3, partitions: 2, replicationFactor: 3 }
network:
  nodeToNode: { dist: lognormal, median: 1ms, sigma: 0.6 }
  clientToNode: { dist: uniform, min: 50us, max: 150us }
  loss: 0.01
service: { write: { dist: exponential, mean: 30us }, read: { dist: exponential, mean: 10us } }
workload: { records: 500, readProportion: 0.6, clients: { model: closed, count: 8 }, reads: any }
matrix:
  strategy: [sync, { name: semi-sync, acks: 1, timeout: 2ms }, async]
`;

function run(file: string, out: string, seed?: number) {
  const args = ['run', file, '--out', out, '--quiet', ...(seed !== undefined ? ['--seed', String(seed)] : [])];
  const r = replbench(args);
  expect(r.code, r.stderr).toBe(0);
  return {
    csv: readFileSync(path.join(out, 'results.csv'), 'utf8'),
    json: JSON.parse(readFileSync(path.join(out, 'results.json'), 'utf8')) as { cases: { metrics: unknown; id: string }[] },
  };
}

describe('determinism', () => {
  it('same seed gives byte-identical CSV and identical metrics; a different seed differs', () => {
    const file = suiteFile(suite);
    const dir = path.dirname(file);
    const a = run(file, path.join(dir, 'a'));
    const b = run(file, path.join(dir, 'b'));
    expect(b.csv).toBe(a.csv);
    expect(b.json.cases.map((c) => c.metrics)).toEqual(a.json.cases.map((c) => c.metrics));
    expect(b.json.cases.map((c) => c.id)).toEqual(a.json.cases.map((c) => c.id));
    const c = run(file, path.join(dir, 'c'), 12);
    expect(c.csv).not.toBe(a.csv);
    expect(c.json.cases[0]!.metrics).not.toEqual(a.json.cases[0]!.metrics);
  });
});

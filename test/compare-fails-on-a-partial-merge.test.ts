/**
 * CI must not go green on missing results: `compare` of a complete base against a head merged
 * from 1 of 2 shards (`merge --allow-partial`) exits 1 under the default `--fail-on`
 * (regressed,missing,partial) and says why: base cases missing from head and an incomplete input.
 * `--fail-on regressed` alone passes it; `--fail-on missing` or `partial` alone each fail it.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { replbench, suiteFile } from './helpers/cli.js';

const suite = `name: partial
seed: 3
duration: 300ms
cluster: { nodes: 3, replicationFactor: 3 }
network: { clientToNode: 100us }
workload: { records: 100, clients: { model: closed, count: 2 } }
matrix:
  strategy: [sync, async]
  workload.readProportion: [0.2, 0.8]
`;

describe('compare against a partial merge', () => {
  it('fails under the default --fail-on', () => {
    const file = suiteFile(suite);
    const dir = path.dirname(file);
    expect(replbench(['run', file, '--out', path.join(dir, 'full'), '--quiet']).code).toBe(0);
    expect(replbench(['run', file, '--shard', '1/2', '--out', path.join(dir, 's1'), '--quiet']).code).toBe(0);
    const merge = replbench(['merge', path.join(dir, 's1'), '--out', path.join(dir, 'merged'), '--allow-partial']);
    expect(merge.code, merge.stderr).toBe(0);
    expect(merge.stdout).toContain('2 of 4 cases (partial)');

    const r = replbench(['compare', path.join(dir, 'full'), path.join(dir, 'merged')]);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toContain('missing from head (only in base, not compared)');
    expect(r.stdout).toContain('incomplete input: head is a partial merge: 2 of 4 cases of suite "partial"');
    expect(r.stdout).toContain('fails CI (--fail-on regressed,missing,partial): 2 base cases missing from head; incomplete input');
    const md = replbench(['compare', path.join(dir, 'full'), path.join(dir, 'merged'), '--format', 'markdown']);
    expect(md.code).toBe(1);
    expect(md.stdout.split('\n')[0]).toBe('## replbench compare: 🔴 2 base cases missing from head; incomplete input: head is a partial merge: 2 of 4 cases of suite "partial" (single seed: no noise estimate)');

    expect(replbench(['compare', path.join(dir, 'full'), path.join(dir, 'merged'), '--fail-on', 'regressed']).code).toBe(0);
    expect(replbench(['compare', path.join(dir, 'full'), path.join(dir, 'merged'), '--fail-on', 'missing']).code).toBe(1);
    expect(replbench(['compare', path.join(dir, 'full'), path.join(dir, 'merged'), '--fail-on', 'partial']).code).toBe(1);
    // A lone shard is incomplete too.
    const shard = replbench(['compare', path.join(dir, 'full'), path.join(dir, 's1'), '--fail-on', 'partial']);
    expect(shard.code).toBe(1);
    expect(shard.stdout).toContain('head is shard 1/2 of suite "partial"');
  });
});

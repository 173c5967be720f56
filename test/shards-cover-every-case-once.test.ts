/**
 * --shard 1/3, 2/3, 3/3 cover every case exactly once and merging them equals the unsharded run;
 * merging an incomplete set of shards needs --allow-partial.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { replbench, suiteFile } from './helpers/cli.js';

const suite = `name: sharded
seed: 4
duration: 300ms
cluster: { nodes: 3, replicationFactor: 3 }
network: { clientToNode: 100us }
workload: { records: 100, clients: { model: closed, count: 2 } }
matrix:
  strategy: [sync, async, { name: semi-sync, acks: 1 }]
  workload.readProportion: [0.1, 0.5, 0.9]
`;

describe('sharding', () => {
  it('every case runs in exactly one shard; merge equals the unsharded run', () => {
    const file = suiteFile(suite);
    const dir = path.dirname(file);
    const ids: string[] = [];
    for (const i of [1, 2, 3]) {
      const r = replbench(['run', file, '--shard', `${i}/3`, '--out', path.join(dir, `s${i}`), '--quiet', '--workers', '1']);
      expect(r.code, r.stderr).toBe(0);
      const doc = JSON.parse(readFileSync(path.join(dir, `s${i}`, 'results.json'), 'utf8'));
      expect(doc.shard).toEqual({ index: i, count: 3 });
      ids.push(...doc.cases.map((c: { id: string }) => c.id));
    }
    expect(ids).toHaveLength(9);
    expect(new Set(ids).size).toBe(9);
    const full = replbench(['run', file, '--out', path.join(dir, 'full'), '--quiet']);
    expect(full.code, full.stderr).toBe(0);
    const merge = replbench(['merge', path.join(dir, 's1'), path.join(dir, 's2'), path.join(dir, 's3'), '--out', path.join(dir, 'merged')]);
    expect(merge.code, merge.stderr).toBe(0);
    expect(readFileSync(path.join(dir, 'merged', 'results.csv'), 'utf8')).toBe(readFileSync(path.join(dir, 'full', 'results.csv'), 'utf8'));
    const merged = JSON.parse(readFileSync(path.join(dir, 'merged', 'results.json'), 'utf8'));
    expect(merged.status).toBe('complete');
    // Two shards only: the merge refuses (exit 2, nothing written) and names the missing shard,
    // unless --allow-partial, which writes a result set with status "partial".
    const refused = replbench(['merge', path.join(dir, 's1'), path.join(dir, 's2'), '--out', path.join(dir, 'partial')]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('incomplete shard set: 6 of the 9 cases of suite "sharded" are present (3 missing); missing shard 3/3');
    expect(existsSync(path.join(dir, 'partial', 'results.json'))).toBe(false);
    const partial = replbench(['merge', path.join(dir, 's1'), path.join(dir, 's2'), '--out', path.join(dir, 'partial'), '--allow-partial']);
    expect(partial.code, partial.stderr).toBe(0);
    expect(JSON.parse(readFileSync(path.join(dir, 'partial', 'results.json'), 'utf8')).status).toBe('partial');
  });

  it('merge refuses results of different suites (exit 2)', () => {
    const a = suiteFile(suite);
    const b = suiteFile(suite.replace('seed: 4', 'seed: 5'));
    const ra = path.join(path.dirname(a), 'out');
    const rb = path.join(path.dirname(b), 'out');
    expect(replbench(['run', a, '--out', ra, '--quiet', '--shard', '1/3']).code).toBe(0);
    expect(replbench(['run', b, '--out', rb, '--quiet', '--shard', '2/3']).code).toBe(0);
    const r = replbench(['merge', ra, rb, '--out', path.join(path.dirname(a), 'm')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('a different suite');
  });
});

/**
 * A case whose estimated memory (keys × nodes, partitions × replicas, operations in flight, writes
 * held during faults, faults; README "Limits") exceeds caseMemory is rejected before it runs, at
 * the field that contributes most; ordinary suites stay well inside the default 2048 MB.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandSuite } from '../harness/config/suite.js';
import { memoryTerms } from '../harness/config/size-checks.js';
import { replbench, suiteFile } from './helpers/cli.js';

function rejected(yaml: string): string {
  const file = suiteFile(/^duration:/m.test(yaml) ? yaml : `duration: 10s\n${yaml}`);
  const out = path.join(path.dirname(file), 'out');
  const r = replbench(['validate', file]);
  expect(r.code, r.stderr).toBe(2);
  const run = replbench(['run', file, '--out', out]);
  expect(run.code).toBe(2);
  expect(existsSync(out)).toBe(false);
  return r.stderr;
}

/** The estimate (MB) of the single case of `suite`. */
async function estimateMb(suite: Record<string, unknown>): Promise<number> {
  const { cases } = await expandSuite(suite, 'test', { baseDir: process.cwd() });
  const c = cases[0]!.config;
  const { buildScheme } = await import('../harness/config/topology.js');
  const terms = memoryTerms({ ...c, partitions: buildScheme(c).partitions, writesWait: false });
  return terms.reduce((s, t) => s + t.bytes, 0) / 2 ** 20;
}

describe('memory estimate against caseMemory', () => {
  it('rejects 100,000 partitions-worth of replicas at cluster.partitions (10,000 fixed partitions in 512 MB)', () => {
    const err = rejected('cluster: { partitions: 10000 }\npartitioning: { scheme: hash-mod, mode: fixed }\ncaseMemory: 512\n');
    expect(err).toMatch(/cluster\.partitions: a case would need about [\d,]+ MB of memory, more than caseMemory \(512 MB; at most 3,072\): replicas [\d,]+ MB \(10,000 partitions × 3 replicas\)/);
  });

  it('rejects a consistent-hash ring whose partitions cannot fit, at partitioning.vnodes', () => {
    expect(rejected('cluster: { nodes: 1000 }\npartitioning: { scheme: consistent-hash, vnodes: 256 }\n')).toMatch(/partitioning\.vnodes: a case would need about/);
  });

  it('rejects 50,000,000 records on 30 nodes at workload.records', () => {
    expect(rejected('cluster: { nodes: 30 }\nworkload: { records: 50000000 }\n')).toMatch(/workload\.records: .*keys [\d,]+ MB \(50,000,000 records on 30 nodes\)/);
  });

  it('rejects a long insert-only run at duration, and accepts it once operations bound the inserts', () => {
    expect(rejected('duration: 3600s\nworkload: { insertProportion: 1 }\n')).toMatch(/duration: .*up to 288,000,000 inserts \(up to 80,000 ops\/s for 3,600 s\)/);
    expect(replbench(['validate', suiteFile('duration: 3600s\noperations: 1000000\nworkload: { insertProportion: 1 }\n')]).code).toBe(0);
  });

  it('rejects writes held through an hour-long follower crash at faults', () => {
    expect(rejected('duration: 3600s\nfaults: [{ kind: crash, node: { a-follower-of: 0 }, at: 0s }]\n')).toMatch(/faults: .*writes held during faults [\d,]+ MB/);
  });

  it('estimates above what was measured (peak RSS growth, Node 20) and within a small factor of it', async () => {
    // Measured with the same configurations, one second of virtual time each.
    const measured: [Record<string, unknown>, number][] = [
      [{ duration: '1s', workload: { records: 10_000_000 } }, 308],
      [{ duration: '1s', cluster: { partitions: 10_000 }, partitioning: { scheme: 'hash-mod', mode: 'fixed' } }, 822],
      [{ duration: '10s', workload: { readProportion: 0 }, failover: { enabled: false }, faults: [{ kind: 'crash', node: { 'a-follower-of': 0 }, at: 0 }] }, 275],
    ];
    for (const [suite, mb] of measured) {
      const est = await estimateMb(suite);
      expect(est).toBeGreaterThan(mb);
      expect(est).toBeLessThan(mb * 2);
    }
  });

  it('keeps every ready suite well inside the default caseMemory', async () => {
    for (const name of ['default', 'failover', 'scaling', 'ycsb', 'sync-vs-async']) {
      const r = replbench(['validate', path.join('suites', `${name}.yaml`)]);
      expect(r.code, r.stderr).toBe(0);
    }
  });
});

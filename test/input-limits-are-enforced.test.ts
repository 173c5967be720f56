/**
 * Inputs beyond replbench's limits (README "Limits") are rejected before anything runs: exit code
 * 2, a message naming the field and the limit, and no output folder. Each check is made before the
 * expensive step it protects (a 10^6-case matrix is not expanded, 15,000 faults are not parsed).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { replbench, suiteFile, tempDir, runRejected } from './helpers/cli.js';

/** Runs `file` (with `extra` arguments), which must be rejected; returns stderr. */
function rejectedFile(file: string, extra: readonly string[] = []): string {
  const r = runRejected(file, extra);
  expect(r.stderr).toContain('replbench: invalid input');
  return r.stderr;
}
const rejected = (yaml: string, extra: readonly string[] = []) => rejectedFile(suiteFile(/^duration:/m.test(yaml) ? yaml : `duration: 1s\n${yaml}`), extra);

describe('input limits', () => {
  it('suite file size: 1 MiB', () => {
    const file = path.join(tempDir(), 'big.yaml');
    writeFileSync(file, `duration: 1s\n${'# padding\n'.repeat(110_000)}`);
    expect(rejectedFile(file)).toMatch(/suite file .*big\.yaml has 1,100,013 bytes; at most 1,048,576/);
  });

  it('YCSB workload file size: 1 MiB', () => {
    const ycsb = path.join(tempDir(), 'workloadbig');
    writeFileSync(ycsb, `recordcount=1000\n${'# padding\n'.repeat(110_000)}`);
    expect(rejected(`workload: { ycsb: ${JSON.stringify(ycsb)} }\n`)).toMatch(/workload\.ycsb: cannot read YCSB workload file .*workloadbig: it has 1,100,017 bytes, more than the 1,048,576/);
  });

  it('cases a matrix expands to, counted before expanding: 10,000', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    const big = rejected(`repetitions: 2\nmatrix:\n  workload.records: [${values}]\n  cluster.replicationFactor: [1, 2, 3]\n  workload.clients.count: [${values}]\n`);
    expect(big).toContain('matrix: expands to 60,000 cases (100 workload.records × 3 cluster.replicationFactor × 100 workload.clients.count × 2 repetitions); at most 10,000');
  });

  it('nodes: 1,000; partitions: 10,000', () => {
    expect(rejected('cluster: { nodes: 1001, replicationFactor: 3 }\n')).toContain('cluster.nodes: at most 1,000 nodes');
    expect(rejected('cluster: { partitions: 100000 }\n')).toContain('cluster.partitions: at most 10,000 partitions');
  });

  it('clients: 100,000 closed-loop clients, 1,000,000 operations in flight, 10^8 operations per second (also from YCSB properties)', () => {
    expect(rejected('workload: { clients: { model: closed, count: 1000000 } }\n')).toContain('workload.clients.count: at most 100,000 closed-loop clients');
    expect(rejected('workload: { clients: { model: open, rate: 1000, maxInflight: 2000000 } }\n')).toContain('workload.clients.maxInflight: at most 1,000,000 operations in flight');
    expect(rejected('workload: { clients: { model: open, rate: 1e9 } }\n')).toContain('workload.clients.rate: at most 100,000,000 operations per second');
    expect(rejected('workload: { clients: { model: closed, count: 4, target: 1e9 } }\n')).toContain('workload.clients.target: at most 100,000,000 operations per second');
    expect(rejected('workload: { ycsb: ycsb-a }\n', ['-p', 'threadcount=1000000'])).toContain('workload.properties.threadcount: threadcount: at most 100,000 closed-loop clients');
  });

  it('faults: 10,000 per case, counted before they are read', () => {
    const faults = Array.from({ length: 15_000 }, (_, i) => ({ kind: 'loss', probability: 0.1, at: i % 900, for: 1 }));
    const file = path.join(tempDir(), 'faults.json');
    writeFileSync(file, JSON.stringify({ duration: '1s', faults }));
    expect(rejectedFile(file)).toContain('faults: 15,000 faults; at most 10,000 faults per case');
    const inMatrix = path.join(tempDir(), 'faults-matrix.json');
    writeFileSync(inMatrix, JSON.stringify({ duration: '1s', matrix: { faults: [[], faults] } }));
    expect(rejectedFile(inMatrix)).toContain('matrix.faults[1]: 15,000 faults; at most 10,000');
  });

  it('duration: 7 days of virtual time (also from YCSB run control); caseTimeout: 7 days', () => {
    expect(rejected('duration: 700000s\n')).toContain('duration: at most 604,800 s of virtual time');
    expect(rejected('caseTimeout: 30000000s\n')).toContain('caseTimeout: at most 604,800 s');
    const r = replbench(['run', suiteFile('duration: 1s\n'), '--case-timeout', '3000000', '--out', path.join(tempDir(), 'out')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--case-timeout must be at most 604800 s');
    // A YCSB run that sets no duration runs for its maxexecutiontime (after the warm-up): the same limit.
    expect(rejectedFile(suiteFile('workload: { ycsb: ycsb-a }\n'), ['-p', 'maxexecutiontime=700000'])).toContain('workload.properties.maxexecutiontime: YCSB maxexecutiontime makes a run of 700,000 s of virtual time (warm-up included); at most 604,800 s');
  });
});

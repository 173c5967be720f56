/** Bad input: one clear message naming the field path, exit code 2, and nothing written. */
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { replbench, suiteFile, tempDir, runRejected } from './helpers/cli.js';

/** Runs a suite that must be rejected; returns stderr after checking exit code and that nothing was written. */
const rejected = (yaml: string): string => runRejected(suiteFile(yaml)).stderr;

const small = 'duration: 1s\nnetwork: { clientToNode: 100us }\n';

describe('bad input is rejected with the field path and exit code 2', () => {
  it('unknown keys', () => {
    expect(rejected(`${small}workload: { recrods: 10 }\n`)).toContain('workload.recrods: unknown key');
  });
  it('wrong types', () => {
    expect(rejected(`${small}cluster: { nodes: three }\n`)).toMatch(/cluster\.nodes: expected number, got string/);
  });
  it('acks larger than the number of followers (in a matrix entry)', () => {
    const err = rejected(`${small}cluster: { nodes: 3, replicationFactor: 3 }\nmatrix:\n  strategy: [sync, async, { name: semi-sync, acks: 3 }]\n`);
    expect(err).toContain('matrix.strategy[2].acks: 3 exceeds followers (2)');
  });
  it('replicationFactor larger than nodes', () => {
    expect(rejected(`${small}cluster: { nodes: 2, replicationFactor: 3 }\n`)).toContain('cluster.replicationFactor: 3 exceeds cluster.nodes (2)');
  });
  it('a worker heap limit too large to be enforced', () => {
    expect(rejected(`${small}caseMemory: 4096\n`)).toContain('caseMemory: must be at most 3072 MB');
  });
  it('zero and negative rates', () => {
    expect(rejected(`${small}workload: { clients: { model: open, rate: 0 } }\n`)).toContain('workload.clients.rate:');
    expect(rejected(`${small}workload: { clients: { model: open, rate: -5 } }\n`)).toContain('workload.clients.rate:');
  });
  it('zero and negative durations', () => {
    expect(rejected('duration: 0\n')).toContain('duration: must be greater than 0');
    expect(rejected(`${small}workload: { timeout: -1s }\n`)).toContain('workload.timeout: must be greater than 0');
    expect(rejected('duration: 1s\nnetwork: { clientToNode: 100us, nodeToNode: { dist: exponential, mean: -2ms } }\n')).toContain('network.nodeToNode.mean: must not be negative');
  });
  it('unknown strategy names', () => {
    expect(rejected(`${small}strategy: paxos\n`)).toMatch(/strategy: unknown strategy "paxos"/);
    expect(rejected(`${small}matrix: { strategy: [sync, { name: zab }] }\n`)).toMatch(/matrix\.strategy\[1\]\.name: unknown strategy "zab"/);
  });
  it('unknown distributions', () => {
    expect(rejected('duration: 1s\nnetwork: { clientToNode: 100us, nodeToNode: { dist: gaussian, mean: 1ms } }\n')).toContain('network.nodeToNode.dist: unknown distribution "gaussian"');
  });
  it('unreadable files', () => {
    const dir = tempDir();
    const r = replbench(['run', path.join(dir, 'missing.yaml'), '--out', path.join(dir, 'out')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot read suite file');
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
    expect(rejected(`${small}strategy: { path: ./no-such-strategy.js }\n`)).toMatch(/strategy\.path: cannot read strategy file/);
    expect(rejected('name: [unclosed\n')).toMatch(/is not valid YAML/);
  });
  it('a configuration in which operations take zero virtual time', () => {
    const err = rejected('duration: 1s\nnetwork: { clientToNode: 0, nodeToNode: 0 }\nstrategy: async\n');
    expect(err).toMatch(/network\.clientToNode: reads would take zero virtual time/);
    expect(err).toMatch(/writes would take zero virtual time/);
  });
  it('an unwritable output folder fails before any case runs', () => {
    const dir = tempDir();
    const blocker = path.join(dir, 'a-file');
    writeFileSync(blocker, 'not a folder');
    const r = replbench(['run', suiteFile(small), '--out', path.join(blocker, 'out')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--out: output folder');
    expect(r.stderr).not.toMatch(/\[1\/1\]/); // no case ran
  });
  it('unknown command-line options', () => {
    const r = replbench(['run', '--no-such-flag']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown option '--no-such-flag'");
  });
});

/**
 * The compiled CLI end to end: `run` writes the report files (and only the chosen reporters),
 * `report` re-renders them from results.json, and `compare` gives exit 0 for identical runs and
 * exit 1 when the head is slower.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { replbench, suiteFile } from './helpers/cli.js';

const suite = (serviceUs: number) => `name: e2e
seed: 8
duration: 1s
cluster: { nodes: 3, replicationFactor: 3 }
network: { nodeToNode: { dist: exponential, mean: 1ms }, clientToNode: 100us }
service: { write: ${serviceUs}us, read: 20us }
workload: { records: 200, readProportion: 0.5, reads: follower, clients: { model: closed, count: 4 } }
matrix: { strategy: [sync, async] }
`;

describe('run, report and compare through the CLI', () => {
  it('writes, re-renders and compares results', () => {
    const file = suiteFile(suite(200));
    const dir = path.dirname(file);
    const base = path.join(dir, 'base');
    expect(replbench(['run', file, '--out', base, '--quiet']).code).toBe(0);
    for (const f of ['results.json', 'results.csv', 'index.html', 'summary.md', 'charts/tradeoff.svg', 'charts/tradeoff.vl.json']) expect(existsSync(path.join(base, f)), f).toBe(true);

    // report re-renders everything from results.json, byte for byte.
    const html = readFileSync(path.join(base, 'index.html'), 'utf8');
    rmSync(path.join(base, 'index.html'));
    rmSync(path.join(base, 'charts'), { recursive: true });
    const rep = replbench(['report', base]);
    expect(rep.code, rep.stderr).toBe(0);
    expect(readFileSync(path.join(base, 'index.html'), 'utf8')).toBe(html);
    expect(existsSync(path.join(base, 'charts', 'tradeoff.svg'))).toBe(true);

    // --reporter picks the outputs.
    const lean = path.join(dir, 'lean');
    expect(replbench(['run', file, '--out', lean, '--quiet', '--reporter', 'csv']).code).toBe(0);
    expect(existsSync(path.join(lean, 'results.csv'))).toBe(true);
    expect(existsSync(path.join(lean, 'index.html'))).toBe(false);

    // The same run compares as unchanged (exit 0).
    const same = replbench(['compare', base, lean]);
    expect(same.code, same.stdout + same.stderr).toBe(0);

    // A head whose writes cost 50% more service time is a regression (exit 1): the configs
    // differ, so compare the head run against the base with its config relabelled.
    const slowFile = suiteFile(suite(300));
    const head = path.join(path.dirname(slowFile), 'head');
    expect(replbench(['run', slowFile, '--out', head, '--quiet']).code).toBe(0);
    const headDoc = JSON.parse(readFileSync(path.join(head, 'results.json'), 'utf8'));
    const baseDoc = JSON.parse(readFileSync(path.join(base, 'results.json'), 'utf8'));
    headDoc.cases.forEach((c: { config: unknown }, i: number) => (c.config = baseDoc.cases[i].config));
    const relabelled = path.join(path.dirname(slowFile), 'relabelled.json');
    writeFileSync(relabelled, JSON.stringify(headDoc));
    const cmp = replbench(['compare', base, relabelled, '--format', 'markdown']);
    expect(cmp.code, cmp.stdout + cmp.stderr).toBe(1);
    expect(cmp.stdout).toContain('regressed');
  });
});

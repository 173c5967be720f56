/**
 * A run (or merge, or report --out) into a folder that holds another suite's results is refused
 * with exit code 2 and nothing changed, unless --force; a rerun of the same suite replaces its own
 * results. A --ycsb run is the same suite whatever its -p overrides (as with --seed), and another
 * workload file of the same name is another suite.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { replbench, suiteFile, tempDir } from './helpers/cli.js';
import { withoutOverrides } from '../harness/output-owner.js';

const suite = (name: string) => suiteFile(`name: ${name}\nduration: 200ms\n`);
const run = (file: string, out: string, ...extra: string[]) => replbench(['run', file, '--out', out, '--quiet', '--reporter', 'csv', ...extra]);
const snapshot = (dir: string) => Object.fromEntries(readdirSync(dir).sort().map((f) => [f, readFileSync(path.join(dir, f), 'utf8')]));
const suiteIn = (dir: string) => (JSON.parse(readFileSync(path.join(dir, 'results.json'), 'utf8')) as { suite: { name: string } }).suite.name;

describe('an output folder of another suite', () => {
  it('is refused with exit code 2, naming both suites and --force, and left as it was', () => {
    const out = path.join(tempDir(), 'out');
    expect(run(suite('first'), out).code).toBe(0);
    const before = snapshot(out);
    const r = run(suite('second'), out);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--out:');
    expect(r.stderr).toContain('suite "first"');
    expect(r.stderr).toContain('suite "second"');
    expect(r.stderr).toContain('--force');
    expect(snapshot(out)).toEqual(before);
  });

  it('is refused when only the journal names the other suite (a run that never wrote results.json)', () => {
    const out = path.join(tempDir(), 'out');
    expect(run(suite('first'), out).code).toBe(0);
    rmSync(path.join(out, 'results.json'));
    const r = run(suite('second'), out);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('another suite "first"');
    expect(r.stderr).toContain('journal.jsonl');
  });

  it('is refused when its results.json names no suite', () => {
    const out = path.join(tempDir(), 'out');
    mkdirSync(out);
    writeFileSync(path.join(out, 'results.json'), '{"not": "replbench"}');
    const r = run(suite('second'), out);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('names no suite');
    expect(readdirSync(out)).toEqual(['results.json']);
  });

  it('is refused for a suite of the same name from another file', () => {
    const out = path.join(tempDir(), 'out');
    expect(run(suite('same'), out).code).toBe(0);
    const r = run(suite('same'), out);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/another suite "same" from .*this is suite "same" from/);
  });

  it('is replaced with --force', () => {
    const out = path.join(tempDir(), 'out');
    expect(run(suite('first'), out).code).toBe(0);
    expect(run(suite('second'), out, '--force').code).toBe(0);
    expect(suiteIn(out)).toBe('second');
  });

  it('is no obstacle to a rerun of the same suite, which replaces its results', () => {
    const out = path.join(tempDir(), 'out');
    const file = suite('again');
    expect(run(file, out).code).toBe(0);
    const first = JSON.parse(readFileSync(path.join(out, 'results.json'), 'utf8')) as { startedAt: string };
    const r = run(file, out, '--seed', '7');
    expect(r.code, r.stderr).toBe(0);
    const second = JSON.parse(readFileSync(path.join(out, 'results.json'), 'utf8')) as { suite: { seed: number }; startedAt: string };
    expect(second.suite.seed).toBe(7);
    expect(second.startedAt >= first.startedAt).toBe(true);
  });

  it('is no obstacle to a --ycsb rerun with other -p overrides; another workload file of the same name is another suite', () => {
    const cwd = tempDir();
    const ycsbRun = (...args: string[]) => replbench(['run', ...args, '--quiet', '--reporter', 'csv', '--workers', '1'], cwd);
    const out = path.join(cwd, 'results', 'ycsb-workloada');
    expect(ycsbRun('--ycsb', 'workloada', '-p', 'operationcount=100').code).toBe(0);
    const rerun = ycsbRun('--ycsb', 'workloada', '-p', 'operationcount=200');
    expect(rerun.code, rerun.stderr).toBe(0);
    const results = JSON.parse(readFileSync(path.join(out, 'results.json'), 'utf8')) as { suite: { source: string }; cases: { config: { operations: number } }[] };
    expect(results.suite.source).toBe('--ycsb workloada -p operationcount=200');
    expect(results.cases.map((c) => c.config.operations)).toEqual([200, 200, 200]);
    mkdirSync(path.join(cwd, 'mine'));
    writeFileSync(path.join(cwd, 'mine', 'workloada'), 'recordcount=1000\noperationcount=100\nreadproportion=1\nupdateproportion=0\n');
    const before = snapshot(out);
    const other = ycsbRun('--ycsb', 'mine/workloada');
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('another suite "ycsb-workloada" from --ycsb workloada -p operationcount=200 (its results.json); this is suite "ycsb-workloada" from --ycsb mine/workloada');
    expect(snapshot(out)).toEqual(before);
  });

  it('tells suites apart by what the recorded arguments select, without their -p overrides', () => {
    expect(withoutOverrides('suites/x.yaml')).toBe('suites/x.yaml');
    expect(withoutOverrides('suites/x.yaml --ycsb workloada -p operationcount=10 -p threadcount=4')).toBe('suites/x.yaml --ycsb workloada');
    expect(withoutOverrides("'my suites/x.yaml' --ycsb 'it'\\''s -p here' -p 'fieldnameprefix=a b'")).toBe("'my suites/x.yaml' --ycsb 'it'\\''s -p here'");
  });

  it('is refused by merge and by report --out as well', () => {
    const dir = tempDir();
    const a = path.join(dir, 'a');
    const b = path.join(dir, 'b');
    expect(run(suite('first'), a).code).toBe(0);
    expect(run(suite('second'), b).code).toBe(0);
    const before = snapshot(b);
    const merge = replbench(['merge', a, '--out', b]);
    expect(merge.code).toBe(2);
    expect(merge.stderr).toContain('--out:');
    const report = replbench(['report', a, '--out', b, '--reporter', 'markdown']);
    expect(report.code).toBe(2);
    expect(report.stderr).toContain('--out:');
    expect(snapshot(b)).toEqual(before);
    expect(replbench(['merge', a, '--out', b, '--force']).code).toBe(0);
    expect(suiteIn(b)).toBe('first');
  });
});

/**
 * An output folder that cannot be created (under /proc, where Node's recursive mkdir used to loop
 * forever, or under a regular file) fails at once with exit code 2 and a message naming the option,
 * for run, merge, report and compare --export.
 */
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeDir } from '../harness/output.js';
import { replbench, suiteFile, tempDir } from './helpers/cli.js';

let results = '';
let fileInTheWay = '';
const PROC = existsSync('/proc/self') ? ['/proc/x', '/proc/x/y'] : [];

beforeAll(() => {
  const file = suiteFile('name: out-check\nduration: 200ms\n');
  results = path.join(path.dirname(file), 'results');
  const r = replbench(['run', file, '--out', results, '--quiet', '--reporter', 'csv']);
  expect(r.code, r.stderr).toBe(0);
  fileInTheWay = path.join(tempDir(), 'a-file');
  writeFileSync(fileInTheWay, 'x');
});

const bad = () => [...PROC, path.join(fileInTheWay, 'out'), path.join(fileInTheWay, 'a', 'b')];

function expectRejected(args: readonly string[], flag: string, dir: string): void {
  const r = replbench(args);
  expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(2);
  expect(r.stderr).toContain(`${flag}: output folder ${dir} cannot be created`);
}

describe('an output folder that cannot be created', () => {
  it('is rejected by run', () => {
    const suite = suiteFile('name: never-runs\nduration: 200ms\n');
    for (const dir of bad()) expectRejected(['run', suite, '--out', dir], '--out', dir);
  });
  it('is rejected by merge', () => {
    for (const dir of bad()) expectRejected(['merge', results, '--out', dir], '--out', dir);
  });
  it('is rejected by report --out', () => {
    for (const dir of bad()) expectRejected(['report', results, '--out', dir], '--out', dir);
  });
  it('is rejected by compare --export', () => {
    for (const dir of bad()) expectRejected(['compare', results, results, '--export', 'github-action-benchmark', dir], '--export', dir);
  });
  it('is reported by makeDir as an error, not a hang; nested folders are still created', async () => {
    for (const dir of bad()) await expect(makeDir(dir)).rejects.toMatchObject({ code: expect.stringMatching(/^(ENOENT|ENOTDIR|EACCES|EROFS)$/) });
    const nested = path.join(tempDir(), 'a', 'b', 'c');
    await makeDir(nested);
    await makeDir(nested);
    expect(existsSync(nested)).toBe(true);
  });
});

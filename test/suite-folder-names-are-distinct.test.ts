/** Distinct suite names get distinct default output folders (also on case-insensitive file systems), each a plain folder name. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { suiteFolderName } from '../harness/output-name.js';
import { replbench, suiteFile, tempDir } from './helpers/cli.js';

const TRICKY = [
  'default', 'a/b', 'a\\b', 'a-b', 'a b', 'a_b', 'A-b', 'a-B', '..', '.', '~', '', ' ', '  ', 'suite', 'Suite', 'suite-', '-suite',
  'x-0123456789', 'x-0123456789abcdef', 'con', 'CON', 'nul.txt', 'caf\u00e9', 'cafe\u0301', 'ycsb-workloada', 'YCSB workloada', '../../etc',
  '/', '\\', 'a'.repeat(64), 'a'.repeat(65), 'a'.repeat(200), `${'a'.repeat(200)}b`, 'name.', 'name..', '<script>', 'a:b', 'a*b', 'a?b',
];

describe('suite folder names', () => {
  it('keeps plain names as they are', () => {
    for (const n of ['default', 'sync-vs-async', 'ycsb-workloada', 'run_2', 'v1.2', 'a'.repeat(64)]) expect(suiteFolderName(n)).toBe(n);
  });

  it('gives every distinct name its own folder, case-insensitively', () => {
    const folders = TRICKY.map(suiteFolderName);
    expect(new Set(folders.map((f) => f.toLowerCase())).size).toBe(TRICKY.length);
    // The ones the old mapping merged: a/b, a\b, a-b; and .., ., ~ and blank names with "suite".
    expect(new Set(['a/b', 'a\\b', 'a-b'].map(suiteFolderName)).size).toBe(3);
    expect(new Set(['..', '.', '~', '', ' ', 'suite'].map(suiteFolderName)).size).toBe(6);
  });

  it('makes plain, readable folder names that stay inside results/', () => {
    for (const n of TRICKY) {
      const f = suiteFolderName(n);
      expect(f).toMatch(/^[a-z0-9][a-z0-9._-]*$/);
      expect(f).not.toMatch(/\.$/);
      expect(f.length).toBeLessThanOrEqual(64);
      expect(path.join('results', f)).toBe(`results${path.sep}${f}`);
    }
    expect(suiteFolderName('a/b')).toMatch(/^a-b-[0-9a-f]{10}$/);
    expect(suiteFolderName('My Suite')).toMatch(/^my-suite-[0-9a-f]{10}$/);
    expect(suiteFolderName('..')).toMatch(/^suite-[0-9a-f]{10}$/);
  });

  it('replbench run without --out writes suites named a/b and a-b into different folders', () => {
    const cwd = tempDir();
    for (const name of ['a/b', 'a-b']) {
      const file = suiteFile(`name: ${JSON.stringify(name)}\nduration: 200ms\n`);
      const r = replbench(['run', file, '--quiet', '--reporter', 'csv'], cwd);
      expect(r.code, r.stderr).toBe(0);
      const results = JSON.parse(readFileSync(path.join(cwd, 'results', suiteFolderName(name), 'results.json'), 'utf8')) as { suite: { name: string } };
      expect(results.suite.name).toBe(name);
    }
    expect(existsSync(path.join(cwd, 'results', 'a-b', 'results.json'))).toBe(true);
  });
});

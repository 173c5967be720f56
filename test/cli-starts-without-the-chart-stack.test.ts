/**
 * `--help`, `list` and `validate` do not load the chart stack (vega, vega-lite) or the worker
 * pool: each command imports what it needs when it runs. Checked structurally, by recording every
 * module the compiled CLI loads (a module loader hook preloaded with `--import`), not by timing.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI, ROOT, tempDir } from './helpers/cli.js';

const RECORDER = path.join(ROOT, 'test', 'support', 'record-imports.mjs');
const dir = tempDir('replbench-imports-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the CLI with `args`; returns its exit code and the npm packages it loaded. */
function packagesLoaded(args: readonly string[]): { code: number | null; packages: string[] } {
  const file = path.join(dir, `${args.join('_').replace(/[^A-Za-z0-9]+/g, '_')}.txt`);
  const r = spawnSync(process.execPath, ['--import', RECORDER, CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000, env: { ...process.env, REPLBENCH_RECORD_IMPORTS: file } });
  const urls = readFileSync(file, 'utf8').split('\n');
  const packages = new Set(urls.flatMap((u) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(u)?.[1] ?? []));
  return { code: r.status, packages: [...packages].sort() };
}

const HEAVY = ['vega', 'vega-lite', 'piscina', 'cli-progress', 'csv-stringify', 'hdr-histogram-js'];

describe('fast commands load only what they need', () => {
  it('--help loads commander and nothing else from node_modules', () => {
    const { code, packages } = packagesLoaded(['--help']);
    expect(code).toBe(0);
    expect(packages).toEqual(['commander']);
  });
  it('list does not load the chart stack or the worker pool', () => {
    const { code, packages } = packagesLoaded(['list']);
    expect(code).toBe(0);
    expect(packages.filter((p) => HEAVY.includes(p) || p.startsWith('vega') || p.startsWith('d3-'))).toEqual([]);
  });
  it('validate reads the suite (yaml and zod are loaded: the recorder sees packages) but does not load the chart stack or the worker pool', () => {
    const { code, packages } = packagesLoaded(['validate', path.join(ROOT, 'suites', 'failover.yaml')]);
    expect(code).toBe(0);
    expect(packages).toEqual(expect.arrayContaining(['yaml', 'zod']));
    expect(packages.filter((p) => HEAVY.includes(p) || p.startsWith('vega') || p.startsWith('d3-'))).toEqual([]);
  });
});

/**
 * A user's TypeScript strategy type-checks against the package's public entry point
 * (`replbench/strategy`, from package.json `exports`, with the declarations the build emits), and
 * a strategy that breaks the contract does not. The entry point also loads at run time and
 * carries the log-shipping building block.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/cli.js';

const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'strategy-plugin');
const tsc = (config: string) => spawnSync(process.execPath, [TSC, '-p', path.join(FIXTURES, config)], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });

describe('replbench/strategy', () => {
  it('type-checks a strategy written against it', () => {
    const r = tsc('tsconfig.json');
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('rejects one that breaks the contract', () => {
    const r = tsc('tsconfig.bad.json');
    expect(r.status).not.toBe(0);
    expect(r.stdout).toMatch(/bad-strategy\.ts.*'"done"'/);
  });

  it('loads at run time with the log-shipping building block', async () => {
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', "const m = await import('replbench/strategy'); console.log(typeof m.LogShippingReplica, typeof m.positiveDurationParam.safeParse, m.lwwVersion(5, 2))"], { cwd: ROOT, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('function function 5122');
  });
});

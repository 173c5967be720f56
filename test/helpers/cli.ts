/** Runs the compiled CLI (build first: `npm test` does) and captures its output. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

/** The repository root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The compiled CLI entry point. */
export const CLI = path.join(ROOT, 'dist', 'harness', 'cli', 'main.js');

/** Result of one CLI invocation. */
export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `replbench ...args` in `cwd`. */
export function replbench(args: readonly string[], cwd = ROOT): CliResult {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const made: string[] = [];

/** A fresh temporary folder, removed after the test file (test/setup/remove-temp-dirs.ts). */
export function tempDir(prefix = 'replbench-test-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Removes every folder `tempDir()` made in this test file. */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Writes a suite file (YAML text) into a temporary folder and returns its path. */
export function suiteFile(yaml: string, name = 'suite.yaml'): string {
  const file = path.join(tempDir(), name);
  writeFileSync(file, yaml);
  return file;
}

/**
 * Runs `replbench run <file> --out <folder beside it> ...extra` and checks it was rejected as bad
 * input: exit code 2, no output folder, a message rather than a stack trace.
 */
export function runRejected(file: string, extra: readonly string[] = []): CliResult {
  const out = path.join(path.dirname(file), 'out');
  const r = replbench(['run', file, '--out', out, ...extra]);
  expect(r.code, r.stderr).toBe(2);
  expect(existsSync(out)).toBe(false);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  return r;
}

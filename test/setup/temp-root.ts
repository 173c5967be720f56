/**
 * Vitest global set-up: the test run gets a temporary root of its own (TMPDIR, TMP and TEMP point
 * into it, for the test workers and every process they start), which must be empty when the run
 * ends. Anything a test left there is listed and fails the run; the root is removed either way, so
 * the system temporary folder keeps nothing from a test run.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const VARS = ['TMPDIR', 'TMP', 'TEMP'] as const;

/** Creates the root and points the temporary-folder variables at it; returns the teardown. */
export default function setup(): () => void {
  const root = mkdtempSync(path.join(os.tmpdir(), 'replbench-vitest-'));
  const previous = VARS.map((v) => [v, process.env[v]] as const);
  for (const v of VARS) process.env[v] = root;
  return () => {
    for (const [v, value] of previous) {
      if (value === undefined) delete process.env[v];
      else process.env[v] = value;
    }
    const left = readdirSync(root);
    rmSync(root, { recursive: true, force: true });
    if (left.length > 0) {
      // Vitest reports an error thrown here but still exits 0: set the exit code as well.
      process.exitCode = 1;
      throw new Error(`tests left ${left.length} entr${left.length === 1 ? 'y' : 'ies'} in the temporary folder (removed now; make the test that creates them clean up): ${left.slice(0, 20).join(', ')}${left.length > 20 ? ', ...' : ''}`);
    }
  };
}

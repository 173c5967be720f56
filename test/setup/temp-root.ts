/**
 * Vitest global set-up: the test run gets a temporary root of its own (TMPDIR, TMP and TEMP point
 * into it, for the test workers and every process they start), which must be empty when the run
 * ends, with no process (a database server a test started) still running in it. Anything a test
 * left there is listed and fails the run; the root is removed either way, so the system temporary
 * folder keeps nothing from a test run.
 */
import { chmodSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const VARS = ['TMPDIR', 'TMP', 'TEMP'] as const;

/** Processes working or started in `root` (servers a test left running), Linux only. */
function processesIn(root: string): number[] {
  const out: number[] = [];
  let pids: string[] = [];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return out;
  }
  for (const d of pids) {
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      if (stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z') continue;
      const cwd = readlinkSync(`/proc/${d}/cwd`);
      if (cwd === root || cwd.startsWith(`${root}/`) || readFileSync(`/proc/${d}/cmdline`, 'utf8').includes(root)) out.push(Number(d));
    } catch {
      // gone, or not ours to inspect
    }
  }
  return out;
}

/** Creates the root and points the temporary-folder variables at it; returns the teardown. */
export default function setup(): () => void {
  const root = mkdtempSync(path.join(os.tmpdir(), 'replbench-vitest-'));
  // Others may traverse (not list) it: PostgreSQL servers run as an unprivileged user when the tests run as root.
  chmodSync(root, 0o711);
  const previous = VARS.map((v) => [v, process.env[v]] as const);
  for (const v of VARS) process.env[v] = root;
  return () => {
    for (const [v, value] of previous) {
      if (value === undefined) delete process.env[v];
      else process.env[v] = value;
    }
    // No server a test started may outlive the run: stop any (and fail).
    const running = processesIn(root);
    for (const pid of running) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    const left = readdirSync(root);
    rmSync(root, { recursive: true, force: true });
    if (running.length > 0) {
      process.exitCode = 1;
      throw new Error(`tests left ${running.length} process${running.length === 1 ? '' : 'es'} running in the temporary folder (killed now): ${running.join(', ')}`);
    }
    if (left.length > 0) {
      // Vitest reports an error thrown here but still exits 0: set the exit code as well.
      process.exitCode = 1;
      throw new Error(`tests left ${left.length} entr${left.length === 1 ? 'y' : 'ies'} in the temporary folder (removed now; make the test that creates them clean up): ${left.slice(0, 20).join(', ')}${left.length > 20 ? ', ...' : ''}`);
    }
  };
}

/**
 * CLI start-up: wall time of `replbench --help`, `list` and `validate` against a bare `node -e 0`,
 * each spawned several times in the same run (interleaved, so machine noise hits all alike);
 * medians and their ratio to the bare start are reported.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { PACKAGE_ROOT } from '../harness/version.js';
import { median } from '../reports/stats.js';

/** One measured command: its label, median wall milliseconds and ratio to `node -e 0`. */
export interface StartupResult {
  readonly command: string;
  readonly medianMs: number;
  readonly ratio: number;
}

const CLI = path.join(PACKAGE_ROOT, 'dist', 'harness', 'cli', 'main.js');

const COMMANDS: readonly { readonly label: string; readonly args: readonly string[] }[] = [
  { label: 'node -e 0', args: ['-e', '0'] },
  { label: 'replbench --help', args: [CLI, '--help'] },
  { label: 'replbench list', args: [CLI, 'list'] },
  { label: 'replbench validate suites/default.yaml', args: [CLI, 'validate', path.join(PACKAGE_ROOT, 'suites', 'default.yaml')] },
];

function spawnMs(args: readonly string[]): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: PACKAGE_ROOT, stdio: 'ignore' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited with ${r.status}`);
  return ms;
}

/** Spawns every command `runs` times, interleaved; returns the medians and ratios to `node -e 0` (first row). */
export function benchStartup(runs = 11): StartupResult[] {
  const times = COMMANDS.map(() => [] as number[]);
  for (const c of COMMANDS) spawnMs(c.args); // warm the file cache
  for (let i = 0; i < runs; i++) COMMANDS.forEach((c, j) => times[j]!.push(spawnMs(c.args)));
  const bare = median(times[0]!);
  return COMMANDS.map((c, j) => ({ command: c.label, medianMs: median(times[j]!), ratio: median(times[j]!) / bare }));
}

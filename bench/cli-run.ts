/**
 * A whole CLI run of one case of the benchmark scenario (async, `operations` operations): start-up,
 * suite expansion, the worker pool, the simulation, results and every report (HTML, markdown,
 * CSV, charts), measured end to end as a spawned `replbench run`, against the bare loop's rate
 * measured in the same run.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { bareLoop } from './baseline.js';

const CLI = fileURLToPath(new URL('../harness/cli/main.js', import.meta.url));

/** One measurement: the CLI's wall time and rate, the bare loop's rate, and their ratio (best of `rounds`). */
export function benchCliRun(operations: number, rounds = 2): { wallMs: number; opsPerSec: number; bareOpsPerSec: number; ratio: number } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'replbench-bench-cli-'));
  try {
    const suite = path.join(dir, 'bench.yaml');
    writeFileSync(
      suite,
      `name: bench-cli\nseed: 1\nduration: 100000s\noperations: ${operations}\ncluster: { nodes: 3, partitions: 1, replicationFactor: 3 }\nnetwork: { nodeToNode: { dist: exponential, mean: 1ms }, clientToNode: { dist: constant, value: 0.1ms } }\nworkload: { records: 1000, readProportion: 0.5, clients: { model: closed, count: 16 }, reads: follower }\nstrategy: async\n`,
    );
    let best = Infinity;
    let bestBare = Infinity;
    for (let round = 0; round < rounds; round++) {
      bestBare = Math.min(bestBare, bareLoop(operations).wallMs);
      const t0 = performance.now();
      const r = spawnSync(process.execPath, [CLI, 'run', suite, '--out', path.join(dir, `out-${round}`), '--quiet', '--workers', '1'], { encoding: 'utf8' });
      const ms = performance.now() - t0;
      if (r.status !== 0) throw new Error(`replbench run failed (${r.status}): ${r.stderr}`);
      best = Math.min(best, ms);
    }
    const opsPerSec = (operations / best) * 1000;
    const bareOpsPerSec = (operations / bestBare) * 1000;
    return { wallMs: best, opsPerSec, bareOpsPerSec, ratio: opsPerSec / bareOpsPerSec };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

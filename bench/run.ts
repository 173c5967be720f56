/**
 * `npm run bench`: simulator throughput (sync and async, 1e6 operations), peak memory of a
 * 1e7-operation case, CLI start-up, and the microbenchmarks of the hot paths. Timings on a shared machine are
 * noisy: compare ratios within one run. `npm run bench -- --quick` runs smaller sizes.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { benchSimulator } from './simulator.js';
import { alignTable } from '../reports/table.js';

const quick = process.argv.includes('--quick');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
/** Long statistical measurements run only when named in --only. */
const OPT_IN = new Set(['noise', 'compare']);
const want = (section: string) => (only ? only.split(',').includes(section) : !OPT_IN.has(section));

if (want('sim')) {
  const ops = quick ? 2e5 : 1e6;
  console.log(`\nSimulator throughput (3 replicas, 16 closed-loop clients, 50% follower reads, ${ops.toExponential(0)} operations, one core)`);
  const rows = [['strategy', 'ops', 'events', 'best wall s', 'sim ops/s', 'bare loop ops/s', 'vs bare loop']];
  for (const r of await benchSimulator(['async', 'sync', 'semi-sync'], ops)) {
    rows.push([r.strategy, String(r.operations), String(r.events), (r.wallMs / 1000).toFixed(2), r.opsPerSec.toFixed(0), r.bareOpsPerSec.toFixed(0), r.ratio.toFixed(2)]);
  }
  console.log(alignTable(rows));
  console.log('(best of 3 rounds each, the bare loop alternating with the simulator; the ratio is the machine-independent number; target >= 0.6)');
}

if (want('cli')) {
  const { benchCliRun } = await import('./cli-run.js');
  const ops = quick ? 2e5 : 1e6;
  const r = benchCliRun(ops);
  console.log(`\nWhole CLI run of one ${ops.toExponential(0)}-operation async case (start-up, pool, simulation, results, HTML, markdown, CSV and charts; best of 2): ${(r.wallMs / 1000).toFixed(2)} s, ${r.opsPerSec.toFixed(0)} ops/s = ${r.ratio.toFixed(2)} of the bare loop (${r.bareOpsPerSec.toFixed(0)} ops/s; target >= 0.45)`);
}

if (want('memory')) {
  const ops = quick ? 1e6 : 1e7;
  const script = fileURLToPath(new URL('./memory.js', import.meta.url));
  const out = JSON.parse(execFileSync(process.execPath, [script, String(ops)], { encoding: 'utf8' })) as { operations: number; wallMs: number; maxRssMB: number };
  console.log(`\nMemory: async case with ${out.operations} operations: peak RSS ${out.maxRssMB.toFixed(0)} MB (limit 300 MB), ${(out.wallMs / 1000).toFixed(1)} s`);
}

if (want('pool')) {
  const { benchPool } = await import('./pool.js');
  const r = await benchPool(quick);
  console.log(
    `\nWorker pool: 8 equal cases: 1 worker ${(r.oneMs / 1000).toFixed(2)} s, 2 workers ${(r.twoMs / 1000).toFixed(2)} s, speed-up ${r.speedup.toFixed(2)}x (target >= 1.8x); per-case overhead ${r.overheadMs.toFixed(1)} ms (target < 50 ms, includes pool start-up)`,
  );
}

if (want('generators')) {
  const { benchGenerators } = await import('./generators.js');
  const rows = [['generator', 'draws/s']];
  for (const r of await benchGenerators(quick ? { time: 100 } : {})) rows.push([r.name, r.opsPerSec.toExponential(2)]);
  console.log('\nWorkload generators (tinybench)');
  console.log(alignTable(rows));
}

if (want('partitioners')) {
  const { benchPartitioners } = await import('./partitioners.js');
  const rows = [['scheme', 'lookups/s']];
  for (const r of await benchPartitioners(quick ? { time: 100 } : {})) rows.push([r.name, r.opsPerSec.toExponential(2)]);
  console.log('\nPartitioner lookups (tinybench; rendezvous is O(nodes) per lookup by nature)');
  console.log(alignTable(rows));
}

if (want('report')) {
  const { benchReport } = await import('./report.js');
  const r = await benchReport();
  console.log(`\nReport rendering: ${r.cases} cases -> index.html, summary.md and every chart in ${(r.ms / 1000).toFixed(2)} s (target < 10 s)`);
}

if (want('startup')) {
  const { benchStartup } = await import('./startup.js');
  const rows = [['command', 'median ms', 'vs node -e 0']];
  for (const r of benchStartup(quick ? 5 : 11)) rows.push([r.command, r.medianMs.toFixed(0), `${r.ratio.toFixed(2)}x`]);
  console.log(`\nCLI start-up (${quick ? 5 : 11} spawns each, interleaved; medians; target: --help, list and validate well under 300 ms)`);
  console.log(alignTable(rows));
}

// The statistical sections run many suites (minutes): only when asked for by name.
if (only?.split(',').includes('noise')) {
  const { measureSpreads, printSpreads } = await import('./compare-noise.js');
  const seeds = quick ? 4 : 10;
  console.log(`\nSeed-to-seed spread of the compared metrics (default, ycsb and failover suites, ${seeds} seeds each; range over the seeds / median)`);
  const dump = process.argv.find((a) => a.startsWith('--dump='))?.slice('--dump='.length);
  printSpreads(await measureSpreads(['default.yaml', 'ycsb.yaml', 'failover.yaml'], seeds, 2, dump), seeds);
}

if (only?.split(',').includes('compare')) {
  const { measurePower, printPower } = await import('./compare-power.js');
  const o = { trials: quick ? 5 : 20, repetitions: 5, duration: quick ? '2s' : '5s', factor: 1.1, workers: 2 };
  console.log(`\nCompare with ${o.repetitions} repetitions per side: power against a 10% slowdown and A/A false alarms (default suite's cases, ${o.duration} each, ${o.trials} trials)`);
  printPower(o, await measurePower(o));
}

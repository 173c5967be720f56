/**
 * `replbench calibrate SUITE`: for each real-backend case of a suite, start its cluster, measure
 * single-client service times and link round trips, fit the simulator's distributions, and print
 * a suite fragment (strategy, service, network) to paste into a simulated suite. Nothing is run
 * beyond the measurements; the servers are stopped as for `run`.
 */
import { writeFile } from 'node:fs/promises';
import { Command, InvalidArgumentError } from 'commander';
import { InputError } from '../config/errors.js';
import type { Case } from '../config/suite.js';
import { CALIBRATION_FITS } from '../real/calibrate/fit.js';

interface CalibrateOptions {
  case?: string[];
  samples?: number;
  fit?: (typeof CALIBRATION_FITS)[number];
  out?: string;
}

function parseSamples(v: string): number {
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 50 || n > 100_000) throw new InvalidArgumentError('--samples must be an integer from 50 to 100000');
  return n;
}

function parseFit(v: string): (typeof CALIBRATION_FITS)[number] {
  if (!(CALIBRATION_FITS as readonly string[]).includes(v)) throw new InvalidArgumentError(`--fit must be one of ${CALIBRATION_FITS.join(', ')}`);
  return v as (typeof CALIBRATION_FITS)[number];
}

/** What decides a calibration: the backend (without its calibrate option), the links and the records. */
function calibrationKey(c: Case): string {
  const { calibrate: _c, ...backend } = c.config.backend!;
  const wl = c.config.workload;
  return JSON.stringify([backend, c.config.network, c.config.cluster, wl.records, wl.values, wl.reads]);
}

/** µs quantiles as `p50 / p99 ms`. */
function q(s: { p50: number; p99: number }): string {
  return `${(s.p50 / 1000).toFixed(3)} / ${(s.p99 / 1000).toFixed(3)} ms`;
}

async function calibrateCommand(file: string, opts: CalibrateOptions): Promise<void> {
  const [{ loadSuite }, { backendLabel }, YAML, { backendModule }, { RunFolder }, { calibrateCluster }, { suiteFragment, describeStrategy }] = await Promise.all([
    import('../config/suite.js'),
    import('../config/backend.js'),
    import('yaml'),
    import('../real/backends.js'),
    import('../real/processes.js'),
    import('../real/calibrate/run-calibration.js'),
    import('../real/calibrate/calibration.js'),
  ]);
  const suite = await loadSuite(file, {});
  let cases = suite.cases.filter((c) => c.config.backend !== undefined);
  if (opts.case?.length) {
    const wanted = new Set(opts.case);
    cases = cases.filter((c) => wanted.has(c.id) || wanted.has(c.name));
    const found = new Set(cases.flatMap((c) => [c.id, c.name]));
    const missing = [...wanted].filter((w) => !found.has(w));
    if (missing.length) throw new InputError(missing.map((m) => ({ path: '--case', message: `no real-backend case "${m}" in ${file} (see \`replbench validate ${file}\`)` })));
  }
  if (!cases.length) throw new InputError([{ path: 'backend', message: `${file} has no real-backend case: set backend (or matrix.backend) to postgres, redis or mariadb` }]);
  const seen = new Set<string>();
  const unique = cases.filter((c) => {
    const k = calibrationKey(c);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  const docs: string[] = [];
  let failed = 0;
  for (const c of unique) {
    const b = c.config.backend!;
    const mod = await backendModule(b.kind);
    const why = await mod.unavailable();
    if (why) {
      process.stderr.write(`skipping ${backendLabel(b)}: ${why}\n`);
      continue;
    }
    const folder = RunFolder.create();
    let cluster: Awaited<ReturnType<typeof mod.start>> | null = null;
    try {
      cluster = await mod.start({ config: c.config, backend: b, folder, log: (l) => process.stderr.write(`${l}\n`) });
      const wl = c.config.workload;
      await cluster.load(wl.records, wl.values.fieldCount * wl.values.fieldLength);
      const how = { samples: opts.samples ?? b.calibrate?.samples ?? 400, fit: opts.fit ?? b.calibrate?.fit ?? 'lognormal' } as const;
      const cal = await calibrateCluster(cluster, c.config, b, mod, how);
      const m = cal.measured;
      const head = [
        `replbench calibrate: ${backendLabel(b)} (case ${c.id}), ${m.samples} single-client rounds, ${cal.fit} fit`,
        `measured p50 / p99: no-work round trip ${q(m.noopRoundTrip)}; write service ${q(m.write)}; read service ${q(m.read)}`,
        `one way: client link ${q(m.clientLink)}; replication link ${q(m.replicationLink)}`,
        `strategy: the simulated counterpart of this mode, ${describeStrategy(cal.strategy)}`,
      ];
      // Leaf maps (a distribution, the strategy) on one line each, as the README writes them.
      const doc = new YAML.Document(suiteFragment(cal));
      YAML.visit(doc, { Map: (_k, node, path) => void (path.length > 1 && node.items.every((it) => !YAML.isCollection(it.value)) && (node.flow = true)) });
      docs.push(`${head.map((l) => `# ${l}`).join('\n')}\n${doc.toString({ lineWidth: 0 })}`);
      process.stderr.write(`calibrated ${backendLabel(b)}: write service p50 ${(m.write.p50 / 1000).toFixed(3)} ms, read ${(m.read.p50 / 1000).toFixed(3)} ms, replication link one way ${(m.replicationLink.p50 / 1000).toFixed(3)} ms\n`);
    } catch (err) {
      failed++;
      process.stderr.write(`calibrating ${backendLabel(b)} failed: ${(err as Error).message}\n`);
    } finally {
      await cluster?.close().catch(() => undefined);
      await folder.close();
    }
  }
  const text = docs.join('---\n');
  if (opts.out) {
    if (docs.length) await writeFile(opts.out, text);
    process.stderr.write(`${docs.length ? `wrote ${opts.out}` : 'nothing calibrated: nothing written'}\n`);
  } else process.stdout.write(text);
  process.exitCode = failed ? 1 : 0;
}

/** Adds the `calibrate` command. */
export function registerCalibrateCommand(program: Command): void {
  program
    .command('calibrate')
    .description('measure the real backends of a suite (single-client service times, link round trips) and print the simulator\'s fitted distributions as a suite fragment')
    .argument('<suite>', 'suite file whose cases (or matrix) name a real backend')
    .option('-c, --case <id...>', 'calibrate only these real cases (by id or name)')
    .option('--samples <n>', 'single-client rounds measured per case (default: the backend\'s calibrate.samples, else 400)', parseSamples)
    .option('--fit <kind>', `how distributions are fitted: ${CALIBRATION_FITS.join(', ')} (default lognormal: median and spread)`, parseFit)
    .option('-o, --out <file>', 'write the fragment(s) to this file instead of standard output')
    .addHelpText(
      'after',
      `
For each real-backend case (cases that differ only in what calibration does not see are measured
once): start its cluster as \`run\` would, load the records, and measure one client doing one
operation at a time, each round a no-work round trip (PING / SELECT 1 / DO 1) and a write straight
to the primary (not waiting for replicas), the same round trip and a read straight to the node
reads go to, and a no-work round trip through the client link and through a replication link.
Each round waits after its write until the write's replication has passed the relays. A service
time's quantiles are the operation's latency quantiles minus the no-work round trip's on its node
(at least 1 µs); a link is half its round trip (one way). The fragment holds the simulated strategy that waits as the
database does, service (workers, write, read, apply = write) and network (nodeToNode,
clientToNode), as lognormal (median, sigma = ln(p84.1 / median)) or empirical
(100 quantiles) distributions. A backend missing from the machine is skipped with one line.

To see a real case beside its calibrated simulation in one run's report, set calibrate: true on
its backend instead (README "Real databases").

Exit codes: 0 calibrated (or skipped), 1 a calibration failed, 2 invalid input.`,
    )
    .action((file: string, opts: CalibrateOptions) => calibrateCommand(file, opts));
}

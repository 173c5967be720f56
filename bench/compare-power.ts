/**
 * Power and false alarms of `compare` with repetitions (`npm run bench -- --only=compare`).
 * Each trial runs the default suite's three cases (shortened to `duration`) three times with
 * `repetitions` seeds each: a base (suite seed 1000 + t), a head with the same code and other
 * seeds (5000 + t: the A/A pair) and a head with the same seeds as that one but every latency
 * and service time 10% longer (the slowdown: mean write latency rises by about 10%, measured and
 * printed). Power: the trials in which `write_mean_us` is `regressed` in every case. False
 * alarms: A/A trials with any verdict other than `unchanged` or `insufficient data`.
 */
import path from 'node:path';
import { expandSuite, readSuiteFile, type Case } from '../harness/config/suite.js';
import { resolvePoolOptions, runInPool } from '../harness/pool/runner.js';
import { PACKAGE_ROOT } from '../harness/version.js';
import { compareResults, type Comparison } from '../reports/compare.js';
import { RESULTS_SCHEMA, type CaseOk, type RunResults } from '../reports/schema.js';
import { mean } from '../reports/stats.js';

/** What to measure. */
export interface PowerOptions {
  readonly trials: number;
  readonly repetitions: number;
  /** Virtual duration of each case, e.g. `5s` (warm-up 1 s). */
  readonly duration: string;
  /** Latency scale factor of the slowed-down head (1.1 = every latency and service time +10%). */
  readonly factor: number;
  readonly workers: number;
}

/** One trial's outcome. */
export interface Trial {
  readonly seed: number;
  /** Cases in which write_mean_us was flagged regressed (of `cases`). */
  readonly detected: number;
  readonly cases: number;
  /** The measured shift of mean write latency per case (head mean / base mean − 1). */
  readonly shifts: readonly number[];
  /** A/A: metrics whose verdict was regressed or improved, and insufficient data. */
  readonly falseAlarms: readonly string[];
  readonly insufficient: number;
  readonly tests: number;
}

function scaleSpec(spec: unknown, f: number): unknown {
  if (typeof spec === 'string' || typeof spec === 'number') {
    const m = /^(\d+(?:\.\d+)?)(us|ms|s)?$/.exec(String(spec));
    if (!m) throw new Error(`cannot scale ${String(spec)}`);
    return `${+(Number(m[1]) * f).toPrecision(12)}${m[2] ?? 'ms'}`;
  }
  const o = spec as Record<string, unknown>;
  const out: Record<string, unknown> = { ...o };
  for (const k of ['value', 'mean', 'median', 'min', 'max', 'scale', 'stddev']) if (k in o) out[k] = scaleSpec(o[k], f);
  return out;
}

/** The default suite, shortened, with the given seed and repetitions, every latency scaled by `factor`. */
async function suiteCases(seed: number, repetitions: number, duration: string, factor: number): Promise<Case[]> {
  const raw = (await readSuiteFile(path.join(PACKAGE_ROOT, 'suites', 'default.yaml'))) as Record<string, any>;
  const suite: Record<string, any> = { ...raw, seed, repetitions, duration, warmup: '1s' };
  if (factor !== 1) {
    suite.network = { ...raw.network, nodeToNode: scaleSpec(raw.network.nodeToNode, factor), clientToNode: scaleSpec(raw.network.clientToNode, factor) };
    suite.service = { ...raw.service, write: scaleSpec(raw.service.write, factor), read: scaleSpec(raw.service.read, factor) };
  }
  return [...(await expandSuite(suite, 'default.yaml', { baseDir: PACKAGE_ROOT })).cases];
}

function asResults(name: string, seed: number, cases: readonly CaseOk[]): RunResults {
  return {
    schema: RESULTS_SCHEMA,
    suite: { name, source: 'bench', seed, fingerprint: 'bench', total: cases.length },
    status: 'complete',
    environment: { replbench: 'bench', node: process.version, platform: process.platform, arch: process.arch, cpus: 0, cpuModel: 'bench' },
    startedAt: '',
    finishedAt: '',
    cases,
  };
}

/** Runs every trial (all cases through one worker pool) and compares base against both heads. */
export async function measurePower(o: PowerOptions): Promise<Trial[]> {
  const sides: { trial: number; side: 'base' | 'same' | 'slow'; cases: Case[] }[] = [];
  for (let t = 0; t < o.trials; t++) {
    sides.push({ trial: t, side: 'base', cases: await suiteCases(1000 + t, o.repetitions, o.duration, 1) });
    sides.push({ trial: t, side: 'same', cases: await suiteCases(5000 + t, o.repetitions, o.duration, 1) });
    sides.push({ trial: t, side: 'slow', cases: await suiteCases(5000 + t, o.repetitions, o.duration, o.factor) });
  }
  const all = sides.flatMap((s) => s.cases);
  const { results } = await runInPool(all, resolvePoolOptions({ workers: o.workers }));
  const byId = new Map<string, CaseOk>();
  for (const r of results) {
    if (r.status !== 'ok') throw new Error(`case ${r.name} failed: ${r.error.message}`);
    byId.set(r.id, r);
  }
  const resultsOf = (s: (typeof sides)[number]) => asResults(s.side, 0, s.cases.map((c) => byId.get(c.id)!));
  const trials: Trial[] = [];
  for (let t = 0; t < o.trials; t++) {
    const [base, same, slow] = (['base', 'same', 'slow'] as const).map((side) => resultsOf(sides.find((s) => s.trial === t && s.side === side)!));
    // The slowed-down head is paired by name: a slower build running the same suite.
    const power: Comparison = compareResults(base!, slow!, { match: 'name' });
    const aa: Comparison = compareResults(base!, same!);
    const writeRows = power.rows.filter((r) => r.metric === 'write_mean_us');
    trials.push({
      seed: 1000 + t,
      detected: writeRows.filter((r) => r.verdict === 'regressed').length,
      cases: writeRows.length,
      shifts: writeRows.map((r) => r.change ?? NaN),
      falseAlarms: aa.rows.filter((r) => r.verdict === 'regressed' || r.verdict === 'improved').map((r) => `${r.case} ${r.metric} ${r.verdict} (${((r.change ?? 0) * 100).toFixed(1)}%, p adj ${r.pAdjusted?.toPrecision(2)})`),
      insufficient: aa.counts['insufficient data'],
      tests: aa.tests,
    });
  }
  return trials;
}

/** Prints the measurement. */
export function printPower(o: PowerOptions, trials: readonly Trial[]): void {
  const detectedAll = trials.filter((t) => t.detected === t.cases).length;
  const caseDetections = trials.reduce((s, t) => s + t.detected, 0);
  const caseCount = trials.reduce((s, t) => s + t.cases, 0);
  const shifts = trials.flatMap((t) => t.shifts);
  const alarms = trials.filter((t) => t.falseAlarms.length > 0);
  console.log(`  slowdown (every latency and service time ×${o.factor}): measured shift of mean write latency ${(mean(shifts) * 100).toFixed(2)}% on average (min ${(Math.min(...shifts) * 100).toFixed(2)}%, max ${(Math.max(...shifts) * 100).toFixed(2)}%, over ${shifts.length} case pairs)`);
  console.log(`  power: write_mean_us regressed in every case in ${detectedAll} of ${trials.length} trials (${caseDetections} of ${caseCount} case pairs)`);
  console.log(`  A/A (same code, other seeds): ${alarms.length} of ${trials.length} trials with a false alarm; Holm family ${Math.min(...trials.map((t) => t.tests))}–${Math.max(...trials.map((t) => t.tests))} tests; 'insufficient data' verdicts ${trials.reduce((s, t) => s + t.insufficient, 0)}`);
  for (const t of alarms) console.log(`    trial seed ${t.seed}: ${t.falseAlarms.join('; ')}`);
}

/**
 * `--ycsb` runs: where a `--ycsb` argument points (a file, a built-in preset, or a core workload
 * shipped in workloads/ycsb/), the suite a `--ycsb` run without a suite file runs (the default
 * suite's cluster and strategies, none of its run length or workload), and the name and
 * description that say which workload ran.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { YCSB_PRESET_NAMES } from '../../workloads/ycsb.js';
import { PACKAGE_ROOT } from '../version.js';
import type { YcsbRunControl } from './workload.js';

/** The folder of the YCSB core workloads shipped with replbench. */
export const SHIPPED_YCSB_DIR = path.join(PACKAGE_ROOT, 'workloads', 'ycsb');

/** Names of the shipped core workload files (workloads/ycsb/workloada … workloadf). */
export const SHIPPED_YCSB_NAMES = ['workloada', 'workloadb', 'workloadc', 'workloadd', 'workloade', 'workloadf'] as const;

/** A `--ycsb` argument: as typed, what it resolves to, and how reports name it. */
export interface YcsbArgument {
  /** As the user typed it. */
  readonly arg: string;
  /** A preset name, or an absolute file path. */
  readonly value: string;
  readonly kind: 'preset' | 'file' | 'shipped';
}

/** The shipped core workload file a bare name (`workloada`) stands for, if any. */
export function shippedYcsbFile(name: string): string | undefined {
  return (SHIPPED_YCSB_NAMES as readonly string[]).includes(name) ? path.join(SHIPPED_YCSB_DIR, name) : undefined;
}

/**
 * Resolves a `--ycsb` argument against `cwd`: a preset name stays a name; an existing file is
 * that file; a bare core workload name with no such file (`workloada`) is the shipped file.
 */
export function resolveYcsbArgument(arg: string, cwd = process.cwd()): YcsbArgument {
  if ((YCSB_PRESET_NAMES as readonly string[]).includes(arg)) return { arg, value: arg, kind: 'preset' };
  const file = path.resolve(cwd, arg);
  const shipped = existsSync(file) ? undefined : shippedYcsbFile(arg);
  return shipped ? { arg, value: shipped, kind: 'shipped' } : { arg, value: file, kind: 'file' };
}

/** Fields of a suite that set how long a case runs; a `--ycsb` run without a suite file takes them from YCSB. */
const RUN_LENGTH_FIELDS = ['name', 'description', 'duration', 'warmup', 'operations'];

/**
 * The suite `replbench run --ycsb FILE` runs when no suite file is given: the default suite's
 * cluster, network, service, strategies and read routing, but not its name, description, run
 * length (duration, warm-up, operations) or workload: those come from the YCSB workload.
 */
export function standaloneYcsbSuite(defaultSuite: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = Object.fromEntries(Object.entries(defaultSuite).filter(([k]) => !RUN_LENGTH_FIELDS.includes(k)));
  const w = defaultSuite.workload;
  if (w && typeof w === 'object' && !Array.isArray(w)) {
    const kept = Object.fromEntries(Object.entries(w as Record<string, unknown>).filter(([k]) => k === 'reads' || k === 'timeout'));
    if (Object.keys(kept).length) out.workload = kept;
    else delete out.workload;
  } else delete out.workload;
  const m = defaultSuite.matrix;
  if (m && typeof m === 'object' && !Array.isArray(m)) {
    // Workload sweeps are replaced by the YCSB workload anyway; the strategies and the rest stay.
    const kept = Object.fromEntries(Object.entries(m as Record<string, unknown>).filter(([k]) => k !== 'workload' && !k.startsWith('workload.')));
    if (Object.keys(kept).length) out.matrix = kept;
    else delete out.matrix;
  }
  return out;
}

/** The short name of a workload in a suite name: a file's base name, a preset's letter. */
function label(a: YcsbArgument): string {
  return a.kind === 'preset' ? a.value.replace(/^ycsb-/, '') : path.basename(a.value);
}

/**
 * The name and description of a `--ycsb` run: `ycsb-workloada` and "YCSB workloada (file
 * workloads/ycsb/workloada)" without a suite file; with one, its name and file are added.
 */
export function ycsbRunIdentity(args: readonly YcsbArgument[], properties: Readonly<Record<string, string>>, suite?: { name: string; source: string }): { name: string; description: string } {
  const labels = args.map(label);
  const files = args.filter((a) => a.kind !== 'preset');
  const presets = args.filter((a) => a.kind === 'preset');
  const where = [
    ...(files.length ? [`file${files.length > 1 ? 's' : ''} ${files.map((a) => (a.kind === 'shipped' ? `workloads/ycsb/${path.basename(a.value)}` : a.arg)).join(', ')}${files.every((a) => a.kind === 'shipped') ? ', shipped with replbench' : ''}`] : []),
    ...(presets.length ? [`built-in preset${presets.length > 1 ? 's' : ''}`] : []),
  ].join('; ');
  const overrides = Object.entries(properties).map(([k, v]) => `-p ${k}=${v}`);
  const workload = `YCSB ${args.map((a) => (a.kind === 'preset' ? a.value : path.basename(a.value))).join(' + ')} (${where})${overrides.length ? ` with ${overrides.join(' ')}` : ''}`;
  const base = `ycsb-${labels.join('+')}`;
  if (!suite) return { name: base, description: workload };
  return { name: `${suite.name}-${base}`, description: `${workload}, on the cluster and strategies of suite ${suite.name} (${suite.source})` };
}

/** The time limit of an operation-bound YCSB run that sets no other (virtual seconds after the warm-up). */
export const YCSB_OPERATIONS_TIME_LIMIT_S = 3600;

/** What the suite itself writes about a case's run length (undefined: not written). */
export interface WrittenRunLength {
  readonly duration?: number;
  readonly warmup?: number;
  readonly operations?: number;
}

/** A case's run length after YCSB's run control is applied (durations in µs). */
export interface RunLength {
  readonly duration: number;
  readonly warmup: number;
  readonly operations: number | null;
  /** The operation limit counts only operations issued after the warm-up (YCSB's operationcount with a warm-up). */
  readonly operationsAfterWarmup: boolean;
  /** Where the warm-up came from (for messages). */
  readonly warmupFrom: 'suite' | 'ycsb';
  /** YCSB settings the suite's own fields overrode, for the user. */
  readonly notes: readonly string[];
}

const US = 1_000_000;
const seconds = (us: number) => `${us / US} s`;

/**
 * Maps YCSB's run control onto a case. A field the suite writes wins (and the YCSB setting it
 * replaces is noted); otherwise YCSB decides: no warm-up unless `warmuptime` asks for one;
 * `operationcount` operations measured after the warm-up; `maxexecutiontime` seconds at most
 * after the warm-up (and at most the suite's duration, when it writes one); an operation-bound
 * run with no time limit stops after YCSB_OPERATIONS_TIME_LIMIT_S at the latest; a run with
 * neither measures for 10 s.
 */
export function ycsbRunLength(written: WrittenRunLength, defaults: { duration: number; warmup: number }, y: YcsbRunControl | null): RunLength {
  if (!y) return { duration: written.duration ?? defaults.duration, warmup: written.warmup ?? defaults.warmup, operations: written.operations ?? null, operationsAfterWarmup: false, warmupFrom: 'suite', notes: [] };
  const notes: string[] = [];
  const ycsbWarmup = y.warmup === null ? 0 : Math.round(y.warmup * US);
  if (written.warmup !== undefined && y.warmup !== null && written.warmup !== ycsbWarmup) notes.push(`YCSB warmuptime=${y.warmup} not used: the suite's warmup (${seconds(written.warmup)}) applies`);
  const warmup = written.warmup ?? ycsbWarmup;
  if (written.operations !== undefined && y.operations !== null && written.operations !== y.operations) notes.push(`YCSB operationcount=${y.operations} not used: the suite's operations (${written.operations}, counted from the start) applies`);
  const operations = written.operations ?? y.operations;
  const operationsAfterWarmup = written.operations === undefined && y.operations !== null && warmup > 0;
  const limit = y.maxExecutionTime !== null ? warmup + y.maxExecutionTime * US : null;
  let duration: number;
  if (written.duration !== undefined) {
    duration = limit === null ? written.duration : Math.min(written.duration, limit);
    if (limit !== null && limit > written.duration) notes.push(`YCSB maxexecutiontime=${y.maxExecutionTime} reaches past the suite's duration (${seconds(written.duration)}, warm-up included): the run stops at ${seconds(written.duration)}`);
  } else duration = limit ?? warmup + (y.operations !== null ? YCSB_OPERATIONS_TIME_LIMIT_S * US : 10 * US);
  return { duration, warmup, operations, operationsAfterWarmup, warmupFrom: written.warmup !== undefined || y.warmup === null ? 'suite' : 'ycsb', notes };
}

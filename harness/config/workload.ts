/**
 * Workload resolution: a suite's `workload` (plain fields, a YCSB preset name, or YCSB workload
 * files plus property overrides) becomes one complete WorkloadConfig. YCSB values come first;
 * fields written in the suite win over them. Properties replbench does not use are returned as
 * warnings (reported once, never silently dropped).
 */
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { OPERATION_KINDS, type OperationKind, type OperationMix } from '../../workloads/generators/operations.js';
import { YCSB_PRESET_NAMES, YCSB_PRESETS, YcsbError, loadYcsbWorkload, type YcsbSource, type YcsbWorkload } from '../../workloads/ycsb.js';
import type { InputProblem } from './errors.js';
import { MAX_CLIENTS, MAX_FIELDS, MAX_RATE, MAX_RECORDS, MAX_YCSB_FILE_BYTES, count } from './limits.js';
import type { ParsedCase, WorkloadConfig, KeysConfig } from './schema.js';
import { SHIPPED_YCSB_NAMES, shippedYcsbFile } from './ycsb-run.js';

/** The raw (validated) workload field of a suite. */
type RawWorkload = ParsedCase['workload'];
type RawObject = Exclude<RawWorkload, string>;

const PROPORTION_FIELDS: Readonly<Record<OperationKind, keyof RawObject>> = {
  read: 'readProportion',
  update: 'updateProportion',
  insert: 'insertProportion',
  scan: 'scanProportion',
  'read-modify-write': 'readModifyWriteProportion',
};

/** How long a YCSB workload asks to run (YCSB's run control), each null when not set. */
export interface YcsbRunControl {
  /** operationcount: operations to measure. */
  readonly operations: number | null;
  /** maxexecutiontime: seconds to measure at most. */
  readonly maxExecutionTime: number | null;
  /** warmuptime (replbench's key): seconds of warm-up before measuring. */
  readonly warmup: number | null;
}

/** What resolving a workload yields. */
export interface ResolvedWorkload {
  readonly workload: WorkloadConfig;
  /** YCSB's run control, if the workload came from YCSB sources (null otherwise). */
  readonly ycsbRun: YcsbRunControl | null;
  /** Messages for the user, e.g. ignored YCSB properties. */
  readonly warnings: readonly string[];
}

/** Reads YCSB files once per expansion. */
export class YcsbFiles {
  private readonly cache = new Map<string, Promise<string>>();
  /** The text of `file` (refused beyond MAX_YCSB_FILE_BYTES). */
  read(file: string): Promise<string> {
    let p = this.cache.get(file);
    if (!p) {
      p = stat(file).then((st) => {
        if (st.size > MAX_YCSB_FILE_BYTES) throw new Error(`it has ${count(st.size)} bytes, more than the ${count(MAX_YCSB_FILE_BYTES)} a workload file may have`);
        return readFile(file, 'utf8');
      });
      this.cache.set(file, p);
    }
    return p;
  }
}

async function loadYcsb(raw: RawObject | string, baseDir: string, files: YcsbFiles, problems: InputProblem[], at: string): Promise<YcsbWorkload | undefined> {
  const list = typeof raw === 'string' ? [raw] : raw.ycsb === undefined ? [] : Array.isArray(raw.ycsb) ? raw.ycsb : [raw.ycsb];
  if (list.length === 0) {
    if (typeof raw !== 'string' && raw.properties && Object.keys(raw.properties).length) {
      problems.push({ path: `${at}.properties`, message: 'YCSB properties (-p) apply to a YCSB workload: give workload.ycsb (or --ycsb)' });
    }
    return undefined;
  }
  const sources: YcsbSource[] = [];
  for (const item of list) {
    if ((YCSB_PRESET_NAMES as readonly string[]).includes(item)) {
      sources.push({ name: `preset ${item}`, text: YCSB_PRESETS[item as keyof typeof YCSB_PRESETS] });
      continue;
    }
    // A bare core workload name (workloada) with no such file beside the suite is the shipped file.
    const beside = path.resolve(baseDir, item);
    const file = existsSync(beside) ? beside : (shippedYcsbFile(item) ?? beside);
    try {
      sources.push({ name: item, text: await files.read(file) });
    } catch (err) {
      const hint = /^ycsb-/i.test(item) && !item.includes('/') ? ` (and it is not a preset: ${YCSB_PRESET_NAMES.join(', ')})` : !item.includes('/') ? ` (the shipped core workloads are ${SHIPPED_YCSB_NAMES.join(', ')})` : '';
      problems.push({ path: `${at}.ycsb`, message: `cannot read YCSB workload file ${item}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}${hint}` });
      return undefined;
    }
  }
  const overrides = typeof raw === 'string' || !raw.properties ? {} : Object.fromEntries(Object.entries(raw.properties).map(([k, v]) => [k, String(v)]));
  try {
    return loadYcsbWorkload(sources, overrides, 'workload.properties or -p');
  } catch (err) {
    if (!(err instanceof YcsbError)) throw err;
    for (const p of err.problems) problems.push({ path: `${at}.${typeof raw !== 'string' && raw.properties && p.path in raw.properties ? `properties.${p.path}` : 'ycsb'}`, message: p.message });
    return undefined;
  }
}

/** Resolves a workload; problems are appended (paths relative to `at`, e.g. `workload`). */
export async function resolveWorkload(raw: RawWorkload, baseDir: string, files: YcsbFiles, problems: InputProblem[], at = 'workload'): Promise<ResolvedWorkload | undefined> {
  const before = problems.length;
  const y = await loadYcsb(raw, baseDir, files, problems, at);
  if (problems.length > before) return undefined;
  const o: Partial<RawObject> = typeof raw === 'string' ? {} : raw;

  // Operation mix: explicit proportions replace YCSB's as a set; readProportion alone means read/update.
  const given = OPERATION_KINDS.filter((k) => o[PROPORTION_FIELDS[k]] !== undefined);
  let mix: Record<OperationKind, number>;
  if (given.length > 0) {
    mix = Object.fromEntries(OPERATION_KINDS.map((k) => [k, (o[PROPORTION_FIELDS[k]] as number | undefined) ?? 0])) as Record<OperationKind, number>;
    if (given.length === 1 && given[0] === 'read') mix.update = Math.max(0, 1 - mix.read);
  } else if (y) mix = { ...y.operations };
  else mix = { read: 0.5, update: 0.5, insert: 0, scan: 0, 'read-modify-write': 0 };
  const sum = OPERATION_KINDS.reduce((s, k) => s + mix[k], 0);
  if (sum <= 0) {
    problems.push({ path: at, message: 'all operation proportions are 0: at least one of readProportion, updateProportion, insertProportion, scanProportion, readModifyWriteProportion must be positive' });
    return undefined;
  }
  for (const k of OPERATION_KINDS) mix[k] /= sum;

  const keysRaw = o.keys;
  let keys: KeysConfig;
  if (keysRaw !== undefined) keys = typeof keysRaw === 'string' ? { distribution: keysRaw } : keysRaw;
  else if (y) {
    const k = y.keyChooser;
    keys = { distribution: k.distribution, theta: k.theta!, hotsetFraction: k.hotsetFraction!, hotOpnFraction: k.hotOpnFraction!, percentile: k.exponentialPercentile!, frac: k.exponentialFrac! };
  } else keys = { distribution: 'uniform' };
  if (keysRaw !== undefined && typeof keysRaw !== 'string' && keysRaw.theta !== undefined && !['zipfian', 'scrambled-zipfian', 'latest'].includes(keys.distribution)) {
    problems.push({ path: `${at}.keys.theta`, message: `theta applies to zipfian, scrambled-zipfian and latest keys, not ${keys.distribution}` });
  }
  if (keys.theta !== undefined && (!(keys.theta > 0) || keys.theta === 1)) {
    problems.push({ path: `${at}.keys.theta`, message: `the zipfian constant must be > 0 and != 1 (got ${keys.theta})` });
  }

  const yv = y?.values;
  const values = {
    fieldCount: o.values?.fieldCount ?? yv?.fieldCount ?? 10,
    fieldLength: o.values?.fieldLength ?? yv?.fieldLength ?? 100,
    minFieldLength: o.values?.minFieldLength ?? yv?.minFieldLength ?? 1,
    distribution: o.values?.distribution ?? yv?.distribution ?? 'constant',
    readAllFields: o.values?.readAllFields ?? y?.readAllFields ?? true,
    writeAllFields: o.values?.writeAllFields ?? y?.writeAllFields ?? false,
  };
  if (values.distribution !== 'constant' && values.minFieldLength > values.fieldLength) {
    problems.push({ path: `${at}.values.minFieldLength`, message: `must not exceed fieldLength (${values.fieldLength})` });
  }
  const scan = {
    minLength: o.scan?.minLength ?? y?.scan.minScanLength ?? 1,
    maxLength: o.scan?.maxLength ?? y?.scan.maxScanLength ?? 100,
    distribution: o.scan?.distribution ?? y?.scan.distribution ?? 'uniform',
  };
  if (scan.minLength > scan.maxLength) problems.push({ path: `${at}.scan.maxLength`, message: `must be >= scan.minLength (${scan.minLength})` });

  const clients =
    o.clients ??
    (y ? { model: 'closed' as const, count: y.threadCount, thinkTime: { dist: 'constant' as const, value: 0 }, ...(y.target !== null ? { target: y.target } : {}) } : { model: 'closed' as const, count: 16, thinkTime: { dist: 'constant' as const, value: 0 } });
  if (clients.model === 'closed' && clients.target !== undefined && !(clients.thinkTime.dist === 'constant' && clients.thinkTime.value === 0)) {
    problems.push({ path: `${at}.clients.target`, message: 'give either target (paced, YCSB-style) or thinkTime, not both' });
  }
  const records = o.records ?? (y ? y.recordCount : 1000);
  // Values from YCSB files or -p are checked here (the schema checks what the suite itself says).
  const ycsbPath = (key: string) => (typeof raw !== 'string' && raw.properties && key in raw.properties ? `${at}.properties.${key}` : `${at}.ycsb`);
  if (o.records === undefined && records > MAX_RECORDS) problems.push({ path: ycsbPath('recordcount'), message: `recordcount: ${count(records)} records is more than the simulator holds (${count(MAX_RECORDS)}); set recordcount or workload.records` });
  if (o.values?.fieldCount === undefined && yv && yv.fieldCount > MAX_FIELDS) problems.push({ path: ycsbPath('fieldcount'), message: `fieldcount: at most ${count(MAX_FIELDS)} fields per record (replbench's limit; see README "Limits"), got ${count(yv.fieldCount)}` });
  if (!o.clients && y) {
    if (y.threadCount > MAX_CLIENTS) problems.push({ path: ycsbPath('threadcount'), message: `threadcount: at most ${count(MAX_CLIENTS)} closed-loop clients (replbench's limit; see README "Limits"), got ${count(y.threadCount)}` });
    if (y.target !== null && y.target > MAX_RATE) problems.push({ path: ycsbPath('target'), message: `target: at most ${count(MAX_RATE)} operations per second (replbench's limit; see README "Limits"), got ${count(y.target)}` });
  }

  const warnings: string[] = [];
  if (y && y.ignored.length) warnings.push(`YCSB properties not used by replbench (ignored): ${y.ignored.map((e) => `${e.key} (${e.source}${e.line > 0 ? `:${e.line}` : ''})`).join(', ')}`);
  if (problems.length > before) return undefined;
  const workload: WorkloadConfig = {
    records,
    mix: mix as OperationMix,
    readProportion: mix.read,
    keys,
    values,
    scan,
    clients,
    // Strategy defaults fill these in once the strategy is known (see suite.ts).
    reads: o.reads ?? 'leader',
    writes: o.writes ?? 'leader',
    keyOrder: o.keyOrder ?? y?.insertOrder ?? 'ordered',
    timeout: o.timeout ?? 10_000_000,
    // Provenance only (the resolved fields above define the workload): file names, not machine paths.
    ...(y ? { ycsb: (typeof raw === 'string' ? [raw] : Array.isArray(raw.ycsb) ? raw.ycsb : [raw.ycsb!]).map((f) => path.basename(f)) } : {}),
  };
  return { workload, ycsbRun: y ? { operations: y.operationCount, maxExecutionTime: y.maxExecutionTime, warmup: y.warmupTime } : null, warnings };
}

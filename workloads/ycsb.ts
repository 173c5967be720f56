/**
 * YCSB workload files → a resolved replbench workload description.
 *
 * Property sets are merged with later ones winning (YCSB: `-P` files in order, then `-p`
 * overrides); every key CoreWorkload reads and is absent takes CoreWorkload's (or the YCSB
 * Client's) default. Values are trimmed before they are interpreted. Keys replbench does not use
 * are returned in `ignored` (with where they were set) for the caller to report once. Every
 * problem found is collected and thrown together as a YcsbError whose entries name the key or
 * the line.
 *
 * Deliberate differences from YCSB, all stricter: an unknown `insertorder` (YCSB treats anything
 * but "hashed" as ordered), a non-boolean `readallfields`/`writeallfields` (YCSB reads it as
 * false) and out-of-range hotspot fractions (YCSB prints a warning and uses 0) are errors;
 * `workload` must name CoreWorkload; `zipfianconstant` (θ of the request distribution; YCSB fixes
 * it at 0.99) and `warmuptime` (seconds of warm-up before measuring; YCSB has none) are
 * replbench's own keys.
 */
import { OPERATION_KINDS, type OperationKind, type OperationMix, type ScanLengthDistribution } from './generators/operations.js';
import type { KeyChooserSpec, KeyDistributionName } from './generators/keys.js';
import type { FieldLengthDistribution } from './generators/values.js';
import { ZIPFIAN_CONSTANT } from './generators/zipfian.js';
import { YcsbError, mergeProperties, parseOverrides, parseProperties, type PropertyEntry, type PropertySet, type YcsbProblem } from './ycsb-properties.js';

export { YcsbError, parseProperties, parseOverrides, mergeProperties, type PropertyEntry, type PropertySet, type YcsbProblem } from './ycsb-properties.js';

/** YCSB's request distribution names. */
export const YCSB_REQUEST_DISTRIBUTIONS = ['uniform', 'zipfian', 'latest', 'hotspot', 'exponential', 'sequential'] as const;

/** A YCSB request distribution name. */
export type YcsbRequestDistribution = (typeof YCSB_REQUEST_DISTRIBUTIONS)[number];

/** The replbench key distribution each YCSB request distribution means (YCSB's `zipfian` is scrambled). */
export const YCSB_TO_KEY_DISTRIBUTION: Readonly<Record<YcsbRequestDistribution, KeyDistributionName>> = {
  uniform: 'uniform',
  zipfian: 'scrambled-zipfian',
  latest: 'latest',
  hotspot: 'hotspot',
  exponential: 'exponential',
  sequential: 'sequential',
};

/** The YCSB property name of each operation's proportion. */
export const YCSB_PROPORTION_KEYS: Readonly<Record<OperationKind, string>> = {
  read: 'readproportion',
  update: 'updateproportion',
  insert: 'insertproportion',
  scan: 'scanproportion',
  'read-modify-write': 'readmodifywriteproportion',
};

/** Defaults of every key replbench reads, as YCSB's CoreWorkload and Client define them (absent = no default). */
export const YCSB_DEFAULTS: Readonly<Record<string, string | undefined>> = {
  workload: undefined,
  recordcount: '0',
  operationcount: '0',
  insertstart: '0',
  insertcount: undefined, // recordcount − insertstart
  readproportion: '0.95',
  updateproportion: '0.05',
  insertproportion: '0.0',
  scanproportion: '0.0',
  readmodifywriteproportion: '0.0',
  requestdistribution: 'uniform',
  zipfianconstant: String(ZIPFIAN_CONSTANT),
  fieldcount: '10',
  fieldlength: '100',
  minfieldlength: '1',
  fieldlengthdistribution: 'constant',
  readallfields: 'true',
  writeallfields: 'false',
  minscanlength: '1',
  maxscanlength: '1000',
  scanlengthdistribution: 'uniform',
  insertorder: 'hashed',
  zeropadding: '1',
  hotspotdatafraction: '0.2',
  hotspotopnfraction: '0.8',
  'exponential.percentile': '95',
  'exponential.frac': '0.8571428571',
  threadcount: '1',
  target: '0',
  maxexecutiontime: '0',
  warmuptime: '0',
};

/** What YCSB uses as the record count when recordcount is 0 or absent (Integer.MAX_VALUE). */
export const YCSB_UNSET_RECORD_COUNT = 2147483647;

/** A YCSB workload resolved for replbench. */
export interface YcsbWorkload {
  /** Records loaded before the run (YCSB recordcount; 0 or absent means 2^31−1, as in YCSB). */
  recordCount: number;
  /** Operations to run, or null for "until stopped" (YCSB operationcount 0 or absent). */
  operationCount: number | null;
  /** First record this client targets (YCSB insertstart). */
  insertStart: number;
  /** Records this client targets (YCSB insertcount). */
  insertCount: number;
  /** Proportions as given. */
  proportions: OperationMix;
  /** Proportions normalised by their sum. */
  operations: OperationMix;
  /** The YCSB request distribution name. */
  requestDistribution: YcsbRequestDistribution;
  /** The key chooser spec (for createKeyChooser), with θ, hotspot and exponential parameters. */
  keyChooser: KeyChooserSpec;
  /** hashed (key = "user" + fnvhash64(n)) or ordered (key = "user" + n). */
  insertOrder: 'hashed' | 'ordered';
  /** Digits the key number is zero-padded to. */
  zeroPadding: number;
  /** Value sizes: fields per record and how long each is. */
  values: { fieldCount: number; fieldLength: number; minFieldLength: number; distribution: FieldLengthDistribution };
  /** Reads return every field (true) or one (false). */
  readAllFields: boolean;
  /** Updates and read-modify-writes write every field (true) or one (false). */
  writeAllFields: boolean;
  /** Scan lengths in records. */
  scan: { minScanLength: number; maxScanLength: number; distribution: ScanLengthDistribution };
  /** YCSB client threads (closed-loop clients). */
  threadCount: number;
  /** Target throughput in operations per second over all threads, or null for unthrottled. */
  target: number | null;
  /** Run time limit in seconds, or null for none. */
  maxExecutionTime: number | null;
  /** Warm-up before measuring, in seconds (replbench's `warmuptime`), or null for none (YCSB has none). */
  warmupTime: number | null;
  /** Properties given but not used by replbench, with where each was set. */
  ignored: PropertyEntry[];
}

/** A named text in Java-properties form (a workload file's name and contents). */
export interface YcsbSource {
  name: string;
  text: string;
}

const CORE_WORKLOAD_CLASSES = new Set(['site.ycsb.workloads.CoreWorkload', 'com.yahoo.ycsb.workloads.CoreWorkload']);
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[dDfF]?$/;
const INTEGER = /^[+-]?\d+$/;

/** Reads typed values out of a property set, collecting problems. */
class Reader {
  readonly problems: YcsbProblem[] = [];
  readonly used = new Set<string>();
  constructor(private readonly props: PropertySet) {}

  /** The trimmed value (or default) of `key`, marking it used. */
  raw(key: string): string | undefined {
    this.used.add(key);
    return this.props.get(key)?.value.trim() ?? YCSB_DEFAULTS[key];
  }

  fail(key: string, what: string, hint = ''): void {
    const e = this.props.get(key);
    const where = e === undefined ? 'default' : e.line > 0 ? `${e.source} line ${e.line}` : e.source;
    const got = e === undefined ? '' : `, got ${JSON.stringify(e.value)}`;
    this.problems.push({ path: key, message: `${key}: ${what}${got}${hint === '' ? '' : `; ${hint}`} (${where})` });
  }

  number(key: string, check: (v: number) => boolean, what: string): number {
    const s = this.raw(key) ?? '';
    const v = DECIMAL.test(s) ? Number(s.replace(/[dDfF]$/, '')) : NaN;
    if (!Number.isFinite(v) || !check(v)) {
      this.fail(key, what);
      return NaN;
    }
    return v;
  }

  integer(key: string, min: number, fallback?: string): number {
    const s = this.raw(key) ?? fallback ?? '';
    const v = INTEGER.test(s) ? Number(s) : NaN;
    if (!Number.isSafeInteger(v) || v < min) {
      this.fail(key, `must be an integer ≥ ${min}`);
      return NaN;
    }
    return v;
  }

  choice<T extends string>(key: string, options: readonly T[], what: string): T {
    const s = this.raw(key) ?? '';
    if ((options as readonly string[]).includes(s)) return s as T;
    this.fail(key, what, `expected one of ${options.join(', ')}`);
    return options[0]!;
  }

  boolean(key: string): boolean {
    const s = (this.raw(key) ?? '').toLowerCase();
    if (s === 'true' || s === 'false') return s === 'true';
    this.fail(key, 'must be true or false');
    return false;
  }
}

/**
 * Resolves a merged property set into a workload description with YCSB CoreWorkload defaults.
 * Throws a YcsbError listing every problem (each naming its key and where it was set).
 */
export function resolveYcsbWorkload(props: PropertySet): YcsbWorkload {
  const r = new Reader(props);

  const workload = r.raw('workload');
  if (workload !== undefined && !CORE_WORKLOAD_CLASSES.has(workload)) {
    r.fail('workload', 'only site.ycsb.workloads.CoreWorkload is supported');
  }

  const rc = r.integer('recordcount', 0);
  const recordCount = rc === 0 ? YCSB_UNSET_RECORD_COUNT : rc;
  const oc = r.integer('operationcount', 0);
  const operationCount = oc === 0 ? null : oc;
  const insertStart = r.integer('insertstart', 0);
  const insertCount = r.integer('insertcount', 1, Number.isFinite(recordCount - insertStart) ? String(recordCount - insertStart) : '1');
  if (Number.isFinite(recordCount) && Number.isFinite(insertStart) && Number.isFinite(insertCount) && insertStart + insertCount > recordCount) {
    r.fail('insertcount', `insertstart + insertcount must not exceed recordcount (${recordCount})`);
  }

  const proportions = {} as Record<OperationKind, number>;
  for (const k of OPERATION_KINDS) {
    proportions[k] = r.number(YCSB_PROPORTION_KEYS[k], (v) => v >= 0, 'a proportion must be a number ≥ 0');
  }
  const sum = OPERATION_KINDS.reduce((s, k) => s + proportions[k], 0);
  if (sum === 0) {
    r.problems.push({
      path: 'proportions',
      message: `${OPERATION_KINDS.map((k) => YCSB_PROPORTION_KEYS[k]).join(', ')} are all 0: at least one must be positive`,
    });
  }
  const operations = {} as Record<OperationKind, number>;
  for (const k of OPERATION_KINDS) operations[k] = proportions[k] / sum;

  const requestDistribution = r.choice('requestdistribution', YCSB_REQUEST_DISTRIBUTIONS, 'unknown request distribution');
  const theta = r.number('zipfianconstant', (v) => v > 0 && v !== 1, 'the zipfian constant must be a number > 0 and ≠ 1');
  const hotsetFraction = r.number('hotspotdatafraction', (v) => v >= 0 && v <= 1, 'must be a number in [0, 1]');
  const hotOpnFraction = r.number('hotspotopnfraction', (v) => v >= 0 && v <= 1, 'must be a number in [0, 1]');
  const exponentialPercentile = r.number('exponential.percentile', (v) => v > 0 && v < 100, 'must be a number in (0, 100)');
  const exponentialFrac = r.number('exponential.frac', (v) => v > 0, 'must be a number > 0');
  const expectedNewKeys = operationCount === null ? 0 : Math.trunc(operationCount * proportions.insert * 2);

  const insertOrder = r.choice('insertorder', ['hashed', 'ordered'] as const, 'unknown insert order');
  const zeroPadding = r.integer('zeropadding', 0);

  const fieldCount = r.integer('fieldcount', 1);
  const fieldLength = r.integer('fieldlength', 0);
  const minFieldLength = r.integer('minfieldlength', 0);
  const fld = r.raw('fieldlengthdistribution');
  let fieldDist: FieldLengthDistribution = 'constant';
  if (fld === 'histogram') r.fail('fieldlengthdistribution', 'histogram field lengths are not supported by replbench');
  else fieldDist = r.choice('fieldlengthdistribution', ['constant', 'uniform', 'zipfian'] as const, 'unknown field length distribution');
  if (fieldDist !== 'constant' && minFieldLength > fieldLength) {
    r.fail('minfieldlength', `must not exceed fieldlength (${fieldLength})`);
  }
  const readAllFields = r.boolean('readallfields');
  const writeAllFields = r.boolean('writeallfields');

  const minScanLength = r.integer('minscanlength', 1);
  const maxScanLength = r.integer('maxscanlength', 1);
  if (minScanLength > maxScanLength) r.fail('maxscanlength', `must be ≥ minscanlength (${minScanLength})`);
  const scanDist = r.choice('scanlengthdistribution', ['uniform', 'zipfian'] as const, 'unknown scan length distribution');

  const threadCount = r.integer('threadcount', 1);
  const target = r.number('target', (v) => v >= 0, 'must be a number ≥ 0 (operations per second; 0 = unthrottled)');
  const maxExecutionTime = r.integer('maxexecutiontime', 0);
  if (maxExecutionTime > 1e9) r.fail('maxexecutiontime', 'must be at most 1000000000 seconds');
  const warmupTime = r.number('warmuptime', (v) => v >= 0 && v <= 1e9, 'must be a number of seconds ≥ 0 (replbench\'s warm-up; 0 = none)');

  if (r.problems.length > 0) throw new YcsbError(r.problems);

  const ignored = [...props.values()].filter((e) => !r.used.has(e.key));
  return {
    recordCount,
    operationCount,
    insertStart,
    insertCount,
    proportions,
    operations,
    requestDistribution,
    keyChooser: {
      distribution: YCSB_TO_KEY_DISTRIBUTION[requestDistribution],
      recordCount,
      insertStart,
      insertCount,
      theta,
      expectedNewKeys,
      hotsetFraction,
      hotOpnFraction,
      exponentialPercentile,
      exponentialFrac,
    },
    insertOrder,
    zeroPadding,
    values: { fieldCount, fieldLength, minFieldLength, distribution: fieldDist },
    readAllFields,
    writeAllFields,
    scan: { minScanLength, maxScanLength, distribution: scanDist },
    threadCount,
    target: target === 0 ? null : target,
    maxExecutionTime: maxExecutionTime === 0 ? null : maxExecutionTime,
    warmupTime: warmupTime === 0 ? null : warmupTime,
    ignored,
  };
}

/**
 * Reads YCSB workload texts in order (later ones win) plus `-p key=value` overrides (which win
 * over all) and resolves them. Throws one YcsbError with every problem in every input.
 */
export function loadYcsbWorkload(sources: readonly YcsbSource[], overrides: readonly string[] | Readonly<Record<string, string>> = [], overridesSource = '-p'): YcsbWorkload {
  const sets: PropertySet[] = [];
  const problems: YcsbProblem[] = [];
  for (const s of sources) {
    try {
      sets.push(parseProperties(s.text, s.name));
    } catch (e) {
      if (!(e instanceof YcsbError)) throw e;
      problems.push(...e.problems);
    }
  }
  try {
    sets.push(parseOverrides(overrides, overridesSource));
  } catch (e) {
    if (!(e instanceof YcsbError)) throw e;
    problems.push(...e.problems);
  }
  if (problems.length > 0) throw new YcsbError(problems);
  return resolveYcsbWorkload(mergeProperties(...sets));
}

/** Names of the built-in YCSB presets. */
export const YCSB_PRESET_NAMES = ['ycsb-a', 'ycsb-b', 'ycsb-c', 'ycsb-d', 'ycsb-e', 'ycsb-f'] as const;

/** A built-in YCSB preset name. */
export type YcsbPresetName = (typeof YCSB_PRESET_NAMES)[number];

const CORE = 'recordcount=1000\noperationcount=1000\nworkload=site.ycsb.workloads.CoreWorkload\nreadallfields=true\n';

/** The property text of each preset: the settings of YCSB's core workloads A–F (workloads/workloada…f). */
export const YCSB_PRESETS: Readonly<Record<YcsbPresetName, string>> = {
  /** A: update heavy, 50/50 read/update, zipfian. */
  'ycsb-a': CORE + 'readproportion=0.5\nupdateproportion=0.5\nscanproportion=0\ninsertproportion=0\nrequestdistribution=zipfian\n',
  /** B: read mostly, 95/5 read/update, zipfian. */
  'ycsb-b': CORE + 'readproportion=0.95\nupdateproportion=0.05\nscanproportion=0\ninsertproportion=0\nrequestdistribution=zipfian\n',
  /** C: read only, zipfian. */
  'ycsb-c': CORE + 'readproportion=1\nupdateproportion=0\nscanproportion=0\ninsertproportion=0\nrequestdistribution=zipfian\n',
  /** D: read latest, 95/5 read/insert, latest. */
  'ycsb-d': CORE + 'readproportion=0.95\nupdateproportion=0\nscanproportion=0\ninsertproportion=0.05\nrequestdistribution=latest\n',
  /** E: short ranges, 95/5 scan/insert, zipfian, scans of 1–100 records. */
  'ycsb-e':
    CORE +
    'readproportion=0\nupdateproportion=0\nscanproportion=0.95\ninsertproportion=0.05\nrequestdistribution=zipfian\nmaxscanlength=100\nscanlengthdistribution=uniform\n',
  /** F: read-modify-write, 50/50 read/RMW, zipfian. */
  'ycsb-f':
    CORE +
    'readproportion=0.5\nupdateproportion=0\nscanproportion=0\ninsertproportion=0\nreadmodifywriteproportion=0.5\nrequestdistribution=zipfian\n',
};

/** Resolves a built-in preset, optionally with `-p` style overrides. */
export function ycsbPreset(name: YcsbPresetName, overrides: readonly string[] | Readonly<Record<string, string>> = []): YcsbWorkload {
  const text = YCSB_PRESETS[name];
  if (text === undefined) {
    throw new YcsbError([{ path: 'workload', message: `unknown YCSB preset ${JSON.stringify(name)}; expected one of ${YCSB_PRESET_NAMES.join(', ')}` }]);
  }
  return loadYcsbWorkload([{ name: `preset ${name}`, text }], overrides);
}

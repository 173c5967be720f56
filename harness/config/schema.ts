/**
 * The suite schema: what a suite file may say, validated with zod and resolved into a complete
 * readonly case configuration (every default filled in, every duration in microseconds).
 * Just over 400 lines: the schema is one object (a suite's every field, with its message), kept
 * whole so that a reader finds any field by its path.
 */
import { z } from 'zod';
import { DIST_KINDS, type DistSpec } from '../sim/distributions.js';
import { parseDuration } from './duration.js';
import { KEY_DISTRIBUTION_NAMES, type KeyDistributionName } from '../../workloads/generators/keys.js';
import { FIELD_LENGTH_DISTRIBUTIONS, type FieldLengthDistribution } from '../../workloads/generators/values.js';
import { SCAN_LENGTH_DISTRIBUTIONS, type OperationMix, type ScanLengthDistribution } from '../../workloads/generators/operations.js';
import { YCSB_PRESET_NAMES } from '../../workloads/ycsb.js';
import { PARTITION_SCHEME_NAMES } from '../../strategies/partitioning/registry.js';
import { didYouMean } from './suggest.js';
import { backendSchema, type RealBackendConfig } from './backend.js';
import { MAX_CASE_MEMORY_MB, MAX_CASE_TIMEOUT_US, MAX_CLIENTS, MAX_DURATION_US, MAX_FAULTS, MAX_INFLIGHT, MAX_NODES, MAX_PARTITIONS, MAX_RATE, MAX_REPLICATION_FACTOR, MAX_RECORDS, MAX_FIELDS, count } from './limits.js';

export { MAX_CASE_MEMORY_MB } from './limits.js';

/**
 * One line per unknown key (in the order of `keys`), each suggesting the nearest key of the object
 * that rejected it; `zodProblems` in suite.ts reports each line at its key's path.
 */
export function unknownKeysMessage(keys: readonly PropertyKey[], known: readonly string[]): string {
  return keys.map((k) => `unknown key${didYouMean(String(k), known)}`).join('\n');
}

// Plain-language messages for zod's built-in checks (the field path is printed in front).
z.config({
  customError: (iss) => {
    if (iss.code === 'unrecognized_keys') {
      const shape = (iss.inst as { _zod?: { def?: { shape?: Record<string, unknown> } } } | undefined)?._zod?.def?.shape;
      return unknownKeysMessage(iss.keys, shape ? Object.keys(shape) : []);
    }
    if (iss.code === 'too_big') return `must be ${iss.inclusive ? '<=' : '<'} ${String(iss.maximum)}${iss.origin === 'array' ? ' items' : ''}`;
    if (iss.code === 'too_small') return `must be ${iss.inclusive ? '>=' : '>'} ${String(iss.minimum)}${iss.origin === 'array' ? ' items' : ''}`;
    if (iss.code === 'invalid_type' && iss.expected === 'int') return `expected an integer, got ${JSON.stringify(iss.input)}`;
    if (iss.code === 'invalid_type') return `expected ${iss.expected}, got ${iss.input === null ? 'null' : Array.isArray(iss.input) ? 'array' : typeof iss.input}`;
    if (iss.code === 'invalid_value') return `must be one of ${iss.values.map((v) => JSON.stringify(v)).join(', ')}`;
    if (iss.code === 'not_multiple_of') return `must be a multiple of ${String(iss.divisor)}`;
    return undefined;
  },
});

const durationOf = (check: (us: number) => string | undefined) =>
  z.union([z.number(), z.string()], { error: 'expected a duration (a number of ms, or a string such as "5ms", "200us", "2s")' }).transform((v, ctx) => {
    const us = parseDuration(v);
    if (typeof us === 'string') {
      ctx.addIssue({ code: 'custom', message: us });
      return z.NEVER;
    }
    const problem = check(us);
    if (problem) {
      ctx.addIssue({ code: 'custom', message: `${problem} (got ${JSON.stringify(v)})` });
      return z.NEVER;
    }
    return us;
  });

/** A duration >= 0, in µs. */
export const duration = durationOf((us) => (us < 0 ? 'must not be negative' : undefined));
/** A duration > 0, in µs. */
export const positiveDuration = durationOf((us) => (us <= 0 ? 'must be greater than 0' : undefined));

const constantDist = z.strictObject({ dist: z.literal('constant'), value: duration });
const uniformDist = z
  .strictObject({ dist: z.literal('uniform'), min: duration, max: duration })
  .refine((d) => d.max >= d.min, { message: 'max must be >= min', path: ['max'] });
const exponentialDist = z.strictObject({ dist: z.literal('exponential'), mean: duration });
const normalDist = z.strictObject({ dist: z.literal('normal'), mean: duration, stddev: duration });
const lognormalDist = z.strictObject({ dist: z.literal('lognormal'), median: positiveDuration, sigma: z.number().min(0) });
const paretoDist = z.strictObject({ dist: z.literal('pareto'), scale: positiveDuration, shape: z.number().gt(0) });
const empiricalDist = z.strictObject({ dist: z.literal('empirical'), values: z.array(duration).min(1) });

/** A distribution: a plain duration (constant) or `{ dist: <kind>, ... }`, resolved to a DistSpec. */
export const distSchema: z.ZodType<DistSpec, unknown> = z.lazy(() =>
  z.union([
    duration.transform((value): DistSpec => ({ dist: 'constant', value })),
    z
      .looseObject({ dist: z.string({ error: `"dist" must name a distribution: ${DIST_KINDS.join(', ')}` }) })
      .superRefine((o, ctx) => {
        if (!(DIST_KINDS as readonly string[]).includes(o.dist)) {
          ctx.addIssue({ code: 'custom', path: ['dist'], message: `unknown distribution "${o.dist}" (one of ${DIST_KINDS.join(', ')})` });
        }
      })
      .pipe(
        z.discriminatedUnion('dist', [
          constantDist,
          uniformDist,
          exponentialDist,
          normalDist,
          lognormalDist,
          paretoDist,
          empiricalDist,
          z.strictObject({
            dist: z.literal('mixture'),
            components: z.array(z.looseObject({ weight: z.number().gt(0) })).min(1),
          }),
        ]),
      )
      .transform((o, ctx): DistSpec => {
        if (o.dist !== 'mixture') return o as DistSpec;
        const components: { weight: number; spec: DistSpec }[] = [];
        o.components.forEach((c, i) => {
          const { weight, ...rest } = c;
          const parsed = distSchema.safeParse(rest);
          if (!parsed.success) {
            for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', path: ['components', i, ...issue.path] as (string | number)[], message: issue.message });
          } else components.push({ weight, spec: parsed.data });
        });
        return { dist: 'mixture', components };
      }),
  ], { error: 'expected a duration or a distribution object such as { dist: exponential, mean: 1ms }' }),
);

const proportion = z.number().min(0, { message: 'a proportion must be >= 0' }).max(1, { message: 'a proportion must be <= 1 (proportions are shares of the operations; they are normalised by their sum)' });
/** A limit's message: what is allowed and that it is replbench's limit. */
const limit = (n: number, what: string) => ({ message: `at most ${count(n)} ${what} (replbench's limit; see README "Limits")` });
const rate = (what: string) => z.number().gt(0, { message: `${what} (operations per second) must be greater than 0` }).max(MAX_RATE, limit(MAX_RATE, 'operations per second'));
/** The message for a union of a name and an object: names an unknown name and lists the choices. */
const nameOrObject = (what: string, names: readonly string[], object: string) => (iss: { input?: unknown }) =>
  typeof iss.input === 'string' ? `unknown ${what} "${iss.input}" (one of ${names.join(', ')})` : `expected a ${what} name (${names.join(', ')}) or ${object}`;
const closedClients = z.strictObject({
  model: z.literal('closed'),
  count: z.number().int().min(1).max(MAX_CLIENTS, limit(MAX_CLIENTS, 'closed-loop clients')).default(16),
  thinkTime: distSchema.default({ dist: 'constant', value: 0 }),
  /** YCSB-style pacing: total operations per second over all clients; latency counts from each operation's intended start. */
  target: rate('target').optional(),
});
const openClients = z.strictObject({
  model: z.literal('open'),
  rate: rate('rate'),
  arrival: z.enum(['poisson', 'constant']).default('poisson'),
  /** Operations in flight beyond this are dropped (counted), as a client with a bounded connection pool would. */
  maxInflight: z.number().int().min(1).max(MAX_INFLIGHT, limit(MAX_INFLIGHT, 'operations in flight')).default(100_000),
});

const partitionRef = z.union([z.number().int().min(0), z.string().regex(/^p\d+$/, { message: 'a partition is a number or "p<number>"' })]);
const target = z.union([
  z.number().int().min(0),
  z.literal('random'),
  z.strictObject({ 'leader-of': partitionRef }),
  z.strictObject({ 'a-follower-of': partitionRef }),
], { error: 'expected a node id, "random", { leader-of: <partition> } or { a-follower-of: <partition> }' });
const window = { at: duration, for: positiveDuration.optional() };
const faultSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('crash'), node: target, ...window }),
  z.strictObject({ kind: z.literal('partition'), groups: z.array(z.array(z.number().int().min(0)).min(1)).min(1), clients: z.number().int().min(0).optional(), ...window }),
  z.strictObject({ kind: z.literal('slow'), node: target.optional(), link: z.tuple([target, target]).optional(), factor: z.number().gt(0), ...window }),
  z.strictObject({ kind: z.literal('loss'), probability: z.number().min(0).max(1), ...window }),
], { error: 'a fault needs kind: crash, partition, slow or loss' });

const strategyEntry = z.union([
  z.string().min(1),
  z.looseObject({ name: z.string().min(1).optional(), path: z.string().min(1).optional() }).refine((o) => (o.name === undefined) !== (o.path === undefined), {
    message: 'a strategy entry needs exactly one of "name" (a built-in) or "path" (a file)',
  }),
], { error: 'expected a strategy name or { name: ..., <params> } or { path: ./file.js, <params> }' });

/** One case's configuration as written (after matrix substitution), validated and defaulted. */
export const caseSchema = z.strictObject({
  name: z.string().min(1).default('suite'),
  description: z.string().optional(),
  seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(1),
  duration: positiveDuration.pipe(z.number().max(MAX_DURATION_US, limit(MAX_DURATION_US / 1e6, 's of virtual time (7 days)'))).default(10_000_000),
  warmup: duration.default(0),
  operations: z.number().int().min(1).optional(),
  repetitions: z.number().int().min(1).default(1),
  caseTimeout: positiveDuration.pipe(z.number().max(MAX_CASE_TIMEOUT_US, limit(MAX_CASE_TIMEOUT_US / 1e6, 's (7 days)'))).optional(),
  // Above about 4 GB, V8 cannot stop a worker at its limit and the whole process dies (measured on
  // Node 20: 3072 MB ends the worker cleanly, 4096 MB crashes the run), hence the cap.
  caseMemory: z.number().int().min(16).max(MAX_CASE_MEMORY_MB, `must be at most ${MAX_CASE_MEMORY_MB} MB (a larger worker heap limit crashes the whole run instead of failing the case)`).optional(),
  cluster: z
    .strictObject({
      nodes: z.number().int().min(1).max(MAX_NODES, limit(MAX_NODES, 'nodes')).default(3),
      partitions: z.number().int().min(1).max(MAX_PARTITIONS, limit(MAX_PARTITIONS, 'partitions')).default(1),
      replicationFactor: z.number().int().min(1).max(MAX_REPLICATION_FACTOR, limit(MAX_REPLICATION_FACTOR, 'replicas per partition')).default(3),
    })
    .prefault({}),
  partitioning: z
    .union([
      z.enum(PARTITION_SCHEME_NAMES as unknown as [string, ...string[]]),
      z.strictObject({
        scheme: z.enum(PARTITION_SCHEME_NAMES as unknown as [string, ...string[]]).default('hash-mod'),
        vnodes: z.number().int().min(1).optional(),
        mode: z.enum(['per-node', 'fixed']).optional(),
        splits: z.array(z.number()).optional(),
        placement: z.enum(['simple', 'spread-regions']).optional(),
      }),
    ], { error: nameOrObject('partitioning scheme', PARTITION_SCHEME_NAMES, '{ scheme: <name>, vnodes, mode, splits, placement }') })
    .default('hash-mod'),
  regions: z
    .strictObject({
      nodes: z.array(z.string().min(1)).min(1),
      clients: z.array(z.string().min(1)).min(1).optional(),
      latency: z.record(z.string(), z.record(z.string(), distSchema)).default({}),
    })
    .optional(),
  network: z
    .strictObject({
      nodeToNode: distSchema.default({ dist: 'constant', value: 500 }),
      clientToNode: distSchema.default({ dist: 'constant', value: 100 }),
      loss: z.number().min(0).max(0.99).default(0),
      ordering: z.enum(['fifo', 'independent']).default('fifo'),
      /** Link bandwidth in megabits per second: a message of b bytes takes b·8/bandwidth µs more (no bandwidth: sizes cost nothing). */
      bandwidth: z.number().gt(0).optional(),
    })
    .prefault({}),
  service: z
    .strictObject({
      workers: z.number().int().min(1).default(1),
      write: distSchema.default({ dist: 'constant', value: 0 }),
      read: distSchema.default({ dist: 'constant', value: 0 }),
      apply: distSchema.optional(),
      scan: distSchema.optional(),
    })
    .prefault({}),
  workload: z
    .union([
      z.enum(YCSB_PRESET_NAMES),
      z.strictObject({
        ycsb: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
        properties: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
        records: z.number().int().min(1).max(MAX_RECORDS, limit(MAX_RECORDS, 'records')).optional(),
        readProportion: proportion.optional(),
        updateProportion: proportion.optional(),
        insertProportion: proportion.optional(),
        scanProportion: proportion.optional(),
        readModifyWriteProportion: proportion.optional(),
        keys: z
          .union([
            z.enum(KEY_DISTRIBUTION_NAMES),
            z.strictObject({
              distribution: z.enum(KEY_DISTRIBUTION_NAMES),
              theta: z.number().optional(),
              hotsetFraction: z.number().min(0).max(1).optional(),
              hotOpnFraction: z.number().min(0).max(1).optional(),
              percentile: z.number().gt(0).lt(100).optional(),
              frac: z.number().gt(0).optional(),
            }),
          ], { error: nameOrObject('key distribution', KEY_DISTRIBUTION_NAMES, '{ distribution: <name>, theta, hotsetFraction, hotOpnFraction, percentile, frac }') })
          .optional(),
        values: z
          .strictObject({
            fieldCount: z.number().int().min(1).max(MAX_FIELDS, limit(MAX_FIELDS, 'fields per record')).optional(),
            fieldLength: z.number().int().min(0).optional(),
            minFieldLength: z.number().int().min(0).optional(),
            distribution: z.enum(FIELD_LENGTH_DISTRIBUTIONS).optional(),
            readAllFields: z.boolean().optional(),
            writeAllFields: z.boolean().optional(),
          })
          .optional(),
        scan: z
          .strictObject({
            minLength: z.number().int().min(1).optional(),
            maxLength: z.number().int().min(1).optional(),
            distribution: z.enum(SCAN_LENGTH_DISTRIBUTIONS).optional(),
          })
          .optional(),
        clients: z.discriminatedUnion('model', [closedClients, openClients]).optional(),
        reads: z.enum(['leader', 'follower', 'any', 'nearest', 'sticky']).optional(),
        writes: z.enum(['leader', 'any', 'nearest']).optional(),
        keyOrder: z.enum(['ordered', 'hashed']).optional(),
        timeout: positiveDuration.default(10_000_000),
      }),
    ], { error: nameOrObject('YCSB preset', YCSB_PRESET_NAMES, 'a workload mapping (records, readProportion, keys, clients, ycsb: <file>, ...)') })
    .default({ timeout: 10_000_000 }),
  strategy: strategyEntry.default('async'),
  faults: z.array(faultSchema).max(MAX_FAULTS, limit(MAX_FAULTS, 'faults per case')).default([]),
  failover: z
    .strictObject({
      enabled: z.boolean().default(true),
      heartbeat: positiveDuration.default(50_000),
      timeout: positiveDuration.default(500_000),
      policy: z.enum(['most-up-to-date', 'first', 'random']).default('most-up-to-date'),
    })
    .prefault({}),
  metrics: z
    .strictObject({
      visibility: z.array(duration).min(1).default([0, 100, 250, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000, 1_000_000]),
    })
    .prefault({}),
  matrix: z.record(z.string(), z.array(z.unknown()).min(1, { message: 'a matrix entry needs at least one value' })).optional(),
  /** `sim` (the default) or a real database (harness/config/backend.ts; resolved in suite.ts). */
  backend: backendSchema,
});

/** A validated case before strategy resolution. */
export type ParsedCase = z.infer<typeof caseSchema>;

/** Workload client model, resolved. */
export type ClientsConfig = z.infer<typeof closedClients> | z.infer<typeof openClients>;

/** Key distribution and its parameters, resolved. */
export interface KeysConfig {
  readonly distribution: KeyDistributionName;
  readonly theta?: number;
  readonly hotsetFraction?: number;
  readonly hotOpnFraction?: number;
  readonly percentile?: number;
  readonly frac?: number;
}

/** A resolved workload: every field filled in (from the suite, a YCSB file or preset, or defaults). */
export interface WorkloadConfig {
  /** Records loaded before the run (keys 0..records-1); inserts add more. */
  readonly records: number;
  /** Operation mix, normalised to sum to 1. */
  readonly mix: OperationMix;
  /** The read share (mix.read), kept for readability in results. */
  readonly readProportion: number;
  readonly keys: KeysConfig;
  readonly values: {
    readonly fieldCount: number;
    readonly fieldLength: number;
    readonly minFieldLength: number;
    readonly distribution: FieldLengthDistribution;
    readonly readAllFields: boolean;
    readonly writeAllFields: boolean;
  };
  readonly scan: { readonly minLength: number; readonly maxLength: number; readonly distribution: ScanLengthDistribution };
  readonly clients: ClientsConfig;
  readonly reads: ReadPolicy;
  /** Where writes enter: the leader, a random replica, or the nearest replica (the replica reached coordinates). */
  readonly writes: WritePolicy;
  /** How keys sort (range partitioning): by record number, or by YCSB's hashed key names (insertorder=hashed). */
  readonly keyOrder: 'ordered' | 'hashed';
  readonly timeout: number;
  /** Where the workload came from, if YCSB files or presets were read. */
  readonly ycsb?: readonly string[];
}

/** Which replica a read goes to: the leader (or the replica a strategy names for leader reads), a random follower, a random replica, the nearest replica (by region latency), or the same replica every time for a client (sticky). */
export type ReadPolicy = 'leader' | 'follower' | 'any' | 'nearest' | 'sticky';

/** Where a write enters: the leader, a random replica, or the nearest replica. */
export type WritePolicy = 'leader' | 'any' | 'nearest';

/** The partitioning scheme and only the options that apply to it. */
export interface PartitioningConfig {
  readonly scheme: string;
  readonly vnodes?: number;
  readonly mode?: 'per-node' | 'fixed';
  readonly splits?: readonly number[];
  readonly placement?: 'simple' | 'spread-regions';
}

/** Regions, resolved: a region per node, a region per client slot, and one-way extra latency per region pair. */
export interface RegionsConfig {
  /** Region of every node (index = node id). */
  readonly nodes: readonly string[];
  /** Regions clients live in; client i (or arrival i) is in clients[i % length]. */
  readonly clients: readonly string[];
  /** latency[a][b]: extra one-way latency between regions a and b (symmetric, both directions filled in). */
  readonly latency: Readonly<Record<string, Readonly<Record<string, DistSpec>>>>;
}

/** A fault target: a node id, a random node, the leader of a partition or a follower of it (resolved when the fault starts). */
export type FaultTarget = number | 'random' | { readonly 'leader-of': number } | { readonly 'a-follower-of': number };

/** A scheduled fault (times in µs of virtual time; `for` null = until the end). */
export type FaultConfig =
  | { readonly kind: 'crash'; readonly node: FaultTarget; readonly at: number; readonly for: number | null }
  | { readonly kind: 'partition'; readonly groups: readonly (readonly number[])[]; readonly clients: number | null; readonly at: number; readonly for: number | null }
  | { readonly kind: 'slow'; readonly node: FaultTarget | null; readonly link: readonly [FaultTarget, FaultTarget] | null; readonly factor: number; readonly at: number; readonly for: number | null }
  | { readonly kind: 'loss'; readonly probability: number; readonly at: number; readonly for: number | null };

/** Failure detection and leader failover. */
export interface FailoverConfig {
  readonly enabled: boolean;
  /** Interval at which the failure detector hears from reachable nodes, µs. */
  readonly heartbeat: number;
  /** A leader unheard of for this long is replaced, µs. */
  readonly timeout: number;
  /** Which follower is promoted: the most up-to-date reachable one, the first in placement order, or a random one. */
  readonly policy: 'most-up-to-date' | 'first' | 'random';
}

/** The complete, resolved configuration of one case (durations in µs). */
export interface CaseConfig {
  readonly suite: string;
  readonly seed: number;
  readonly repetition: number;
  readonly duration: number;
  readonly warmup: number;
  /** Stop issuing after this many operations (null: run for the duration). */
  readonly operations: number | null;
  /** Present (true) when `operations` counts only operations issued after the warm-up (YCSB's operationcount with a warm-up). */
  readonly operationsAfterWarmup?: true;
  readonly cluster: { readonly nodes: number; readonly partitions: number; readonly replicationFactor: number };
  readonly partitioning: PartitioningConfig;
  readonly regions: RegionsConfig | null;
  readonly network: { readonly nodeToNode: DistSpec; readonly clientToNode: DistSpec; readonly loss: number; readonly ordering: 'fifo' | 'independent'; readonly bandwidth: number | null };
  readonly service: { readonly workers: number; readonly write: DistSpec; readonly read: DistSpec; readonly apply: DistSpec; readonly scan: DistSpec };
  readonly workload: WorkloadConfig;
  readonly strategy: { readonly name: string; readonly path?: string; readonly params: Readonly<Record<string, unknown>> };
  readonly faults: readonly FaultConfig[];
  readonly failover: FailoverConfig;
  readonly metrics: { readonly visibility: readonly number[] };
  /** A real database instead of the simulator (absent: simulated). */
  readonly backend?: RealBackendConfig;
}

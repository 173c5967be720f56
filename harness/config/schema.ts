/**
 * The suite schema: what a suite file may say, validated with zod and resolved into a complete
 * readonly case configuration (every default filled in, every duration in microseconds).
 */
import { z } from 'zod';
import { DIST_KINDS, type DistSpec } from '../sim/distributions.js';
import { parseDuration } from './duration.js';
import { KEY_DISTRIBUTIONS } from '../../workloads/keys.js';
import { PARTITION_SCHEME_NAMES } from '../../strategies/partitioning/registry.js';

// Plain-language messages for zod's built-in checks (the field path is printed in front).
z.config({
  customError: (iss) => {
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

const closedClients = z.strictObject({
  model: z.literal('closed'),
  count: z.number().int().min(1).default(16),
  thinkTime: distSchema.default({ dist: 'constant', value: 0 }),
});
const openClients = z.strictObject({
  model: z.literal('open'),
  rate: z.number().gt(0, { message: 'rate (operations per second) must be greater than 0' }),
  arrival: z.enum(['poisson', 'constant']).default('poisson'),
});

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
  duration: positiveDuration.default(10_000_000),
  warmup: duration.default(0),
  operations: z.number().int().min(1).optional(),
  repetitions: z.number().int().min(1).default(1),
  caseTimeout: positiveDuration.optional(),
  caseMemory: z.number().int().min(16).optional(),
  cluster: z
    .strictObject({
      nodes: z.number().int().min(1).default(3),
      partitions: z.number().int().min(1).default(1),
      replicationFactor: z.number().int().min(1).default(3),
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
    ])
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
    })
    .prefault({}),
  service: z
    .strictObject({
      workers: z.number().int().min(1).default(1),
      write: distSchema.default({ dist: 'constant', value: 0 }),
      read: distSchema.default({ dist: 'constant', value: 0 }),
      apply: distSchema.optional(),
    })
    .prefault({}),
  workload: z
    .strictObject({
      records: z.number().int().min(1).default(1000),
      readProportion: z.number().min(0).max(1).default(0.5),
      keys: z.enum(KEY_DISTRIBUTIONS).default('uniform'),
      clients: z.discriminatedUnion('model', [closedClients, openClients]).prefault({ model: 'closed' }),
      reads: z.enum(['leader', 'follower', 'any', 'nearest']).default('leader'),
      timeout: positiveDuration.default(10_000_000),
    })
    .prefault({}),
  strategy: strategyEntry.default('async'),
  metrics: z
    .strictObject({
      visibility: z.array(duration).min(1).default([0, 100, 250, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000, 1_000_000]),
    })
    .prefault({}),
  matrix: z.record(z.string(), z.array(z.unknown()).min(1, { message: 'a matrix entry needs at least one value' })).optional(),
});

/** A validated case before strategy resolution. */
export type ParsedCase = z.infer<typeof caseSchema>;

/** Workload client model, resolved. */
export type ClientsConfig = ParsedCase['workload']['clients'];

/** Which replica a read goes to: the leader, a random follower, a random replica, or the nearest replica (by region latency). */
export type ReadPolicy = 'leader' | 'follower' | 'any' | 'nearest';

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

/** The complete, resolved configuration of one case (durations in µs). */
export interface CaseConfig {
  readonly suite: string;
  readonly seed: number;
  readonly repetition: number;
  readonly duration: number;
  readonly warmup: number;
  readonly operations: number | null;
  readonly cluster: { readonly nodes: number; readonly partitions: number; readonly replicationFactor: number };
  readonly partitioning: PartitioningConfig;
  readonly regions: RegionsConfig | null;
  readonly network: { readonly nodeToNode: DistSpec; readonly clientToNode: DistSpec; readonly loss: number };
  readonly service: { readonly workers: number; readonly write: DistSpec; readonly read: DistSpec; readonly apply: DistSpec };
  readonly workload: {
    readonly records: number;
    readonly readProportion: number;
    readonly keys: ParsedCase['workload']['keys'];
    readonly clients: ClientsConfig;
    readonly reads: ReadPolicy;
    readonly timeout: number;
  };
  readonly strategy: { readonly name: string; readonly path?: string; readonly params: Readonly<Record<string, unknown>> };
  readonly metrics: { readonly visibility: readonly number[] };
}

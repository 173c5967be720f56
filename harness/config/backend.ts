/**
 * The suite's `backend` field: `sim` (the simulator, the default) or a real database that runs the
 * same workload (PostgreSQL, Redis, MariaDB). Each real backend contributes one zod schema here,
 * keyed by its `kind`; its runtime lives in harness/real/<kind>/. Resolved real backends become
 * `CaseConfig.backend`; simulated cases carry no backend field (so their case ids are unchanged).
 */
import { z } from 'zod';
import { CALIBRATION_FITS } from '../real/calibrate/fit.js';

/** Most standbys replbench starts for one PostgreSQL primary. */
export const MAX_STANDBYS = 8;

/** PostgreSQL's synchronous_commit levels. */
export const SYNCHRONOUS_COMMIT = ['on', 'remote_apply', 'remote_write', 'local', 'off'] as const;

/** PostgreSQL replication modes: synchronous_standby_names '' / FIRST k (...) / ANY k (...). */
export const POSTGRES_MODES = ['async', 'sync', 'quorum'] as const;

/** Redis replication modes: async, or WAIT k timeout after each write. */
export const REDIS_MODES = ['async', 'wait'] as const;

/** MariaDB replication modes: async binlog replication, or semi-synchronous. */
export const MARIADB_MODES = ['async', 'semisync'] as const;

/** MariaDB's rpl_semi_sync_master_wait_point values. */
export const MARIADB_WAIT_POINTS = ['AFTER_SYNC', 'AFTER_COMMIT'] as const;

/** MariaDB's slave_parallel_mode values (with applyThreads > 0). */
export const MARIADB_PARALLEL_MODES = ['conservative', 'optimistic', 'aggressive', 'minimal'] as const;

/** How replbench fits the simulator's distributions to what it measured. */
export { CALIBRATION_FITS } from '../real/calibrate/fit.js';

const duration = z.union([z.number(), z.string()]);

/** `calibrate: true` or its options: measure service times and links, run the calibrated simulation beside the case. */
const calibrateSchema = z.union([
  z.boolean(),
  z.strictObject({
    /** Single-client operations measured per kind (after 20 discarded). */
    samples: z.number().int().min(50).max(100_000).default(400),
    fit: z.enum(CALIBRATION_FITS).default('lognormal'),
  }),
]);

/** Fields every real backend has. */
const common = {
  /** Connections per node (client concurrency beyond this waits for a connection: saturation). */
  pool: z.number().int().min(1).max(90, { message: 'at most 90 connections per node' }).default(32),
  /** Put network.clientToNode on client connections too (a relay per node); replication links always get network.nodeToNode. */
  relayClients: z.boolean().default(true),
  /** Interval of the write-then-poll lag probe and of the database's own replication view. */
  lagProbe: duration.optional(),
  /** Measure single-client service times and link round trips, and run the calibrated simulation beside the case. */
  calibrate: calibrateSchema.optional(),
};

const redisSchema = z.strictObject({
  kind: z.literal('redis'),
  /** Replicas replbench starts beside the master (default: cluster.nodes − 1). */
  replicas: z.number().int().min(0).max(MAX_STANDBYS, { message: `at most ${MAX_STANDBYS} replicas (replbench's limit)` }).optional(),
  mode: z.enum(REDIS_MODES).default('async'),
  /** k of WAIT k timeout (default: every replica). */
  acks: z.number().int().min(1).optional(),
  /** WAIT's timeout (0: wait for ever; the client timeout still ends the operation). */
  waitTimeout: duration.optional(),
  ...common,
});

const mariadbSchema = z.strictObject({
  kind: z.literal('mariadb'),
  /** Replicas replbench starts beside the primary (default: cluster.nodes − 1). */
  replicas: z.number().int().min(0).max(MAX_STANDBYS, { message: `at most ${MAX_STANDBYS} replicas (replbench's limit)` }).optional(),
  mode: z.enum(MARIADB_MODES).default('async'),
  /** rpl_semi_sync_master_wait_point (semisync). */
  waitPoint: z.enum(MARIADB_WAIT_POINTS).default('AFTER_COMMIT'),
  /** rpl_semi_sync_master_timeout: after it the primary falls back to async until a replica catches up. */
  semisyncTimeout: duration.optional(),
  /** slave_parallel_threads on each replica (0: serial apply). */
  applyThreads: z.number().int().min(0).max(64).default(0),
  /** slave_parallel_mode (with applyThreads > 0). */
  parallelMode: z.enum(MARIADB_PARALLEL_MODES).default('optimistic'),
  /** sync_binlog = 1 (fsync the binary log at each commit; MariaDB's default is 0). */
  syncBinlog: z.boolean().default(false),
  ...common,
});

const postgresConnection = z.strictObject({
  /** A connection string of the primary, e.g. postgres://user@127.0.0.1:5432/db. */
  primary: z.string().min(1),
  /** Connection strings of the standbys (follower reads go to them). */
  standbys: z.array(z.string().min(1)).max(MAX_STANDBYS).default([]),
});

const postgresSchema = z.strictObject({
  kind: z.literal('postgres'),
  /** Standbys replbench starts beside the primary (default: cluster.nodes − 1). */
  standbys: z.number().int().min(0).max(MAX_STANDBYS, { message: `at most ${MAX_STANDBYS} standbys (replbench's limit)` }).optional(),
  mode: z.enum(POSTGRES_MODES).default('async'),
  /** k of FIRST k (sync) or ANY k (quorum): standbys that must confirm a commit. */
  acks: z.number().int().min(1).optional(),
  synchronousCommit: z.enum(SYNCHRONOUS_COMMIT).default('on'),
  ...common,
  /** An existing cluster instead of one replbench starts (mode, acks and faults are then the cluster's own business). */
  connection: postgresConnection.optional(),
});

/** Every real backend's schema (a new backend adds one entry). */
const realSchemas = [postgresSchema, redisSchema, mariadbSchema] as const;

/** Names of the real backends. */
export const REAL_BACKEND_KINDS = realSchemas.map((s) => s.shape.kind.value);

/** The `backend` field as written: `sim`, a backend's name (its defaults), or an object with `kind`. */
export const backendSchema = z
  .union([z.literal('sim'), z.strictObject({ kind: z.literal('sim') }), z.enum(REAL_BACKEND_KINDS as unknown as [string, ...string[]]).transform((kind) => ({ kind })), z.looseObject({ kind: z.string() })], {
    error: `expected "sim", a backend name (${REAL_BACKEND_KINDS.join(', ')}) or an object { kind: <name>, ... }`,
  })
  .default('sim');

/** Calibration options, resolved. */
export interface CalibrateConfig {
  readonly samples: number;
  readonly fit: (typeof CALIBRATION_FITS)[number];
}

/** A PostgreSQL backend, resolved. */
export interface PostgresBackendConfig {
  readonly kind: 'postgres';
  readonly standbys: number;
  readonly mode: (typeof POSTGRES_MODES)[number];
  /** k of FIRST k / ANY k (0 for async). */
  readonly acks: number;
  readonly synchronousCommit: (typeof SYNCHRONOUS_COMMIT)[number];
  readonly pool: number;
  readonly relayClients: boolean;
  /** µs between lag probes. */
  readonly lagProbe: number;
  readonly connection: { readonly primary: string; readonly standbys: readonly string[] } | null;
  /** Present when the case runs its calibrated simulation beside it. */
  readonly calibrate?: CalibrateConfig;
}

/** A Redis backend, resolved. */
export interface RedisBackendConfig {
  readonly kind: 'redis';
  readonly replicas: number;
  readonly mode: (typeof REDIS_MODES)[number];
  /** k of WAIT k (0 for async). */
  readonly acks: number;
  /** WAIT's timeout in µs (0: for ever; async: 0). */
  readonly waitTimeout: number;
  readonly pool: number;
  readonly relayClients: boolean;
  readonly lagProbe: number;
  readonly calibrate?: CalibrateConfig;
}

/** A MariaDB backend, resolved. */
export interface MariadbBackendConfig {
  readonly kind: 'mariadb';
  readonly replicas: number;
  readonly mode: (typeof MARIADB_MODES)[number];
  readonly waitPoint: (typeof MARIADB_WAIT_POINTS)[number];
  /** rpl_semi_sync_master_timeout in µs (a whole number of ms). */
  readonly semisyncTimeout: number;
  readonly applyThreads: number;
  readonly parallelMode: (typeof MARIADB_PARALLEL_MODES)[number];
  readonly syncBinlog: boolean;
  readonly pool: number;
  readonly relayClients: boolean;
  readonly lagProbe: number;
  readonly calibrate?: CalibrateConfig;
}

/** A real backend, resolved (the `backend` of a CaseConfig; absent for simulated cases). */
export type RealBackendConfig = PostgresBackendConfig | RedisBackendConfig | MariadbBackendConfig;

/** Replicas (standbys) of a real backend. */
export function replicasOf(b: RealBackendConfig): number {
  return b.kind === 'postgres' ? b.standbys : b.replicas;
}

/** One problem, at a path relative to the suite's root. */
export interface BackendProblem {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

type Parse = (v: number | string) => number | string;
type Shape = { readonly nodes: number; readonly partitions: number; readonly replicationFactor: number };

/** Pushes zod issues of a backend as problems under `backend`. */
function pushIssues(kind: string, keys: readonly string[], issues: readonly z.core.$ZodIssue[], problems: BackendProblem[]): void {
  for (const issue of issues) {
    const extra = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
    for (const k of extra) problems.push({ path: ['backend', ...(issue.path as (string | number)[]), ...(k !== undefined ? [k] : [])], message: issue.code === 'unrecognized_keys' ? `unknown key (keys of a ${kind} backend: ${keys.join(', ')})` : issue.message });
  }
}

/** A duration field in µs, at least `min` µs; pushes a problem and returns null when it is not. */
function durationField(v: number | string | undefined, fallback: number, min: number, minText: string, at: string, parse: Parse, problems: BackendProblem[]): number {
  if (v === undefined) return fallback;
  const us = parse(v);
  if (typeof us === 'string') problems.push({ path: ['backend', at], message: us });
  else if (us < min) problems.push({ path: ['backend', at], message: minText });
  else return us;
  return fallback;
}

/** Checks shared by every real backend: one partition replicated on every node; the replica count matches cluster.nodes. */
function clusterProblems(name: string, replicas: number | undefined, word: string, cluster: Shape, problems: BackendProblem[]): number {
  const n = replicas ?? cluster.nodes - 1;
  if (replicas !== undefined && replicas !== cluster.nodes - 1) {
    problems.push({ path: ['backend', word], message: `${replicas} ${word} but cluster.nodes is ${cluster.nodes}: a ${name} cluster is one primary and cluster.nodes − 1 ${word} (set cluster.nodes to ${replicas + 1}, or leave ${word} out)` });
  }
  if (cluster.partitions !== 1) problems.push({ path: ['cluster', 'partitions'], message: `a ${name} cluster is one partition (set cluster.partitions to 1)` });
  if (cluster.replicationFactor !== cluster.nodes) problems.push({ path: ['cluster', 'replicationFactor'], message: `every ${name} node holds all data: cluster.replicationFactor must equal cluster.nodes (${cluster.nodes})` });
  return n;
}

/** The calibration options, resolved (undefined: not asked for). */
function calibrateOf(v: z.infer<typeof calibrateSchema> | undefined): CalibrateConfig | undefined {
  if (v === undefined || v === false) return undefined;
  if (v === true) return { samples: 400, fit: 'lognormal' };
  return { samples: v.samples, fit: v.fit };
}

/**
 * Resolves a parsed `backend` value against the case's cluster; null for `sim`. Problems are
 * pushed with paths rooted at the case (`backend.acks`, `cluster.nodes`).
 */
export function resolveBackend(raw: unknown, cluster: Shape, parseDuration: Parse, problems: BackendProblem[]): RealBackendConfig | null {
  if (raw === 'sim' || (typeof raw === 'object' && raw !== null && (raw as { kind?: unknown }).kind === 'sim')) return null;
  const kind = (raw as { kind: string }).kind;
  const before = problems.length;
  let out: RealBackendConfig | null = null;
  if (kind === 'postgres') {
    const parsed = postgresSchema.safeParse(raw);
    if (!parsed.success) pushIssues(kind, Object.keys(postgresSchema.shape), parsed.error.issues, problems);
    else out = resolvePostgres(parsed.data, cluster, parseDuration, problems);
  } else if (kind === 'redis') {
    const parsed = redisSchema.safeParse(raw);
    if (!parsed.success) pushIssues(kind, Object.keys(redisSchema.shape), parsed.error.issues, problems);
    else out = resolveRedis(parsed.data, cluster, parseDuration, problems);
  } else if (kind === 'mariadb') {
    const parsed = mariadbSchema.safeParse(raw);
    if (!parsed.success) pushIssues(kind, Object.keys(mariadbSchema.shape), parsed.error.issues, problems);
    else out = resolveMariadb(parsed.data, cluster, parseDuration, problems);
  } else {
    problems.push({ path: ['backend', 'kind'], message: `unknown backend "${kind}" (one of sim, ${REAL_BACKEND_KINDS.join(', ')})` });
  }
  return problems.length > before ? null : out;
}

function lagProbeOf(v: number | string | undefined, parse: Parse, problems: BackendProblem[]): number {
  return durationField(v, 50_000, 1000, 'must be at least 1ms', 'lagProbe', parse, problems);
}

function resolveRedis(b: z.infer<typeof redisSchema>, cluster: Shape, parse: Parse, problems: BackendProblem[]): RedisBackendConfig {
  const replicas = clusterProblems('Redis', b.replicas, 'replicas', cluster, problems);
  let acks = 0;
  let waitTimeout = 0;
  if (b.mode === 'wait') {
    acks = b.acks ?? replicas;
    if (replicas === 0) problems.push({ path: ['backend', 'mode'], message: 'mode wait needs at least one replica' });
    else if (acks > replicas) problems.push({ path: ['backend', 'acks'], message: `${acks} acks but only ${replicas} replica${replicas === 1 ? '' : 's'}` });
    waitTimeout = durationField(b.waitTimeout, 1_000_000, 0, '', 'waitTimeout', parse, problems);
    if (waitTimeout % 1000 !== 0) problems.push({ path: ['backend', 'waitTimeout'], message: 'WAIT takes whole milliseconds' });
  } else {
    if (b.acks !== undefined) problems.push({ path: ['backend', 'acks'], message: 'acks applies to mode wait (WAIT k timeout), not async' });
    if (b.waitTimeout !== undefined) problems.push({ path: ['backend', 'waitTimeout'], message: 'waitTimeout applies to mode wait, not async' });
  }
  const calibrate = calibrateOf(b.calibrate);
  return { kind: 'redis', replicas, mode: b.mode, acks, waitTimeout, pool: b.pool, relayClients: b.relayClients, lagProbe: lagProbeOf(b.lagProbe, parse, problems), ...(calibrate ? { calibrate } : {}) };
}

function resolveMariadb(b: z.infer<typeof mariadbSchema>, cluster: Shape, parse: Parse, problems: BackendProblem[]): MariadbBackendConfig {
  const replicas = clusterProblems('MariaDB', b.replicas, 'replicas', cluster, problems);
  if (b.mode === 'semisync' && replicas === 0) problems.push({ path: ['backend', 'mode'], message: 'mode semisync needs at least one replica' });
  const semisyncTimeout = durationField(b.semisyncTimeout, 10_000_000, 1000, 'must be at least 1ms', 'semisyncTimeout', parse, problems);
  if (semisyncTimeout % 1000 !== 0) problems.push({ path: ['backend', 'semisyncTimeout'], message: 'rpl_semi_sync_master_timeout takes whole milliseconds' });
  if (b.mode === 'async' && b.semisyncTimeout !== undefined) problems.push({ path: ['backend', 'semisyncTimeout'], message: 'semisyncTimeout applies to mode semisync, not async' });
  const calibrate = calibrateOf(b.calibrate);
  return {
    kind: 'mariadb',
    replicas,
    mode: b.mode,
    waitPoint: b.waitPoint,
    semisyncTimeout,
    applyThreads: b.applyThreads,
    parallelMode: b.parallelMode,
    syncBinlog: b.syncBinlog,
    pool: b.pool,
    relayClients: b.relayClients,
    lagProbe: lagProbeOf(b.lagProbe, parse, problems),
    ...(calibrate ? { calibrate } : {}),
  };
}

function resolvePostgres(b: z.infer<typeof postgresSchema>, cluster: Shape, parse: Parse, problems: BackendProblem[]): PostgresBackendConfig {
  const standbys = b.connection ? b.connection.standbys.length : (b.standbys ?? cluster.nodes - 1);
  if (b.connection && standbys !== cluster.nodes - 1) {
    problems.push({ path: ['cluster', 'nodes'], message: `the connection names a primary and ${standbys} standby${standbys === 1 ? '' : 's'}: set cluster.nodes to ${standbys + 1} (and replicationFactor to match)` });
  }
  if (b.connection && b.standbys !== undefined) problems.push({ path: ['backend', 'standbys'], message: 'with backend.connection the standbys are those listed in connection.standbys' });
  if (!b.connection) clusterProblems('PostgreSQL', b.standbys, 'standbys', cluster, problems);
  else clusterProblems('PostgreSQL', undefined, 'standbys', cluster, problems);
  if (b.connection) {
    // Results record the resolved configuration: a password in it would end up in results.json and the report.
    const urls = [['primary', b.connection.primary], ...b.connection.standbys.map((u, i) => [`standbys[${i}]`, u])] as [string, string][];
    for (const [at, u] of urls) {
      if (hasPassword(u)) problems.push({ path: ['backend', 'connection', ...at.replace(/\[(\d+)\]/, '.$1').split('.').map((x) => (/^\d+$/.test(x) ? Number(x) : x))], message: 'a password would be written into the results: leave it out and set PGPASSWORD or a ~/.pgpass file' });
    }
  }
  if (b.connection && (b.mode !== 'async' || b.acks !== undefined)) {
    problems.push({ path: ['backend', 'mode'], message: 'with backend.connection replbench does not configure the cluster: leave mode and acks out (set synchronous_standby_names on the cluster itself)' });
  }
  let acks = 0;
  if (b.mode !== 'async') {
    acks = b.acks ?? (b.mode === 'sync' ? standbys : 1);
    if (standbys === 0) problems.push({ path: ['backend', 'mode'], message: `mode ${b.mode} needs at least one standby` });
    else if (acks > standbys) problems.push({ path: ['backend', 'acks'], message: `${acks} acks but only ${standbys} standby${standbys === 1 ? '' : 's'}` });
  } else if (b.acks !== undefined) {
    problems.push({ path: ['backend', 'acks'], message: 'acks applies to mode sync (FIRST k) or quorum (ANY k), not async' });
  }
  const calibrate = calibrateOf(b.calibrate);
  if (calibrate && b.connection) problems.push({ path: ['backend', 'calibrate'], message: 'calibration needs a cluster replbench starts (not backend.connection)' });
  return {
    kind: 'postgres',
    standbys,
    mode: b.mode,
    acks,
    synchronousCommit: b.synchronousCommit,
    pool: b.pool,
    relayClients: b.relayClients,
    lagProbe: lagProbeOf(b.lagProbe, parse, problems),
    connection: b.connection ? { primary: b.connection.primary, standbys: b.connection.standbys } : null,
    ...(calibrate ? { calibrate } : {}),
  };
}

/** Whether a connection string (URL or key=value form) carries a password. */
function hasPassword(conn: string): boolean {
  if (/^postgres(ql)?:\/\//i.test(conn)) {
    try {
      const u = new URL(conn);
      return u.password !== '' || u.searchParams.has('password');
    } catch {
      return /:[^@/]*@/.test(conn.replace(/^postgres(ql)?:\/\//i, ''));
    }
  }
  return /(^|\s)password\s*=/i.test(conn);
}

/** A short label of a real backend for case names: `postgres(quorum ANY 1, remote_apply)`, `redis(WAIT 2 1000ms)`, `mariadb(semisync AFTER_SYNC, 4 threads)`. */
export function backendLabel(b: RealBackendConfig): string {
  const cal = b.calibrate ? ', calibrated' : '';
  if (b.kind === 'redis') return `redis(${b.mode === 'async' ? 'async' : `WAIT ${b.acks} ${b.waitTimeout / 1000}ms`}${cal})`;
  if (b.kind === 'mariadb') {
    const how = b.mode === 'async' ? 'async' : `semisync ${b.waitPoint} ${b.semisyncTimeout / 1000}ms`;
    return `mariadb(${how}, ${b.applyThreads ? `${b.applyThreads} ${b.parallelMode} apply threads` : 'serial apply'}${b.syncBinlog ? ', sync_binlog' : ''}${cal})`;
  }
  const how = b.mode === 'async' ? 'async' : `${b.mode} ${b.mode === 'sync' ? 'FIRST' : 'ANY'} ${b.acks}`;
  return `postgres(${b.connection ? 'existing cluster' : how}, ${b.synchronousCommit}${cal})`;
}

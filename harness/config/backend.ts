/**
 * The suite's `backend` field: `sim` (the simulator, the default) or a real database that runs the
 * same workload. Each real backend contributes one zod schema here, keyed by its `kind`; its
 * runtime lives in harness/real/<kind>/. Resolved real backends become `CaseConfig.backend`;
 * simulated cases carry no backend field (so their case ids are unchanged).
 */
import { z } from 'zod';

/** Most standbys replbench starts for one PostgreSQL primary. */
export const MAX_STANDBYS = 8;

/** PostgreSQL's synchronous_commit levels. */
export const SYNCHRONOUS_COMMIT = ['on', 'remote_apply', 'remote_write', 'local', 'off'] as const;

/** PostgreSQL replication modes: synchronous_standby_names '' / FIRST k (...) / ANY k (...). */
export const POSTGRES_MODES = ['async', 'sync', 'quorum'] as const;

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
  /** Connections per node (client concurrency beyond this waits for a connection: saturation). */
  pool: z.number().int().min(1).max(90, { message: 'at most 90 connections per node (max_connections is 100)' }).default(32),
  /** Put network.clientToNode on client connections too (a relay per node); replication links always get network.nodeToNode. */
  relayClients: z.boolean().default(true),
  /** Interval of the write-then-poll lag probe and of pg_stat_replication samples. */
  lagProbe: z.union([z.number(), z.string()]).optional(),
  /** An existing cluster instead of one replbench starts (mode, acks and faults are then the cluster's own business). */
  connection: postgresConnection.optional(),
});

/** Every real backend's schema (a new backend adds one entry). */
const realSchemas = [postgresSchema] as const;

/** Names of the real backends. */
export const REAL_BACKEND_KINDS = realSchemas.map((s) => s.shape.kind.value);

/** The `backend` field as written: `sim`, a backend's name (its defaults), or an object with `kind`. */
export const backendSchema = z
  .union([z.literal('sim'), z.strictObject({ kind: z.literal('sim') }), z.enum(REAL_BACKEND_KINDS as unknown as [string, ...string[]]).transform((kind) => ({ kind })), z.looseObject({ kind: z.string() })], {
    error: `expected "sim", a backend name (${REAL_BACKEND_KINDS.join(', ')}) or an object { kind: <name>, ... }`,
  })
  .default('sim');

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
}

/** A real backend, resolved (the `backend` of a CaseConfig; absent for simulated cases). */
export type RealBackendConfig = PostgresBackendConfig;

/** One problem, at a path relative to the suite's root. */
export interface BackendProblem {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/**
 * Resolves a parsed `backend` value against the case's cluster; null for `sim`. Problems are
 * pushed with paths rooted at the case (`backend.acks`, `cluster.nodes`).
 */
export function resolveBackend(
  raw: unknown,
  cluster: { readonly nodes: number; readonly partitions: number; readonly replicationFactor: number },
  parseDuration: (v: number | string) => number | string,
  problems: BackendProblem[],
): RealBackendConfig | null {
  if (raw === 'sim' || (typeof raw === 'object' && raw !== null && (raw as { kind?: unknown }).kind === 'sim')) return null;
  const kind = (raw as { kind: string }).kind;
  if (kind !== 'postgres') {
    problems.push({ path: ['backend', 'kind'], message: `unknown backend "${kind}" (one of sim, ${REAL_BACKEND_KINDS.join(', ')})` });
    return null;
  }
  const parsed = postgresSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const extra = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
      for (const k of extra) problems.push({ path: ['backend', ...(issue.path as (string | number)[]), ...(k !== undefined ? [k] : [])], message: issue.code === 'unrecognized_keys' ? `unknown key (keys of a postgres backend: ${Object.keys(postgresSchema.shape).join(', ')})` : issue.message });
    }
    return null;
  }
  const b = parsed.data;
  const before = problems.length;
  const standbys = b.connection ? b.connection.standbys.length : (b.standbys ?? cluster.nodes - 1);
  if (b.connection && standbys !== cluster.nodes - 1) {
    problems.push({ path: ['cluster', 'nodes'], message: `the connection names a primary and ${standbys} standby${standbys === 1 ? '' : 's'}: set cluster.nodes to ${standbys + 1} (and replicationFactor to match)` });
  }
  if (b.connection && b.standbys !== undefined) problems.push({ path: ['backend', 'standbys'], message: 'with backend.connection the standbys are those listed in connection.standbys' });
  if (!b.connection && b.standbys !== undefined && b.standbys !== cluster.nodes - 1) {
    problems.push({ path: ['backend', 'standbys'], message: `${b.standbys} standbys but cluster.nodes is ${cluster.nodes}: a PostgreSQL cluster is one primary and cluster.nodes − 1 standbys (set cluster.nodes to ${b.standbys + 1}, or leave standbys out)` });
  }
  if (cluster.partitions !== 1) problems.push({ path: ['cluster', 'partitions'], message: 'a PostgreSQL cluster is one partition (set cluster.partitions to 1)' });
  if (cluster.replicationFactor !== cluster.nodes) problems.push({ path: ['cluster', 'replicationFactor'], message: `every PostgreSQL node holds all data: cluster.replicationFactor must equal cluster.nodes (${cluster.nodes})` });
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
  let lagProbe = 50_000;
  if (b.lagProbe !== undefined) {
    const us = parseDuration(b.lagProbe);
    if (typeof us === 'string') problems.push({ path: ['backend', 'lagProbe'], message: us });
    else if (us < 1000) problems.push({ path: ['backend', 'lagProbe'], message: 'must be at least 1ms' });
    else lagProbe = us;
  }
  if (problems.length > before) return null;
  return {
    kind: 'postgres',
    standbys,
    mode: b.mode,
    acks,
    synchronousCommit: b.synchronousCommit,
    pool: b.pool,
    relayClients: b.relayClients,
    lagProbe,
    connection: b.connection ? { primary: b.connection.primary, standbys: b.connection.standbys } : null,
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

/** A short label of a real backend for case names: `postgres(quorum ANY 1, remote_apply)`. */
export function backendLabel(b: RealBackendConfig): string {
  const how = b.mode === 'async' ? 'async' : `${b.mode} ${b.mode === 'sync' ? 'FIRST' : 'ANY'} ${b.acks}`;
  return `postgres(${b.connection ? 'existing cluster' : how}, ${b.synchronousCommit})`;
}

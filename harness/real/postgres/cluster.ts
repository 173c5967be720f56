/**
 * A PostgreSQL primary and N streaming standbys on 127.0.0.1, started from one initdb template per
 * run: the template is initialised once, started once to create the schema and one physical
 * replication slot per possible standby, and stopped cleanly. Each case copies it cold: the
 * primary's copy keeps the slots; each standby's copy loses them and gains standby.signal,
 * primary_conninfo (through a delaying relay) and primary_slot_name, which makes a standby without
 * pg_basebackup. synchronous_standby_names: '' (async), FIRST k (sync), ANY k (quorum).
 * Longer than most modules: one backend's cluster is one class (template, start-up, load, probes,
 * views, faults, shutdown), as for Redis and MariaDB.
 */
import { execFile } from 'node:child_process';
import { appendFileSync, existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import type { PostgresBackendConfig } from '../../config/backend.js';
import type { CaseConfig } from '../../config/schema.js';
import type { ClusterReport, LagSink, RealCluster, RealSession, SessionPath, ViewSample } from '../backend.js';
import { untraversable, type RunFolder, type Server } from '../processes.js';
import { RelayHost, needsNoRelay } from '../relay-host.js';
import { freePort, logTail } from '../ports.js';
import { findBinaries, serverEnv, type PgBinaries } from './binaries.js';
import { PgSession, SCHEMA_SQL, connectPg, type PgTarget } from './session.js';
import { MAX_STANDBYS } from '../../config/backend.js';

export { freePort } from '../ports.js';

const exec = promisify(execFile);

/** Settings every node gets (postgresql.conf of the template). */
const SERVER_CONF = [
  "listen_addresses = '127.0.0.1'",
  "unix_socket_directories = ''",
  'wal_level = replica',
  'max_wal_senders = 20',
  'max_replication_slots = 20',
  'max_connections = 200',
  'hot_standby = on',
  'wal_retrieve_retry_interval = 100ms',
  'wal_receiver_status_interval = 1s',
  'shared_buffers = 64MB',
  'log_min_messages = warning',
  "log_line_prefix = '%m [%p] '",
];

/** The per-run template: initialised, schema and slots created, stopped cleanly. Built once per run folder. */
interface Template {
  readonly dir: string;
  readonly ms: number;
}
const templates = new WeakMap<RunFolder, Promise<Template>>();

async function waitReady(target: PgTarget, server: Server, log: string, timeoutMs = 30_000): Promise<void> {
  const until = performance.now() + timeoutMs;
  for (;;) {
    if (server.stopped) throw new Error(`PostgreSQL (${server.name}) exited while starting:\n${logTail(log)}`);
    try {
      const c = await connectPg(target, 1000);
      await c.end();
      return;
    } catch (err) {
      if (performance.now() > until) throw new Error(`PostgreSQL (${server.name}) did not accept connections within ${timeoutMs / 1000} s: ${(err as Error).message}\n${logTail(log)}`);
      await new Promise((r) => setTimeout(r, 15));
    }
  }
}

async function buildTemplate(bin: PgBinaries, folder: RunFolder): Promise<Template> {
  const t0 = performance.now();
  const env = serverEnv(bin, folder);
  const dir = folder.mkdir('template');
  const log = path.join(folder.dir, 'template.log');
  const init = folder.spawn('initdb', bin.initdb, ['-D', dir, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C', '--no-instructions'], { env, logFile: log });
  const code = await init.exited;
  if (code !== 0) throw new Error(`initdb failed (${code}):\n${logTail(log)}`);
  appendFileSync(path.join(dir, 'postgresql.conf'), `\n# replbench\n${SERVER_CONF.join('\n')}\n`);
  const port = await freePort();
  const server = folder.spawn('template', bin.postgres, ['-D', dir, '-p', String(port)], { env, logFile: log });
  try {
    await waitReady({ host: '127.0.0.1', port }, server, log);
    const s = await PgSession.open(0, { host: '127.0.0.1', port });
    for (const q of SCHEMA_SQL) await s.sql(q);
    for (let i = 1; i <= MAX_STANDBYS; i++) await s.sql('SELECT pg_create_physical_replication_slot($1, true)', [`r${i}`]);
    await s.close();
  } finally {
    await server.stop('SIGINT');
  }
  return { dir, ms: performance.now() - t0 };
}

/** The run's template (built on first use). */
function template(bin: PgBinaries, folder: RunFolder): Promise<Template> {
  let t = templates.get(folder);
  if (!t) {
    t = buildTemplate(bin, folder);
    templates.set(folder, t);
  }
  return t;
}

/** The synchronous_standby_names value of a backend. */
export function standbyNames(b: PostgresBackendConfig): string {
  if (b.mode === 'async') return '';
  const names = Array.from({ length: b.standbys }, (_, i) => `s${i + 1}`).join(', ');
  return `${b.mode === 'sync' ? 'FIRST' : 'ANY'} ${b.acks} (${names})`;
}

interface Node {
  readonly index: number;
  /** Data folder, log and server arguments (managed clusters; empty for an existing one). */
  readonly dir: string;
  readonly log: string;
  readonly args: string[];
  /** The server itself (control sessions and probes). */
  readonly target: PgTarget;
  server: Server | null;
  /** Where clients connect (a relay in front of the server, or the server). */
  clientTarget: PgTarget;
  control: PgSession | null;
}

/** Starts a managed cluster for one case. */
export async function startPostgres(config: CaseConfig, b: PostgresBackendConfig, folder: RunFolder, log: (l: string) => void = () => {}): Promise<RealCluster> {
  const bin = await findBinaries();
  if (typeof bin === 'string') throw new Error(bin);
  if (folder.user) {
    const blocked = untraversable(path.join(bin.root, 'bin'), folder.user);
    if (blocked.length) throw new Error(`PostgreSQL runs as the unprivileged user ${folder.user.name} (replbench runs as root), who cannot reach its binaries: allow others to traverse ${blocked.join(', ')} (chmod o+x)`);
  }
  const env = serverEnv(bin, folder);
  const parts: Record<string, number> = {};
  const t0 = performance.now();
  const fresh = !templates.has(folder);
  const tpl = await template(bin, folder);
  parts.templateMs = fresh ? tpl.ms : 0;
  const mark = performance.now();
  const caseDir = folder.mkdir(`case-${path.basename(folder.dir)}-${Date.now().toString(36)}-${Math.floor(performance.now())}`, 0o711);
  const n = b.standbys + 1;
  const ports = await Promise.all(Array.from({ length: n }, () => freePort()));
  const relays = new RelayHost();
  const nodes: Node[] = [];
  let replicationPort = ports[0]!;
  try {
    // Copies of the stopped template, in parallel (cp -a keeps the server user's ownership).
    await Promise.all(
      Array.from({ length: n }, async (_, i) => {
        const dir = path.join(caseDir, `node${i}`);
        await exec('cp', ['-a', tpl.dir, dir]);
      }),
    );
    parts.copyMs = performance.now() - mark;
    // Replication links: standby i connects to the primary through a relay delaying by network.nodeToNode.
    const nodeToNode = config.network.nodeToNode;
    for (let i = 0; i < n; i++) {
      const dir = path.join(caseDir, `node${i}`);
      const args = ['-D', dir, '-p', String(ports[i])];
      if (i === 0) {
        args.push('-c', `synchronous_standby_names=${standbyNames(b)}`, '-c', `synchronous_commit=${b.synchronousCommit}`);
      } else {
        let upstream = ports[0]!;
        if (!needsNoRelay(nodeToNode)) {
          upstream = await relays.start(`replication s${i}↔primary`, { host: '127.0.0.1', port: ports[0]! }, nodeToNode, config.seed);
        }
        if (i === 1) replicationPort = upstream;
        for (const f of readdirSync(path.join(dir, 'pg_replslot'))) rmSync(path.join(dir, 'pg_replslot', f), { recursive: true, force: true });
        writeFileSync(path.join(dir, 'standby.signal'), '');
        folder.own(path.join(dir, 'standby.signal'));
        appendFileSync(path.join(dir, 'postgresql.auto.conf'), `primary_conninfo = 'host=127.0.0.1 port=${upstream} user=postgres application_name=s${i}'\nprimary_slot_name = 'r${i}'\n`);
      }
      const target = { host: '127.0.0.1', port: ports[i]! };
      nodes.push({ index: i, dir, log: path.join(caseDir, `node${i}.log`), args, target, server: null, clientTarget: target, control: null });
    }
  } catch (err) {
    await relays.close();
    rmSync(caseDir, { recursive: true, force: true });
    throw err;
  }
  const cluster = new PgCluster(b, folder, env, bin, caseDir, nodes, relays, parts);
  cluster.replicationPort = replicationPort;
  try {
    const m2 = performance.now();
    for (const node of nodes) cluster.spawnNode(node);
    await Promise.all(nodes.map((node) => waitReady(node.target, node.server!, node.log)));
    parts.serversMs = performance.now() - m2;
    const m3 = performance.now();
    const primary = await PgSession.open(0, nodes[0]!.target);
    nodes[0]!.control = primary;
    for (let i = n; i <= MAX_STANDBYS; i++) await primary.sql('SELECT pg_drop_replication_slot($1)', [`r${i}`]);
    await cluster.waitStreaming(30_000);
    parts.streamingMs = performance.now() - m3;
    // Client links: network.clientToNode on every node, if asked for.
    if (b.relayClients && !needsNoRelay(config.network.clientToNode)) {
      for (const node of nodes) {
        const port = await relays.start(`clients↔${node.index === 0 ? 'primary' : `s${node.index}`}`, { host: '127.0.0.1', port: node.target.port }, config.network.clientToNode, config.seed);
        node.clientTarget = { host: '127.0.0.1', port };
      }
    }
    for (const node of nodes.slice(1)) node.control = await PgSession.open(node.index, node.target);
    cluster.startupMs = performance.now() - t0;
    log(`postgres: ${n} nodes up in ${cluster.startupMs.toFixed(0)} ms${fresh ? ` (initdb template ${tpl.ms.toFixed(0)} ms, once per run)` : ''}`);
    return cluster;
  } catch (err) {
    await cluster.close().catch(() => undefined);
    throw err;
  }
}

/** Connects to an existing cluster (backend.connection): nothing is started, configured or stopped. */
export async function connectExisting(config: CaseConfig, b: PostgresBackendConfig, folder: RunFolder): Promise<RealCluster> {
  const urls = [b.connection!.primary, ...b.connection!.standbys];
  const nodes: Node[] = urls.map((url, index) => ({ index, dir: '', log: '', args: [], target: { host: '', port: 0, url }, server: null, clientTarget: { host: '', port: 0, url }, control: null }));
  const t0 = performance.now();
  const cluster = new PgCluster(b, folder, {}, null, '', nodes, new RelayHost(), {});
  try {
    for (const node of nodes) node.control = await PgSession.open(node.index, node.target);
    for (const q of SCHEMA_SQL) await nodes[0]!.control!.sql(q);
    await nodes[0]!.control!.sql(`SET synchronous_commit = ${b.synchronousCommit}`);
  } catch (err) {
    await cluster.close().catch(() => undefined);
    throw err;
  }
  cluster.startupMs = performance.now() - t0;
  return cluster;
}

/** A managed (or, with a connection, existing) PostgreSQL cluster. */
class PgCluster implements RealCluster {
  startupMs = 0;
  private cancelled = 0;
  private probeTimer: NodeJS.Timeout | null = null;
  private probing = false;
  private closed = false;
  private readonly pendingProbes: { n: number; ack: number; seen: boolean[] }[] = [];
  private probeSink: LagSink | null = null;
  private probeNow: () => number = () => 0;
  private probeCount = 0;
  private readonly pollers: Promise<void>[] = [];

  constructor(
    private readonly b: PostgresBackendConfig,
    private readonly folder: RunFolder,
    private readonly env: NodeJS.ProcessEnv,
    private readonly bin: PgBinaries | null,
    private readonly caseDir: string,
    private readonly list: Node[],
    private readonly relays: RelayHost,
    private readonly parts: Record<string, number>,
  ) {}

  get nodes(): number {
    return this.list.length;
  }

  /** Starts a node's server. */
  spawnNode(node: Node): void {
    node.server = this.folder.spawn(`postgres node ${node.index}`, this.bin!.postgres, node.args, { env: this.env, logFile: node.log });
  }

  /** Waits until every standby streams from the primary. */
  async waitStreaming(timeoutMs: number): Promise<void> {
    const want = this.list.length - 1;
    if (want === 0) return;
    const until = performance.now() + timeoutMs;
    for (;;) {
      const rows = await this.list[0]!.control!.sql<{ n: string }>("SELECT count(*) AS n FROM pg_stat_replication WHERE state = 'streaming'");
      if (Number(rows[0]!.n) >= want) return;
      if (performance.now() > until) throw new Error(`only ${rows[0]!.n} of ${want} standbys streaming after ${timeoutMs / 1000} s:\n${this.list.slice(1).map((n) => logTail(n.log, 4)).join('\n')}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** The port of the first standby's replication relay to the primary (the primary's own when there is none). */
  replicationPort = 0;

  async connect(node: number, path: SessionPath = 'client'): Promise<RealSession> {
    const n = this.list[node]!;
    const target = path === 'client' ? n.clientTarget : path === 'direct' || !this.replicationPort ? n.target : { host: '127.0.0.1', port: this.replicationPort };
    const s = await PgSession.open(node, target, 2000);
    // An existing cluster keeps its own default; the case's level applies to replbench's sessions.
    if (!this.bin && node === 0) await s.sql(`SET synchronous_commit = ${this.b.synchronousCommit}`);
    // Calibration: the primary's own commit (its WAL flush when the level flushes at all), no standby wait.
    if (this.localWrites && node === 0 && this.b.mode !== 'async' && this.b.synchronousCommit !== 'off') await s.sql('SET synchronous_commit = local');
    return s;
  }

  private localWrites = false;

  async setLocalWrites(on: boolean): Promise<void> {
    this.localWrites = on;
  }

  async load(records: number, bytes: number): Promise<void> {
    const p = this.list[0]!.control!;
    await p.sql('TRUNCATE replbench_kv');
    // In batches, so no single statement holds a huge transaction.
    for (let from = 0; from < records; from += 100_000) {
      await p.sql("INSERT INTO replbench_kv SELECT g, 0, 0, repeat('x', $3) FROM generate_series($1::bigint, $2::bigint) g", [from, Math.min(records, from + 100_000) - 1, bytes]);
    }
    await p.sql('UPDATE replbench_probe SET n = 0 WHERE id = 0');
    await p.sql('CHECKPOINT');
    const [{ lsn }] = await p.sql<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn');
    // Every standby holds the data before the clock starts.
    const until = performance.now() + 60_000;
    for (const node of this.list.slice(1)) {
      for (;;) {
        const [r] = await node.control!.sql<{ ok: boolean }>('SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS ok', [lsn]);
        if (r!.ok) break;
        if (performance.now() > until) throw new Error(`standby s${node.index} did not replay the initial load within 60 s`);
        await new Promise((res) => setTimeout(res, 5));
      }
    }
  }

  startProbes(intervalUs: number, now: () => number, sink: LagSink): void {
    this.probeSink = sink;
    this.probeNow = now;
    const tick = () => {
      if (this.closed) return;
      this.probeTimer = setTimeout(tick, intervalUs / 1000);
      void this.probe();
    };
    this.probeTimer = setTimeout(tick, intervalUs / 1000);
  }

  /** One write-then-poll probe: bump the probe row on the primary, then poll each standby until it shows the new value. */
  private async probe(): Promise<void> {
    if (this.probing || this.list.length < 2) return; // one probe write at a time (a blocked primary blocks probes too)
    this.probing = true;
    try {
      // Its own connection: a probe write may wait for standbys (sync modes) and must not hold up control statements.
      if (!this.prober || this.prober.broken) this.prober = await PgSession.open(0, this.list[0]!.target, 1000);
      const [row] = await this.prober.sql<{ n: string }>('UPDATE replbench_probe SET n = n + 1 WHERE id = 0 RETURNING n');
      const ack = this.probeNow();
      this.probeCount++;
      this.pendingProbes.push({ n: Number(row!.n), ack, seen: this.list.map((_, i) => i === 0) });
      for (let i = 1; i < this.list.length; i++) if (!this.polling[i]) this.pollers.push(this.poll(i));
    } catch {
      // the primary is down or the probe was cancelled: no sample
    } finally {
      this.probing = false;
    }
  }

  private readonly polling: boolean[] = [];
  /** The primary session that writes probes. */
  private prober: PgSession | null = null;

  /** Polls standby `i` back to back while a probe it has not seen is pending. */
  private async poll(i: number): Promise<void> {
    this.polling[i] = true;
    try {
      while (!this.closed && this.pendingProbes.some((p) => !p.seen[i])) {
        const node = this.list[i]!;
        const sent = this.probeNow();
        let n: number;
        try {
          if (!node.control || node.control.broken) node.control = await PgSession.open(i, node.target, 1000);
          const [row] = await node.control.sql<{ n: string }>('SELECT n FROM replbench_probe WHERE id = 0');
          n = Number(row!.n);
        } catch {
          await new Promise((r) => setTimeout(r, 50)); // the standby is down: try again shortly
          continue;
        }
        for (const p of this.pendingProbes) {
          if (!p.seen[i] && p.n <= n) {
            p.seen[i] = true;
            this.probeSink?.(Math.max(0, sent - p.ack), sent);
          }
        }
        while (this.pendingProbes.length && this.pendingProbes[0]!.seen.every(Boolean)) this.pendingProbes.shift();
      }
    } finally {
      this.polling[i] = false;
    }
  }

  async viewSample(): Promise<ViewSample | null> {
    const p = this.list[0]!.control;
    if (!p || p.broken) return null;
    try {
      const rows = await p.sql<{ name: string; lag: string | null; behind: string | null }>(
        'SELECT application_name AS name, (EXTRACT(epoch FROM replay_lag) * 1e6)::text AS lag, pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)::text AS behind FROM pg_stat_replication',
      );
      const lagUs: (number | null)[] = [];
      const behindBytes: (number | null)[] = [];
      for (let i = 1; i < this.list.length; i++) {
        const r = rows.find((x) => x.name === `s${i}`);
        lagUs.push(r?.lag != null ? Number(r.lag) : null);
        behindBytes.push(r?.behind != null ? Number(r.behind) : null);
      }
      return { lagUs, behindBytes };
    } catch {
      return null;
    }
  }

  async cancel(node: number, serverPids: readonly number[]): Promise<void> {
    const c = this.list[node]?.control;
    const pids = serverPids.filter((p) => p > 0);
    if (!c || c.broken || pids.length === 0) return;
    try {
      const rows = await Promise.race([
        c.sql<{ ok: boolean }>('SELECT pg_cancel_backend(pid) AS ok FROM unnest($1::int[]) AS pid', [pids]),
        new Promise<never>((_, j) => setTimeout(() => j(new Error('cancel timed out')), 2000).unref()),
      ]);
      this.cancelled += rows.filter((r) => r.ok).length;
    } catch {
      // the node went away: nothing left to cancel there
    }
  }

  async crash(node: number): Promise<void> {
    const n = this.list[node]!;
    if (!n.server) throw new Error('an existing cluster cannot be crashed by replbench');
    if (n.server.stopped) return;
    await n.server.stop('SIGQUIT', 5000);
    await n.control?.close();
    n.control = null;
  }

  async restart(node: number): Promise<void> {
    const n = this.list[node]!;
    if (n.server && !n.server.stopped) return;
    rmSync(path.join(n.dir, 'postmaster.pid'), { force: true });
    this.spawnNode(n);
    await waitReady(n.target, n.server!, n.log);
    n.control = await PgSession.open(node, n.target);
  }

  async close(): Promise<ClusterReport> {
    if (this.closed) return await this.report();
    this.closed = true;
    if (this.probeTimer) clearTimeout(this.probeTimer);
    // Probes still waiting: censored samples (end − commit), as the simulator counts unapplied writes.
    const end = this.probeNow();
    for (const p of this.pendingProbes) for (let i = 1; i < p.seen.length; i++) if (!p.seen[i]) this.probeSink?.(end - p.ack, end);
    this.pendingProbes.length = 0;
    await Promise.race([Promise.all(this.pollers), new Promise((r) => setTimeout(r, 2000).unref())]);
    // A probe write still waiting for standbys is cancelled like a client's (it is not counted).
    if (this.prober && !this.prober.broken) {
      const before = this.cancelled;
      await this.cancel(0, [this.prober.serverPid]);
      this.cancelled = before;
    }
    await this.prober?.close();
    await Promise.all(this.list.map((n) => n.control?.close()));
    await this.relays.close();
    const report = await this.report();
    // Standbys first, then the primary (fast shutdown; a write still waiting for a standby is cancelled by it).
    await Promise.all(this.list.slice(1).map((n) => n.server?.stop('SIGINT', 10_000)));
    await this.list[0]!.server?.stop('SIGINT', 10_000);
    if (this.caseDir && existsSync(this.caseDir)) rmSync(this.caseDir, { recursive: true, force: true, maxRetries: 3 });
    return report;
  }

  private async report(): Promise<ClusterReport> {
    return {
      startupMs: this.startupMs,
      startup: this.parts,
      relays: await this.relays.stats(),
      cancelled: this.cancelled,
      settings: {
        synchronous_standby_names: standbyNames(this.b),
        synchronous_commit: this.b.synchronousCommit,
        standbys: String(this.b.standbys),
        probes: String(this.probeCount),
        template_ms: this.parts.templateMs !== undefined ? this.parts.templateMs.toFixed(0) : '',
      },
    };
  }
}

/**
 * A MariaDB primary and N replicas on 127.0.0.1 from the system's mariadbd, with binary-log
 * replication by GTID through a delaying relay. One data folder per run is initialised
 * (mariadb-install-db), started once without a binary log to create the tables, and stopped; each
 * case copies it cold for every node, so the primary's binary log starts empty and each replica
 * starts from it (MASTER_USE_GTID = slave_pos). Every server gets --no-defaults (no my.cnf of the
 * machine applies); semi-sync is enabled on the primary's and the replicas' command lines.
 *
 * Longer than most modules: one backend's cluster is one class (start-up, load, probes, views,
 * semi-sync counters, cancels and faults share its nodes), as for PostgreSQL's cluster.ts.
 */
import { execFile } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import type { MariadbBackendConfig } from '../../config/backend.js';
import type { CaseConfig } from '../../config/schema.js';
import type { ClusterReport, LagSink, RealCluster, RealSession, ServerCounters, SessionPath, ViewSample } from '../backend.js';
import { freePort, logTail, sleep } from '../ports.js';
import { LagProber } from '../probe.js';
import type { RunFolder, Server } from '../processes.js';
import { RelayHost, needsNoRelay } from '../relay-host.js';
import { MariadbSession, SCHEMA_SQL, connectMariadb } from './session.js';

const exec = promisify(execFile);

/** Where the binaries are. */
export interface MariadbBinaries {
  readonly mariadbd: string;
  readonly installDb: string;
}

/** Options every server gets (after --no-defaults, which must come first). */
function baseArgs(dir: string, port: number): string[] {
  return [
    '--no-defaults',
    `--datadir=${dir}`,
    `--port=${port}`,
    '--bind-address=127.0.0.1',
    `--socket=${path.join(dir, 'm.sock')}`,
    `--pid-file=${path.join(dir, 'mariadbd.pid')}`,
    `--tmpdir=${dir}`,
    '--skip-name-resolve',
    '--innodb-log-file-size=8M',
    '--innodb-buffer-pool-size=64M',
    '--performance-schema=OFF',
    '--max-connections=300',
    '--log-warnings=1',
  ];
}

/**
 * A minimal environment for the servers and mariadb-install-db: mariadbd creates temporary files
 * in $TMPDIR, which must be a folder the server user can write (the caller's may not be).
 */
function serverEnv(folder: RunFolder): NodeJS.ProcessEnv {
  const tmp = path.join(folder.dir, 'mariadb-tmp');
  if (!existsSync(tmp)) folder.mkdir('mariadb-tmp');
  return { PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin', TMPDIR: tmp, LC_ALL: 'C', TZ: 'UTC' };
}

/** Waits until the server at `port` accepts connections. */
async function waitReady(port: number, server: Server, log: string, name: string, timeoutMs = 60_000): Promise<void> {
  const until = performance.now() + timeoutMs;
  for (;;) {
    if (server.stopped) throw new Error(`mariadbd (${name}) exited while starting:\n${logTail(log)}`);
    try {
      const c = await connectMariadb(port, 1000, null);
      await c.end();
      return;
    } catch (err) {
      if (performance.now() > until) throw new Error(`mariadbd (${name}) did not accept connections within ${timeoutMs / 1000} s: ${(err as Error).message}\n${logTail(log)}`);
      await sleep(20);
    }
  }
}

/** The per-run template: initialised, tables created, stopped cleanly. Built once per run folder. */
const templates = new WeakMap<RunFolder, Promise<{ dir: string; ms: number }>>();

async function buildTemplate(bin: MariadbBinaries, folder: RunFolder): Promise<{ dir: string; ms: number }> {
  const t0 = performance.now();
  const dir = folder.mkdir('mariadb-template');
  const log = path.join(folder.dir, 'mariadb-template.log');
  const init = folder.spawn('mariadb-install-db', bin.installDb, ['--no-defaults', `--datadir=${dir}`, '--auth-root-authentication-method=normal', '--skip-test-db', '--skip-name-resolve', '--innodb-log-file-size=8M'], { logFile: log, env: serverEnv(folder) });
  const code = await init.exited;
  if (code !== 0) throw new Error(`mariadb-install-db failed (${code}):\n${logTail(log)}`);
  const port = await freePort();
  const server = folder.spawn('mariadb template', bin.mariadbd, baseArgs(dir, port), { logFile: log, env: serverEnv(folder) });
  try {
    await waitReady(port, server, log, 'template');
    // The database does not exist yet: connect without it.
    const c = await connectMariadb(port, 5000, null);
    try {
      for (const q of SCHEMA_SQL) await c.query(q);
    } finally {
      await c.end();
    }
  } finally {
    await server.stop('SIGTERM', 30_000);
  }
  return { dir, ms: performance.now() - t0 };
}

function template(bin: MariadbBinaries, folder: RunFolder): Promise<{ dir: string; ms: number }> {
  let t = templates.get(folder);
  if (!t) {
    t = buildTemplate(bin, folder);
    templates.set(folder, t);
  }
  return t;
}

interface Node {
  readonly index: number;
  readonly dir: string;
  readonly log: string;
  readonly args: string[];
  readonly port: number;
  server: Server | null;
  clientPort: number;
  control: MariadbSession | null;
}

/** Starts a managed MariaDB cluster for one case. */
export async function startMariadb(bin: MariadbBinaries, config: CaseConfig, b: MariadbBackendConfig, folder: RunFolder, log: (l: string) => void = () => {}): Promise<RealCluster> {
  const t0 = performance.now();
  const parts: Record<string, number> = {};
  const fresh = !templates.has(folder);
  const tpl = await template(bin, folder);
  parts.templateMs = fresh ? tpl.ms : 0;
  const m0 = performance.now();
  const caseName = `mariadb-${Date.now().toString(36)}-${Math.floor(performance.now())}`;
  const caseDir = folder.mkdir(caseName, 0o711);
  const n = b.replicas + 1;
  const ports = await Promise.all(Array.from({ length: n }, () => freePort()));
  const relays = new RelayHost();
  const nodes: Node[] = [];
  const upstreams: number[] = [];
  try {
    await Promise.all(Array.from({ length: n }, (_, i) => exec('cp', ['-a', tpl.dir, path.join(caseDir, `n${i}`)])));
    parts.copyMs = performance.now() - m0;
    for (let i = 0; i < n; i++) {
      const dir = path.join(caseDir, `n${i}`);
      const args = [...baseArgs(dir, ports[i]!), `--server-id=${i + 1}`];
      if (i === 0) {
        args.push('--log-bin=binlog', '--binlog-format=ROW', `--sync-binlog=${b.syncBinlog ? 1 : 0}`);
        if (b.mode === 'semisync') args.push('--rpl-semi-sync-master-enabled=ON', `--rpl-semi-sync-master-timeout=${b.semisyncTimeout / 1000}`, `--rpl-semi-sync-master-wait-point=${b.waitPoint}`);
      } else {
        args.push('--relay-log=relay', '--relay-log-recovery=ON', `--slave-parallel-threads=${b.applyThreads}`, `--slave-parallel-mode=${b.applyThreads > 0 ? b.parallelMode : 'none'}`);
        if (b.mode === 'semisync') args.push('--rpl-semi-sync-slave-enabled=ON');
        let upstream = ports[0]!;
        if (!needsNoRelay(config.network.nodeToNode)) upstream = await relays.start(`replication r${i}↔primary`, { host: '127.0.0.1', port: ports[0]! }, config.network.nodeToNode, config.seed);
        upstreams[i] = upstream;
      }
      nodes.push({ index: i, dir, log: path.join(caseDir, `n${i}.log`), args, port: ports[i]!, server: null, clientPort: ports[i]!, control: null });
    }
  } catch (err) {
    await relays.close();
    rmSync(caseDir, { recursive: true, force: true });
    throw err;
  }
  const cluster = new MariadbCluster(bin, b, folder, caseDir, nodes, relays, parts);
  cluster.replicationPort = upstreams[1] ?? ports[0]!;
  try {
    const m1 = performance.now();
    for (const node of nodes) cluster.spawnNode(node);
    await Promise.all(nodes.map((node) => waitReady(node.port, node.server!, node.log, `node ${node.index}`)));
    parts.serversMs = performance.now() - m1;
    const m2 = performance.now();
    for (const node of nodes) node.control = await MariadbSession.open(node.index, node.port);
    for (const node of nodes.slice(1)) {
      await node.control!.sql(`CHANGE MASTER TO MASTER_HOST = '127.0.0.1', MASTER_PORT = ${upstreams[node.index]}, MASTER_USER = 'root', MASTER_PASSWORD = '', MASTER_USE_GTID = slave_pos, MASTER_CONNECT_RETRY = 1`);
      await node.control!.sql('START SLAVE');
    }
    await cluster.waitReplicating(30_000);
    parts.replicatingMs = performance.now() - m2;
    if (b.relayClients && !needsNoRelay(config.network.clientToNode)) {
      for (const node of nodes) node.clientPort = await relays.start(`clients↔${node.index === 0 ? 'primary' : `r${node.index}`}`, { host: '127.0.0.1', port: node.port }, config.network.clientToNode, config.seed);
    }
    cluster.startupMs = performance.now() - t0;
    log(`mariadb: ${n} nodes up in ${cluster.startupMs.toFixed(0)} ms${fresh ? ` (mariadb-install-db template ${tpl.ms.toFixed(0)} ms, once per run)` : ''}`);
    return cluster;
  } catch (err) {
    await cluster.close().catch(() => undefined);
    throw err;
  }
}

type Row = Record<string, string | number | null>;

/** A running MariaDB primary with its replicas. */
class MariadbCluster implements RealCluster {
  startupMs = 0;
  /** The port of the first replica's replication relay to the primary (the primary's own when there is none). */
  replicationPort = 0;
  private cancelled = 0;
  private closed = false;
  private prober: LagProber | null = null;
  private probeWriter: MariadbSession | null = null;

  constructor(
    private readonly bin: MariadbBinaries,
    private readonly b: MariadbBackendConfig,
    private readonly folder: RunFolder,
    private readonly caseDir: string,
    private readonly list: Node[],
    private readonly relays: RelayHost,
    private readonly parts: Record<string, number>,
  ) {}

  get nodes(): number {
    return this.list.length;
  }

  spawnNode(node: Node): void {
    node.server = this.folder.spawn(`mariadb node ${node.index}`, this.bin.mariadbd, node.args, { logFile: node.log, cwd: node.dir, env: serverEnv(this.folder) });
  }

  /** Waits until every replica's I/O and SQL threads run (and, with semi-sync, the primary counts them as semi-sync clients). */
  async waitReplicating(timeoutMs: number): Promise<void> {
    const until = performance.now() + timeoutMs;
    for (;;) {
      let running = 0;
      for (const node of this.list.slice(1)) {
        const [st] = await node.control!.sql<Row>('SHOW SLAVE STATUS');
        if (st && st.Slave_IO_Running === 'Yes' && st.Slave_SQL_Running === 'Yes') running++;
        else if (st && st.Last_Error) throw new Error(`replica r${node.index} stopped: ${String(st.Last_Error)}`);
      }
      let semi = this.list.length - 1;
      if (this.b.mode === 'semisync') {
        const [r] = await this.list[0]!.control!.sql<Row>("SHOW GLOBAL STATUS LIKE 'Rpl_semi_sync_master_clients'");
        semi = Number(r?.Value ?? 0);
      }
      if (running === this.list.length - 1 && semi >= this.list.length - 1) return;
      if (performance.now() > until) throw new Error(`only ${running} of ${this.list.length - 1} MariaDB replicas replicating (${semi} semi-sync) after ${timeoutMs / 1000} s:\n${this.list.slice(1).map((n) => logTail(n.log, 4)).join('\n')}`);
      await sleep(10);
    }
  }

  async connect(node: number, path: SessionPath = 'client'): Promise<RealSession> {
    const n = this.list[node]!;
    const port = path === 'client' ? n.clientPort : path === 'direct' || !this.replicationPort ? n.port : this.replicationPort;
    return MariadbSession.open(node, port, 2000);
  }

  /** Semi-sync off (writes commit without waiting for a replica), or on again once a replica is caught up. */
  async setLocalWrites(on: boolean): Promise<void> {
    if (this.b.mode !== 'semisync') return;
    const p = this.list[0]!.control!;
    await p.sql(`SET GLOBAL rpl_semi_sync_master_enabled = ${on ? 'OFF' : 'ON'}`);
    if (on) return;
    // Semi-sync becomes active again at the next acknowledged transaction.
    const until = performance.now() + 10_000;
    for (;;) {
      await p.sql('UPDATE replbench_probe SET n = n + 1 WHERE id = 0'); // a change the replicas must acknowledge (the next load resets it)
      const [r] = await p.sql<Row>("SHOW GLOBAL STATUS LIKE 'Rpl_semi_sync_master_status'");
      if (r?.Value === 'ON') return;
      if (performance.now() > until) throw new Error('semi-sync did not become active again within 10 s after calibration');
      await sleep(20);
    }
  }

  async load(records: number, bytes: number): Promise<void> {
    const p = this.list[0]!.control!;
    await p.sql('TRUNCATE replbench_kv');
    for (let from = 0; from < records; from += 100_000) {
      const to = Math.min(records, from + 100_000) - 1;
      await p.sql(`INSERT INTO replbench_kv SELECT seq, 0, 0, REPEAT('x', ?) FROM seq_${from}_to_${to}`, [bytes]);
    }
    await p.sql('UPDATE replbench_probe SET n = 0 WHERE id = 0');
    const [{ pos }] = await p.sql<{ pos: string }>('SELECT @@gtid_binlog_pos AS pos');
    // Every replica holds the data before the clock starts.
    for (const node of this.list.slice(1)) {
      const [r] = await node.control!.sql<{ ok: number }>('SELECT MASTER_GTID_WAIT(?, 60) AS ok', [pos]);
      if (Number(r?.ok) !== 0) throw new Error(`replica r${node.index} did not apply the initial load within 60 s`);
    }
  }

  startProbes(intervalUs: number, now: () => number, sink: LagSink): void {
    this.prober = new LagProber(
      {
        replicas: this.list.length - 1,
        write: async () => {
          if (!this.probeWriter || this.probeWriter.broken) this.probeWriter = await MariadbSession.open(0, this.list[0]!.port, 1000);
          const rows = await this.probeWriter.sql<unknown>('UPDATE replbench_probe SET n = (@n := n + 1) WHERE id = 0; SELECT @n AS n');
          return Number((rows[1] as { n: number }[])[0]!.n);
        },
        read: async (i) => {
          const node = this.list[i]!;
          if (!node.control || node.control.broken) node.control = await MariadbSession.open(i, node.port, 1000);
          const [r] = await node.control.sql<{ n: number }>('SELECT n FROM replbench_probe WHERE id = 0');
          return Number(r?.n ?? 0);
        },
      },
      now,
      sink,
    );
    this.prober.start(intervalUs);
  }

  /** Seconds_Behind_Master per replica (whole seconds, as MariaDB reports it), and bytes of binary log not yet executed (primary's position − Exec_Master_Log_Pos in the same file). */
  async viewSample(): Promise<ViewSample | null> {
    const p = this.list[0]!.control;
    if (!p || p.broken) return null;
    try {
      const [[head], ...replicas] = await Promise.all([p.sql<Row>('SHOW MASTER STATUS'), ...this.list.slice(1).map((n) => (n.control && !n.control.broken ? n.control.sql<Row>('SHOW SLAVE STATUS') : Promise.resolve([] as Row[])))]);
      const lagUs: (number | null)[] = [];
      const behindBytes: (number | null)[] = [];
      for (const [st] of replicas) {
        lagUs.push(st && st.Seconds_Behind_Master !== null && st.Seconds_Behind_Master !== undefined ? Number(st.Seconds_Behind_Master) * 1e6 : null);
        behindBytes.push(head && st && st.Relay_Master_Log_File === head.File ? Math.max(0, Number(head.Position) - Number(st.Exec_Master_Log_Pos)) : null);
      }
      await this.counters(); // keeps the counters' last reading current (a restart of the primary resets them)
      return { lagUs, behindBytes };
    } catch {
      return null;
    }
  }

  /** The primary's semi-sync counters as last read, and what they had counted before a restart reset them. */
  private lastCounters: Record<string, number> | null = null;
  private counterOffset: Record<string, number> = {};

  /**
   * Semi-sync status counters of the primary: fallbacks = transactions committed without a
   * replica's acknowledgement (Rpl_semi_sync_master_no_tx). A restart of the primary resets them:
   * what they had counted at the last reading (every lag-probe interval) is carried over.
   */
  async counters(): Promise<ServerCounters | null> {
    if (this.b.mode !== 'semisync') return null;
    const p = this.list[0]!.control;
    if (!p || p.broken) return null;
    const rows = await p.sql<{ Variable_name: string; Value: string }>("SHOW GLOBAL STATUS LIKE 'Rpl_semi_sync_master_%'");
    const v = (name: string) => Number(rows.find((r) => r.Variable_name === name)?.Value ?? 0);
    const raw: Record<string, number> = { fallbacks: v('Rpl_semi_sync_master_no_tx'), semisync_acked: v('Rpl_semi_sync_master_yes_tx'), semisync_off: v('Rpl_semi_sync_master_no_times') };
    const last = this.lastCounters;
    if (last && Object.keys(raw).some((k) => raw[k]! < last[k]!)) for (const k of Object.keys(raw)) this.counterOffset[k] = (this.counterOffset[k] ?? 0) + last[k]!;
    this.lastCounters = raw;
    return Object.fromEntries(Object.entries(raw).map(([k, x]) => [k, x + (this.counterOffset[k] ?? 0)]));
  }

  /** KILL QUERY for each connection id (a write waiting for a semi-sync acknowledgement is released). */
  async cancel(node: number, ids: readonly number[]): Promise<void> {
    const c = this.list[node]?.control;
    if (!c || c.broken) return;
    for (const id of ids.filter((x) => x > 0)) {
      try {
        await Promise.race([c.sql(`KILL QUERY ${Number(id)}`), sleep(2000)]);
        this.cancelled++;
      } catch {
        // already finished, or the node went away
      }
    }
  }

  async crash(node: number): Promise<void> {
    const n = this.list[node]!;
    if (!n.server || n.server.stopped) return;
    await n.server.stop('SIGKILL', 5000);
    await n.control?.close();
    n.control = null;
  }

  /** Starts a stopped node again (crash recovery; a replica resumes replication by itself from its GTID position). */
  async restart(node: number): Promise<void> {
    const n = this.list[node]!;
    if (n.server && !n.server.stopped) return;
    rmSync(path.join(n.dir, 'mariadbd.pid'), { force: true });
    this.spawnNode(n);
    await waitReady(n.port, n.server!, n.log, `node ${node}`);
    n.control = await MariadbSession.open(node, n.port);
  }

  async close(): Promise<ClusterReport> {
    if (this.closed) return this.report();
    this.closed = true;
    await this.prober?.close();
    if (this.probeWriter && !this.probeWriter.broken) {
      const before = this.cancelled;
      await this.cancel(0, [this.probeWriter.serverPid]);
      this.cancelled = before;
    }
    await this.probeWriter?.close();
    let gtid = '';
    try {
      const [r] = (await Promise.race([this.list[0]!.control?.sql<{ pos: string }>('SELECT @@gtid_binlog_pos AS pos'), sleep(1000).then(() => undefined)])) ?? [];
      gtid = r?.pos ?? '';
    } catch {
      gtid = '';
    }
    await Promise.all(this.list.map((n) => n.control?.close()));
    await this.relays.close();
    const report = await this.report(gtid);
    // Replicas first, then the primary (SIGTERM: a clean shutdown).
    await Promise.all(this.list.slice(1).map((n) => n.server?.stop('SIGTERM', 20_000)));
    await this.list[0]!.server?.stop('SIGTERM', 20_000);
    if (existsSync(this.caseDir)) rmSync(this.caseDir, { recursive: true, force: true, maxRetries: 3 });
    return report;
  }

  private async report(gtid = ''): Promise<ClusterReport> {
    return {
      startupMs: this.startupMs,
      startup: this.parts,
      relays: await this.relays.stats(),
      cancelled: this.cancelled,
      settings: {
        mode: this.b.mode,
        ...(this.b.mode === 'semisync' ? { rpl_semi_sync_master_wait_point: this.b.waitPoint, rpl_semi_sync_master_timeout: `${this.b.semisyncTimeout / 1000}` } : {}),
        slave_parallel_threads: String(this.b.applyThreads),
        ...(this.b.applyThreads ? { slave_parallel_mode: this.b.parallelMode } : {}),
        sync_binlog: this.b.syncBinlog ? '1' : '0',
        replicas: String(this.b.replicas),
        probes: String(this.prober?.count ?? 0),
        ...(gtid ? { gtid_binlog_pos: gtid } : {}),
        template_ms: this.parts.templateMs !== undefined ? this.parts.templateMs.toFixed(0) : '',
      },
    };
  }
}

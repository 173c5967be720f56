/**
 * A Redis master and N replicas on 127.0.0.1, started by replbench from the system's redis-server:
 * no persistence (no RDB snapshots, no AOF), diskless full syncs with no delay
 * (repl-diskless-sync-delay 0: its 5 s default would hold up every start), each replica
 * replicating through a delaying relay. In `wait` mode every write is followed by WAIT k timeout.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Redis } from 'ioredis';
import type { RedisBackendConfig } from '../../config/backend.js';
import type { CaseConfig } from '../../config/schema.js';
import type { ClusterReport, LagSink, RealCluster, RealSession, SessionPath, ViewSample } from '../backend.js';
import { freePort, logTail, sleep } from '../ports.js';
import { LagProber } from '../probe.js';
import type { RunFolder, Server } from '../processes.js';
import { RelayHost, needsNoRelay } from '../relay-host.js';
import { PROBE_KEY, RedisSession, connectRedis, keyOf, type WaitSpec } from './session.js';

interface Node {
  readonly index: number;
  readonly dir: string;
  readonly log: string;
  readonly args: string[];
  readonly port: number;
  server: Server | null;
  /** Where clients connect (a relay in front of the server, or the server). */
  clientPort: number;
  control: Redis | null;
}

/** Waits until the server at `port` answers PING. */
async function waitReady(node: Node, timeoutMs = 20_000): Promise<void> {
  const until = performance.now() + timeoutMs;
  for (;;) {
    if (node.server?.stopped) throw new Error(`redis-server (node ${node.index}) exited while starting:\n${logTail(node.log)}`);
    try {
      const c = await connectRedis(node.port, 1000);
      await c.ping();
      c.disconnect();
      return;
    } catch (err) {
      if (performance.now() > until) throw new Error(`redis-server (node ${node.index}) did not answer within ${timeoutMs / 1000} s: ${(err as Error).message}\n${logTail(node.log)}`);
      await sleep(10);
    }
  }
}

/** Parses INFO output into fields. */
function info(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) out[line.slice(0, i)] = line.slice(i + 1);
  }
  return out;
}

/** Starts a managed Redis cluster for one case. */
export async function startRedis(bin: string, config: CaseConfig, b: RedisBackendConfig, folder: RunFolder, log: (l: string) => void = () => {}): Promise<RealCluster> {
  const t0 = performance.now();
  const parts: Record<string, number> = {};
  const caseName = `redis-${Date.now().toString(36)}-${Math.floor(performance.now())}`;
  const caseDir = folder.mkdir(caseName, 0o711);
  const n = b.replicas + 1;
  const ports = await Promise.all(Array.from({ length: n }, () => freePort()));
  const relays = new RelayHost();
  const nodes: Node[] = [];
  let replicationPort = ports[0]!;
  try {
    for (let i = 0; i < n; i++) {
      const dir = folder.mkdir(`${caseName}/node${i}`);
      const args = [
        '--port', String(ports[i]), '--bind', '127.0.0.1', '--protected-mode', 'no', '--daemonize', 'no',
        '--dir', dir, '--save', '', '--appendonly', 'no', '--unixsocket', '',
        '--repl-diskless-sync', 'yes', '--repl-diskless-sync-delay', '0', '--repl-diskless-load', 'on-empty-db',
        '--loglevel', 'warning', '--maxclients', '2000',
      ];
      if (i > 0) {
        let upstream = ports[0]!;
        if (!needsNoRelay(config.network.nodeToNode)) upstream = await relays.start(`replication r${i}↔master`, { host: '127.0.0.1', port: ports[0]! }, config.network.nodeToNode, config.seed);
        if (i === 1) replicationPort = upstream;
        args.push('--replicaof', '127.0.0.1', String(upstream));
      }
      nodes.push({ index: i, dir, log: path.join(caseDir, `node${i}.log`), args, port: ports[i]!, server: null, clientPort: ports[i]!, control: null });
    }
  } catch (err) {
    await relays.close();
    rmSync(caseDir, { recursive: true, force: true });
    throw err;
  }
  const cluster = new RedisCluster(bin, b, folder, caseDir, nodes, relays, parts);
  cluster.replicationPort = replicationPort;
  try {
    const m1 = performance.now();
    for (const node of nodes) cluster.spawnNode(node);
    await Promise.all(nodes.map((node) => waitReady(node)));
    parts.serversMs = performance.now() - m1;
    const m2 = performance.now();
    for (const node of nodes) node.control = await connectRedis(node.port);
    await cluster.waitOnline(30_000);
    parts.syncMs = performance.now() - m2;
    if (b.relayClients && !needsNoRelay(config.network.clientToNode)) {
      for (const node of nodes) node.clientPort = await relays.start(`clients↔${node.index === 0 ? 'master' : `r${node.index}`}`, { host: '127.0.0.1', port: node.port }, config.network.clientToNode, config.seed);
    }
    cluster.startupMs = performance.now() - t0;
    log(`redis: ${n} nodes up in ${cluster.startupMs.toFixed(0)} ms`);
    return cluster;
  } catch (err) {
    await cluster.close().catch(() => undefined);
    throw err;
  }
}

/** A running Redis master with its replicas. */
class RedisCluster implements RealCluster {
  startupMs = 0;
  /** The port of the first replica's replication relay to the master (the master's own when there is none). */
  replicationPort = 0;
  private cancelled = 0;
  private closed = false;
  private prober: LagProber | null = null;
  /** The master connection that writes probes (WAIT may block it). */
  private probeWriter: Redis | null = null;
  private probeWriterId = -1;
  private readonly wait: WaitSpec | null;

  constructor(
    private readonly bin: string,
    private readonly b: RedisBackendConfig,
    private readonly folder: RunFolder,
    private readonly caseDir: string,
    private readonly list: Node[],
    private readonly relays: RelayHost,
    private readonly parts: Record<string, number>,
  ) {
    this.wait = b.mode === 'wait' ? { acks: b.acks, timeoutMs: b.waitTimeout / 1000 } : null;
  }

  get nodes(): number {
    return this.list.length;
  }

  /** Starts a node's server. */
  spawnNode(node: Node): void {
    node.server = this.folder.spawn(`redis node ${node.index}`, this.bin, node.args, { logFile: node.log, cwd: node.dir });
  }

  /** Waits until every replica is online with the master. */
  async waitOnline(timeoutMs: number): Promise<void> {
    const want = this.list.length - 1;
    if (want === 0) return;
    const until = performance.now() + timeoutMs;
    for (;;) {
      const i = info(String(await this.list[0]!.control!.info('replication')));
      const online = Object.entries(i).filter(([k, v]) => /^slave\d+$/.test(k) && v.includes('state=online')).length;
      if (online >= want) return;
      if (performance.now() > until) throw new Error(`only ${online} of ${want} Redis replicas online after ${timeoutMs / 1000} s:\n${this.list.slice(1).map((n) => logTail(n.log, 4)).join('\n')}`);
      await sleep(10);
    }
  }

  async connect(node: number, path: SessionPath = 'client'): Promise<RealSession> {
    const n = this.list[node]!;
    const port = path === 'client' ? n.clientPort : path === 'direct' || !this.replicationPort ? n.port : this.replicationPort;
    return RedisSession.open(node, port, node === 0 && !this.localWrites ? this.wait : null, 2000);
  }

  private localWrites = false;

  async setLocalWrites(on: boolean): Promise<void> {
    this.localWrites = on;
  }

  async load(records: number, bytes: number): Promise<void> {
    const m = this.list[0]!.control!;
    await m.flushall();
    const val = 'x'.repeat(bytes);
    for (let from = 0; from < records; from += 1000) {
      const p = m.pipeline();
      for (let k = from; k < Math.min(records, from + 1000); k++) p.hset(keyOf(k), 'v', 0, 'w', 0, 'val', val);
      await p.exec();
    }
    await m.set(PROBE_KEY, 0);
    // Every replica holds the data before the clock starts.
    const want = this.list.length - 1;
    if (want > 0) {
      const got = Number(await m.call('WAIT', want, 60_000));
      if (got < want) throw new Error(`only ${got} of ${want} Redis replicas acknowledged the initial load within 60 s`);
    }
  }

  startProbes(intervalUs: number, now: () => number, sink: LagSink): void {
    this.prober = new LagProber(
      {
        replicas: this.list.length - 1,
        write: async () => {
          if (!this.probeWriter || this.probeWriter.status === 'end') {
            this.probeWriter = await connectRedis(this.list[0]!.port, 1000);
            this.probeWriterId = Number(await this.probeWriter.call('CLIENT', 'ID'));
          }
          const p = this.probeWriter.incr(PROBE_KEY);
          if (this.wait) await Promise.all([p, this.probeWriter.call('WAIT', this.wait.acks, this.wait.timeoutMs)]);
          return Number(await p);
        },
        read: async (i) => {
          const node = this.list[i]!;
          if (!node.control || node.control.status === 'end') node.control = await connectRedis(node.port, 1000);
          return Number((await node.control.get(PROBE_KEY)) ?? 0);
        },
      },
      now,
      sink,
    );
    this.prober.start(intervalUs);
  }

  /** Replication offsets: the master's master_repl_offset minus each replica's slave_repl_offset (bytes); Redis has no time-based view. */
  async viewSample(): Promise<ViewSample | null> {
    const m = this.list[0]!.control;
    if (!m || m.status === 'end') return null;
    try {
      const [master, ...replicas] = await Promise.all(this.list.map((n) => (n.control && n.control.status !== 'end' ? n.control.info('replication') : Promise.resolve(''))));
      const head = Number(info(String(master)).master_repl_offset);
      const behindBytes = replicas.map((r) => {
        const off = info(String(r)).slave_repl_offset;
        return off === undefined || !Number.isFinite(head) ? null : Math.max(0, head - Number(off));
      });
      return { lagUs: replicas.map(() => null), behindBytes };
    } catch {
      return null;
    }
  }

  /** Releases sessions blocked in WAIT (CLIENT UNBLOCK: WAIT answers as if it had timed out). */
  async cancel(node: number, ids: readonly number[]): Promise<void> {
    const c = this.list[node]?.control;
    if (!c || c.status === 'end') return;
    for (const id of ids.filter((x) => x > 0)) {
      try {
        const r = await Promise.race([c.call('CLIENT', 'UNBLOCK', id), sleep(2000).then(() => 0)]);
        if (Number(r) === 1) this.cancelled++;
      } catch {
        // the node went away
      }
    }
  }

  async crash(node: number): Promise<void> {
    const n = this.list[node]!;
    if (!n.server || n.server.stopped) return;
    await n.server.stop('SIGKILL', 5000);
    n.control?.disconnect();
    n.control = null;
  }

  /** Starts a stopped node again: without persistence it comes back empty (a restarted master makes its replicas empty too). */
  async restart(node: number): Promise<void> {
    const n = this.list[node]!;
    if (n.server && !n.server.stopped) return;
    this.spawnNode(n);
    await waitReady(n);
    n.control = await connectRedis(n.port);
  }

  async counters(): Promise<null> {
    return null;
  }

  async close(): Promise<ClusterReport> {
    if (this.closed) return this.report();
    this.closed = true;
    await this.prober?.close();
    // A probe write still blocked in WAIT: released like a client's (not counted).
    if (this.probeWriter && this.probeWriter.status !== 'end' && this.probeWriterId > 0) {
      const before = this.cancelled;
      await this.cancel(0, [this.probeWriterId]);
      this.cancelled = before;
    }
    this.probeWriter?.disconnect();
    for (const n of this.list) n.control?.disconnect();
    await this.relays.close();
    const report = await this.report();
    await Promise.all(this.list.map((n) => n.server?.stop('SIGTERM', 5000)));
    rmSync(this.caseDir, { recursive: true, force: true, maxRetries: 3 });
    return report;
  }

  private async report(): Promise<ClusterReport> {
    return {
      startupMs: this.startupMs,
      startup: this.parts,
      relays: await this.relays.stats(),
      cancelled: this.cancelled,
      settings: {
        mode: this.b.mode,
        ...(this.wait ? { wait: `WAIT ${this.wait.acks} ${this.wait.timeoutMs}` } : {}),
        replicas: String(this.b.replicas),
        persistence: 'none (save "", appendonly no)',
        'repl-diskless-sync-delay': '0',
        probes: String(this.prober?.count ?? 0),
      },
    };
  }
}

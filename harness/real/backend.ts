/**
 * What the real-backend runtime needs from a database: sessions that read and write versioned
 * keys, a cluster it can load, probe, fault and stop. A backend (PostgreSQL, Redis, MariaDB) is
 * one module implementing `RealBackendModule`, listed in backends.ts.
 */
import type { CaseConfig } from '../config/schema.js';
import type { RealBackendConfig } from '../config/backend.js';
import type { HistogramSummary } from '../metrics/histogram.js';
import type { RelayStats } from './relay.js';
import type { RunFolder } from './processes.js';
import type { CalibrationReport } from './calibrate/run-calibration.js';

/** What a read returned: the write id and version the node held, and the value's size. */
export interface ReadResult {
  readonly writeId: number;
  readonly version: number;
  readonly bytes: number;
}

/** What a write's acknowledgement says: the version it made, and whether it was acknowledged without the replicas it should have waited for (Redis WAIT answered with fewer than k). */
export interface WriteAck {
  readonly version: number;
  readonly fallback: boolean;
}

/** How a session reaches its node: through the client relay (as the workload does), straight to the server, or (node 0 only) through a replication link's relay. */
export type SessionPath = 'client' | 'direct' | 'replication';

/** One connection to one node. */
export interface RealSession {
  readonly node: number;
  /** The server-side identity of this session (to cancel what it runs); -1 if none. */
  readonly serverPid: number;
  /** Whether the connection broke (the pool replaces it). */
  readonly broken: boolean;
  /** Writes `key` (update, or insert-or-update) with write id `writeId` and `bytes` of value; resolves with the version it made. */
  write(key: number, writeId: number, bytes: number, insert: boolean): Promise<WriteAck>;
  /** The cheapest round trip the database answers (PING, SELECT 1): the link and the protocol, no work. */
  ping(): Promise<void>;
  read(key: number): Promise<ReadResult>;
  /** Reads `count` keys from `from` on; resolves with the number read. */
  scan(from: number, count: number): Promise<number>;
  close(): Promise<void>;
}

/** A lag sample from a write-then-poll probe: `lagUs` after commit at runtime time `at` (µs). */
export type LagSink = (lagUs: number, at: number) => void;

/** The database's own view of replication, sampled during the run. */
export interface ViewSample {
  /** Per replica: its replay lag (µs) as the database reports it, null when unknown. */
  readonly lagUs: readonly (number | null)[];
  /** Per replica: how far behind it is, in bytes of log. */
  readonly behindBytes: readonly (number | null)[];
}

/** Backend-specific facts about a run, reported in metrics.real. */
export interface ClusterReport {
  /** Wall-clock ms to bring the cluster up (copies, starts, streaming), and its parts. */
  readonly startupMs: number;
  readonly startup: Readonly<Record<string, number>>;
  /** The relays' measurements (replication links and client links). */
  readonly relays: readonly ({ readonly link: string } & RelayStats)[];
  /** Operations cancelled server-side (timed out, or still blocked at the end of the case). */
  readonly cancelled: number;
  /** How the database was configured (for the report). */
  readonly settings: Readonly<Record<string, string>>;
}

/** Counters the database keeps itself (cumulative since start), e.g. semi-sync transactions acknowledged without a replica. */
export type ServerCounters = Readonly<Record<string, number>>;

/** A running cluster. Node 0 is the primary. */
export interface RealCluster {
  readonly nodes: number;
  /** Opens a session on `node` (through its client relay, if any, unless `path` says otherwise). */
  connect(node: number, path?: SessionPath): Promise<RealSession>;
  /**
   * While on, writes of sessions opened afterwards do not wait for replicas (for calibration: the
   * primary's own service time). PostgreSQL: synchronous_commit = local on those sessions; Redis:
   * no WAIT; MariaDB: semi-sync turned off globally, and on again (waiting until it is active) when off.
   */
  setLocalWrites?(on: boolean): Promise<void>;
  /** The database's own counters now (cumulative); the case reports their growth after the warm-up. Null when unavailable. */
  counters?(): Promise<ServerCounters | null>;
  /** Loads keys 0..records−1 (version 0, write id 0) and waits until every replica holds them. */
  load(records: number, bytes: number): Promise<void>;
  /** Starts probing replication lag (write-then-poll, every `intervalUs`); samples go to `sink`, `now` is the runtime's clock. */
  startProbes(intervalUs: number, now: () => number, sink: LagSink): void;
  /** Samples the database's own view of replication (null if unavailable now). */
  viewSample(): Promise<ViewSample | null>;
  /** Cancels what the sessions with these server ids are running on `node`. */
  cancel(node: number, serverPids: readonly number[]): Promise<void>;
  /** Stops a node as a crash would (immediate shutdown). */
  crash(node: number): Promise<void>;
  /** Starts a stopped node again. */
  restart(node: number): Promise<void>;
  /** Stops probes, relays and servers; removes the case's data. Censored probe samples go to the sink first. */
  close(): Promise<ClusterReport>;
}

/** Options for starting a cluster. */
export interface StartOptions {
  readonly config: CaseConfig;
  readonly backend: RealBackendConfig;
  readonly folder: RunFolder;
  /** Progress lines (start-up steps), for the terminal. */
  readonly log?: (line: string) => void;
}

/** A real backend: how to tell it is installed and how to start it. */
export interface RealBackendModule {
  readonly kind: RealBackendConfig['kind'];
  /** Parallel service slots of one node, for the calibrated simulation (service.workers): Redis executes commands on one thread. */
  serviceWorkers(): number;
  /** Null if the backend can run here, else why not (one line). */
  unavailable(): Promise<string | null>;
  start(options: StartOptions): Promise<RealCluster>;
}

/** Per-run facts the runtime adds to a case's metrics (`metrics.real`). */
export interface RealMetrics extends ClusterReport {
  readonly backend: string;
  /** The client side: connection pool and scheduling. */
  readonly clients: {
    /** Connections per node. */
    readonly pool: number;
    /** Operations that found every connection of their node busy and waited. */
    readonly waited: number;
    /** µs spent waiting for a connection (waiting operations only). */
    readonly poolWait: HistogramSummary;
    /** Most operations waiting for a connection at once. */
    readonly maxQueued: number;
    /** µs between an operation's intended start and its send (the client's own lateness, waits included). */
    readonly sendDelay: HistogramSummary;
  };
  /** The database's own view of replication lag (replay lag in µs, distance in bytes), sampled. */
  readonly view: { readonly samples: number; readonly lagUs: HistogramSummary; readonly behindBytes: HistogramSummary };
  /** With backend.calibrate: what was measured and fitted, and the calibrated simulation's headline numbers. */
  readonly calibration?: CalibrationReport;
}

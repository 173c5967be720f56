/** The metrics a case produces: plain, serialisable data (the contract of DESIGN.md). */
import type { HistogramSummary } from './histogram.js';
import type { CountStats } from '../../strategies/partitioning/metrics.js';

/** Latency and counts for one operation type. Latencies are µs from intended start to completion. */
export interface OpStats {
  /** Successful operations after warm-up. */
  readonly count: number;
  /** Failed or timed-out operations after warm-up (never in the latency percentiles). */
  readonly failed: number;
  /** Of the failed: those that timed out at the client (indeterminate: never counted as successful). */
  readonly timedOut: number;
  /** Intended start → completion (coordinated-omission free). */
  readonly latency: HistogramSummary;
  /** Actual send → completion (differs from latency when a paced client falls behind its schedule). */
  readonly serviceTime: HistogramSummary;
}

/** Operations during one fault window (by intended start), and how soon writes succeeded again. */
export interface FaultWindow {
  readonly label: string;
  readonly kind: string;
  /** Window start and end, seconds after warm-up (the time-series axis). */
  readonly start_s: number;
  readonly end_s: number;
  readonly readsOk: number;
  readonly readsFailed: number;
  readonly writesOk: number;
  readonly writesFailed: number;
  readonly writesTimedOut: number;
  /** µs from the fault's start to the first successful write issued after it (time to recover); null if none. */
  readonly timeToFirstWriteUs: number | null;
}

/** One change of a partition's leader: a harness failover (a follower promoted) or a strategy's own election. */
export interface Failover {
  readonly partition: number;
  readonly term: number;
  /** Seconds after warm-up. */
  readonly at_s: number;
  /** The previous and the new leader (null: none). */
  readonly from: number | null;
  readonly to: number | null;
  /** Who decided: the harness's failure detector or the strategy. */
  readonly by: 'harness' | 'strategy';
  /** Harness failover: the new leader's log end when it took over (null for strategy views). */
  readonly base: number | null;
  /**
   * Harness failover: the deposed leader's log end at that moment: entries base+1..fromLogEnd were
   * in its log but not in the new leader's (lost if acknowledged; rolled back when it rejoins).
   */
  readonly fromLogEnd: number | null;
  /** Acknowledged writes lost (measured ones) that were created before this change and after the previous one. */
  readonly lostWrites: number;
}

/** An acknowledged write that no replica holds at the end of the run, and nothing ranked at or above it. */
export interface LostWrite {
  readonly partition: number;
  readonly key: number;
  readonly writeId: number;
  /** Its version (numeric orders; 0 under vector). */
  readonly version: number;
  readonly committedAtUs: number;
}

/** One point of the t-visibility curve: P(a read issued t µs after a commit sees that write or newer). */
export interface VisibilityPoint {
  readonly t_us: number;
  readonly p: number;
}

/** Time series after warm-up in buckets of `bucketSeconds` (index 0 = the first bucket after warm-up; at most 2,048 buckets). */
export interface TimeSeries {
  /** Seconds per bucket: 1, doubled as often as needed to keep every series under 2,048 points. */
  readonly bucketSeconds: number;
  /** Successful operations per second in each bucket. */
  readonly ops: readonly number[];
  /** Failed operations per second in each bucket. */
  readonly failed: readonly number[];
  /** Successful / (successful + failed) operations per bucket (1 when there were none). */
  readonly availability: readonly number[];
  readonly writeMeanUs: readonly number[];
  readonly readMeanUs: readonly number[];
  readonly maxLagUs: readonly number[];
}

/** Spread of a count vector over nodes or partitions (total, mean, min, max, max/mean, coefficient of variation). */
export type Spread = Omit<CountStats, 'counts'>;

/** Load balance and resize cost of the partitioning scheme under the case's workload. */
export interface LoadMetrics {
  readonly scheme: string;
  readonly partitions: number;
  /** Per node (index = node id): client ops served, ops including replicated applies, keys led, keys held. */
  readonly perNode: { readonly ops: readonly number[]; readonly replicaOps: readonly number[]; readonly leaderKeys: readonly number[]; readonly replicaKeys: readonly number[] };
  /** Client operations served per node (leaders, and followers serving reads). */
  readonly nodeOps: Spread;
  /** Client operations plus replicated writes applied, per node (all replicas' work). */
  readonly nodeReplicaOps: Spread;
  readonly nodeLeaderKeys: Spread;
  readonly nodeReplicaKeys: Spread;
  readonly partitionOps: Spread;
  readonly partitionKeys: Spread;
  /** The partition with the most client operations and its share of them. */
  readonly hottestPartition: { readonly partition: number; readonly share: number };
  /** Fraction of the workload's keys whose owner changes growing to N+1 nodes / shrinking to N−1 (null for one node). */
  readonly resize: { readonly grow: number; readonly shrink: number | null };
}

/** An analytic expectation beside the measured value it predicts (where the theory applies). */
export interface Expectation {
  /** What is predicted (for example "write mean latency"). */
  readonly metric: string;
  readonly unit: string;
  readonly measured: number;
  readonly expected: number;
  /** The formula or model, with its source. */
  readonly source: string;
  /** The conditions under which it holds. */
  readonly applies: string;
}

/** Everything measured in one case. */
export interface CaseMetrics {
  /** Virtual seconds measured (after warm-up). */
  readonly measuredSeconds: number;
  /** Successful operations completed per virtual second after warm-up (including those queued during warm-up: the achieved rate). */
  readonly throughput: number;
  /** Operations offered per virtual second after warm-up (open loop: arrivals, including dropped ones; paced closed loop: the target rate). */
  readonly offered: number;
  /** Open-loop arrivals dropped because the in-flight cap was reached. */
  readonly dropped: number;
  /** Achieved throughput below 95% of the offered (open loop) or target (paced) rate. */
  readonly saturated: boolean;
  /** read = plain reads; write = updates and inserts; byKind = every kind that occurred (scan, read-modify-write, ...). */
  readonly ops: { readonly read: OpStats; readonly write: OpStats; readonly byKind: Readonly<Record<string, OpStats>> };
  /** Value bytes written (acknowledged writes) and read, after warm-up. */
  readonly bytes: { readonly written: number; readonly read: number };
  /** Operations still in flight when the run ended (neither successful nor failed). */
  readonly inflightAtEnd: number;
  readonly staleness: {
    readonly reads: number;
    readonly stale: number;
    readonly fraction: number;
    /** k-staleness: behind[k − 1] is the fraction of reads that missed at least k committed versions (k = 1..8; behind[0] = fraction). */
    readonly behind: readonly number[];
    /** Committed versions missed by a stale read (k-staleness). */
    readonly versionGap: HistogramSummary;
    /** µs the newest missed version had been committed when the read started. */
    readonly timeGap: HistogramSummary;
  };
  /** Session anomalies among the reads of closed-loop clients (after warm-up); see harness/metrics/sessions.ts. */
  readonly sessions: {
    /** Reads by sessions (closed-loop clients). */
    readonly reads: number;
    /** A read older than the client's own latest acknowledged write to the key. */
    readonly readYourWrites: number;
    /** A read older than what the client had read of the key before. */
    readonly monotonicReads: number;
    /** A read older than the key's newest committed write, after the client had observed a later write by that write's client. */
    readonly consistentPrefix: number;
  };
  readonly replicationLag: {
    /** Per (committed write, replica other than its coordinator): when the replica first held the write or a newer one − commit time, µs, clamped at 0. */
    readonly lag: HistogramSummary;
    /** (write, replica) pairs not visible when the run ended; recorded in `lag` as the lower bound end − commit. */
    readonly unappliedAtEnd: number;
  };
  readonly visibility: {
    /** Replicas a read may go to, as configured (`leader`, `follower`, `any`). */
    readonly reads: string;
    readonly points: readonly VisibilityPoint[];
  };
  readonly durability: {
    /**
     * Acknowledged writes lost (after warm-up), never hidden: no replica holds them, or anything
     * ranked at or above them, at the end. null: not measured (a real backend, where nothing
     * follows which writes each server holds).
     */
    readonly lostWrites: number | null;
    /** The lost writes (the first 1000). */
    readonly lost: readonly LostWrite[];
    /** Acknowledged writes silently replaced by a concurrent write that did not follow them (last-writer-wins), held by no replica at the end. */
    readonly overwrittenWrites: number;
    /** Detected conflicts: writes kept as siblings of a concurrent write, plus those the strategy reported. */
    readonly conflicts: number;
  };
  readonly availability: {
    /** Successful / all finished operations after warm-up. */
    readonly overall: number;
    /** Longest stretch without a successful operation / write, µs. */
    readonly longestGapUs: number;
    readonly longestWriteGapUs: number;
  };
  readonly faults: { readonly windows: readonly FaultWindow[]; readonly failovers: readonly Failover[] };
  /** Strategy counters (for example semi-sync `fallbacks`), counted after warm-up. */
  readonly counters: Readonly<Record<string, number>>;
  readonly timeseries: TimeSeries;
  readonly load: LoadMetrics;
  /** Analytic expectations that apply to the case, beside their measured values. */
  readonly expectations: readonly Expectation[];
  /** Simulator statistics. */
  readonly sim: { readonly events: number; readonly virtualSeconds: number };
}

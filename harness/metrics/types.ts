/** The metrics a case produces: plain, serialisable data (the contract of DESIGN.md). */
import type { HistogramSummary } from './histogram.js';

/** Latency and counts for one operation type. Latencies are µs from intended start to completion. */
export interface OpStats {
  /** Successful operations after warm-up. */
  readonly count: number;
  /** Failed or timed-out operations after warm-up (never in the latency percentiles). */
  readonly failed: number;
  readonly timedOut: number;
  readonly latency: HistogramSummary;
}

/** One point of the t-visibility curve: P(a read issued t µs after a commit sees that write or newer). */
export interface VisibilityPoint {
  readonly t_us: number;
  readonly p: number;
}

/** Per-second series after warm-up (index 0 = the first second after warm-up). */
export interface TimeSeries {
  readonly ops: readonly number[];
  readonly failed: readonly number[];
  readonly writeMeanUs: readonly number[];
  readonly readMeanUs: readonly number[];
  readonly maxLagUs: readonly number[];
}

/** Everything measured in one case. */
export interface CaseMetrics {
  /** Virtual seconds measured (after warm-up). */
  readonly measuredSeconds: number;
  /** Successful operations per virtual second after warm-up. */
  readonly throughput: number;
  /** Operations issued per virtual second after warm-up (open loop: the offered load). */
  readonly offered: number;
  readonly ops: { readonly read: OpStats; readonly write: OpStats };
  /** Operations still in flight when the run ended (neither successful nor failed). */
  readonly inflightAtEnd: number;
  readonly staleness: {
    readonly reads: number;
    readonly stale: number;
    readonly fraction: number;
    /** Committed versions missed by a stale read (k-staleness). */
    readonly versionGap: HistogramSummary;
    /** µs the newest missed version had been committed when the read started. */
    readonly timeGap: HistogramSummary;
  };
  readonly replicationLag: {
    /** Follower apply time − commit time, µs, clamped at 0 (a follower that applied before the commit has no lag). */
    readonly lag: HistogramSummary;
    /** (write, follower) pairs not applied when the run ended; recorded in `lag` as the lower bound end − commit. */
    readonly unappliedAtEnd: number;
  };
  readonly visibility: {
    /** Replicas a read may go to, as configured (`leader`, `follower`, `any`). */
    readonly reads: string;
    readonly points: readonly VisibilityPoint[];
  };
  /** Strategy counters (for example semi-sync `fallbacks`), counted after warm-up. */
  readonly counters: Readonly<Record<string, number>>;
  readonly timeseries: TimeSeries;
  /** Simulator statistics. */
  readonly sim: { readonly events: number; readonly virtualSeconds: number };
}

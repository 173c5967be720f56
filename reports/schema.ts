/**
 * The result schema written to results.json (versioned) and read back by `report` and `compare`.
 * Reports import every result type from here (never from the harness directly).
 */
import type { CaseConfig } from '../harness/config/schema.js';
import type { CaseMetrics } from '../harness/metrics/types.js';

export type { CaseConfig, FaultConfig, FaultTarget } from '../harness/config/schema.js';
export type { CaseMetrics, Expectation, OpStats, Failover, FaultWindow, LostWrite, TimeSeries } from '../harness/metrics/types.js';
export type { HistogramSummary } from '../harness/metrics/histogram.js';

/** Schema identifier of results.json; bump the number on an incompatible change. */
export const RESULTS_SCHEMA = 'replbench/results@2';

/** Fields every case result has. */
interface CaseBase {
  readonly id: string;
  /** Position of the case in the expanded suite (orders merged and parallel results). */
  readonly index: number;
  readonly name: string;
  readonly seed: number;
  readonly config: CaseConfig;
  /**
   * Content hash (sha256, hex) of every strategy file the case loaded (its module and the files it
   * imports, outside node_modules), by path relative to the suite file's folder; absent for
   * built-in strategies.
   */
  readonly strategyFiles?: Readonly<Record<string, string>>;
}

/** A case that ran to the end. */
export interface CaseOk extends CaseBase {
  readonly status: 'ok';
  readonly metrics: CaseMetrics;
  /** Wall-clock milliseconds the simulation took (not part of the deterministic results). */
  readonly wallMs: number;
}

/** A case that threw (strategy error, stuck simulation, worker crash) or ran past its timeout. */
export interface CaseFailed extends CaseBase {
  readonly status: 'failed' | 'timed-out';
  readonly error: { readonly message: string; readonly stack?: string };
  readonly wallMs: number;
}

/** The outcome of one case. */
export type CaseResult = CaseOk | CaseFailed;

/** Where and on what a run happened. */
export interface Environment {
  readonly replbench: string;
  readonly node: string;
  readonly platform: string;
  readonly arch: string;
  readonly cpus: number;
  readonly cpuModel: string;
  /** Hash (sha256, hex) of replbench's own simulation code (harness, strategies, workloads) that produced the results. */
  readonly code?: string;
}

/** A whole run: suite, environment and every case. */
export interface RunResults {
  readonly schema: typeof RESULTS_SCHEMA;
  readonly suite: {
    readonly name: string;
    readonly description?: string;
    readonly source: string;
    readonly seed: number;
    /** Hash of every case id of the whole suite (all shards): equal fingerprints mean the same suite. */
    readonly fingerprint: string;
    /** Number of cases in the whole suite. */
    readonly total: number;
  };
  /** `complete`: every selected case ran; `interrupted`: stopped by Ctrl-C; `partial`: a merge missing some cases. */
  readonly status: 'complete' | 'interrupted' | 'partial';
  /** The slice of the suite this run covered (`--shard i/n`), if sharded. */
  readonly shard?: { readonly index: number; readonly count: number };
  readonly environment: Environment;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly cases: readonly CaseResult[];
}

/**
 * Limits on what a suite may ask for: large enough for any benchmark a person means to run,
 * small enough that no input can exhaust the machine or make validation itself run for minutes.
 * Each is checked with a message naming the field and the limit (README "Limits").
 */

/** Largest suite file (YAML or JSON), bytes: parsing 1 MiB of YAML takes about 1.5 s and 150 MB. */
export const MAX_SUITE_FILE_BYTES = 1024 * 1024;
/** Largest YCSB workload file, bytes (YCSB's own are under 10 kB). */
export const MAX_YCSB_FILE_BYTES = 1024 * 1024;
/** Most cases a suite may expand to (matrix combinations × repetitions, counted before expanding). */
export const MAX_CASES = 10_000;
/** Most nodes in a cluster. */
export const MAX_NODES = 1_000;
/** Most partitions `cluster.partitions` may ask for. */
export const MAX_PARTITIONS = 10_000;
/** Replicas per partition (the metrics keep one bit per replica in 31-bit masks). */
export const MAX_REPLICATION_FACTOR = 31;
/** Most closed-loop clients. */
export const MAX_CLIENTS = 100_000;
/** Largest open-loop `maxInflight`. */
export const MAX_INFLIGHT = 1_000_000;
/** Highest open-loop rate or closed-loop target, operations per second. */
export const MAX_RATE = 100_000_000;
/** Most faults in one case. */
export const MAX_FAULTS = 10_000;
/** Most fields per record (each insert and full write draws every field's length). */
export const MAX_FIELDS = 1_000;
/** Most records loaded before a run. */
export const MAX_RECORDS = 50_000_000;
/** Longest virtual duration of a case, µs (7 days). */
export const MAX_DURATION_US = 7 * 24 * 3600 * 1e6;
/** Longest wall-clock case timeout, µs (7 days; Node's timers cannot wait longer than 24.8 days). */
export const MAX_CASE_TIMEOUT_US = 7 * 24 * 3600 * 1e6;
/**
 * Most events that can fall on one virtual instant in a closed loop (clients × events per
 * operation): clients with constant latencies move in lockstep, and the simulator takes more than
 * 2,000,000 events without time advancing for a set-up that can never advance.
 */
export const MAX_COINCIDENT_EVENTS = 1_000_000;
/** Worker heap limit of a case when the suite sets no `caseMemory`, MB. */
export const DEFAULT_CASE_MEMORY_MB = 2048;
/** Largest accepted `caseMemory`, MB. */
export const MAX_CASE_MEMORY_MB = 3072;

/** Formats a count with thousands separators (1,000,000). */
export function count(n: number): string {
  return Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : String(n);
}

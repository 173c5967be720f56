/**
 * Seed-to-seed spread of each sort of metric: how far apart one configuration's results lie under
 * different seeds. A single-seed comparison has no noise estimate of its own, so a change smaller
 * than this spread is never called a regression (nor an improvement).
 *
 * How it was measured (`npm run bench -- --only=noise`, bench/compare-noise.ts): the default
 * suite (3 cases, 20 s), the YCSB suite (12 cases, 5 s) and the failover suite (6 cases with a
 * crash, 12 s) were each run under seeds 1–10. For every case and metric the spread is the range
 * of the ten values relative to their median, (max − min) / |median| (cases whose median is 0 are
 * left out); a family's spread is the largest over the cases, separately for the cases without
 * scheduled faults (`steady`, 15 cases) and with them (`faults`, 6 cases). The comment on each
 * line names the case the largest spread came from and the median over the cases.
 */

/** The spread of one family: in cases without faults and with them (null: not measured there). */
export interface Spread {
  readonly steady: number | null;
  readonly faults: number | null;
}

/** The seeds and suites SEED_SPREADS comes from. */
export const SPREAD_MEASUREMENT = 'seeds 1–10 of suites/default.yaml, suites/ycsb.yaml and suites/failover.yaml; (max − min) / median per case, the largest over the cases';

/** The measured spread per metric family (MetricDef.family), as a fraction of the value. */
export const SEED_SPREADS: Readonly<Record<string, Spread>> = {
  availability: { steady: 0, faults: 0.013 }, // faults: largest in failover sync crash a follower; median over 6 cases 0.2%
  availability_worst_1s: { steady: 0, faults: 0.041 }, // faults: largest in failover sync crash a follower; median 1.5%
  // steady: links keep order and resend lost messages themselves, so strategy retransmit counters are
  // 0 without faults; the earlier measurement (0–2 retransmits per run, 200%) is kept as the bound.
  counter: { steady: 2, faults: 0.41 }, // faults: largest in failover sync crash leader retransmits; median over 6 cases 37%
  dropped_ops: { steady: null, faults: null }, // never non-zero in these suites
  failed_ops: { steady: null, faults: 0.081 }, // faults: failover sync crash a follower; median over 4 cases 4.3%
  fault_availability: { steady: null, faults: 0.069 }, // failover sync crash a follower; median over 6 cases 0.5%
  fault_time_to_first_write_us: { steady: null, faults: 1.5 }, // failover async crash a follower; median over 6 cases 6.4%
  longest_write_gap_us: { steady: 1.3, faults: 0.46 }, // steady: default async, median over 15 cases 43%; faults: failover semi-sync crash a follower, median 6.3%
  lost_writes: { steady: null, faults: 1.1 }, // failover async crash leader (the only case that loses writes)
  op_failed: { steady: null, faults: 0.081 }, // failover sync crash a follower write_failed; median over 7 cases 4.6%
  op_mean_us: { steady: 0.037, faults: 0.091 }, // steady: ycsb-e async write_mean_us, median over 28 cases 0.3%; faults: failover sync crash leader, median 0.3%
  op_p50_us: { steady: 0.074, faults: 0.03 }, // steady: ycsb-e async write_p50_us, median over 28 cases 0.4%; faults: median 0.2%
  op_p99_us: { steady: 0.064, faults: 0.12 }, // steady: ycsb-e async write_p99_us, median over 28 cases 2.2%; faults: failover semi-sync crash leader, median 1.2%
  op_p999_us: { steady: 0.39, faults: 0.41 }, // steady: ycsb-b sync write_p999_us, median over 28 cases 4.1%; faults: failover semi-sync crash a follower, median 3.2%
  op_timed_out: { steady: null, faults: 0.081 }, // failover sync crash a follower write_timed_out; median over 7 cases 4.6%
  overwritten_writes: { steady: null, faults: null }, // no multi-writer strategy in these suites; compared by threshold only
  replication_lag_mean_us: { steady: 0.065, faults: 0.057 }, // steady: default semi-sync, median over 7 cases 1.1%; faults: failover semi-sync crash a follower, median 4.6%
  replication_lag_p99_us: { steady: 0.057, faults: 0.027 }, // steady: ycsb-e async, median over 7 cases 5.1%; faults: median 2.1%
  saturated: { steady: null, faults: 0 }, // 1 in every seed of the two failover sync cases, 0 elsewhere
  session_anomaly_fraction: { steady: 6, faults: null }, // ycsb-b async consistent-prefix (a handful of anomalies per run); median over 16 cases 37%
  stale_read_fraction: { steady: 0.81, faults: 0.55 }, // steady: default semi-sync (~1e-4), median over 6 cases 2.7%; faults: failover async crash leader
  throughput_ops_s: { steady: 0.018, faults: 0.017 }, // steady: ycsb-d sync, median over 15 cases 0.6%; faults: median 1.2%
  timed_out_ops: { steady: null, faults: 0.081 }, // failover sync crash a follower; median over 4 cases 4.3%
};

/** The spread for a family in a case with or without scheduled faults (undefined when not measured). */
export function seedSpread(family: string, faults: boolean, table: Readonly<Record<string, Spread>> = SEED_SPREADS): number | undefined {
  const s = table[family];
  if (!s) return undefined;
  const v = faults ? (s.faults ?? s.steady) : s.steady;
  return v ?? undefined;
}

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
  availability: { steady: 0, faults: 0.007 }, // faults: largest in failover sync crash a follower; median over 6 cases 0.2%
  availability_worst_1s: { steady: 0, faults: 0.041 }, // faults: largest in failover sync crash a follower; median 1.7%
  counter: { steady: 2, faults: 0.14 }, // steady: largest in ycsb-e sync retransmits (0–2 per run), median over 12 cases 13.9%; faults: median 11%
  dropped_ops: { steady: null, faults: null }, // never non-zero in these suites
  failed_ops: { steady: null, faults: 0.058 }, // faults: failover sync crash a follower; median over 4 cases 3.1%
  fault_availability: { steady: null, faults: 0.034 }, // failover sync crash leader; median over 6 cases 0.5%
  fault_time_to_first_write_us: { steady: null, faults: 1.7 }, // failover async crash a follower (250–790 µs); median over 6 cases 2.8%
  longest_write_gap_us: { steady: 0.57, faults: 0.32 }, // steady: ycsb-d sync, median over 15 cases 27%; faults: failover async crash a follower, median 3.2%
  lost_writes: { steady: null, faults: 0.94 }, // failover async crash leader (36–81 writes)
  op_failed: { steady: null, faults: 0.058 }, // failover sync crash a follower write_failed; median over 7 cases 4.6%
  op_mean_us: { steady: 0.046, faults: 0.1 }, // steady: ycsb-e async write_mean_us, median over 28 cases 0.2%; faults: failover sync crash leader write_mean_us, median 0.3%
  op_p50_us: { steady: 0.073, faults: 0.026 }, // steady: ycsb-e async write_p50_us, median over 28 cases 0.0%; faults: median 0.2%
  op_p99_us: { steady: 0.058, faults: 0.065 }, // steady: ycsb-d sync write_p99_us, median over 28 cases 1.3%; faults: failover semi-sync crash a follower, median 1.2%
  op_p999_us: { steady: 0.16, faults: 0.13 }, // steady: ycsb-e sync write_p999_us, median over 28 cases 3.2%; faults: failover semi-sync crash leader, median 2.4%
  op_timed_out: { steady: null, faults: 0.058 }, // failover sync crash a follower write_timed_out; median over 7 cases 4.6%
  replication_lag_mean_us: { steady: 0.045, faults: 0.047 }, // steady: default semi-sync, median over 7 cases 1.0%; faults: failover semi-sync crash leader, median 4.4%
  replication_lag_p99_us: { steady: 0.055, faults: 0.0079 }, // steady: ycsb-b async, median over 7 cases 4.0%; faults: median 0.7%
  saturated: { steady: null, faults: 0 }, // 1 in every seed of the two failover sync cases, 0 elsewhere
  stale_read_fraction: { steady: 0.32, faults: 1.6 }, // steady: default semi-sync (~1e-4), median over 6 cases 1.7%; faults: failover async crash leader (5e-4–2e-3)
  throughput_ops_s: { steady: 0.016, faults: 0.012 }, // steady: ycsb-f sync, median over 15 cases 0.5%; faults: median 1.2%
  timed_out_ops: { steady: null, faults: 0.058 }, // failover sync crash a follower; median over 4 cases 3.1%
};

/** The spread for a family in a case with or without scheduled faults (undefined when not measured). */
export function seedSpread(family: string, faults: boolean, table: Readonly<Record<string, Spread>> = SEED_SPREADS): number | undefined {
  const s = table[family];
  if (!s) return undefined;
  const v = faults ? (s.faults ?? s.steady) : s.steady;
  return v ?? undefined;
}

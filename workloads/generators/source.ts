/** The minimal randomness interface every generator draws from (so workloads/ needs nothing of the harness). */

/** A source of uniform numbers in [0, 1) (the harness's seeded Rng gives (0, 1)). */
export interface UniformSource {
  next(): number;
}

/** Something that draws numbers, one per call. */
export interface NumberGenerator {
  next(): number;
}

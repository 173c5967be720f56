/** Key choosers: which record an operation touches. */

/** A source of uniform numbers in (0, 1). */
export interface UniformSource {
  next(): number;
}

/** Draws record numbers in [0, records). */
export type KeyChooser = () => number;

/** Names of the key distributions. */
export const KEY_DISTRIBUTIONS = ['uniform'] as const;

/** A key distribution name. */
export type KeyDistribution = (typeof KEY_DISTRIBUTIONS)[number];

/** Builds a key chooser over `records` keys. */
export function createKeyChooser(dist: KeyDistribution, records: number, rng: UniformSource): KeyChooser {
  switch (dist) {
    case 'uniform':
      return () => Math.floor(rng.next() * records);
  }
}

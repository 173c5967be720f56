/** Partitioning schemes, replica placement and partitioning metrics: the public surface of this folder. */
export * from './types.js';
export * from './errors.js';
export * from './hash.js';
export * from './placement.js';
export { DEFAULT_VNODES, MAX_RING_TOKENS, normalizeOptions, resolveMode, resizeRegions } from './options.js';
export * from './hash-mod.js';
export * from './range.js';
export * from './consistent-hash.js';
export * from './rendezvous.js';
export * from './jump.js';
export * from './registry.js';
export * from './metrics.js';

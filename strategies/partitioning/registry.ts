/** The built-in partitioning schemes by name. A new scheme is one module plus one line here. */
import { consistentHash } from './consistent-hash.js';
import { PartitionConfigError } from './errors.js';
import { hashMod } from './hash-mod.js';
import { jumpHash } from './jump.js';
import { rangePartitioning } from './range.js';
import { rendezvous } from './rendezvous.js';
import type { PartitionOptions, PartitionScheme, PartitionSchemeName } from './types.js';

/** Builds a scheme from options (validating them; throws `PartitionConfigError`). */
export type PartitionSchemeFactory = (options: PartitionOptions) => PartitionScheme;

/** Built-in schemes, keyed by their suite name. */
export const partitionSchemes: ReadonlyMap<PartitionSchemeName, PartitionSchemeFactory> = new Map<PartitionSchemeName, PartitionSchemeFactory>([
  ['hash-mod', hashMod],
  ['range', rangePartitioning],
  ['consistent-hash', consistentHash],
  ['rendezvous', rendezvous],
  ['jump', jumpHash],
]);

/** The built-in scheme names, in a stable order (for schema enums and sweeps). */
export const PARTITION_SCHEME_NAMES: readonly PartitionSchemeName[] = ['hash-mod', 'range', 'consistent-hash', 'rendezvous', 'jump'];

/** Whether `name` is a built-in scheme name. */
export function isPartitionSchemeName(name: string): name is PartitionSchemeName {
  return partitionSchemes.has(name as PartitionSchemeName);
}

/** Builds the scheme called `name` from `options`; throws `PartitionConfigError` (path `partitioning`) for an unknown name or invalid options. */
export function createPartitionScheme(name: string, options: PartitionOptions): PartitionScheme {
  const factory = partitionSchemes.get(name as PartitionSchemeName);
  if (factory === undefined) {
    throw new PartitionConfigError([{ path: 'partitioning', message: `unknown partitioning scheme '${name}'; expected one of ${PARTITION_SCHEME_NAMES.join(', ')}` }]);
  }
  return factory(options);
}

/**
 * Which configuration fields differ between two result sets: for "no common cases" messages and
 * for comparisons that pair cases by name. Configurations are flattened to dotted paths
 * (`network.nodeToNode.median`) without the seed, repetition and suite name.
 */
import type { CaseConfig } from './schema.js';
import { canonicalJson } from './canonical-json.js';
import { comparableConfig } from './config-key.js';

/** One differing field: its path and the value on each side (canonical JSON; `–` when absent). */
export interface FieldDifference {
  readonly path: string;
  readonly base: string;
  readonly head: string;
}

/** Flattens a value into `path → canonical JSON of the leaf`. */
export function flatten(value: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    if (!entries.length && prefix) out.set(prefix, '{}');
    for (const [k, v] of entries) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (Array.isArray(value)) {
    if (!value.length && prefix) out.set(prefix, '[]');
    value.forEach((v, i) => flatten(v, `${prefix}[${i}]`, out));
  } else {
    out.set(prefix, canonicalJson(value));
  }
  return out;
}

/** The fields in which two configurations differ (seed, repetition and suite name aside), in path order. */
export function configDifferences(base: CaseConfig, head: CaseConfig): FieldDifference[] {
  const a = flatten(comparableConfig(base));
  const b = flatten(comparableConfig(head));
  const paths = [...new Set([...a.keys(), ...b.keys()])].sort();
  return paths.filter((p) => a.get(p) !== b.get(p)).map((p) => ({ path: p, base: a.get(p) ?? '–', head: b.get(p) ?? '–' }));
}

/**
 * The differences between the closest pair of configurations of two sets (the pair with the
 * fewest differing fields; at most `sample` configurations of each side are tried).
 */
export function closestDifferences(base: readonly CaseConfig[], head: readonly CaseConfig[], sample = 40): FieldDifference[] {
  let best: FieldDifference[] | undefined;
  for (const b of base.slice(0, sample)) {
    for (const h of head.slice(0, sample)) {
      const d = configDifferences(b, h);
      if (!best || d.length < best.length) best = d;
      if (best.length <= 1) return best;
    }
  }
  return best ?? [];
}

/** `network.nodeToNode.median: 1000 → 1100` for the first `limit` differences, and how many more. */
export function describeDifferences(diffs: readonly FieldDifference[], limit = 4): string {
  const shown = diffs.slice(0, limit).map((d) => `${d.path}: ${short(d.base)} → ${short(d.head)}`);
  if (diffs.length > limit) shown.push(`and ${diffs.length - limit} more`);
  return shown.join('; ');
}

function short(v: string): string {
  return v.length > 60 ? `${v.slice(0, 57)}...` : v;
}

/**
 * Whether a case measured enough to mean anything: the one rule that the terminal table,
 * summary.md and index.html use to flag a case (a mark and a footnote), and that the key findings
 * use to leave a case out of every ranking ("highest throughput", "lowest write p99", ...).
 *
 * A case measured too little when no operation finished after the warm-up, when no measured time
 * passed, or when it reports a p99 from fewer than MIN_OPS_FOR_P99 operations of a kind (the
 * 99th percentile of 500 samples is their 5th-largest value: noise, not a tail).
 */
import type { CaseMetrics } from './schema.js';

/** Fewest successful operations of a kind for its p99 to count as measured. */
export const MIN_OPS_FOR_P99 = 1000;

/** The mark next to the name of a case that measured too little. */
export const INSUFFICIENT_MARK = '†';

/** One reason a case measured too little. */
export type Shortfall =
  | { readonly kind: 'no-operations' }
  | { readonly kind: 'no-time' }
  /** A latency p99 reported from `count` (< MIN_OPS_FOR_P99) successful operations of `op`. */
  | { readonly kind: 'few-operations'; readonly op: string; readonly count: number };

/** The operation kinds a case reports a latency p99 for, with their successful counts (reads, writes, then scans and the like). */
function p99Counts(m: CaseMetrics): [string, number][] {
  const out: [string, number][] = [['read', m.ops.read.count], ['write', m.ops.write.count]];
  const byKind = m.ops.byKind ?? {};
  for (const [kind, s] of Object.entries(byKind)) {
    if (kind === 'read') continue; // the same operations as `read`
    // An update or insert that is every write is the `write` row already.
    if ((kind === 'update' || kind === 'insert') && s.count === m.ops.write.count) continue;
    out.push([kind, s.count]);
  }
  return out.filter(([, n]) => n > 0);
}

/** Why a case measured too little (empty: it measured enough). */
export function shortfalls(m: CaseMetrics): Shortfall[] {
  const out: Shortfall[] = [];
  const kinds = m.ops.byKind && Object.keys(m.ops.byKind).length ? Object.values(m.ops.byKind) : [m.ops.read, m.ops.write];
  const finished = kinds.reduce((s, k) => s + k.count + k.failed, 0);
  if (finished === 0) out.push({ kind: 'no-operations' });
  if (!(m.measuredSeconds > 0)) out.push({ kind: 'no-time' });
  for (const [op, count] of p99Counts(m)) if (count < MIN_OPS_FOR_P99) out.push({ kind: 'few-operations', op, count });
  return out;
}

/** True when a case measured enough to be compared and ranked. */
export function measuredEnough(m: CaseMetrics): boolean {
  return shortfalls(m).length === 0;
}

/** The shortfalls of several measurements of one configuration (repetitions): every reason, the smallest count per kind. */
export function mergeShortfalls(lists: readonly (readonly Shortfall[])[]): Shortfall[] {
  const out = new Map<string, Shortfall>();
  for (const list of lists) {
    for (const s of list) {
      const key = s.kind === 'few-operations' ? `few:${s.op}` : s.kind;
      const prev = out.get(key);
      if (!prev || (s.kind === 'few-operations' && prev.kind === 'few-operations' && s.count < prev.count)) out.set(key, s);
    }
  }
  return [...out.values()];
}

const int = (n: number) => n.toLocaleString('en-US');

/** The footnote text of a case's shortfalls, e.g. "too few operations: read p99 from 487 ops, write p99 from 513 ops". */
export function shortfallNote(list: readonly Shortfall[]): string {
  const parts: string[] = [];
  if (list.some((s) => s.kind === 'no-operations')) parts.push('no operations measured');
  if (list.some((s) => s.kind === 'no-time')) parts.push('no measured time');
  const few = list.flatMap((s) => (s.kind === 'few-operations' ? [`${s.op} p99 from ${int(s.count)} op${s.count === 1 ? '' : 's'}`] : []));
  if (few.length) parts.push(`too few operations: ${few.join(', ')}`);
  return parts.join('; ');
}

/** A case name with the mark when it measured too little. */
export function markedName(name: string, list: readonly Shortfall[]): string {
  return list.length ? `${name} ${INSUFFICIENT_MARK}` : name;
}

/** At most this many cases are listed in a footnote. */
const MAX_FOOTNOTES = 20;

/**
 * The footnote lines under a table whose rows include cases that measured too little (none when
 * every case measured enough): what the mark means, then one line per flagged case.
 */
export function footnotes(rows: readonly { readonly name: string; readonly shortfalls: readonly Shortfall[] }[]): string[] {
  const flagged = rows.filter((r) => r.shortfalls.length > 0);
  if (!flagged.length) return [];
  const lines = [`${INSUFFICIENT_MARK} measured too little to compare (no operations, no measured time, or a p99 from fewer than ${int(MIN_OPS_FOR_P99)} operations of a kind); never ranked in the findings:`];
  for (const r of flagged.slice(0, MAX_FOOTNOTES)) lines.push(`${r.name}: ${shortfallNote(r.shortfalls)}`);
  if (flagged.length > MAX_FOOTNOTES) lines.push(`and ${flagged.length - MAX_FOOTNOTES} more`);
  return lines;
}

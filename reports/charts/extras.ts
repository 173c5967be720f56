/**
 * Optional metrics that later issues add (fault windows, per-node load). They are read
 * defensively from the case metrics: absent or malformed data means "not measured".
 */
import type { CaseMetrics } from '../schema.js';

/** A fault active over [start_s, end_s) seconds after warm-up. */
export interface FaultWindow {
  readonly start_s: number;
  readonly end_s: number;
  readonly label: string;
}

/** Times (seconds after warm-up) of leader failovers recorded in `metrics.faults.failovers`. */
export function failoverTimes(m: CaseMetrics): number[] {
  const f = (m as unknown as { faults?: { failovers?: unknown } }).faults?.failovers;
  if (!Array.isArray(f)) return [];
  return f.flatMap((x) => (x && typeof x === 'object' && isNum((x as Record<string, unknown>).at_s) ? [(x as Record<string, number>).at_s!] : []));
}

/** Load on one node over the measured period. */
export interface NodeLoad {
  readonly node: string;
  /** Client operations served. */
  readonly ops: number;
  /** Client operations plus replicated writes applied (null when not recorded). */
  readonly replicaOps: number | null;
}

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** The fault windows recorded in `metrics.faults.windows`, if any. */
export function faultWindows(m: CaseMetrics): FaultWindow[] {
  const w = (m as unknown as { faults?: { windows?: unknown } }).faults?.windows;
  if (!Array.isArray(w)) return [];
  return w.flatMap((x): FaultWindow[] => {
    const o = x as Record<string, unknown> | null;
    if (!o || !isNum(o.start_s) || !isNum(o.end_s) || o.end_s < o.start_s) return [];
    return [{ start_s: o.start_s, end_s: o.end_s, label: typeof o.label === 'string' ? o.label : 'fault' }];
  });
}

/**
 * Per-node load from `metrics.load.perNode`: `{ ops: number[], replicaOps?: number[] }` (index =
 * node id), or an array of op counts, or an array of `{ node?, ops, replicaOps? }`.
 */
export function perNodeLoad(m: CaseMetrics): NodeLoad[] {
  const p = (m as unknown as { load?: { perNode?: unknown } }).load?.perNode;
  if (p && typeof p === 'object' && !Array.isArray(p)) {
    const o = p as Record<string, unknown>;
    if (!Array.isArray(o.ops)) return [];
    const replica = Array.isArray(o.replicaOps) ? o.replicaOps : [];
    return o.ops.flatMap((ops, i): NodeLoad[] => (isNum(ops) ? [{ node: `n${i}`, ops, replicaOps: isNum(replica[i]) ? replica[i] : null }] : []));
  }
  if (!Array.isArray(p)) return [];
  return p.flatMap((x, i): NodeLoad[] => {
    if (isNum(x)) return [{ node: `n${i}`, ops: x, replicaOps: null }];
    const o = x as Record<string, unknown> | null;
    if (!o || typeof o !== 'object' || !isNum(o.ops)) return [];
    const node = isNum(o.node) ? `n${o.node}` : typeof o.node === 'string' ? o.node : `n${i}`;
    return [{ node, ops: o.ops, replicaOps: isNum(o.replicaOps) ? o.replicaOps : null }];
  });
}

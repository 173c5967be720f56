/**
 * Checks of a case that runs against a real database (what the simulator allows but a real
 * cluster cannot do), and the strategy entry such a case records: the database's own replication.
 */
import type { InputProblem } from './errors.js';
import { replicasOf, type RealBackendConfig } from './backend.js';
import type { FaultConfig, WorkloadConfig } from './schema.js';
import type { DistSpec } from '../sim/distributions.js';

/** Longest real case: its duration is wall-clock time. */
export const MAX_REAL_DURATION_US = 3_600_000_000;

/** The strategy entry of a real case (results and reports group cases by it). */
export function realStrategy(b: RealBackendConfig): { name: string; params: Record<string, unknown> } {
  if (b.kind === 'redis') return { name: b.kind, params: { mode: b.mode, acks: b.acks, waitTimeout: b.waitTimeout } };
  if (b.kind === 'mariadb') return { name: b.kind, params: { mode: b.mode, ...(b.mode === 'semisync' ? { waitPoint: b.waitPoint, semisyncTimeout: b.semisyncTimeout } : {}), applyThreads: b.applyThreads, syncBinlog: b.syncBinlog } };
  return { name: b.kind, params: b.connection ? { synchronousCommit: b.synchronousCommit } : { mode: b.mode, acks: b.acks, synchronousCommit: b.synchronousCommit } };
}

/** Problems of a real case, with paths rooted at the case. */
export function realCaseProblems(
  b: RealBackendConfig,
  c: { readonly duration: number; readonly workload: WorkloadConfig; readonly faults: readonly FaultConfig[]; readonly network: { readonly loss: number; readonly bandwidth?: number | undefined; readonly nodeToNode: DistSpec } },
): InputProblem[] {
  const out: InputProblem[] = [];
  const wl = c.workload;
  if (c.duration > MAX_REAL_DURATION_US) out.push({ path: 'duration', message: `a real case runs in wall-clock time: at most ${MAX_REAL_DURATION_US / 1e6} s` });
  if (wl.writes !== 'leader') out.push({ path: 'workload.writes', message: `a ${b.kind} cluster takes writes on its primary only (workload.writes: leader)` });
  if (wl.reads === 'nearest') out.push({ path: 'workload.reads', message: 'nearest reads need regions, which a real backend does not model (use leader, follower, any or sticky)' });
  const hasReads = wl.mix.read + wl.mix.scan + wl.mix['read-modify-write'] > 0;
  if (wl.reads === 'follower' && replicasOf(b) === 0 && hasReads) out.push({ path: 'workload.reads', message: `follower reads need at least one ${b.kind === 'postgres' ? 'standby' : 'replica'}` });
  if (c.network.loss > 0) out.push({ path: 'network.loss', message: 'message loss cannot be injected into a real cluster (TCP resends lost packets); leave network.loss at 0' });
  if (c.network.bandwidth !== undefined) out.push({ path: 'network.bandwidth', message: 'a bandwidth limit is not injected into a real cluster; leave network.bandwidth out' });
  c.faults.forEach((f, i) => {
    if (f.kind !== 'crash') out.push({ path: `faults.${i}.kind`, message: `a real backend supports crash faults only (a node stopped and restarted), not ${f.kind}` });
    else if (b.kind === 'postgres' && b.connection) out.push({ path: `faults.${i}`, message: 'faults need a cluster replbench starts (not backend.connection)' });
  });
  return out;
}

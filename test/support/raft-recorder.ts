/**
 * Test support: the built-in `raft` strategy wrapped so that a test can check Raft's safety
 * properties from outside it. The wrapper records every leader announcement (ctx.setView), every
 * acknowledged write (with the term the replying replica was in), and every log entry applied
 * on every replica (State Machine Safety: no two replicas apply different entries at one index)
 * and when.
 */
import type { LogEntry, ReplicaContext, ReplicationLog, StrategyDefinition } from '../../harness/runtime/contract.js';
import { raftStrategy, type RaftParams } from '../../strategies/replication/raft.js';

/** What the wrapped strategy saw. */
export interface RaftRecord {
  /** Every ctx.setView: (partition, term, node, virtual µs). */
  readonly views: { partition: number; term: number; node: number; at: number }[];
  /** Every acknowledged client write: the partition, the replying node, its term then, virtual µs. */
  readonly acks: { partition: number; term: number; node: number; at: number }[];
  /** Per (partition, log index) (as partition·2^32 + index), the (term, writeId) first applied there. */
  readonly applied: Map<number, { term: number; writeId: number }>;
  /** How often a replica applied, at an index, another entry than the one applied there first. */
  conflictingApplies: number;
  /** Every commit that applied something: the partition, the node, its new lastApplied, virtual µs. */
  readonly progress: { partition: number; node: number; index: number; at: number }[];
}

/** The first time `node` had applied index `index` or beyond in partition 0 (NaN if never). */
export function appliedBy(r: RaftRecord, node: number, index: number): number {
  return r.progress.find((p) => p.partition === 0 && p.node === node && p.index >= index)?.at ?? NaN;
}

/** The highest index `node` had applied in partition 0 at time `at` (µs). */
export function appliedAt(r: RaftRecord, node: number, at: number): number {
  let best = 0;
  for (const p of r.progress) if (p.partition === 0 && p.node === node && p.at <= at && p.index > best) best = p.index;
  return best;
}

/** The (partition, term) pairs, as "p/t", in which more than one node announced itself leader. */
export function termsWithTwoLeaders(r: RaftRecord): string[] {
  const byTerm = new Map<string, Set<number>>();
  for (const v of r.views) {
    const k = `${v.partition}/${v.term}`;
    (byTerm.get(k) ?? byTerm.set(k, new Set()).get(k)!).add(v.node);
  }
  return [...byTerm].filter(([, nodes]) => nodes.size > 1).map(([k]) => k);
}

/** The (partition, term) pairs, as "p/t", in which a write was acknowledged by a node other than the one that announced itself leader of that term. */
export function termsCommittedByTwo(r: RaftRecord): string[] {
  const leader = new Map<string, number>();
  for (const v of r.views) leader.set(`${v.partition}/${v.term}`, v.node);
  const bad = new Set<string>();
  for (const a of r.acks) if (leader.get(`${a.partition}/${a.term}`) !== a.node) bad.add(`${a.partition}/${a.term}`);
  return [...bad];
}

/** The raft strategy, recording into a fresh RaftRecord. */
export function recordingRaft(): { strategy: StrategyDefinition<RaftParams>; record: RaftRecord } {
  const record: RaftRecord = { views: [], acks: [], applied: new Map(), conflictingApplies: 0, progress: [] };
  const strategy: StrategyDefinition<RaftParams> = {
    ...raftStrategy,
    create(ctx: ReplicaContext, params: RaftParams) {
      const log = ctx.log;
      const noteApplied = (from: number, to: number) => {
        for (let i = from; i <= to; i++) {
          const e = log.entry(i) as LogEntry;
          const at = ctx.partition * 2 ** 32 + i;
          const seen = record.applied.get(at);
          if (!seen) record.applied.set(at, { term: e.term, writeId: e.writeId });
          else if (seen.term !== e.term || seen.writeId !== e.writeId) record.conflictingApplies++;
        }
      };
      const wrappedLog: ReplicationLog = {
        get term() {
          return log.term;
        },
        get lastIndex() {
          return log.lastIndex;
        },
        get lastApplied() {
          return log.lastApplied;
        },
        get waiting() {
          return log.waiting;
        },
        setTerm: (t) => log.setTerm(t),
        write: (req, apply) => log.write(req, apply),
        append: (e) => log.append(e),
        keep: (e) => log.keep(e),
        truncate: (index) => log.truncate(index),
        commit: (index) => {
          const before = log.lastApplied;
          const after = log.commit(index);
          if (after > before) {
            noteApplied(before + 1, after);
            record.progress.push({ partition: ctx.partition, node: ctx.node, index: after, at: ctx.now() });
          }
          return after;
        },
        entry: (i) => log.entry(i),
        termAt: (i) => log.termAt(i),
        trim: (i) => log.trim(i),
      };
      const wrapped = Object.create(ctx) as ReplicaContext & { log: ReplicationLog };
      Object.defineProperty(wrapped, 'log', { value: wrappedLog });
      Object.defineProperty(wrapped, 'setView', {
        value: (v: Parameters<ReplicaContext['setView']>[0]) => {
          record.views.push({ partition: ctx.partition, term: v.term, node: ctx.node, at: ctx.now() });
          ctx.setView(v);
        },
      });
      Object.defineProperty(wrapped, 'reply', {
        value: (req: Parameters<ReplicaContext['reply']>[0], res: Parameters<ReplicaContext['reply']>[1]) => {
          if (req.op === 'write' && res.status === 'ok') record.acks.push({ partition: ctx.partition, term: (ctx.durable as { term: number }).term, node: ctx.node, at: ctx.now() });
          ctx.reply(req, res);
        },
      });
      return raftStrategy.create(wrapped, params);
    },
  };
  return { strategy, record };
}

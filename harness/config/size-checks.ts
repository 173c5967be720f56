/**
 * Size checks of a resolved case: a conservative estimate of the memory it would need (so that a
 * case that cannot fit in `caseMemory` is rejected before it runs), and the most events that can
 * fall on one virtual instant in a closed loop.
 *
 * The memory estimate (README "Limits") adds, calibrated on the built-in strategies (Node 20):
 * - keys: a version per key on every node (4 B × nodes) and the recorder's newest version and its
 *   time (12 B) for every key the run can hold: the records plus every insert the run can make
 *   (arrays double as inserts grow them, so twice that); plus 8 B per record for the resize metrics.
 *   Inserts are bounded by `operations` (plus the warm-up's, at the highest rate, when they are
 *   counted after it) and by the highest rate the set-up allows over `duration`.
 * - replicas: 32 KiB per replica (partitions × replication factor; log shipping keeps 4096-entry
 *   rings; 27 KiB measured) and 8 B per (partition, node) pair.
 * - operations in flight: 1 KiB per operation and per message it fans out to (replicas, partitions
 *   a scan visits), for every closed-loop client or open-loop operation in flight.
 * - writes held during faults: 400 B per write made while a fault is active (the leader keeps them
 *   for followers that are down or cut off, the recorder until they are applied; 340 B measured).
 * - 1 KiB per fault, and 48 MiB for the rest (histograms, buffers, the strategy's code).
 * The highest rate is the open-loop rate or closed-loop target, or for unpaced closed loops the
 * clients divided by the mean time of one operation (think time, the round trip to a node, the
 * service time; queueing only lowers it), capped by the nodes' service capacity.
 */
import { distMean } from '../sim/distributions.js';
import type { InputProblem } from './errors.js';
import type { CaseConfig } from './schema.js';
import { MAX_CASE_MEMORY_MB, MAX_COINCIDENT_EVENTS, count } from './limits.js';

const KIB = 1024;
const MIB = 1024 * 1024;
const REPLICA_BYTES = 32 * KIB;
const INFLIGHT_BYTES = KIB;
const HELD_WRITE_BYTES = 400;
const FAULT_BYTES = KIB;
const BASE_BYTES = 48 * MIB;

/** What the size checks need to know about a case (its resolved configuration and partition count). */
export type SizedCase = Pick<CaseConfig, 'duration' | 'warmup' | 'operations' | 'operationsAfterWarmup' | 'cluster' | 'partitioning' | 'network' | 'service' | 'workload' | 'faults'> & {
  /** The partitions the scheme makes (nodes in per-node mode, nodes × vnodes on a consistent-hash ring). */
  readonly partitions: number;
  /** Whether writes wait for followers (the strategy's waitsForFollowers). */
  readonly writesWait: boolean;
};

/** One term of the memory estimate: what, how many bytes, and the field a user would change. */
export interface MemoryTerm {
  readonly what: string;
  readonly bytes: number;
  readonly path: string;
  readonly detail: string;
}

/** Highest operations per second the set-up allows (an upper bound; Infinity if unbounded). */
export function rateBound(c: SizedCase): number {
  const cl = c.workload.clients;
  if (cl.model === 'open') return cl.rate;
  if (cl.target !== undefined) return cl.target;
  const mix = c.workload.mix;
  const svc = {
    read: distMean(c.service.read),
    write: distMean(c.service.write),
    scan: distMean(c.service.scan),
  };
  const work = mix.read * svc.read + mix.scan * svc.scan + (mix.update + mix.insert) * svc.write + mix['read-modify-write'] * (svc.read + svc.write);
  const writes = mix.update + mix.insert + mix['read-modify-write'];
  const replication = c.writesWait ? writes * (2 * distMean(c.network.nodeToNode) + distMean(c.service.apply)) : 0;
  const cycle = distMean(cl.thinkTime) + 2 * distMean(c.network.clientToNode) * (1 + mix['read-modify-write']) + work + replication;
  const byClients = cycle > 0 ? (cl.count * 1e6) / cycle : Infinity;
  const byService = work > 0 ? (c.cluster.nodes * c.service.workers * 1e6) / work : Infinity;
  return Math.min(byClients, byService);
}

/** Messages and requests one operation can fan out to at once: its replicas, and every partition a scan visits. */
export function fanOut(c: SizedCase): number {
  const wl = c.workload;
  let scanParts = 0;
  if (wl.mix.scan > 0) {
    scanParts = c.partitioning.scheme === 'range' ? Math.min(c.partitions, 1 + Math.ceil((wl.scan.maxLength * c.partitions) / wl.records)) : c.partitions;
  }
  return 1 + Math.max(c.cluster.replicationFactor - 1, scanParts);
}

/**
 * Events one operation can put on a single instant: its arrival, the messages it fans out to and
 * their answers (with zero node-to-node latency all of them land on the same instant).
 */
export function eventsPerOperation(c: SizedCase): number {
  return 1 + 2 * (fanOut(c) - 1);
}

/** The terms of the memory estimate of a case (bytes). */
export function memoryTerms(c: SizedCase): MemoryTerm[] {
  const wl = c.workload;
  const nodes = c.cluster.nodes;
  const rf = c.cluster.replicationFactor;
  const seconds = c.duration / 1e6;
  const rate = rateBound(c);
  const opsByRate = rate * seconds;
  // An operation limit counted after the warm-up (YCSB's operationcount with a warm-up) leaves the warm-up's operations unbounded but by rate.
  const opsByLimit = c.operations === null ? Infinity : c.operations + (c.operationsAfterWarmup ? rate * (c.warmup / 1e6) : 0);
  const ops = Math.min(opsByLimit, opsByRate);
  const opsPath = opsByLimit <= opsByRate ? 'operations' : 'duration';
  const opsWhy = c.operations !== null && opsByLimit <= opsByRate ? `operations ${count(c.operations)}${c.operationsAfterWarmup ? ` after a ${count(c.warmup / 1e6)} s warm-up` : ''}` : `up to ${count(rate)} ops/s for ${count(seconds)} s`;

  const inserts = ops * wl.mix.insert;
  const keys = wl.records + inserts;
  const slots = inserts > 0 ? 2 * keys : keys;
  const keyBytes = slots * (4 * nodes + 12) + wl.records * 8;
  const insertsDominate = inserts > wl.records;

  const inflightOps = wl.clients.model === 'closed' ? wl.clients.count : Math.min(wl.clients.maxInflight, Math.ceil(wl.clients.rate * (wl.timeout / 1e6)));
  const fan = fanOut(c);

  const faultSeconds = c.faults.reduce((s, f) => s + Math.max(0, Math.min(c.duration, f.for === null ? c.duration : f.at + f.for) - f.at), 0) / 1e6;
  const writeShare = wl.mix.update + wl.mix.insert + wl.mix['read-modify-write'];
  const heldWrites = c.faults.length > 0 ? Math.min(ops, rate * faultSeconds) * writeShare : 0;

  const partitionsPath = c.partitions !== c.cluster.partitions && c.partitions !== nodes && c.partitioning.scheme === 'consistent-hash' ? 'partitioning.vnodes' : c.partitions === nodes && c.cluster.partitions !== nodes ? 'cluster.nodes' : 'cluster.partitions';
  return [
    {
      what: 'keys',
      bytes: keyBytes,
      path: insertsDominate ? opsPath : 'workload.records',
      detail: `${count(wl.records)} records${inserts > 0 ? ` + up to ${count(inserts)} inserts (${opsWhy})` : ''} on ${count(nodes)} nodes`,
    },
    { what: 'replicas', bytes: c.partitions * rf * REPLICA_BYTES + c.partitions * nodes * 8, path: partitionsPath, detail: `${count(c.partitions)} partitions × ${rf} replicas` },
    {
      what: 'operations in flight',
      bytes: inflightOps * fan * INFLIGHT_BYTES,
      path: wl.clients.model === 'closed' ? 'workload.clients.count' : 'workload.clients.maxInflight',
      detail: `${count(inflightOps)} ${wl.clients.model === 'closed' ? 'clients' : 'operations'} × ${fan} messages`,
    },
    { what: 'writes held during faults', bytes: heldWrites * HELD_WRITE_BYTES, path: 'faults', detail: `up to ${count(heldWrites)} writes in ${count(faultSeconds)} s of faults (${opsWhy})` },
    { what: 'faults', bytes: c.faults.length * FAULT_BYTES, path: 'faults', detail: `${count(c.faults.length)} faults` },
    { what: 'the rest', bytes: BASE_BYTES, path: '', detail: 'histograms, buffers, code' },
  ];
}

const mb = (bytes: number) => (Number.isFinite(bytes) ? `${count(Math.ceil(bytes / MIB))} MB` : 'unbounded');

/**
 * Problems of a case's size: a memory estimate above `caseMemoryMb` (reported at the field of its
 * largest term), or a closed loop whose clients could put more than MAX_COINCIDENT_EVENTS events on
 * one instant. `where` maps a field path to what the user wrote (matrix entries).
 */
export function sizeProblems(c: SizedCase, caseMemoryMb: number, where: (path: string) => string): InputProblem[] {
  const problems: InputProblem[] = [];
  const cl = c.workload.clients;
  if (cl.model === 'closed') {
    const events = eventsPerOperation(c);
    if (cl.count * events > MAX_COINCIDENT_EVENTS) {
      problems.push({
        path: where('workload.clients.count'),
        message: `${count(cl.count)} closed-loop clients × ${events} events per operation (its arrival, and a message to and an answer from each other replica or each partition a scan visits) can put more than ${count(MAX_COINCIDENT_EVENTS)} events on one virtual instant (replbench's limit; see README "Limits"); use fewer clients`,
      });
    }
  }
  const terms = memoryTerms(c);
  const total = terms.reduce((s, t) => s + t.bytes, 0);
  if (!(total <= caseMemoryMb * MIB)) {
    const largest = terms.reduce((a, b) => (b.bytes > a.bytes ? b : a));
    const parts = terms.filter((t) => t.bytes >= MIB).map((t) => `${t.what} ${mb(t.bytes)} (${t.detail})`);
    problems.push({
      path: where(largest.path),
      message: `a case would need about ${mb(total)} of memory, more than caseMemory (${count(caseMemoryMb)} MB${caseMemoryMb < MAX_CASE_MEMORY_MB ? `; at most ${count(MAX_CASE_MEMORY_MB)}` : ''}): ${parts.join(', ')}; reduce ${largest.path || 'the case'}${caseMemoryMb < MAX_CASE_MEMORY_MB ? ' or raise caseMemory' : ''} (see README "Limits")`,
    });
  }
  return problems;
}

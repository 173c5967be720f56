/**
 * hash-mod partitioning: partition = hash64(key) mod P.
 *
 * - `per-node` mode (P = nodes, the default when partitions = nodes): the naive mod-N scheme. Partition p is led by
 *   node p. Resizing changes P, so a key stays put only if hash mod N = hash mod N' — from 10 to 11 nodes that is
 *   1/11 of keys, i.e. 10/11 move.
 * - `fixed` mode (the default when partitions ≠ nodes): P stays fixed and partitions are assigned to nodes (round-robin
 *   at first) and moved whole on resize (see `PartitionAssignment`), so growing N→N+1 moves ≈ 1/(N+1) of keys. An
 *   explicit `mode: 'fixed'` needs partitions ≥ nodes; by default fewer partitions than nodes are allowed (e.g. one
 *   partition replicated on every node, the classic single-leader database).
 * Followers are the leader's successors (leader+1, leader+2, … mod N), or spread over regions.
 */
import { Hasher64 } from './hash.js';
import { normalizeOptions, resizedOptions, resolveMode, throwIfProblems } from './options.js';
import { PartitionAssignment, type ReplicaTable, allPartitions, successorTable } from './placement.js';
import type { PartitionProblem } from './errors.js';
import type { NormalizedPartitionOptions, PartitionMode, PartitionOptions, PartitionScheme, ResizeChanges } from './types.js';

/** The hash-mod scheme (see the module comment); build it with `hashMod`. */
export class HashModScheme implements PartitionScheme {
  /** Always `hash-mod`. */
  readonly name = 'hash-mod';
  /** Number of partitions (P). */
  readonly partitions: number;
  /** Resize behaviour in effect. */
  readonly mode: PartitionMode;
  /** Partition→leader assignment (fixed mode; in per-node mode partition p is led by node p). */
  readonly assignment: PartitionAssignment | null;
  private readonly hasher: Hasher64;
  private readonly table: ReplicaTable;
  private scanAll: readonly number[] | undefined;

  /** Use `hashMod(options)`; this constructor trusts already validated options. */
  constructor(
    readonly options: NormalizedPartitionOptions,
    mode: PartitionMode,
    assignment: PartitionAssignment | null,
  ) {
    this.mode = mode;
    this.partitions = mode === 'per-node' ? options.nodes : options.partitions!;
    this.assignment = assignment;
    this.hasher = new Hasher64(options.seed, 'hash-mod');
    const leader = assignment ? assignment.leader : null;
    this.table = successorTable(this.partitions, leader ? (p) => leader[p]! : (p) => p, options);
  }

  /** Number of nodes. */
  get nodes(): number {
    return this.options.nodes;
  }

  /** Replicas per partition. */
  get replicationFactor(): number {
    return this.options.replicationFactor;
  }

  /** hash64(key) mod P (using the hash's top 53 bits). */
  partitionOf(key: number): number {
    return this.partitions === 1 ? 0 : this.hasher.hash53(key) % this.partitions;
  }

  /** Leader first, then successors. */
  replicasOf(partition: number): readonly number[] {
    return this.table.get(partition);
  }

  /** Every partition: hashing scatters neighbouring keys. */
  partitionsForScan(_startKey: number, _endKey: number): readonly number[] {
    return (this.scanAll ??= allPartitions(this.partitions));
  }

  /** Per-node mode re-hashes into `nodes` partitions; fixed mode moves whole partitions. */
  resize(nodes: number, changes?: ResizeChanges): HashModScheme {
    const next = resizedOptions(this.options, nodes, changes);
    if (this.mode === 'per-node') return buildHashMod({ ...next, partitions: nodes, mode: 'per-node' }, null);
    return buildHashMod({ ...next, mode: 'fixed' }, this.assignment!);
  }
}

function buildHashMod(options: PartitionOptions, previous: PartitionAssignment | null): HashModScheme {
  const problems: PartitionProblem[] = [];
  const o = normalizeOptions(options, problems);
  const mode = resolveMode(o, problems, previous !== null);
  throwIfProblems(problems);
  if (mode === 'per-node') return new HashModScheme({ ...o, partitions: o.nodes, mode }, mode, null);
  const assignment = previous ? previous.resized(o.nodes) : PartitionAssignment.roundRobin(o.partitions!, o.nodes);
  return new HashModScheme({ ...o, mode }, mode, assignment);
}

/** Builds the hash-mod scheme (validating `options`; throws `PartitionConfigError`). Accepts the simulator's `PartitionSetup`. */
export function hashMod(options: PartitionOptions): HashModScheme {
  return buildHashMod(options, null);
}

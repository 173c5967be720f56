/**
 * Rendezvous hashing, a.k.a. highest random weight (Thaler & Ravishankar 1996).
 *
 * Every (key, node) pair gets a pseudo-random weight, mix64(hash64(key) XOR salt(node)); a key belongs to the node with
 * the highest weight (ties: the lower node id). Node salts depend only on (seed, node), so growing N→N+1 moves exactly
 * the keys the new node wins, 1/(N+1) in expectation, and shrinking moves only the leaving node's keys — with no
 * virtual nodes and an even split (node shares are multinomial, not gamma-distributed as on a ring).
 *
 * Cost: a lookup computes one weight per node, so it is O(nodes) — ~10–15 ns per node (≈ 70 k lookups/s at 1000 nodes); fine for tens of nodes, slow for
 * thousands (use consistent-hash or jump there). This is inherent to HRW, not an implementation shortcut.
 *
 * Partitions: partition p is "the keys whose highest-weight node is p" (partitions = nodes), led by node p. Its
 * followers are the other nodes in descending weight for the partition id (the same HRW rule applied to p), so they
 * too change only when a node joins or leaves, and every node leads exactly one partition.
 */
import { Hasher64, mix53 } from './hash.js';
import { normalizeOptions, resizedOptions, throwIfProblems } from './options.js';
import { ReplicaPicker, ReplicaTable, allPartitions, indexRegions } from './placement.js';
import type { PartitionProblem } from './errors.js';
import type { NormalizedPartitionOptions, PartitionOptions, PartitionScheme, ResizeChanges } from './types.js';

/** The rendezvous (HRW) scheme (see the module comment); build it with `rendezvous`. */
export class RendezvousScheme implements PartitionScheme {
  /** Always `rendezvous`. */
  readonly name = 'rendezvous';
  /** One partition per node. */
  readonly partitions: number;
  private readonly saltHi: Int32Array;
  private readonly saltLo: Int32Array;
  private readonly keyHasher: Hasher64;
  private readonly table: ReplicaTable;
  private scanAll: readonly number[] | undefined;

  /** Use `rendezvous(options)`; this constructor trusts already validated options. */
  constructor(readonly options: NormalizedPartitionOptions) {
    const n = options.nodes;
    this.partitions = n;
    this.saltHi = new Int32Array(n);
    this.saltLo = new Int32Array(n);
    const salts = new Hasher64(options.seed, 'hrw-node');
    for (let i = 0; i < n; i++) {
      salts.hash(i);
      this.saltHi[i] = salts.hi;
      this.saltLo[i] = salts.lo;
    }
    this.keyHasher = new Hasher64(options.seed, 'hrw-key');
    const partHasher = new Hasher64(options.seed, 'hrw-partition');
    const picker = new ReplicaPicker(options.replicationFactor, options.placement === 'spread-regions' ? indexRegions(options.regions) : null);
    this.table = new ReplicaTable(n, (p) => {
      partHasher.hash(p);
      const order = this.ranking(partHasher.hi, partHasher.lo);
      picker.start();
      if (!picker.offer(p)) for (const node of order) if (picker.offer(node)) break;
      return picker.finish();
    });
  }

  /** Number of nodes. */
  get nodes(): number {
    return this.options.nodes;
  }

  /** Replicas per partition. */
  get replicationFactor(): number {
    return this.options.replicationFactor;
  }

  /** The node with the highest weight for `key` (O(nodes)). */
  partitionOf(key: number): number {
    const kh = this.keyHasher;
    kh.hash(key);
    const hi = kh.hi | 0;
    const lo = kh.lo | 0;
    const sHi = this.saltHi;
    const sLo = this.saltLo;
    let best = 0;
    let bestW = -1;
    for (let i = 0; i < sHi.length; i++) {
      const w = mix53(hi ^ sHi[i]!, lo ^ sLo[i]!);
      if (w > bestW) {
        bestW = w;
        best = i;
      }
    }
    return best;
  }

  /** Node p, then the other nodes by descending weight for partition p. */
  replicasOf(partition: number): readonly number[] {
    return this.table.get(partition);
  }

  /** Every partition: hashing scatters neighbouring keys. */
  partitionsForScan(_startKey: number, _endKey: number): readonly number[] {
    return (this.scanAll ??= allPartitions(this.partitions));
  }

  /** All nodes in descending weight for the 64-bit value (hi, lo) (ties: lower id first). */
  ranking(hi: number, lo: number): number[] {
    const n = this.saltHi.length;
    const w = new Float64Array(n);
    for (let i = 0; i < n; i++) w[i] = mix53((hi ^ this.saltHi[i]!) | 0, (lo ^ this.saltLo[i]!) | 0);
    const order = Array.from({ length: n }, (_, i) => i);
    order.sort((a, b) => w[b]! - w[a]! || a - b);
    return order;
  }

  /** The scheme with `nodes` nodes: surviving nodes keep their salts, so only keys won or lost by the changed node move. */
  resize(nodes: number, changes?: ResizeChanges): RendezvousScheme {
    return rendezvous(resizedOptions(this.options, nodes, changes));
  }
}

/** Builds the rendezvous scheme (validating `options`; throws `PartitionConfigError`). */
export function rendezvous(options: PartitionOptions): RendezvousScheme {
  const problems: PartitionProblem[] = [];
  const o = normalizeOptions(options, problems);
  throwIfProblems(problems);
  return new RendezvousScheme({ ...o, partitions: o.nodes });
}

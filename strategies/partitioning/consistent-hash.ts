/**
 * Consistent hashing on a ring (Karger et al. 1997; Dynamo's placement).
 *
 * Each node owns `vnodes` tokens at pseudo-random positions in [0, 2^53), fixed by (seed, node, vnode) alone, so
 * adding a node only adds its tokens. A key hashes onto the ring and belongs to the first token at or clockwise
 * after it; each token's arc is one partition (partitions = nodes × vnodes). Lookup is a binary search over the
 * sorted Float64Array of token positions: O(log(nodes × vnodes)). A partition's replicas are the token's node followed
 * by the next distinct nodes clockwise (Dynamo's preference list), or spread over regions.
 *
 * With v tokens per node a node's share of the ring is a sum of v spacings, so the coefficient of variation of node
 * shares is ≈ 1/√v (16 vnodes: ±25 %, 256: ±6 %); growing N→N+1 moves exactly the new node's share, ≈ 1/(N+1).
 */
import { Hasher64 } from './hash.js';
import { MAX_RING_TOKENS, normalizeOptions, resizedOptions, throwIfProblems } from './options.js';
import { ReplicaPicker, ReplicaTable, allPartitions, indexRegions } from './placement.js';
import type { PartitionProblem } from './errors.js';
import type { NormalizedPartitionOptions, PartitionOptions, PartitionScheme, ResizeChanges } from './types.js';

const RING = 9007199254740992; // 2^53, the ring's circumference

/** The consistent-hash scheme (see the module comment); build it with `consistentHash`. */
export class ConsistentHashScheme implements PartitionScheme {
  /** Always `consistent-hash`. */
  readonly name = 'consistent-hash';
  /** Number of ring arcs (tokens): nodes × vnodes. */
  readonly partitions: number;
  /** Token positions in [0, 2^53), sorted ascending; token i ends arc i. */
  readonly positions: Float64Array;
  /** Node owning each token, parallel to `positions`. */
  readonly owners: Int32Array;
  private readonly keyHasher: Hasher64;
  private readonly table: ReplicaTable;
  private scanAll: readonly number[] | undefined;

  /** Use `consistentHash(options)`; this constructor trusts already validated options. */
  constructor(readonly options: NormalizedPartitionOptions) {
    const { nodes, vnodes, seed } = options;
    const m = nodes * vnodes;
    this.partitions = m;
    const pos = new Float64Array(m);
    for (let n = 0; n < nodes; n++) {
      const h = new Hasher64(seed, `ring-node/${n}`);
      for (let j = 0; j < vnodes; j++) pos[n * vnodes + j] = h.hash53(j);
    }
    // Sort token indices by position (ties, astronomically rare, by token index so the order is deterministic).
    const order = new Uint32Array(m);
    for (let i = 0; i < m; i++) order[i] = i;
    order.sort((a, b) => pos[a]! - pos[b]! || a - b);
    this.positions = new Float64Array(m);
    this.owners = new Int32Array(m);
    for (let i = 0; i < m; i++) {
      const t = order[i]!;
      this.positions[i] = pos[t]!;
      this.owners[i] = Math.floor(t / vnodes);
    }
    this.keyHasher = new Hasher64(seed, 'ring-key');
    const picker = new ReplicaPicker(options.replicationFactor, options.placement === 'spread-regions' ? indexRegions(options.regions) : null);
    const owners = this.owners;
    this.table = new ReplicaTable(m, (t) => {
      picker.start();
      for (let i = 0; i < m; i++) {
        const k = t + i;
        if (picker.offer(owners[k < m ? k : k - m]!)) break;
      }
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

  /** Virtual nodes (tokens) per node. */
  get vnodes(): number {
    return this.options.vnodes;
  }

  /** The arc (token index) whose token is the first at or after hash(key), wrapping to 0; binary search, O(log n). */
  partitionOf(key: number): number {
    const h = this.keyHasher.hash53(key);
    const pos = this.positions;
    let lo = 0;
    let hi = pos.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (pos[mid]! < h) lo = mid + 1;
      else hi = mid;
    }
    return lo === pos.length ? 0 : lo;
  }

  /** The token's node, then the next distinct nodes clockwise. */
  replicasOf(partition: number): readonly number[] {
    return this.table.get(partition);
  }

  /** Every arc: hashing scatters neighbouring keys. */
  partitionsForScan(_startKey: number, _endKey: number): readonly number[] {
    return (this.scanAll ??= allPartitions(this.partitions));
  }

  /** Each node's exact share of the ring as primary owner (sums to 1); its spread is what vnodes reduce. */
  ownership(): Float64Array {
    const share = new Float64Array(this.options.nodes);
    const pos = this.positions;
    const m = pos.length;
    for (let i = 0; i < m; i++) {
      const arc = i === 0 ? pos[0]! + RING - pos[m - 1]! : pos[i]! - pos[i - 1]!;
      share[this.owners[i]!]! += arc / RING;
    }
    return share;
  }

  /** The ring with `nodes` nodes: surviving nodes keep their tokens, so only the joining/leaving node's arcs move. */
  resize(nodes: number, changes?: ResizeChanges): ConsistentHashScheme {
    return consistentHash(resizedOptions(this.options, nodes, changes));
  }
}

/** Builds the consistent-hash ring (validating `options`; throws `PartitionConfigError`). */
export function consistentHash(options: PartitionOptions): ConsistentHashScheme {
  const problems: PartitionProblem[] = [];
  const o = normalizeOptions(options, problems);
  if (problems.length === 0 && o.nodes * o.vnodes > MAX_RING_TOKENS) {
    problems.push({ path: 'partitioning.vnodes', message: `nodes × vnodes = ${o.nodes * o.vnodes} tokens exceeds the ${MAX_RING_TOKENS} limit` });
  }
  throwIfProblems(problems);
  return new ConsistentHashScheme({ ...o, partitions: o.nodes * o.vnodes });
}

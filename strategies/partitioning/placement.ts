/**
 * Replica placement shared by the schemes.
 *
 * Every scheme produces, per partition, a preference order of nodes (leader first): the successors
 * of the leader for hash-mod, range and jump, the clockwise walk for the ring, the weight order for
 * rendezvous. `ReplicaPicker` takes `replicationFactor` distinct nodes from that order. With the
 * `spread-regions` policy it first fills as many distinct regions as possible (min(RF, regions)),
 * skipping nodes in regions already used, then tops up with the skipped nodes in preference order;
 * this is what Cassandra's NetworkTopologyStrategy does with racks.
 */
import type { NormalizedPartitionOptions } from './types.js';

/** Region of each node as a small integer (index into `names`), or null without regions. */
export interface RegionIndex {
  /** Region index per node. */
  readonly ofNode: Int32Array;
  /** Distinct region names in order of first appearance. */
  readonly names: readonly string[];
}

/** Interns the region names of `regions` (null when there are none). */
export function indexRegions(regions: readonly string[] | undefined): RegionIndex | null {
  if (regions === undefined) return null;
  const names: string[] = [];
  const ids = new Map<string, number>();
  const ofNode = new Int32Array(regions.length);
  for (let i = 0; i < regions.length; i++) {
    let id = ids.get(regions[i]!);
    if (id === undefined) {
      id = names.length;
      names.push(regions[i]!);
      ids.set(regions[i]!, id);
    }
    ofNode[i] = id;
  }
  return { ofNode, names };
}

/** Picks `rf` distinct nodes from a preference order fed one candidate at a time, optionally spreading them over regions. */
export class ReplicaPicker {
  private chosen: number[] = [];
  private skipped: number[] = [];
  private readonly used: Uint8Array;
  private usedCount = 0;
  private readonly target: number;
  private readonly region: Int32Array | null;

  /** A picker for `rf` replicas; pass a region index to spread over regions. */
  constructor(
    private readonly rf: number,
    regions: RegionIndex | null,
  ) {
    this.region = regions ? regions.ofNode : null;
    this.used = new Uint8Array(regions ? regions.names.length : 0);
    this.target = regions ? Math.min(rf, regions.names.length) : 0;
  }

  /** Starts a new partition. */
  start(): void {
    this.chosen = [];
    this.skipped.length = 0;
    this.used.fill(0);
    this.usedCount = 0;
  }

  /** Offers the next candidate in preference order; returns true once `rf` nodes are chosen. */
  offer(node: number): boolean {
    const chosen = this.chosen;
    if (chosen.length >= this.rf) return true;
    if (chosen.includes(node) || this.skipped.includes(node)) return false;
    if (this.region === null) {
      chosen.push(node);
      return chosen.length >= this.rf;
    }
    const r = this.region[node]!;
    if (this.used[r] === 1) {
      if (this.usedCount < this.target) {
        this.skipped.push(node);
        return false;
      }
      chosen.push(node);
      return chosen.length >= this.rf;
    }
    this.used[r] = 1;
    this.usedCount++;
    chosen.push(node);
    if (this.usedCount === this.target) this.drain();
    return chosen.length >= this.rf;
  }

  /** The chosen nodes (leader first), topped up from skipped candidates if the order ran out. */
  finish(): number[] {
    this.drain();
    return this.chosen;
  }

  private drain(): void {
    const chosen = this.chosen;
    let i = 0;
    while (chosen.length < this.rf && i < this.skipped.length) chosen.push(this.skipped[i++]!);
    this.skipped.splice(0, i);
  }
}

/** A lazily filled per-partition replica table: `get(p)` computes partition p's replicas once and keeps them. */
export class ReplicaTable {
  private readonly rows: (readonly number[] | undefined)[];

  /** A table for `partitions` partitions computed by `compute`. */
  constructor(
    readonly partitions: number,
    private readonly compute: (partition: number) => readonly number[],
  ) {
    this.rows = new Array(partitions);
  }

  /** Replicas of `partition`, leader first. */
  get(partition: number): readonly number[] {
    let row = this.rows[partition];
    if (row === undefined) {
      if (!(partition >= 0 && partition < this.partitions && Number.isInteger(partition))) throw new RangeError(`no partition ${partition} (have ${this.partitions})`);
      row = Object.freeze(this.compute(partition));
      this.rows[partition] = row;
    }
    return row;
  }
}

/** A replica table whose preference order is the leader followed by its successors (leader+1, leader+2, … mod nodes). */
export function successorTable(partitions: number, leaderOf: (partition: number) => number, o: NormalizedPartitionOptions): ReplicaTable {
  const picker = new ReplicaPicker(o.replicationFactor, o.placement === 'spread-regions' ? indexRegions(o.regions) : null);
  const n = o.nodes;
  return new ReplicaTable(partitions, (p) => {
    const leader = leaderOf(p);
    picker.start();
    for (let i = 0; i < n; i++) if (picker.offer((leader + i) % n)) break;
    return picker.finish();
  });
}

/**
 * A partition→leader assignment for a fixed number of partitions that moves whole partitions when nodes join or
 * leave. It starts round-robin (partition p on node p mod N). A joining node takes one partition at a time from the
 * most loaded node (ties: the lowest id; it takes that node's highest-numbered partition) until no node has more than
 * one partition above it, so it takes ≈ P/(N+1) partitions and nothing else moves. A leaving node hands each of its
 * partitions to the least loaded remaining node (ties: the lowest id).
 */
export class PartitionAssignment {
  /** Leader node of each partition. */
  readonly leader: Int32Array;
  /** Partitions led by each node. */
  readonly load: Int32Array;

  private constructor(
    leader: Int32Array,
    readonly nodes: number,
  ) {
    this.leader = leader;
    this.load = new Int32Array(nodes);
    for (let p = 0; p < leader.length; p++) this.load[leader[p]!]!++;
  }

  /** Round-robin assignment of `partitions` partitions over `nodes` nodes. */
  static roundRobin(partitions: number, nodes: number): PartitionAssignment {
    const leader = new Int32Array(partitions);
    for (let p = 0; p < partitions; p++) leader[p] = p % nodes;
    return new PartitionAssignment(leader, nodes);
  }

  /** The assignment after growing or shrinking to `nodes` nodes (one node at a time, highest id last). */
  resized(nodes: number): PartitionAssignment {
    let cur: PartitionAssignment = this;
    while (cur.nodes < nodes) cur = cur.grow();
    while (cur.nodes > nodes) cur = cur.shrink();
    return cur === this ? new PartitionAssignment(this.leader.slice(), this.nodes) : cur;
  }

  private grow(): PartitionAssignment {
    const n = this.nodes + 1;
    const leader = this.leader.slice();
    const load = new Int32Array(n);
    load.set(this.load);
    const added = n - 1;
    for (;;) {
      let donor = 0;
      for (let i = 1; i < added; i++) if (load[i]! > load[donor]!) donor = i;
      if (load[donor]! - load[added]! <= 1) break;
      let p = leader.length - 1;
      while (leader[p] !== donor) p--;
      leader[p] = added;
      load[donor]!--;
      load[added]!++;
    }
    return new PartitionAssignment(leader, n);
  }

  private shrink(): PartitionAssignment {
    const n = this.nodes - 1;
    const leader = this.leader.slice();
    const load = this.load.slice(0, n);
    for (let p = 0; p < leader.length; p++) {
      if (leader[p] !== n) continue;
      let to = 0;
      for (let i = 1; i < n; i++) if (load[i]! < load[to]!) to = i;
      leader[p] = to;
      load[to]!++;
    }
    return new PartitionAssignment(leader, n);
  }
}

/** The array [0, 1, …, count-1], frozen (what a full scan visits on hash schemes). */
export function allPartitions(count: number): readonly number[] {
  const out = new Array<number>(count);
  for (let i = 0; i < count; i++) out[i] = i;
  return Object.freeze(out);
}

/**
 * The fault schedule (crashes, network partitions, slow nodes and links, loss bursts; they may
 * overlap) and harness-driven failover for strategies whose view the harness manages: a failure
 * detector in the majority side hears from reachable nodes every heartbeat and replaces a leader
 * unheard of for `failover.timeout` by a follower (policy); every replica that learns of the new
 * term rolls its log back to the new leader's lineage and is created anew with the new view.
 */
import type { FaultConfig, FaultTarget } from '../config/schema.js';
import type { Rng } from './rng.js';
import { EV, type ReplicaRuntime, type SimState } from './state.js';

/** Faults and failover. */
export class Faults {
  private readonly faultRng: Rng;
  private readonly failRng: Rng;
  private readonly lastSeen: Float64Array;
  /** Resolved targets of active faults (so the end undoes what the start did). */
  private readonly targets = new Map<number, number[]>();
  /** Active crash faults per node and active partition faults (in start order): faults may overlap. */
  private readonly crashes: Int32Array;
  private readonly activePartitions: number[] = [];
  private readonly harnessView: boolean;
  /** The detector's verdict per node (strategy-managed views are told of changes). */
  private readonly alive: Uint8Array;
  private readonly notifies: boolean;

  constructor(private readonly s: SimState) {
    this.faultRng = s.root.fork('faults');
    this.failRng = s.root.fork('failover');
    this.lastSeen = new Float64Array(s.nodeCount);
    this.crashes = new Int32Array(s.nodeCount);
    this.harnessView = s.traits.view === 'harness';
    this.alive = new Uint8Array(s.nodeCount).fill(1);
    this.notifies = !this.harnessView && s.config.failover.enabled;
  }

  /** The replicas of partition `p` the detector believes up. */
  live(p: number): readonly number[] {
    return this.s.parts[p]!.replicas.filter((n) => this.alive[n] === 1);
  }

  /** `node`, or if the detector reports it down to a strategy-managed view, a replica of partition `p` it reports up (drawn from `rng`). */
  avoidDown(p: number, node: number, rng: Rng): number {
    if (!this.notifies || this.alive[node] === 1) return node;
    const live = this.live(p);
    return live.length > 0 ? live[rng.int(live.length)]! : node;
  }

  /** Tells every live replica of the partitions on `nodes` the detector's new view. */
  private announce(nodes: readonly number[]): void {
    const s = this.s;
    const touched = new Set<number>();
    for (const n of nodes) for (const rt of s.replicas.on[n]!) touched.add(rt.partition);
    for (const p of [...touched].sort((a, b) => a - b)) {
      const live = this.live(p);
      for (const n of live) {
        const rt = s.replicas.get(p, n);
        if (s.nodes[n]!.up) rt.impl?.onMembershipChange?.(live);
      }
    }
  }

  /** Schedules every fault and, when failover applies, the failure detector. */
  start(): void {
    const { config, q } = this.s;
    config.faults.forEach((f, i) => q.push(f.at, EV.faultStart, i));
    if ((this.harnessView || this.notifies) && config.failover.enabled && config.faults.length > 0) q.push(config.failover.heartbeat, EV.heartbeat, null);
  }

  private resolve(t: FaultTarget): number {
    if (typeof t === 'number') return t;
    if (t === 'random') return this.faultRng.int(this.s.nodeCount);
    const st = this.s.parts['leader-of' in t ? t['leader-of'] : t['a-follower-of']]!;
    const leader = st.leader ?? st.replicas[0]!;
    if ('leader-of' in t) return leader;
    return st.replicas.find((n) => n !== leader) ?? leader;
  }

  private controllerReaches(node: number): boolean {
    return this.s.nodes[node]!.up && this.s.net.group[node] === this.s.net.controllerGroup;
  }

  /** Whether entry (index, term) of a partition is in the lineage of its current leader. */
  private inLineage(epochs: readonly { term: number; base: number }[], index: number, term: number): boolean {
    for (const e of epochs) if (e.term > term && index > e.base) return false;
    return true;
  }

  /** Brings a replica up to its partition's current term: roll back entries outside the lineage, adopt the view, re-create it. */
  private reconcile(rt: ReplicaRuntime): void {
    const st = this.s.parts[rt.partition]!;
    const log = rt.log;
    let keep = log.lastApplied;
    while (keep > 0) {
      const e = log.entry(keep);
      if (!e || this.inLineage(st.epochs, e.index, e.term)) break;
      keep--;
    }
    log.truncateAfter(keep);
    log.term = st.term;
    log.epochs = st.epochs;
    rt.view = { leader: st.leader, term: st.term };
    rt.followers = st.replicas.filter((n) => n !== st.leader);
    if (this.s.nodes[rt.node]!.up) this.s.replicas.instantiate(rt);
  }

  private promote(p: number): void {
    const s = this.s;
    const st = s.parts[p]!;
    const candidates = st.replicas.filter((n) => n !== st.leader && this.controllerReaches(n));
    if (candidates.length === 0) return; // nobody to promote: the partition stays without a leader
    // A candidate that has not yet learnt of the current term first rolls back what is not in the lineage.
    for (const n of candidates) {
      const rt = s.replicas.get(p, n);
      if (rt.view.term < st.term) this.reconcile(rt);
    }
    let chosen = candidates[0]!;
    const policy = s.config.failover.policy;
    if (policy === 'most-up-to-date') {
      for (const n of candidates) if (s.replicas.get(p, n).log.lastApplied > s.replicas.get(p, chosen).log.lastApplied) chosen = n;
    } else if (policy === 'random') chosen = candidates[this.failRng.int(candidates.length)]!;
    const from = st.leader;
    const base = s.replicas.get(p, chosen).log.lastApplied;
    st.term++;
    st.leader = chosen;
    st.epochs.push({ term: st.term, base });
    const fromLogEnd = from === null ? null : s.replicas.get(p, from).log.lastIndex;
    s.failovers.push({ partition: p, term: st.term, at_s: (s.now - s.config.warmup) / 1e6, from, to: chosen, by: 'harness', base, fromLogEnd, lostWrites: 0 });
    for (const n of st.replicas) if (this.controllerReaches(n)) this.reconcile(s.replicas.get(p, n));
  }

  /** The failure detector's round. */
  heartbeat(): void {
    const s = this.s;
    for (let n = 0; n < s.nodeCount; n++) if (this.controllerReaches(n)) this.lastSeen[n] = s.now;
    if (this.notifies) {
      // Strategy-managed views: report who is up (a node unheard of for the timeout is down; one
      // heard from again is up), and never promote or roll back.
      const changed: number[] = [];
      for (let n = 0; n < s.nodeCount; n++) {
        const up = s.now - this.lastSeen[n]! < s.config.failover.timeout ? 1 : 0;
        if (up !== this.alive[n]) {
          this.alive[n] = up;
          changed.push(n);
        }
      }
      if (changed.length) this.announce(changed);
      s.q.push(s.now + s.config.failover.heartbeat, EV.heartbeat, null);
      return;
    }
    for (let p = 0; p < s.parts.length; p++) {
      const leader = s.parts[p]!.leader;
      if (leader !== null && s.now - this.lastSeen[leader]! >= s.config.failover.timeout) this.promote(p);
    }
    // Replicas that were unreachable when their partition moved on learn of it now.
    for (let n = 0; n < s.nodeCount; n++) {
      if (!this.controllerReaches(n)) continue;
      for (const rt of s.replicas.on[n]!) if (rt.view.term < s.parts[rt.partition]!.term) this.reconcile(rt);
    }
    s.q.push(s.now + s.config.failover.heartbeat, EV.heartbeat, null);
  }

  private crash(n: number): void {
    const s = this.s;
    if (!s.nodes[n]!.up) return;
    s.nodeQueues.crash(n);
    s.replicas.crash(n);
  }

  private restart(n: number): void {
    const s = this.s;
    const node = s.nodes[n]!;
    if (node.up) return;
    node.up = true;
    for (const rt of s.replicas.on[n]!) {
      if (this.harnessView && s.config.failover.enabled && this.controllerReaches(n) && rt.view.term < s.parts[rt.partition]!.term) this.reconcile(rt);
      else s.replicas.instantiate(rt);
    }
  }

  /** Fault `i` starts. */
  faultStart(i: number): void {
    const s = this.s;
    const f = s.config.faults[i]!;
    switch (f.kind) {
      case 'crash': {
        const n = this.resolve(f.node);
        this.targets.set(i, [n]);
        this.crashes[n]!++;
        this.crash(n);
        break;
      }
      case 'partition':
        this.activePartitions.push(i);
        s.net.setPartition(f.groups, f.clients);
        break;
      case 'slow':
        if (f.node !== null) {
          const n = this.resolve(f.node);
          this.targets.set(i, [n]);
          s.nodes[n]!.slow *= f.factor;
        } else {
          const a = this.resolve(f.link![0]);
          const b = this.resolve(f.link![1]);
          this.targets.set(i, [a, b]);
          s.net.slowLink(a, b, f.factor);
        }
        break;
      case 'loss':
        s.net.startLoss(f.probability);
        break;
    }
    if (f.for !== null) s.q.push(f.at + f.for, EV.faultEnd, i);
  }

  /** Fault `i` ends. */
  faultEnd(i: number): void {
    const s = this.s;
    const f: FaultConfig = s.config.faults[i]!;
    const targets = this.targets.get(i) ?? [];
    switch (f.kind) {
      case 'crash':
        // Overlapping crashes of one node: it comes back when the last of them ends.
        if (--this.crashes[targets[0]!]! === 0) this.restart(targets[0]!);
        break;
      case 'partition': {
        // Overlapping partitions: the most recent one still active holds; none left: healed.
        this.activePartitions.splice(this.activePartitions.indexOf(i), 1);
        const still = this.activePartitions.length ? s.config.faults[this.activePartitions[this.activePartitions.length - 1]!]! : null;
        if (still?.kind === 'partition') s.net.setPartition(still.groups, still.clients);
        else s.net.setPartition(null, null);
        break;
      }
      case 'slow':
        if (f.node !== null) s.nodes[targets[0]!]!.slow /= f.factor;
        else s.net.restoreLink(targets[0]!, targets[1]!, f.factor);
        break;
      case 'loss':
        s.net.endLoss(f.probability);
        break;
    }
  }
}

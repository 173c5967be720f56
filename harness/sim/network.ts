/**
 * The network: one-way latency per message drawn from the client↔node or node↔node distribution
 * (plus the inter-region latency, plus bytes / bandwidth, times a slow link's factor), message
 * loss on node↔node links, network partitions (messages across groups are dropped, in flight
 * too), and ordering. With `fifo` (the default) each directed node-to-node link behaves as a TCP
 * connection: a message never arrives before the one sent before it, and a lost message is not
 * dropped but sent again once the loss is noticed (fast retransmit: one more round trip per loss),
 * holding up everything behind it; after 8 lost attempts the connection breaks and it is gone. With `independent` every message's delay is drawn on its own,
 * messages overtake each other freely and a lost message is gone (the PBS-style assumption; the
 * strategy must repair it).
 */
import type { Message, NodeId, Work } from '../runtime/contract.js';
import { compileDist, distMean, type Sampler } from './distributions.js';
import type { Rng } from './rng.js';
import type { Lane } from './lane-queue.js';
import { EV, Envelope, SVC, type SimState } from './state.js';

/** Transmissions of one message on a fifo link before the connection is given up (the message is then lost). */
const MAX_ATTEMPTS = 8;

/** The service kind of the work a message costs its receiver. */
function workCode(work: Work | undefined): number {
  switch (work) {
    case 'apply':
      return SVC.apply;
    case undefined:
    case 'none':
      return SVC.none;
    case 'write':
      return SVC.write;
    case 'read':
      return SVC.read;
  }
  throw new Error(`ctx.send: work must be 'write', 'read', 'apply' or 'none', got ${JSON.stringify(work)}`);
}

/** Links, partitions and delivery. */
export class Network {
  private readonly n2nBase: Sampler;
  private readonly c2nBase: Sampler;
  private readonly lossRng: Rng;
  private readonly baseLoss: number;
  private loss: number;
  private readonly activeLoss: number[] = [];
  private readonly bandwidth: number | null;
  private readonly fifo: boolean;
  /** Latest arrival time scheduled on each directed node link (fifo ordering). */
  private readonly lastArrival: Float64Array;
  /** Region index of every node, and inter-region latency samplers (null within a region). */
  readonly nodeRegion: number[];
  readonly clientRegions: number[];
  private readonly inter: (Sampler | null)[][];
  /** Mean inter-region latency between region pairs (for nearest-replica routing). */
  readonly regionDistance: number[][];
  private readonly regions: boolean;
  /** Slow links: latency multiplier per ordered node pair. */
  private readonly linkSlow = new Map<number, number>();
  /** Network partition group of each node (all 0 when whole). */
  readonly group: Int32Array;
  /** Event lanes: one per directed node link (fifo links keep their arrivals in order), one for client links (sorted while their latency is constant). */
  private readonly linkLanes: Lane<unknown>[] = [];
  readonly clientLane: Lane<unknown>;
  /** The group clients are in (-1: they reach every node). */
  clientGroup = -1;
  /** The group holding a strict majority of the nodes, where the failure detector sits (-1: none). */
  controllerGroup = 0;

  constructor(private readonly s: SimState) {
    const { config, root, nodeCount } = s;
    const netRng = root.fork('network');
    this.lossRng = root.fork('loss');
    this.n2nBase = compileDist(config.network.nodeToNode, netRng);
    this.c2nBase = compileDist(config.network.clientToNode, netRng);
    this.baseLoss = this.loss = config.network.loss;
    this.bandwidth = config.network.bandwidth;
    this.fifo = config.network.ordering === 'fifo';
    this.lastArrival = new Float64Array(this.fifo ? nodeCount * nodeCount : 0);
    const regions = config.regions;
    this.regions = regions !== null;
    const names = regions ? [...new Set(regions.nodes)] : [];
    this.nodeRegion = regions ? regions.nodes.map((r) => names.indexOf(r)) : [];
    this.clientRegions = regions ? regions.clients.map((r) => names.indexOf(r)) : [0];
    const interRng = root.fork('regions');
    this.inter = names.map((a) => names.map((b) => (a === b ? null : compileDist(regions!.latency[a]![b]!, interRng))));
    this.regionDistance = names.map((a) => names.map((b) => (a === b ? 0 : distMean(regions!.latency[a]![b]!))));
    this.group = new Int32Array(nodeCount);
    for (let i = 0; i < nodeCount * nodeCount; i++) this.linkLanes.push(s.q.lane());
    this.clientLane = s.q.lane();
  }

  /** Transmission time of `bytes` at the link bandwidth (Mbit/s ⇒ bits / Mbps = µs). */
  tx(bytes: number): number {
    return this.bandwidth !== null && bytes > 0 ? (bytes * 8) / this.bandwidth : 0;
  }

  /** One-way latency of a node-to-node message. */
  private n2n(from: number, to: number): number {
    let d = this.n2nBase();
    if (this.regions) {
      const x = this.inter[this.nodeRegion[from]!]![this.nodeRegion[to]!];
      if (x) d += x();
    }
    if (this.linkSlow.size > 0) d *= this.linkSlow.get(from * this.s.nodeCount + to) ?? 1;
    return d;
  }

  /** One-way latency between a client in `region` and `node`. */
  c2n(region: number, node: number): number {
    if (!this.regions) return this.c2nBase();
    const x = this.inter[region]![this.nodeRegion[node]!];
    return x ? this.c2nBase() + x() : this.c2nBase();
  }

  /** Whether nodes `a` and `b` are on the same side of every network partition. */
  reachable(a: number, b: number): boolean {
    return this.group[a] === this.group[b];
  }

  /** Whether clients reach `node`. */
  clientReaches(node: number): boolean {
    return this.clientGroup < 0 || this.group[node] === this.clientGroup;
  }

  /** Sends `msg` from the replica of partition `p` on `from` (its stream `fromSlot` at the receiver) to the one on `to` (a stand-in if `to` holds none). */
  deliver(p: number, from: NodeId, fromSlot: number, to: NodeId, msg: Message, work: Work | undefined, bytes: number): void {
    if (!this.reachable(from, to)) return;
    const s = this.s;
    let at = s.now + this.n2n(from, to) + this.tx(bytes);
    if (this.loss > 0 && this.lossRng.next() < this.loss) {
      if (!this.fifo) return;
      // TCP: the receiver's duplicate acks reach the sender, which sends the segment again, as
      // often as it is lost; a connection that loses every attempt breaks and the message is gone.
      let attempts = 1;
      do {
        if (attempts === MAX_ATTEMPTS) return;
        at += this.n2n(to, from) + this.n2n(from, to);
        attempts++;
      } while (this.lossRng.next() < this.loss);
    }
    const link = from * s.nodeCount + to;
    if (this.fifo) {
      const last = this.lastArrival[link]!;
      if (at < last) at = last;
      else this.lastArrival[link] = at;
    }
    s.q.pushLane(this.linkLanes[link]!, at, EV.message, new Envelope(p, from, fromSlot, to, msg, workCode(work), s.nodes[from]!.epoch));
  }

  /** Sets the network partition: node groups (unlisted nodes form one more group) and the group clients are in; null heals it. */
  setPartition(groups: readonly (readonly number[])[] | null, clientsIn: number | null): void {
    const nodeCount = this.s.nodeCount;
    if (!groups) {
      this.group.fill(0);
      this.clientGroup = -1;
      this.controllerGroup = 0;
      return;
    }
    this.group.fill(groups.length);
    groups.forEach((g, i) => g.forEach((n) => (this.group[n] = i)));
    this.clientGroup = clientsIn ?? -1;
    const sizes = new Array(groups.length + 1).fill(0) as number[];
    for (let n = 0; n < nodeCount; n++) sizes[this.group[n]!]!++;
    this.controllerGroup = sizes.findIndex((x) => x * 2 > nodeCount);
  }

  /** Multiplies the latency of the link a–b (both directions) by `factor`. */
  slowLink(a: number, b: number, factor: number): void {
    const n = this.s.nodeCount;
    this.linkSlow.set(a * n + b, (this.linkSlow.get(a * n + b) ?? 1) * factor);
    this.linkSlow.set(b * n + a, (this.linkSlow.get(b * n + a) ?? 1) * factor);
  }

  /** Undoes slowLink(a, b, factor). */
  restoreLink(a: number, b: number, factor: number): void {
    const n = this.s.nodeCount;
    this.linkSlow.set(a * n + b, this.linkSlow.get(a * n + b)! / factor);
    this.linkSlow.set(b * n + a, this.linkSlow.get(b * n + a)! / factor);
  }

  /** Starts a loss burst with `probability`. */
  startLoss(probability: number): void {
    this.activeLoss.push(probability);
    this.loss = Math.max(this.loss, probability);
  }

  /** Ends a loss burst with `probability`. */
  endLoss(probability: number): void {
    this.activeLoss.splice(this.activeLoss.indexOf(probability), 1);
    this.loss = Math.max(this.baseLoss, ...this.activeLoss);
  }
}

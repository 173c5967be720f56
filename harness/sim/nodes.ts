/**
 * Node queues: every node has `service.workers` workers and a FIFO queue. Client requests and
 * messages that cost work wait for a worker and take a service time drawn from the node's
 * distribution for that kind (times a slow node's factor); messages without work (acks) are
 * handled on arrival. A crash drops the queue and the work in service.
 *
 * With fifo ordering, a replica handles the messages of one stream (a partition's messages from
 * one sender) in the order they arrived even when several workers serve them: a message whose
 * service ends before an earlier one's waits for it (parallel apply, commit in order), as a
 * replication stream over one connection is applied in order.
 */
import { compileDist } from './distributions.js';
import { EV, SVC, type Envelope, type NodeState, type SimState, type WorkItem } from './state.js';

/** One ordered stream into a replica: messages numbered on arrival, handled in that order. */
interface Stream {
  arrived: number;
  next: number;
  done: Map<number, Envelope> | null;
}

/** The nodes' queues and workers. */
export class Nodes {
  private readonly workers: number;
  private readonly ordered: boolean;
  /** Streams by (partition · nodes + receiver) · nodes + sender. */
  private readonly streams = new Map<number, Stream>();

  constructor(private readonly s: SimState) {
    this.ordered = s.config.network.ordering === 'fifo';
    const svcRng = s.root.fork('service');
    const c = s.config.service;
    for (let i = 0; i < s.nodeCount; i++) {
      s.nodes.push({
        id: i,
        busy: 0,
        queue: [],
        qHead: 0,
        svc: [compileDist(c.write, svcRng), compileDist(c.read, svcRng), compileDist(c.apply, svcRng), () => 0, compileDist(c.scan, svcRng)],
        up: true,
        epoch: 0,
        slow: 1,
      });
    }
    this.workers = c.workers;
  }

  /** A work item reached its node: handled at once (no work), served by a free worker, or queued. */
  arrive(item: WorkItem): void {
    const node = this.s.nodes[item.node]!;
    if (!node.up) return; // a crashed node receives nothing
    if (item.svc === SVC.none) {
      this.s.replicas.handle(item);
      return;
    }
    if (this.ordered && item.kind === 1) item.seq = this.stream(item).arrived++;
    if (node.busy < this.workers) this.startWork(node, item);
    else node.queue.push(item);
  }

  private stream(env: Envelope): Stream {
    const n = this.s.nodeCount;
    const id = (env.partition * n + env.node) * n + env.from;
    let st = this.streams.get(id);
    if (!st) {
      st = { arrived: 0, next: 0, done: null };
      this.streams.set(id, st);
    }
    return st;
  }

  /** Hands a served item to its replica; an ordered message waits for the earlier ones of its stream. */
  private finish(item: WorkItem): void {
    if (item.kind === 0 || item.seq < 0) {
      this.s.replicas.handle(item);
      return;
    }
    const st = this.stream(item);
    if (item.seq !== st.next) {
      (st.done ??= new Map()).set(item.seq, item);
      return;
    }
    this.s.replicas.handle(item);
    st.next++;
    if (st.done !== null && st.done.size > 0) {
      for (let e = st.done.get(st.next); e !== undefined; e = st.done.get(st.next)) {
        st.done.delete(st.next);
        this.s.replicas.handle(e);
        st.next++;
      }
    }
  }

  private startWork(node: NodeState, item: WorkItem): void {
    let t = node.svc[item.svc]!();
    if (node.slow !== 1) t *= node.slow;
    if (t <= 0) {
      this.finish(item);
      return;
    }
    node.busy++;
    item.epoch = node.epoch;
    this.s.q.push(this.s.now + t, EV.serviceDone, item);
  }

  /** A work item's service time is over: handle it and start the next queued ones. */
  serviceDone(item: WorkItem): void {
    const node = this.s.nodes[item.node]!;
    if (!node.up || item.epoch !== node.epoch) return; // the node crashed meanwhile: the work is lost
    node.busy--;
    this.finish(item);
    const queue = node.queue;
    while (node.busy < this.workers && node.qHead < queue.length && node.up) {
      const next = queue[node.qHead]!;
      queue[node.qHead++] = undefined as unknown as WorkItem;
      this.startWork(node, next);
    }
    if (node.qHead === queue.length) {
      queue.length = 0;
      node.qHead = 0;
    } else if (node.qHead > 4096 && node.qHead * 2 > queue.length) {
      queue.splice(0, node.qHead);
      node.qHead = 0;
    }
  }

  /** Node `n` crashed: its queue and the work in service are lost. */
  crash(n: number): void {
    const node = this.s.nodes[n]!;
    node.up = false;
    node.epoch++;
    node.busy = 0;
    node.queue = [];
    node.qHead = 0;
    // The node's streams start afresh (what was queued or in service is gone).
    const nn = this.s.nodeCount;
    for (const id of [...this.streams.keys()]) if (Math.floor(id / nn) % nn === n) this.streams.delete(id);
  }
}

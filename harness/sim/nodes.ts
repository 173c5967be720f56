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
import { EV, SVC, type NodeState, type SimState, type WorkItem } from './state.js';

/** The nodes' queues and workers. */
export class Nodes {
  private readonly workers: number;
  private readonly ordered: boolean;
  /** Service kinds that take no time (a constant 0): served on the spot, no sampler called. */
  private readonly instant: boolean[];

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
    const zero = (d: (typeof c)['write']) => d.dist === 'constant' && d.value <= 0;
    this.instant = [zero(c.write), zero(c.read), zero(c.apply), true, zero(c.scan)];
  }

  /** A work item reached its node: handled at once (no work), served by a free worker, or queued. */
  arrive(item: WorkItem): void {
    const node = this.s.nodes[item.node]!;
    if (!node.up) return; // a crashed node receives nothing
    if (item.svc === SVC.none) {
      this.s.replicas.handle(item);
      return;
    }
    if (this.ordered && item.kind === 1) item.seq = this.s.replicas.get(item.partition, item.node).inArrived[item.fromSlot]!++;
    if (node.busy < this.workers) this.startWork(node, item);
    else node.queue.push(item);
  }

  /** Hands a served item to its replica; an ordered message waits for the earlier ones of its stream. */
  private finish(item: WorkItem): void {
    if (item.kind === 0 || item.seq < 0) {
      this.s.replicas.handle(item);
      return;
    }
    const rt = this.s.replicas.get(item.partition, item.node);
    const from = item.fromSlot;
    if (item.seq !== rt.inNext[from]) {
      (rt.inDone[from] ??= new Map()).set(item.seq, item);
      return;
    }
    this.s.replicas.dispatch(rt, item);
    rt.inNext[from]!++;
    const done = rt.inDone[from];
    if (done != null && done.size > 0) {
      for (let e = done.get(rt.inNext[from]!); e !== undefined; e = done.get(rt.inNext[from]!)) {
        done.delete(e.seq);
        this.s.replicas.dispatch(rt, e);
        rt.inNext[from]!++;
      }
    }
  }

  private startWork(node: NodeState, item: WorkItem): void {
    if (this.instant[item.svc]) {
      this.finish(item);
      return;
    }
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
  }
}

/**
 * A TCP relay on 127.0.0.1 that delays every chunk it forwards by a draw from a delay
 * distribution (the suite's network model; this kernel has no netem). Per connection and
 * direction a chunk is delivered at max(arrival + delay, the previous chunk's delivery): bytes
 * keep their order (TCP semantics), a short delay never overtakes a long one. Node's timers have
 * millisecond resolution, so the last stretch before a delivery is waited out with setImmediate;
 * the relay measures its own lateness (actual − intended delivery) per chunk.
 */
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { Histogram, type HistogramSummary } from '../metrics/histogram.js';

/** Waits longer than this (ms) use a timer; shorter ones poll with setImmediate. */
const TIMER_THRESHOLD_MS = 2.5;

/** What a relay measured. */
export interface RelayStats {
  readonly connections: number;
  readonly chunks: number;
  readonly bytes: number;
  /** µs between a chunk's intended and actual delivery (the relay's own added latency). */
  readonly lateness: HistogramSummary;
  /** µs of delay drawn per chunk (the injected delay, before ordering). */
  readonly drawn: HistogramSummary;
}

interface Chunk {
  readonly data: Buffer | null; // null: the sender ended its side
  readonly due: number; // ms, performance.now() clock
}

/** One direction of one connection. */
class Lane {
  readonly queue: Chunk[] = [];
  head = 0;
  lastDue = 0;
  constructor(readonly to: net.Socket) {}
  get pending(): boolean {
    return this.head < this.queue.length;
  }
}

/** A relay from a local port to `target`; `delayUs` draws each chunk's one-way delay in µs. */
export class Relay {
  private readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();
  private readonly lanes = new Set<Lane>();
  private timer: NodeJS.Timeout | null = null;
  private immediate: NodeJS.Immediate | null = null;
  private readonly lateness = new Histogram();
  private readonly drawn = new Histogram();
  private connections = 0;
  private chunks = 0;
  private bytes = 0;
  private closed = false;
  /** The local port clients connect to. */
  port = 0;

  private constructor(private readonly target: { host: string; port: number }, private readonly delayUs: () => number) {
    this.server = net.createServer((client) => this.accept(client));
  }

  /** Starts a relay listening on 127.0.0.1 (`port` 0: a free port). */
  static async start(target: { host: string; port: number }, delayUs: () => number, port = 0): Promise<Relay> {
    const r = new Relay(target, delayUs);
    await new Promise<void>((resolve, reject) => {
      r.server.once('error', reject);
      r.server.listen(port, '127.0.0.1', () => resolve());
    });
    r.port = (r.server.address() as net.AddressInfo).port;
    return r;
  }

  private accept(client: net.Socket): void {
    if (this.closed) {
      client.destroy();
      return;
    }
    this.connections++;
    const upstream = net.connect(this.target.port, this.target.host);
    for (const s of [client, upstream]) {
      s.setNoDelay(true);
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    }
    const toUpstream = new Lane(upstream);
    const toClient = new Lane(client);
    this.lanes.add(toUpstream);
    this.lanes.add(toClient);
    const kill = () => {
      client.destroy();
      upstream.destroy();
      this.lanes.delete(toUpstream);
      this.lanes.delete(toClient);
    };
    client.on('data', (d) => this.enqueue(toUpstream, d));
    upstream.on('data', (d) => this.enqueue(toClient, d));
    client.on('end', () => this.enqueue(toUpstream, null));
    upstream.on('end', () => this.enqueue(toClient, null));
    client.on('error', kill);
    upstream.on('error', kill);
    client.on('close', () => {
      if (!toUpstream.pending) upstream.end();
    });
    upstream.on('close', () => {
      if (!toClient.pending) client.end();
    });
  }

  private enqueue(lane: Lane, data: Buffer | null): void {
    const now = performance.now();
    const d = data ? Math.max(0, this.delayUs()) : 0;
    if (data) this.drawn.record(d);
    const due = Math.max(now + d / 1000, lane.lastDue);
    lane.lastDue = due;
    lane.queue.push({ data, due });
    this.schedule(now);
  }

  /** Delivers everything due, then arranges the next wake-up. */
  private flush = (): void => {
    this.timer = null;
    this.immediate = null;
    const now = performance.now();
    let next = Infinity;
    for (const lane of this.lanes) {
      while (lane.pending && lane.queue[lane.head]!.due <= now) {
        const c = lane.queue[lane.head++]!;
        if (c.data === null) lane.to.end();
        else if (!lane.to.destroyed) {
          lane.to.write(c.data);
          this.lateness.record((now - c.due) * 1000);
          this.chunks++;
          this.bytes += c.data.length;
        }
      }
      if (lane.head > 1024 && lane.head * 2 > lane.queue.length) {
        lane.queue.splice(0, lane.head);
        lane.head = 0;
      }
      if (lane.pending) next = Math.min(next, lane.queue[lane.head]!.due);
      else if (lane.to.destroyed) this.lanes.delete(lane); // its connection is gone and nothing is left to deliver
    }
    if (next < Infinity) this.arm(next - performance.now());
  };

  private schedule(now: number): void {
    if (this.immediate) return; // polling already
    let next = Infinity;
    for (const lane of this.lanes) if (lane.pending) next = Math.min(next, lane.queue[lane.head]!.due);
    if (next === Infinity) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.arm(next - now);
  }

  private arm(waitMs: number): void {
    if (this.closed) return;
    if (waitMs > TIMER_THRESHOLD_MS) this.timer = setTimeout(this.flush, Math.floor(waitMs - 2));
    else this.immediate = setImmediate(this.flush);
  }

  /** What the relay measured so far. */
  stats(): RelayStats {
    return { connections: this.connections, chunks: this.chunks, bytes: this.bytes, lateness: this.lateness.summary(), drawn: this.drawn.summary() };
  }

  /** Stops listening and drops every connection. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    for (const s of this.sockets) s.destroy();
    this.lanes.clear();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

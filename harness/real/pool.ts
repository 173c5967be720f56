/**
 * A connection pool per node: at most `size` sessions; an operation that finds every session busy
 * waits in FIFO order (counted: that is client-side saturation). A broken session is dropped and
 * replaced on demand; while a node cannot be reached, waiting operations stay queued (they time
 * out as a client would) and a reconnect is tried every 100 ms.
 */
import type { RealSession } from './backend.js';

/** Something waiting for a session. */
export interface Waiter {
  /** Set once the operation no longer wants a session (timed out, or the run ended). */
  readonly done: boolean;
  /** When it started waiting (runtime µs). */
  queuedAt: number;
  grant(s: RealSession): void;
}

const RECONNECT_MS = 100;

/** The sessions of one node. */
export class NodePool {
  private readonly free: RealSession[] = [];
  /** Sessions handed out, by session. */
  readonly busy = new Set<RealSession>();
  private readonly queue: Waiter[] = [];
  private qHead = 0;
  private connecting = 0;
  private retry: NodeJS.Timeout | null = null;
  private closed = false;
  /** Operations that waited, and the most waiting at once. */
  waited = 0;
  maxQueued = 0;

  constructor(readonly node: number, readonly size: number, private readonly open: () => Promise<RealSession>, private readonly onWait: (us: number) => void, private readonly now: () => number) {}

  /** Opens `count` sessions up front (before the clock starts). */
  async warm(count: number): Promise<void> {
    const n = Math.min(count, this.size);
    const sessions = await Promise.all(Array.from({ length: n }, () => this.open()));
    this.free.push(...sessions);
  }

  private get total(): number {
    return this.free.length + this.busy.size + this.connecting;
  }

  private get queued(): number {
    return this.queue.length - this.qHead;
  }

  /** Hands `w` a session now, or queues it. */
  acquire(w: Waiter): void {
    const s = this.free.pop();
    if (s) {
      this.busy.add(s);
      w.grant(s);
      return;
    }
    w.queuedAt = this.now();
    this.queue.push(w);
    this.waited++;
    if (this.queued > this.maxQueued) this.maxQueued = this.queued;
    this.grow();
  }

  /** Returns a session (a broken one is dropped). */
  release(s: RealSession): void {
    this.busy.delete(s);
    if (s.broken || this.closed) {
      void s.close();
      this.grow();
      return;
    }
    const w = this.next();
    if (w) {
      this.busy.add(s);
      this.onWait(this.now() - w.queuedAt);
      w.grant(s);
    } else this.free.push(s);
  }

  private next(): Waiter | undefined {
    while (this.qHead < this.queue.length) {
      const w = this.queue[this.qHead++]!;
      if (this.qHead > 1024 && this.qHead * 2 > this.queue.length) {
        this.queue.splice(0, this.qHead);
        this.qHead = 0;
      }
      if (!w.done) return w;
    }
    return undefined;
  }

  /** Opens another session if operations wait and the pool has room. */
  private grow(): void {
    if (this.closed || this.retry) return;
    while (this.queued > this.connecting && this.total < this.size) {
      this.connecting++;
      this.open().then(
        (s) => {
          this.connecting--;
          this.release(s);
        },
        () => {
          this.connecting--;
          // Unreachable: try again shortly (waiting operations time out meanwhile).
          if (!this.retry && !this.closed) {
            this.retry = setTimeout(() => {
              this.retry = null;
              this.grow();
            }, RECONNECT_MS);
          }
        },
      );
    }
  }

  /** Server ids of the sessions handed out (to cancel what they run). */
  busyPids(): number[] {
    return [...this.busy].map((s) => s.serverPid);
  }

  /** Closes every session (busy ones once they are returned or after a second). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    const all = [...this.free, ...this.busy];
    this.free.length = 0;
    await Promise.all(all.map((s) => s.close()));
  }
}

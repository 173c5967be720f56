/**
 * The write-then-poll lag probe, for any backend: every interval it bumps a probe counter on the
 * primary and polls each replica back to back until it shows the new value; a sample is the send
 * time of the first poll that saw it minus the write's acknowledgement. Probes still unseen when
 * it closes become censored samples (end − acknowledgement), as the simulator counts unapplied writes.
 */
import type { LagSink } from './backend.js';

/** How the prober reaches the cluster. */
export interface ProbeTarget {
  /** Replicas polled (numbered 1..replicas). */
  readonly replicas: number;
  /** Bumps the probe counter on the primary; resolves with its new value once acknowledged. */
  write(): Promise<number>;
  /** Reads the probe counter on replica `i` (rejects while the replica is unreachable). */
  read(i: number): Promise<number>;
}

/** A running probe. */
export class LagProber {
  private timer: NodeJS.Timeout | null = null;
  private writing = false;
  private closed = false;
  private readonly pending: { n: number; ack: number; seen: boolean[] }[] = [];
  private readonly polling: boolean[] = [];
  private readonly pollers: Promise<void>[] = [];
  /** Probe writes acknowledged. */
  count = 0;

  constructor(private readonly target: ProbeTarget, private readonly now: () => number, private readonly sink: LagSink) {}

  /** Probes every `intervalUs` until closed. */
  start(intervalUs: number): void {
    const tick = () => {
      if (this.closed) return;
      this.timer = setTimeout(tick, intervalUs / 1000);
      void this.probe();
    };
    this.timer = setTimeout(tick, intervalUs / 1000);
  }

  private async probe(): Promise<void> {
    if (this.writing || this.target.replicas < 1) return; // one probe write at a time (a blocked primary blocks probes too)
    this.writing = true;
    try {
      const n = await this.target.write();
      if (this.closed) return;
      this.count++;
      this.pending.push({ n, ack: this.now(), seen: Array.from({ length: this.target.replicas + 1 }, (_, i) => i === 0) });
      for (let i = 1; i <= this.target.replicas; i++) if (!this.polling[i]) this.pollers.push(this.poll(i));
    } catch {
      // the primary is down or the probe was cancelled: no sample
    } finally {
      this.writing = false;
    }
  }

  private async poll(i: number): Promise<void> {
    this.polling[i] = true;
    try {
      while (!this.closed && this.pending.some((p) => !p.seen[i])) {
        const sent = this.now();
        let n: number;
        try {
          n = await this.target.read(i);
        } catch {
          await new Promise((r) => setTimeout(r, 50)); // the replica is down: try again shortly
          continue;
        }
        if (this.closed) return;
        for (const p of this.pending) {
          if (!p.seen[i] && p.n <= n) {
            p.seen[i] = true;
            this.sink(Math.max(0, sent - p.ack), sent);
          }
        }
        while (this.pending.length && this.pending[0]!.seen.every(Boolean)) this.pending.shift();
      }
    } finally {
      this.polling[i] = false;
    }
  }

  /** Stops probing; probes still unseen become censored samples at the current time. Waits up to 2 s for pollers to return. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    const end = this.now();
    for (const p of this.pending) for (let i = 1; i < p.seen.length; i++) if (!p.seen[i]) this.sink(end - p.ack, end);
    this.pending.length = 0;
    await Promise.race([Promise.all(this.pollers), new Promise((r) => setTimeout(r, 2000).unref())]);
  }
}

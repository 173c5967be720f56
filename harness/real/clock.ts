/**
 * Wall-clock time for real backends (never used by the simulator): µs since the case's start,
 * and wake-ups at a given time that are late by as little as Node allows (timers have
 * millisecond resolution, so the last 2 ms are waited out with setImmediate).
 */
import { performance } from 'node:perf_hooks';

/** Waits longer than this (µs) use a timer for all but the last 2 ms. */
const TIMER_FROM_US = 2500;

/** A case's clock. */
export class RealClock {
  private t0 = performance.now();

  /** Starts the clock again at 0 (when the workload starts, after the set-up). */
  restart(): void {
    this.t0 = performance.now();
  }

  /** µs since the clock started. */
  now(): number {
    return (performance.now() - this.t0) * 1000;
  }

  /** Calls `fn` at `atUs` (at once if that has passed); returns a cancel function. */
  at(atUs: number, fn: () => void): () => void {
    let timer: NodeJS.Timeout | null = null;
    let imm: NodeJS.Immediate | null = null;
    let cancelled = false;
    const check = () => {
      timer = null;
      imm = null;
      if (cancelled) return;
      const wait = atUs - this.now();
      if (wait <= 0) fn();
      else if (wait > TIMER_FROM_US) timer = setTimeout(check, Math.floor((wait - 2000) / 1000));
      else imm = setImmediate(check);
    };
    check();
    return () => {
      cancelled = true;
      if (timer) clearTimeout(timer);
      if (imm) clearImmediate(imm);
    };
  }
}

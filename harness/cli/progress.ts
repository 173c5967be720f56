/**
 * Progress while a suite runs: a redrawn bar (cli-progress) on a terminal; plain periodic lines
 * when output is not a terminal (CI logs); nothing with --quiet. Failures are always reported.
 * Counts include the cases a resumed run found in its journal; elapsed time runs from the start
 * of the run; the ETA counts the finished share of cases in flight (their virtual time done).
 */
import cliProgress from 'cli-progress';
import { performance } from 'node:perf_hooks';
import type { CaseResult } from '../../reports/schema.js';

/** Reports progress of a run. */
export interface Progress {
  /** `count` cases were already done before this run (found in the journal of a resumed run). */
  resumed(count: number): void;
  /** A case in flight has simulated `fraction` (0..1) of its virtual time. */
  running(c: { readonly id: string; readonly name: string }, fraction: number): void;
  /** A case finished. */
  done(result: CaseResult): void;
  /** The run ended (or was interrupted). */
  stop(): void;
}

/** How progress is shown. */
export interface ProgressOptions {
  readonly quiet: boolean;
  /** Redraw a bar (a terminal) or print lines (a log). */
  readonly tty: boolean;
  /** The command that replays a failed case. */
  readonly replayHint: (r: CaseResult) => string;
  /** Where progress goes (default: standard error). */
  readonly stream?: NodeJS.WritableStream;
  /** Wall-clock milliseconds (default: performance.now). */
  readonly now?: () => number;
}

/** Without a terminal, a line is printed for a finished case at most every this many ms (on larger runs)… */
const LINE_EVERY_MS = 2_000;
/** …and for progress inside cases at most every this many ms. */
const RUNNING_LINE_EVERY_MS = 10_000;

/** Seconds for humans: `42s`, `3m05s`, `1.5h`; `–` when unknown. */
export function formatSeconds(s: number | undefined): string {
  if (s === undefined || !Number.isFinite(s)) return '–';
  const whole = Math.round(s);
  if (whole >= 3600) return `${(whole / 3600).toFixed(1)}h`;
  if (whole >= 60) return `${Math.floor(whole / 60)}m${String(whole % 60).padStart(2, '0')}s`;
  return `${whole}s`;
}

/** A snapshot of a run's progress. */
export interface ProgressSnapshot {
  /** Cases finished, including those found in the journal. */
  readonly done: number;
  readonly total: number;
  /** Cases finished plus the finished share of the cases in flight, over the total (0..1). */
  readonly share: number;
  readonly elapsedS: number;
  /** Seconds left at the rate of this run so far; undefined until some work is done. */
  readonly etaS: number | undefined;
  readonly failed: number;
  /** Cases in flight and the share of each that is done. */
  readonly running: readonly { readonly name: string; readonly fraction: number }[];
}

/** The progress state of a run (no output): counts, elapsed time, ETA. */
export class ProgressState {
  private already = 0;
  private completed = 0;
  private failures = 0;
  private readonly inFlight = new Map<string, { name: string; fraction: number }>();

  constructor(
    readonly total: number,
    private readonly startMs: number,
  ) {}

  /** Cases already done before this run. */
  resumed(count: number): void {
    this.already = count;
  }

  /** A case in flight reports its share done. */
  running(id: string, name: string, fraction: number): void {
    this.inFlight.set(id, { name, fraction: Math.min(1, Math.max(0, fraction)) });
  }

  /** A case finished. */
  done(r: CaseResult): void {
    this.inFlight.delete(r.id);
    this.completed++;
    if (r.status !== 'ok') this.failures++;
  }

  /** The numbers to show at wall-clock time `nowMs`. */
  snapshot(nowMs: number): ProgressSnapshot {
    const elapsedS = Math.max(0, (nowMs - this.startMs) / 1000);
    let work = this.completed;
    for (const r of this.inFlight.values()) work += r.fraction;
    const remaining = Math.max(0, this.total - this.already - work);
    const etaS = remaining === 0 ? 0 : work > 0 && elapsedS > 0 ? (remaining * elapsedS) / work : undefined;
    return {
      done: this.already + this.completed,
      total: this.total,
      share: this.total > 0 ? Math.min(1, (this.already + work) / this.total) : 1,
      elapsedS,
      etaS,
      failed: this.failures,
      running: [...this.inFlight.values()],
    };
  }
}

const runningText = (s: ProgressSnapshot) => s.running.map((r) => `${r.name.length > 40 ? `${r.name.slice(0, 39)}…` : r.name} ${Math.floor(r.fraction * 100)}%`).join(', ');

/** One plain progress line, e.g. `[4/6] 71%  elapsed 12s  ETA 5s  failed 0  (running: async 40%)`. */
export function progressLine(s: ProgressSnapshot, tail: string): string {
  return `[${s.done}/${s.total}] ${Math.floor(100 * s.share)}%  elapsed ${formatSeconds(s.elapsedS)}  ETA ${formatSeconds(s.etaS)}  failed ${s.failed}${tail ? `  (${tail})` : ''}`;
}

/** Builds the reporter for a run of `total` cases (including any a resumed run finds done); the elapsed time starts now. */
export function createProgress(total: number, opts: ProgressOptions): Progress {
  const stream = opts.stream ?? process.stderr;
  const now = opts.now ?? (() => performance.now());
  const state = new ProgressState(total, now());
  const failure = (r: CaseResult) => (r.status === 'ok' ? undefined : `${r.status === 'timed-out' ? 'TIMED OUT' : 'FAILED'}: ${r.name} (case ${r.id}, seed ${r.seed}): ${r.error.message}\n  replay: ${opts.replayHint(r)}`);
  if (opts.quiet) {
    return {
      resumed: (n) => state.resumed(n),
      running: () => {},
      done: (r) => {
        state.done(r);
        const f = failure(r);
        if (f) stream.write(`${f}\n`);
      },
      stop: () => {},
    };
  }
  if (opts.tty) {
    // The bar is drawn from the first report on (nothing is drawn if the run stops before any case starts).
    let multi: cliProgress.MultiBar | undefined;
    let bar: cliProgress.SingleBar | undefined;
    const draw = () => {
      const s = state.snapshot(now());
      const payload = { done: s.done, cases: s.total, pct: Math.floor(100 * s.share), elapsed: formatSeconds(s.elapsedS), left: formatSeconds(s.etaS), failed: s.failed, running: s.running.length ? ` | running: ${runningText(s)}` : '' };
      if (!multi) {
        multi = new cliProgress.MultiBar(
          { format: ' {bar} {done}/{cases} cases | {pct}% | elapsed {elapsed} | ETA {left} | failed {failed}{running}', hideCursor: true, clearOnComplete: false, stream, barsize: 30 },
          cliProgress.Presets.shades_classic,
        );
        bar = multi.create(1000, 0, payload);
      }
      bar!.update(Math.round(1000 * s.share), payload);
    };
    return {
      resumed: (n) => state.resumed(n),
      running: (c, fraction) => {
        state.running(c.id, c.name, fraction);
        draw();
      },
      done: (r) => {
        state.done(r);
        draw();
        const f = failure(r);
        if (f) multi!.log(`${f}\n`);
      },
      stop: () => multi?.stop(),
    };
  }
  let lastLine = -Infinity;
  return {
    resumed: (n) => state.resumed(n),
    running: (c, fraction) => {
      state.running(c.id, c.name, fraction);
      const t = now();
      if (t - lastLine < RUNNING_LINE_EVERY_MS) return;
      lastLine = t;
      const s = state.snapshot(t);
      stream.write(`${progressLine(s, `running: ${runningText(s)}`)}\n`);
    },
    done: (r) => {
      state.done(r);
      const f = failure(r);
      if (f) stream.write(`${f}\n`);
      const t = now();
      const s = state.snapshot(t);
      if (t - lastLine < LINE_EVERY_MS && s.done < s.total && s.total > 20) return;
      lastLine = t;
      stream.write(`${progressLine(s, `last: ${r.name}`)}\n`);
    },
    stop: () => {},
  };
}

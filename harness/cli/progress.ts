/**
 * Progress while a suite runs: a redrawn bar (cli-progress) on a terminal; plain periodic lines
 * when output is not a terminal (CI logs); nothing with --quiet. Failures are always reported.
 */
import cliProgress from 'cli-progress';
import type { CaseResult } from '../../reports/schema.js';

/** Reports progress of a run. */
export interface Progress {
  /** A case finished. */
  done(result: CaseResult): void;
  /** The run ended (or was interrupted). */
  stop(): void;
}

const fmt = (s: number) => (s >= 3600 ? `${(s / 3600).toFixed(1)}h` : s >= 60 ? `${Math.floor(s / 60)}m${Math.round(s % 60)}s` : `${Math.round(s)}s`);

/** Builds the reporter for `total` cases, of which `already` were done before (resume). */
export function createProgress(total: number, already: number, opts: { quiet: boolean; tty: boolean; replayHint: (r: CaseResult) => string }): Progress {
  let done = already;
  let failures = 0;
  const t0 = performance.now();
  let lastLine = 0;
  const failure = (r: CaseResult) => {
    if (r.status === 'ok') return;
    failures++;
    return `${r.status === 'timed-out' ? 'TIMED OUT' : 'FAILED'}: ${r.name} (case ${r.id}, seed ${r.seed}): ${r.error.message}\n  replay: ${opts.replayHint(r)}`;
  };
  if (opts.quiet) {
    return {
      done: (r) => {
        const f = failure(r);
        if (f) process.stderr.write(`${f}\n`);
      },
      stop: () => {},
    };
  }
  if (opts.tty) {
    const multi = new cliProgress.MultiBar(
      { format: ' {bar} {value}/{total} cases | {percentage}% | ETA {eta_formatted} | elapsed {duration_formatted} | failed {failed}', hideCursor: true, clearOnComplete: false, etaBuffer: 20, stream: process.stderr },
      cliProgress.Presets.shades_classic,
    );
    const bar = multi.create(total, done, { failed: 0 });
    return {
      done: (r) => {
        done++;
        const f = failure(r);
        if (f) multi.log(`${f}\n`);
        bar.update(done, { failed: failures });
      },
      stop: () => multi.stop(),
    };
  }
  return {
    done: (r) => {
      done++;
      const f = failure(r);
      if (f) process.stderr.write(`${f}\n`);
      const now = performance.now();
      if (now - lastLine < 2000 && done < total && total > 20) return;
      lastLine = now;
      const elapsed = (now - t0) / 1000;
      const rate = (done - already) / Math.max(elapsed, 1e-3);
      const eta = rate > 0 ? (total - done) / rate : 0;
      process.stderr.write(`[${done}/${total}] ${Math.floor((100 * done) / total)}%  elapsed ${fmt(elapsed)}  ETA ${fmt(eta)}  failed ${failures}  (last: ${r.name})\n`);
    },
    stop: () => {},
  };
}

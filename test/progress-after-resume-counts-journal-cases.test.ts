/**
 * Progress after `--resume` counts the cases already in the journal (a 6-case run with 3 done
 * ends at 6/6, not 3/6); elapsed time runs from the start of the run; the ETA is never "0s" while
 * work is left (unknown until some work is done: "–").
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createProgress } from '../harness/cli/progress.js';
import type { CaseResult } from '../reports/schema.js';
import { replbench, suiteFile } from './helpers/cli.js';

/** A progress reporter writing plain lines into an array, on a clock the test sets. */
function recorder(total: number) {
  const lines: string[] = [];
  let t = 1_000;
  const stream = { write: (s: string) => (lines.push(...s.trimEnd().split('\n')), true) } as unknown as NodeJS.WritableStream;
  const progress = createProgress(total, { quiet: false, tty: false, replayHint: () => '', stream, now: () => t });
  return { lines, progress, at: (ms: number) => (t = 1_000 + ms) };
}

const ok = (id: string): CaseResult => ({ status: 'ok', id, name: `case ${id}`, index: 0, seed: 1 }) as unknown as CaseResult;

describe('progress after --resume', () => {
  it('counts resumed cases, measures elapsed time from the start and estimates the time left from this run', () => {
    const { lines, progress, at } = recorder(6);
    progress.resumed(3);
    at(500);
    progress.running({ id: 'a', name: 'case a' }, 0);
    expect(lines.at(-1)).toMatch(/^\[3\/6\] 50% {2}elapsed 1s {2}ETA – {2}failed 0 {2}\(running: case a 0%\)$/);
    at(20_000);
    progress.done(ok('a'));
    // One case in 20 s, two left: 40 s.
    expect(lines.at(-1)).toBe('[4/6] 66%  elapsed 20s  ETA 40s  failed 0  (last: case a)');
    at(40_000);
    progress.running({ id: 'b', name: 'case b' }, 0.5);
    // 1.5 cases of work in 40 s, 1.5 left: 40 s.
    expect(lines.at(-1)).toBe('[4/6] 75%  elapsed 40s  ETA 40s  failed 0  (running: case b 50%)');
    at(41_000);
    progress.done(ok('b'));
    at(70_000);
    progress.done(ok('c'));
    expect(lines.at(-1)).toBe('[6/6] 100%  elapsed 1m10s  ETA 0s  failed 0  (last: case c)');
    for (const l of lines.slice(0, -1)) expect(l).not.toMatch(/ETA 0s/);
  });

  it('a resumed CLI run reports 4/6 … 6/6 after 3 journalled cases', () => {
    const file = suiteFile(`name: resumable
seed: 5
duration: 300ms
network: { nodeToNode: 1ms, clientToNode: 100us }
workload: { records: 100, clients: { model: closed, count: 4 } }
matrix:
  strategy: [async, sync]
  workload.readProportion: [0.2, 0.5, 0.8]
`);
    const dir = path.dirname(file);
    try {
      const out = path.join(dir, 'run');
      expect(replbench(['run', file, '--out', out, '--quiet']).code).toBe(0);
      // Keep the header and the first three finished cases, as an interrupted run would leave them.
      const journal = path.join(out, 'journal.jsonl');
      writeFileSync(journal, `${readFileSync(journal, 'utf8').split('\n').slice(0, 4).join('\n')}\n`);
      const r = replbench(['run', file, '--resume', out, '--workers', '1']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain('resuming: 3 cases already in the journal');
      // The line printed as each case finishes (lines about cases in flight say "running:").
      expect([...r.stderr.matchAll(/^\[(\d+)\/6\].*\(last: /gm)].map((m) => Number(m[1]))).toEqual([4, 5, 6]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

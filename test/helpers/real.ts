/** Helpers for real-backend tests: run a suite's real cases, and find PostgreSQL processes a test may have left. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { expandSuite } from '../../harness/config/suite.js';
import { runRealCases } from '../../harness/real/run-real-cases.js';
import type { CaseOk, CaseResult } from '../../reports/schema.js';
import type { CaseMetrics } from '../../harness/metrics/types.js';
import type { RealMetrics } from '../../harness/real/backend.js';
import { ROOT } from './cli.js';

/** Expands `suite` (a plain object) and runs its cases against the real backend, one at a time. */
export async function runReal(suite: Record<string, unknown>, caseTimeoutMs = 60_000): Promise<CaseResult[]> {
  const s = await expandSuite(suite, 'test', { baseDir: process.cwd() });
  const { results } = await runRealCases(s.cases, { caseTimeoutMs, log: (l) => console.log(l) });
  return results;
}

/** The metrics of an ok result (fails the test with the case's error otherwise). */
export function okMetrics(r: CaseResult | undefined): CaseMetrics & { real: RealMetrics } {
  if (!r) throw new Error('no result');
  if (r.status !== 'ok') throw new Error(`case ${r.name} ${r.status}: ${r.error.message}`);
  return (r as CaseOk).metrics as CaseMetrics & { real: RealMetrics };
}

/** Process ids of running processes started in, or working in, `dir` (a server's children work in its data folder). */
export function processesUnder(dir: string): number[] {
  const out: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d) || Number(d) === process.pid) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      if (stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z') continue;
      let cwd = '';
      try {
        cwd = readlinkSync(`/proc/${d}/cwd`);
      } catch {
        cwd = '';
      }
      const cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0').join(' ');
      if (cwd === dir || cwd.startsWith(`${dir}/`) || cmd.includes(dir)) out.push(Number(d));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** Starts test/fixtures/start-backend-and-wait.mjs for `kind` in a child process; resolves with the child and its run folder once the cluster is up. */
export function startBackendChild(kind: 'postgres' | 'redis' | 'mariadb'): Promise<{ child: ChildProcess; dir: string }> {
  const child = spawn(process.execPath, [path.join(ROOT, 'test', 'fixtures', 'start-backend-and-wait.mjs'), path.join(ROOT, 'dist'), kind], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /ready (\S+)/.exec(out);
      if (m) resolve({ child, dir: m[1]! });
    });
    child.once('exit', (code) => reject(new Error(`fixture exited with ${code} before the cluster was up`)));
  });
}

/** Resolves with a child's exit code (-1 when a signal ended it) once it has exited. */
export const exited = (child: ChildProcess): Promise<number | null> => new Promise((r) => (child.exitCode !== null ? r(child.exitCode) : child.once('exit', (code, sig) => r(code ?? (sig ? -1 : null)))));

/**
 * A 2.5 s case of many reads of just-written keys on a 3-node cluster, for each of `backends`:
 * 1 ms between nodes (an asynchronous replica is behind for about that long after each write) and
 * 50 hot keys, half reads from a random replica and half updates.
 */
export function hotKeysSuite(name: string, backends: readonly Record<string, unknown>[]): Record<string, unknown> {
  return {
    name,
    duration: '2500ms',
    warmup: '300ms',
    cluster: { nodes: 3 },
    network: { nodeToNode: '1ms', clientToNode: 0 },
    workload: { records: 50, readProportion: 0.5, updateProportion: 0.5, keys: 'uniform', reads: 'follower', clients: { model: 'closed', count: 8 } },
    matrix: { backend: backends },
  };
}

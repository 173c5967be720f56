/** Helpers for real-backend tests: run a suite's real cases, and find PostgreSQL processes a test may have left. */
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { expandSuite } from '../../harness/config/suite.js';
import { runRealCases } from '../../harness/real/run-real-cases.js';
import type { CaseOk, CaseResult } from '../../reports/schema.js';
import type { CaseMetrics } from '../../harness/metrics/types.js';
import type { RealMetrics } from '../../harness/real/backend.js';

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

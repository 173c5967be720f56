/**
 * Ctrl-C during a run: exit 130, journal and results.json hold every finished case with run
 * status `interrupted`; `--resume` completes the rest and the final results equal an
 * uninterrupted run's.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, replbench, suiteFile } from './helpers/cli.js';

// Six cases of roughly half a second of simulation each.
const suite = `name: interruptible
seed: 21
duration: 3s
cluster: { nodes: 3, replicationFactor: 3 }
network: { nodeToNode: { dist: exponential, mean: 1ms }, clientToNode: 50us }
workload: { records: 1000, readProportion: 0.5, reads: follower, clients: { model: closed, count: 16 } }
matrix:
  strategy: [async, sync]
  workload.readProportion: [0.2, 0.5, 0.8]
`;

function journalCases(dir: string): number {
  const file = path.join(dir, 'journal.jsonl');
  if (!existsSync(file)) return 0;
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.includes('"type":"case"')).length;
}

describe('interruption and resume', () => {
  it('SIGINT keeps finished cases, exits 130, and --resume completes the run identically', async () => {
    const file = suiteFile(suite);
    const dir = path.dirname(file);
    const out = path.join(dir, 'run');
    const child = spawn(process.execPath, [CLI, 'run', file, '--out', out, '--workers', '1'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Wait until two cases are in the journal, then interrupt.
    for (let i = 0; i < 600 && journalCases(out) < 2; i++) await new Promise((r) => setTimeout(r, 50));
    expect(journalCases(out)).toBeGreaterThanOrEqual(2);
    child.kill('SIGINT');
    const code = await exited;
    expect(code, stderr).toBe(130);
    expect(stderr).toContain('--resume');
    const interrupted = JSON.parse(readFileSync(path.join(out, 'results.json'), 'utf8'));
    expect(interrupted.status).toBe('interrupted');
    expect(interrupted.cases.length).toBeGreaterThanOrEqual(2);
    expect(interrupted.cases.length).toBeLessThan(6);
    expect(interrupted.cases.length).toBe(journalCases(out));
    expect(interrupted.cases.every((c: { status: string }) => c.status === 'ok')).toBe(true);

    const resumed = replbench(['run', file, '--resume', out, '--quiet']);
    expect(resumed.code, resumed.stderr).toBe(0);
    const final = JSON.parse(readFileSync(path.join(out, 'results.json'), 'utf8'));
    expect(final.status).toBe('complete');
    expect(final.cases).toHaveLength(6);

    const clean = replbench(['run', file, '--out', path.join(dir, 'clean'), '--quiet']);
    expect(clean.code).toBe(0);
    expect(readFileSync(path.join(out, 'results.csv'), 'utf8')).toBe(readFileSync(path.join(dir, 'clean', 'results.csv'), 'utf8'));
  });

  it('--resume refuses a journal written for a different suite', () => {
    const a = suiteFile(suite.replace('duration: 3s', 'duration: 200ms'));
    const out = path.join(path.dirname(a), 'run');
    expect(replbench(['run', a, '--out', out, '--quiet']).code).toBe(0);
    const changed = suiteFile(suite.replace('duration: 3s', 'duration: 300ms'));
    const r = replbench(['run', changed, '--resume', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the suite changed');
  });
});

/**
 * No PostgreSQL server outlives what started it: a case that fails after its servers started, a
 * case stopped by its wall-clock limit, a process interrupted with Ctrl-C (SIGINT) or SIGTERM, and
 * a run killed outright (SIGKILL: its servers survive it, and the next run stops them and removes
 * its folder, found through the pid files it left).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expandSuite } from '../harness/config/suite.js';
import { RunFolder, removeStaleRuns } from '../harness/real/processes.js';
import { runRealCase } from '../harness/real/run-real-case.js';
import { ROOT } from './helpers/cli.js';
import { exited, processesUnder, startBackendChild } from './helpers/real.js';

const folder = RunFolder.create();
afterAll(() => folder.close());

async function oneCase(extra: Record<string, unknown> = {}) {
  const suite = await expandSuite({ name: 'stop', duration: '3s', workload: { records: 10, clients: { model: 'closed', count: 2 } }, backend: { kind: 'postgres' }, ...extra }, 'test', { baseDir: ROOT });
  return suite.cases[0]!;
}


describe('postgres servers', () => {
  it('are stopped when a case fails after they started', async () => {
    const c = await oneCase();
    // The start-up log line is written once every server is up; failing there fails the case with servers running.
    const r = await runRealCase(c, { folder, log: () => { throw new Error('injected failure'); } });
    expect(r.status).toBe('failed');
    expect(r.status === 'failed' && r.error.message).toContain('injected failure');
    expect(processesUnder(folder.dir)).toEqual([]);
  });

  it('are stopped when a case runs past its limit', async () => {
    const c = await oneCase({ duration: '30s' });
    const ac = new AbortController();
    setTimeout(() => ac.abort(new Error('timed out')), 2500);
    const r = await runRealCase(c, { folder, signal: ac.signal });
    expect(r.status).toBe('failed');
    expect(r.wallMs).toBeLessThan(20_000);
    expect(processesUnder(folder.dir)).toEqual([]);
  });

  for (const [sig, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    it(`are stopped, and their folder removed, when the process gets ${sig}`, async () => {
      const { child, dir } = await startBackendChild('postgres');
      expect(processesUnder(dir).length).toBeGreaterThanOrEqual(2); // the primary, the standby and their children
      child.kill(sig);
      expect(await exited(child)).toBe(code);
      expect(processesUnder(dir)).toEqual([]);
      expect(existsSync(dir)).toBe(false);
    });
  }

  it('left by a killed run are stopped by the next run, which removes the folder', async () => {
    const { child, dir } = await startBackendChild('postgres');
    child.kill('SIGKILL');
    await exited(child);
    expect(processesUnder(dir).length).toBeGreaterThanOrEqual(2); // a killed process cannot stop its servers
    const found = removeStaleRuns();
    console.log(`removed ${found.map((f) => `${path.basename(f.dir)} (${f.stopped} servers stopped)`).join(', ') || 'nothing (another test file cleaned it first)'}`);
    expect(processesUnder(dir)).toEqual([]);
    expect(existsSync(dir)).toBe(false);
  });
});

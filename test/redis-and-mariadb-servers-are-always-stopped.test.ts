/**
 * No redis-server or mariadbd outlives what started it: a case that fails after its servers
 * started, a case stopped by its wall-clock limit, a process that gets SIGTERM, and a run killed
 * outright (SIGKILL: its servers survive it, and the next run stops them, found through the
 * owner.json the run folder keeps, and removes the folder). Each backend missing from the machine
 * is skipped with a message.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expandSuite } from '../harness/config/suite.js';
import { backendModule } from '../harness/real/backends.js';
import { RunFolder, removeStaleRuns } from '../harness/real/processes.js';
import { runRealCase } from '../harness/real/run-real-case.js';
import { ROOT } from './helpers/cli.js';
import { exited, processesUnder, startBackendChild } from './helpers/real.js';

const folder = RunFolder.create();
afterAll(() => folder.close());


for (const kind of ['redis', 'mariadb'] as const) {
  const missing = await (await backendModule(kind)).unavailable();
  if (missing) console.log(`skipping the ${kind} server-stop checks: ${missing}`);

  describe.skipIf(missing !== null)(`${kind} servers`, () => {
    const oneCase = async (extra: Record<string, unknown> = {}) => {
      const suite = await expandSuite({ name: 'stop', duration: '3s', cluster: { nodes: 2, replicationFactor: 2 }, workload: { records: 10, clients: { model: 'closed', count: 2 } }, backend: { kind }, ...extra }, 'test', { baseDir: ROOT });
      return suite.cases[0]!;
    };

    it('are stopped when a case fails after they started', async () => {
      // The start-up log line is written once every server is up; failing there fails the case with servers running.
      const r = await runRealCase(await oneCase(), { folder, log: () => { throw new Error('injected failure'); } });
      expect(r.status).toBe('failed');
      expect(r.status === 'failed' && r.error.message).toContain('injected failure');
      expect(processesUnder(folder.dir)).toEqual([]);
    });

    it('are stopped when a case runs past its limit', async () => {
      const ac = new AbortController();
      setTimeout(() => ac.abort(new Error('timed out')), 2500);
      const r = await runRealCase(await oneCase({ duration: '30s' }), { folder, signal: ac.signal });
      expect(r.status).toBe('failed');
      expect(r.wallMs).toBeLessThan(20_000);
      expect(processesUnder(folder.dir)).toEqual([]);
    });

    it('are stopped, and their folder removed, when the process gets SIGTERM', async () => {
      const { child, dir } = await startBackendChild(kind);
      expect(processesUnder(dir).length).toBeGreaterThanOrEqual(2); // the primary and the replica
      child.kill('SIGTERM');
      expect(await exited(child)).toBe(143);
      expect(processesUnder(dir)).toEqual([]);
      expect(existsSync(dir)).toBe(false);
    });

    it('left by a killed run are stopped by the next run, which removes the folder', async () => {
      const { child, dir } = await startBackendChild(kind);
      child.kill('SIGKILL');
      await exited(child);
      expect(processesUnder(dir).length).toBeGreaterThanOrEqual(2); // a killed process cannot stop its servers
      const found = removeStaleRuns();
      console.log(`removed ${found.map((f) => `${path.basename(f.dir)} (${f.stopped} servers stopped)`).join(', ') || 'nothing (another test file cleaned it first)'}`);
      expect(processesUnder(dir)).toEqual([]);
      expect(existsSync(dir)).toBe(false);
    });
  });
}

/**
 * backend.connection: a case runs against an existing PostgreSQL cluster named by connection
 * strings; replbench creates its tables there if missing, loads the records, runs the workload
 * with follower reads on the standby, and neither configures nor stops the servers.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { expandSuite } from '../harness/config/suite.js';
import { RunFolder } from '../harness/real/processes.js';
import { startPostgres } from '../harness/real/postgres/cluster.js';
import { PgSession } from '../harness/real/postgres/session.js';
import { runRealCase } from '../harness/real/run-real-case.js';
import type { CaseConfig } from '../harness/config/schema.js';
import { ROOT } from './helpers/cli.js';
import { okMetrics } from './helpers/real.js';

const folder = RunFolder.create();
afterAll(() => folder.close());

describe('an existing cluster', () => {
  it('runs a case through connection strings and is left running', async () => {
    // "Existing": a primary and one standby started here, reached only through their addresses.
    const config = { seed: 1, network: { nodeToNode: { dist: 'constant', value: 0 }, clientToNode: { dist: 'constant', value: 0 } } } as unknown as CaseConfig;
    const cluster = await startPostgres(config, { kind: 'postgres', standbys: 1, mode: 'async', acks: 0, synchronousCommit: 'on', pool: 2, relayClients: false, lagProbe: 50_000, connection: null }, folder);
    try {
      const ports: number[] = [];
      for (const node of [0, 1]) {
        const s = (await cluster.connect(node)) as PgSession;
        ports.push(Number((await s.sql<{ port: string }>('SHOW port'))[0]!.port));
        await s.close();
      }
      const url = (port: number) => `postgres://postgres@127.0.0.1:${port}/postgres`;
      const suite = await expandSuite(
        {
          name: 'existing',
          duration: '1500ms',
          cluster: { nodes: 2, replicationFactor: 2 },
          workload: { records: 20, readProportion: 0.5, reads: 'follower', clients: { model: 'closed', count: 2 } },
          backend: { kind: 'postgres', synchronousCommit: 'local', connection: { primary: url(ports[0]!), standbys: [url(ports[1]!)] } },
        },
        'test',
        { baseDir: ROOT },
      );
      const c = suite.cases[0]!;
      expect(c.name).toContain('postgres(existing cluster, local)');
      const m = okMetrics(await runRealCase(c, { folder }));
      expect(m.ops.write.count).toBeGreaterThan(50);
      expect(m.staleness.reads).toBeGreaterThan(50);
      expect(m.load.perNode.ops[1]).toBeGreaterThan(0); // the reads went to the standby
      // The cluster is still up: replbench stopped nothing.
      const p = (await cluster.connect(0)) as PgSession;
      expect(Number((await p.sql<{ n: string }>('SELECT count(*) AS n FROM replbench_kv'))[0]!.n)).toBe(20);
      await p.close();
    } finally {
      await cluster.close();
    }
  });
});
